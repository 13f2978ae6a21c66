"""Importers: one module per source format, each exposing ``IMPORTER``; ``detect`` sniffs."""

from brandcouch.importers.base import ImportContext, Importer, ImportReport, Item, Source
from brandcouch.importers.detect import detect, get_importer, iter_sources, looks_like_document
from brandcouch.importers.registry import format_names, importers

__all__ = [
    "ImportContext",
    "ImportReport",
    "Importer",
    "Item",
    "Source",
    "detect",
    "format_names",
    "get_importer",
    "importers",
    "iter_sources",
    "looks_like_document",
]
