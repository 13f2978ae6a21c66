"""Helpers every importer shares: times to UTC, ids to strings, HTML to plain text, JSON loading,
and readers that never hold more than one capped record (:class:`~brandcouch.importers.base.Limits`)
in memory: :func:`capped_lines` (JSON Lines, CSV), :func:`read_document` (whole-document JSON),
:func:`json_values` (either), :class:`RecordCap` (XML)."""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import BinaryIO

from brandcouch.errors import BrandcouchError
from brandcouch.importers.base import ImportContext, Source, TooLargeError, mib

_TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"
_DIGITS = re.compile(r"^-?\d+(\.\d+)?$")
#: epoch seconds of 0001-01-01 and 9999-12-31 23:59:59 UTC: what a datetime (and the store) holds
_EPOCH_MIN, _EPOCH_MAX = -62_135_596_800, 253_402_300_799


def _show(value, n: int = 60) -> str:
    """``repr(value)`` cut to ``n`` characters (data can be a 100,000-character token)."""
    r = repr(value)
    return r if len(r) <= n else r[: n - 1] + "…"


def parse_time(value, *, assume_utc: bool = True) -> datetime | None:
    """Parse a timestamp in any format sources use and return an aware UTC datetime or None.

    Accepts epoch seconds or milliseconds (int, float or digit string), ISO 8601 (with ``Z``,
    an offset or none), Twitter's ``Tue Oct 31 22:10:47 +0000 2017``, RFC 2822, and
    ``YYYY-MM-DD HH:MM:SS``. A naive time is taken as UTC. Raises ``ValueError`` when a non-empty
    value cannot be read, and when it is outside years 1-9999 in UTC (``99999999999999999999``,
    ``9999-12-31T23:59:59-05:00``): never ``OverflowError`` or ``OSError``.
    """
    try:
        return _parse_time(value, assume_utc)
    except (OverflowError, OSError):
        raise ValueError(f"time out of range {_show(value)}") from None


def _parse_time(value, assume_utc: bool) -> datetime | None:
    if value is None or value == "" or value == 0 and not isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, int | float) or (isinstance(value, str) and _DIGITS.match(value)):
        x = float(value)
        if x > 1e11:  # milliseconds
            x /= 1000.0
        if not (math.isfinite(x) and _EPOCH_MIN <= x <= _EPOCH_MAX):
            raise ValueError(f"time out of range {_show(value)}")
        dt = datetime.fromtimestamp(x, UTC)
    elif isinstance(value, str):
        s = value.strip()
        if s.startswith("0000-00-00"):
            return None
        try:
            dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            try:
                dt = datetime.strptime(s, _TWITTER_TIME)
            except ValueError:
                try:
                    dt = parsedate_to_datetime(s)
                except (TypeError, ValueError, IndexError) as e:
                    raise ValueError(f"unreadable time {_show(value)}") from e
    else:
        raise ValueError(f"unreadable time {_show(value)}")
    if dt.tzinfo is None:
        if not assume_utc:
            raise ValueError(f"time without zone {_show(value)}")
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)  # OverflowError past 9999-12-31 UTC: out of range


def optional_time(value) -> datetime | None:
    """:func:`parse_time` for fields that are nice to have (an account's creation date): an
    unreadable value is dropped instead of failing the record."""
    try:
        return parse_time(value)
    except ValueError:
        return None


def str_id(value) -> str | None:
    """An id as a string: ``3.0`` → ``"3"``, ``12`` → ``"12"``, empty or a float NaN → None.
    The *strings* ``"nan"``, ``"NaN"``, ``"None"``, ``"null"`` are ids like any other (a user
    may be called "nan")."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"not an id: {value!r}")
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if value.is_integer():
            return str(int(value))
        raise ValueError(f"not an id: {value!r}")
    s = str(value).strip()
    if not s:
        return None
    if s.endswith(".0") and s[:-2].isdigit():
        return s[:-2]
    return s


_INT64 = 2**63 - 1


def mention_handles(names: Iterable) -> tuple[str, ...]:
    """The handles a message names, for ``Message.mentions``: strings only, without a leading
    "@", first spelling kept, each once (the store lower-cases them)."""
    out: dict[str, str] = {}
    for name in names:
        if isinstance(name, str):
            h = name.strip().lstrip("@").strip()
            if h and h.isprintable():
                out.setdefault(h.lower(), h)
    return tuple(out.values())


def to_int(value) -> int | None:
    """A count as an int (sources give ints, digit strings, or nothing); what is not a count
    that a 64-bit column holds (``"1e400"``, ``2**70``, NaN) is None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    try:
        n = value if isinstance(value, int) else int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None
    return n if -_INT64 <= n <= _INT64 else None


def guarded(ctx: ImportContext, ref, produce: Callable[..., Iterable], *args, **kw) -> list:
    """The items of one record, ``produce(*args, **kw)``, or none after ``ctx.bad`` when the
    record has an unexpected
    shape (a field of the wrong type raising ``TypeError``/``AttributeError``/...): under
    ``--skip-bad`` such a record is skipped, never the whole file."""
    try:
        return list(produce(*args, **kw))
    except BrandcouchError:
        raise
    except ValueError as e:  # the helpers' own messages: an unreadable time, a bad id
        ctx.bad(ref, str(e))
        return []
    except (TypeError, AttributeError, KeyError, IndexError, OverflowError) as e:
        ctx.bad(ref, f"unexpected shape ({type(e).__name__}: {str(e)[:200]})")
        return []
    except RecursionError:
        ctx.bad(ref, "nested too deeply")
        return []


class _TextExtractor(HTMLParser):
    _BLOCK = {"p", "br", "div", "li", "blockquote", "tr", "h1", "h2", "h3", "h4", "pre"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


_WS = re.compile(r"[ \t\r\f\v]+")
_NL = re.compile(r"\n\s*\n+")


def html_to_text(value: str | None) -> str:
    """Markup and entities to plain text (script/style dropped, blocks become line breaks)."""
    if not value:
        return ""
    if "<" not in value and "&" not in value:
        return value.strip()
    if "<" not in value:
        return html.unescape(value).strip()
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    text = "".join(parser.parts)
    text = "\n".join(_WS.sub(" ", line).strip() for line in text.split("\n"))
    return _NL.sub("\n\n", text).strip()


def _too_large(ctx: ImportContext, ref, cap: int, what: str, setting: str) -> TooLargeError:
    return TooLargeError(ctx.source.name, ref, f"{what} is over {mib(cap)} ({setting})")


def read_document(ctx: ImportContext, source: Source | None = None) -> bytes:
    """The whole file's bytes, at most ``max_document_mb`` of them (else a located
    :class:`TooLargeError`): for formats that are one JSON document."""
    source = source or ctx.source
    cap = ctx.limits.document
    with source.open(ctx.limits) as f:
        raw = f.read(cap + 1)
    if len(raw) > cap:
        raise _too_large(ctx, None, cap, "the document", "max_document_mb")
    return raw


def load_json(ctx: ImportContext, prefix_strip: bool = False, object_pairs_hook=None):
    """Load a whole JSON document from the context's source; a broken one fails with the line and
    column. ``prefix_strip`` drops a JavaScript ``window.X = `` prefix (Twitter archives)."""
    try:
        text = read_document(ctx).decode("utf-8-sig")
    except BrandcouchError:
        raise
    except UnicodeDecodeError as e:
        raise ctx.fail(None, f"not UTF-8 text (byte {e.start}): {e.reason}") from None
    except Exception as e:  # corrupt compressed stream, unreadable zip member
        raise ctx.fail(None, f"cannot read the file: {e}") from None
    if prefix_strip:
        eq = text.find("=")
        if eq < 0:
            raise ctx.fail(None, "no `window.YTD... =` assignment found")
        text = text[eq + 1 :].strip().rstrip(";")
    try:
        return json_loads(text, object_pairs_hook=object_pairs_hook)
    except json.JSONDecodeError as e:
        raise ctx.fail(f"line {e.lineno} col {e.colno}", f"invalid JSON: {e.msg}") from None
    except RecursionError:
        raise ctx.fail(None, "invalid JSON: nested too deeply") from None


def _big_int(digits: str) -> int | str:
    return int(digits) if len(digits) < 4000 else digits


def json_loads(text: str, **kw):
    """``json.loads``, except that an integer too long for Python (4300+ digits: a hostile id or
    count) stays its digit string instead of failing the whole document."""
    try:
        return json.loads(text, **kw)
    except json.JSONDecodeError:
        raise
    except ValueError as e:
        if "integer string conversion" not in str(e):
            raise
        return json.loads(text, parse_int=_big_int, **kw)


_CHUNK = 1 << 20


class OverlongLine:
    """Marks a line over the cap in :func:`capped_lines` (its bytes were never held)."""

    __slots__ = ("size",)

    def __init__(self, size: int):
        self.size = size  # bytes read of it before giving up (at least the cap)


def capped_lines(
    f: BinaryIO, cap: int, first_cap: int | None = None
) -> Iterator[bytes | OverlongLine]:
    """The lines of a binary stream (each with its ``\\n``), never holding more than ``cap``
    bytes of one (``first_cap`` for the first line): a longer line is yielded as an
    :class:`OverlongLine` and the stream is then skipped, unbuffered, to the next newline."""
    buf = bytearray()
    pos = 0
    limit = cap if first_cap is None else first_cap
    while True:
        nl = buf.find(b"\n", pos)
        if nl >= 0 and nl - pos < limit:
            with memoryview(buf) as view:
                line = bytes(view[pos : nl + 1])  # one copy (a bytearray slice is two)
            yield line
            pos = nl + 1
            limit = cap
            continue
        if len(buf) - pos >= limit:  # no newline within the cap: give up on this line
            size = len(buf) - pos
            del buf[:]
            pos = 0
            while True:
                data = f.read(_CHUNK)
                if not data:
                    break
                nl = data.find(b"\n")
                if nl >= 0:
                    size += nl
                    buf += data[nl + 1 :]
                    break
                size += len(data)
            yield OverlongLine(size)
            limit = cap
            continue
        if pos:
            del buf[:pos]
            pos = 0
        data = f.read(_CHUNK)
        if not data:
            if buf:
                yield bytes(buf)
            return
        buf += data


class Undecodable:
    """The first line of :func:`text_lines` (``defer_first``) when it is not UTF-8."""

    def __init__(self, error: UnicodeDecodeError):
        self.problem = f"not UTF-8 text (byte {error.start} of the line): {error.reason}"


def text_lines(
    source: Source, ctx: ImportContext, first_cap: int | None = None, defer_first: bool = False
) -> Iterator[tuple[int, str | Undecodable | None]]:
    """``(line number, text)`` for every line of ``source`` (UTF-8, a BOM dropped), each at most
    ``max_record_mb``. An over-long or non-UTF-8 line goes to ``ctx.bad`` (skipped under
    ``--skip-bad``, else a located error) and is yielded as ``(n, None)``; with
    ``defer_first``, a first non-blank line that is not UTF-8 is yielded as :class:`Undecodable`
    for the caller to judge (a whole document in another encoding is not a bad line)."""
    cap = ctx.limits.record
    blank = True
    with source.open(ctx.limits) as f:
        for n, line in enumerate(capped_lines(f, cap, first_cap), 1):
            if isinstance(line, OverlongLine):
                ctx.read(ref=f"line {n}")
                limit = first_cap if n == 1 and first_cap else cap
                setting = "max_document_mb" if limit != cap else "max_record_mb"
                if not ctx.skip_bad:
                    raise _too_large(ctx, f"line {n}", limit, "the record", setting)
                ctx.bad(f"line {n}", f"the record is over {mib(limit)} ({setting}): skipped unread")
                yield n, None
                continue
            if n == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            try:
                text = line.decode("utf-8")
            except UnicodeDecodeError as e:
                if defer_first and blank:
                    blank = False
                    yield n, Undecodable(e)
                    continue
                blank = False
                ctx.read(ref=f"line {n}")
                ctx.bad(f"line {n}", Undecodable(e).problem)
                yield n, None
                continue
            blank = blank and text.isspace()
            yield n, text


def _loads_line(line: str):
    """A JSON value from one line, or the reason it is not one."""
    try:
        return json_loads(line), None
    except json.JSONDecodeError as e:
        return None, f"invalid JSON: {e.msg} (col {e.colno})"
    except RecursionError:
        return None, "invalid JSON: nested too deeply"


def json_values(
    source: Source, ctx: ImportContext, *, whole_ref: str = "", empty_fails: bool = False
) -> Iterator[tuple[str, object]]:
    """Yield ``(ref, value)`` for every JSON value in ``source``: one per line for JSON Lines /
    NDJSON (streamed line by line, each line at most ``max_record_mb``; a broken or over-long
    line goes to ``ctx.bad``), or the whole document (``ref`` ``whole_ref``, at most
    ``max_document_mb``) when the first line is not a complete JSON value (pretty-printed JSON).
    The first line may be a whole one-line document, so it may be as long as a document, unless
    the file is bigger than ``max_document_mb`` (then it can only be JSON Lines)."""
    lim = ctx.limits
    first_cap = lim.document if (source.size or 0) <= lim.document else lim.record
    whole = False
    lineno = 0
    first = True
    try:
        for lineno, line in text_lines(source, ctx, first_cap, defer_first=True):  # noqa: B007
            if line is None:
                first = False
                continue
            if isinstance(line, Undecodable):
                obj, problem = None, line.problem
            elif not line.strip():
                continue
            else:
                obj, problem = _loads_line(line)
            if problem is not None:
                if first and (source.size or 0) <= lim.document:
                    whole = True  # not one value per line: a pretty-printed document
                    break
                ctx.read(ref=f"line {lineno}")
                ctx.bad(f"line {lineno}", problem)
                first = False
                continue
            first = False
            ctx.at(f"line {lineno}")
            yield f"line {lineno}", obj
    except OSError as e:  # a corrupt or truncated compressed stream
        raise ctx.fail(f"line {lineno + 1}", f"cannot read the file: {e}") from None
    except Exception as e:
        if type(e).__name__ == "ZstdError":
            raise ctx.fail(f"line {lineno + 1}", f"corrupt zstd stream: {e}") from None
        raise
    if whole:
        ctx.at(whole_ref or None)
        yield whole_ref, load_json(ctx)
    elif first and empty_fails:
        raise ctx.fail(None, "empty file: no JSON")


class RecordCap:
    """A binary stream for a streaming XML parser that refuses more than ``max_record_mb`` read
    since the last :meth:`mark` (the end of the previous record): one XML element is never
    held whole beyond the cap. :meth:`mark` after each record; ``label`` names the next one."""

    def __init__(self, f: BinaryIO, ctx: ImportContext):
        self._f = f
        self._ctx = ctx
        self.pos = 0
        self._mark = 0
        self.label: str | None = None

    def mark(self, label: str | None = None) -> None:
        self._mark = self.pos
        self.label = label

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            return b"".join(iter(lambda: self.read(_CHUNK), b""))
        data = self._f.read(n)
        self.pos += len(data)
        cap = self._ctx.limits.record
        if self.pos - self._mark > cap:
            where = self.label or f"after record {self._ctx.report.records_read}"
            raise TooLargeError(
                self._ctx.source.name,
                where,
                f"an XML element over {mib(cap)} (max_record_mb), from byte {self._mark}",
            )
        return data
