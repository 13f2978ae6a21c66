"""Writing computed signal values (cached by text hash and signal version, so a re-run computes
only new texts or changed signals).

``signal_values`` has no primary key (migration 0006: DuckDB holds such an index in memory,
27 bytes a row). Its one invariant, at most one row per (key, signal), is kept here: a run first
deletes each signal's values of other versions (:func:`drop_stale_versions`), then writes only
the (key, signal) pairs the store lacks (the run's to-do queries), with a plain append."""

from __future__ import annotations

import pyarrow as pa

from brandcouch.store.connection import Store


def drop_stale_versions(store: Store, current: dict[str, str]) -> int:
    """Delete the values of the signals in ``current`` (name -> version) written at another
    version: the run about to write that signal's current values for those keys. Values of
    signals not named (another build's, or a config's) are left alone. Returns rows deleted."""
    if not current:
        return 0
    stale = store.con.execute("SELECT DISTINCT signal, version FROM signal_values").fetchall()
    drop = [(sig, ver) for sig, ver in stale if sig in current and current[sig] != ver]
    if not drop:
        return 0
    with store.transaction() as con:
        before = int(con.execute("SELECT count(*) FROM signal_values").fetchone()[0])
        for sig, ver in drop:
            con.execute("DELETE FROM signal_values WHERE signal = ? AND version = ?", [sig, ver])
        after = int(con.execute("SELECT count(*) FROM signal_values").fetchone()[0])
    return before - after


def write_values(store: Store, rows: list[tuple[str, str, list, list | None, list | None]]) -> None:
    """Append values in one transaction. ``rows`` holds, per signal,
    ``(signal, version, keys, values or None, labels or None)``; the store must not hold a
    value of the same (key, signal) (see the module docstring)."""
    parts = []
    for signal, version, keys, values, labels in rows:
        n = len(keys)
        if n == 0:
            continue
        parts.append(
            pa.table(
                {
                    "key": pa.array(keys, pa.string()),
                    "signal": pa.array([signal] * n, pa.string()),
                    "version": pa.array([version] * n, pa.string()),
                    "value": pa.nulls(n, pa.float64())
                    if values is None
                    else pa.array(values, pa.float64()),
                    "label": pa.nulls(n, pa.string())
                    if labels is None
                    else pa.array(labels, pa.string()),
                }
            )
        )
    if not parts:
        return
    staged = pa.concat_tables(parts)  # noqa: F841 - read by DuckDB below
    with store.transaction() as con:
        con.execute("INSERT INTO signal_values SELECT * FROM staged")
