"""The dashboard's period picker in a real browser (Debian's chromium through brandcouch's
offline launcher, as tests/browser/test_browser.py): pick September 2026 against August on
the demo, see the change beside each KPI, open the brand whose September got worse and read
what changed; screenshots at desktop and phone width in tests/output/."""

from __future__ import annotations

import pytest

from brandcouch import api
from brandcouch.reports.chromium import launch_chromium
from tests.browser.support import chromium_or_skip
from tests.browser.test_browser import OUT, SIZES, Server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with launch_chromium(chromium_or_skip()) as b:
        yield b


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("periods") / "demo.duckdb"
    with api.open_store(path, create=True) as store:
        api.generate_demo(store, scale=0.25)
        api.run_signals(store)
    return path


def test_pick_a_period_and_see_the_change(browser, demo_db):
    OUT.mkdir(parents=True, exist_ok=True)
    with Server(demo_db) as base:
        for name, (w, h) in SIZES.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            page.goto(base + "/")
            assert page.locator(".chg").count() == 0  # all time: nothing to compare
            page.fill("#w-since", "2026-09-01")
            page.fill("#w-until", "2026-09-30")
            page.select_option("#w-compare", "previous")
            page.locator(".window-picker button[type=submit]").click()
            page.wait_for_url(
                "**/?since=2026-09-01&until=2026-09-30&compare=previous", timeout=60_000
            )
            assert page.locator("#window-label").inner_text() == "1–30 Sep 2026 vs 1–31 Aug 2026"
            # a change beside every score of every card, coloured by what it means
            cards = page.locator(".brand-card")
            assert cards.count() == 3
            assert page.locator(".brand-card .erow .chg").count() == 3 * 4
            nimbus = page.locator(".brand-card", has_text="Nimbus Telecom")
            empathy = nimbus.locator(".erow", has_text="Empathy").locator(".chg")
            assert empathy.inner_text().startswith("▼−")
            assert "worse" in empathy.get_attribute("class")
            # the reply time grew: an upward arrow, and red (worse for the brand)
            reply = nimbus.locator("dd", has_text="min").locator(".chg.worse")
            assert reply.count() >= 1
            page.screenshot(
                path=str(OUT / f"dashboard-periods-overview-{name}.png"), full_page=True
            )
            nimbus.locator("h3 a").click()
            page.wait_for_url("**/brand?name=Nimbus+Telecom&since=2026-09-01**", timeout=60_000)
            box = page.locator("#what-changed")
            assert "What changed since 1–31 Aug 2026" in box.inner_text()
            assert "Empathy fell" in box.inner_text()
            assert box.locator(".chg").count() >= 5
            # the brand picker keeps the period
            assert (
                page.locator(".brand-picker input[name=since]").get_attribute("value")
                == "2026-09-01"
            )
            page.screenshot(path=str(OUT / f"dashboard-periods-brand-{name}.png"))
            page.screenshot(
                path=str(OUT / f"dashboard-periods-brand-{name}-full.png"), full_page=True
            )
            page.close()
            # the drill-down keeps the period: September's empathy evidence, then its queue
            page = browser.new_page(viewport={"width": w, "height": h})
            page.goto(base + "/brand?name=Nimbus+Telecom&since=2026-09-01&until=2026-09-30"
                      "&compare=previous")  # fmt: skip
            page.locator("#score-empathy a", has_text="Evidence").first.click()
            page.wait_for_url("**/score?brand=Nimbus+Telecom&element=empathy&since=2026-09-01**",
                              timeout=60_000)  # fmt: skip
            assert page.locator("#window-label").inner_text() == "1–30 Sep 2026"
            page.screenshot(path=str(OUT / f"dashboard-periods-score-{name}.png"))
            page.goto(base + "/queue?brand=Nimbus+Telecom&since=2026-09-01&until=2026-09-30")
            assert "that began in 1–30 Sep 2026" in page.locator("#queue").inner_text()
            page.screenshot(path=str(OUT / f"dashboard-periods-queue-{name}.png"))
            page.close()
