"""Issue 3's "done when", for every folder of ../shared/fixtures through the real CLI: imports
(exit 0, messages stored), imports again adding no row, and a file of it cut in half fails with
a one-line error naming it and leaves the store unchanged."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from brandcouch.cli.app import app, register_all
from brandcouch.store import open_store
from tests.conftest import SHARED, table_snapshot

register_all()
FIXTURES = SHARED / "fixtures"
FOLDERS = sorted(p for p in FIXTURES.iterdir() if p.is_dir()) if FIXTURES.exists() else []
runner = CliRunner()


def _counts(db) -> tuple[int, int]:
    with open_store(db) as s:
        return s.counts()["messages"], s.counts()["accounts"]


@pytest.mark.skipif(not FOLDERS, reason="../shared not present: no fixture folders")
@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_folder_imports_reimports_and_rejects_a_cut_file(folder, tmp_path):
    db = tmp_path / "s.duckdb"
    first = runner.invoke(app, ["import", "--db", str(db), str(folder)])
    assert first.exit_code == 0, first.output
    messages, accounts = _counts(db)
    assert messages > 0

    again = runner.invoke(app, ["import", "--db", str(db), str(folder)])
    assert again.exit_code == 0, again.output
    assert _counts(db) == (messages, accounts)

    exports = [p for p in folder.rglob("*") if p.is_file() and p.suffix not in (".md", ".txt")]
    biggest = max(exports, key=lambda p: p.stat().st_size)
    cut = tmp_path / biggest.name
    data = biggest.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    with open_store(db) as s:
        before = table_snapshot(s)
    broken = runner.invoke(app, ["import", "--db", str(db), "--format", _format(biggest), str(cut)])
    assert broken.exit_code == 1, broken.output
    lines = [ln for ln in broken.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and cut.name in lines[0], broken.output
    with open_store(db) as s:
        assert table_snapshot(s) == before


def _format(path) -> str:
    from brandcouch.importers import Source, detect

    return detect(Source.from_path(path)).name
