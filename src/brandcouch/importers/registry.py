"""The importer registry: every module in this package that defines ``IMPORTER`` is a format."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from brandcouch.importers.base import Importer

_NOT_FORMATS = {"base", "common", "registry", "detect"}


@cache
def importers() -> dict[str, Importer]:
    """All importers by name, discovered once."""
    import brandcouch.importers as pkg

    found: dict[str, Importer] = {}
    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if mod.name in _NOT_FORMATS or mod.name.startswith("_"):
            continue
        module = importlib.import_module(f"brandcouch.importers.{mod.name}")
        imp = getattr(module, "IMPORTER", None)
        if isinstance(imp, Importer):
            found[imp.name] = imp
        for extra in getattr(module, "IMPORTERS", ()):
            found[extra.name] = extra
    return dict(sorted(found.items()))


def format_names() -> list[str]:
    return list(importers())
