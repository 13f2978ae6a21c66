"""Mastodon: the **account archive** (Preferences → Import and export → Data export →
"Request your archive": ``outbox.json``, an ActivityStreams ``OrderedCollection`` of ``Create``
(Note) and ``Announce`` (boost) activities, with ``actor.json`` beside it) and **REST API JSON**
(one ``Status``, a list of statuses such as an account's statuses or a timeline, a
``/api/v1/statuses/:id/context`` response ``{"ancestors": [...], "descendants": [...]}``, search
results ``{"statuses": [...]}``, notifications, or JSONL of any of these).

Native ids: for the archive, notes are identified by their ActivityPub URI (``inReplyTo`` only
gives URIs) and accounts by their actor URI; for API JSON, statuses and accounts by the
server's ``id``. Handles are full ``user@host`` so that ``--brand "X=mastodon:user@host"``
matches. Direct messages (``visibility`` direct, or a note addressed to neither the public nor
the followers) are private and are reported as skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urlparse

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import (
    guarded,
    html_to_text,
    load_json,
    mention_handles,
    optional_time,
    parse_time,
    read_document,
    str_id,
    to_int,
)
from brandcouch.importers.twitter_api import head_text, iter_json_documents
from brandcouch.model import Account, BrandHint, Kind, Message

PLATFORM = "mastodon"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
_PUBLIC_ALIASES = {PUBLIC, "as:Public", "Public"}
_STATUS_URI = re.compile(r"^(https?://[^/]+/users/[^/]+)/statuses/")
_USER_URI = re.compile(r"^https?://([^/]+)/users/([^/]+)/?$")


# --------------------------------------------------------------------------------------------
# shared


def _host(url: str | None) -> str | None:
    try:
        return urlparse(url).hostname if url else None
    except ValueError:
        return None


def _time(value, what: str):
    try:
        return parse_time(value)
    except ValueError as e:
        raise ValueError(f"{what}: {e}") from None


def _load_pairs(ctx: ImportContext):
    """Whole-document JSON where a key repeated in one object keeps every list item (Mastodon
    writes ``"orderedItems":[],"orderedItems":[...]``); other repeated keys: last wins."""

    def hook(pairs):
        out: dict = {}
        for k, v in pairs:
            if k in out and isinstance(out[k], list) and isinstance(v, list):
                out[k] = out[k] + v
            else:
                out[k] = v
        return out

    return load_json(ctx, object_pairs_hook=hook)


# --------------------------------------------------------------------------------------------
# account archive


def sniff_outbox(source: Source, head: bytes) -> int:
    try:
        text = head_text(head)
        if not text.startswith("{") or "activitystreams" not in text:
            return 0
        if '"OrderedCollection"' in text and '"orderedItems"' in text:
            if '"type":"Create"' in text.replace(" ", "") or '"type":"Announce"' in text.replace(
                " ", ""
            ):
                return 95
            if source.filename == "outbox.json":
                return 80
        return 0
    except Exception:
        return 0


def sniff_actor(source: Source, head: bytes) -> int:
    try:
        text = head_text(head)
        if not text.startswith("{") or "activitystreams" not in text:
            return 0
        compact = text.replace(" ", "")
        kinds = ("Person", "Service", "Organization", "Group", "Application")
        if (
            '"preferredUsername"' in text
            and '"outbox"' in text
            and any(f'"type":"{t}"' in compact for t in kinds)
        ):
            return 95
        return 0
    except Exception:
        return 0


def _actor_owner(doc) -> tuple[Account, BrandHint] | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("id"), str):
        return None
    uri = doc["id"]
    user = doc.get("preferredUsername")
    host = _host(doc.get("url")) or _host(uri)
    created = optional_time(doc.get("published"))
    acc = Account(
        PLATFORM,
        uri,
        handle=f"{user}@{host}" if user and host else user,
        display_name=doc.get("name") or None,
        bio=html_to_text(doc.get("summary")) or None,
        created_at=created,
    )
    return acc, BrandHint(user or uri, PLATFORM, uri)


def read_actor(source: Source, ctx: ImportContext) -> Iterator[Item]:
    doc = _load_pairs(ctx)
    ctx.read()
    owner = _actor_owner(doc)
    if owner is None:
        raise ctx.fail(None, "actor.json has no `id` (the account's ActivityPub URI)")
    yield from owner


def _handle_from_uri(uri: str) -> str | None:
    m = _USER_URI.match(uri)
    return f"{m.group(2)}@{m.group(1)}" if m else None


def _audience(obj: dict) -> list[str]:
    out = []
    for key in ("to", "cc"):
        v = obj.get(key)
        out.extend([v] if isinstance(v, str) else [x for x in v or [] if isinstance(x, str)])
    return out


def read_outbox(source: Source, ctx: ImportContext) -> Iterator[Item]:
    doc = _load_pairs(ctx)
    if not isinstance(doc, dict) or not isinstance(doc.get("orderedItems"), list):
        raise ctx.fail(None, "not an ActivityStreams OrderedCollection with orderedItems")
    items = doc["orderedItems"]
    sib = source.sibling("actor.json")
    owner = None
    if sib is not None:
        try:
            owner = _actor_owner(json.loads(read_document(ctx, sib).decode("utf-8-sig")))
        except Exception:
            owner = None
    if owner is None:  # no actor.json: the outbox's own actor is the owner
        actor = next(
            (
                a.get("actor")
                for a in items
                if isinstance(a, dict) and isinstance(a.get("actor"), str)
            ),
            None,
        )
        if actor:
            handle = _handle_from_uri(actor)
            owner = (
                Account(PLATFORM, actor, handle=handle),
                BrandHint(handle.split("@")[0] if handle else actor, PLATFORM, actor),
            )
    seen_accounts: set[str] = set()
    if owner:
        yield from owner
        seen_accounts.add(owner[0].native_id)
    seen: set[str] = set()
    for i, act in enumerate(items):
        rec = f"orderedItems[{i}]"
        ctx.read(ref=rec)
        if not isinstance(act, dict) or act.get("type") not in ("Create", "Announce"):
            kind = act.get("type") if isinstance(act, dict) else type(act).__name__
            if isinstance(act, dict) and isinstance(act.get("type"), str):
                ctx.skip(rec, f"{kind} activity is not a message")
            else:
                ctx.bad(rec, "not an activity object")
            continue
        got = guarded(
            ctx, f"{rec} ({act.get('id')})", lambda a, r: [_activity(a, r, ctx)], act, rec
        )
        if not got or got[0] is None:
            continue
        msg, named = got[0]
        for a in named:
            if a.native_id not in seen_accounts:
                seen_accounts.add(a.native_id)
                yield a
        if msg.native_id not in seen:
            seen.add(msg.native_id)
            yield msg


def _activity(act: dict, rec: str, ctx: ImportContext) -> tuple[Message, list[Account]] | None:
    actor = act.get("actor")
    if act["type"] == "Announce":
        aid, obj = act.get("id"), act.get("object")
        if isinstance(obj, dict):
            obj = obj.get("id")
        if not isinstance(aid, str) or not isinstance(actor, str) or not isinstance(obj, str):
            raise ValueError("Announce without id, actor or object URI")
        m = _STATUS_URI.match(obj)
        to = m.group(1) if m else None
        if to is None:
            others = [
                x
                for x in _audience(act)
                if x not in _PUBLIC_ALIASES and not x.endswith("/followers")
            ]
            to = others[0] if others else None
        named = []
        if to and _handle_from_uri(to):
            named.append(Account(PLATFORM, to, handle=_handle_from_uri(to)))
        msg = Message(
            platform=PLATFORM,
            native_id=aid,
            author_native_id=actor,
            text="",
            kind=Kind.REPOST,
            created_at=_time(act.get("published"), "published"),
            to_native_id=to,
            permalink=obj,
        )
        return msg, named
    note = act.get("object")
    if not isinstance(note, dict):
        raise ValueError("Create without an object")
    if note.get("type") not in ("Note", "Question", "Article", "Page"):
        ctx.skip(rec, f"Create of a {note.get('type')!r}, not a message")
        return None
    nid = note.get("id")
    author = note.get("attributedTo") or actor
    if isinstance(author, list):
        author = next((a for a in author if isinstance(a, str)), None)
    if not isinstance(nid, str) or not isinstance(author, str):
        raise ValueError("Note without id or attributedTo")
    aud = _audience(note) or _audience(act)
    if not any(x in _PUBLIC_ALIASES or x.endswith("/followers") for x in aud):
        ctx.skip(f"{rec} ({nid})", "direct message (private), not imported")
        return None
    mentions = []
    named = []
    for tag in note.get("tag") or []:
        if (
            isinstance(tag, dict)
            and tag.get("type") == "Mention"
            and isinstance(tag.get("href"), str)
        ):
            mentions.append(tag["href"])
            name = (tag.get("name") or "").lstrip("@") or _handle_from_uri(tag["href"])
            if "@" not in (name or "") and name and _host(tag["href"]):
                name = f"{name}@{_host(tag['href'])}"
            named.append(Account(PLATFORM, tag["href"], handle=name or None))
    parent = note.get("inReplyTo")
    if isinstance(parent, dict):
        parent = parent.get("id")
    if parent is not None and not isinstance(parent, str):
        raise ValueError("inReplyTo is not a URI")
    if parent:
        kind = Kind.REPLY
        if parent.startswith(author + "/"):
            to = author
        else:
            m = _STATUS_URI.match(parent)
            to = m.group(1) if m else (mentions[0] if mentions else None)
    else:
        others = [m for m in mentions if m != author]
        kind = Kind.MENTION if others else Kind.POST
        to = others[0] if others else None
    content = note.get("content")
    if not isinstance(content, str):
        cmap = note.get("contentMap")
        content = next(iter(cmap.values()), "") if isinstance(cmap, dict) and cmap else ""
    url = note.get("url")
    if isinstance(url, dict):
        url = url.get("href")
    msg = Message(
        platform=PLATFORM,
        native_id=nid,
        author_native_id=author,
        text=html_to_text(content),
        kind=kind,
        created_at=_time(note.get("published") or act.get("published"), "published"),
        parent_native_id=parent,
        to_native_id=to,
        permalink=url if isinstance(url, str) else nid,
        title=note.get("summary") or None,
        edited_at=_time(note.get("updated"), "updated"),
        mentions=mention_handles(a.handle for a in named),
    )
    return msg, named


# --------------------------------------------------------------------------------------------
# REST API


def sniff_api(source: Source, head: bytes) -> int:
    try:
        text = head_text(head)
        if not text.startswith(("{", "[")):
            return 0
        if '"ancestors"' in text and '"descendants"' in text:
            return 92
        if '"account"' in text and (
            '"favourites_count"' in text
            or '"in_reply_to_account_id"' in text
            or '"reblogs_count"' in text
        ):
            return 90
        return 0
    except Exception:
        return 0


def _full_acct(a: dict) -> str | None:
    acct = a.get("acct") or a.get("username")
    if not acct:
        return None
    if "@" in acct:
        return acct
    host = _host(a.get("url")) or _host(a.get("uri"))
    return f"{acct}@{host}" if host else acct


def _api_account(a: dict) -> Account:
    created = optional_time(a.get("created_at"))
    return Account(
        PLATFORM,
        str_id(a.get("id")),
        handle=_full_acct(a),
        display_name=a.get("display_name") or None,
        followers=to_int(a.get("followers_count")),
        bio=html_to_text(a.get("note")) or None,
        created_at=created,
    )


def read_api(source: Source, ctx: ImportContext) -> Iterator[Item]:
    seen_accounts: set[str] = set()
    for ref, doc in iter_json_documents(source, ctx):
        seen: set[str] = set()
        if isinstance(doc, list):
            statuses = [(f"{ref} [{i}]", s) for i, s in enumerate(doc)]
        elif isinstance(doc, dict) and ("ancestors" in doc or "descendants" in doc):
            statuses = [
                (f"{ref} {key}[{i}]", s)
                for key in ("ancestors", "descendants")
                for i, s in enumerate(doc[key] if isinstance(doc.get(key), list) else [])
            ]
        elif isinstance(doc, dict) and isinstance(doc.get("statuses"), list):
            statuses = [(f"{ref} statuses[{i}]", s) for i, s in enumerate(doc["statuses"])]
        elif isinstance(doc, dict) and isinstance(doc.get("status"), dict):  # a notification
            statuses = [(ref, doc["status"])]
        else:
            statuses = [(ref, doc)]
        for rec, s in statuses:
            ctx.read(ref=rec)
            yield from guarded(ctx, rec, _api_status, s, rec, ctx, seen, seen_accounts, top=True)


def _api_status(
    s, rec: str, ctx: ImportContext, seen: set, seen_accounts: set, top: bool
) -> Iterator[Item]:
    if not isinstance(s, dict):
        if top:
            ctx.bad(rec, "status is not a JSON object")
        return
    sid = str_id(s.get("id"))
    acc = s.get("account")
    if not sid or not isinstance(acc, dict) or not str_id(acc.get("id")):
        if top:
            ctx.bad(rec, "status without id or account.id")
        return
    rec = f"status {sid}"
    if sid in seen:
        return
    if s.get("visibility") == "direct":
        ctx.skip(rec, "direct message (private), not imported")
        return
    author = str_id(acc["id"])
    try:
        created = parse_time(s.get("created_at"))
        edited = parse_time(s.get("edited_at"))
    except ValueError as e:
        ctx.bad(rec, str(e))
        return
    accounts = [_api_account(acc)]
    mentions = [m for m in s.get("mentions") or [] if isinstance(m, dict) and str_id(m.get("id"))]
    for m in mentions:
        accounts.append(Account(PLATFORM, str_id(m["id"]), handle=_full_acct(m)))
    nested: list[dict] = []
    reblog = s.get("reblog")
    quote = s.get("quote")
    quoted = quote.get("quoted_status") if isinstance(quote, dict) else None
    parent = str_id(s.get("in_reply_to_id"))
    likes = to_int(s.get("favourites_count"))
    reposts = to_int(s.get("reblogs_count"))
    replies = to_int(s.get("replies_count"))
    quotes = to_int(s.get("quotes_count"))  # Mastodon 4.5+ (quote posts); older servers: unknown
    text = html_to_text(s.get("content"))
    if isinstance(reblog, dict):
        kind = Kind.REPOST
        racc = reblog.get("account") if isinstance(reblog.get("account"), dict) else {}
        to = str_id(racc.get("id"))
        nested.append(reblog)
        likes = reposts = replies = quotes = None  # a boost has no counts of its own
        parent = None
    elif parent:
        kind = Kind.REPLY
        to = str_id(s.get("in_reply_to_account_id"))
    elif isinstance(quoted, dict):
        kind = Kind.QUOTE
        qacc = quoted.get("account") if isinstance(quoted.get("account"), dict) else {}
        to = str_id(qacc.get("id"))
        nested.append(quoted)
    else:
        others = [str_id(m["id"]) for m in mentions if str_id(m["id"]) != author]
        kind = Kind.MENTION if others else Kind.POST
        to = others[0] if others else None
    for a in accounts:
        if a.native_id not in seen_accounts:
            seen_accounts.add(a.native_id)
            yield a
    seen.add(sid)
    yield Message(
        platform=PLATFORM,
        native_id=sid,
        author_native_id=author,
        text=text,
        kind=kind,
        created_at=created,
        parent_native_id=parent,
        to_native_id=to,
        likes=likes,
        reposts=reposts,
        replies=replies,
        quotes=quotes,
        permalink=s.get("url") or s.get("uri") or None,
        title=s.get("spoiler_text") or None,
        edited_at=edited,
        mentions=mention_handles(_full_acct(m) for m in mentions),
    )
    for n in nested:
        yield from _api_status(n, rec, ctx, seen, seen_accounts, top=False)


IMPORTERS = (
    Importer(
        name="mastodon_archive",
        version="1",
        platform=PLATFORM,
        description="Mastodon account archive outbox.json (ActivityStreams Create/Note, Announce)",
        sniff=sniff_outbox,
        read=read_outbox,
    ),
    Importer(
        name="mastodon_archive_actor",
        version="1",
        platform=PLATFORM,
        description="Mastodon account archive actor.json: the exporting account as the brand",
        sniff=sniff_actor,
        read=read_actor,
    ),
    Importer(
        name="mastodon_api",
        version="1",
        platform=PLATFORM,
        description="Mastodon REST API statuses (Status, list, /context, search, JSONL)",
        sniff=sniff_api,
        read=read_api,
    ),
)
