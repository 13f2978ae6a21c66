"""A report scoped to some brands (``brandcouch report --brand NAME``): the full analysis with
only those brands' sections, benchmark rows and directory entries. The benchmark's ranks stay
those among every brand (``api.analyse(brands=...)`` refuses the benchmark, which compares every
brand), so a scoped report still says where a brand stands."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from brandcouch.errors import ConfigError
from brandcouch.model.result import Analysis

#: at most this many names in the unknown-brand error line
NAMES_SHOWN = 30


def unknown_brand_error(unknown: Iterable[str], known: Iterable[str]) -> ConfigError:
    """One line naming the unknown brands and the brands the store holds."""
    known = list(known)
    shown = ", ".join(known[:NAMES_SHOWN]) or "none"
    more = f" and {len(known) - NAMES_SHOWN} more" if len(known) > NAMES_SHOWN else ""
    asked = ", ".join(repr(u) for u in unknown)
    return ConfigError(f"no brand named {asked} in the store; known brands: {shown}{more}")


def resolve(names: Iterable[str], known: Iterable[str]) -> list[str]:
    """The known brand names asked for (matched case-insensitively, in the order asked, each
    once); :class:`ConfigError` naming the known brands when one is not known."""
    known = list(known)
    by_lower = {k.lower(): k for k in known}
    unknown = [n for n in names if n.lower() not in by_lower]
    if unknown:
        raise unknown_brand_error(unknown, known)
    out: list[str] = []
    for n in names:
        if by_lower[n.lower()] not in out:
            out.append(by_lower[n.lower()])
    return out


def scope(result: Analysis | dict, names: Iterable[str]) -> Analysis:
    """``result`` with only the brands ``names`` (case-insensitive; unknown ones are an error)
    in its brands, benchmark rows and directory, in the result's order."""
    r = Analysis.coerce(result)
    keep = set(resolve(list(names), [b.name for b in r.brands]))
    return replace(
        r,
        brands=tuple(b for b in r.brands if b.name in keep),
        benchmark=replace(
            r.benchmark, brands=tuple(row for row in r.benchmark.brands if row.brand in keep)
        ),
        directory=tuple(e for e in r.directory if e.brand in keep),
    )
