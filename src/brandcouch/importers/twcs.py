"""The Customer Support on Twitter corpus (Kaggle ``thoughtvector/customer-support-on-twitter``).

Columns: ``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id`` (excerpts may add a leading index column). Customers are anonymised
to numeric ids; brands keep their screen names, so a brand is a non-numeric ``author_id`` of a
tweet that is not inbound. Parents come from ``in_response_to_tweet_id`` (written as a float,
``3.0``); thread roots are resolved by the store after import.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator

from brandcouch.importers.base import ImportContext, Importer, Item, Source
from brandcouch.importers.common import html_to_text, parse_time, str_id
from brandcouch.model import Account, BrandHint, Kind, Message

PLATFORM = "twitter"
_REQUIRED = ("tweet_id", "author_id", "inbound", "created_at", "text")
_MENTION = re.compile(r"@(\w{1,30})")


def sniff(source: Source, head: bytes) -> int:
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", "replace").lower()
    cols = {c.strip() for c in first.split(",")}
    return 95 if {"tweet_id", "author_id", "inbound", "created_at"} <= cols else 0


def read(source: Source, ctx: ImportContext) -> Iterator[Item]:
    seen_accounts: set[str] = set()
    brands: set[str] = set()
    csv.field_size_limit(10_000_000)
    with source.open_text() as f:
        reader = csv.DictReader(f)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ctx.fail("header", f"missing TWCS column(s): {', '.join(missing)}")
        line = 1
        try:
            for row in reader:
                line = reader.line_num
                ctx.read()
                msg = _message(row, line, ctx)
                if msg is None:
                    continue
                author = msg.author_native_id
                is_brand = row["inbound"].strip().lower() == "false" and not author.isdigit()
                if author not in seen_accounts:
                    seen_accounts.add(author)
                    yield Account(PLATFORM, author, handle=None if author.isdigit() else author)
                if is_brand and author not in brands:
                    brands.add(author)
                    yield BrandHint(author, PLATFORM, author)
                yield msg
        except UnicodeDecodeError as e:
            raise ctx.fail(f"line {line + 1}", f"not UTF-8 text: {e.reason}") from None
        except csv.Error as e:
            raise ctx.fail(f"line {reader.line_num}", f"broken CSV: {e}") from None


def _message(row: dict, line: int, ctx: ImportContext) -> Message | None:
    if None in row or any(row.get(c) is None for c in _REQUIRED):
        ctx.bad(f"line {line}", "wrong number of fields")
        return None
    try:
        tweet_id = str_id(row["tweet_id"])
        author = str_id(row["author_id"])
        created = parse_time(row["created_at"])
        parent = str_id(row.get("in_response_to_tweet_id"))
    except ValueError as e:
        ctx.bad(f"line {line}", str(e))
        return None
    if not tweet_id or not author:
        ctx.bad(f"line {line}", "empty tweet_id or author_id")
        return None
    if row["inbound"].strip().lower() not in ("true", "false"):
        ctx.bad(f"line {line}", f"inbound must be True or False, not {row['inbound']!r}")
        return None
    text = html_to_text(row["text"])
    mention = _MENTION.search(text)
    if parent:
        kind = Kind.REPLY
    elif mention:
        kind = Kind.MENTION
    else:
        kind = Kind.POST
    return Message(
        platform=PLATFORM,
        native_id=tweet_id,
        author_native_id=author,
        text=text,
        kind=kind,
        created_at=created,
        parent_native_id=parent,
        to_native_id=mention.group(1) if mention else None,
    )


IMPORTER = Importer(
    name="twcs",
    version="1",
    platform=PLATFORM,
    description="Customer Support on Twitter corpus CSV (Kaggle twcs.csv and excerpts)",
    sniff=sniff,
    read=read,
)
