"""The dashboard's period picker in-process (httpx ASGITransport): the overview and brand page
of September 2026 against August on the demo (tests/metrics/periods_demo.py), the change CSV,
bad dates, and that the drill-down pages keep the whole analysis."""

from __future__ import annotations

import asyncio
import csv
import io
from urllib.parse import quote

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


def _sep_count(sql: str) -> int:
    """A count over the demo store, of September 2026 (UTC, the demo's timezone)."""
    from brandcouch import api

    with api.open_store(demo_store(), read_only=True) as store:
        return int(store.scalar(sql))


def test_drill_downs_honour_the_period(app):
    """From a picked period, the brand page's links carry it, and the score page, the message
    lists, the queue and their CSVs show that period, not all time (issue 14)."""
    brand = get(app, "/brand?name=Nimbus+Telecom&" + WINDOW).text
    keep = "since=2026-09-01&amp;until=2026-09-30&amp;compare=previous"
    assert f"/score?brand=Nimbus+Telecom&amp;element=empathy&amp;{keep}" in brand
    assert f"/messages?brand=Nimbus+Telecom&amp;{keep}&amp;role=inbound&amp;answered=0" in brand
    assert f"/queue?brand=Nimbus+Telecom&amp;{keep}" in brand
    assert f"/download.csv?table=agents&amp;brand=Nimbus+Telecom&amp;{keep}" in brand
    assert 'Care team <span class="muted small">· 1–30 Sep 2026</span>' in brand

    # the score page: September's empathy (36-ish, not the all-time score) and its evidence
    sep = Analysis.from_json(september()).brand("Nimbus Telecom")
    whole = get(app, "/score?brand=Nimbus+Telecom&element=empathy").text
    score = get(app, "/score?brand=Nimbus+Telecom&element=empathy&" + WINDOW).text
    assert 'id="window-label">1–30 Sep 2026</span>' in score
    assert 'id="window-label"' not in whole
    lowered = [e.message_id for e in sep.score("empathy").evidence.lowered[:5]]
    assert all(f'id="m-{quote(i)}"' in score for i in lowered)
    assert not all(f'id="m-{quote(i)}"' in whole for i in lowered)  # all time shows others

    # the brand's own messages written in September (UTC): counted in the store by hand
    own = _sep_count(
        """SELECT count(*) FROM messages m JOIN accounts a ON a.id = m.author_id
           WHERE a.handle = 'nimbustelecom' AND m.created_at >= '2026-09-01'
             AND m.created_at < '2026-10-01'"""
    )
    everything = _sep_count(
        """SELECT count(*) FROM messages m JOIN accounts a ON a.id = m.author_id
           WHERE a.handle = 'nimbustelecom'"""
    )
    assert 0 < own < everything
    listed = get(app, "/messages?brand=Nimbus+Telecom&role=brand&" + WINDOW).text
    assert f"{own:,} messages" in listed and 'id="window-label">1–30 Sep 2026' in listed
    rows = list(csv.DictReader(io.StringIO(get(
        app, "/download.csv?table=messages&brand=Nimbus+Telecom&role=brand&" + WINDOW).text)))  # fmt: skip
    assert len(rows) == own and all(r["created_at"][:7] == "2026-09" for r in rows)
    # a week of the brand's periods across the window's start keeps its September days
    week = _sep_count(
        """SELECT count(*) FROM messages m JOIN accounts a ON a.id = m.author_id
           WHERE a.handle = 'nimbustelecom' AND m.created_at >= '2026-09-01'
             AND m.created_at < '2026-09-07'"""
    )
    part = get(
        app, "/messages?brand=Nimbus+Telecom&role=brand&period=week&start=2026-08-31&" + WINDOW
    )
    assert 0 < week < own and f"{week:,} messages" in part.text

    # the queue: the turns that began in September, the same rows as the all-time queue's
    def queue(query: str) -> list[dict]:
        text = get(app, "/download.csv?table=queue&brand=Nimbus+Telecom" + query).text
        return list(csv.DictReader(io.StringIO(text)))

    whole_q, sep_q = queue(""), queue("&" + WINDOW)
    assert sep_q == [r for r in whole_q if r["first_at"][:7] == "2026-09"]
    assert 0 < len(sep_q) < len(whole_q)
    page = get(app, "/queue?brand=Nimbus+Telecom&" + WINDOW).text
    assert f"{len(sep_q):,} customer turns" in page and "that began in 1–30 Sep 2026" in page
    assert '<input type="hidden" name="since" value="2026-09-01">' in page
