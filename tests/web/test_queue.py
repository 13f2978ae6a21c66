"""The unanswered queue (/queue) on a hand-built store (tests/web/queue_store.py): only the
turns that need a reply and got none, complaints first, then the longest waiting."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest

from brandcouch import api
from brandcouch.web import create_app
from brandcouch.web.queue import clip, unanswered_queue
from tests.web.queue_store import T, build
from tests.web.test_dashboard import get


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(tmp_path_factory.mktemp("queue"))


@pytest.fixture(scope="module")
def app(built):
    path, result = built
    return create_app(path, result=result)


def queue_rows(html: str) -> list[tuple[str, str]]:
    """(turn id, kind) of each row of the queue table, in order."""
    return [
        (unescape(m.group(1)), m.group(2))
        for m in re.finditer(r'<tr data-turn="([^"]+)" data-kind="([^"]+)">', html)
    ]


def test_the_order_by_hand(built):
    path, _ = built
    with api.open_store(path, read_only=True, snapshot=True) as store:
        api.analyse(store)
        rows = unanswered_queue(store)
    # answered (54), needing no reply (56) and answered outside the data (57) are left out;
    # the last message is at 12:00: complaints 61 (07:00, 300 min), 53 (09:30, 150),
    # 52 (11:00, 60), then questions 50 (08:00, 240), 51 (10:00, 120)
    assert [(r["turn_id"], r["kind"], r["waiting_minutes"]) for r in rows] == [
        (T + "61", "complaint", 300.0),
        (T + "53", "complaint", 150.0),
        (T + "52", "complaint", 60.0),
        (T + "50", "question", 240.0),
        (T + "51", "question", 120.0),
    ]
    assert rows[0]["brand"] == "betahelp" and rows[1]["brand"] == "acmecare"


def test_the_page_for_one_brand(app):
    r = get(app, "/queue?brand=acmecare")
    assert r.status_code == 200
    assert queue_rows(r.text) == [
        (T + "53", "complaint"), (T + "52", "complaint"),
        (T + "50", "question"), (T + "51", "question"),
    ]  # fmt: skip
    assert "4 customer turns that need a reply and got none (2 complaints)" in r.text
    assert 'href="/thread?id=twitter%3Atwcs%3A53#m-twitter%3Atwcs%3A53"' in r.text
    assert '<a href="/queue?brand=acmecare" aria-current="page">Queue</a>' in r.text
    assert "2.5 h" in r.text or "150" in r.text  # waiting is shown


def test_every_brand_and_an_unknown_brand(app):
    r = get(app, "/queue")
    assert r.status_code == 200
    assert [t for t, _ in queue_rows(r.text)][:2] == [T + "61", T + "53"]
    assert get(app, "/queue?brand=nobody").status_code == 404


def test_the_nav_links_to_the_queue(app):
    r = get(app, "/")
    assert '<a href="/queue">Queue</a>' in r.text
    assert 'href="/queue?brand=acmecare"' in get(app, "/brand?name=acmecare").text


def test_message_text_is_escaped_and_clipped(app):
    r = get(app, "/queue?brand=acmecare")
    assert "=HYPERLINK(1) @acmecare Is the store open today?" in r.text
    assert clip("x" * 300, 10) == "x" * 9 + "…"
    assert clip("  short ") == "short"


def test_payloads_render_inert_in_the_queue_and_its_csv(tmp_path):
    from tests.reports.payloads import PAYLOADS, assert_inert, payload_store

    store = payload_store(tmp_path / "p.duckdb")
    api.run_signals(store)
    store.close()
    app = create_app(tmp_path / "p.duckdb")
    brand = app.state.dash.result.brands[0].name
    r = get(app, "/queue")
    assert r.status_code == 200
    assert len(queue_rows(r.text)) == 15  # the payload store's unanswered complaints
    assert_inert(r.text, allowed_scripts=1)
    page = get(app, "/brand?name=" + quote(brand))
    assert_inert(page.text, allowed_scripts=1)
    csv_text = get(app, "/download.csv?table=queue").text
    assert all(not line.startswith(("=", "+", "@")) for line in csv_text.splitlines())
    assert ",'@<img src=x onerror=alert(1)>," in csv_text  # a handle starting with @
    assert PAYLOADS


def test_the_brand_picker_names_no_brand_on_a_page_of_every_brand(app):
    """Issue 14: the picker showed the first brand on pages that are about every brand."""
    page = get(app, "/queue").text
    picker = page.split('id="pick-brand"', 1)[1].split("</select>", 1)[0]
    assert '<option value="" selected disabled>Brand…</option>' in picker
    assert picker.count(" selected") == 1


def test_the_brand_picker_follows_a_conversation_page(app):
    """Issue 14: on a thread page the picker named no brand (or another one); a conversation
    with one brand selects it."""
    from urllib.parse import quote

    page = get(app, "/thread?id=" + quote(T + "54")).text  # 205 -> acmecare's "ships today"
    picker = page.split('id="pick-brand"', 1)[1].split("</select>", 1)[0]
    assert '<option value="acmecare" selected>acmecare</option>' in picker
    assert picker.count(" selected") == 1 and "Brand…" not in picker
    page = get(app, "/thread?id=" + quote(T + "61")).text  # betahelp's customer
    picker = page.split('id="pick-brand"', 1)[1].split("</select>", 1)[0]
    assert '<option value="betahelp" selected>betahelp</option>' in picker
