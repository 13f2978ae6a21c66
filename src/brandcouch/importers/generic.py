"""Generic CSV or JSONL with a column mapping, for any source without its own importer.

Default column names (override any with ``--map field=column``, e.g. ``--map text=body``):

==============  =====================================================================
field           meaning
==============  =====================================================================
id              message id (required, unique per platform)
author          author's account id (required)
text            message text (required; HTML is reduced to text)
created_at      time: ISO 8601, epoch seconds/ms, or Twitter's format; UTC if no zone
platform        channel name (default ``generic``)
kind            post, reply, comment, mention, repost, quote (default: reply when a
                parent is given, else post)
parent_id       id of the message this one answers
root_id         id of the thread's first message
to              id (or @handle) of the account addressed
author_handle   the author's handle; author_name: display name; followers: count
brand           the brand name when the author is one of the brand's accounts
likes, reposts, replies, views, quotes (how many posts quote it), permalink, title
edited_at       when the text was last edited (a newer edit replaces the stored text)
==============  =====================================================================

Without an ``id`` column (a spreadsheet export), each row gets a stable id from its content:
``h`` + the first 24 hex digits of the SHA-256 of the row's normalised mapped values (platform,
author, created_at as ISO 8601 UTC, parent_id, to, text with whitespace collapsed; joined with
U+001F), then ``-`` and the row's occurrence index among identical rows earlier in the file
(``-0`` for the first). The id does not depend on the row's position, so re-importing the file,
or a newer export with rows added before or after, adds no duplicates.

Presets (``--map preset=NAME``) name the columns of common exports; a header that matches the
``social`` preset exactly (``Date, Network, Message, From``, any case) is detected without one:

``social``   Date → created_at, Network → platform, Message → text, From → author (the
             export of Hootsuite/Sprout-like social-media-management tools)

In a file without an id column, a mapped field whose column is absent is also looked up,
case-insensitively, under the common aliases in :data:`ALIASES` (e.g. ``Message``/``Content``/
``Body`` for text). Files with an id column use their column names exactly, as before.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections.abc import Iterator

from brandcouch.errors import ConfigError
from brandcouch.importers.base import ImportContext, Importer, Item, Source, TooLargeError, mib
from brandcouch.importers.common import (
    guarded,
    html_to_text,
    json_loads,
    mention_handles,
    parse_time,
    str_id,
    text_lines,
    to_int,
)
from brandcouch.model import Account, BrandHint, Kind, Message

FIELDS = (
    "id", "author", "text", "created_at", "platform", "kind", "parent_id", "root_id", "to",
    "author_handle", "author_name", "followers", "brand", "likes", "reposts", "replies", "views",
    "quotes", "permalink", "title", "edited_at",
)  # fmt: skip
REQUIRED = ("id", "author", "text")
_KINDS = {k.value for k in Kind}

#: ``--map preset=NAME``: field -> column of common exports
PRESETS: dict[str, dict[str, str]] = {
    "social": {"created_at": "Date", "platform": "Network", "text": "Message", "author": "From"},
}
#: column names tried (case-insensitively) when a field's mapped column is absent
ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("message", "content", "body", "post", "text"),
    "author": ("from", "author", "user", "username", "profile"),
    "created_at": ("date", "time", "timestamp", "created", "published", "created_at"),
    "platform": ("network", "channel", "platform", "source"),
}
_SEP = "\x1f"


def _preset_header(cols: set[str]) -> str | None:
    for name, cmap in PRESETS.items():
        if {c.lower() for c in cmap.values()} == cols:
            return name
    return None


def _first_line(head: bytes) -> str:
    return head.split(b"\n", 1)[0].decode("utf-8-sig", "replace").strip()


def sniff_csv(source: Source, head: bytes) -> int:
    line = _first_line(head)
    if line.startswith(("{", "[", "<")):
        return 0
    cols = {c.strip().strip('"').lower() for c in line.split(",")}
    if {"id", "author", "text"} <= cols:
        return 20
    return 15 if _preset_header(cols) else 0


def sniff_jsonl(source: Source, head: bytes) -> int:
    line = _first_line(head)
    if not line.startswith("{"):
        return 0
    try:
        obj = json.loads(line)
    except ValueError:
        return 0
    return 20 if isinstance(obj, dict) and {"id", "author", "text"} <= set(obj) else 0


def _mapping(ctx: ImportContext) -> tuple[dict[str, str], set[str]]:
    """The field -> column mapping, and the fields the user named explicitly."""
    user = dict(ctx.options.get("mapping") or {})
    preset = user.pop("preset", None)
    m = {f: f for f in FIELDS}
    explicit: set[str] = set()
    if preset is not None:
        if preset not in PRESETS:
            raise ConfigError(
                f"--map preset={preset}: unknown preset (presets: {', '.join(sorted(PRESETS))})"
            )
        m.update(PRESETS[preset])
        explicit |= set(PRESETS[preset])
    m.update(user)
    explicit |= set(user)
    return m, explicit


def _resolve(m: dict[str, str], explicit: set[str], columns: list[str]) -> dict[str, str]:
    """Map each field to a present column: the mapped one, else the same name in another case,
    else a common alias (fields the user mapped explicitly are not re-aimed at aliases)."""
    present = set(columns)
    lower = {}
    for c in columns:
        lower.setdefault(c.strip().lower(), c)
    out = dict(m)
    taken = {c for f, c in m.items() if c in present}
    for f, col in m.items():
        if col in present:
            continue
        hit = lower.get(col.strip().lower())
        if hit is None and f not in explicit:
            hit = next((lower[a] for a in ALIASES.get(f, ()) if a in lower), None)
        if hit is not None and hit not in taken:
            out[f] = hit
            taken.add(hit)
    return out


def content_id(get, n_seen: dict[str, int]) -> str:
    """The stable id of a row without an id column (see the module doc)."""
    created = get("created_at")
    try:
        t = parse_time(created)
        created = t.isoformat() if t else ""
    except ValueError:
        created = str(created or "").strip()
    parts = [
        str(get("platform") or "generic").strip().lower(),
        str(get("author") or "").strip(),
        created,
        str(get("parent_id") or "").strip(),
        str(get("to") or "").strip(),
        " ".join(str(get("text") or "").split()),
    ]
    digest = hashlib.sha256(_SEP.join(parts).encode("utf-8")).hexdigest()[:24]
    k = n_seen.get(digest, 0)
    n_seen[digest] = k + 1
    return f"h{digest}-{k}"


def _records(source: Source, ctx: ImportContext, jsonl: bool) -> Iterator[tuple[str, dict]]:
    if jsonl:
        for n, line in text_lines(source, ctx):
            if line is None or not line.strip():
                continue  # an over-long or undecodable line was reported by text_lines
            try:
                obj = json_loads(line)
            except json.JSONDecodeError as e:
                ctx.read(ref=f"line {n}")
                ctx.bad(f"line {n}", f"invalid JSON: {e.msg}")
                continue
            except RecursionError:
                ctx.read(ref=f"line {n}")
                ctx.bad(f"line {n}", "invalid JSON: nested too deeply")
                continue
            if not isinstance(obj, dict):
                ctx.read(ref=f"line {n}")
                ctx.bad(f"line {n}", f"expected a JSON object, got {type(obj).__name__}")
                continue
            yield f"line {n}", obj
        return
    rows = _CappedRows(source, ctx)
    csv.field_size_limit(ctx.limits.record)
    reader = csv.DictReader(rows)
    try:
        if reader.fieldnames is None:  # reads the header: rows are counted from after it
            return
        rows.row_done()
        for row in reader:
            ref = f"line {reader.line_num}"
            rows.row_done()
            if None in row:
                ctx.read(ref=ref)
                ctx.bad(ref, "more fields than the header has")
                continue
            yield ref, row
    except csv.Error as e:
        if "field larger than field limit" in str(e):
            raise TooLargeError(
                source.name,
                f"line {reader.line_num}",
                f"a field is over {mib(ctx.limits.record)} (max_record_mb)",
            ) from None
        raise ctx.fail(f"line {reader.line_num}", f"broken CSV: {e}") from None


class _CappedRows:
    """The lines of a CSV file for :mod:`csv`, each at most ``max_record_mb``, and no row (a
    quoted field may span lines) longer than that either."""

    def __init__(self, source: Source, ctx: ImportContext):
        self._ctx = ctx
        self._lines = text_lines(source, ctx)
        self._in_row = 0
        self._first_line = 1

    def __iter__(self):
        return self

    def row_done(self) -> None:
        self._in_row = 0

    def __next__(self) -> str:
        n, line = next(self._lines)
        if line is None:  # over-long or undecodable: reported; csv sees an empty line
            self._in_row = 0
            return "\n"
        if self._in_row == 0:
            self._first_line = n
        self._in_row += len(line)
        if self._in_row > self._ctx.limits.record:
            raise TooLargeError(
                self._ctx.source.name,
                f"line {self._first_line}",
                f"a CSV row is over {mib(self._ctx.limits.record)} (max_record_mb)",
            )
        return line


def _read(source: Source, ctx: ImportContext, jsonl: bool) -> Iterator[Item]:
    base, explicit = _mapping(ctx)
    resolved: dict[tuple[str, ...], dict[str, str]] = {}
    n_seen: dict[str, int] = {}
    seen: set[tuple[str, str]] = set()
    brands: set[tuple[str, str, str]] = set()
    for ref, rec in _records(source, ctx, jsonl):
        ctx.read(ref=ref)
        cols = tuple(rec)
        if cols not in resolved:  # once per CSV; per key set in JSONL
            # files with an id column keep their exact names; exports without one (spreadsheets)
            # get case-insensitive names and the aliases
            resolved[cols] = base if base["id"] in rec else _resolve(base, explicit, list(cols))
        m = resolved[cols]
        get = lambda f, rec=rec, m=m: rec.get(m[f])  # noqa: E731
        if m["id"] not in rec:  # no id column: a content hash (see the module doc)
            hid = content_id(get, n_seen)
            get = lambda f, g=get, hid=hid: hid if f == "id" else g(f)  # noqa: E731
        missing = [m[f] for f in REQUIRED if get(f) in (None, "")]
        if missing and get("text") == "" and len(missing) == 1:
            missing = []  # an empty text is a valid (e.g. media-only) message
        if missing:
            ctx.bad(ref, f"missing required column(s): {', '.join(missing)}")
            continue
        items = guarded(ctx, ref, lambda g: [_message(g)], get)
        if not items:
            continue
        msg, account, brand = items[0]
        if (account.platform, account.native_id) not in seen:
            seen.add((account.platform, account.native_id))
            yield account
        if brand and (brand, msg.platform, account.native_id) not in brands:
            brands.add((brand, msg.platform, account.native_id))
            yield BrandHint(brand, msg.platform, account.native_id)
        yield msg


def _message(get) -> tuple[Message, Account, str | None]:
    platform = (str(get("platform") or "generic")).strip().lower()
    parent = str_id(get("parent_id"))
    kind = (get("kind") or (Kind.REPLY if parent else Kind.POST)).strip().lower()
    if kind not in _KINDS:
        raise ValueError(f"kind {kind!r} is not one of {', '.join(sorted(_KINDS))}")
    author = str_id(get("author"))
    if not author:
        raise ValueError("author is empty")
    if not str_id(get("id")):
        raise ValueError("id is empty")
    followers = get("followers")
    account = Account(
        platform,
        author,
        handle=(get("author_handle") or None),
        display_name=(get("author_name") or None),
        followers=to_int(followers) if followers not in (None, "") else None,
    )
    text = html_to_text(str(get("text") or ""))
    msg = Message(
        platform=platform,
        native_id=str_id(get("id")),
        author_native_id=author,
        text=text,
        kind=Kind(kind),
        created_at=parse_time(get("created_at")),
        parent_native_id=parent,
        root_native_id=str_id(get("root_id")),
        to_native_id=str_id(get("to")),
        likes=to_int(get("likes")),
        reposts=to_int(get("reposts")),
        replies=to_int(get("replies")),
        views=to_int(get("views")),
        quotes=to_int(get("quotes")),
        permalink=get("permalink") or None,
        title=get("title") or None,
        edited_at=parse_time(get("edited_at")),
        mentions=mention_handles(MENTION.findall(text)),
    )
    return msg, account, (str(get("brand")).strip() or None) if get("brand") else None


#: an @handle in the text names an account (a message that names the brand addresses it, as in
#: the platforms' own exports); not an e-mail address ("care@acme.com") nor part of a URL
MENTION = re.compile(r"(?<![\w@/.])@(\w{1,30})")


IMPORTERS = (
    Importer(
        "generic-csv",
        "1",
        "generic",
        "any CSV with id, author, text columns (rename with --map field=column)",
        sniff_csv,
        lambda s, c: _read(s, c, jsonl=False),
    ),
    Importer(
        "generic-jsonl",
        "1",
        "generic",
        "JSON Lines with id, author, text keys (rename with --map field=column)",
        sniff_jsonl,
        lambda s, c: _read(s, c, jsonl=True),
    ),
)
