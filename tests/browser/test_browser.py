"""Real browser tests: Playwright for Python driving Debian's chromium (never a download),
started by brandcouch's offline launcher (brandcouch.reports.chromium: loopback only).

Start the real dashboard (uvicorn in a thread on a free 127.0.0.1 port) on a demo store, click
from a score to its evidence thread, and save screenshots to tests/output/ at desktop and phone
widths; screenshot the HTML report too; payloads must not fire a dialog. Skipped without a
Chromium, unless BRANDCOUCH_REQUIRE_BROWSER=1 (then they fail)."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest

from brandcouch import api
from brandcouch.reports.chromium import launch_chromium
from tests.browser.support import chromium_or_skip
from tests.reports.payloads import payload_store

#: screenshots; the offline test's namespaced run writes its own elsewhere
OUT = Path(
    os.environ.get("BRANDCOUCH_SCREENSHOTS") or Path(__file__).resolve().parents[1] / "output"
)
SIZES = {"desktop": (1366, 900), "phone": (390, 844)}

pytestmark = pytest.mark.browser


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, db_path: Path):
        import uvicorn

        from brandcouch.web import create_app

        self.port = _free_port()
        config = uvicorn.Config(
            create_app(db_path), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def browser():
    with launch_chromium(chromium_or_skip()) as b:
        yield b


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("browser") / "demo.duckdb"
    with api.open_store(path, create=True) as store:
        api.generate_demo(store, scale=0.25)
        result = api.analyse(store).to_json()
        api.build_report(result, html=path.parent / "report.html")
    return path


def test_click_from_score_to_evidence_thread(browser, demo_db):
    OUT.mkdir(parents=True, exist_ok=True)
    with Server(demo_db) as base:
        for name, (w, h) in SIZES.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            page.goto(base + "/")
            page.screenshot(path=str(OUT / f"dashboard-overview-{name}.png"), full_page=False)
            page.locator("a.erow").first.click() if name == "desktop" else page.locator(
                ".brand-card h3 a"
            ).first.click()
            if name == "phone":
                page.screenshot(path=str(OUT / f"dashboard-brand-{name}.png"))
                page.locator("a.ev-link").first.click()
            page.wait_for_url("**/score?**")
            assert (
                page.locator("table.components tbody tr").count() >= 1
                or page.locator(".callout").count()
            )
            page.screenshot(path=str(OUT / f"dashboard-score-{name}.png"))
            link = page.locator(".evidence a[href^='/thread']").first
            if link.count() == 0:
                pytest.skip("this analysis attached no evidence to the score")
            link.click()
            page.wait_for_url("**/thread?**")
            assert page.locator(".msg").count() >= 2
            assert page.locator(".msg.focus").count() == 1
            assert page.locator(".msg.brand").count() >= 1  # the brand's side, drawn distinct
            # each customer turn with its verdict (the same as `brandcouch conversations`)
            turns = page.locator("ol.turns li.turn")
            assert turns.count() >= 1
            for i in range(turns.count()):
                verdict = turns.nth(i).get_attribute("data-verdict")
                chip = turns.nth(i).locator(".chip.verdict").inner_text()
                assert verdict in ("answered", "unanswered", "outside", "no_reply_needed")
                assert ("first response" in chip) == (verdict == "answered")
            page.screenshot(path=str(OUT / f"dashboard-thread-{name}.png"), full_page=True)
            page.close()


def test_brand_page_period_selector(browser, demo_db):
    with Server(demo_db) as base:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(base + "/")
        page.locator(".brand-card h3 a").first.click()
        page.wait_for_url("**/brand?**")
        page.screenshot(path=str(OUT / "dashboard-brand-desktop.png"))
        page.select_option("#period", "week")  # auto-submits (progressive enhancement)
        page.wait_for_url("**period=week**")
        first_week = page.locator("#start option").nth(1).get_attribute("value")
        page.select_option("#start", first_week)
        page.wait_for_url(f"**start={first_week}**")
        assert f"week of {first_week}" in page.locator(".period-picker").inner_text()
        page.close()


def test_report_screenshots(browser, demo_db):
    report = demo_db.parent / "report.html"
    for name, (w, h) in SIZES.items():
        page = browser.new_page(viewport={"width": w, "height": h})
        requests: list[str] = []
        page.on("request", lambda r, seen=requests: seen.append(r.url))
        page.goto(report.as_uri())
        page.screenshot(path=str(OUT / f"report-top-{name}.png"))
        page.locator("#b1").scroll_into_view_if_needed()
        page.screenshot(path=str(OUT / f"report-brand-{name}.png"))
        assert all(u.startswith("file:") for u in requests), requests  # works offline
        page.close()


def test_payloads_fire_no_dialog(browser, tmp_path):
    store = payload_store(tmp_path / "p.duckdb")
    result = api.analyse(store).to_json()
    store.close()
    api.build_report(result, html=tmp_path / "report.html")
    dialogs: list[str] = []
    brand = quote(result["brands"][0]["name"])
    with Server(tmp_path / "p.duckdb") as base:
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in (
            "/",
            f"/brand?name={brand}",
            f"/score?brand={brand}&element=empathy",
            f"/messages?brand={brand}",
            "/thread?id=generic:p1",
        ):
            page.goto(base + url)
            page.wait_for_load_state("load")
        page.goto((tmp_path / "report.html").as_uri())
        page.wait_for_timeout(300)
        assert page.evaluate("document.querySelectorAll('img').length") == 0
        page.close()
    assert dialogs == []
