"""Reddit: Pushshift objects (dump NDJSON lines, plain or ``.zst``, or a Pushshift API response
``{"data": [...]}``) and Reddit API listing JSON (``/comments/<id>.json``).

Native ids are Reddit's base36 ids **without** the type prefix: comment ``t1_gjacwx5`` is
``reddit:gjacwx5``, submission ``t3_kxi2w8`` is ``reddit:kxi2w8``. (Comments and submissions are
separate id spaces on Reddit; a collision between a very old comment id and a submission id is
theoretically possible and accepted.) Authors are identified by username (the only identifier all
sources carry; ``[deleted]`` stays ``[deleted]``). The thread root of a comment is its submission
(``link_id``). A submission is a post, a comment on a submission a comment, a comment on a comment
a reply.

Pushshift's 2022 API generation writes ``parent_id`` as an integer (the base-10 value of the
parent comment's base36 id) or ``null`` for top-level comments; both schemas are read.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import (
    guarded,
    json_values,
    load_json,
    optional_time,
    parse_time,
    str_id,
    to_int,
)
from brandcouch.model import Account, Kind, Message

PLATFORM = "reddit"
BASE_URL = "https://www.reddit.com"
DELETED = frozenset({"[deleted]", "[removed]"})
_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"

#: how many recent authors/parents to remember while streaming (bounded memory on huge dumps)
_MEMORY = 100_000


def base36(n: int) -> str:
    """A non-negative integer in Reddit's base36 (``37636166024`` → ``"haflnk8"``)."""
    if n < 0:
        raise ValueError(f"negative id {n}")
    if n == 0:
        return "0"
    out = []
    while n:
        n, r = divmod(n, 36)
        out.append(_B36[r])
    return "".join(reversed(out))


def _thing_id(value) -> tuple[str | None, str | None]:
    """``"t1_abc"`` → ("t1", "abc"); an integer (2022 Pushshift) → ("t1", base36); None → (None, None)."""
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        raise ValueError(f"not an id: {value!r}")
    if isinstance(value, int):
        return "t1", base36(value)
    if not isinstance(value, str):
        raise ValueError(f"not an id: {value!r}")
    s = value.strip()
    if len(s) > 3 and s[0] == "t" and s[1].isdigit() and s[2] == "_":
        return s[:2], s[3:]
    return None, s


class _Memory:
    """A bounded FIFO map (oldest entries forgotten first) and a bounded seen-set of authors."""

    def __init__(self, size: int = _MEMORY):
        self.size = size
        self.authors: dict[str, str] = {}  # message native id -> author native id
        self.permalinks: dict[str, str] = {}  # submission id -> permalink path
        self.accounts: set[str] = set()

    def remember(self, native_id: str, author: str) -> None:
        self.authors[native_id] = author
        if len(self.authors) > self.size:
            del self.authors[next(iter(self.authors))]

    def remember_post(self, native_id: str, permalink: str | None) -> None:
        if permalink:
            self.permalinks[native_id] = permalink
            if len(self.permalinks) > self.size:
                del self.permalinks[next(iter(self.permalinks))]

    def new_account(self, name: str) -> bool:
        if name in self.accounts:
            return False
        if len(self.accounts) >= self.size:
            self.accounts.clear()  # a repeated Account row is harmless: the store merges them
        self.accounts.add(name)
        return True


def _text(value) -> str:
    """Reddit text is Markdown; legacy JSON escapes ``&<>`` as entities, which are decoded."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"text is {type(value).__name__}, not a string")
    return html.unescape(value) if "&" in value else value


def _edited(obj: dict):
    edited = obj.get("edited")
    if isinstance(edited, bool) or edited is None:
        if edited and obj.get("edited_on"):
            return parse_time(obj["edited_on"])
        return None
    return parse_time(edited)  # an epoch (float) in the Reddit API and classic dumps


def _permalink(obj: dict, link: str | None, mem: _Memory) -> str | None:
    p = obj.get("permalink")
    if isinstance(p, str) and p:
        return p if p.startswith("http") else BASE_URL + p
    nid = obj.get("id")
    if link and link in mem.permalinks:  # a comment under a submission seen in this file
        return f"{BASE_URL}{mem.permalinks[link]}{nid}/"
    sub = obj.get("subreddit")
    if link and sub:
        return f"{BASE_URL}/r/{sub}/comments/{link}/_/{nid}/"
    return None


def _thing(obj: dict, ref: str, ctx: ImportContext, mem: _Memory, kind: str | None = None):
    """One submission or comment object (Pushshift line or the ``data`` of a t1/t3 thing).
    Returns the items to yield, or None after reporting a bad record."""
    if not isinstance(obj, dict):
        ctx.bad(ref, f"expected a JSON object, got {type(obj).__name__}")
        return None
    if kind is None:
        if "body" in obj:
            kind = "t1"
        elif "title" in obj:
            kind = "t3"
        else:
            ctx.bad(ref, "neither a comment (no `body`) nor a submission (no `title`)")
            return None
    try:
        nid = str_id(obj.get("id"))
        if not nid:
            ctx.bad(ref, "missing `id`")
            return None
        ref = f"{ref} (id {nid})"
        author = obj.get("author")
        if not isinstance(author, str) or not author.strip():
            ctx.bad(ref, "missing `author`")
            return None
        author = author.strip()
        if "created_utc" not in obj and "created" not in obj:
            ctx.bad(ref, "missing `created_utc`")
            return None
        created = parse_time(obj.get("created_utc", obj.get("created")))
        edited = _edited(obj)
        if kind == "t3":
            return _submission(obj, nid, author, created, edited, mem)
        return _comment(obj, nid, author, created, edited, ref, ctx, mem)
    except (ValueError, TypeError, OverflowError) as e:
        ctx.bad(ref, str(e))
        return None


def _account(obj: dict, author: str, mem: _Memory) -> list:
    if author in DELETED or not mem.new_account(author):
        return []
    created = None
    if obj.get("author_created_utc"):
        created = optional_time(obj["author_created_utc"])
    return [Account(PLATFORM, author, handle=author, created_at=created)]


def _submission(obj, nid, author, created, edited, mem: _Memory) -> list:
    text = _text(obj.get("selftext"))
    title = _text(obj.get("title"))
    deleted = author in DELETED or text in DELETED or bool(obj.get("removed_by_category"))
    permalink = _permalink(obj, None, mem)
    mem.remember(nid, author)
    mem.remember_post(nid, obj.get("permalink") if isinstance(obj.get("permalink"), str) else None)
    msg = Message(
        platform=PLATFORM,
        native_id=nid,
        author_native_id=author,
        text=text,
        kind=Kind.POST,
        created_at=created,
        root_native_id=nid,
        likes=to_int(obj.get("score")),
        replies=to_int(obj.get("num_comments")),
        views=to_int(obj.get("view_count")),
        permalink=permalink,
        title=title or None,
        deleted=deleted,
        edited_at=edited,
    )
    return [*_account(obj, author, mem), msg]


def _comment(obj, nid, author, created, edited, ref, ctx, mem: _Memory) -> list | None:
    link_prefix, link = _thing_id(obj.get("link_id"))
    parent_prefix, parent = _thing_id(obj.get("parent_id"))
    if parent is None:  # 2022 schema: null parent_id = top-level comment
        if link is None:
            ctx.bad(ref, "comment without `parent_id` and `link_id`")
            return None
        parent, parent_prefix = link, "t3"
    top_level = parent_prefix == "t3" or (parent_prefix is None and parent == link)
    body = _text(obj.get("body"))
    permalink = _permalink(obj, link, mem)
    mem.remember(nid, author)
    msg = Message(
        platform=PLATFORM,
        native_id=nid,
        author_native_id=author,
        text=body,
        kind=Kind.COMMENT if top_level else Kind.REPLY,
        created_at=created,
        parent_native_id=parent,
        root_native_id=link,
        to_native_id=mem.authors.get(parent),
        likes=to_int(obj.get("score")),
        permalink=permalink,
        deleted=author in DELETED or body in DELETED,
        edited_at=edited,
    )
    return [*_account(obj, author, mem), msg]


# --------------------------------------------------------------------------------------------
# Pushshift


_HAS = {
    key: re.compile(rb'"' + key.encode() + rb'"\s*:')
    for key in ("created_utc", "subreddit", "link_id", "body", "title", "selftext", "kind")
}
_LISTING = re.compile(rb'"kind"\s*:\s*"(Listing|t1|t3|more)"')


def sniff_pushshift(source: Source, head: bytes) -> int:
    try:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start not in (b"{", b"["):
            return 0
        if _LISTING.search(head):
            return 0
        if not _HAS["created_utc"].search(head):
            return 0
        if not (_HAS["subreddit"].search(head) or _HAS["link_id"].search(head)):
            return 0
        if _HAS["body"].search(head) or _HAS["title"].search(head):
            return 90
        return 0
    except Exception:
        return 0


def _records(obj, ref: str):
    """The records of one parsed JSON value: an object, an API page ``{"data": [...]}`` or a
    list. Yields (ref, record)."""
    if isinstance(obj, dict) and "body" not in obj and "title" not in obj:
        data = obj.get("data")
        if isinstance(data, list):
            for i, rec in enumerate(data):
                yield f"{ref} data[{i}]".strip(), rec
            return
    if isinstance(obj, list):
        for i, rec in enumerate(obj):
            yield f"{ref} [{i}]".strip(), rec
        return
    yield ref, obj


#: a whole (pretty-printed) JSON document is only loaded into memory below this size


def read_pushshift(source: Source, ctx: ImportContext) -> Iterator[Item]:
    mem = _Memory()
    for line_ref, value in json_values(source, ctx):
        if not isinstance(value, dict | list):
            ctx.read()
            ctx.bad(line_ref or None, f"expected a JSON object, got {type(value).__name__}")
            continue
        for ref, rec in _records(value, line_ref):
            ctx.read(ref=ref or None)
            yield from guarded(
                ctx, ref or None, lambda r, f: _thing(r, f, ctx, mem) or [], rec, ref
            )


# --------------------------------------------------------------------------------------------
# Reddit API listing JSON


def sniff_listing(source: Source, head: bytes) -> int:
    try:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start not in (b"{", b"["):
            return 0
        if re.search(rb'"kind"\s*:\s*"Listing"', head) and re.search(
            rb'"kind"\s*:\s*"(t1|t3|more)"', head
        ):
            return 95
        return 0
    except Exception:
        return 0


def read_listing(source: Source, ctx: ImportContext) -> Iterator[Item]:
    data = load_json(ctx)
    if isinstance(data, dict):
        listings = [data]
    elif isinstance(data, list):
        listings = data
    else:
        raise ctx.fail(None, "not a Reddit listing: expected a Listing or a list of Listings")
    mem = _Memory(size=10**9)  # a listing file is small: remember every author
    for li, listing in enumerate(listings):
        if not (isinstance(listing, dict) and listing.get("kind") == "Listing"):
            raise ctx.fail(f"[{li}]", "expected a `Listing` object")
        ldata = listing.get("data")
        children = ldata.get("children") if isinstance(ldata, dict) else None
        if not isinstance(children, list):
            raise ctx.fail(f"[{li}]", "Listing without `data.children`")
        # depth-first, parents before their replies, without recursion
        stack = [iter(enumerate(children))]
        paths = [f"[{li}]"]
        while stack:
            try:
                i, thing = next(stack[-1])
            except StopIteration:
                stack.pop()
                paths.pop()
                continue
            ref = f"{paths[-1]}.children[{i}]"
            ctx.read(ref=ref)
            if not isinstance(thing, dict) or not isinstance(thing.get("data"), dict):
                ctx.bad(ref, "a thing without a `data` object")
                continue
            kind, d = thing.get("kind"), thing["data"]
            if kind == "more":  # a "load more comments" stub: counted quietly
                ctx.ignore("'more' stubs")
                continue
            if kind not in ("t1", "t3"):
                ctx.skip(ref, f"not a comment or submission (kind {kind!r})")
                continue
            yield from guarded(
                ctx, ref, lambda d, r, k: _thing(d, r, ctx, mem, kind=k) or [], d, ref, kind
            )
            replies = d.get("replies") if kind == "t1" else None
            if isinstance(replies, dict):
                rdata = replies.get("data")
                kids = rdata.get("children") if isinstance(rdata, dict) else None
                if isinstance(kids, list) and kids:
                    stack.append(iter(enumerate(kids)))
                    paths.append(f"{ref}.replies")
            elif replies not in (None, ""):
                ctx.bad(ref, f'`replies` is {type(replies).__name__}, not a Listing or ""')


IMPORTERS = (
    Importer(
        name="pushshift",
        version="1",
        platform=PLATFORM,
        description="Reddit comments/submissions from Pushshift: dump NDJSON (.zst too) or API "
        'responses {"data": [...]}',
        sniff=sniff_pushshift,
        read=read_pushshift,
    ),
    Importer(
        name="reddit_api",
        version="1",
        platform=PLATFORM,
        description="Reddit API listing JSON (/comments/<id>.json: submission + comment tree)",
        sniff=sniff_listing,
        read=read_listing,
    ),
)
