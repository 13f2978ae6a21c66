"""YouTube Data API v3 responses: ``commentThreads.list``, ``comments.list`` and ``videos.list``.

A file may hold one response, a single resource, a JSON array of them, or JSON Lines with one
response per line (paged crawls). A video is a post by its channel; the channel owns the video,
so it is yielded as a :class:`~brandcouch.model.BrandHint` named by ``channelTitle``. A top-level
comment is a comment on the video (parent and root: the video id); a reply's parent is its
``snippet.parentId`` (YouTube threads are one level deep). A comment whose author is the video's
channel (``snippet.channelId`` of the comment, or the owner of a video in the same file) is the
brand's own reply, and the channel is hinted as a brand by its display name.
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
from brandcouch.model import Account, BrandHint, Kind, Message

PLATFORM = "youtube"
WATCH = "https://www.youtube.com/watch?v="
_KIND = re.compile(rb'"kind"\s*:\s*"youtube#(commentThread|comment|video)(ListResponse)?"')
_CHANNEL_URL = re.compile(r"/channel/([\w-]+)")


def sniff(source: Source, head: bytes) -> int:
    try:
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start not in (b"{", b"["):
            return 0
        return 95 if _KIND.search(head) else 0
    except Exception:
        return 0


class _State:
    def __init__(self, ctx: ImportContext):
        self.ctx = ctx
        self.accounts: set[str] = set()
        self.brands: set[str] = set()
        self.owner: dict[str, str] = {}  # video id -> channel id
        self.authors: dict[str, str] = {}  # comment id -> author channel id

    def account(self, native_id: str, name: str | None) -> Iterator[Item]:
        if native_id not in self.accounts:
            self.accounts.add(native_id)
            handle = name if name and name.startswith("@") else None
            yield Account(PLATFORM, native_id, handle=handle, display_name=name or None)

    def brand(self, name: str | None, native_id: str) -> Iterator[Item]:
        if native_id not in self.brands:
            self.brands.add(native_id)
            yield BrandHint(name or native_id, PLATFORM, native_id)


def _resources(value, ref: str) -> Iterator[tuple[str, dict]]:
    """Flatten responses (``items``) and arrays into (ref, resource)."""
    if isinstance(value, list):
        for i, v in enumerate(value):
            yield from _resources(v, f"{ref}[{i}]")
    elif isinstance(value, dict) and isinstance(value.get("items"), list):
        for i, v in enumerate(value["items"]):
            yield f"{ref}.items[{i}]" if ref else f"items[{i}]", v
    else:
        yield ref or "document", value


def read(source: Source, ctx: ImportContext) -> Iterator[Item]:
    st = _State(ctx)
    for line_ref, value in json_values(source, ctx):
        for ref, res in _resources(value, line_ref):
            ctx.read(ref=ref)
            yield from guarded(ctx, ref, _resource, res, ref, st)


def _resource(res, ref: str, st: _State) -> Iterator[Item]:
    ctx = st.ctx
    if not isinstance(res, dict):
        ctx.bad(ref, f"expected a resource object, got {type(res).__name__}")
        return
    kind = res.get("kind") or ""
    snippet = res.get("snippet")
    if not isinstance(snippet, dict):
        ctx.bad(ref, "no `snippet` object (request the API with part=snippet)")
        return
    if not isinstance(kind, str):
        ctx.bad(ref, f"`kind` is {type(kind).__name__}, not a string")
    elif kind == "youtube#commentThread" or (not kind and "topLevelComment" in snippet):
        yield from _thread(res, ref, st)
    elif kind == "youtube#comment" or (not kind and "authorDisplayName" in snippet):
        yield from _comment(res, ref, st)
    elif kind == "youtube#video" or (not kind and "channelTitle" in snippet):
        yield from _video(res, ref, st)
    elif kind.endswith("ListResponse"):
        return  # an empty page
    else:
        ctx.bad(ref, f"not a video, commentThread or comment (kind {kind[:80]!r})")


def _video(res: dict, ref: str, st: _State) -> Iterator[Item]:
    sn = res["snippet"]
    vid = res.get("id")
    if isinstance(vid, dict):  # search.list results: {"kind": "youtube#video", "videoId": ...}
        vid = vid.get("videoId")
    vid = str_id(vid)
    channel = str_id(sn.get("channelId"))
    if not vid or not channel:
        st.ctx.bad(ref, "video without `id` or `snippet.channelId`")
        return
    try:
        created = parse_time(sn.get("publishedAt"))
    except ValueError as e:
        st.ctx.bad(f"{ref} (video {vid})", str(e))
        return
    stats = res.get("statistics") if isinstance(res.get("statistics"), dict) else {}
    name = sn.get("channelTitle") or None
    st.owner[vid] = channel
    yield from st.account(channel, name)
    yield from st.brand(name, channel)
    yield Message(
        platform=PLATFORM,
        native_id=vid,
        author_native_id=channel,
        text=(sn.get("description") or "").strip(),  # plain text in the API
        kind=Kind.POST,
        created_at=created,
        root_native_id=vid,
        likes=to_int(stats.get("likeCount")),
        replies=to_int(stats.get("commentCount")),
        views=to_int(stats.get("viewCount")),
        permalink=WATCH + vid,
        title=sn.get("title") or None,
    )


def _thread(res: dict, ref: str, st: _State) -> Iterator[Item]:
    sn = res["snippet"]
    top = sn.get("topLevelComment")
    if not isinstance(top, dict):
        st.ctx.bad(ref, "commentThread without `snippet.topLevelComment`")
        return
    video = str_id(sn.get("videoId"))
    owner = str_id(sn.get("channelId"))
    if video and owner:
        st.owner.setdefault(video, owner)
    tref = f"{ref}.topLevelComment"
    yield from guarded(
        st.ctx, tref, _comment, top, tref, st, video, replies=sn.get("totalReplyCount")
    )
    replies = res.get("replies")
    comments = replies.get("comments") if isinstance(replies, dict) else None
    if replies is not None and not isinstance(comments, list):
        st.ctx.bad(ref, "`replies` without a `comments` list")
        return
    for i, c in enumerate(comments or []):
        cref = f"{ref}.replies.comments[{i}]"
        st.ctx.read(ref=cref)
        if not isinstance(c, dict) or not isinstance(c.get("snippet"), dict):
            st.ctx.bad(cref, "reply without a `snippet` object")
            continue
        yield from guarded(st.ctx, cref, _comment, c, cref, st, video, top.get("id"))


def _author(sn: dict) -> str | None:
    aid = sn.get("authorChannelId")
    if isinstance(aid, dict):
        aid = aid.get("value")
    if isinstance(aid, str) and aid.strip():
        return aid.strip()
    m = _CHANNEL_URL.search(sn.get("authorChannelUrl") or "")
    return m.group(1) if m else None


def _comment(
    res: dict,
    ref: str,
    st: _State,
    video: str | None = None,
    parent: str | None = None,
    replies=None,
) -> Iterator[Item]:
    sn = res.get("snippet")
    if not isinstance(sn, dict):
        st.ctx.bad(ref, "comment without a `snippet` object")
        return
    cid = str_id(res.get("id"))
    if not cid:
        st.ctx.bad(ref, "comment without `id`")
        return
    ref = f"{ref} (comment {cid})"
    author = _author(sn)
    if not author:
        st.ctx.bad(ref, "no `authorChannelId.value` (author unknown)")
        return
    try:
        created = parse_time(sn.get("publishedAt"))
        updated = parse_time(sn.get("updatedAt"))
    except ValueError as e:
        st.ctx.bad(ref, str(e))
        return
    video = str_id(sn.get("videoId")) or video
    parent = str_id(sn.get("parentId")) or (str_id(parent) if parent else None)
    owner = str_id(sn.get("channelId")) or (st.owner.get(video) if video else None)
    if video and owner and sn.get("videoId"):
        st.owner.setdefault(video, owner)
    if isinstance(sn.get("textOriginal"), str):
        text = sn["textOriginal"].strip()
    else:
        text = html_to_text(sn.get("textDisplay") or "")
    name = sn.get("authorDisplayName") or None
    st.authors[cid] = author
    yield from st.account(author, name)
    if owner and author == owner:  # the video's channel answering: the brand's own reply
        yield from st.brand(name, author)
    if parent:
        kind, to = Kind.REPLY, st.authors.get(parent)
    else:
        kind, to, parent = Kind.COMMENT, owner, video
    yield Message(
        platform=PLATFORM,
        native_id=cid,
        author_native_id=author,
        text=text,
        kind=kind,
        created_at=created,
        parent_native_id=parent,
        root_native_id=video,
        to_native_id=to,
        likes=to_int(sn.get("likeCount")),
        replies=to_int(replies),
        permalink=f"{WATCH}{video}&lc={cid}" if video else None,
        edited_at=updated if updated and created and updated != created else None,
    )


IMPORTER = Importer(
    name="youtube",
    version="1",
    platform=PLATFORM,
    description="YouTube Data API v3 JSON: commentThreads.list, comments.list, videos.list",
    sniff=sniff,
    read=read,
)
