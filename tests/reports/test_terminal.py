"""The terminal summary keeps every brand name whole at 80 columns and in a pipe (where Rich
assumes 80), which `make demo` prints to."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from brandcouch.reports.terminal import print_summary
from tests.model.results import demo_result


@pytest.fixture(scope="module")
def result():
    return demo_result()


@pytest.mark.parametrize("width", [80, 100, 140])
def test_brand_names_survive_the_width(result, width):
    out = io.StringIO()
    print_summary(result, Console(file=out, width=width, highlight=False, emoji=False))
    lines = out.getvalue().splitlines()
    assert max(len(line) for line in lines) <= width
    for name in ("MegaMart Deals", "Nimbus Telecom", "Harbor Coffee"):
        assert any(line.startswith(f"│ {name} ") for line in lines), (width, name)
    header = next(line for line in lines if line.startswith("┃ brand"))
    assert ("hlth" in header) == (width < 110)
