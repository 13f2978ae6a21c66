"""The X/Twitter account archive ("Download an archive of your data"): ``data/tweets.js``
(2022+ layout, ``window.YTD.tweets.part0 = [...]``), the older ``data/tweet.js``
(``window.YTD.tweet.part0``), further parts (``tweets-part1.js`` → ``YTD.tweets.part1``) and
``deleted-tweets.js`` (``YTD.deleted_tweets.part0``, imported with ``deleted=True``).

The tweets carry no author: the archive owner is read from ``manifest.js``
(``window.__THAR_CONFIG.userInfo``; archive root, or beside the file) when its ``dataTypes`` list
this file's global name, else from ``account.js`` beside it (``YTD.account.part0``), else inferred
from self-replies (a reply to a tweet that is in the same file names the owner in
``in_reply_to_user_id_str``). ``manifest.js`` and ``account.js`` imported on their own (as when a
whole archive folder or ``.zip`` is imported) yield just the owner ``Account`` and ``BrandHint``
(importer ``twitter_archive_owner``).

Long posts ("note tweets", over 280 characters) are truncated in ``tweets.js`` (the text ends in
``…`` and a link); their full text is in ``note-tweet.js`` beside it
(``window.YTD.note_tweet.part0 = [{"noteTweet": {"noteTweetId", "createdAt", "updatedAt",
"core": {"text", "urls", "mentions", "hashtags", ...}}}]``). A note names no tweet id, so it is
joined to the tweet created in the same second whose truncated text (without the trailing
``…`` and link) begins the note's text; the full text then replaces the truncated one.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import replace

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import (
    guarded,
    html_to_text,
    load_json,
    optional_time,
    parse_time,
    str_id,
    to_int,
)
from brandcouch.importers.twitter_api import edit_ids, v1_message
from brandcouch.model import Account, BrandHint

PLATFORM = "twitter"
_TWEETS_PREFIX = re.compile(rb"^\s*window\.YTD\.(tweets?|deleted_tweets?)\.part(\d+)\s*=")
_OWNER_PREFIX = re.compile(rb"^\s*window\.(__THAR_CONFIG|YTD\.account\.part\d+)\s*=")


def _strip_bom(head: bytes) -> bytes:
    return head[3:] if head.startswith(b"\xef\xbb\xbf") else head


def sniff(source: Source, head: bytes) -> int:
    try:
        return 95 if _TWEETS_PREFIX.match(_strip_bom(head)) else 0
    except Exception:
        return 0


def sniff_owner(source: Source, head: bytes) -> int:
    try:
        return 95 if _OWNER_PREFIX.match(_strip_bom(head)) else 0
    except Exception:
        return 0


# --------------------------------------------------------------------------------------------
# the owner


class Owner:
    def __init__(
        self,
        native_id: str,
        handle: str | None,
        display_name: str | None = None,
        followers: int | None = None,
        created_at=None,
        bio: str | None = None,
    ):
        self.native_id = native_id
        self.handle = handle
        self.display_name = display_name
        self.followers = followers
        self.created_at = created_at
        self.bio = bio

    def items(self) -> list[Item]:
        acc = Account(
            PLATFORM,
            self.native_id,
            handle=self.handle,
            display_name=self.display_name,
            followers=self.followers,
            bio=self.bio,
            created_at=self.created_at,
        )
        out: list[Item] = [acc]
        if self.handle:
            out.append(BrandHint(self.handle, PLATFORM, self.native_id))
        return out


def _load_js(source: Source) -> object | None:
    """A ``window.X = {...}`` file parsed, or None when unreadable or over ``max_document_mb``
    of the import's limits, which siblings carry (siblings are best effort)."""
    try:
        limits = source.caps()
        with source.open(limits) as f:
            raw = f.read(limits.document + 1)
        if len(raw) > limits.document:
            return None
        text = raw.decode("utf-8-sig")
        return json.loads(text[text.index("=") + 1 :].strip().rstrip(";"))
    except Exception:
        return None


def owner_from_manifest(doc, global_name: str | None = None) -> Owner | None:
    """The owner from a parsed manifest.js; with ``global_name``, only if the manifest lists
    that data file (so a manifest of another archive lying beside it is not trusted)."""
    if not isinstance(doc, dict) or not isinstance(doc.get("userInfo"), dict):
        return None
    info = doc["userInfo"]
    uid = str_id(info.get("accountId"))
    if not uid:
        return None
    types = doc.get("dataTypes") if isinstance(doc.get("dataTypes"), dict) else {}
    names = set()
    for dt in types.values():
        for f in (dt.get("files") or []) if isinstance(dt, dict) else []:
            if isinstance(f, dict) and f.get("globalName"):
                names.add(f["globalName"])
    if global_name and global_name not in names:
        return None
    followers = None
    follower = types.get("follower")
    if isinstance(follower, dict) and isinstance(follower.get("files"), list):
        counts = [to_int(f.get("count")) for f in follower["files"] if isinstance(f, dict)]
        if counts and all(c is not None for c in counts):
            followers = sum(counts)
    return Owner(uid, info.get("userName") or None, info.get("displayName") or None, followers)


def owner_from_account_js(doc) -> Owner | None:
    if isinstance(doc, list) and doc:
        doc = doc[0]
    if isinstance(doc, dict) and isinstance(doc.get("account"), dict):
        doc = doc["account"]
    if not isinstance(doc, dict):
        return None
    uid = str_id(doc.get("accountId"))
    if not uid:
        return None
    created = optional_time(doc.get("createdAt"))
    return Owner(
        uid, doc.get("username") or None, doc.get("accountDisplayName") or None, created_at=created
    )


def _profile_bio(prof: Source | None) -> str | None:
    """The bio from ``profile.js`` (``[{"profile": {"description": {"bio": ...}}}]``)."""
    doc = _load_js(prof) if prof else None
    try:
        bio = doc[0]["profile"]["description"]["bio"]
        return html_to_text(bio) or None if isinstance(bio, str) else None
    except (TypeError, KeyError, IndexError):
        return None


def _find_owner(source: Source, global_name: str) -> Owner | None:
    owner = None
    for name in ("manifest.js", "../manifest.js"):
        sib = source.sibling(name)
        if sib is not None:
            owner = owner_from_manifest(_load_js(sib), global_name)
            if owner:
                break
    sib = source.sibling("account.js")
    acc = owner_from_account_js(_load_js(sib)) if sib is not None else None
    if owner and acc and acc.native_id == owner.native_id:
        owner.created_at = acc.created_at
    elif acc and not owner:
        owner = acc
    if owner:
        owner.bio = _profile_bio(source.sibling("profile.js"))
    return owner


def _infer_owner(tweets: list[dict]) -> Owner | None:
    """Every tweet in the archive is the owner's: a reply to a tweet in the file names them."""
    ids = {str_id(t.get("id_str") or t.get("id")) for t in tweets}
    for t in tweets:
        try:
            parent = str_id(t.get("in_reply_to_status_id_str") or t.get("in_reply_to_status_id"))
            uid = str_id(t.get("in_reply_to_user_id_str") or t.get("in_reply_to_user_id"))
        except ValueError:  # a broken reply field: that tweet names no owner
            continue
        handle = t.get("in_reply_to_screen_name")
        if parent and uid and parent in ids:
            return Owner(uid, handle if isinstance(handle, str) and handle else None)
    return None


# --------------------------------------------------------------------------------------------
# reading


def read(source: Source, ctx: ImportContext) -> Iterator[Item]:
    source = source.with_limits(ctx.limits)  # its siblings read under the same caps
    head = _strip_bom(source.head(4096))
    m = _TWEETS_PREFIX.match(head)
    if not m:
        raise ctx.fail(
            None, "no `window.YTD.tweets.partN =` assignment: not an archive tweets file"
        )
    global_name = f"YTD.{m.group(1).decode()}.part{m.group(2).decode()}"
    deleted = m.group(1).startswith(b"deleted")
    doc = load_json(ctx, prefix_strip=True)
    if not isinstance(doc, list):
        raise ctx.fail(None, f"{global_name} is not a JSON array")
    tweets: list[tuple[int, dict]] = []
    keys: dict[int, tuple[str, str]] = {}  # entry -> (tweet id, id of its first version)
    for i, entry in enumerate(doc):
        ctx.read(ref=f"entry {i}")
        t = entry.get("tweet", entry) if isinstance(entry, dict) else None
        try:
            tid = str_id(t.get("id_str") or t.get("id")) if isinstance(t, dict) else None
            initial, later = edit_ids(t) if tid else (None, False)
        except ValueError as e:
            ctx.bad(f"entry {i}", str(e))
            continue
        if not tid:
            ctx.bad(f"entry {i}", "not a tweet object with id_str")
            continue
        keys[i] = (tid, initial if initial and later else tid)
        tweets.append((i, t))
    owner = _find_owner(source, global_name) or _infer_owner([t for _, t in tweets])
    if owner is None:
        raise ctx.fail(
            None,
            "the archive owner is unknown: put manifest.js or account.js from the same archive "
            "beside this file (or import the whole archive folder / .zip)",
        )
    yield from owner.items()
    # edits: every version is in the archive; keep the latest under the initial tweet's id
    versions: dict[str, tuple[int, dict]] = {}
    created_of: dict[str, object] = {}
    for i, t in tweets:
        tid, key = keys[i]
        if key == tid:
            with contextlib.suppress(ValueError):
                created_of[tid] = parse_time(t.get("created_at"))
        prev = versions.get(key)
        if prev is None or _version_rank(t) > _version_rank(prev[1]):
            if prev is not None:
                ctx.skip(
                    f"tweet {str_id(prev[1].get('id_str') or prev[1].get('id'))}",
                    f"earlier version of edited tweet {key}",
                )
            versions[key] = (i, t)
        else:
            ctx.skip(f"tweet {tid}", f"earlier version of edited tweet {key}")
    seen_accounts = {owner.native_id}
    notes = load_notes(source)
    for key, (i, t) in sorted(versions.items(), key=lambda kv: kv[1][0]):
        ref = f"tweet {t.get('id_str') or t.get('id')} (entry {i})"
        ctx.at(ref)
        got = guarded(ctx, ref, lambda t, k: [_message(t, owner, created_of.get(k))], t, key)
        if not got:
            continue
        msg, named = got[0]
        for a in named:
            if a.native_id not in seen_accounts:
                seen_accounts.add(a.native_id)
                yield a
        if deleted:
            msg = replace(msg, deleted=True)
        full = _full_text(t, notes)
        if full is not None and len(full) > len(msg.text):  # a long post: its whole text
            msg = replace(msg, text=full)
        yield msg


_TRUNCATED_TAIL = re.compile(r"\s*(?:…|\.\.\.)?\s*(?:https?://t\.co/\S+\s*)*$")


def _squash(text: str) -> str:
    return " ".join(html.unescape(text).split())


def load_notes(source: Source) -> dict[int, list[str]]:
    """The texts of ``note-tweet.js`` beside ``source`` by creation time (epoch seconds)."""
    sib = source.sibling("note-tweet.js")
    doc = _load_js(sib) if sib is not None else None
    notes: dict[int, list[str]] = {}
    for entry in doc if isinstance(doc, list) else []:
        n = entry.get("noteTweet") if isinstance(entry, dict) else None
        core = n.get("core") if isinstance(n, dict) else None
        text = core.get("text") if isinstance(core, dict) else None
        when = optional_time(n.get("createdAt")) if isinstance(n, dict) else None
        if isinstance(text, str) and text and when:
            notes.setdefault(int(when.timestamp()), []).append(text)
    return notes


def _full_text(t: dict, notes: dict[int, list[str]]) -> str | None:
    """The note text of a truncated long tweet, or None."""
    if not notes:
        return None
    when = optional_time(t.get("created_at"))
    cands = notes.get(int(when.timestamp())) if when else None
    if not cands:
        return None
    short = _squash(_TRUNCATED_TAIL.sub("", str(t.get("full_text") or t.get("text") or "")))
    if not short:
        return None
    hits = [c for c in cands if _squash(c).startswith(short)]
    return hits[0] if len(hits) == 1 else None


def _message(t: dict, owner: Owner, created):
    return v1_message(t, owner.native_id, owner.handle, created_override=created)


def _version_rank(t: dict) -> tuple:
    """Later edit versions rank higher (by creation time, then id)."""
    created = optional_time(t.get("created_at"))
    tid = str_id(t.get("id_str") or t.get("id")) or "0"
    return (created.timestamp() if created else 0.0, len(tid), tid)


def read_owner(source: Source, ctx: ImportContext) -> Iterator[Item]:
    source = source.with_limits(ctx.limits)  # its siblings read under the same caps
    doc = load_json(ctx, prefix_strip=True)
    ctx.read()
    owner = owner_from_manifest(doc) or owner_from_account_js(doc)
    if owner is None:
        raise ctx.fail(None, "no account id in manifest.js (userInfo.accountId) / account.js")
    if source.filename == "manifest.js" or owner.created_at is None:
        sib = source.sibling("data/account.js") or source.sibling("account.js")
        acc = owner_from_account_js(_load_js(sib)) if sib else None
        if acc and acc.native_id == owner.native_id:
            owner.created_at = owner.created_at or acc.created_at
    owner.bio = _profile_bio(source.sibling("data/profile.js") or source.sibling("profile.js"))
    yield from owner.items()


IMPORTERS = (
    Importer(
        name="twitter_archive",
        version="1",
        platform=PLATFORM,
        description="X/Twitter account archive tweets (data/tweets.js, tweet.js, deleted-tweets.js)",
        sniff=sniff,
        read=read,
    ),
    Importer(
        name="twitter_archive_owner",
        version="1",
        platform=PLATFORM,
        description="X/Twitter account archive manifest.js / account.js: the owner as the brand",
        sniff=sniff_owner,
        read=read_owner,
    ),
)
