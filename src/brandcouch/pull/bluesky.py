"""``brandcouch pull bluesky HANDLE``: the account's posts and the threads under them.

Endpoints (the public AppView, no login; https://docs.bsky.app/docs/api/app-bsky-feed-get-author-feed
and https://docs.bsky.app/docs/api/app-bsky-feed-get-post-thread):
``GET /xrpc/app.bsky.feed.getAuthorFeed?actor=&limit=&cursor=`` (``cursor`` pages back in time)
and ``GET /xrpc/app.bsky.feed.getPostThread?uri=&depth=`` for every post with replies or a
parent. Imported by the ``bluesky`` importer.
"""

from __future__ import annotations

import json
from datetime import datetime

from brandcouch.pull.core import (
    Client,
    Progress,
    PullError,
    PullResult,
    State,
    finish_run,
    pull_dir,
    write_bytes_atomic,
)

SERVICE = "https://public.api.bsky.app"
PAGE = 100
DEPTH = 10
#: how many post URIs the state remembers to recognise what an earlier pull saw
KNOWN_CAP = 2000


def _created(post: dict) -> datetime | None:
    from brandcouch.importers.common import parse_time

    rec = post.get("record") if isinstance(post.get("record"), dict) else {}
    for v in (rec.get("createdAt"), post.get("indexedAt")):
        try:
            t = parse_time(v)
        except ValueError:
            continue
        if t:
            return t
    return None


def pull_bluesky(
    store,
    db,
    handle: str,
    *,
    service: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    brand: str | None = None,
    progress: Progress | None = None,
    config=None,
    client: dict | None = None,
) -> PullResult:
    """Pull ``handle``'s posts newer than the last pull (at most ``limit``; none older than
    ``since``) and the threads under them into ``store``."""
    handle = handle.strip().lstrip("@").lower()
    if not handle:
        raise PullError("expected a handle such as acme.bsky.social")
    base = (service or SERVICE).rstrip("/")
    if "://" not in base:
        base = "https://" + base
    folder = pull_dir(db, "bluesky", handle)
    state = State(folder)
    resumed = state.run is not None
    run = state.run or state.start_run(
        phase="feed", cursor=None, posts=0, todo=[], seen=[], profile=None
    )
    run_dir = folder / run["dir"]
    result = PullResult("bluesky", handle, "", run_dir, resumed=resumed)
    tick = progress or (lambda *a: None)
    known = set(state.known.get("uris") or [])
    feed_url = "/xrpc/app.bsky.feed.getAuthorFeed"
    with Client(base, **(client or {})) as c:
        while run["phase"] == "feed":
            params = {"actor": handle, "limit": PAGE if limit is None else max(1, min(PAGE, limit))}
            if run["cursor"]:
                params["cursor"] = run["cursor"]
            body, doc, _ = c.get(feed_url, params)
            if not isinstance(doc, dict) or not isinstance(doc.get("feed"), list):
                raise PullError(f"{base}{feed_url}: not a getAuthorFeed response")
            kept, stop = [], False
            for item in doc["feed"]:
                post = item.get("post") if isinstance(item, dict) else None
                if not isinstance(post, dict) or not post.get("uri"):
                    raise PullError(f"{base}{feed_url}: a feed item without a post")
                uri = post["uri"]
                reason = (item.get("reason") or {}).get("$type", "")
                author = post.get("author") or {}
                if run["profile"] is None and (author.get("handle") or "").lower() == handle:
                    run["profile"] = {k: author.get(k) for k in ("did", "handle", "displayName")}
                if not reason:  # a pinned post or a repost is out of time order
                    if uri in known:
                        stop = True
                        break
                    t = _created(post)
                    if since and t and t < since:
                        stop = True
                        break
                if limit is not None and run["posts"] >= limit:
                    stop = True
                    break
                kept.append(item)
                run["posts"] += 1
                if not reason:
                    run["seen"].append(uri)
                rec = post.get("record") if isinstance(post.get("record"), dict) else {}
                if not reason and (post.get("replyCount") or rec.get("reply")):
                    run["todo"].append(uri)
            if kept:
                name = f"feed-{len(run['pages']) + 1:04d}.json"
                if len(kept) < len(doc["feed"]):  # trimmed to --since / --limit / known
                    body = json.dumps({"feed": kept}, ensure_ascii=False).encode("utf-8")
                write_bytes_atomic(run_dir / name, body)
                run["pages"].append(name)
            cursor = doc.get("cursor")
            if stop or not doc["feed"] or not cursor:
                run["phase"], run["cursor"] = "threads", None
            else:
                run["cursor"] = cursor
            state.save()
            tick(run["posts"], limit, "posts")
        done = set(run["threads_done"])
        todo = [u for u in dict.fromkeys(run["todo"]) if u not in done]
        for n, uri in enumerate(todo, 1):
            url = "/xrpc/app.bsky.feed.getPostThread"
            body, doc, _ = c.get(url, {"uri": uri, "depth": DEPTH})
            if not isinstance(doc, dict) or "thread" not in doc:
                raise PullError(f"{base}{url}?uri={uri}: not a getPostThread response")
            name = f"thread-{len(run['threads_done']) + 1:04d}.json"
            write_bytes_atomic(run_dir / name, body)
            run["pages"].append(name)
            run["threads_done"].append(uri)
            state.save()
            tick(n, len(todo), "threads")
        result.waited_s = c.waited
    result.pages = len(run["pages"])
    result.posts = run["posts"]
    result.threads = len(run["threads_done"])
    run["known_after"] = {"uris": (run["seen"] + sorted(known))[:KNOWN_CAP]}
    prof = run["profile"] or {}
    result.brand = brand or (prof.get("displayName") or "").strip() or handle
    from brandcouch.api import add_brands

    add_brands(store, [(result.brand, [("bluesky", handle)])], source="pull")  # as import --brand
    finish_run(store, state, result, "bluesky", config)
    return result
