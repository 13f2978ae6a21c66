"""Shared test fixtures: a fresh in-memory store, and ../shared (skipped with a reason if absent)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from brandcouch.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# derived model arrays (langid's decoded model, signals/language.py) are cached between runs;
# the tests keep theirs in the temp directory, never in the user's ~/.cache
os.environ.setdefault(
    "BRANDCOUCH_CACHE_DIR", str(Path(tempfile.gettempdir()) / "brandcouch-test-cache")
)


def shared_path(*parts: str) -> Path:
    """A path under ../shared; skips the test with a clear reason when it is not there."""
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"../shared not present ({p} missing): real third-party data lives there")
    return p


@pytest.fixture
def shared():
    return shared_path


@pytest.fixture
def store():
    s = open_store(":memory:")
    yield s
    s.close()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.duckdb"


def table_snapshot(store) -> dict:
    """Every user table's rows, for asserting a store is unchanged."""
    out = {}
    for t in ("messages", "accounts", "brands", "brand_accounts", "imports", "signal_values"):
        out[t] = store.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
    return out


def python_stdout(code: str) -> str:
    """What ``code`` prints when this Python runs it in a fresh process (stripped): for checks
    on what an import pulls in (``sys.modules``), which the test process has long loaded."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()
