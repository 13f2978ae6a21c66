"""signal_values as a cache: a re-run computes only new texts or changed signal versions, and
reading the work in batches stores the same values as one batch."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from brandcouch.analysis import signals as signals_run
from brandcouch.signals import SIGNALS, text_hash

N_TEXT_SIGNALS = sum(not s.needs_parent for s in SIGNALS.values())
#: no brand is configured in these stores: every text is the audience's
N_AUDIENCE = len(signals_run.role_signals("audience"))
T0 = datetime(2024, 1, 1, 12, 0)


def _add(store, rows) -> None:
    """rows: (native id, text, parent native id or None)."""
    store.con.executemany(
        """INSERT INTO messages (id, platform, native_id, author_id, created_at, text, text_hash,
               kind, parent_id, source_file, importer, importer_version, imported_at)
           VALUES (?, 'x', ?, 'x:a', ?, ?, ?, ?, ?, 'f', 'test', '1', ?)""",
        [
            (f"x:{i}", i, T0, text, text_hash(text), "reply" if parent else "post",
             f"x:{parent}" if parent else None, T0)
            for i, text, parent in rows
        ],
    )  # fmt: skip


THREAD = [
    ("1", "My order never arrived, why?", None),
    ("2", "So sorry! Please DM us your order number.", "1"),
    ("3", "Thanks, that fixed it!", "2"),
    ("4", "My order never arrived, why?", None),  # same text as 1: scored once
]


def _values(store):
    return store.con.execute("SELECT * FROM signal_values ORDER BY ALL").fetchall()


def test_rerun_computes_only_new_texts(store):
    _add(store, THREAD)
    assert signals_run.run_signals(store) == {"texts": 3, "pairs": 2}
    assert store.scalar("SELECT count(*) FROM signal_values") == 3 * N_AUDIENCE + 2
    before = _values(store)
    assert signals_run.run_signals(store) == {"texts": 0, "pairs": 0}
    assert _values(store) == before
    _add(store, [("5", "Still waiting for a reply", "2")])
    assert signals_run.run_signals(store) == {"texts": 1, "pairs": 1}
    assert store.scalar("SELECT count(*) FROM signal_values") == 4 * N_AUDIENCE + 3


def test_changed_version_recomputes_that_signal(store, monkeypatch):
    _add(store, THREAD)
    signals_run.run_signals(store)
    bumped = dataclasses.replace(SIGNALS["question"], version="question.v999")
    monkeypatch.setitem(SIGNALS, "question", bumped)
    assert signals_run.run_signals(store) == {"texts": 3, "pairs": 0}
    versions = store.con.execute(
        "SELECT DISTINCT version FROM signal_values WHERE signal = 'question'"
    ).fetchall()
    assert versions == [("question.v999",)]
    assert store.scalar("SELECT count(*) FROM signal_values") == 3 * N_AUDIENCE + 2
    assert signals_run.run_signals(store) == {"texts": 0, "pairs": 0}


@pytest.mark.parametrize("batch", [1, 2])
def test_small_batches_store_the_same_values(store, monkeypatch, batch):
    _add(store, THREAD)
    signals_run.run_signals(store)
    whole = _values(store)
    store.con.execute("DELETE FROM signal_values")
    monkeypatch.setattr(signals_run, "BATCH", batch)
    progress = []
    counts = signals_run.run_signals(store, progress=lambda done, total: progress.append(done))
    assert counts == {"texts": 3, "pairs": 2}
    assert progress[-1] == 3 and progress == sorted(progress)
    assert _values(store) == whole
    # no temp work tables are left behind
    temp = store.con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE temporary AND table_name LIKE 'todo%'"
    ).fetchall()
    assert temp == []


def test_each_side_gets_its_signals_and_a_new_brand_gets_the_rest(store):
    from brandcouch import api

    _add(store, THREAD)  # all written by x:a
    signals_run.run_signals(store)
    have = {r[0] for r in store.con.execute("SELECT DISTINCT signal FROM signal_values").fetchall()}
    assert "complaint" in have and "sales_pitch" not in have and "deflection" not in have
    # x:a turns out to be a brand account: only the brand-side signals it lacks are computed
    store.con.execute("INSERT INTO accounts (id, platform, native_id) VALUES ('x:a', 'x', 'a')")
    api.add_brands(store, [("Acme", [("x", "a")])])
    assert signals_run.run_signals(store) == {"texts": 3, "pairs": 0}
    per_text = store.con.execute(
        "SELECT key, count(*) FROM signal_values WHERE signal <> 'relevance' GROUP BY key"
    ).fetchall()
    assert {n for _, n in per_text} == {N_TEXT_SIGNALS}  # now both sides' sets, all 13
    assert store.scalar("SELECT count(*) FROM signal_values WHERE signal = 'sales_pitch'") == 3


def _counting(monkeypatch) -> dict[str, int]:
    """Wrap every signal's batch function so the test sees how many texts each one scored."""
    seen: dict[str, int] = {}
    for name, sig in list(SIGNALS.items()):

        def compute(texts, parents, _name=name, _fn=sig.compute):
            seen[_name] = seen.get(_name, 0) + len(texts)
            return _fn(texts, parents)

        monkeypatch.setitem(SIGNALS, name, dataclasses.replace(sig, compute=compute))
    return seen


def test_a_bumped_version_rescores_only_that_signal(store, monkeypatch):
    _add(store, THREAD)
    signals_run.run_signals(store)
    before = {
        (k, s): v
        for k, s, v in store.con.execute(
            "SELECT key, signal, value FROM signal_values WHERE signal <> 'gratitude'"
        ).fetchall()
    }
    seen = _counting(monkeypatch)
    monkeypatch.setitem(
        SIGNALS, "gratitude", dataclasses.replace(SIGNALS["gratitude"], version="gratitude.v999")
    )
    assert signals_run.run_signals(store) == {"texts": 3, "pairs": 0}
    # the three distinct texts were scored by gratitude alone: no other signal ran
    assert seen == {"gratitude": 3}
    after = {
        (k, s): v
        for k, s, v in store.con.execute(
            "SELECT key, signal, value FROM signal_values WHERE signal <> 'gratitude'"
        ).fetchall()
    }
    assert after == before
    assert store.scalar("SELECT count(*) FROM signal_values WHERE version = 'gratitude.v999'") == 3


def test_a_new_text_gets_every_signal_of_its_side_once(store, monkeypatch):
    _add(store, THREAD)
    signals_run.run_signals(store)
    seen = _counting(monkeypatch)
    _add(store, [("5", "Still waiting for a reply", "2")])
    signals_run.run_signals(store)
    audience = {s.name for s in signals_run.role_signals("audience")}
    assert seen == {**dict.fromkeys(audience, 1), "relevance": 1}


def _repeats(store) -> int:
    return store.scalar(
        "SELECT count(*) FROM (SELECT key, signal FROM signal_values "
        "GROUP BY ALL HAVING count(*) > 1)"
    )


def test_a_text_both_sides_wrote_is_scored_once_per_signal(store, monkeypatch):
    """signal_values has no primary key (migration 0006): a text written by a brand account
    and by a customer ("Thank you!") is listed for each signal once, by the first side that
    needs it, and the other side adds only what it alone needs."""
    from brandcouch import api

    store.con.execute("INSERT INTO accounts (id, platform, native_id) VALUES ('x:b', 'x', 'b')")
    api.add_brands(store, [("Acme", [("x", "b")])])
    _add(store, [("1", "Thank you so much!", None)])  # by x:a, a customer
    store.con.execute(
        """INSERT INTO messages (id, platform, native_id, author_id, created_at, text, text_hash,
               kind, parent_id, source_file, importer, importer_version, imported_at)
           VALUES ('x:2', 'x', '2', 'x:b', ?, 'Thank you so much!', ?, 'reply', 'x:1',
                   'f', 'test', '1', ?)""",
        [T0, text_hash("Thank you so much!"), T0],
    )
    seen = _counting(monkeypatch)
    assert signals_run.run_signals(store) == {"texts": 1 + 1, "pairs": 1}
    assert _repeats(store) == 0
    got = dict(
        store.con.execute(
            "SELECT signal, count(*) FROM signal_values WHERE key = ? GROUP BY signal",
            [text_hash("Thank you so much!")],
        ).fetchall()
    )
    assert set(got) == {s.name for s in SIGNALS.values() if not s.needs_parent}
    assert set(got.values()) == {1}
    # every text signal ran on the one text once: a shared one by the brand side's list,
    # an audience-only one by the audience side's
    assert {k: v for k, v in seen.items() if k != "relevance"} == dict.fromkeys(got, 1)


def test_a_bumped_version_replaces_the_old_rows(store, monkeypatch):
    _add(store, THREAD)
    signals_run.run_signals(store)
    n = store.scalar("SELECT count(*) FROM signal_values")
    old = SIGNALS["question"].version
    monkeypatch.setitem(
        SIGNALS, "question", dataclasses.replace(SIGNALS["question"], version="question.v998")
    )
    signals_run.run_signals(store)
    assert store.scalar("SELECT count(*) FROM signal_values") == n
    assert _repeats(store) == 0
    assert store.scalar("SELECT count(*) FROM signal_values WHERE version = ?", [old]) == 0
    # values of a signal this build does not know are left alone
    store.con.execute("INSERT INTO signal_values VALUES ('k', 'plugin_x', 'p.v1', 1.0, NULL)")
    signals_run.run_signals(store)
    assert store.scalar("SELECT count(*) FROM signal_values WHERE signal = 'plugin_x'") == 1


def test_a_v5_store_keeps_its_values_and_loses_the_index(db_path, monkeypatch):
    """Migration 0006 copies signal_values without its primary key: every row kept, the
    index gone, and a re-run finds nothing to compute."""
    from brandcouch.store import connection, open_store
    from brandcouch.store.schema import MIGRATIONS

    monkeypatch.setattr(connection, "MIGRATIONS", MIGRATIONS[:5])
    monkeypatch.setattr(connection, "SCHEMA_VERSION", 5)
    with open_store(db_path, create=True) as s:
        _add(s, THREAD)
        signals_run.run_signals(s)
        before = _values(s)
        assert (
            s.scalar(
                "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'signal_values' "
                "AND constraint_type = 'PRIMARY KEY'"
            )
            == 1
        )
    monkeypatch.setattr(connection, "MIGRATIONS", MIGRATIONS)
    monkeypatch.setattr(connection, "SCHEMA_VERSION", 6)
    with open_store(db_path) as s:
        assert s.applied_migrations()[-1] == "0006_signal_values_without_index"
        assert s.schema_version() == 6
        assert _values(s) == before and len(before) == 3 * N_AUDIENCE + 2
        assert (
            s.scalar(
                "SELECT count(*) FROM duckdb_constraints() WHERE table_name = 'signal_values' "
                "AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')"
            )
            == 0
        )
        assert signals_run.run_signals(s) == {"texts": 0, "pairs": 0}
        assert _values(s) == before


def test_the_todo_list_holds_exactly_the_missing_pairs(store):
    """The to-do list counts each key's values first and lists only keys short of one: one
    deleted (key, signal) brings back that key with that signal alone, nothing else."""
    from brandcouch.analysis.steps import Runner

    _add(store, THREAD)
    signals_run.run_signals(store)
    sql = signals_run.todo_texts_sql("audience")
    Runner(store).ensure("brand_map", "signal_values_all")
    assert store.con.execute(sql).fetchall() == []
    key = text_hash("Thanks, that fixed it!")
    store.con.execute("DELETE FROM signal_values WHERE key = ? AND signal = 'question'", [key])
    got = store.con.execute(sql).fetchall()
    assert got == [(0, key, "Thanks, that fixed it!", "question")]
