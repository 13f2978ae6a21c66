"""CSV exports: one UTF-8 file per table of the result, raw values (rates 0..1, minutes).

Cells that a spreadsheet would run as a formula (starting with ``= + - @``, tab or CR) are
prefixed with a single quote: message texts and names are untrusted."""

from __future__ import annotations

import csv
from pathlib import Path

from brandcouch.reports.tables import tables

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return "" if value is None else value


def write_csv(result: dict, folder: str | Path) -> list[Path]:
    """Write ``<table>.csv`` for every table present; returns the paths written."""
    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, t in tables(result).items():
        p = out_dir / f"{name}.csv"
        with p.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(t.columns)
            w.writerows([safe_cell(v) for v in row] for row in t.rows)
        written.append(p)
    return written
