"""The dashboard's tables in a real browser (Debian chromium through brandcouch's offline
launcher, as tests/browser/test_browser.py): the unanswered queue sorted by a header click,
numbers as numbers, filtered with its filter box, downloaded as CSV; screenshots saved to
tests/output/ at desktop and phone widths."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from brandcouch.reports.chromium import launch_chromium
from tests.browser.support import chromium_or_skip
from tests.browser.test_browser import OUT, SIZES, Server
from tests.web.queue_store import T, build

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    with launch_chromium(chromium_or_skip()) as b:
        yield b


@pytest.fixture(scope="module")
def queue_db(tmp_path_factory):
    return build(tmp_path_factory.mktemp("tables"))[0]


def _minutes(text: str) -> float:
    """``7.5 min``, ``5.7 h``, ``2.8 d`` in minutes (the dashboard's duration format)."""
    value, unit = text.split()
    return float(value) * {"s": 1 / 60, "min": 1, "h": 60, "d": 1440}[unit]


def turn_order(page) -> list[str]:
    rows = page.locator("#queue-table tbody tr:not(.filtered-out)")
    return [rows.nth(i).get_attribute("data-turn") for i in range(rows.count())]


def test_sort_and_filter_the_queue(browser, queue_db):
    OUT.mkdir(parents=True, exist_ok=True)
    with Server(queue_db) as base:
        for name, (w, h) in SIZES.items():
            page = browser.new_page(viewport={"width": w, "height": h}, accept_downloads=True)
            errors: list[str] = []
            page.on("pageerror", lambda e, seen=errors: seen.append(str(e)))
            page.on(
                "console",
                lambda m, seen=errors: (
                    m.type == "error"
                    and not m.location.get("url", "").endswith("/favicon.ico")
                    and seen.append(f"{m.text} {m.location.get('url')}")
                ),
            )
            page.goto(base + "/queue")
            # the server's order: complaints first, then the longest waiting
            assert turn_order(page) == [T + n for n in ("61", "53", "52", "50", "51")]
            waiting = page.locator("#queue-table thead th", has_text="Waiting")
            waiting.click()  # ascending, by minutes (60, 120, 150, 240, 300), not by text
            assert waiting.get_attribute("aria-sort") == "ascending"
            assert turn_order(page) == [T + n for n in ("52", "51", "53", "50", "61")]
            waiting.click()
            assert waiting.get_attribute("aria-sort") == "descending"
            assert turn_order(page) == [T + n for n in ("61", "50", "53", "51", "52")]
            box = page.locator("input.table-filter")
            assert box.count() == 1
            box.fill("acmecare complaint")
            assert turn_order(page) == [T + "53", T + "52"]  # still in the sorted order
            assert page.locator(".filter-count").inner_text() == "2 of 5 rows"
            # every message is readable without scrolling sideways (at phone width one card
            # per turn, the message across the card)
            for i in range(2):
                cell = page.locator("#queue-table tbody tr:not(.filtered-out) td.qmsg").nth(i)
                bb = cell.bounding_box()
                assert bb is not None and bb["x"] >= 0 and bb["x"] + bb["width"] <= w, (name, bb)
                assert bb["width"] >= (300 if name == "phone" else 200), (name, bb)
            page.screenshot(path=str(OUT / f"dashboard-queue-{name}.png"), full_page=True)
            box.fill("")
            assert len(turn_order(page)) == 5
            with page.expect_download() as dl:
                page.locator("a.download").first.click()
            download = dl.value
            assert download.suggested_filename == "brandcouch-queue.csv"
            rows = list(csv.reader(io.StringIO(Path(download.path()).read_text("utf-8"))))
            assert [r[6] for r in rows[1:]] == [T + n for n in ("61", "53", "52", "50", "51")]
            assert errors == []  # nothing refused by the CSP, no script error
            page.close()


def test_sort_a_text_column_and_the_benchmark(browser, queue_db):
    with Server(queue_db) as base:
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(base + "/queue")
        page.locator("#queue-table thead th", has_text="Customer").click()
        assert turn_order(page) == [T + n for n in ("50", "51", "52", "53", "61")]
        page.goto(base + "/benchmark")
        assert page.locator("input.table-filter").count() >= 1
        page.locator("input.table-filter").first.fill("betahelp")
        visible = page.locator("main table tbody tr:not(.filtered-out)")
        assert visible.count() == 1 and "betahelp" in visible.first.inner_text()
        page.screenshot(path=str(OUT / "dashboard-benchmark-filtered-desktop.png"))
        page.close()


def test_the_care_panel_on_the_demo(browser, tmp_path_factory):
    from urllib.parse import quote

    from brandcouch import api

    path = tmp_path_factory.mktemp("care") / "demo.duckdb"
    with api.open_store(path, create=True) as store:
        api.generate_demo(store, scale=0.25)
    with Server(path) as base:
        for name, (w, h) in SIZES.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            page.goto(base + "/")
            brand = page.locator(".brand-card h3 a").first.inner_text()
            if name == "desktop":  # the league: durations and signed numbers as numbers
                league = page.locator("#league")
                cells = league.locator("tbody tr td:nth-child(5)")
                league.locator("thead th", has_text="Median 1st reply").click()
                shown = [cells.nth(i).inner_text() for i in range(cells.count())]
                assert shown == sorted(shown, key=_minutes), shown
                mood = league.locator("tbody tr td:nth-child(6)")
                league.locator("thead th", has_text="Inbound mood").click()
                moods = [float(mood.nth(i).inner_text()) for i in range(mood.count())]
                assert moods == sorted(moods), moods
            page.goto(f"{base}/brand?name={quote(brand)}#care")
            assert page.locator("#care").count() == 1
            agents = page.locator("#care-agents tbody tr")
            assert agents.count() >= 1
            replies = page.locator("#care-agents thead th", has_text="Replies")
            replies.click()
            replies.click()  # descending: the busiest agent first
            counts = [
                int(agents.nth(i).locator("td").nth(1).inner_text().replace(",", ""))
                for i in range(agents.count())
            ]
            assert counts == sorted(counts, reverse=True)
            page.locator("#care").scroll_into_view_if_needed()
            page.screenshot(path=str(OUT / f"dashboard-care-{name}.png"))
            page.close()
