"""The dashboard's thread page shows the per-turn verdicts of ``brandcouch conversations``:
each customer turn answered (with its first-response time), unanswered or answered outside the
data, on the hand-built store of tests/cli/test_conversations.py."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import quote

import pytest

from brandcouch import api
from brandcouch.web import create_app
from tests.cli.test_conversations import HEADER, ROWS, T
from tests.web.test_dashboard import get


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("thread")
    src = folder / "twcs.csv"
    src.write_text(
        HEADER
        + "".join(
            f'{i},{a},{b},Tue Oct 31 {t} +0000 2017,"{x}","{r}",{p}\n'
            for i, a, b, t, x, r, p in ROWS
        ),
        "utf-8",
    )
    path = folder / "t.duckdb"
    with api.open_store(path, create=True) as store:
        api.import_paths(store, [src])
        result = api.analyse(store).to_json()
    return create_app(path, result=result)


def turns(html: str) -> list[tuple[str, str, str]]:
    """(turn id, verdict, the verdict chip's text) of each turn on the page, in order."""
    out = []
    for m in re.finditer(
        r'<li class="turn [^"]*" data-turn="([^"]+)" data-verdict="([^"]+)">\s*'
        r'<span class="chip [^"]*verdict">([^<]*)</span>',
        html,
    ):
        out.append((unescape(m.group(1)), m.group(2), unescape(m.group(3))))
    return out


def test_burst_answered_once_and_a_turn_needing_no_reply(app):
    page = get(app, f"/thread?id={quote(T + '3')}")
    assert page.status_code == 200
    assert turns(page.text) == [
        (T + "2", "answered", "answered · first response 20.0 min"),
        (T + "5", "no_reply_needed", "no reply needed"),  # unanswered, asks for nothing
    ]
    assert "2 messages · needs a reply · complaint" in page.text


def test_outside_the_data(app):
    page = get(app, f"/thread?id={quote(T + '10')}")
    assert turns(page.text) == [(T + "10", "outside", "answered outside the data")]


def test_root_not_in_the_store_and_a_second_brand(app):
    assert turns(get(app, f"/thread?id={quote(T + '31')}").text) == [
        (T + "30", "answered", "answered · first response 1.1 min")
    ]
    assert turns(get(app, f"/thread?id={quote(T + '22')}").text) == [
        (T + "20", "answered", "answered · first response 30.0 min"),
        (T + "22", "unanswered", "unanswered"),
    ]


def test_the_page_agrees_with_the_export(app, tmp_path):
    """Every turn of the export appears on its thread page with the same verdict."""
    store = app.state.dash.store
    with app.state.dash.lock:
        _, frame = api.conversations(store, thread=None, signals=False)
    for t in frame.to_dict("records"):
        shown = dict(
            (tid, v) for tid, v, _ in turns(get(app, f"/thread?id={quote(t['turn_id'])}").text)
        )
        want = (
            "answered"
            if t["answered"]
            else "outside"
            if t["answered_outside_data"]
            else "unanswered"
            if t["needs_reply"]
            else "no_reply_needed"
        )
        assert shown[t["turn_id"]] == want


def test_turn_links_point_at_the_messages(app):
    html = get(app, f"/thread?id={quote(T + '3')}").text
    for tid, _, _ in turns(html):
        anchor = "m-" + quote(tid, safe="")
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html
