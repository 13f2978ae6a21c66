"""Find the sources under a path (file, folder, ``.zip``) and sniff each one's format by content."""

from __future__ import annotations

import os
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from brandcouch.errors import ConfigError, UnknownFormatError, UnreadableSourceError
from brandcouch.importers.base import Importer, Limits, Source
from brandcouch.importers.registry import importers

#: files that are never exports: reported as skipped when met inside a folder or zip
_DOC_SUFFIXES = {".md", ".txt", ".rst", ".html", ".htm", ".png", ".jpg", ".jpeg", ".gif", ".pdf"}


@dataclass(frozen=True)
class SkippedPath:
    """An entry inside a folder that is deliberately not read (a FIFO, a broken symbolic link, a
    symlinked or unreadable folder, a symlink leading outside the folder), with the reason."""

    name: str
    reason: str


def _kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is; None for a regular file or a folder."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _why(e: OSError) -> str:
    return e.strerror or type(e).__name__


def iter_sources(path: str | Path, limits: Limits | None = None) -> Iterator[Source | SkippedPath]:
    """Every file under ``path``: the file itself, a folder's files (sorted, recursive), or a
    ``.zip``'s members. Hidden files are left out. Each source carries ``limits`` (the import's
    size caps, ``Limits.from_settings(config)``), and so do its siblings.

    A path given directly must be a regular file, a folder or a zip (a FIFO, a socket or a device
    raises :class:`UnreadableSourceError`; a symlink to a file is followed: it was named).
    Inside a folder, symbolic links are never followed out of it: FIFOs, sockets, devices, broken
    symlinks, symlinked folders, unreadable folders and symlinks to files outside the folder are
    yielded as :class:`SkippedPath` entries with the reason; a symlink to a regular file inside
    the folder is read like the file itself."""
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        if p.is_symlink():
            raise ConfigError(
                f"{p}: broken symbolic link (points to {os.readlink(p)}, which does not exist)"
            ) from None
        raise ConfigError(f"{p}: no such file or folder") from None
    except OSError as e:
        raise UnreadableSourceError(str(p), f"cannot read: {_why(e)}") from None
    if stat.S_ISDIR(st.st_mode):
        try:
            entries = _scan(p)
        except OSError as e:
            raise UnreadableSourceError(str(p), f"cannot read the folder: {_why(e)}") from None
        yield from _walk(p, p.resolve(), entries, limits)
        return
    kind = _kind(st.st_mode)
    if kind:
        raise UnreadableSourceError(str(p), f"{kind}, not a file to import")
    if p.suffix.lower() == ".zip" and zipfile.is_zipfile(p):
        zf = zipfile.ZipFile(p)
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            name = info.filename
            if info.is_dir() or any(part.startswith((".", "__MACOSX")) for part in name.split("/")):
                continue
            yield Source.from_zip(p, zf, info).with_limits(limits)
        return
    yield Source.from_path(p).with_limits(limits)


def _scan(folder: Path) -> list[os.DirEntry]:
    with os.scandir(folder) as it:
        return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)


def _inside(target: Path, root: Path) -> bool:
    return target == root or root in target.parents


def _walk(
    folder: Path, root: Path, entries: list[os.DirEntry], limits: Limits | None = None
) -> Iterator[Source | SkippedPath]:
    """A folder's entries in name order, recursively, without following symlinks out of
    ``root`` (the resolved top folder) or into folders."""
    for entry in entries:
        child = folder / entry.name
        try:
            if entry.is_symlink():
                try:
                    target = child.resolve(strict=True)
                except (OSError, RuntimeError):  # missing target, or a loop of links
                    yield SkippedPath(str(child), f"broken symbolic link (to {os.readlink(child)})")
                    continue
                if target.is_dir():
                    yield SkippedPath(str(child), "symbolic link to a folder (not followed)")
                    continue
                if not _inside(target, root):
                    yield SkippedPath(
                        str(child), "symbolic link to a file outside the folder (not followed)"
                    )
                    continue
                mode = target.stat().st_mode
            else:
                mode = entry.stat(follow_symlinks=False).st_mode
        except OSError as e:
            yield SkippedPath(str(child), f"cannot read: {_why(e)}")
            continue
        if stat.S_ISDIR(mode):
            try:
                sub = _scan(child)
            except OSError as e:
                yield SkippedPath(str(child), f"unreadable folder ({_why(e)})")
                continue
            yield from _walk(child, root, sub, limits)
            continue
        kind = _kind(mode)
        if kind:
            yield SkippedPath(str(child), f"{kind}, not a file to import")
            continue
        yield from iter_sources(child, limits)


def looks_like_document(source: Source) -> bool:
    """README, PROVENANCE.md, images...: not exports."""
    return Path(source.filename).suffix.lower() in _DOC_SUFFIXES


def detect(source: Source, head: bytes | None = None) -> Importer:
    """The importer most confident it reads ``source``; raises UnknownFormatError if none."""
    head = source.head() if head is None else head
    best: tuple[int, str] | None = None
    all_importers = importers()
    for name, imp in all_importers.items():
        try:
            score = imp.sniff(source, head)
        except Exception:  # a sniffer must never break detection
            score = 0
        if score > 0 and (best is None or score > best[0]):
            best = (score, name)
    if best is None:
        raise UnknownFormatError(source.name, list(all_importers))
    return all_importers[best[1]]


def get_importer(name: str) -> Importer:
    all_importers = importers()
    if name not in all_importers:
        raise ConfigError(f"unknown format {name!r}; known formats: {', '.join(all_importers)}")
    return all_importers[name]
