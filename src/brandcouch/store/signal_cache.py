"""Writing computed signal values (cached by text hash and signal version, so a re-run computes
only new texts or changed signals)."""

from __future__ import annotations

import pyarrow as pa

from brandcouch.store.connection import Store


def write_values(store: Store, rows: list[tuple[str, str, list, list | None, list | None]]) -> None:
    """Insert or replace values in one transaction. ``rows`` holds, per signal,
    ``(signal, version, keys, values or None, labels or None)``."""
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
        con.execute("INSERT OR REPLACE INTO signal_values SELECT * FROM staged")
