"""The Customer Support on Twitter corpus (Kaggle ``thoughtvector/customer-support-on-twitter``).

Columns: ``tweet_id, author_id, inbound, created_at, text, response_tweet_id,
in_response_to_tweet_id`` (excerpts may add a leading index column). Customers are anonymised
to numeric ids; brands keep their screen names, so a brand is a non-numeric ``author_id`` of a
tweet that is not inbound. Parents come from ``in_response_to_tweet_id`` (written as a float,
``3.0``); thread roots are resolved by the store after import.

The corpus's tweet ids and customer ids are its own sequential numbers, not Twitter's: they
live in their own namespace, ``twitter:twcs:<id>`` (native id ``twcs:<id>``), so tweet ``1``
of the corpus never merges with a real tweet ``twitter:1`` from an API export. Brand accounts
keep their real handle, ``twitter:<handle>``, and meet the same brand's accounts from other
Twitter exports.

The full corpus has 2.8M rows, so this importer is vectorised: pyarrow's streaming CSV reader
hands over blocks of rows, and every field is mapped with Arrow compute functions.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from brandcouch.importers.base import ImportContext, Importer, Item, Source, TooLargeError, mib
from brandcouch.model import Batch, BrandHint

PLATFORM = "twitter"
#: the corpus's own id space (anonymised, sequential): ``twitter:twcs:<id>``
NAMESPACE = "twcs"
_REQUIRED = ("tweet_id", "author_id", "inbound", "created_at", "text")
_COLUMNS = (*_REQUIRED, "response_tweet_id", "in_response_to_tweet_id", "twcs_row_index")
_TIME = "%a %b %d %H:%M:%S %z %Y"
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&"))
_BLOCK = 8 << 20  # pyarrow's CSV block: no row may be longer (and max_record_mb caps it)
#: 0001-01-01 and 9999-12-31 23:59:59.999999 UTC in epoch microseconds (plain ints: a
#: timezone-aware pyarrow scalar would import pandas)
_TIME_MIN, _TIME_MAX = -62_135_596_800_000_000, 253_402_300_799_999_999


def sniff(source: Source, head: bytes) -> int:
    first = head.split(b"\n", 1)[0].decode("utf-8-sig", "replace").lower()
    cols = {c.strip() for c in first.split(",")}
    return 95 if {"tweet_id", "author_id", "inbound", "created_at"} <= cols else 0


def _ids(col: pa.Array) -> pa.Array:
    """``"3.0"`` → ``"3"``, ``""`` → null."""
    col = pc.utf8_trim_whitespace(col)
    col = pc.replace_substring_regex(col, pattern=r"^(\d+)\.0$", replacement=r"\1")
    return pc.if_else(pc.equal(col, ""), pa.scalar(None, pa.string()), col)


def _reply_count(col: pa.Array) -> pa.Array:
    """``response_tweet_id`` (``"2,3"``, ``""``) → how many replies the corpus says exist:
    the source's own evidence that a tweet was answered, even when the reply is not in the
    file (an excerpt cuts threads)."""
    return pc.count_substring_regex(col, pattern=r"[^,\s]+").cast(pa.int64())


def _mentions(ids: pa.Array, text: pa.Array) -> pa.Table:
    r"""Every ``@handle`` of every text (``@(\w{1,30})``, the rule of the first mention), one row
    per (message id, handle), vectorised: the texts are split at every "@", each piece after
    one starts with the handle it names."""
    pieces = pc.split_pattern(text, pattern="@")
    n_pieces = pc.list_value_length(pieces)
    flat = pc.list_flatten(pieces)
    owner = pc.list_parent_indices(pieces)
    # position of each piece in its text: the piece before the first "@" names no one
    starts = pc.subtract(pc.cumulative_sum(n_pieces), n_pieces)
    position = pc.subtract(pa.array(range(len(flat)), pa.int64()), pc.take(starts, owner))
    handle = pc.struct_field(pc.extract_regex(flat, pattern=r"^(?P<h>\w{1,30})"), "h")
    keep = pc.and_(pc.greater(position, 0), pc.is_valid(handle))
    return pa.table(
        {
            "message_id": pc.take(ids, pc.filter(owner, keep)),
            "platform": pa.repeat(PLATFORM, pc.sum(keep.cast(pa.int64())).as_py() or 0),
            "handle": pc.utf8_lower(pc.filter(handle, keep)),
        }
    )


def _prefixed(col: pa.Array) -> pa.Array:
    return pc.binary_join_element_wise(PLATFORM, col, ":")


def _corpus(col: pa.Array) -> pa.Array:
    """A corpus id (tweet, or anonymised customer) as a native id: ``3`` → ``twcs:3``."""
    return pc.binary_join_element_wise(NAMESPACE, col, ":")


def _account_native(col: pa.Array) -> pa.Array:
    """Numeric (anonymised customer) ids in the corpus namespace; brand handles as they are."""
    numeric = pc.fill_null(pc.match_substring_regex(col, pattern=r"^\d+$"), False)
    return pc.if_else(numeric, _corpus(col), col)


def _unescape(text: pa.Array) -> pa.Array:
    for entity, char in _ENTITIES:
        text = pc.replace_substring(text, entity, char)
    return text


def _invalid_rows(batch: pa.RecordBatch) -> tuple[pa.Array, dict[str, pa.Array]]:
    """A mask of broken rows and the parsed columns."""
    tweet_id, author = _ids(batch["tweet_id"]), _ids(batch["author_id"])
    inbound = pc.utf8_lower(pc.utf8_trim_whitespace(batch["inbound"]))
    raw_time = pc.utf8_trim_whitespace(batch["created_at"])
    created = pc.strptime(raw_time, format=_TIME, unit="us", error_is_null=True)
    # years 1-9999 in UTC only (what a datetime holds): "... -0500 9999" is year 10000 in UTC
    us = created.cast(pa.int64())
    in_range = pc.and_(pc.greater_equal(us, _TIME_MIN), pc.less_equal(us, _TIME_MAX))
    created = pc.if_else(in_range, created, pa.scalar(None, created.type))
    bad_time = pc.and_(pc.is_null(created), pc.not_equal(raw_time, ""))
    bad = pc.or_(
        pc.or_(pc.is_null(tweet_id), pc.is_null(author)),
        pc.or_(pc.invert(pc.is_in(inbound, pa.array(["true", "false"]))), bad_time),
    )
    cols = {"tweet_id": tweet_id, "author": author, "inbound": inbound, "created": created}
    return pc.fill_null(bad, True), cols


def _problem(batch: pa.RecordBatch, cols: dict, i: int) -> str:
    if cols["tweet_id"][i].as_py() is None or cols["author"][i].as_py() is None:
        return "empty tweet_id or author_id"
    if cols["inbound"][i].as_py() not in ("true", "false"):
        return f"inbound must be True or False, not {batch['inbound'][i].as_py()!r}"
    return f"unreadable or out-of-range time {_excerpt(batch['created_at'][i].as_py())}"


def _messages(batch: pa.RecordBatch, cols: dict) -> tuple[pa.Table, pa.Table]:
    n = batch.num_rows
    text = _unescape(batch["text"])
    parent = (
        _ids(batch["in_response_to_tweet_id"])
        if "in_response_to_tweet_id" in (batch.schema.names)
        else pa.nulls(n, pa.string())
    )
    mention = pc.struct_field(pc.extract_regex(text, pattern=r"@(?P<h>\w{1,30})"), "h")
    replies = (
        _reply_count(batch["response_tweet_id"])
        if "response_tweet_id" in batch.schema.names
        else pa.nulls(n, pa.int64())
    )
    kind = pc.if_else(
        pc.is_valid(parent), "reply", pc.if_else(pc.is_valid(mention), "mention", "post")
    )
    nulls_s, nulls_i = pa.nulls(n, pa.string()), pa.nulls(n, pa.int64())
    ids = _prefixed(_corpus(cols["tweet_id"]))
    messages = pa.table(
        {
            "id": ids,
            "platform": pa.repeat(PLATFORM, n),
            "native_id": _corpus(cols["tweet_id"]),
            "author_id": _prefixed(_account_native(cols["author"])),
            "created_at": cols["created"].cast(pa.timestamp("us")),
            "text": text,
            "kind": kind,
            "parent_id": _prefixed(_corpus(parent)),
            "root_id": nulls_s,
            "to_account_id": _prefixed(_account_native(mention)),
            "likes": nulls_i,
            "reposts": nulls_i,
            "replies": replies,
            "views": nulls_i,
            "quotes": nulls_i,  # the corpus has no counts
            "permalink": nulls_s,
            "title": nulls_s,
            "deleted": pa.repeat(False, n),
            "edited_at": pa.nulls(n, pa.timestamp("us")),
        }
    )
    return messages, _mentions(ids, text)


def _accounts(authors: pa.Array) -> pa.Table:
    authors = pc.unique(authors)
    n = len(authors)
    numeric = pc.match_substring_regex(authors, pattern=r"^\d+$")
    native = _account_native(authors)
    return pa.table(
        {
            "id": _prefixed(native),
            "platform": pa.repeat(PLATFORM, n),
            "native_id": native,
            "handle": pc.if_else(numeric, pa.scalar(None, pa.string()), authors),
            "display_name": pa.nulls(n, pa.string()),
            "followers": pa.nulls(n, pa.int64()),
            "bio": pa.nulls(n, pa.string()),
            "created_at": pa.nulls(n, pa.timestamp("us")),
        }
    )


def _excerpt(text: str | None, n: int = 40) -> str:
    text = (text or "").replace("\r", " ").replace("\n", " ")
    return repr(text if len(text) <= n else text[:n] + "…")


def _open(source: Source, ctx: ImportContext):
    broken: list[tuple[str, str]] = []

    def on_invalid(row) -> str:
        ref = f"line {row.number}" if row.number is not None else f"row {_excerpt(row.text)}"
        problem = f"expected {row.expected_columns} fields, found {row.actual_columns}"
        if ctx.skip_bad:
            ctx.read()
            ctx.bad(ref, problem)
            return "skip"
        broken.append((ref, problem))
        return "error"

    reader = pacsv.open_csv(
        source.open(ctx.limits),
        read_options=pacsv.ReadOptions(block_size=_block(ctx)),
        parse_options=pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=on_invalid),
        convert_options=pacsv.ConvertOptions(
            column_types={c: pa.string() for c in _COLUMNS}, strings_can_be_null=False
        ),
    )
    return reader, broken


def _block(ctx: ImportContext) -> int:
    return min(_BLOCK, ctx.limits.record)


def _located_error(ctx: ImportContext, e: Exception, broken: list[tuple[str, str]]):
    if broken:
        return ctx.fail(*broken[0])
    message = str(e).splitlines()[0] if str(e) else type(e).__name__
    if "straddling object" in message:  # one row longer than a whole block
        return TooLargeError(
            ctx.source.name,
            f"after record {ctx.report.records_read}",
            f"a CSV row is over {mib(_block(ctx))} (the TWCS block, at most max_record_mb)",
        )
    if "invalid UTF8" in message or isinstance(e, UnicodeDecodeError):
        return ctx.fail(None, f"not UTF-8 text (after record {ctx.report.records_read})")
    # "CSV parse error: Expected 7 columns, got 5: <row>" — a file cut inside a quoted field
    parts = message.split(": ", 2)
    if len(parts) == 3 and parts[1].startswith("Expected"):
        hint = " (the file looks truncated, or a quote is unbalanced)"
        return ctx.fail(f"row {_excerpt(parts[2])}", parts[1] + hint)
    return ctx.fail(None, f"{message} (after record {ctx.report.records_read})")


def read(source: Source, ctx: ImportContext) -> Iterator[Item]:
    brands: set[str] = set()
    broken: list[tuple[str, str]] = []
    try:
        reader, broken = _open(source, ctx)
        missing = [c for c in _REQUIRED if c not in reader.schema.names]
        if missing:
            raise ctx.fail("header", f"missing TWCS column(s): {', '.join(missing)}")
        offset = 0
        for batch in reader:
            rows = batch.num_rows
            ctx.read(rows)
            bad, cols = _invalid_rows(batch)
            if pc.any(bad).as_py():
                for i in pc.indices_nonzero(bad).to_pylist():
                    ctx.bad(offset + i + 1, _problem(batch, cols, i))  # "…, record 12: …"
                keep = pc.invert(bad)
                batch, cols = batch.filter(keep), {k: v.filter(keep) for k, v in cols.items()}
            offset += rows  # the rows of the file, bad ones included
            outbound = pc.equal(cols["inbound"], "false")
            named = pc.invert(pc.match_substring_regex(cols["author"], pattern=r"^\d+$"))
            for b in pc.unique(cols["author"].filter(pc.and_(outbound, named))).to_pylist():
                if b not in brands:
                    brands.add(b)
                    yield BrandHint(b, PLATFORM, b)
            messages, mentions = _messages(batch, cols)
            yield Batch(messages=messages, accounts=_accounts(cols["author"]), mentions=mentions)
    except (pa.ArrowInvalid, UnicodeDecodeError) as e:
        raise _located_error(ctx, e, broken) from None


IMPORTER = Importer(
    name="twcs",
    # 3: ids in the corpus namespace twitter:twcs:<id>; 4: replies from response_tweet_id,
    # every @mention in message_mentions
    version="4",
    platform=PLATFORM,
    description="Customer Support on Twitter corpus CSV (Kaggle twcs.csv and excerpts)",
    sniff=sniff,
    read=read,
)
