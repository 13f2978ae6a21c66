"""What every importer is and gets: a :class:`Source` to read, an :class:`ImportContext` to report
into, and the :class:`Importer` record each module exposes as ``IMPORTER``.

An importer is a generator: it yields :class:`~brandcouch.model.Account`,
:class:`~brandcouch.model.Message` and :class:`~brandcouch.model.BrandHint` items and never touches
the store. A broken record goes through :meth:`ImportContext.bad`, which raises
:class:`~brandcouch.errors.MalformedInputError` (file, record, problem) unless ``--skip-bad`` is on,
in which case the record is listed in the report and the importer goes on.

Size caps (settings ``max_record_mb``, ``max_document_mb``, ``max_expansion_ratio``,
``min_expansion_mb``; see :class:`Limits`) keep memory bounded by the largest *allowed* record
rather than by the largest record in the file: a zip member or ``.zst`` stream that decompresses
far beyond its compressed size is refused by :meth:`Source.open`, and the readers in
:mod:`brandcouch.importers.common` refuse an over-long line, row or document with
:class:`TooLargeError`. Every item an importer yields passes :func:`check_item` before it reaches
the store, so an empty id or author or an out-of-range value is a bad record, never a failed
write of the whole file.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from brandcouch import settings
from brandcouch.errors import ConfigError, MalformedInputError
from brandcouch.model import Account, Batch, BrandHint, Kind, Message

Item = Account | Message | BrandHint | Batch

#: how many bytes detection reads from the start of a file
HEAD_BYTES = 65536
MiB = 2**20


class TooLargeError(MalformedInputError):
    """A record, a document or a decompressed stream is over its configured cap
    (:class:`Limits`). Always names the file, where in it, and the setting to raise."""


@dataclass(frozen=True)
class Limits:
    """Size caps for one import, in bytes (from the ``max_*`` settings, docs/settings.md)."""

    record: int = 64 * MiB  # one JSON line, CSV row or XML item
    document: int = 512 * MiB  # a whole-document JSON file (tweets.js, a listing, an API page)
    expansion_ratio: int = 100  # decompressed bytes per compressed byte (zip members, .zst)
    expansion_floor: int = 64 * MiB  # what any compressed stream may decompress to

    @classmethod
    def from_settings(cls, config=None) -> Limits:
        """The caps of ``config`` (a :class:`brandcouch.settings.Config`; None: defaults and
        environment)."""
        values = {}
        for name in ("max_record_mb", "max_document_mb", "max_expansion_ratio", "min_expansion_mb"):
            v = settings.get(name, config=config)
            if v <= 0:
                raise ConfigError(f"setting {name}: {v!r} must be a positive number")
            values[name] = v
        return cls(
            record=values["max_record_mb"] * MiB,
            document=values["max_document_mb"] * MiB,
            expansion_ratio=values["max_expansion_ratio"],
            expansion_floor=values["min_expansion_mb"] * MiB,
        )

    def expansion_cap(self, compressed: int) -> int:
        return max(self.expansion_ratio * compressed, self.expansion_floor)


def mib(n: int) -> str:
    """A size for a message: ``64 MiB``, ``1.5 MiB``, ``261 KiB``."""
    if n >= MiB:
        v = n / MiB
        return f"{v:.0f} MiB" if v == int(v) or v >= 10 else f"{v:.1f} MiB"
    return f"{max(n // 1024, 1)} KiB" if n >= 1024 else f"{n} bytes"


class _ExpansionCap(io.RawIOBase):
    """Counts the bytes a decompressing stream gives and refuses more than ``cap`` of them."""

    def __init__(self, raw: BinaryIO, name: str, compressed: int, limits: Limits):
        super().__init__()
        self._raw = raw
        self._name = name
        self._compressed = compressed
        self._limits = limits
        self._cap = limits.expansion_cap(compressed)
        self.total = 0

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        want = len(b)
        if self.total + want > self._cap + 1:  # never decompress more than one byte past it
            want = max(self._cap + 1 - self.total, 1)
        data = self._raw.read(want)
        n = len(data)
        b[:n] = data
        self.total += n
        if self.total > self._cap:
            lim = self._limits
            raise TooLargeError(
                self._name,
                None,
                f"refused: decompresses to over {mib(self._cap)} from {mib(self._compressed)}, "
                f"more than {lim.expansion_ratio}x its compressed size (max_expansion_ratio; "
                f"min_expansion_mb {lim.expansion_floor // MiB}): a zip or zstd bomb?",
            )
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


@dataclass(frozen=True)
class Source:
    """A file to import: on disk, inside a ``.zip``, or ``.zst``-compressed (read transparently)."""

    name: str  # shown to users: a path, or "archive.zip!data/tweets.js"
    opener: Callable[[], BinaryIO]
    size: int | None = None
    siblings: Callable[[str], Source | None] | None = None
    #: bytes stored on disk for a compressed source (a zip member, a ``.zst`` file): what its
    #: decompressed size is bounded by (:class:`Limits`); None for a plain file
    compressed_size: int | None = None
    #: the size caps of the import this source belongs to (``iter_sources(path, limits)``), also
    #: for its siblings; None: the settings' defaults and environment
    limits: Limits | None = None

    @property
    def filename(self) -> str:
        """The file's own name without folders and without a trailing ``.zst``."""
        base = self.name.rsplit("!", 1)[-1].replace("\\", "/").rsplit("/", 1)[-1]
        return base[:-4] if base.lower().endswith(".zst") else base

    def with_limits(self, limits: Limits | None) -> Source:
        """This source carrying ``limits`` (see :attr:`limits`); itself when None."""
        return self if limits is None or limits == self.limits else replace(self, limits=limits)

    def caps(self, limits: Limits | None = None) -> Limits:
        """The caps that apply: ``limits``, else the source's own, else the settings'."""
        return limits or self.limits or Limits.from_settings()

    def open(self, limits: Limits | None = None) -> BinaryIO:
        """The file's bytes, decompressed; a compressed source may not expand beyond
        ``limits.expansion_cap(compressed_size)`` (:class:`TooLargeError` when it does);
        ``limits`` defaults to :meth:`caps`."""
        raw = self.opener()
        if self.name.lower().endswith(".zst"):
            import zstandard

            raw = zstandard.ZstdDecompressor(max_window_size=2**31).stream_reader(raw, closefd=True)
        if self.compressed_size is None:
            return raw
        capped = _ExpansionCap(raw, self.name, self.compressed_size, self.caps(limits))
        return io.BufferedReader(capped, buffer_size=1 << 16)

    def head(self, n: int = HEAD_BYTES) -> bytes:
        with self.open(Limits()) as f:  # n bytes: far below any expansion cap
            try:
                return f.read(n)
            except Exception:  # a corrupt .zst: let the importer report it
                return b""

    def open_text(self, limits: Limits | None = None) -> io.TextIOWrapper:
        """Text stream, UTF-8 (a BOM is dropped); decoding errors raise ``UnicodeDecodeError``."""
        return io.TextIOWrapper(self.open(limits), encoding="utf-8-sig", newline="")

    def sibling(self, filename: str) -> Source | None:
        """Another file in the same folder (or zip folder), e.g. ``manifest.js`` beside
        ``tweets.js``; it carries this source's :attr:`limits`."""
        other = self.siblings(filename) if self.siblings else None
        return other.with_limits(self.limits) if other is not None else None

    @classmethod
    def from_path(cls, path: Path) -> Source:
        path = Path(path)

        def sib(name: str) -> Source | None:
            p = path.parent / name
            return cls.from_path(p) if p.is_file() else None

        size = path.stat().st_size
        compressed = size if path.name.lower().endswith(".zst") else None
        return cls(str(path), lambda: open(path, "rb"), size, sib, compressed)

    @classmethod
    def from_zip(cls, zip_path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Source:
        folder = info.filename.rsplit("/", 1)[0] + "/" if "/" in info.filename else ""

        def sib(name: str) -> Source | None:
            target = posixpath.normpath(folder + name)  # "data/../manifest.js" → "manifest.js"
            if target.startswith("../"):
                return None
            try:
                other = zf.getinfo(target)
            except KeyError:
                return None
            return cls.from_zip(zip_path, zf, other)

        return cls(
            f"{zip_path}!{info.filename}",
            lambda: zf.open(info),
            info.file_size,
            sib,
            info.compress_size,
        )


@dataclass
class ImportReport:
    """What happened to one file: counted, never silent."""

    file: str
    format: str = "?"
    records_read: int = 0
    imported: int = 0
    duplicates: int = 0
    updated: int = 0
    accounts: int = 0
    brands: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (record, reason)
    #: valid records that are never messages, counted quietly by what they are
    #: (``{"'more' stubs": 12}``, ``{"attachments": 3}``): not reported as skipped records
    ignored: dict[str, int] = field(default_factory=dict)
    status: str = "imported"  # imported | skipped (not an export) | failed
    error: str | None = None

    def as_dict(self) -> dict:
        return {
            "file": self.file,
            "format": self.format,
            "status": self.status,
            "records_read": self.records_read,
            "imported": self.imported,
            "duplicates": self.duplicates,
            "updated": self.updated,
            "skipped": len(self.skipped),
            "skipped_records": [{"record": r, "reason": why} for r, why in self.skipped],
            "ignored": dict(self.ignored),
            "brands": self.brands,
            "error": self.error,
        }


@dataclass
class ImportContext:
    """Handed to an importer: where it reads from, whether to skip bad records, what to count."""

    source: Source
    report: ImportReport
    skip_bad: bool = False
    #: format-specific options, e.g. the generic importer's column mapping
    options: dict = field(default_factory=dict)
    #: size caps (from the settings when not given)
    limits: Limits = field(default_factory=Limits.from_settings)
    #: the record being read (its line, index or id), named by errors that have no better place
    current: str | None = None

    def read(self, n: int = 1, ref: str | None = None) -> None:
        """Count ``n`` records read; ``ref`` names the one now being read (without it, the
        record named so far, e.g. the JSON line these records are in, stays named)."""
        self.report.records_read += n
        if ref is not None:
            self.current = ref

    def at(self, ref: str | None) -> None:
        """Name the record now being read (for errors raised while reading it)."""
        self.current = ref

    def where(self) -> str | int:
        """The record being read: its name when the importer gave one, else its number."""
        return self.current if self.current is not None else max(self.report.records_read, 1)

    def bad(self, record: str | int | None, problem: str) -> None:
        """A broken record: raise (default) or, with ``--skip-bad``, list it and go on."""
        if not self.skip_bad:
            raise MalformedInputError(self.source.name, record, problem)
        self.report.skipped.append((str(record), problem))

    def skip(self, record: str | int | None, reason: str) -> None:
        """A valid record that is deliberately not imported (a pingback, a `more` stub, ...)."""
        self.report.skipped.append((str(record), reason))

    def ignore(self, what: str, n: int = 1) -> None:
        """Count ``n`` valid records that are never messages (``"'more' stubs"``) quietly."""
        self.report.ignored[what] = self.report.ignored.get(what, 0) + n

    def fail(self, record: str | int | None, problem: str) -> MalformedInputError:
        """A problem that makes the rest of the file unreadable (truncated JSON, bad XML)."""
        return MalformedInputError(self.source.name, record, problem)


@dataclass(frozen=True)
class Importer:
    """A source format. ``sniff`` returns a confidence 0-100 from the head bytes and the source
    (0 = not this format); ``read`` yields items."""

    name: str
    version: str
    platform: str
    description: str
    sniff: Callable[[Source, bytes], int]
    read: Callable[[Source, ImportContext], Iterator[Item]]

    def __post_init__(self) -> None:
        if not getattr(self.read, "_checked", False):
            object.__setattr__(self, "read", _checked(self.read))


# --------------------------------------------------------------------------------------------
# every yielded item is checked before it reaches the store

_INT64 = 2**63 - 1
_KINDS = frozenset(k.value for k in Kind)


def _bad_str(value, what: str, required: bool = False) -> str | None:
    if value is None:
        return f"{what} is empty" if required else None
    if not isinstance(value, str):
        return f"{what} is {type(value).__name__}, not a string"
    if required and not value.strip():
        return f"{what} is empty"
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return f"{what} is not valid Unicode (a lone surrogate)"
    return None


def _bad_int(value, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, int):
        return f"{what} is {type(value).__name__}, not a count"
    if not -_INT64 <= value <= _INT64:
        return f"{what} {str(value)[:30]} is out of range"
    return None


def _bad_time(value, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, datetime):
        return f"{what} is {type(value).__name__}, not a time"
    try:
        value.astimezone(UTC)
    except (OverflowError, ValueError, OSError):
        return f"{what} {value.isoformat()} is out of range"
    return None


def _fine_str(s) -> bool:
    return s is None or (type(s) is str and (s.isascii() or _bad_str(s, "") is None))


def _fine_id(s) -> bool:
    return type(s) is str and s != "" and not s.isspace() and (s.isascii() or _fine_str(s))


def _fine_int(n) -> bool:
    return n is None or (type(n) is int and -_INT64 <= n <= _INT64)


def _fine_time(t) -> bool:
    return t is None or (type(t) is datetime and t.tzinfo is UTC)


def _fine_mentions(hs) -> bool:
    return type(hs) is tuple and all(type(h) is str and h != "" and _fine_str(h) for h in hs)


def _fine(item) -> bool:
    """The common case, quickly: every field of the usual type and range."""
    if type(item) is Message:
        return (
            _fine_id(item.native_id)
            and _fine_id(item.author_native_id)
            and _fine_id(item.platform)
            and item.kind in _KINDS
            and _fine_str(item.text)
            and _fine_str(item.parent_native_id)
            and _fine_str(item.root_native_id)
            and _fine_str(item.to_native_id)
            and _fine_str(item.permalink)
            and _fine_str(item.title)
            and _fine_int(item.likes)
            and _fine_int(item.reposts)
            and _fine_int(item.replies)
            and _fine_int(item.views)
            and _fine_int(item.quotes)
            and _fine_time(item.created_at)
            and _fine_time(item.edited_at)
            and _fine_mentions(item.mentions)
        )
    if type(item) is Account:
        return (
            _fine_id(item.native_id)
            and _fine_id(item.platform)
            and _fine_str(item.handle)
            and _fine_str(item.display_name)
            and _fine_str(item.bio)
            and _fine_int(item.followers)
            and _fine_time(item.created_at)
        )
    return False


def check_item(item) -> str | None:
    """Why ``item`` cannot be stored (an empty id or author, an out-of-range count or time, a
    value of the wrong type), or None when it can."""
    if _fine(item):
        return None
    if isinstance(item, Message):
        problems = (
            _bad_str(item.platform, "platform", True),
            _bad_str(item.native_id, "id", True),
            _bad_str(item.author_native_id, "author", True),
            None if item.kind in _KINDS else f"kind {str(item.kind)[:30]!r} is not a message kind",
            _bad_str(item.text, "text"),
            _bad_str(item.parent_native_id, "parent id"),
            _bad_str(item.root_native_id, "root id"),
            _bad_str(item.to_native_id, "addressee id"),
            _bad_str(item.permalink, "permalink"),
            _bad_str(item.title, "title"),
            _bad_int(item.likes, "likes"),
            _bad_int(item.reposts, "reposts"),
            _bad_int(item.replies, "replies"),
            _bad_int(item.views, "views"),
            _bad_int(item.quotes, "quotes"),
            _bad_time(item.created_at, "time"),
            _bad_time(item.edited_at, "edit time"),
            None if _fine_mentions(item.mentions) else "mentions are not a tuple of handles",
        )
    elif isinstance(item, Account):
        problems = (
            _bad_str(item.platform, "account platform", True),
            _bad_str(item.native_id, "account id", True),
            _bad_str(item.handle, "handle"),
            _bad_str(item.display_name, "display name"),
            _bad_str(item.bio, "bio"),
            _bad_int(item.followers, "followers"),
            _bad_time(item.created_at, "account creation time"),
        )
    elif isinstance(item, BrandHint):
        problems = (
            _bad_str(item.brand, "brand name", True),
            _bad_str(item.platform, "brand platform", True),
            _bad_str(item.native_id, "brand account id", True),
        )
    else:
        return None
    return next((p for p in problems if p), None)


def _checked(read: Callable[[Source, ImportContext], Iterator[Item]]):
    """``read`` with every item passed through :func:`check_item`: a broken one is a bad record
    (named by the importer's current record, else by its id)."""

    @functools.wraps(read)
    def checked(source: Source, ctx: ImportContext) -> Iterator[Item]:
        for item in read(source, ctx):
            problem = check_item(item)
            if problem is None:
                yield item
                continue
            nid = getattr(item, "native_id", None)
            if ctx.current is not None:
                ref: str | int = ctx.current
            elif isinstance(nid, str) and nid.strip():
                ref = f"id {nid[:80]}"
            else:
                ref = ctx.where()
            ctx.bad(ref, problem)

    checked._checked = True  # type: ignore[attr-defined]
    return checked
