"""Disqus XML export (Admin → Moderation/Community → Export: a gzipped ``<disqus>`` XML file).

Streamed with ``defusedxml``'s ``iterparse``; a DTD or entity declaration is refused (Disqus never
writes one; it is the shape of an XML bomb or an external-entity attack).

Ids: a post is ``disqus:<dsq:id>``; a thread (the blog page being discussed) is a post by the
forum, ``disqus:thread:<dsq:id>`` (threads and posts are separate id spaces), authored by the
forum account ``disqus:forum:<shortname>``. A commenter is identified by their Disqus
``username``; a guest (no username, ``isAnonymous``) by ``anon:<name>``. The forum is the brand
(hinted by its shortname), and so is the thread author's username (the site owner who created the
thread). A top-level post is a comment on its thread, a post with ``<parent>`` a reply. Orphans
(posts whose thread is not in the file) are still imported under ``thread:<id>``; posts marked
``isSpam`` are skipped with a reason; deleted posts are kept with ``deleted=True``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

import defusedxml
import defusedxml.ElementTree as DET

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import RecordCap, guarded, html_to_text, parse_time, str_id
from brandcouch.model import Account, BrandHint, Kind, Message

PLATFORM = "disqus"
NS = "{http://disqus.com}"
DSQ = "{http://disqus.com/disqus-internals}"
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]\w*);")


def sniff(source: Source, head: bytes) -> int:
    try:
        text = head[:4096].decode("utf-8", "replace")
        if re.search(r"<disqus[\s>]", text) and "http://disqus.com" in text:
            return 95
        return 0
    except Exception:
        return 0


def _t(el: Element, tag: str) -> str:
    return (el.findtext(NS + tag) or "").strip()


def _flag(el: Element, tag: str) -> bool:
    return _t(el, tag).lower() == "true"


def _ref_id(el: Element, tag: str) -> str | None:
    child = el.find(NS + tag)
    return None if child is None else str_id(child.get(DSQ + "id"))


def _plain(value: str) -> str:
    """Markup to text; a title escaped twice (``&amp;#8220;``, seen in real exports) is decoded
    twice."""
    text = html_to_text(value)
    return html.unescape(text) if _ENTITY.search(text) else text


class _State:
    def __init__(self) -> None:
        self.accounts: set[str] = set()
        self.brands: set[tuple[str, str]] = set()
        self.threads: dict[str, tuple[str | None, str]] = {}  # id -> (link, forum account)
        self.authors: dict[str, str] = {}  # post id -> author
        self.forum: str | None = None  # the file's forum (from <category>/<thread>)

    def author(self, el: Element) -> tuple[str, Account | None]:
        a = el.find(NS + "author")
        name = username = ""
        if a is not None:
            name, username = _t(a, "name"), _t(a, "username")
        native = username or f"anon:{name or '[unknown]'}"
        if native in self.accounts:
            return native, None
        self.accounts.add(native)
        return native, Account(PLATFORM, native, handle=username or None, display_name=name or None)

    def forum_account(self, forum: str) -> Iterator[Item]:
        native = f"forum:{forum}"
        if native not in self.accounts:
            self.accounts.add(native)
            yield Account(PLATFORM, native, handle=None, display_name=forum)
        yield from self.brand(forum, native)

    def brand(self, forum: str, native: str) -> Iterator[Item]:
        if (forum, native) not in self.brands:
            self.brands.add((forum, native))
            yield BrandHint(forum, PLATFORM, native)


def read(source: Source, ctx: ImportContext) -> Iterator[Item]:
    st = _State()
    depth = 0
    root: Element | None = None
    try:
        with source.open(ctx.limits) as raw:
            f = RecordCap(raw, ctx)  # one <thread> or <post> is at most max_record_mb
            for event, el in DET.iterparse(f, events=("start", "end"), forbid_dtd=True):
                if event == "start":
                    depth += 1
                    if depth == 1:
                        root = el
                        if el.tag not in (NS + "disqus", "disqus"):
                            raise ctx.fail(None, f"not a Disqus export: root element <{el.tag}>")
                    continue
                depth -= 1
                if depth != 1:
                    continue
                f.mark()
                if el.tag == NS + "category":
                    st.forum = st.forum or _t(el, "forum") or None
                elif el.tag == NS + "thread":
                    ctx.read(ref=f"thread {el.get(DSQ + 'id')}")
                    yield from guarded(ctx, ctx.current, _thread, el, ctx, st)
                elif el.tag == NS + "post":
                    ctx.read(ref=f"post {el.get(DSQ + 'id')}")
                    yield from guarded(ctx, ctx.current, _post, el, ctx, st)
                if root is not None:
                    root.clear()  # keep memory bounded: drop what has been read
    except defusedxml.DefusedXmlException as e:
        raise ctx.fail(
            None,
            f"refused: the file declares a DTD or entities ({type(e).__name__}); a Disqus "
            "export never does (XML bomb or external-entity attack?)",
        ) from None
    except DET.ParseError as e:
        line, col = getattr(e, "position", (0, 0))
        msg = str(e).split(":", 1)[0]
        raise ctx.fail(f"line {line} col {col}", f"broken XML: {msg}") from None
    except UnicodeDecodeError as e:
        raise ctx.fail(None, f"not UTF-8 text: {e.reason}") from None
    if root is None:
        raise ctx.fail(None, "empty file: no <disqus> element")


def _thread(el: Element, ctx: ImportContext, st: _State) -> Iterator[Item]:
    tid = str_id(el.get(DSQ + "id"))
    if not tid:
        ctx.bad("thread without dsq:id", "missing dsq:id attribute")
        return
    ref = f"thread {tid}"
    forum = _t(el, "forum") or st.forum or "[unknown forum]"
    st.forum = st.forum or forum
    try:
        created = parse_time(_t(el, "createdAt") or None)
    except ValueError as e:
        ctx.bad(ref, str(e))
        return
    forum_native = f"forum:{forum}"
    yield from st.forum_account(forum)
    a = el.find(NS + "author")
    if a is not None and _t(a, "username") and not _flag(a, "isAnonymous"):
        owner, acc = st.author(el)  # the site owner who created the thread
        if acc:
            yield acc
        yield from st.brand(forum, owner)
    link = _t(el, "link") or None
    st.threads[tid] = (link, forum_native)
    yield Message(
        platform=PLATFORM,
        native_id=f"thread:{tid}",
        author_native_id=forum_native,
        text=html_to_text(el.findtext(NS + "message") or ""),
        kind=Kind.POST,
        created_at=created,
        root_native_id=f"thread:{tid}",
        permalink=link,
        title=_plain(_t(el, "title")) or None,
        deleted=_flag(el, "isDeleted"),
    )


def _post(el: Element, ctx: ImportContext, st: _State) -> Iterator[Item]:
    pid = str_id(el.get(DSQ + "id"))
    if not pid:
        ctx.bad("post without dsq:id", "missing dsq:id attribute")
        return
    ref = f"post {pid}"
    tid = _ref_id(el, "thread")
    if not tid:
        ctx.bad(ref, "no <thread dsq:id=...> (the page it belongs to)")
        return
    if _flag(el, "isSpam"):
        ctx.skip(ref, "marked as spam by Disqus (never shown publicly)")
        return
    try:
        created = parse_time(_t(el, "createdAt") or None)
    except ValueError as e:
        ctx.bad(ref, str(e))
        return
    author, acc = st.author(el)
    if acc:
        yield acc
    parent = _ref_id(el, "parent")
    link, forum_native = st.threads.get(tid, (None, f"forum:{st.forum}" if st.forum else None))
    st.authors[pid] = author
    if parent:
        kind, parent_native, to = Kind.REPLY, parent, st.authors.get(parent)
    else:
        kind, parent_native, to = Kind.COMMENT, f"thread:{tid}", forum_native
    yield Message(
        platform=PLATFORM,
        native_id=pid,
        author_native_id=author,
        text=html_to_text(el.findtext(NS + "message") or ""),
        kind=kind,
        created_at=created,
        parent_native_id=parent_native,
        root_native_id=f"thread:{tid}",
        to_native_id=to,
        permalink=f"{link}#comment-{pid}" if link else None,
        deleted=_flag(el, "isDeleted"),
    )


IMPORTER = Importer(
    name="disqus",
    version="1",
    platform=PLATFORM,
    description="Disqus XML export (<disqus> with <thread> and <post> elements)",
    sniff=sniff,
    read=read,
)
