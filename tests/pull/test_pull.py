"""``brandcouch pull`` against local fake APIs (tests/pull/apis.py): first and incremental
pulls, pagination, rate limits with Retry-After, a 500, a timeout, a truncated body, an
interrupted and resumed pull, and a pulled store analysing like an imported one."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from brandcouch.pull import PullError, pull_bluesky, pull_dir, pull_mastodon
from tests.pull.apis import Bluesky, Mastodon, Server

register_all()
FAST = {"timeout": 2.0, "retries": 1, "backoff": 0.001}
ACCT = "Gargron@mastodon.social"


@pytest.fixture
def masto(monkeypatch):
    import brandcouch.pull.mastodon as m

    monkeypatch.setattr(m, "PAGE", 3)  # 7 statuses: pages of 3, 3, 1, then an empty one
    fake = Mastodon()
    for i in range(7):
        fake.post(101 + i, 1 + i, f"Status {101 + i} from Eugen")
    fake.reply(102, 201, 2, "@Gargron my order is late")
    fake.reply(105, 202, 5, "@Gargron the app crashes on login")
    fake.reply(105, 203, 5, "@Gargron same here, thanks for looking")
    srv = Server(fake)
    fake.base = srv.url
    yield fake, srv
    srv.close()


def _pull(store, db, srv, **kw):
    return pull_mastodon(store, db, ACCT, instance=srv.url, client=kw.pop("client", FAST), **kw)


def _count(store, where="true"):
    return store.scalar(f"SELECT count(*) FROM messages WHERE {where}")


def test_first_pull_pages_threads_and_brand(masto, tmp_path):
    fake, srv = masto
    db = tmp_path / "s.duckdb"
    with api.open_store(db, create=True) as store:
        res = _pull(store, db, srv)
        assert (res.posts, res.threads, res.imported) == (7, 2, 10)
        assert _count(store) == 10
        assert _count(store, "kind = 'reply'") == 3
        brands = store.con.execute("SELECT brand, platform, ref FROM brand_accounts").fetchall()
        assert brands == [("Eugen", "mastodon", ACCT)]
    # lookup, 4 statuses pages (3 + 3 + 1 + the empty page after the last Link), 2 contexts
    assert srv.paths() == [
        "/api/v1/accounts/lookup", *["/api/v1/accounts/1/statuses"] * 4,
        "/api/v1/statuses/105/context", "/api/v1/statuses/102/context",
    ]  # fmt: skip
    assert [q.get("max_id") for p, q in srv.log if p.endswith("/statuses")] == [
        None, "105", "102", "101",
    ]  # fmt: skip
    folder = pull_dir(db, "mastodon", ACCT)
    pages = sorted(p.name for p in (folder / "run-0001").iterdir())
    assert pages == [
        "account.json", "context-102.json", "context-105.json",
        "statuses-0001.json", "statuses-0002.json", "statuses-0003.json",
    ]  # fmt: skip
    state = json.loads((folder / ".state.json").read_text())
    assert state["known"] == {"newest_id": "107"} and state["run"] is None


def test_incremental_pull_fetches_only_what_is_new(masto, tmp_path):
    fake, srv = masto
    db = tmp_path / "s.duckdb"
    with api.open_store(db, create=True) as store:
        _pull(store, db, srv)
        fake.post(108, 8, "Status 108: new today")
        fake.reply(108, 204, 8, "@Gargron is the outage over?")
        srv.log.clear()
        res = _pull(store, db, srv)
        assert (res.posts, res.threads, res.imported, res.duplicates) == (1, 1, 2, 0)
        assert _count(store) == 12
        statuses = [q for p, q in srv.log if p.endswith("/statuses")]
        assert statuses[0]["since_id"] == "107"
        assert srv.paths("/api/v1/statuses/") == ["/api/v1/statuses/108/context"]
        srv.log.clear()
        res = _pull(store, db, srv)  # nothing new
        assert (res.posts, res.imported, res.pages) == (0, 0, 0)
        assert _count(store) == 12


def test_since_and_limit(masto, tmp_path):
    fake, srv = masto
    db = tmp_path / "s.duckdb"
    from datetime import UTC, datetime

    with api.open_store(db, create=True) as store:
        res = _pull(store, db, srv, since=datetime(2024, 3, 5, tzinfo=UTC))
        assert res.posts == 3  # 107, 106, 105 (days 7, 6, 5)
        assert _count(store, "kind = 'post'") == 3
    db2 = tmp_path / "t.duckdb"
    with api.open_store(db2, create=True) as store:
        res = _pull(store, db2, srv, limit=2)
        assert res.posts == 2 and _count(store, "kind = 'post'") == 2


def test_rate_limit_retry_after_is_honoured(masto, tmp_path):
    fake, srv = masto
    hits = []

    def fault(path, q, n):
        if path.endswith("/statuses") and not hits:
            hits.append(n)
            return ("status", 429, {"Retry-After": "0.05"})
        return None

    srv.fault = fault
    db = tmp_path / "s.duckdb"
    with api.open_store(db, create=True) as store:
        res = _pull(store, db, srv)
        assert res.posts == 7 and _count(store) == 10
        assert res.waited_s == pytest.approx(0.05)  # Retry-After, not the 0.001 s backoff
    assert srv.paths()[1:3] == ["/api/v1/accounts/1/statuses"] * 2  # the 429, then the retry


def test_rate_limit_remaining_zero_waits_for_reset():
    import time

    from brandcouch.pull.core import _reset_wait

    assert _reset_wait({"ratelimit-remaining": "0", "ratelimit-reset": str(time.time() + 30)}) == (
        pytest.approx(30, abs=1)
    )
    assert (
        _reset_wait({"x-ratelimit-remaining": "5", "x-ratelimit-reset": "2030-01-01T00:00Z"})
        is None
    )


def _fails(store, db, srv, match, **kw):
    with pytest.raises(PullError, match=match) as e:
        _pull(store, db, srv, **kw)
    assert "\n" not in str(e.value)
    assert _count(store) == 0  # nothing half-imported
    return str(e.value)


def test_server_error_is_one_line_and_imports_nothing(masto, tmp_path):
    fake, srv = masto
    srv.fault = lambda p, q, n: ("status", 500) if p.endswith("/context") else None
    db = tmp_path / "s.duckdb"
    with api.open_store(db, create=True) as store:
        msg = _fails(store, db, srv, "HTTP 500")
    assert msg.endswith(
        "/api/v1/statuses/105/context: HTTP 500 Internal Server Error (after 2 attempts)"
    )


def test_client_error_is_not_retried(masto, tmp_path):
    fake, srv = masto
    db = tmp_path / "s.duckdb"
    err = r"HTTP 404 Not Found: Record not found$"
    with api.open_store(db, create=True) as store, pytest.raises(PullError, match=err):
        pull_mastodon(store, db, "nobody@mastodon.social", instance=srv.url, client=FAST)
    assert srv.paths() == ["/api/v1/accounts/lookup"]


def test_timeout(masto, tmp_path):
    fake, srv = masto
    srv.fault = lambda p, q, n: ("sleep", 1.0) if p.endswith("/lookup") else None
    db = tmp_path / "s.duckdb"
    with api.open_store(db, create=True) as store:
        _fails(store, db, srv, "timed out", client={"timeout": 0.2, "retries": 0})


def test_truncated_body(masto, tmp_path):
    fake, srv = masto
    srv.fault = lambda p, q, n: ("truncate",) if p.endswith("/statuses") else None
    db = tmp_path / "s.duckdb"
    with api.open_store(db, create=True) as store:
        _fails(store, db, srv, "truncated")


def test_interrupted_pull_resumes(masto, tmp_path):
    fake, srv = masto
    srv.fault = lambda p, q, n: ("status", 503) if p.endswith("/102/context") else None
    db = tmp_path / "s.duckdb"
    with api.open_store(db, create=True) as store:
        _fails(store, db, srv, "HTTP 503", client={"timeout": 2, "retries": 0})
        state = json.loads((pull_dir(db, "mastodon", ACCT) / ".state.json").read_text())
        assert state["run"]["threads_done"] == ["105"] and state["run"]["phase"] == "threads"
        srv.fault = None
        srv.log.clear()
        res = _pull(store, db, srv)
        assert res.resumed and (res.posts, res.threads, res.imported) == (7, 2, 10)
        assert srv.paths() == ["/api/v1/statuses/102/context"]  # only what was left
        assert _count(store) == 10


def _analysis(store):
    """The analysis without its provenance (``imports``: one page set vs one import a file)."""
    out = api.analyse(store).to_json()
    for key in ("generated_at", "imports"):
        out.pop(key, None)
    out["store"].pop("imports")
    out["store"].pop("path", None)
    return out


def test_pulled_store_analyses_like_the_imported_pages(masto, tmp_path):
    fake, srv = masto
    db = tmp_path / "pulled.duckdb"
    with api.open_store(db, create=True) as store:
        _pull(store, db, srv)
        api.run_signals(store)
        pulled = _analysis(store)
    other = tmp_path / "imported.duckdb"
    with api.open_store(other, create=True) as store:
        api.add_brands(store, [f"Eugen=mastodon:{ACCT}"])
        reports = api.import_paths(store, [pull_dir(db, "mastodon", ACCT)])
        assert sum(r.imported for r in reports) == 10
        api.run_signals(store)
        imported = _analysis(store)
    assert pulled["store"] == {"messages": 10, "accounts": 2, "brands": 1}
    assert [b["name"] for b in pulled["brands"]] == ["Eugen"]
    assert json.dumps(pulled, sort_keys=True, default=str) == json.dumps(
        imported, sort_keys=True, default=str
    )


def test_cli_pull_mastodon(masto, tmp_path):
    fake, srv = masto
    db = tmp_path / "s.duckdb"
    r = CliRunner().invoke(
        app, ["pull", "mastodon", ACCT, "--instance", srv.url, "--db", str(db), "--retries", "0"]
    )
    assert r.exit_code == 0, r.output
    assert "7 posts, 2 threads" in r.output and "imported 10" in r.output
    srv.fault = lambda p, q, n: ("status", 500)
    fake.post(109, 9, "more")
    r = CliRunner().invoke(
        app, ["pull", "mastodon", ACCT, "--instance", srv.url, "--db", str(db), "--retries", "0"]
    )
    assert r.exit_code == 1
    assert r.output.strip().splitlines()[-1].startswith("error: ")
    assert "HTTP 500" in r.output


# -------------------------------------------------------------------------------- Bluesky


@pytest.fixture
def bsky(monkeypatch):
    import brandcouch.pull.bluesky as b

    monkeypatch.setattr(b, "PAGE", 2)
    fake = Bluesky()
    posts = [fake.post(f"3p{i}", 1 + i, f"Acme update {i}") for i in range(5)]
    fake.reply("3r1", posts[1], 2, "@acme.bsky.social where is my parcel?")
    fake.reply("3r2", posts[3], 4, "@acme.bsky.social thanks, fixed")
    srv = Server(fake)
    yield fake, srv
    srv.close()


def test_bluesky_first_and_incremental_pull(bsky, tmp_path):
    fake, srv = bsky
    db = tmp_path / "b.duckdb"
    with api.open_store(db, create=True) as store:
        res = pull_bluesky(store, db, "acme.bsky.social", service=srv.url, client=FAST)
        assert (res.posts, res.threads, res.imported, res.brand) == (5, 2, 7, "Acme Support")
        # 5 posts at 2 a page: cursors none, 2, 4
        feed = [q.get("cursor") for p, q in srv.log if p.endswith("getAuthorFeed")]
        assert feed == [None, "2", "4"]
        assert _count(store, "kind = 'reply'") == 2
        fake.post("3p9", 9, "Acme: all fixed")
        srv.log.clear()
        res = pull_bluesky(store, db, "acme.bsky.social", service=srv.url, client=FAST)
        assert (res.posts, res.threads, res.imported) == (1, 0, 1)
        assert srv.paths() == ["/xrpc/app.bsky.feed.getAuthorFeed"]  # stopped at a known post
        assert _count(store) == 8


def test_bluesky_rate_limit_and_error(bsky, tmp_path):
    fake, srv = bsky
    seen = []

    def fault(p, q, n):
        if not seen:
            seen.append(n)
            return ("status", 429, {"Retry-After": "0.02", "RateLimit-Remaining": "0"})
        return None

    srv.fault = fault
    db = tmp_path / "b.duckdb"
    with api.open_store(db, create=True) as store:
        res = pull_bluesky(store, db, "acme.bsky.social", service=srv.url, client=FAST)
        assert res.imported == 7 and res.waited_s == pytest.approx(0.02)
    with (
        api.open_store(tmp_path / "c.duckdb", create=True) as store,
        pytest.raises(PullError, match="HTTP 400 Bad Request: InvalidRequest: Profile not found$"),
    ):
        pull_bluesky(store, tmp_path / "c.duckdb", "nobody.bsky.social", service=srv.url,
                     client=FAST)  # fmt: skip
