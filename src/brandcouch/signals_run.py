"""Compute the text signals the store still lacks (the step between import and analysis).

Lives outside :mod:`brandcouch.signals` (which never touches the store) and outside the store
(which knows no signal): it moves texts from one to the other in batches.

The distinct texts (and reply pairs) lacking a current value are listed once in numbered temp
tables and read back in ranges of ``BATCH`` rows (no ``ORDER BY ... OFFSET``). Text batches
and then pair batches stream through one process pool (:func:`score_stream`), so both cores
compute while this process writes finished batches to ``signal_values``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import numpy as np

from brandcouch.signals import SIGNALS
from brandcouch.signals.pipeline import parallel_threshold, score_stream
from brandcouch.store import Store
from brandcouch.store.signal_cache import write_values

#: rows per batch sent to a worker and written in one transaction
BATCH = 10_000


def _text_signals():
    return [s for s in SIGNALS.values() if not s.needs_parent]


def _pair_signals():
    return [s for s in SIGNALS.values() if s.needs_parent]


#: text signals only one side of a conversation needs (docs/signals.md, "Who is scored with
#: what"): a brand's own messages are never complaints or self-promotion to the brand, and an
#: audience message is never the brand's sales pitch, apology or deflection
BRAND_ONLY = frozenset({"sales_pitch", "apology", "deflection", "disclosure"})
AUDIENCE_ONLY = frozenset({"complaint", "self_promotion", "recommendation"})
ROLES = {
    "brand": ("m.author_id IN (SELECT account_id FROM brand_account_map)", AUDIENCE_ONLY),
    "audience": ("m.author_id NOT IN (SELECT account_id FROM brand_account_map)", BRAND_ONLY),
}


def role_signals(role: str) -> list:
    """The text signals computed for messages written by one side (``brand`` or ``audience``)."""
    skip = ROLES[role][1]
    return [s for s in _text_signals() if s.name not in skip]


def _missing_text_hashes(store: Store, role: str) -> list[tuple[list, int, int]]:
    """Number, in ``todo_texts_<role>``, the distinct texts written by that side that lack one
    of its signals at the current version, grouped by which signals they lack: each group is
    a contiguous range of row numbers. Returns ``(signals, first row, rows)`` per group, so a
    changed signal version recomputes that signal only, a new text gets its side's full set,
    and a text whose author later becomes a brand account (a new ``--brand``) gets just the
    brand-side signals it lacks."""
    sigs = role_signals(role)
    pairs = ", ".join(f"('{s.name}', '{s.version}')" for s in sigs)
    names = "[" + ", ".join(f"'{s.name}'" for s in sigs) + "]"
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE todo_texts_{role} AS
        WITH need AS (
            SELECT m.text_hash AS key, any_value(m.text) AS text
            FROM messages m WHERE {ROLES[role][0]}
            GROUP BY m.text_hash
        ), have AS (
            SELECT key, list(signal) AS got FROM signal_values
            WHERE (signal, version) IN ({pairs}) GROUP BY key
        ), todo AS (
            SELECT n.key, n.text,
                   array_to_string(list_filter({names},
                       lambda x: NOT list_contains(coalesce(h.got, []::VARCHAR[]), x)), ',') AS missing
            FROM need n LEFT JOIN have h ON h.key = n.key
        )
        SELECT row_number() OVER (ORDER BY missing, key) - 1 AS rn, key, text, missing
        FROM todo WHERE missing <> ''
        """
    )
    groups = store.con.execute(
        f"SELECT missing, min(rn), count(*) FROM todo_texts_{role} GROUP BY missing ORDER BY 2"
    ).fetchall()
    by_name = {s.name: s for s in sigs}
    return [([by_name[n] for n in m.split(",")], int(a), int(c)) for m, a, c in groups]


def _missing_pairs(store: Store, sig, table: str) -> int:
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {table} AS
        SELECT row_number() OVER () - 1 AS rn, key, text, parent_text FROM (
            SELECT md5(p.text_hash || m.text_hash) AS key,
                   any_value(m.text) AS text, any_value(p.text) AS parent_text
            FROM messages m JOIN messages p ON p.id = m.parent_id
            LEFT JOIN signal_values v ON v.key = md5(p.text_hash || m.text_hash)
              AND v.signal = '{sig.name}' AND v.version = '{sig.version}'
            WHERE v.key IS NULL
            GROUP BY 1
        )
        """
    )
    return int(store.scalar(f"SELECT count(*) FROM {table}"))


def _read(store: Store, table: str, columns: str, start: int, end: int) -> dict[str, list]:
    stop = min(start + BATCH, end)
    batch = store.con.sql(
        f"SELECT {columns} FROM {table} WHERE rn >= {start} AND rn < {stop} ORDER BY rn"
    ).to_arrow_table()
    return {name: batch.column(name).to_pylist() for name in batch.column_names}


def _write_frame(store: Store, keys, frame, sigs) -> None:
    rows = []
    for s in sigs:
        col = frame[s.name]
        if s.kind == "str":
            rows.append((s.name, s.version, keys, None, [str(v) for v in col]))
        else:
            rows.append((s.name, s.version, keys, np.asarray(col, dtype=np.float64), None))
    write_values(store, rows)


def run_signals(store: Store, progress: Callable[[int, int], None] | None = None) -> dict:
    """Score every text (and reply pair) that lacks a current value. Returns counts computed."""
    text_jobs = [
        (role, sigs, first, n)
        for role in ROLES
        for sigs, first, n in _missing_text_hashes(store, role)
    ]
    total = sum(n for *_, n in text_jobs)
    pair_jobs = []
    for i, sig in enumerate(_pair_signals()):
        table = f"todo_pairs_{i}"
        pair_jobs.append((sig, table, _missing_pairs(store, sig, table)))

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

    # the pool pays off when the whole run is big, even if the last batch is small
    work = total + sum(n for _, _, n in pair_jobs)
    parallel = work >= parallel_threshold() and (os.cpu_count() or 1) > 1
    pending: list = []
    done = pairs_done = 0
    for columns in score_stream(batches(), parallel=parallel):
        keys, sigs = pending.pop(0)
        _write_frame(store, keys, columns, sigs)
        if sigs[0].needs_parent:
            pairs_done += len(keys)
        else:
            done += len(keys)
            if progress:
                progress(done, total)
    for table in [*(f"todo_texts_{r}" for r in ROLES), *(t for _, t, _ in pair_jobs)]:
        store.con.execute(f"DROP TABLE IF EXISTS {table}")
    return {"texts": done, "pairs": pairs_done}
