"""Find the sources under a path (file, folder, ``.zip``) and sniff each one's format by content."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from brandcouch.errors import ConfigError, UnknownFormatError
from brandcouch.importers.base import Importer, Source
from brandcouch.importers.registry import importers

#: files that are never exports: reported as skipped when met inside a folder or zip
_DOC_SUFFIXES = {".md", ".txt", ".rst", ".html", ".htm", ".png", ".jpg", ".jpeg", ".gif", ".pdf"}


def iter_sources(path: str | Path) -> Iterator[Source]:
    """Every file under ``path``: the file itself, a folder's files (sorted, recursive), or a
    ``.zip``'s members. Hidden files are left out."""
    p = Path(path)
    if not p.exists():
        raise ConfigError(f"{p}: no such file or folder")
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            rel = child.relative_to(p)
            if child.is_file() and not any(part.startswith(".") for part in rel.parts):
                yield from iter_sources(child)
        return
    if p.suffix.lower() == ".zip" and zipfile.is_zipfile(p):
        zf = zipfile.ZipFile(p)
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            name = info.filename
            if info.is_dir() or any(part.startswith((".", "__MACOSX")) for part in name.split("/")):
                continue
            yield Source.from_zip(p, zf, info)
        return
    yield Source.from_path(p)


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
