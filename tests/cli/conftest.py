"""Shared CLI test fixtures."""

from __future__ import annotations

import pytest

from brandcouch.cli.app import console, err


@pytest.fixture
def wide_consoles():
    """A wide terminal for a module's commands, whatever width the consoles were created with
    (COLUMNS alone is not enough: a console created under another width keeps it). Modules use
    it with ``pytestmark = pytest.mark.usefixtures("wide_consoles")``."""
    saved = [(c, c._width) for c in (console, err)]
    for c, _ in saved:
        c.width = 250
    yield
    for c, width in saved:
        c._width = width
