"""Helpers every importer shares: times to UTC, ids to strings, HTML to plain text, JSON loading."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser

from brandcouch.importers.base import ImportContext, Source

_TWITTER_TIME = "%a %b %d %H:%M:%S %z %Y"
_DIGITS = re.compile(r"^-?\d+(\.\d+)?$")


def parse_time(value, *, assume_utc: bool = True) -> datetime | None:
    """Parse a timestamp in any format sources use and return an aware UTC datetime or None.

    Accepts epoch seconds or milliseconds (int, float or digit string), ISO 8601 (with ``Z``,
    an offset or none), Twitter's ``Tue Oct 31 22:10:47 +0000 2017``, RFC 2822, and
    ``YYYY-MM-DD HH:MM:SS``. A naive time is taken as UTC. Raises ``ValueError`` when a non-empty
    value cannot be read.
    """
    if value is None or value == "" or value == 0 and not isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, int | float) or (isinstance(value, str) and _DIGITS.match(value)):
        x = float(value)
        if x > 1e11:  # milliseconds
            x /= 1000.0
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
                    raise ValueError(f"unreadable time {value!r}") from e
    else:
        raise ValueError(f"unreadable time {value!r}")
    if dt.tzinfo is None:
        if not assume_utc:
            raise ValueError(f"time without zone {value!r}")
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(UTC)


def optional_time(value) -> datetime | None:
    """:func:`parse_time` for fields that are nice to have (an account's creation date): an
    unreadable value is dropped instead of failing the record."""
    try:
        return parse_time(value)
    except ValueError:
        return None


def str_id(value) -> str | None:
    """An id as a string: ``3.0`` → ``"3"``, ``12`` → ``"12"``, empty/NaN → None."""
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
    if not s or s.lower() == "nan":
        return None
    if s.endswith(".0") and s[:-2].isdigit():
        return s[:-2]
    return s


def to_int(value) -> int | None:
    """A count as an int (sources give ints, digit strings, or nothing)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return int(value)
    try:
        return int(float(value))
    except (TypeError, ValueError):
        return None


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


def load_json(ctx: ImportContext, prefix_strip: bool = False):
    """Load a whole JSON document from the context's source; a broken one fails with the line and
    column. ``prefix_strip`` drops a JavaScript ``window.X = `` prefix (Twitter archives)."""
    try:
        with ctx.source.open() as f:
            raw = f.read()
        text = raw.decode("utf-8-sig")
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
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ctx.fail(f"line {e.lineno} col {e.colno}", f"invalid JSON: {e.msg}") from None


#: JSON files smaller than this whose first line is not one JSON value are read whole
_WHOLE_LIMIT = 512 * 2**20


def json_values(source: Source, ctx: ImportContext) -> Iterator[tuple[str, object]]:
    """Yield ``(ref, value)`` for every JSON value in ``source``: one per line for JSON Lines /
    NDJSON (streamed line by line, a broken line goes to ``ctx.bad``), or the whole document
    (``ref`` ``""``) when the first line is not a complete JSON value (pretty-printed JSON)."""
    whole = False
    lineno = 0
    first = True
    try:
        with source.open_text() as f:
            for lineno, line in enumerate(f, 1):  # noqa: B007 - lineno is read after the loop
                line = line.strip()
                if not line:
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    if first and (source.size or 0) < _WHOLE_LIMIT:
                        whole = True  # not one value per line: a pretty-printed document
                        break
                    ctx.read()
                    ctx.bad(f"line {lineno}", f"invalid JSON: {e.msg} (col {e.colno})")
                    continue
                first = False
                yield f"line {lineno}", obj
    except UnicodeDecodeError as e:
        raise ctx.fail(f"line {lineno + 1}", f"not UTF-8 text: {e.reason}") from None
    except OSError as e:  # a corrupt or truncated compressed stream
        raise ctx.fail(f"line {lineno + 1}", f"cannot read the file: {e}") from None
    except Exception as e:
        if type(e).__name__ == "ZstdError":
            raise ctx.fail(f"line {lineno + 1}", f"corrupt zstd stream: {e}") from None
        raise
    if whole:
        yield "", load_json(ctx)
