"""Facebook and Instagram Graph API responses (JSON, one page or JSON Lines of pages).

**Facebook** (platform ``facebook``): a page feed ``GET /{page-id}/feed`` (or ``/posts``) and
post/comment edges ``GET /{object-id}/comments``. Post ids are ``{pageId}_{postId}``; comment ids
``{postId}_{commentId}``, exactly as the Graph API gives them. A post's author is ``from.id``, or
the page whose id prefixes the post id when ``from`` was not requested; that page is the brand
(hinted by ``from.name`` when the file names it, else by the page id). Recent API versions omit
``from`` (and sometimes ``id``) on comments unless the page token allows it: the comment id is then
rebuilt from ``permalink_url`` (``?comment_id=`` / ``reply_comment_id=``), its post from the
permalink path ``/{pageId}/posts/{postId}/`` or from the ``paging`` URL of the page of results,
and its author is ``[unknown]``. Reactions (``reactions.summary.total_count``, else
``likes.summary.total_count``) are likes, ``comments.summary.total_count`` replies,
``shares.count`` reposts.

**Instagram** (platform ``instagram``): media comments ``GET /{ig-media-id}/comments`` with nested
``replies.data``, reply pages ``GET /{ig-comment-id}/replies`` and media lists
``GET /{ig-user-id}/media``. Authors are identified by ``username`` (``from.id``/``user.id`` when
no username was requested). A comment carrying ``user`` was written by the IG business account
making the query, i.e. the brand. The media a comment belongs to comes from ``media.id`` or the
``paging`` URL; without either (a bare replies page) the parent is unknown and left empty.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlparse

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import guarded, json_values, parse_time, str_id, to_int
from brandcouch.model import Account, BrandHint, Kind, Message

UNKNOWN = "[unknown]"
_GRAPH_TIME = rb'"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:?\d\d"'
_FB_TIME = re.compile(rb'"created_time"\s*:\s*' + _GRAPH_TIME)
_IG_TIME = re.compile(rb'"timestamp"\s*:\s*' + _GRAPH_TIME)
_IG_KEYS = re.compile(rb'"(text|caption|media_type|username|like_count)"\s*:')
_POST_PATH = re.compile(r"/(\d+)/posts/(\d+)")
_EDGE = re.compile(r"/(?:v\d+\.\d+/)?([\w]+)/(comments|replies)\b")
_FB_POST_KEYS = ("status_type", "shares", "reactions", "attachments", "full_picture", "story")
_FB_COMMENT_KEYS = ("comment_count", "parent", "can_reply_privately", "like_count", "attachment")
_IG_MEDIA_KEYS = ("caption", "media_type", "media_url", "comments_count", "media_product_type")


def _start(head: bytes) -> bytes:
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]


def sniff_facebook(source: Source, head: bytes) -> int:
    try:
        if _start(head) not in (b"{", b"[") or not _FB_TIME.search(head):
            return 0
        return 90 if re.search(rb'"(message|from|permalink_url|story)"\s*:', head) else 60
    except Exception:
        return 0


def sniff_instagram(source: Source, head: bytes) -> int:
    try:
        if _start(head) not in (b"{", b"[") or _FB_TIME.search(head):
            return 0
        if _IG_TIME.search(head) and _IG_KEYS.search(head) and re.search(rb'"id"\s*:', head):
            return 90
        return 0
    except Exception:
        return 0


def _pages(value, ref: str) -> Iterator[tuple[str, dict | None, list]]:
    """(ref, paging, objects) for each page in a parsed JSON value."""
    if isinstance(value, list):
        if value and all(isinstance(v, dict) and isinstance(v.get("data"), list) for v in value):
            for i, v in enumerate(value):
                yield from _pages(v, f"{ref}[{i}]")
        else:
            yield ref, None, value
    elif isinstance(value, dict) and isinstance(value.get("data"), list) and "id" not in value:
        paging = value.get("paging") if isinstance(value.get("paging"), dict) else None
        yield ref, paging, value["data"]
    else:
        yield ref, None, [value]


def _edge_object(paging: dict | None) -> tuple[str | None, str | None]:
    """The object and edge of a page of results, from its ``paging.next``/``previous`` URL."""
    if not paging:
        return None, None
    for key in ("next", "previous"):
        url = paging.get(key)
        if isinstance(url, str):
            try:
                m = _EDGE.search(urlparse(url).path)
            except ValueError:  # not a URL ("http://[x")
                continue
            if m:
                return m.group(1), m.group(2)
    return None, None


def _text(value) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError(f"text is {type(value).__name__}, not a string")
    return value.strip()


class _State:
    def __init__(self, ctx: ImportContext, platform: str):
        self.ctx = ctx
        self.platform = platform
        self.accounts: set[str] = set()
        self.brands: set[str] = set()
        self.authors: dict[str, str] = {}  # message id -> author
        self.comments: set[str] = set()  # ids known to be comments
        self.roots: dict[str, str] = {}  # comment id -> its post

    def account(self, native: str, handle: str | None = None, name: str | None = None):
        if native != UNKNOWN and native not in self.accounts:
            self.accounts.add(native)
            yield Account(self.platform, native, handle=handle, display_name=name)

    def brand(self, name: str | None, native: str):
        if native != UNKNOWN and native not in self.brands:
            self.brands.add(native)
            yield BrandHint(name or native, self.platform, native)


# --------------------------------------------------------------------------------------------
# Facebook


def read_facebook(source: Source, ctx: ImportContext) -> Iterator[Item]:
    st = _State(ctx, "facebook")
    for line_ref, value in json_values(source, ctx):
        for ref, paging, objects in _pages(value, line_ref):
            obj_id, edge = _edge_object(paging)
            page_parent = obj_id if edge == "comments" else None
            for i, obj in enumerate(objects):
                oref = f"{ref} data[{i}]".strip() if paging is not None or ref else f"data[{i}]"
                ctx.read(ref=oref)
                if not isinstance(obj, dict):
                    ctx.bad(oref, f"expected an object, got {type(obj).__name__}")
                    continue
                yield from guarded(ctx, oref, _fb_object, obj, oref, st, page_parent)


def _fb_object(obj: dict, ref: str, st: _State, page_parent: str | None) -> Iterator[Item]:
    if _is_fb_comment(obj):
        yield from _fb_comment(obj, ref, st, page_parent)
    else:
        yield from _fb_post(obj, ref, st)


def _time_and_text(obj: dict, time_key: str, text_key: str, ref: str, st: _State):
    """``(created, text)`` of a post or comment, or None after reporting a bad record."""
    try:
        return parse_time(obj.get(time_key)), _text(obj.get(text_key))
    except ValueError as e:
        st.ctx.bad(ref, str(e))
        return None


def _is_fb_comment(obj: dict) -> bool:
    link = obj.get("permalink_url")
    if isinstance(link, str) and "comment_id=" in link:
        return True
    if any(k in obj for k in _FB_POST_KEYS):
        return False
    return any(k in obj for k in _FB_COMMENT_KEYS)


def _summary(obj: dict, key: str) -> int | None:
    edge = obj.get(key)
    if isinstance(edge, dict):
        s = edge.get("summary")
        if isinstance(s, dict):
            return to_int(s.get("total_count"))
    return None


def _fb_post(obj: dict, ref: str, st: _State) -> Iterator[Item]:
    pid = str_id(obj.get("id"))
    if not pid:
        st.ctx.bad(ref, "post without `id`")
        return
    ref = f"{ref} (post {pid})"
    parsed = _time_and_text(obj, "created_time", "message", ref, st)
    if parsed is None:
        return
    created, text = parsed
    page = pid.split("_", 1)[0] if "_" in pid else None
    frm = obj.get("from") if isinstance(obj.get("from"), dict) else {}
    author = str_id(frm.get("id")) or page
    if not author:
        st.ctx.bad(ref, "post without `from.id` and not a `{pageId}_{postId}` id")
        return
    yield from st.account(author, name=frm.get("name"))
    if page:
        yield from st.brand(frm.get("name") if author == page else None, page)
    likes = _summary(obj, "reactions")
    if likes is None:
        likes = _summary(obj, "likes")
    shares = obj.get("shares")
    st.authors[pid] = author
    yield Message(
        platform="facebook",
        native_id=pid,
        author_native_id=author,
        text=text or _text(obj.get("story")),
        kind=Kind.POST,
        created_at=created,
        root_native_id=pid,
        likes=likes,
        reposts=to_int(shares.get("count")) if isinstance(shares, dict) else None,
        replies=_summary(obj, "comments"),
        permalink=obj.get("permalink_url") or None,
    )
    nested = obj.get("comments")
    if isinstance(nested, dict) and isinstance(nested.get("data"), list):
        for i, c in enumerate(nested["data"]):
            cref = f"{ref}.comments[{i}]"
            st.ctx.read(ref=cref)
            if isinstance(c, dict):
                yield from guarded(st.ctx, cref, _fb_comment, c, cref, st, pid)
            else:
                st.ctx.bad(cref, "comment is not an object")


def _fb_comment(obj: dict, ref: str, st: _State, context_parent: str | None) -> Iterator[Item]:
    """A comment; ``context_parent`` is the post or comment whose comments these are (nesting or
    the ``paging`` URL), used when the comment itself does not say."""
    link = obj.get("permalink_url") if isinstance(obj.get("permalink_url"), str) else ""
    url = urlparse(link)
    query = parse_qs(url.query)
    path = _POST_PATH.search(url.path)
    page = path.group(1) if path else None
    post = f"{path.group(1)}_{path.group(2)}" if path else None  # {pageId}_{postId}
    bare_post = path.group(2) if path else None
    comment_id = (query.get("comment_id") or [None])[0]
    reply_id = (query.get("reply_comment_id") or [None])[0]
    cid = str_id(obj.get("id"))
    if not cid and bare_post and (reply_id or comment_id):
        cid = f"{bare_post}_{reply_id or comment_id}"
    if not cid:
        st.ctx.bad(ref, "comment without `id` or a `permalink_url` with comment_id")
        return
    ref = f"{ref} (comment {cid})"
    parsed = _time_and_text(obj, "created_time", "message", ref, st)
    if parsed is None:
        return
    created, text = parsed
    parent_obj = obj.get("parent") if isinstance(obj.get("parent"), dict) else None
    if parent_obj and str_id(parent_obj.get("id")):
        parent, is_reply = str_id(parent_obj.get("id")), True
    elif reply_id and comment_id and bare_post:
        parent, is_reply = f"{bare_post}_{comment_id}", True
    elif post:
        parent, is_reply = post, False
    elif context_parent:
        parent, is_reply = context_parent, context_parent in st.comments
    elif "_" in cid:
        parent, is_reply = cid.split("_", 1)[0], False  # the bare post id: what the file gives
    else:
        parent, is_reply = None, False
    if post:
        root = post
    elif is_reply:
        root = st.roots.get(parent) if parent else None
    else:
        root = parent
    if not page and root and "_" in root:
        page = root.split("_", 1)[0]
    frm = obj.get("from") if isinstance(obj.get("from"), dict) else {}
    author = str_id(frm.get("id")) or UNKNOWN
    yield from st.account(author, name=frm.get("name"))
    if page and author == page:  # the page answering on its own post: the brand
        yield from st.brand(frm.get("name"), page)
    to = st.authors.get(parent) if parent else None
    if to is None and parent_obj and isinstance(parent_obj.get("from"), dict):
        to = str_id(parent_obj["from"].get("id"))
    if to is None and not is_reply:
        to = page
    st.authors[cid] = author
    st.comments.add(cid)
    if root:
        st.roots[cid] = root
    yield Message(
        platform="facebook",
        native_id=cid,
        author_native_id=author,
        text=text,
        kind=Kind.REPLY if is_reply else Kind.COMMENT,
        created_at=created,
        parent_native_id=parent,
        root_native_id=root,
        to_native_id=to if to != UNKNOWN else None,
        likes=to_int(obj.get("like_count")),
        replies=to_int(obj.get("comment_count")),
        permalink=link or None,
    )
    nested = obj.get("comments")
    if isinstance(nested, dict) and isinstance(nested.get("data"), list):
        for i, c in enumerate(nested["data"]):
            cref = f"{ref}.comments[{i}]"
            st.ctx.read(ref=cref)
            if isinstance(c, dict):
                yield from guarded(st.ctx, cref, _fb_comment, c, cref, st, cid)
            else:
                st.ctx.bad(cref, "comment is not an object")


# --------------------------------------------------------------------------------------------
# Instagram


def read_instagram(source: Source, ctx: ImportContext) -> Iterator[Item]:
    st = _State(ctx, "instagram")
    for line_ref, value in json_values(source, ctx):
        for ref, paging, objects in _pages(value, line_ref):
            obj_id, edge = _edge_object(paging)
            for i, obj in enumerate(objects):
                oref = f"{ref} data[{i}]".strip() if paging is not None or ref else f"data[{i}]"
                ctx.read(ref=oref)
                if not isinstance(obj, dict):
                    ctx.bad(oref, f"expected an object, got {type(obj).__name__}")
                    continue
                yield from guarded(ctx, oref, _ig_object, obj, oref, st, obj_id, edge)


def _ig_object(obj: dict, ref: str, st: _State, obj_id, edge) -> Iterator[Item]:
    if any(k in obj for k in _IG_MEDIA_KEYS):
        yield from _ig_media(obj, ref, st)
    elif edge == "replies":
        yield from _ig_comment(obj, ref, st, parent=obj_id, reply=True)
    elif edge == "comments":  # GET /{media-id}/comments
        yield from _ig_comment(obj, ref, st, parent=obj_id, media=obj_id)
    else:
        yield from _ig_comment(obj, ref, st)


def _ig_author(obj: dict) -> tuple[str, str | None]:
    frm = obj.get("from") if isinstance(obj.get("from"), dict) else {}
    user = obj.get("user") if isinstance(obj.get("user"), dict) else {}
    username = obj.get("username") or frm.get("username")
    if isinstance(username, str) and username.strip():
        return username.strip().lstrip("@"), username.strip().lstrip("@")
    native = str_id(frm.get("id")) or str_id(user.get("id"))
    return (native or UNKNOWN), None


def _ig_media(obj: dict, ref: str, st: _State) -> Iterator[Item]:
    mid = str_id(obj.get("id"))
    if not mid:
        st.ctx.bad(ref, "media without `id`")
        return
    ref = f"{ref} (media {mid})"
    parsed = _time_and_text(obj, "timestamp", "caption", ref, st)
    if parsed is None:
        return
    created, text = parsed
    author, handle = _ig_author(obj)
    owner = obj.get("owner") if isinstance(obj.get("owner"), dict) else {}
    if author == UNKNOWN and str_id(owner.get("id")):
        author = str_id(owner.get("id"))
    yield from st.account(author, handle=handle)
    yield from st.brand(handle, author)  # a media list is the account's own media
    st.authors[mid] = author
    yield Message(
        platform="instagram",
        native_id=mid,
        author_native_id=author,
        text=text,
        kind=Kind.POST,
        created_at=created,
        root_native_id=mid,
        likes=to_int(obj.get("like_count")),
        replies=to_int(obj.get("comments_count")),
        permalink=obj.get("permalink") or None,
    )
    nested = obj.get("comments")
    if isinstance(nested, dict) and isinstance(nested.get("data"), list):
        for i, c in enumerate(nested["data"]):
            cref = f"{ref}.comments[{i}]"
            st.ctx.read(ref=cref)
            yield from guarded(st.ctx, cref, _ig_comment, c, cref, st, parent=mid, media=mid)


def _ig_comment(
    obj,
    ref: str,
    st: _State,
    parent: str | None = None,
    reply: bool = False,
    media: str | None = None,
) -> Iterator[Item]:
    if not isinstance(obj, dict):
        st.ctx.bad(ref, f"expected a comment object, got {type(obj).__name__}")
        return
    cid = str_id(obj.get("id"))
    if not cid:
        st.ctx.bad(ref, "comment without `id`")
        return
    ref = f"{ref} (comment {cid})"
    parsed = _time_and_text(obj, "timestamp", "text", ref, st)
    if parsed is None:
        return
    created, text = parsed
    m = obj.get("media") if isinstance(obj.get("media"), dict) else {}
    media = str_id(m.get("id")) or media
    parent_id = str_id(obj.get("parent_id")) or parent
    if parent_id is None and media and not reply:
        parent_id = media
    if parent_id and parent_id != media:
        reply = True
    author, handle = _ig_author(obj)
    yield from st.account(author, handle=handle)
    if isinstance(obj.get("user"), dict):  # `user` is only returned for the querying account
        yield from st.brand(handle, author)
    to = st.authors.get(parent_id) if parent_id else None
    st.authors[cid] = author
    yield Message(
        platform="instagram",
        native_id=cid,
        author_native_id=author,
        text=text,
        kind=Kind.REPLY if reply else Kind.COMMENT,
        created_at=created,
        parent_native_id=parent_id,
        root_native_id=media,
        to_native_id=to if to != UNKNOWN else None,
        likes=to_int(obj.get("like_count")),
    )
    replies = obj.get("replies")
    if isinstance(replies, dict) and isinstance(replies.get("data"), list):
        for i, r in enumerate(replies["data"]):
            rref = f"{ref}.replies[{i}]"
            st.ctx.read(ref=rref)
            yield from guarded(
                st.ctx,
                rref,
                _ig_comment,
                r,
                rref,
                st,
                parent=cid,
                reply=True,
                media=media,
            )


IMPORTERS = (
    Importer(
        name="facebook_graph",
        version="1",
        platform="facebook",
        description="Facebook Graph API JSON: page feed / posts and comments pages",
        sniff=sniff_facebook,
        read=read_facebook,
    ),
    Importer(
        name="instagram_graph",
        version="1",
        platform="instagram",
        description="Instagram Graph API JSON: media, media comments and replies pages",
        sniff=sniff_instagram,
        read=read_instagram,
    ),
)
