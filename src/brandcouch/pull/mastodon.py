"""``brandcouch pull mastodon ACCOUNT``: the account's public statuses and their threads.

Endpoints (public on most instances, no login; https://docs.joinmastodon.org/methods/):
``GET /api/v1/accounts/lookup?acct=``, ``GET /api/v1/accounts/:id/statuses`` (40 a page, older
pages by the ``Link: <...>; rel="next"`` header, ``since_id`` for what is new) and
``GET /api/v1/statuses/:id/context`` (ancestors and descendants) for every status with replies
or a parent. Imported by the ``mastodon_api`` importer.
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
    next_link,
    pull_dir,
    write_bytes_atomic,
)

PAGE = 40


def _id_key(i) -> tuple[int, str]:
    s = str(i)
    return (len(s), s) if s.isdigit() else (0, s)  # Mastodon ids are numeric, sort by value


def _created(s: dict) -> datetime | None:
    from brandcouch.importers.common import parse_time

    try:
        return parse_time(s.get("created_at"))
    except ValueError:
        return None


def split_account(account: str, instance: str | None) -> tuple[str, str, str]:
    """``(username, host, base URL)`` from ``user@host`` / ``@user@host`` / ``user`` + URL."""
    acct = account.strip().lstrip("@")
    user, _, host = acct.partition("@")
    if not user:
        raise PullError(f"{account!r}: expected an account such as user@mastodon.social")
    if instance:
        base = instance.rstrip("/")
        if "://" not in base:
            base = "https://" + base
        from urllib.parse import urlparse

        host = host or urlparse(base).netloc
    elif host:
        base = "https://" + host
    else:
        raise PullError(f"{account!r}: give the account as user@host, or --instance URL")
    return user, host, base


def pull_mastodon(
    store,
    db,
    account: str,
    *,
    instance: str | None = None,
    since: datetime | None = None,
    limit: int | None = None,
    brand: str | None = None,
    progress: Progress | None = None,
    config=None,
    client: dict | None = None,
) -> PullResult:
    """Pull ``account``'s statuses newer than the last pull (all, the first time; at most
    ``limit``; none older than ``since``) and the threads under them into ``store``."""
    user, host, base = split_account(account, instance)
    full = f"{user}@{host}"
    folder = pull_dir(db, "mastodon", full)
    state = State(folder)
    resumed = state.run is not None
    run = state.run or state.start_run(phase="statuses", next=None, posts=0, todo=[], newest=None)
    run_dir = folder / run["dir"]
    result = PullResult("mastodon", full, "", run_dir, resumed=resumed)
    tick = progress or (lambda *a: None)
    with Client(base, **(client or {})) as c:
        if "account" not in run:
            body, doc, _ = c.get("/api/v1/accounts/lookup", {"acct": user})
            if not isinstance(doc, dict) or not doc.get("id"):
                raise PullError(f"{base}/api/v1/accounts/lookup?acct={user}: not an account")
            write_bytes_atomic(run_dir / "account.json", body)
            run["account"] = {k: doc.get(k) for k in ("id", "acct", "username", "display_name")}
            state.save()
        acc_id = str(run["account"]["id"])
        known = state.known.get("newest_id")
        while run["phase"] == "statuses":
            url, params = run["next"], None
            if url is None:
                url = f"/api/v1/accounts/{acc_id}/statuses"
                params = {"limit": PAGE if limit is None else max(1, min(PAGE, limit))}
                if known:
                    params["since_id"] = known
            body, doc, headers = c.get(url, params)
            if not isinstance(doc, list):
                raise PullError(f"{url}: expected a list of statuses")
            kept, stop = [], False
            for s in doc:
                sid = str(s.get("id") or "") if isinstance(s, dict) else ""
                if not sid:
                    raise PullError(f"{url}: a status without an id")
                if known and _id_key(sid) <= _id_key(known):
                    stop = True
                    break
                t = _created(s)
                if since and t and t < since:
                    stop = True
                    break
                if limit is not None and run["posts"] >= limit:
                    stop = True
                    break
                kept.append(s)
                run["posts"] += 1
                if run["newest"] is None or _id_key(sid) > _id_key(run["newest"]):
                    run["newest"] = sid
                if not s.get("reblog") and (s.get("replies_count") or s.get("in_reply_to_id")):
                    run["todo"].append(sid)
            if kept:
                name = f"statuses-{len(run['pages']) + 1:04d}.json"
                if len(kept) < len(doc):  # trimmed to --since / --limit / what is known
                    body = json.dumps(kept, ensure_ascii=False).encode("utf-8")
                write_bytes_atomic(run_dir / name, body)
                run["pages"].append(name)
            nxt = next_link(headers)
            if stop or not doc or not nxt:
                run["phase"], run["next"] = "threads", None
            else:
                run["next"] = nxt
            state.save()
            tick(run["posts"], limit, "statuses")
        done = set(run["threads_done"])
        todo = [sid for sid in run["todo"] if sid not in done]
        for n, sid in enumerate(todo, 1):
            body, doc, _ = c.get(f"/api/v1/statuses/{sid}/context")
            if not isinstance(doc, dict) or "descendants" not in doc:
                raise PullError(f"{base}/api/v1/statuses/{sid}/context: not a context")
            name = f"context-{sid}.json"
            write_bytes_atomic(run_dir / name, body)
            run["pages"].append(name)
            run["threads_done"].append(sid)
            state.save()
            tick(n, len(todo), "threads")
        result.waited_s = c.waited
    result.pages = len(run["pages"])
    result.posts = run["posts"]
    result.threads = len(run["threads_done"])
    if run["newest"] and (not known or _id_key(run["newest"]) > _id_key(known)):
        run["known_after"] = {"newest_id": run["newest"]}
    a = run["account"]
    result.brand = brand or (a.get("display_name") or "").strip() or a.get("username") or user
    from brandcouch.api import add_brands

    add_brands(store, [(result.brand, [("mastodon", full)])], source="pull")  # as import --brand
    finish_run(store, state, result, "mastodon_api", config)
    return result
