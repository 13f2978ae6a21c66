"""Hacker News API items (``https://hacker-news.firebaseio.com/v0/item/<id>.json``): one item, a
JSON array of items, or JSON Lines with one item per line (a crawl; streamed line by line).

A story, job or poll is a post (its own thread root); a comment whose parent is a story in the
same file is a comment on it, any other comment a reply (its thread root is left to the store,
which resolves it through the parent chain when the ancestors are imported). ``pollopt`` items
are poll options, not messages, and are skipped. Deleted and dead items are kept with
``deleted=True`` (a deleted item has no ``by`` and no ``text``: its author is ``[deleted]``, its
text empty).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import (
    guarded,
    html_to_text,
    json_values,
    parse_time,
    str_id,
    to_int,
)
from brandcouch.model import Account, Kind, Message

PLATFORM = "hackernews"
ITEM_URL = "https://news.ycombinator.com/item?id="
_TYPES = ("story", "comment", "job", "poll", "pollopt")
_POSTS = ("story", "job", "poll")
_TYPE = re.compile(rb'"type"\s*:\s*"(story|comment|job|poll|pollopt)"')
_TIME = re.compile(rb'"time"\s*:\s*\d')
_ID = re.compile(rb'"id"\s*:\s*\d')
_BY = re.compile(rb'"(by|kids|parent|descendants)"\s*:')
_AUTHOR = re.compile(rb'"by"\s*:\s*"')
_TREE = re.compile(rb'"(kids|parent|descendants)"\s*:\s*[\[\d]')

#: bounded memory: how many item authors/types to remember while streaming
_MEMORY = 200_000


def sniff(source: Source, head: bytes) -> int:
    try:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start not in (b"{", b"["):
            return 0
        if not _ID.search(head):
            return 0
        if _TYPE.search(head) and _TIME.search(head) and _BY.search(head):
            return 85
        if _AUTHOR.search(head) and _TREE.search(head):  # keys come sorted: "type" is late
            return 60
        return 0
    except Exception:
        return 0


def read(source: Source, ctx: ImportContext) -> Iterator[Item]:
    seen: set[str] = set()
    known: dict[str, tuple[str, str]] = {}  # item id -> (type, author)
    for line_ref, value in json_values(source, ctx):
        items = value if isinstance(value, list) else [value]
        for i, obj in enumerate(items):
            ref = line_ref or "document"
            if isinstance(value, list):
                ref = f"{line_ref} [{i}]".strip()
            ctx.read(ref=ref)
            got = guarded(ctx, ref, lambda o, r: [_item(o, r, ctx, known)], obj, ref)
            msg = got[0] if got else None
            if msg is None:
                continue
            if msg.author_native_id != "[deleted]" and msg.author_native_id not in seen:
                if len(seen) >= _MEMORY:
                    seen.clear()
                seen.add(msg.author_native_id)
                yield Account(PLATFORM, msg.author_native_id, handle=msg.author_native_id)
            yield msg


def _item(obj, ref: str, ctx: ImportContext, known: dict) -> Message | None:
    if not isinstance(obj, dict):
        ctx.bad(ref, f"expected an item object, got {type(obj).__name__}")
        return None
    if obj.get("id") is None:
        ctx.bad(ref, "item without `id`")
        return None
    try:
        iid = str_id(obj["id"])
        ref = f"{ref} (item {iid})"
        typ = obj.get("type")
        deleted = bool(obj.get("deleted")) or bool(obj.get("dead"))
        if typ is None and obj.get("deleted"):
            typ = "comment" if "parent" in obj else "story"
        if typ not in _TYPES:
            ctx.bad(ref, f"unknown item type {typ!r}")
            return None
        if typ == "pollopt":
            ctx.skip(ref, "poll option (a choice of a poll, not a message)")
            return None
        by = obj.get("by")
        if not by:
            if not deleted:
                ctx.bad(ref, "item without `by` (author) that is not deleted")
                return None
            by = "[deleted]"
        created = parse_time(obj.get("time"))
        parent = str_id(obj.get("parent"))
    except ValueError as e:
        ctx.bad(ref, str(e))
        return None
    text = html_to_text(obj.get("text") or "")  # a deleted item has none: kept empty
    kids = obj.get("kids")
    if typ in _POSTS:
        kind, root, to = Kind.POST, iid, None
        replies = to_int(obj.get("descendants"))
    else:
        if not parent:
            ctx.bad(ref, "comment without `parent`")
            return None
        ptype, pauthor = known.get(parent, (None, None))
        kind = Kind.COMMENT if ptype in _POSTS else Kind.REPLY
        root = parent if ptype in _POSTS else None
        to = pauthor
        replies = len(kids) if isinstance(kids, list) else None
    if len(known) >= _MEMORY:
        del known[next(iter(known))]
    known[iid] = (typ, by)
    return Message(
        platform=PLATFORM,
        native_id=iid,
        author_native_id=str(by),
        text=text,
        kind=kind,
        created_at=created,
        parent_native_id=parent if typ not in _POSTS else None,
        root_native_id=root,
        to_native_id=to,
        likes=to_int(obj.get("score")),
        replies=replies,
        permalink=ITEM_URL + iid,
        title=html_to_text(obj.get("title") or "") or None,
        deleted=deleted,
    )


IMPORTER = Importer(
    name="hackernews",
    version="1",
    platform=PLATFORM,
    description="Hacker News API items (one item, a JSON array, or JSON Lines)",
    sniff=sniff,
    read=read,
)
