"""The import report keeps every column at 80 columns and in a pipe (issue 14: "import tables
are cut" — the skipped column fell off the right edge)."""

from __future__ import annotations

import io

from rich.console import Console

from brandcouch.cli import import_cmd
from brandcouch.importers.base import ImportReport


def test_the_import_table_fits_80_columns(monkeypatch):
    out = io.StringIO()
    monkeypatch.setattr(import_cmd, "console", Console(file=out, width=80, highlight=False))
    rep = ImportReport(file="/work/shared/data/twcs/twcs_head5000.csv", format="twcs",
                       records_read=5000, imported=4990, duplicates=10, updated=0)  # fmt: skip
    import_cmd.print_reports([rep])
    lines = out.getvalue().splitlines()
    assert max(len(x) for x in lines) <= 80
    header = next(x for x in lines if x.startswith("┃ file"))
    for col in ("format", "read", "new", "dupes", "updated", "skipped"):
        assert col in header, col
    row = next(x for x in lines if "twcs " in x)
    assert "4,990" in row and row.rstrip().endswith("│") and " 0 │" in row
