"""WordPress WXR export (Tools → Export in wp-admin): the blog is the brand, its posts are the
brand's posts, comments (threaded by ``comment_parent``) are the audience's, and comments written
by the post's author (same login, display name, e-mail, or ``comment_user_id``) are the brand's
replies.

Parsed with defusedxml (any DTD, entity expansion and external references refused: WordPress
never writes a DOCTYPE), streamed item by item. Works with WXR 1.0-1.2 and with
``http``/``https`` namespace variants.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlparse
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import RecordCap, html_to_text, parse_time
from brandcouch.model import Account, BrandHint, Kind, Message

PLATFORM = "blog"
_POST_TYPES = {"post", "page"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _is_wp(tag: str) -> bool:
    return "wordpress.org/export/" in _ns(tag)


def _child(el: Element, name: str, wp: bool = False) -> str:
    for c in el:
        if _local(c.tag) == name and (not wp or _is_wp(c.tag)):
            return (
                (c.text or "").strip()
                if name not in ("encoded", "comment_content")
                else (c.text or "")
            )
    return ""


def sniff(source: Source, head: bytes) -> int:
    h = head[:8192].lower()
    if b"<rss" in h and b"wordpress.org/export/" in h:
        return 95
    return 0


def _time(el: Element, local: str, gmt: str):
    value = _child(el, gmt, wp=True)
    if value and not value.startswith("0000"):
        return parse_time(value)
    value = _child(el, local, wp=True)
    return parse_time(value) if value and not value.startswith("0000") else None


class _Blog:
    def __init__(self) -> None:
        self.title = ""
        self.host = ""
        self.authors: dict[str, dict[str, str]] = {}  # login -> {display, email, id}

    def user_id(self, login: str) -> str:
        return f"{self.host}/user/{login}"

    def commenter_id(self, name: str, email: str) -> str:
        key = (email or name or "anonymous").strip().lower()
        return f"{self.host}/commenter/{key}"

    def author_of_comment(self, c: Element, post_author: str) -> str | None:
        """The login of the post's author when this comment is theirs, else None."""
        a = self.authors.get(post_author, {})
        name = _child(c, "comment_author", wp=True).strip().lower()
        email = _child(c, "comment_author_email", wp=True).strip().lower()
        uid = _child(c, "comment_user_id", wp=True)
        if uid and uid != "0" and uid == a.get("id"):
            return post_author
        if email and email == a.get("email", "").lower():
            return post_author
        if name and name in {post_author.lower(), a.get("display", "").lower()}:
            return post_author
        return None


def _id_from_link(link: str) -> str:
    u = urlparse(link)
    path = u.path.strip("/")
    return f"{path}?{u.query}" if u.query else path


def read(source: Source, ctx: ImportContext) -> Iterator[Item]:
    blog = _Blog()
    seen: set[str] = set()
    try:
        with source.open(ctx.limits) as raw:
            f = RecordCap(raw, ctx)  # one <item> (a post and its comments) is max_record_mb
            depth_in_item = 0
            for event, el in iterparse(f, events=("start", "end"), forbid_dtd=True):
                tag = _local(el.tag)
                if tag == "item" and not _is_wp(el.tag):
                    depth_in_item += 1 if event == "start" else -1
                if event == "start" or (depth_in_item and tag != "item"):
                    continue
                f.mark()
                if tag == "title" and not blog.title and not _is_wp(el.tag):
                    blog.title = (el.text or "").strip()
                elif tag == "link" and not blog.host:
                    blog.host = urlparse((el.text or "").strip()).netloc or "blog"
                elif tag == "author" and _is_wp(el.tag):
                    login = _child(el, "author_login", wp=True)
                    blog.authors[login] = {
                        "display": _child(el, "author_display_name", wp=True),
                        "email": _child(el, "author_email", wp=True),
                        "id": _child(el, "author_id", wp=True),
                    }
                elif tag == "item":
                    yield from _item(el, blog, ctx, seen)
                    el.clear()
    except DefusedXmlException as e:
        raise ctx.fail(
            None,
            f"refused: the file declares a DTD or entities ({type(e).__name__}); a WordPress "
            "export never does",
        ) from None
    except ParseError as e:
        line, col = getattr(e, "position", (None, None))
        raise ctx.fail(f"line {line} col {col}", f"invalid XML: {e}") from None
    except UnicodeDecodeError as e:
        raise ctx.fail(None, f"not valid text in its declared encoding: {e.reason}") from None
    if not blog.title and not blog.authors and ctx.report.records_read == 0:
        raise ctx.fail(None, "no WordPress channel found")


def _item(el: Element, blog: _Blog, ctx: ImportContext, seen: set[str]) -> Iterator[Item]:
    ctx.read()
    # partial exports may lack wp:post_id: the item's link (or guid) identifies it instead
    post_id = _child(el, "post_id", wp=True) or _id_from_link(
        _child(el, "link") or _child(el, "guid")
    )
    post_type = _child(el, "post_type", wp=True) or "post"
    if not post_id:
        ctx.bad(f"item {_child(el, 'title')!r}", "item without wp:post_id, link or guid")
        return
    if post_type == "attachment":  # a media library entry, never a conversation
        ctx.ignore("attachments")
        return
    if post_type not in _POST_TYPES:
        ctx.skip(f"post {post_id}", f"{post_type} is not a post or page")
        return
    if not blog.host:  # a partial export without a channel link: the first item's site
        blog.host = urlparse(_child(el, "link")).netloc or "blog"
    login = _child(el, "creator") or "author"
    author_nid = blog.user_id(login)
    if author_nid not in seen:
        seen.add(author_nid)
        a = blog.authors.get(login, {})
        yield Account(PLATFORM, author_nid, handle=login, display_name=a.get("display") or login)
        yield BrandHint(blog.title or blog.host, PLATFORM, author_nid)
    try:
        created = _time(el, "post_date", "post_date_gmt") or parse_time(
            _child(el, "pubDate") or None
        )
    except ValueError as e:
        ctx.bad(f"post {post_id}", str(e))
        return
    status = _child(el, "status", wp=True)
    post_nid = f"{blog.host}/post/{post_id}"
    link = _child(el, "link") or None
    yield Message(
        platform=PLATFORM,
        native_id=post_nid,
        author_native_id=author_nid,
        text=html_to_text(_child(el, "encoded")),
        kind=Kind.POST,
        created_at=created,
        root_native_id=post_nid,
        permalink=link,
        title=_child(el, "title") or None,
        deleted=status not in ("publish", ""),
    )
    comments = [c for c in el if _local(c.tag) == "comment" and _is_wp(c.tag)]
    authors_by_comment: dict[str, str] = {}
    for c in comments:  # who wrote each comment, so replies know whom they answer
        cid = _child(c, "comment_id", wp=True)
        own = blog.author_of_comment(c, login)
        authors_by_comment[cid] = (
            author_nid
            if own
            else blog.commenter_id(
                _child(c, "comment_author", wp=True), _child(c, "comment_author_email", wp=True)
            )
        )
    for c in comments:
        yield from _comment(c, blog, ctx, seen, post_nid, author_nid, link, authors_by_comment)


def _comment(c, blog, ctx, seen, post_nid, post_author_nid, link, authors_by_comment):
    ctx.read()
    cid = _child(c, "comment_id", wp=True)
    if not cid:
        ctx.bad(f"comment in {post_nid}", "comment without wp:comment_id")
        return
    ctype = _child(c, "comment_type", wp=True)
    if ctype in ("pingback", "trackback"):
        ctx.skip(f"comment {cid}", f"{ctype}, not a conversation")
        return
    approved = _child(c, "comment_approved", wp=True)
    if approved == "spam":
        ctx.skip(f"comment {cid}", "marked as spam by the blog")
        return
    try:
        created = _time(c, "comment_date", "comment_date_gmt")
    except ValueError as e:
        ctx.bad(f"comment {cid}", str(e))
        return
    author_nid = authors_by_comment[cid]
    if author_nid not in seen:
        seen.add(author_nid)
        yield Account(
            PLATFORM,
            author_nid,
            handle=None,
            display_name=_child(c, "comment_author", wp=True) or None,
        )
    parent = _child(c, "comment_parent", wp=True)
    has_parent = bool(parent) and parent != "0"
    parent_nid = f"{blog.host}/comment/{parent}" if has_parent else post_nid
    to = authors_by_comment.get(parent) if has_parent else post_author_nid
    if author_nid == post_author_nid or has_parent:
        kind = Kind.REPLY
    else:
        kind = Kind.COMMENT
    yield Message(
        platform=PLATFORM,
        native_id=f"{blog.host}/comment/{cid}",
        author_native_id=author_nid,
        text=html_to_text(_child(c, "comment_content", wp=True)),
        kind=kind,
        created_at=created,
        parent_native_id=parent_nid,
        root_native_id=post_nid,
        to_native_id=to,
        permalink=f"{link}#comment-{cid}" if link else None,
        deleted=approved not in ("1", ""),
    )


IMPORTER = Importer(
    name="wordpress",
    version="1",
    platform=PLATFORM,
    description="WordPress WXR export (Tools → Export): posts and threaded comments",
    sniff=sniff,
    read=read,
)
