"""The dashboard holds no lock on the store between requests: it answers from an in-memory
snapshot, a recompute takes a new one, and a busy store keeps the last analysis (no 500)."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import httpx
import pytest

from brandcouch import api
from brandcouch.web import create_app

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def demo(tmp_path):
    path = tmp_path / "demo.duckdb"
    with api.open_store(path, create=True) as store:
        api.generate_demo(store, scale=0.1)
        api.run_signals(store)
    return path


class _client:  # noqa: N801 - reads like a test client
    def __init__(self, app):
        self.app = app

    def request(self, method: str, url: str, **kw) -> httpx.Response:
        async def go():
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url=BASE) as c:
                return await c.request(method, url, **kw)

        return asyncio.run(go())

    def get(self, url: str, **kw) -> httpx.Response:
        return self.request("GET", url, **kw)

    def post(self, url: str, **kw) -> httpx.Response:
        kw.pop("follow_redirects", None)
        return self.request("POST", url, **kw)


def test_the_file_is_free_while_the_dashboard_runs_and_recompute_sees_new_data(demo, tmp_path):
    app = create_app(demo)
    client = _client(app)
    before = app.state.dash.result.store.messages
    assert client.get("/").status_code == 200
    export = tmp_path / "today.csv"
    export.write_text(
        "id,author,text,created_at,brand,parent_id\n"
        "q1,ann,Is my order on its way?,2026-01-05T10:00:00Z,,\n"
        "a1,newcomer_help,It ships today!,2026-01-05T10:20:00Z,Newcomer,q1\n"
    )
    with api.open_store(demo, busy_timeout=0) as writer:  # no wait: nothing holds it
        api.import_paths(writer, [export])
    assert client.get("/").status_code == 200  # pages answer from the snapshot
    assert app.state.dash.result.store.messages == before
    r = client.post("/refresh", headers={"Origin": BASE}, follow_redirects=False)
    assert r.status_code == 303
    assert app.state.dash.result.store.messages == before + 2
    assert "Newcomer" in {b.name for b in app.state.dash.result.brands}
    assert app.state.dash.notice is None
    assert client.get("/thread?id=generic:q1").status_code == 200


HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.readline()
"""


def test_a_recompute_on_a_busy_store_keeps_the_last_analysis_and_says_so(demo):
    app = create_app(demo)
    client = _client(app)
    before = app.state.dash.result
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(demo)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout.readline().strip() == "holding"
        r = client.post("/refresh", headers={"Origin": BASE}, follow_redirects=False)
        assert r.status_code == 303
        assert app.state.dash.result is before
        notice = app.state.dash.notice
        assert notice and "being updated" in notice and f"PID {child.pid}" in notice
        brand = before.brands[0].name
        for url in ("/", "/benchmark", "/imports", f"/messages?brand={brand}", "/api/brands"):
            assert client.get(url).status_code == 200, url
    finally:
        child.stdin.close()
        child.wait(20)
    r = client.post("/refresh", headers={"Origin": BASE}, follow_redirects=False)
    assert r.status_code == 303 and app.state.dash.notice is None
    assert app.state.dash.result is not before
