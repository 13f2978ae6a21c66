"""The dashboard in-process (httpx ASGITransport) on a real result (the demo at a small
scale): every page and API route, the token, security headers, and untrusted text inert."""

from __future__ import annotations

import asyncio
from urllib.parse import quote

import httpx
import pytest
from markupsafe import escape

from brandcouch import api
from brandcouch.web import create_app
from tests.model.results import DEMO_SCALE
from tests.reports.payloads import assert_inert, census, payload_store

TOKEN = "s3cret-token-for-tests"
BASE = "http://127.0.0.1:8765"  # a Host the dashboard answers (tests/web/test_guards.py)


def get(app, url: str, **kw) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE) as c:
            return await c.request(kw.pop("method", "GET"), url, **kw)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("dash") / "demo.duckdb"
    with api.open_store(path, create=True) as store:
        api.generate_demo(store, scale=DEMO_SCALE)
        result = api.analyse(store).to_json()
    return path, result


@pytest.fixture(scope="module")
def app(demo):
    path, result = demo
    return create_app(path, result=result)


def _evidence_id(result) -> str:
    return result["brands"][0]["elements"]["empathy"]["evidence"]["lowered"][0]["message_id"]


def pages(result) -> list[str]:
    b = quote(result["brands"][0]["name"])
    week = result["brands"][0]["periods"][0]["start"]
    mid = quote(_evidence_id(result))
    return [
        "/", f"/brand?name={b}", f"/brand?name={b}&period=week&start={week}",
        f"/score?brand={b}&element=empathy", f"/score?brand={b}&element=health",
        f"/score?brand={b}&element=health&channel=twitter",
        f"/messages?brand={b}&answered=0", f"/messages?brand={b}&role=brand&page=2",
        f"/thread?id={mid}", "/benchmark", "/directory", "/imports",
    ]  # fmt: skip


def test_every_page_renders(app, demo):
    for url in pages(demo[1]):
        r = get(app, url)
        assert r.status_code == 200, url
        assert r.headers["content-type"].startswith("text/html")
        c = census(r.text)
        assert any(t == "main" for t, _ in c.tags), url


def test_security_headers_on_every_response(app):
    for url in ("/", "/api/brands", "/static/app.js", "/nope"):
        r = get(app, url)
        csp = r.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_no_inline_style_or_script_in_pages(app, demo):
    """The CSP forbids inline styles and scripts: pages must not need them."""
    for url in pages(demo[1]):
        c = census(get(app, url).text)
        assert not [a for _, a in c.tags if "style" in a], url
        assert all(a.get("src") for t, a in c.tags if t == "script"), url


def test_score_drills_down_to_components_and_threads(app, demo):
    result = demo[1]
    b = result["brands"][0]
    overview = census(get(app, "/").text)
    score_links = [
        a["href"] for t, a in overview.tags if t == "a" and "/score?" in a.get("href", "")
    ]
    assert (
        f"/score?brand={quote(b['name'], safe='').replace('%20', '+')}&element=health"
        in score_links
    )
    page = get(app, f"/score?brand={quote(b['name'])}&element=empathy").text
    for name, comp in b["elements"]["empathy"]["components"].items():
        assert name.replace("_", " ") in page and escape(comp["formula"]) in page
    c = census(page)
    threads = [a["href"] for t, a in c.tags if t == "a" and a.get("href", "").startswith("/thread")]
    ev = _evidence_id(result)
    assert any(quote(ev, safe="") in h for h in threads) or "focus" in page
    convo = get(app, f"/thread?id={quote(ev)}").text
    msgs = [a for t, a in census(convo).tags if t == "div" and "msg" in a.get("class", "").split()]
    assert any("focus" in a["class"] for a in msgs)


def test_thread_marks_brand_messages(app, demo):
    result = demo[1]
    ev = next(  # a message that raised a score: a brand reply, in its conversation
        e["message_id"]
        for b in result["brands"]
        for el in b["elements"].values()
        for e in el["evidence"]["raised"]
    )
    rows = get(app, f"/api/threads/{ev}").json()["messages"]
    assert any(r["is_brand"] for r in rows) and any(r["focus"] for r in rows)
    page = census(get(app, f"/thread?id={quote(ev)}").text)
    classes = [a.get("class", "") for t, a in page.tags if t == "div"]
    assert sum("msg brand" in c for c in classes) == sum(r["is_brand"] for r in rows)


def test_period_selector_shows_that_period(app, demo):
    b = demo[1]["brands"][0]
    week = b["periods"][0]
    page = get(app, f"/brand?name={quote(b['name'])}&period=week&start={week['start']}").text
    assert f"showing the week of {week['start']}" in page
    score = week["health"]["score"]
    if score is not None:
        assert '<div class="big' in page and f">{score:.0f}<small>" in page


def test_messages_filter_and_pages(app, demo):
    b = demo[1]["brands"][0]
    r = get(app, f"/messages?brand={quote(b['name'])}&answered=0").text
    total = b["metrics"]["inbound"] - b["metrics"]["replied"]
    assert f"{total:,} messages" in r


def test_json_api(app, demo):
    result = demo[1]
    brands = get(app, "/api/brands").json()["brands"]
    assert [b["name"] for b in brands] == [b["name"] for b in result["brands"]]
    name = result["brands"][0]["name"]
    one = get(app, f"/api/brands/{quote(name)}").json()
    assert one["metrics"]["inbound"] == result["brands"][0]["metrics"]["inbound"]
    assert get(app, "/api/brands/nobody").status_code == 404
    assert get(app, "/api/threads/nope:1").status_code == 404
    assert get(app, "/api/imports").json() == {"imports": []}  # the demo writes no import row
    assert get(app, "/api/directory").json()["directory"] == result["directory"]
    assert get(app, "/brand?name=nobody").status_code == 404


def test_token_required_when_configured(demo):
    path, result = demo
    app = create_app(path, token=TOKEN, result=result)
    assert get(app, "/").status_code == 401
    assert get(app, "/api/brands").status_code == 401
    assert get(app, "/static/app.js").status_code == 401
    assert get(app, "/", headers={"Authorization": "Bearer wrong-token-xxxx"}).status_code == 401
    assert get(app, "/", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    r = get(app, f"/?token={TOKEN}")
    assert r.status_code == 200
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    cookie_header = {"Cookie": f"brandcouch_token={TOKEN}"}
    assert get(app, "/api/brands", headers=cookie_header).status_code == 200


def test_refresh_recomputes(demo):
    path, _ = demo
    app = create_app(path)  # analyses at start-up
    before = app.state.dash.result.generated_at
    r = get(app, "/refresh", method="POST", headers={"Origin": BASE})
    assert r.status_code == 303 and app.state.dash.result.generated_at >= before
    assert app.state.dash.result.brands


def test_payloads_render_inert_in_the_dashboard(tmp_path):
    store = payload_store(tmp_path / "p.duckdb")
    api.run_signals(store)
    store.close()
    app = create_app(tmp_path / "p.duckdb")
    brand = app.state.dash.result.brands[0].name
    assert brand == "<script>alert(1)</script>"
    urls = [
        "/",
        f"/brand?name={quote(brand)}",
        f"/score?brand={quote(brand)}&element=empathy",
        f"/messages?brand={quote(brand)}",
        f"/messages?brand={quote(brand)}&role=brand",
        "/thread?id=generic:p1",
        "/benchmark",
        "/directory",
    ]
    for url in urls:
        r = get(app, url)
        assert r.status_code == 200, url
        assert_inert(r.text, allowed_scripts=1)
    data = get(app, "/api/threads/generic:p1").json()
    assert {m["permalink"] for m in data["messages"]} >= {"javascript:alert(1)"}  # raw in JSON


def test_pages_draw_the_real_result(app, demo):
    """Hand-checked against the demo at DEMO_SCALE (tests/reports/test_html_report.py)."""
    result = demo[1]
    page = get(app, "/").text
    assert [b["name"] for b in result["brands"]] == [
        "MegaMart Deals",
        "Nimbus Telecom",
        "Harbor Coffee",
    ]
    assert 'aria-label="health 89 of 100"' in page  # Harbor Coffee, 88.9
    brand = get(app, f"/brand?name={quote('MegaMart Deals')}").text
    assert "answered, time unknown" in brand and 'class="band untimed"' in brand
    assert 'never <span class="muted">(1,937)</span>' in brand
    score = get(app, f"/score?brand={quote('Harbor Coffee')}&element=health").text
    assert "Relationship health" in score and ">89<small>" in score
    bench = get(app, "/benchmark").text
    assert "3 of 3 brands ranked" in bench
    directory = get(app, "/directory").text
    for d in result["directory"]:
        assert escape(d["channels"][0]["sentence"]) in directory


def test_api_brand_is_the_json_of_the_result(app, demo):
    result = demo[1]
    one = get(app, f"/api/brands/{quote('Harbor Coffee')}").json()
    assert one == result["brands"][2]
    assert get(app, "/api/benchmark").json()["benchmark"] == result["benchmark"]
