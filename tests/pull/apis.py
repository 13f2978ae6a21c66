"""Fake Mastodon and Bluesky APIs on a local HTTP server (127.0.0.1, a thread), serving pages
generated from real objects (../shared) and templates built from the docs
(tests/fixtures/pull/README.md). Never the internet."""

from __future__ import annotations

import contextlib
import copy
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlparse

from tests.conftest import FIXTURES, shared_path

PULL = FIXTURES / "pull"


class Server:
    """``app(method_path, query) -> (status, headers, body)``; ``fault(path, query, n)`` may
    return a fault first: ``("status", code, headers)``, ``("sleep", secs)`` or
    ``("truncate",)``. Every request is logged as ``(path, query)``."""

    def __init__(self, app):
        self.app = app
        self.fault = None
        self.log: list[tuple[str, dict]] = []
        outer = self

        class H(BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                u = urlparse(self.path)
                q = {k: v[0] for k, v in parse_qs(u.query).items()}
                outer.log.append((u.path, q))
                f = outer.fault(u.path, q, len(outer.log)) if outer.fault else None
                if f and f[0] == "sleep":
                    time.sleep(f[1])
                if f and f[0] == "status":
                    body = json.dumps({"error": "injected"}).encode()
                    self.send_response(f[1])
                    for k, v in (f[2] if len(f) > 2 else {}).items():
                        self.send_header(k, v)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                status, headers, body = outer.app(u.path, q)
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                for k, v in headers.items():
                    self.send_header(k, v)
                if f and f[0] == "truncate":
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    return
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self, prefix: str = "") -> list[str]:
        return [p for p, _ in self.log if p.startswith(prefix)]


def _json(obj) -> bytes:
    return json.dumps(obj).encode("utf-8")


# ------------------------------------------------------------------------------- Mastodon


class Mastodon:
    """Account ``Gargron`` (id 1, the real Account of Status.example.json) with statuses
    ``ids`` (numeric strings, newest first after sorting) and replies by ``admin``."""

    def __init__(self):
        self.status_t = json.loads(
            shared_path("fixtures", "mastodon_api", "Status.example.json").read_text()
        )
        self.reply_t = json.loads(
            shared_path("fixtures", "mastodon_api", "test_status_reply.reply.json").read_text()
        )
        self.context_t = json.loads((PULL / "mastodon_context.json").read_text())
        self.account = self.status_t["account"]
        self.statuses: dict[str, dict] = {}
        self.replies: dict[str, list[dict]] = {}
        self.base = ""

    def post(self, sid: int, day: int, text: str) -> dict:
        s = copy.deepcopy(self.status_t)
        s.update(id=str(sid), created_at=f"2024-03-{day:02d}T09:00:00.000Z",
                 content=f"<p>{text}</p>", uri=f"https://mastodon.social/users/Gargron/statuses/{sid}",
                 url=f"https://mastodon.social/@Gargron/{sid}", replies_count=0,
                 in_reply_to_id=None, in_reply_to_account_id=None, reblog=None, poll=None,
                 card=None, media_attachments=[], mentions=[], tags=[])  # fmt: skip
        self.statuses[str(sid)] = s
        return s

    def reply(self, to: int, rid: int, day: int, text: str) -> dict:
        r = copy.deepcopy(self.reply_t)
        r.update(id=str(rid), created_at=f"2024-03-{day:02d}T10:00:00.000Z",
                 content=f"<p>{text}</p>", in_reply_to_id=str(to), in_reply_to_account_id="1",
                 uri=f"http://localhost:3000/users/admin/statuses/{rid}",
                 url=f"http://localhost:3000/@admin/{rid}", mentions=[])  # fmt: skip
        self.replies.setdefault(str(to), []).append(r)
        self.statuses[str(to)]["replies_count"] = len(self.replies[str(to)])
        return r

    def __call__(self, path: str, q: dict):
        if path == "/api/v1/accounts/lookup":
            if q.get("acct") != "Gargron":
                return 404, {}, _json({"error": "Record not found"})
            return 200, {}, _json(self.account)
        if path == "/api/v1/accounts/1/statuses":
            limit = min(int(q.get("limit", 20)), 40)
            key = lambda i: int(i)  # noqa: E731
            ids = sorted(self.statuses, key=key, reverse=True)
            if "max_id" in q:
                ids = [i for i in ids if key(i) < key(q["max_id"])]
            if "since_id" in q:
                ids = [i for i in ids if key(i) > key(q["since_id"])]
            page = ids[:limit]
            headers = {}
            if page:
                nxt = f"{self.base}{path}?{urlencode({'limit': limit, 'max_id': page[-1]})}"
                prv = f"{self.base}{path}?{urlencode({'limit': limit, 'min_id': page[0]})}"
                headers["Link"] = f'<{nxt}>; rel="next", <{prv}>; rel="prev"'
            return 200, headers, _json([self.statuses[i] for i in page])
        if path.startswith("/api/v1/statuses/") and path.endswith("/context"):
            sid = path.split("/")[4]
            if sid not in self.statuses:
                return 404, {}, _json({"error": "Record not found"})
            ctx = copy.deepcopy(self.context_t)
            ctx["descendants"] = self.replies.get(sid, [])
            return 200, {}, _json(ctx)
        return 404, {}, _json({"error": "not found"})


# -------------------------------------------------------------------------------- Bluesky

DID = "did:plc:acmeacmeacmeacmeacmeacme"
CUSTOMER = {"did": "did:plc:custcustcustcustcustcust", "handle": "jo.example.com",
            "displayName": "Jo", "labels": []}  # fmt: skip


class Bluesky:
    def __init__(self):
        self.item_t = json.loads((PULL / "bluesky_feed_item.json").read_text())
        self.thread_t = json.loads((PULL / "bluesky_thread.json").read_text())
        self.posts: list[dict] = []  # newest first
        self.replies: dict[str, list[dict]] = {}

    def post(self, rkey: str, day: int, text: str) -> dict:
        p = copy.deepcopy(self.item_t["post"])
        p["uri"] = f"at://{DID}/app.bsky.feed.post/{rkey}"
        p["cid"] = f"bafy{rkey}"
        p["record"].update(createdAt=f"2024-03-{day:02d}T09:00:00.000Z", text=text)
        p["indexedAt"] = p["record"]["createdAt"]
        self.posts.insert(0, p)
        self.posts.sort(key=lambda x: x["indexedAt"], reverse=True)
        return p

    def reply(self, rkey: str, to: dict, day: int, text: str) -> dict:
        p = copy.deepcopy(self.item_t["post"])
        p["uri"] = f"at://{CUSTOMER['did']}/app.bsky.feed.post/{rkey}"
        p["cid"] = f"bafy{rkey}"
        p["author"] = dict(CUSTOMER)
        ref = {"uri": to["uri"], "cid": to["cid"]}
        p["record"].update(createdAt=f"2024-03-{day:02d}T10:00:00.000Z", text=text,
                           reply={"root": ref, "parent": ref})  # fmt: skip
        p["indexedAt"] = p["record"]["createdAt"]
        self.replies.setdefault(to["uri"], []).append(p)
        to["replyCount"] = len(self.replies[to["uri"]])
        return p

    def __call__(self, path: str, q: dict):
        if path == "/xrpc/app.bsky.feed.getAuthorFeed":
            if q.get("actor") != "acme.bsky.social":
                return 400, {}, _json({"error": "InvalidRequest", "message": "Profile not found"})
            limit = int(q.get("limit", 50))
            start = int(q.get("cursor", 0))
            page = self.posts[start : start + limit]
            doc = {"feed": [{"post": p} for p in page]}
            if start + limit < len(self.posts):
                doc["cursor"] = str(start + limit)
            return 200, {}, _json(doc)
        if path == "/xrpc/app.bsky.feed.getPostThread":
            post = next((p for p in self.posts if p["uri"] == q.get("uri")), None)
            if post is None:
                return 400, {}, _json({"error": "NotFound", "message": "Post not found"})
            t = copy.deepcopy(self.thread_t)
            t["thread"]["post"] = post
            t["thread"]["replies"] = [
                {"$type": "app.bsky.feed.defs#threadViewPost", "post": r, "replies": []}
                for r in self.replies.get(post["uri"], [])
            ]
            return 200, {}, _json(t)
        return 404, {}, _json({"error": "MethodNotImplemented"})
