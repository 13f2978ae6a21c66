"""Compute the text signals the store still lacks (the step between import and analysis).

Lives outside :mod:`brandcouch.signals` (which never touches the store) and outside the store
(which knows no signal): it moves texts from one to the other in batches.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from brandcouch.signals import SIGNALS, score_texts
from brandcouch.store import Store
from brandcouch.store.signal_cache import write_values

CHUNK = 100_000


def _text_signals():
    return [s for s in SIGNALS.values() if not s.needs_parent]


def _pair_signals():
    return [s for s in SIGNALS.values() if s.needs_parent]


def _missing_text_hashes(store: Store) -> int:
    sigs = _text_signals()
    pairs = ", ".join(f"('{s.name}', '{s.version}')" for s in sigs)
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE todo_texts AS
        SELECT m.text_hash AS key, any_value(m.text) AS text
        FROM messages m
        LEFT JOIN (SELECT key, count(*) AS c FROM signal_values
                   WHERE (signal, version) IN ({pairs}) GROUP BY key) s
          ON s.key = m.text_hash
        WHERE coalesce(s.c, 0) < {len(sigs)}
        GROUP BY m.text_hash
        """
    )
    return int(store.scalar("SELECT count(*) FROM todo_texts"))


def _write_frame(store: Store, keys, frame, sigs) -> None:
    rows = []
    for s in sigs:
        col = frame[s.name].to_numpy()
        if s.kind == "str":
            rows.append((s.name, s.version, keys, None, [str(v) for v in col]))
        else:
            rows.append((s.name, s.version, keys, np.asarray(col, dtype=np.float64), None))
    write_values(store, rows)


def run_signals(store: Store, progress: Callable[[int, int], None] | None = None) -> dict:
    """Score every text (and reply pair) that lacks a current value. Returns counts computed."""
    text_sigs = _text_signals()
    total = _missing_text_hashes(store)
    done = 0
    for offset in range(0, total, CHUNK):
        batch = store.con.sql(
            f"SELECT key, text FROM todo_texts ORDER BY key LIMIT {CHUNK} OFFSET {offset}"
        ).to_arrow_table()
        keys = batch.column("key").to_pylist()
        frame = score_texts(batch.column("text").to_pylist(), signals=[s.name for s in text_sigs])
        _write_frame(store, keys, frame, text_sigs)
        done += len(keys)
        if progress:
            progress(done, total)
    store.con.execute("DROP TABLE IF EXISTS todo_texts")
    pairs_done = 0
    for s in _pair_signals():
        store.con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE todo_pairs AS
            SELECT md5(p.text_hash || m.text_hash) AS key,
                   any_value(m.text) AS text, any_value(p.text) AS parent_text
            FROM messages m JOIN messages p ON p.id = m.parent_id
            LEFT JOIN signal_values v ON v.key = md5(p.text_hash || m.text_hash)
              AND v.signal = '{s.name}' AND v.version = '{s.version}'
            WHERE v.key IS NULL
            GROUP BY 1
            """
        )
        n = int(store.scalar("SELECT count(*) FROM todo_pairs"))
        for offset in range(0, n, CHUNK):
            batch = store.con.sql(
                f"SELECT key, text, parent_text FROM todo_pairs ORDER BY key "
                f"LIMIT {CHUNK} OFFSET {offset}"
            ).to_arrow_table()
            keys = batch.column("key").to_pylist()
            frame = score_texts(
                batch.column("text").to_pylist(),
                parents=batch.column("parent_text").to_pylist(),
                signals=[s.name],
            )
            _write_frame(store, keys, frame, [s])
            pairs_done += len(keys)
        store.con.execute("DROP TABLE IF EXISTS todo_pairs")
    return {"texts": done, "pairs": pairs_done}
