"""Bluesky / AT Protocol XRPC responses: ``app.bsky.feed.getPostThread`` (``thread``: a
``threadViewPost`` with ``post``, ``parent`` chain and nested ``replies``),
``app.bsky.feed.getAuthorFeed`` / ``getTimeline`` / ``getFeed`` (``feed[]`` of ``post`` with
``reply.parent``/``reply.root`` and ``reason`` reposts), ``getPosts`` / ``searchPosts``
(``posts[]``), and ``com.atproto.repo.getRecord`` / ``listRecords`` records (``{uri, value}``);
JSON or JSONL (one response per line). Also **Jetstream** JSONL (one event a line, as
``websocat wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post``
writes it; shape from https://github.com/bluesky-social/jetstream README, "Example events":
``{"did", "time_us", "kind": "commit", "commit": {"rev", "operation", "collection", "rkey",
"record", "cid"}}``): a ``create``/``update`` commit of an ``app.bsky.feed.post`` is imported as
the record ``at://<did>/app.bsky.feed.post/<rkey>``; every other event (likes, follows,
deletes, identity, account, heartbeat) is counted quietly as ignored.

Native ids are ``at://`` URIs; authors are DIDs (the handle goes on the Account). Facet offsets are
UTF-8 **byte** offsets. A bare ``app.bsky.feed.post`` record without its ``at://`` URI names
neither its author nor its id: it is reported as skipped, not invented.
"""

from __future__ import annotations

from collections.abc import Iterator

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import guarded, mention_handles, optional_time, parse_time, to_int
from brandcouch.importers.twitter_api import head_text, iter_json_documents
from brandcouch.model import Account, Kind, Message

PLATFORM = "bluesky"
POST = "app.bsky.feed.post"
_MENTION = "app.bsky.richtext.facet#mention"
_REPOST_REASON = "app.bsky.feed.defs#reasonRepost"


def sniff(source: Source, head: bytes) -> int:
    try:
        text = head_text(head)
        if not text.startswith(("{", "[")):
            return 0
        if POST in text or "app.bsky.feed.defs#" in text:
            return 92
        if '"at://did:' in text and ('"cid"' in text or '"uri"' in text):
            return 80
        if '"time_us"' in text and '"kind"' in text and '"did:' in text:
            return 85  # a Jetstream event that is not a post (identity, account, ...)
        return 0
    except Exception:
        return 0


def did_of(uri: str | None) -> str | None:
    """``at://did:plc:x/app.bsky.feed.post/rkey`` → ``did:plc:x``."""
    if not isinstance(uri, str) or not uri.startswith("at://"):
        return None
    return uri[5:].split("/", 1)[0] or None


def rkey_of(uri: str) -> str:
    return uri.rstrip("/").rsplit("/", 1)[-1]


def facet_mentions(record: dict) -> list[tuple[str, str | None]]:
    """``(did, "@handle" text)`` of every mention facet, in text order; the text is cut from the
    UTF-8 bytes of ``text`` by ``byteStart``/``byteEnd``."""
    raw = (record.get("text") or "").encode("utf-8")
    found = []
    for f in record.get("facets") or []:
        if not isinstance(f, dict):
            continue
        idx = f.get("index") if isinstance(f.get("index"), dict) else {}
        start, end = to_int(idx.get("byteStart")), to_int(idx.get("byteEnd"))
        for feat in f.get("features") or []:
            if isinstance(feat, dict) and feat.get("$type") == _MENTION and feat.get("did"):
                label = None
                if start is not None and end is not None and 0 <= start < end <= len(raw):
                    label = raw[start:end].decode("utf-8", "replace")
                found.append((start if start is not None else 1 << 62, feat["did"], label))
    found.sort(key=lambda x: x[0])
    return [(d, label) for _, d, label in found]


def _embedded_uri(record: dict) -> str | None:
    """The post a record quotes (``app.bsky.embed.record`` / ``recordWithMedia``)."""
    emb = record.get("embed")
    if not isinstance(emb, dict):
        return None
    t = emb.get("$type", "")
    if t.startswith("app.bsky.embed.recordWithMedia"):
        emb = emb.get("record") if isinstance(emb.get("record"), dict) else {}
        t = "app.bsky.embed.record"
    if t.startswith("app.bsky.embed.record"):
        rec = emb.get("record")
        if (
            isinstance(rec, dict)
            and isinstance(rec.get("uri"), str)
            and "/app.bsky.feed.post/" in rec["uri"]
        ):
            return rec["uri"]
    return None


class _State:
    def __init__(self) -> None:
        self.accounts: set[str] = set()
        self.seen: set[str] = set()


def read(source: Source, ctx: ImportContext) -> Iterator[Item]:
    st = _State()
    for ref, doc in iter_json_documents(source, ctx):
        if ref != "document":
            st.seen = set()  # JSONL: dedupe per line, memory stays flat
        yield from _doc(doc, ref, ctx, st)


def _doc(doc, ref: str, ctx: ImportContext, st: _State) -> Iterator[Item]:
    if isinstance(doc, list):
        for i, d in enumerate(doc):
            yield from _doc(d, f"{ref} [{i}]", ctx, st)
        return
    if not isinstance(doc, dict):
        ctx.read(ref=ref)
        ctx.bad(ref, "not a JSON object")
        return
    if "time_us" in doc and isinstance(doc.get("kind"), str):
        yield from _jetstream(doc, ref, ctx, st)
    elif "thread" in doc:
        yield from _thread(doc["thread"], f"{ref} thread", ctx, st)
    elif isinstance(doc.get("feed"), list):
        for i, item in enumerate(doc["feed"]):
            r = f"{ref} feed[{i}]"
            yield from guarded(ctx, r, _feed_item, item, r, ctx, st)
    elif isinstance(doc.get("posts"), list):
        for i, p in enumerate(doc["posts"]):
            r = f"{ref} posts[{i}]"
            ctx.read(ref=r)
            yield from guarded(ctx, r, _post_view, p, r, ctx, st, top=True)
    elif isinstance(doc.get("records"), list):
        for i, rec in enumerate(doc["records"]):
            r = f"{ref} records[{i}]"
            ctx.read(ref=r)
            yield from guarded(ctx, r, _record, rec, r, ctx, st)
    elif "value" in doc or doc.get("$type") == POST:
        ctx.read(ref=ref)
        yield from guarded(ctx, ref, _record, doc, ref, ctx, st)
    elif "uri" in doc and "record" in doc:
        ctx.read(ref=ref)
        yield from guarded(ctx, ref, _post_view, doc, ref, ctx, st, top=True)
    else:
        ctx.read(ref=ref)
        ctx.bad(ref, "not a getPostThread / getAuthorFeed / getRecord response or post")


def _jetstream(ev: dict, ref: str, ctx: ImportContext, st: _State) -> Iterator[Item]:
    """One Jetstream event: a post create/update commit is a record; the rest is ignored."""
    commit = ev.get("commit") if isinstance(ev.get("commit"), dict) else None
    if ev["kind"] != "commit" or commit is None or commit.get("collection") != POST:
        ctx.ignore("Jetstream events other than posts")
        return
    if commit.get("operation") not in ("create", "update"):
        ctx.ignore("Jetstream post deletes")
        return
    ctx.read(ref=ref)
    did, rkey = ev.get("did"), commit.get("rkey")
    if not isinstance(did, str) or not did.startswith("did:") or not rkey:
        ctx.bad(ref, "Jetstream commit without did or rkey")
        return
    rec = {
        "uri": f"at://{did}/{POST}/{rkey}",
        "cid": commit.get("cid"),
        "value": commit.get("record"),
    }
    yield from guarded(ctx, ref, _record, rec, ref, ctx, st)


def _thread(node, ref: str, ctx: ImportContext, st: _State) -> Iterator[Item]:
    """The focal post, its parent chain (upwards) and every nested reply (iteratively)."""
    up = node.get("parent") if isinstance(node, dict) else None
    depth = 0
    while isinstance(up, dict):
        depth += 1
        r = f"{ref} parent^{depth}"
        yield from guarded(ctx, r, _thread_node, up, r, ctx, st)
        up = up.get("parent")
    stack = [(node, ref)]
    while stack:
        n, r = stack.pop()
        yield from guarded(ctx, r, _thread_node, n, r, ctx, st)
        if isinstance(n, dict) and isinstance(n.get("replies"), list):
            kids = n["replies"]
            for i in range(len(kids) - 1, -1, -1):
                stack.append((kids[i], f"{r} replies[{i}]"))


def _thread_node(n, ref: str, ctx: ImportContext, st: _State) -> Iterator[Item]:
    ctx.read(ref=ref)
    if not isinstance(n, dict):
        ctx.bad(ref, "thread node is not a JSON object")
        return
    t = n.get("$type", "")
    if n.get("notFound") or t.endswith("#notFoundPost"):
        ctx.skip(f"{ref} ({n.get('uri')})", "post not found (deleted)")
        return
    if n.get("blocked") or t.endswith("#blockedPost"):
        ctx.skip(f"{ref} ({n.get('uri')})", "post blocked for the requesting account")
        return
    if not isinstance(n.get("post"), dict):
        ctx.bad(ref, "threadViewPost without `post`")
        return
    yield from _post_view(n["post"], ref, ctx, st, top=True)


def _feed_item(item, ref: str, ctx: ImportContext, st: _State) -> Iterator[Item]:
    ctx.read(ref=ref)
    if not isinstance(item, dict) or not isinstance(item.get("post"), dict):
        ctx.bad(ref, "feed item without `post`")
        return
    post = item["post"]
    reply = item.get("reply") if isinstance(item.get("reply"), dict) else {}
    for key in ("root", "parent"):
        ctx_post = reply.get(key)
        if isinstance(ctx_post, dict) and "record" in ctx_post and "uri" in ctx_post:
            yield from _post_view(ctx_post, f"{ref} reply.{key}", ctx, st, top=False)
    yield from _post_view(post, ref, ctx, st, top=True)
    reason = item.get("reason")
    if isinstance(reason, dict) and reason.get("$type") == _REPOST_REASON:
        by = reason.get("by") if isinstance(reason.get("by"), dict) else {}
        did, uri = by.get("did"), post.get("uri")
        if not did or not isinstance(uri, str):
            ctx.bad(f"{ref} reason", "repost reason without `by.did`")
            return
        yield from _account(by, st)
        try:
            created = parse_time(reason.get("indexedAt"))
        except ValueError as e:
            ctx.bad(f"{ref} reason", str(e))
            return
        # newer servers give the repost record's own uri; older ones do not
        native = reason.get("uri") or f"{uri}#repost:{did}"
        if native in st.seen:
            return
        st.seen.add(native)
        yield Message(
            platform=PLATFORM,
            native_id=native,
            author_native_id=did,
            text="",
            kind=Kind.REPOST,
            created_at=created,
            to_native_id=did_of(uri),
            permalink=_permalink(uri, (post.get("author") or {}).get("handle")),
        )


def _account(a: dict, st: _State) -> Iterator[Account]:
    did = a.get("did")
    if not isinstance(did, str) or did in st.accounts:
        return
    st.accounts.add(did)
    created = optional_time(a.get("createdAt"))
    handle = a.get("handle")
    yield Account(
        PLATFORM,
        did,
        handle=handle if handle and handle != "handle.invalid" else None,
        display_name=a.get("displayName") or None,
        followers=to_int(a.get("followersCount")),
        bio=a.get("description") or None,
        created_at=created,
    )


def _mention_accounts(record: dict, st: _State) -> Iterator[Account]:
    for did, label in facet_mentions(record):
        if did not in st.accounts and label and label.startswith("@"):
            st.accounts.add(did)
            yield Account(PLATFORM, did, handle=label[1:])


def _permalink(uri: str, handle: str | None) -> str:
    if handle == "handle.invalid":
        handle = None
    return f"https://bsky.app/profile/{handle or did_of(uri)}/post/{rkey_of(uri)}"


def _post_view(p, ref: str, ctx: ImportContext, st: _State, top: bool) -> Iterator[Item]:
    """A hydrated ``postView`` (uri, author, record, counts); its quoted post too."""
    if not isinstance(p, dict):
        if top:
            ctx.bad(ref, "post is not a JSON object")
        return
    uri, author, record = p.get("uri"), p.get("author"), p.get("record")
    if not isinstance(uri, str) or not isinstance(author, dict) or not isinstance(record, dict):
        if top:
            ctx.bad(ref, "post without uri, author or record")
        return
    yield from _account(author, st)
    msg = _message(
        record, uri, author.get("did") or did_of(uri), author.get("handle"), ref, ctx, st, counts=p
    )
    if msg is not None and msg.native_id not in st.seen:
        st.seen.add(msg.native_id)
        yield from _mention_accounts(record, st)
        yield msg
    view = p.get("embed") if isinstance(p.get("embed"), dict) else {}
    if view.get("$type", "").startswith("app.bsky.embed.recordWithMedia"):
        view = view.get("record") if isinstance(view.get("record"), dict) else {}
    inner = view.get("record") if isinstance(view.get("record"), dict) else {}
    if inner.get("$type") == "app.bsky.embed.record#viewRecord" and isinstance(
        inner.get("value"), dict
    ):
        q = {**inner, "record": inner["value"]}
        yield from _post_view(q, f"{ref} embed", ctx, st, top=False)


def _record(r: dict, ref: str, ctx: ImportContext, st: _State) -> Iterator[Item]:
    """A getRecord response ``{uri, cid, value}`` or a bare record."""
    value = r.get("value") if isinstance(r.get("value"), dict) else (r if "$type" in r else None)
    if value is None:
        ctx.bad(ref, "record without `value`")
        return
    if value.get("$type") not in (POST, None):
        ctx.skip(ref, f"{value.get('$type')} record is not a post")
        return
    uri = r.get("uri")
    if not isinstance(uri, str) or not uri.startswith("at://"):
        ctx.skip(ref, "bare post record without its at:// URI: author and id unknown")
        return
    did = did_of(uri)
    msg = _message(value, uri, did, None, ref, ctx, st, counts={})
    if msg is not None and msg.native_id not in st.seen:
        st.seen.add(msg.native_id)
        if did not in st.accounts:
            st.accounts.add(did)
            yield Account(PLATFORM, did)
        yield from _mention_accounts(value, st)
        yield msg


def _message(
    record: dict,
    uri: str,
    did: str | None,
    handle: str | None,
    ref: str,
    ctx: ImportContext,
    st: _State,
    counts: dict,
) -> Message | None:
    if not did:
        ctx.bad(f"{ref} ({uri})", "no author DID")
        return None
    text = record.get("text")
    if not isinstance(text, str):
        ctx.bad(f"{ref} ({uri})", "record without text")
        return None
    try:
        created = parse_time(record.get("createdAt"))
    except ValueError as e:
        ctx.bad(f"{ref} ({uri})", str(e))
        return None
    reply = record.get("reply") if isinstance(record.get("reply"), dict) else {}
    parent = (
        (reply.get("parent") or {}).get("uri") if isinstance(reply.get("parent"), dict) else None
    )
    root = (reply.get("root") or {}).get("uri") if isinstance(reply.get("root"), dict) else None
    mentions = facet_mentions(record)
    quoted = _embedded_uri(record)
    if parent:
        kind, to = Kind.REPLY, did_of(parent)
    elif quoted:
        kind, to = Kind.QUOTE, did_of(quoted)
    else:
        others = [m for m in mentions if m[0] != did]
        kind = Kind.MENTION if others else Kind.POST
        to = others[0][0] if others else None
    return Message(
        platform=PLATFORM,
        native_id=uri,
        author_native_id=did,
        text=text,
        kind=kind,
        created_at=created,
        parent_native_id=parent,
        root_native_id=root if parent else None,
        to_native_id=to,
        likes=to_int(counts.get("likeCount")),
        reposts=to_int(counts.get("repostCount")),
        replies=to_int(counts.get("replyCount")),
        quotes=to_int(counts.get("quoteCount")),  # absent from older views: unknown
        permalink=_permalink(uri, handle),
        # the handle the text shows (``@alice.bsky.social``), else the DID the facet names
        mentions=mention_handles(
            label if label and label.startswith("@") else d for d, label in mentions
        ),
    )


IMPORTER = Importer(
    name="bluesky",
    version="1",
    platform=PLATFORM,
    description="Bluesky / AT Protocol getPostThread, getAuthorFeed, getPosts, getRecord JSON",
    sniff=sniff,
    read=read,
)
