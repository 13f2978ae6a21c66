"""What every importer is and gets: a :class:`Source` to read, an :class:`ImportContext` to report
into, and the :class:`Importer` record each module exposes as ``IMPORTER``.

An importer is a generator: it yields :class:`~brandcouch.model.Account`,
:class:`~brandcouch.model.Message` and :class:`~brandcouch.model.BrandHint` items and never touches
the store. A broken record goes through :meth:`ImportContext.bad`, which raises
:class:`~brandcouch.errors.MalformedInputError` (file, record, problem) unless ``--skip-bad`` is on,
in which case the record is listed in the report and the importer goes on.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from brandcouch.errors import MalformedInputError
from brandcouch.model import Account, Batch, BrandHint, Message

Item = Account | Message | BrandHint | Batch

#: how many bytes detection reads from the start of a file
HEAD_BYTES = 65536


@dataclass(frozen=True)
class Source:
    """A file to import: on disk, inside a ``.zip``, or ``.zst``-compressed (read transparently)."""

    name: str  # shown to users: a path, or "archive.zip!data/tweets.js"
    opener: Callable[[], BinaryIO]
    size: int | None = None
    siblings: Callable[[str], Source | None] | None = None

    @property
    def filename(self) -> str:
        """The file's own name without folders and without a trailing ``.zst``."""
        base = self.name.rsplit("!", 1)[-1].replace("\\", "/").rsplit("/", 1)[-1]
        return base[:-4] if base.lower().endswith(".zst") else base

    def open(self) -> BinaryIO:
        raw = self.opener()
        if self.name.lower().endswith(".zst"):
            import zstandard

            return zstandard.ZstdDecompressor(max_window_size=2**31).stream_reader(
                raw, closefd=True
            )
        return raw

    def head(self, n: int = HEAD_BYTES) -> bytes:
        with self.open() as f:
            try:
                return f.read(n)
            except Exception:  # a corrupt .zst: let the importer report it
                return b""

    def open_text(self) -> io.TextIOWrapper:
        """Text stream, UTF-8 (a BOM is dropped); decoding errors raise ``UnicodeDecodeError``."""
        return io.TextIOWrapper(self.open(), encoding="utf-8-sig", newline="")

    def sibling(self, filename: str) -> Source | None:
        """Another file in the same folder (or zip folder), e.g. ``manifest.js`` beside ``tweets.js``."""
        return self.siblings(filename) if self.siblings else None

    @classmethod
    def from_path(cls, path: Path) -> Source:
        path = Path(path)

        def sib(name: str) -> Source | None:
            p = path.parent / name
            return cls.from_path(p) if p.is_file() else None

        return cls(str(path), lambda: open(path, "rb"), path.stat().st_size, sib)

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

        return cls(f"{zip_path}!{info.filename}", lambda: zf.open(info), info.file_size, sib)


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

    def read(self, n: int = 1) -> None:
        """Count ``n`` records read."""
        self.report.records_read += n

    def bad(self, record: str | int | None, problem: str) -> None:
        """A broken record: raise (default) or, with ``--skip-bad``, list it and go on."""
        if not self.skip_bad:
            raise MalformedInputError(self.source.name, record, problem)
        self.report.skipped.append((str(record), problem))

    def skip(self, record: str | int | None, reason: str) -> None:
        """A valid record that is deliberately not imported (a pingback, a `more` stub, ...)."""
        self.report.skipped.append((str(record), reason))

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
