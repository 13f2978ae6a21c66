"""The dashboard's period picker in-process (httpx ASGITransport): the overview and brand page
of September 2026 against August on the demo (tests/metrics/periods_demo.py), the change CSV,
bad dates, and that the drill-down pages keep the whole analysis."""

from __future__ import annotations

import asyncio
import csv
import io

import httpx
import pytest

from brandcouch.model.result import Analysis
from brandcouch.web import create_app
from tests.metrics.periods_demo import demo_store, september

BASE = "http://127.0.0.1:8765"
WINDOW = "since=2026-09-01&until=2026-09-30&compare=previous"


def get(app, url: str) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as c:
            return await c.get(url)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def app():
    return create_app(demo_store())


def test_overview_of_a_period_shows_the_change(app):
    whole = get(app, "/")
    assert whole.status_code == 200 and 'class="chg ' not in whole.text
    r = get(app, "/?" + WINDOW)
    assert r.status_code == 200
    assert "1–30 Sep 2026 vs 1–31 Aug 2026" in r.text
    expected = Analysis.from_json(september())
    nimbus = expected.brand("Nimbus Telecom")
    assert nimbus.change["summary"] in r.text
    # links to the brands keep the period; the brand picker carries it
    assert "/brand?name=Nimbus+Telecom&amp;since=2026-09-01&amp;until=2026-09-30" in r.text
    assert '<input type="hidden" name="since" value="2026-09-01">' in r.text
    # the window's analysis is kept: the same page again is not recomputed
    assert len(app.state.dash.windows) == 1
    get(app, "/?" + WINDOW)
    assert len(app.state.dash.windows) == 1


def test_brand_page_says_what_changed(app):
    r = get(app, "/brand?name=Nimbus+Telecom&" + WINDOW)
    assert r.status_code == 200
    assert 'id="what-changed"' in r.text and "What changed since 1–31 Aug 2026" in r.text
    assert '<span class="chg worse">▼−' in r.text


def test_the_change_csv(app):
    r = get(app, "/download.csv?table=change&" + WINDOW)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    expected = {b["name"]: b for b in september()["brands"]}
    assert [row["brand"] for row in rows] == list(expected)
    for row in rows:
        b = expected[row["brand"]]
        assert float(row["health_previous"]) == b["previous"]["health"]
        assert float(row["empathy_change"]) == b["change"]["elements"]["empathy"]
    one = get(app, "/download.csv?table=change&brand=Harbor+Coffee&" + WINDOW)
    assert [row["brand"] for row in csv.DictReader(io.StringIO(one.text))] == ["Harbor Coffee"]
    assert get(app, "/download.csv?table=change").status_code == 400


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("since=2026-13-01", "is not a date"),
        ("since=2026-09-30&until=2026-09-01", "is after --until"),
        ("since=2026-09-01&compare=lastweek", "neither"),
    ],
)
def test_bad_periods_are_400_pages(app, query, message):
    r = get(app, "/?" + query)
    assert r.status_code == 400
    assert message in r.text.replace("&#39;", "'")


def test_drill_downs_keep_the_whole_analysis(app):
    """A windowed analysis runs on its own cursor: the snapshot's tables stay those of the
    whole analysis, so the message list after a period page lists every month."""
    get(app, "/?" + WINDOW)
    dash = app.state.dash
    with dash.lock:
        months = dash.store.scalar("SELECT count(DISTINCT month) FROM inbound")
    assert months == 4  # June to September
