"""CSV exports: the one CSV writer every export goes through (``report --csv``, ``compare
--csv``, ``audience --csv``, ``signals --out``), and one UTF-8 file per table of the result.

Message texts, names, handles and brand names are untrusted, and a spreadsheet runs a cell
that starts with ``=``, ``+``, ``-``, ``@``, tab or CR as a formula. The rule (docs/output.md):

- a **text** cell that starts with one of those characters, possibly after leading ``'``
  quotes, gets one more ``'`` in front (``=HYPERLINK(...)`` is written ``'=HYPERLINK(...)``);
- a text cell that is a plain decimal number (``-5``, ``+1.5``, ``-2e3``) is left alone: a
  spreadsheet reads it as a number, never as a formula;
- numbers (``int``/``float``) are written as numbers; ``None`` and NaN as an empty cell.

Undo it with :func:`restore_cell`: drop one leading ``'`` when what follows it, after any
further ``'``, starts with one of those characters. Every original text round-trips."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from brandcouch.reports.tables import tables

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value):
    """A cell value a spreadsheet will not run: see the module docstring for the rule."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if (
        isinstance(value, str)
        and value.lstrip("'").startswith(_FORMULA_START)
        and not _PLAIN_NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value


def restore_cell(text: str) -> str:
    """The original text of a cell :func:`safe_cell` wrote (a CSV reader gives strings)."""
    if text.startswith("'") and text.lstrip("'").startswith(_FORMULA_START):
        return text[1:]
    return text


def write_rows(path: str | Path, columns: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Write a header and rows to ``path`` (UTF-8, parent folders created), every cell through
    :func:`safe_cell`; the header too (column names can come from an input file)."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    with p.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([safe_cell(c) for c in columns])
        w.writerows([safe_cell(v) for v in row] for row in rows)
    return p


def write_records(path: str | Path, records: Sequence[dict]) -> Path:
    """One row per dict; the columns are every key, in first-seen order (missing: empty)."""
    columns: dict[str, None] = {}
    for r in records:
        columns.update(dict.fromkeys(r))
    cols = list(columns) or ["brand"]
    return write_rows(path, cols, ([r.get(c) for c in cols] for r in records))


def write_frame(path: str | Path, df) -> Path:
    """A pandas data frame without its index (missing values, NaN/NA/NaT, as empty cells)."""
    values = df.astype(object).where(df.notna(), None)
    return write_rows(path, [str(c) for c in df.columns], values.itertuples(index=False))


def write_csv(result, folder: str | Path) -> list[Path]:
    """Write ``<table>.csv`` for every table of ``result`` (an
    :class:`~brandcouch.model.result.Analysis` or its JSON dict); returns the paths written."""
    out_dir = Path(folder)
    out_dir.mkdir(parents=True, exist_ok=True)
    return [
        write_rows(out_dir / f"{name}.csv", t.columns, t.rows) for name, t in tables(result).items()
    ]
