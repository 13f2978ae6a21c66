"""Compute the text signals the store still lacks (the step between import and analysis).

It moves texts from the store to :mod:`brandcouch.signals` (which never touches the store) and
back, in batches. The distinct texts (and reply pairs) lacking a current value are listed once
in numbered temp tables, declared as analysis steps (``todo_texts_brand``,
``todo_texts_audience``, ``todo_pairs_<signal>``), and read back in ranges of ``BATCH`` rows
(no ``ORDER BY ... OFFSET``). Text batches and then pair batches stream through one process
pool (:func:`score_stream`), so both cores compute while this process writes finished batches.

Which side wrote a message comes from the run's ``brand_map`` (the store's brands plus the
configuration's ``[brands]``). On a store opened read-only nothing is written: the values are
computed into the connection's ``temp_signal_values`` and used by the run's frame.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import numpy as np

from brandcouch.analysis.engine import engine_of, is_engine_store
from brandcouch.analysis.steps import Runner, Step, invalidate, register, reset
from brandcouch.settings import Config
from brandcouch.signals import SIGNALS
from brandcouch.signals.pipeline import parallel_threshold, score_stream
from brandcouch.store import Store
from brandcouch.store.signal_cache import append_values, drop_stale_versions, values_table

#: rows per batch sent to a worker
BATCH = 10_000
#: value rows (texts x signals) gathered before they are written in one transaction: about four
#: batches of texts (bench/RESULTS.md, issue 15 session 34: 36 small transactions cost the
#: import's main process 1.5 CPU-s more than 9 large ones at 200k messages)
WRITE_ROWS = 1_000_000


def _text_signals():
    return [s for s in SIGNALS.values() if not s.needs_parent]


def _pair_signals():
    return [s for s in SIGNALS.values() if s.needs_parent]


#: text signals only one side of a conversation needs (docs/signals.md, "Who is scored with
#: what"): a brand's own messages are never complaints or self-promotion to the brand, nor say
#: that the customer's problem is resolved; an audience message is never the brand's sales
#: pitch, apology, deflection or responsive act, nor a canned-reply template or agent signature
BRAND_ONLY = frozenset(
    {"sales_pitch", "apology", "deflection", "disclosure", "engagement", "template", "agent"}
    | {f"act_{a}" for a in ("acknowledge", "diagnose", "inform", "commit", "private", "link",
                            "close", "boilerplate")}
)  # fmt: skip
AUDIENCE_ONLY = frozenset(
    {"complaint", "self_promotion", "recommendation", "resolved", "persisting", "went_private"}
)
ROLES = {
    "brand": ("m.author_id IN (SELECT account_id FROM brand_map)", AUDIENCE_ONLY),
    "audience": ("m.author_id NOT IN (SELECT account_id FROM brand_map)", BRAND_ONLY),
}


def role_signals(role: str) -> list:
    """The text signals computed for messages written by one side (``brand`` or ``audience``)."""
    skip = ROLES[role][1]
    return [s for s in _text_signals() if s.name not in skip]


def todo_texts_sql(role: str) -> str:
    """The distinct texts written by ``role`` that lack one of its signals at the current
    version, numbered (``rn``) and grouped by which signals they lack (``missing``)."""
    sigs = role_signals(role)
    pairs = ", ".join(f"('{s.name}', '{s.version}')" for s in sigs)
    names = [s.name for s in sigs]
    # a text both sides wrote (a "Thank you!") is listed once per signal: the signals an
    # earlier side's list computes for it are left out of this side's (signal_values has no
    # primary key to fold a second copy into, store/signal_cache.py)
    earlier = list(ROLES)[: list(ROLES).index(role)]
    taken = {s.name for r in earlier for s in role_signals(r)}
    rest = [n for n in names if n not in taken]
    if earlier and rest != names:
        conds = " OR ".join(f"({ROLES[r][0]})" for r in earlier)
        also = f", also AS (SELECT DISTINCT m.text_hash AS key FROM messages m WHERE {conds})"
        lists = f"CASE WHEN a.key IS NULL THEN {_sql_list(names)} ELSE {_sql_list(rest)} END"
        join = " LEFT JOIN also a ON a.key = n.key"
    else:
        also, lists, join = "", _sql_list(names), ""
    # first the keys short of a value (a count per key: cheap when nothing is to score, where
    # a list of every key's signals over tens of millions of values held 1.4 GB at 3M
    # messages), then the texts and the signals they hold for those keys only; the writer
    # keeps one row per (key, signal), so a count of len(names) means nothing is missing
    return f"""
WITH keys AS (
    SELECT DISTINCT m.text_hash AS key FROM messages m WHERE {ROLES[role][0]}
), counted AS (
    SELECT key, count(*) AS n FROM signal_values_all
    WHERE (signal, version) IN ({pairs}) GROUP BY key
), short AS (
    SELECT k.key FROM keys k LEFT JOIN counted c ON c.key = k.key
    WHERE coalesce(c.n, 0) < {len(names)}
), need AS (
    SELECT m.text_hash AS key, any_value(m.text) AS text
    FROM messages m WHERE {ROLES[role][0]} AND m.text_hash IN (SELECT key FROM short)
    GROUP BY m.text_hash
), have AS (
    SELECT key, list(signal) AS got FROM signal_values_all
    WHERE (signal, version) IN ({pairs}) AND key IN (SELECT key FROM short) GROUP BY key
){also}, todo AS (
    SELECT n.key, n.text,
           array_to_string(list_filter({lists},
               lambda x: NOT list_contains(coalesce(h.got, []::VARCHAR[]), x)), ',') AS missing
    FROM need n LEFT JOIN have h ON h.key = n.key{join}
)
SELECT row_number() OVER (ORDER BY missing, key) - 1 AS rn, key, text, missing
FROM todo WHERE missing <> ''
"""


def _sql_list(names: list[str]) -> str:
    return "[" + ", ".join(f"'{n}'" for n in names) + "]::VARCHAR[]"


def todo_pairs_sql(sig) -> str:
    """The reply pairs (a message and its parent) lacking a current value of ``sig``, numbered
    by conversation: a reply that is also a parent lands in the same batch as its other pair,
    where the batch's per-distinct-text work (LSA embedding, content terms) is done once."""
    return f"""
SELECT row_number() OVER (ORDER BY root, key) - 1 AS rn, key, text, parent_text FROM (
    SELECT md5(p.text_hash || m.text_hash) AS key,
           any_value(m.text) AS text, any_value(p.text) AS parent_text,
           min(coalesce(m.root_id, p.id)) AS root
    FROM messages m JOIN messages p ON p.id = m.parent_id
    LEFT JOIN signal_values_all v ON v.key = md5(p.text_hash || m.text_hash)
      AND v.signal = '{sig.name}' AND v.version = '{sig.version}'
    WHERE v.key IS NULL
    GROUP BY 1
)
"""


for _role in ROLES:
    register(
        Step(
            f"todo_texts_{_role}",
            lambda _r, role=_role: todo_texts_sql(role),
            needs=("brand_map", "signal_values_all"),
        )
    )


def _pair_step(sig) -> str:
    name = f"todo_pairs_{sig.name}"
    if name not in _PAIR_STEPS:
        _PAIR_STEPS[name] = register(
            Step(
                name,
                lambda _r, s=sig: todo_pairs_sql(SIGNALS.get(s.name, s)),
                needs=("signal_values_all",),
            )  # fmt: skip
        )
    return name


_PAIR_STEPS: dict[str, Step] = {}
for _sig in _pair_signals():
    _pair_step(_sig)


def read_only(store: Store) -> bool:
    """True when ``store`` was opened read-only (values then go to ``temp_signal_values``)."""
    flag = getattr(store, "read_only", None)
    if flag is not None:
        return bool(flag)
    return store.scalar("SELECT current_setting('access_mode')") == "read_only"


def _missing_text_hashes(runner: Runner, role: str) -> list[tuple[list, int, int]]:
    """Build ``todo_texts_<role>``. Returns ``(signals, first row, rows)`` per group of texts
    lacking the same signals, so a changed signal version recomputes that signal only, a new
    text gets its side's full set, and a text whose author later becomes a brand account (a
    new ``--brand``) gets just the brand-side signals it lacks."""
    table = f"todo_texts_{role}"
    runner.ensure(table)
    groups = runner.store.con.execute(
        f"SELECT missing, min(rn), count(*) FROM {table} GROUP BY missing ORDER BY 2"
    ).fetchall()
    by_name = {s.name: s for s in role_signals(role)}
    return [([by_name[n] for n in m.split(",")], int(a), int(c)) for m, a, c in groups]


def _missing_pairs(runner: Runner, sig) -> tuple[str, int]:
    table = _pair_step(sig)
    runner.ensure(table)
    return table, int(runner.store.scalar(f"SELECT count(*) FROM {table}"))


def _read(store: Store, table: str, columns: str, start: int, end: int) -> dict[str, list]:
    stop = min(start + BATCH, end)
    batch = store.con.sql(
        f"SELECT {columns} FROM {table} WHERE rn >= {start} AND rn < {stop} ORDER BY rn"
    ).to_arrow_table()
    return {name: batch.column(name).to_pylist() for name in batch.column_names}


def _write_temp(store: Store, rows) -> None:
    table = values_table(rows)
    if table is not None:
        engine_of(store).append("temp_signal_values", table)


def _frame_rows(keys, frame, sigs) -> list[tuple]:
    rows = []
    for s in sigs:
        col = frame[s.name]
        if s.kind == "str":
            rows.append((s.name, s.version, keys, None, [str(v) for v in col]))
        else:
            rows.append((s.name, s.version, keys, np.asarray(col, dtype=np.float64), None))
    return rows


def run_signals(
    store: Store,
    progress: Callable[[int, int], None] | None = None,
    *,
    config: Config | None = None,
    runner: Runner | None = None,
) -> dict:
    """Score every text (and reply pair) that lacks a current value. Returns counts computed.
    On a read-only store the values are kept for this connection only (``temp_signal_values``)."""
    if runner is None:  # on its own: read the store as it is now (brands may have changed)
        reset(store)
        runner = Runner(store, config)
    temp = read_only(store)
    text_jobs = [
        (role, sigs, first, n)
        for role in ROLES
        for sigs, first, n in _missing_text_hashes(runner, role)
    ]
    total = sum(n for *_, n in text_jobs)
    pair_jobs = [(sig, *_missing_pairs(runner, sig)) for sig in _pair_signals()]

    def batches() -> Iterator[tuple]:
        for role, sigs, first, n in text_jobs:
            for start in range(first, first + n, BATCH):
                got = _read(store, f"todo_texts_{role}", "key, text", start, first + n)
                pending.append((got["key"], sigs))
                yield got["text"], None, [s.name for s in sigs]
        for sig, table, n in pair_jobs:
            for start in range(0, n, BATCH):
                got = _read(store, table, "key, text, parent_text", start, n)
                pending.append((got["key"], [sig]))
                yield got["text"], got["parent_text"], [sig.name]

    dropped = 0
    if not temp and not is_engine_store(store):
        # this run writes the current values of what it lists; a signal's values of another
        # version go first (signal_values keeps one row per key and signal by itself)
        dropped = drop_stale_versions(store, {s.name: s.version for s in SIGNALS.values()})
    # the pool pays off when the whole run is big, even if the last batch is small
    work = total + sum(n for _, _, n in pair_jobs)
    parallel = work >= parallel_threshold() and (os.cpu_count() or 1) > 1
    pending: list = []
    done = pairs_done = 0
    unwritten: list = []  # values tables not yet in the store
    unwritten_rows = 0

    for columns in score_stream(batches(), parallel=parallel):
        keys, sigs = pending.pop(0)
        rows = _frame_rows(keys, columns, sigs)
        if temp:
            _write_temp(store, rows)
        else:
            table = values_table(rows)
            if table is not None:
                unwritten.append(table)
                unwritten_rows += table.num_rows
            if unwritten_rows >= WRITE_ROWS:
                append_values(store, unwritten)
                unwritten, unwritten_rows = [], 0
        if sigs[0].needs_parent:
            pairs_done += len(keys)
        else:
            done += len(keys)
            if progress:
                progress(done, total)
    append_values(store, unwritten)
    for table in [*(f"todo_texts_{r}" for r in ROLES), *(t for _, t, _ in pair_jobs)]:
        engine_of(store).drop(table)
        invalidate(store, table)
    if done or pairs_done or dropped:
        invalidate(store, "signal_values_all")  # the frame's signals are stale now
    if temp:
        store.scored_in_memory = getattr(store, "scored_in_memory", 0) + done + pairs_done
    return {"texts": done, "pairs": pairs_done}
