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


def values_table(rows: list[tuple[str, str, list, list | None, list | None]]) -> pa.Table | None:
    """The ``signal_values`` rows of ``rows`` (per signal ``(signal, version, keys, values or
    None, labels or None)``) as one Arrow table; None when there are none. Signals given the
    same ``keys`` list (one batch's) share one key array."""
    parts = []
    key_arrays: dict[int, pa.Array] = {}
    for signal, version, keys, values, labels in rows:
        n = len(keys)
        if n == 0:
            continue
        key = key_arrays.get(id(keys))
        if key is None:
            key = key_arrays[id(keys)] = pa.array(keys, pa.string())
        parts.append(
            pa.table(
                {
                    "key": key,
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
    return pa.concat_tables(parts) if parts else None


def append_values(store: Store, tables: list[pa.Table]) -> None:
    """Append :func:`values_table` tables in one transaction (the store must not hold a value
    of the same (key, signal): see the module docstring). One large insert rather than many
    small ones: DuckDB writes a big transaction's row groups straight to the file instead of
    logging them and checkpointing the log again and again."""
    tables = [t for t in tables if t is not None and t.num_rows]
    if not tables:
        return
    staged = pa.concat_tables(tables)  # noqa: F841 - read by DuckDB below
    with store.transaction() as con:
        con.execute("INSERT INTO signal_values SELECT * FROM staged")


def write_values(store: Store, rows: list[tuple[str, str, list, list | None, list | None]]) -> None:
    """Append values in one transaction. ``rows`` holds, per signal,
    ``(signal, version, keys, values or None, labels or None)``; the store must not hold a
    value of the same (key, signal) (see the module docstring)."""
    append_values(store, [values_table(rows)])
