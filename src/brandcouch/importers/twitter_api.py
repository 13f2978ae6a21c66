"""X/Twitter API responses: **API v2** (``/2/tweets/search/...`` pages, tweet lookups, user
timelines, as JSON or as JSONL with one response per line the way twarc2 saves them) and
**API v1.1** statuses (a list, one status, ``{"statuses": [...]}`` search results, or JSONL with
one status per line as twarc1 saves them).

Ids are always read from strings (``id`` in v2, ``id_str`` in v1.1: v1.1's numeric ``id`` is
often already rounded by a JavaScript serializer). Tweets embedded in a response
(``includes.tweets`` in v2, ``retweeted_status``/``quoted_status`` in v1.1) are real tweets and
are imported too. The v1.1 status mapping is shared with the account archive importer
(:mod:`brandcouch.importers.twitter_archive`).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import (
    guarded,
    html_to_text,
    json_values,
    mention_handles,
    optional_time,
    parse_time,
    str_id,
    to_int,
)
from brandcouch.model import Account, Kind, Message

PLATFORM = "twitter"
_RT = re.compile(r"^RT @(\w{1,30}):")


# --------------------------------------------------------------------------------------------
# shared helpers (also used by twitter_archive)


def permalink(tweet_id: str, handle: str | None) -> str:
    if handle:
        return f"https://twitter.com/{handle.lstrip('@')}/status/{tweet_id}"
    return f"https://twitter.com/i/web/status/{tweet_id}"


def head_text(head: bytes) -> str:
    """The head bytes as text with a BOM and leading blanks dropped (never raises)."""
    return head.decode("utf-8-sig", "replace").lstrip()


def iter_json_documents(source: Source, ctx: ImportContext) -> Iterator[tuple[str, object]]:
    """Yield ``(ref, document)``: one per line for JSONL (streamed, a broken or over-long line is
    a bad record), or the whole file once (ref ``"document"``) when the first line is not a
    complete JSON value (:func:`~brandcouch.importers.common.json_values`)."""
    yield from json_values(source, ctx, whole_ref="document", empty_fails=True)


def edit_ids(t: dict) -> tuple[str | None, bool]:
    """``(initial tweet id, this is a later version)`` from v2 ``edit_history_tweet_ids``, v1.1
    ``edit_history`` or the archive's ``edit_info``; ``(None, False)`` when never edited."""
    ids = t.get("edit_history_tweet_ids")
    if isinstance(ids, list) and ids:
        first = str_id(ids[0])
        return first, first != str_id(t.get("id"))
    hist = t.get("edit_history")
    if isinstance(hist, dict) and hist.get("initial_tweet_id"):
        first = str_id(hist["initial_tweet_id"])
        return first, first != str_id(t.get("id_str") or t.get("id"))
    info = t.get("edit_info")
    if isinstance(info, dict) and isinstance(info.get("edit"), dict):
        first = str_id(info["edit"].get("initialTweetId"))
        return first, bool(first)
    return None, False


def v1_mentions(t: dict) -> list[tuple[str | None, str | None, str | None]]:
    """``(id, screen_name, name)`` of the accounts a v1.1/archive tweet mentions, in text order."""
    ents = t.get("entities")
    out = []
    if isinstance(ents, dict) and isinstance(ents.get("user_mentions"), list):
        ms = [m for m in ents["user_mentions"] if isinstance(m, dict)]
        ms.sort(key=lambda m: to_int((m.get("indices") or [0])[0]) or 0)
        for m in ms:
            out.append(
                (str_id(m.get("id_str") or m.get("id")), m.get("screen_name"), m.get("name"))
            )
    return out


def v1_text(t: dict) -> str:
    ext = t.get("extended_tweet")
    if isinstance(ext, dict) and isinstance(ext.get("full_text"), str):
        return ext["full_text"]
    for key in ("full_text", "text"):
        if isinstance(t.get(key), str):
            return t[key]
    raise ValueError("no text / full_text")


def v1_message(
    t: dict,
    author: str,
    handle: str | None,
    *,
    embedded_rt: dict | None = None,
    created_override=None,
) -> tuple[Message, list[Account]]:
    """Map one v1.1 status or archive tweet (already known to have an id) to a Message and the
    accounts it names (mentioned and replied-to users). Raises ValueError on a broken field."""
    tid = str_id(t.get("id_str") or t.get("id"))
    if not tid:
        raise ValueError("no id_str / id")
    text = html_to_text(v1_text(t))
    created = parse_time(t.get("created_at"))
    accounts: list[Account] = []
    mentions = v1_mentions(t)
    for mid, mhandle, mname in mentions:
        if mid and mhandle:
            accounts.append(Account(PLATFORM, mid, handle=mhandle, display_name=mname))
    parent = str_id(t.get("in_reply_to_status_id_str") or t.get("in_reply_to_status_id"))
    reply_user = str_id(t.get("in_reply_to_user_id_str") or t.get("in_reply_to_user_id"))
    reply_handle = t.get("in_reply_to_screen_name")
    if reply_user and reply_handle:
        accounts.append(Account(PLATFORM, reply_user, handle=reply_handle))
    likes = to_int(t.get("favorite_count"))
    reposts = to_int(t.get("retweet_count"))
    replies = to_int(t.get("reply_count"))
    quotes = to_int(t.get("quote_count"))  # API v1.1 statuses; archives have none
    views = None
    to = None
    rt = embedded_rt if embedded_rt is not None else t.get("retweeted_status")
    rt_match = _RT.match(text)
    quoted = t.get("quoted_status")
    if isinstance(rt, dict) or rt_match:
        kind = Kind.REPOST
        if isinstance(rt, dict):
            user = rt.get("user") if isinstance(rt.get("user"), dict) else {}
            to = str_id(user.get("id_str") or user.get("id"))
            rt_handle = user.get("screen_name")
            with contextlib.suppress(ValueError):
                text = f"RT @{rt_handle}: {html_to_text(v1_text(rt))}" if rt_handle else text
        if not to and rt_match:
            # the retweeted account is the first mention; else only its handle is known
            first = mentions[0] if mentions else (None, None, None)
            to = first[0] if first[0] and first[1] == rt_match.group(1) else f"@{rt_match.group(1)}"
        # Twitter shows the original's counts on a retweet
        likes = reposts = replies = quotes = None
        parent = None
    elif parent:
        kind = Kind.REPLY
        to = reply_user or (f"@{reply_handle}" if reply_handle else None)
    elif t.get("is_quote_status") and (isinstance(quoted, dict) or t.get("quoted_status_id_str")):
        kind = Kind.QUOTE
        if isinstance(quoted, dict) and isinstance(quoted.get("user"), dict):
            to = str_id(quoted["user"].get("id_str") or quoted["user"].get("id"))
    elif reply_user:  # starts with @someone without replying to a tweet
        kind = Kind.MENTION
        to = reply_user
    else:
        others = [m for m in mentions if (m[0] or "") != author]
        if others:
            kind = Kind.MENTION
            to = others[0][0] or f"@{others[0][1]}"
        else:
            kind = Kind.POST
    native = tid
    edited = None
    initial, later = edit_ids(t)
    if initial and later:
        native, edited = initial, created
        created = created_override or created
    msg = Message(
        platform=PLATFORM,
        native_id=native,
        author_native_id=author,
        text=text,
        kind=kind,
        created_at=created,
        parent_native_id=parent,
        to_native_id=to,
        likes=likes,
        reposts=reposts,
        replies=replies,
        views=views,
        quotes=quotes,
        permalink=permalink(tid, handle),
        edited_at=edited,
        mentions=mention_handles(m[1] for m in mentions),
    )
    return msg, accounts


# --------------------------------------------------------------------------------------------
# API v2


def sniff_v2(source: Source, head: bytes) -> int:
    try:
        text = head_text(head)
        if not text.startswith(("{", "[")):
            return 0
        if '"author_id"' in text and (
            '"data"' in text or '"conversation_id"' in text or '"edit_history_tweet_ids"' in text
        ):
            return 90
        if '"__twarc"' in text and '"data"' in text:
            return 85
        if '"data"' in text and '"includes"' in text and '"username"' in text:
            return 70
        return 0
    except Exception:
        return 0


def _v2_user_account(u: dict) -> Account | None:
    uid = str_id(u.get("id"))
    if not uid:
        return None
    pm = u.get("public_metrics") if isinstance(u.get("public_metrics"), dict) else {}
    created = optional_time(u.get("created_at"))
    return Account(
        PLATFORM,
        uid,
        handle=u.get("username") or None,
        display_name=u.get("name") or None,
        followers=to_int(pm.get("followers_count")),
        bio=u.get("description") or None,
        created_at=created,
    )


class _V2State:
    def __init__(self) -> None:
        self.accounts: set[str] = set()


def read_v2(source: Source, ctx: ImportContext) -> Iterator[Item]:
    state = _V2State()
    for ref, doc in iter_json_documents(source, ctx):
        yield from guarded(ctx, ref, _v2_doc, doc, ref, ctx, state)  # a page of odd shape


def _v2_doc(doc, ref: str, ctx: ImportContext, st: _V2State) -> Iterator[Item]:
    if isinstance(doc, list):
        for i, d in enumerate(doc):
            yield from _v2_doc(d, f"{ref} [{i}]", ctx, st)
        return
    if not isinstance(doc, dict):
        ctx.read()
        ctx.bad(ref, "not a JSON object")
        return
    if "data" in doc or "includes" in doc or "errors" in doc or "meta" in doc:
        yield from _v2_response(doc, ref, ctx, st)
    elif "id" in doc and "text" in doc:  # a bare (or twarc-flattened) tweet
        yield from _v2_response({"data": [doc]}, ref, ctx, st)
    else:
        ctx.read()
        ctx.bad(ref, "neither an API v2 response (data/includes) nor a tweet (id/text)")


def _v2_response(doc: dict, ref: str, ctx: ImportContext, st: _V2State) -> Iterator[Item]:
    includes = doc.get("includes") if isinstance(doc.get("includes"), dict) else {}
    users: dict[str, dict] = {}
    by_name: dict[str, str] = {}
    for u in includes.get("users") or []:
        if isinstance(u, dict) and str_id(u.get("id")):
            users[str_id(u["id"])] = u
            if u.get("username"):
                by_name[u["username"].lower()] = str_id(u["id"])
    data = doc.get("data")
    if isinstance(data, dict):
        data = [data]
    if data is not None and not isinstance(data, list):
        ctx.read()
        ctx.bad(f"{ref} data", "`data` is neither a tweet nor a list of tweets")
        data = []
    data = data or []
    inc_tweets = [t for t in includes.get("tweets") or [] if isinstance(t, dict)]
    # flattened tweets carry their author inline
    for t in data:
        if isinstance(t, dict) and isinstance(t.get("author"), dict):
            a = t["author"]
            if str_id(a.get("id")):
                users.setdefault(str_id(a["id"]), a)
    lookup = {str_id(t.get("id")): t for t in inc_tweets + [t for t in data if isinstance(t, dict)]}
    for uid, u in users.items():
        if uid not in st.accounts:
            acc = _v2_user_account(u)
            if acc:
                st.accounts.add(uid)
                yield acc
    # every tweet read is yielded, repeats too: the writer keeps the last version of a message
    # and counts the others as duplicates (a tweet in both data and includes.tweets is one)
    for where, tweets in (("data", data), ("includes.tweets", inc_tweets)):
        for i, t in enumerate(tweets):
            rec = f"{ref} {where}[{i}]"
            ctx.read(ref=rec)
            if not isinstance(t, dict):
                ctx.bad(rec, "tweet is not a JSON object")
                continue
            got = guarded(
                ctx, rec, lambda t, r: [_v2_message(t, r, ctx, lookup, users, by_name)], t, rec
            )
            if got and got[0] is not None:
                yield got[0]
    for i, err in enumerate(doc.get("errors") or []):
        if isinstance(err, dict):
            what = err.get("resource_id") or err.get("value") or "?"
            why = err.get("detail") or err.get("title") or err.get("message") or "API error"
            ctx.skip(f"{ref} errors[{i}] ({what})", f"API error: {why}")


def _v2_message(
    t: dict, rec: str, ctx: ImportContext, lookup: dict, users: dict, by_name: dict
) -> Message | None:
    tid = str_id(t.get("id"))
    text = t.get("text")
    if not tid or not isinstance(text, str):
        ctx.bad(rec, "tweet without id or text")
        return None
    rec = f"tweet {tid}"
    author = str_id(t.get("author_id"))
    if not author and isinstance(t.get("author"), dict):
        author = str_id(t["author"].get("id"))
    if not author:
        ctx.bad(rec, "no author_id (request tweet.fields=author_id)")
        return None
    try:
        created = parse_time(t.get("created_at"))
    except ValueError as e:
        ctx.bad(rec, str(e))
        return None
    text = html_to_text(text)
    refs: dict[str, str] = {}
    for r in t.get("referenced_tweets") or []:
        if isinstance(r, dict) and r.get("type") and str_id(r.get("id")):
            refs.setdefault(r["type"], str_id(r["id"]))
    pm = t.get("public_metrics") if isinstance(t.get("public_metrics"), dict) else {}
    likes, reposts = to_int(pm.get("like_count")), to_int(pm.get("retweet_count"))
    replies, views = to_int(pm.get("reply_count")), to_int(pm.get("impression_count"))
    quotes = to_int(pm.get("quote_count"))
    ents = t.get("entities") if isinstance(t.get("entities"), dict) else {}
    mentions = [m for m in ents.get("mentions") or [] if isinstance(m, dict)]
    mentions.sort(key=lambda m: to_int(m.get("start")) or 0)
    parent = None
    reply_user = str_id(t.get("in_reply_to_user_id"))

    def author_of(other_id: str | None) -> str | None:
        other = lookup.get(other_id)
        return str_id(other.get("author_id")) if isinstance(other, dict) else None

    def mention_ref(m: dict) -> str | None:
        mid = str_id(m.get("id"))
        name = m.get("username")
        return (
            mid or (by_name.get(name.lower()) if name else None) or (f"@{name}" if name else None)
        )

    if "replied_to" in refs:
        kind = Kind.REPLY
        parent = refs["replied_to"]
        to = reply_user or author_of(parent)
    elif "retweeted" in refs:
        kind = Kind.REPOST
        orig = lookup.get(refs["retweeted"])
        to = author_of(refs["retweeted"])
        if to is None and mentions:
            to = mention_ref(mentions[0])
        if isinstance(orig, dict) and isinstance(orig.get("text"), str):
            handle = (users.get(to) or {}).get("username")
            if not handle:
                m = _RT.match(text)
                handle = m.group(1) if m else None
            if handle:
                text = f"RT @{handle}: {html_to_text(orig['text'])}"
        # the original's counts, not the retweet's
        likes = reposts = replies = views = quotes = None
    elif "quoted" in refs:
        kind = Kind.QUOTE
        to = author_of(refs["quoted"])
    elif reply_user:
        kind = Kind.MENTION
        to = reply_user
    else:
        others = [m for m in mentions if mention_ref(m) != author]
        kind = Kind.MENTION if others else Kind.POST
        to = mention_ref(others[0]) if others else None
    native, edited = tid, None
    initial, later = edit_ids(t)
    if initial and later:
        native, edited = initial, created
    handle = (users.get(author) or {}).get("username")
    return Message(
        platform=PLATFORM,
        native_id=native,
        author_native_id=author,
        text=text,
        kind=kind,
        created_at=created,
        parent_native_id=parent,
        root_native_id=str_id(t.get("conversation_id")),
        to_native_id=to,
        likes=likes,
        reposts=reposts,
        replies=replies,
        views=views,
        quotes=quotes,
        permalink=permalink(tid, handle),
        edited_at=edited,
        mentions=mention_handles(
            m.get("username") or (users.get(str_id(m.get("id"))) or {}).get("username")
            for m in mentions
        ),
    )


# --------------------------------------------------------------------------------------------
# API v1.1


def sniff_v1(source: Source, head: bytes) -> int:
    try:
        text = head_text(head)
        if not text.startswith(("{", "[")):
            return 0
        counts = '"retweet_count"' in text or '"favorite_count"' in text
        status = '"user"' in text or '"in_reply_to_status_id_str"' in text
        if '"id_str"' in text and counts and status:
            return 88
        if '"statuses"' in text and '"search_metadata"' in text:
            return 85
        return 0
    except Exception:
        return 0


def _v1_account(u: dict) -> Account | None:
    uid = str_id(u.get("id_str") or u.get("id"))
    if not uid:
        return None
    created = optional_time(u.get("created_at"))
    return Account(
        PLATFORM,
        uid,
        handle=u.get("screen_name") or None,
        display_name=u.get("name") or None,
        followers=to_int(u.get("followers_count")),
        bio=u.get("description") or None,
        created_at=created,
    )


def read_v1(source: Source, ctx: ImportContext) -> Iterator[Item]:
    accounts: set[str] = set()
    seen: set[str] = set()
    for ref, doc in iter_json_documents(source, ctx):
        if isinstance(doc, dict) and isinstance(doc.get("statuses"), list):
            statuses, base = doc["statuses"], f"{ref} statuses"
        elif isinstance(doc, list):
            statuses, base = doc, ref
        else:
            statuses, base = [doc], None
        for i, st in enumerate(statuses):
            rec = ref if base is None else f"{base}[{i}]"
            # a whole-file document is small enough to remember its embedded tweets across it;
            # JSONL remembers them per line
            memo = seen if ref == "document" else set()
            yield from guarded(ctx, rec, _v1_status, st, rec, ctx, accounts, memo)


def _v1_status(t, rec: str, ctx: ImportContext, accounts: set, seen: set) -> Iterator[Item]:
    """A status, then the tweets embedded in it (retweeted, quoted). A status is always yielded,
    a repeat too (the writer keeps the last version and counts the others as duplicates); an
    embedded copy only when that tweet has not been seen yet, so it never replaces the tweet
    itself (an embedded copy is not a record of the file and is not counted)."""
    ctx.read(ref=rec)
    if not isinstance(t, dict):
        ctx.bad(rec, "status is not a JSON object")
        return
    todo = [t]
    for key in ("retweeted_status", "quoted_status"):
        if isinstance(t.get(key), dict):
            todo.append(t[key])
    rt = t.get("retweeted_status")
    if isinstance(rt, dict) and isinstance(rt.get("quoted_status"), dict):
        todo.append(rt["quoted_status"])
    for n, s in enumerate(todo):
        tid = str_id(s.get("id_str") or s.get("id"))
        sref = f"status {tid}" if tid else rec
        user = s.get("user")
        if (
            not tid
            or not isinstance(user, dict)
            or not str_id(user.get("id_str") or user.get("id"))
        ):
            if n == 0:
                ctx.bad(sref, "status without id_str or user.id_str")
            continue
        if n > 0 and tid in seen:
            continue
        acc = _v1_account(user)
        if acc and acc.native_id not in accounts:
            accounts.add(acc.native_id)
            yield acc
        try:
            msg, named = v1_message(s, acc.native_id, acc.handle)
        except ValueError as e:
            if n == 0:
                ctx.bad(sref, str(e))
            continue
        seen.add(tid)
        for a in named:
            if a.native_id not in accounts:
                accounts.add(a.native_id)
                yield a
        yield msg


IMPORTERS = (
    Importer(
        name="twitter_api_v2",
        version="1",
        platform=PLATFORM,
        description="X/Twitter API v2 responses (JSON, or JSONL one response per line as twarc2)",
        sniff=sniff_v2,
        read=read_v2,
    ),
    Importer(
        name="twitter_api_v1",
        version="1",
        platform=PLATFORM,
        description="X/Twitter API v1.1 statuses (list, single, search results, or JSONL)",
        sniff=sniff_v1,
        read=read_v1,
    ),
)
