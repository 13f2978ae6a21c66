"""One demo store for the period tests (tests/metrics/test_window.py,
tests/reports/test_change.py): the demo at a quarter of its size with its signals, and the
analysis of September 2026 against August, built once per test process."""

from __future__ import annotations

import functools
import tempfile
from datetime import date
from pathlib import Path

from brandcouch import api

SCALE = 0.25
SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))


@functools.cache
def demo_store() -> Path:
    path = Path(tempfile.mkdtemp(prefix="bc-periods-")) / "demo.duckdb"
    with api.open_store(path, create=True) as store:
        api.generate_demo(store, scale=SCALE)
        api.run_signals(store)
    return path


@functools.cache
def september() -> dict:
    """The JSON of September 2026 compared with the month before (August)."""
    with api.open_store(demo_store(), read_only=True) as store:
        since, until = SEPTEMBER
        return api.analyse(store, since=since, until=until, compare="previous").to_json()
