"""The dashboard's guards, in-process: the Host check (DNS rebinding), same-origin POSTs, a
refresh that blocks nobody, parameters validated (4xx HTML pages, never a 500, also at year
9999) and brand names with a line break in API paths."""

from __future__ import annotations

import asyncio
import json
import re
import threading
from html import unescape
from urllib.parse import quote

import httpx
import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app as cli
from brandcouch.cli.app import register_all
from brandcouch.web import create_app

register_all()

BASE = "http://127.0.0.1:8765"
BRAND = "Acme\nCorp"
B = quote(BRAND)  # Acme%0ACorp
TOKEN = "s3cret-token-for-tests"


def call(app, url: str, method: str = "GET", base: str = BASE, **kw) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=base) as c:
            return await c.request(method, url, **kw)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def store_9999(tmp_path_factory):
    """A brand named "Acme\\nCorp" that posts, is asked and answers, all on 9999-12-31 (the
    weeks and months of such messages end past the last date Python has)."""
    folder = tmp_path_factory.mktemp("guards")
    brand = {"author": "b1", "author_handle": "acme", "brand": BRAND}
    rows = [
        dict(brand, id="p1", text="Our new product", created_at="9999-12-31T10:00:00Z"),
        {"id": "c1", "author": "u1", "author_handle": "fan", "text": "Why is my order late?",
         "parent_id": "p1", "created_at": "9999-12-31T11:00:00Z"},
        dict(brand, id="r1", text="Sorry, checking now", parent_id="c1",
             created_at="9999-12-31T12:00:00Z"),
    ]  # fmt: skip
    src = folder / "m.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    path = folder / "s.duckdb"
    r = CliRunner().invoke(
        cli, ["import", "--db", str(path), "--format", "generic-jsonl", str(src)]
    )
    assert r.exit_code == 0, r.output
    with api.open_store(path, read_only=True) as store:
        result = api.analyse(store, signals=False).to_json()
    return path, result


@pytest.fixture(scope="module")
def app(store_9999):
    path, result = store_9999
    return create_app(path, result=result)


def is_html_page(r: httpx.Response, status: int) -> bool:
    return (
        r.status_code == status
        and r.headers["content-type"].startswith("text/html")
        and "<!doctype html>" in r.text.lower()
    )


# -- Host ---------------------------------------------------------------------------------------


def test_another_host_name_is_refused(app):
    for url in ("/", "/api/brands", f"/api/brands/{B}", "/static/app.js"):
        r = call(app, url, headers={"Host": "evil.example"})
        assert is_html_page(r, 400), url
        assert "Acme" not in r.text  # nothing from the store
        r = call(app, url, headers={"Host": "evil.example:8765"})
        assert r.status_code == 400, url
    for host in ("", "[::1", "127.0.0.1:80a", "::1"):
        assert call(app, "/", headers={"Host": host}).status_code == 400, host


def test_loopback_names_are_answered(app):
    for host in ("127.0.0.1:8765", "localhost:8765", "LOCALHOST", "[::1]:8765", "127.0.0.2"):
        assert call(app, "/api/brands", headers={"Host": host}).status_code == 200, host


def test_the_bound_host_and_port(store_9999):
    path, result = store_9999
    app = create_app(path, token=TOKEN, result=result, host="192.168.1.5", port=8765)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    ok = call(app, "/api/brands", headers={**auth, "Host": "192.168.1.5:8765"})
    assert ok.status_code == 200
    for host in ("192.168.1.5:9999", "192.168.1.5", "evil.example:8765"):
        r = call(app, "/api/brands", headers={**auth, "Host": host})
        assert r.status_code == 400, host
    assert call(app, "/", headers={**auth, "Host": "127.0.0.1:8765"}).status_code == 200


def test_wildcard_binding(store_9999):
    """0.0.0.0 cannot know every name of the machine: with a token (the guard) any name is
    answered; without one, only loopback names."""
    path, result = store_9999
    auth = {"Authorization": f"Bearer {TOKEN}"}
    guarded = create_app(path, token=TOKEN, result=result, host="0.0.0.0")
    assert call(guarded, "/", headers={**auth, "Host": "mybox.lan:8765"}).status_code == 200
    assert call(guarded, "/", headers={"Host": "mybox.lan:8765"}).status_code == 401
    open_ = create_app(path, result=result, host="0.0.0.0")
    assert call(open_, "/", headers={"Host": "mybox.lan:8765"}).status_code == 400
    assert call(open_, "/", headers={"Host": "localhost:8765"}).status_code == 200


# -- POST: same origin only ---------------------------------------------------------------------


@pytest.fixture()
def counting(store_9999, monkeypatch):
    """A dashboard whose refresh only counts (the guards, not the analysis, are tested)."""
    path, result = store_9999
    app = create_app(path, result=result)
    runs = []

    def fake_analyse(store, signals=True):
        runs.append(signals)
        return dict(result, generated_at="refreshed")

    monkeypatch.setattr(api, "analyse", fake_analyse)
    return app, runs


def test_cross_site_posts_are_refused(counting):
    app, runs = counting
    refused = [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:9999"},  # another port is another origin
        {"Origin": "https://127.0.0.1:8765"},  # and another scheme
        {"Origin": "null"},
        {"Origin": "null", "Sec-Fetch-Site": "cross-site"},
        {"Referer": "http://evil.example/page"},
        {},
    ]
    for headers in refused:
        r = call(app, "/refresh", method="POST", headers=headers)
        assert is_html_page(r, 403), headers
    assert runs == []  # nothing recomputed
    assert app.state.dash.result["generated_at"] != "refreshed"


def test_same_origin_posts_refresh(counting):
    app, runs = counting
    accepted = [
        {"Origin": BASE},
        {"Referer": f"{BASE}/brand?name=x"},
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},  # a no-referrer browser
    ]
    for headers in accepted:
        r = call(app, "/refresh", method="POST", headers=headers)
        assert r.status_code == 303 and r.headers["location"] == "/", headers
    assert runs == [True, True, True]  # signals the file lacks are scored into the snapshot
    assert app.state.dash.result["generated_at"] == "refreshed"
    origin = call(app, "/refresh", method="POST", base="http://localhost:8765",
                  headers={"Origin": "http://localhost:8765"})  # fmt: skip
    assert origin.status_code == 303


def test_pages_send_their_origin_on_posts(app):
    """Under `no-referrer` a browser's form POST carries `Origin: null`: pages use
    `same-origin`, which sends the real Origin to the dashboard and nothing to other sites."""
    r = call(app, "/")
    assert r.headers["referrer-policy"] == "same-origin"
    assert 'content="no-referrer"' not in r.text


# -- refresh blocks nobody ----------------------------------------------------------------------


def test_refresh_runs_outside_the_lock_and_a_second_is_refused(store_9999, monkeypatch):
    path, result = store_9999
    app = create_app(path, result=result)
    dash = app.state.dash
    started, release = threading.Event(), threading.Event()

    def slow_analyse(store, signals=True):
        assert store.con is not dash.store.con  # its own connection to the database
        started.set()
        assert release.wait(20)
        return dict(result, generated_at="refreshed")

    monkeypatch.setattr(api, "analyse", slow_analyse)
    first = threading.Thread(target=lambda: call(app, "/refresh", "POST", headers={"Origin": BASE}))
    first.start()
    try:
        assert started.wait(20)
        assert dash.lock.acquire(timeout=5)  # the store is free meanwhile
        dash.lock.release()
        assert call(app, "/thread?id=generic:c1").status_code == 200  # reads the store
        second = call(app, "/refresh", "POST", headers={"Origin": BASE})
        assert is_html_page(second, 409) and "already running" in second.text
        assert dash.result["generated_at"] != "refreshed"  # the old result until the swap
    finally:
        release.set()
        first.join(20)
    assert dash.result["generated_at"] == "refreshed"
    again = call(app, "/refresh", "POST", headers={"Origin": BASE})
    assert again.status_code == 303  # the lock was given back


# -- parameters ---------------------------------------------------------------------------------


def _count(page: str) -> str:
    m = re.search(r"([\d,]+) messages?(?: on \w+)?( · \w+ of [\d-]+)? · newest first", page)
    assert m, page
    return m.group(0)


def test_the_year_9999_period_links_work(app):
    """The brand page's own links for the month and the week of 9999-12-31: their end would be
    10000-01-01 / 10000-01-03, which no Python date holds. They run to the end of time."""
    page = call(app, f"/brand?name={B}&period=month&start=9999-12-01")
    assert page.status_code == 200
    links = [unescape(h) for h in re.findall(r'href="(/messages\?[^"]*)"', page.text)]
    monthly = [h for h in links if "period=month&start=9999-12-01" in h]
    assert len(monthly) == 3  # unanswered, answered, the brand's own
    for h in monthly:
        assert call(app, h).status_code == 200, h
    inbound = call(app, f"/messages?brand={B}&period=month&start=9999-12-01").text
    assert _count(inbound) == "1 message · month of 9999-12-01 · newest first"
    own = call(app, f"/messages?brand={B}&role=brand&period=week&start=9999-12-27").text
    assert _count(own) == "2 messages · week of 9999-12-27 · newest first"
    assert "Sorry, checking now" in own and "Our new product" in own


def test_reproducers_no_longer_500(app):
    """The issue's URLs: a page number past any int64 offset is clamped to the last page; a
    week or month starting 9999-12-31 has no end instead of overflowing."""
    r = call(app, f"/messages?brand={B}&page=99999999999999999999")
    assert r.status_code == 200 and "page 1 of 1" not in r.text  # one page: no pager
    assert _count(r.text) == "1 message · newest first" and "Why is my order late?" in r.text
    for period in ("week", "month"):
        r = call(app, f"/messages?brand={B}&period={period}&start=9999-12-31")
        assert r.status_code == 200, period
        assert _count(r.text) == f"1 message · {period} of 9999-12-31 · newest first"
        r = call(app, f"/brand?name={B}&period={period}&start=9999-12-31")
        assert r.status_code == 200, period
        assert call(app, f"/score?brand={B}&element=health&period={period}&start=9999-12-31")


@pytest.mark.parametrize(
    "url, says",
    [
        (f"/messages?brand={B}&period=week&start=nonsense", "start must be a date"),
        (f"/messages?brand={B}&period=month&start=9999-13-01", "start must be a date"),
        (f"/brand?name={B}&period=week&start=2026-02-30", "start must be a date"),
        (f"/score?brand={B}&element=value&period=month&start=x", "start must be a date"),
        (f"/brand?name={B}&period=year", "period must be one of"),
        (f"/messages?brand={B}&role=admin", "role must be one of"),
        (f"/messages?brand={B}&answered=2", "answered must be one of"),
        (f"/messages?brand={B}&page=abc", "page"),
        (f"/messages?brand={B}&page=" + "9" * 5000, "page"),
        ("/messages", "brand"),  # missing
    ],
)
def test_bad_parameters_are_a_400_page(app, url, says):
    r = call(app, url)
    assert is_html_page(r, 400), url
    assert says in unescape(r.text)


def test_not_found_is_a_page_and_json_under_api(app):
    assert is_html_page(call(app, "/brand?name=nobody"), 404)
    assert is_html_page(call(app, "/nope"), 404)
    assert is_html_page(call(app, "/refresh"), 405)  # GET on a POST route
    r = call(app, "/api/brands/nobody")
    assert r.status_code == 404 and r.json() == {"detail": "no such brand in this store"}


# -- names with a line break ----------------------------------------------------------------------


def test_a_brand_name_with_a_line_break_round_trips(app):
    names = [b["name"] for b in call(app, "/api/brands").json()["brands"]]
    assert names == [BRAND]
    one = call(app, f"/api/brands/{quote(BRAND, safe='')}")
    assert one.status_code == 200 and one.json()["name"] == BRAND
    assert call(app, "/api/brands/Acme%0A").status_code == 404  # a prefix is not the brand
    thread = call(app, "/api/threads/generic:c1").json()
    assert [m["id"] for m in thread["messages"]] == ["generic:p1", "generic:c1", "generic:r1"]
    assert call(app, f"/brand?name={B}").status_code == 200
    # a browser submits the brand picker's line break as CRLF
    assert call(app, "/brand?name=Acme%0D%0ACorp").status_code == 200
