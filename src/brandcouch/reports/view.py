"""What the templates draw, read from the typed result (:mod:`brandcouch.model.result`).

Shared by the HTML report, the Markdown/CSV exports and the dashboard. The result's shape is
fixed (docs/output.schema.json): these helpers only order, label and colour it.
"""

from __future__ import annotations

from collections.abc import Iterable

from brandcouch.model.result import Analysis, Benchmark, BrandResult, DirectoryEntry
from brandcouch.model.vocabulary import ELEMENTS, HINTS, LABELS, RESPONSE_BANDS, SCORE_KEYS

__all__ = [
    "BAND_COLOURS",
    "ELEMENTS",
    "HINTS",
    "LABELS",
    "SCORE_KEYS",
    "author_label",
    "band_parts",
    "benchmark_table",
    "records",
    "response_bands",
    "segments",
    "trend",
]

#: a colour per response band (vocabulary.RESPONSE_BANDS has none): fast green to never red;
#: answered at an unknown time in neutral grey
BAND_COLOURS: dict[str, str] = {
    "le_6m": "#2b8a3e",
    "le_22m": "#5c940d",
    "le_1h": "#94d82d",
    "le_24h": "#f59f00",
    "later": "#e8590c",
    "untimed": "#868e96",
    "never": "#c92a2a",
}


def coerce(result) -> Analysis:
    return Analysis.coerce(result)


# -- response-time bands -------------------------------------------------------------------


def response_bands(holder) -> list[dict] | None:
    """``[{key, label, colour, count, share}]`` in band order (vocabulary.RESPONSE_BANDS, the
    ``untimed`` band included), from empathy's ``speed`` component; None when it has none."""
    bands = holder.response_bands()
    if not bands:
        return None
    total = sum(b.count for b in bands.values()) or 1
    out = []
    for key, label, _ in RESPONSE_BANDS:
        b = bands.get(key)
        count = b.count if b else 0
        share = b.share if b and b.share is not None else count / total
        out.append(
            {"key": key, "label": label, "colour": BAND_COLOURS[key], "count": count,
             "share": share}
        )  # fmt: skip
    return out


def band_parts(bands: list[dict]) -> list[tuple[str, float]]:
    return [(b["label"], b["count"]) for b in bands]


# -- periods -------------------------------------------------------------------------------


def trend(brand: BrandResult, kind: str = "week") -> tuple[list[str], list[tuple[str, list]]]:
    """x labels (period starts) and one series per score present, for :func:`line_chart`."""
    rows = brand.periods_of(kind)
    labels = [p.start[5:] if kind == "week" else p.start[:7] for p in rows]
    series = []
    for key in SCORE_KEYS:
        values = [(s.score if (s := p.score(key)) else None) for p in rows]
        if any(v is not None for v in values):
            series.append((LABELS[key], values))
    rate = [p.metrics.reply_rate_all for p in rows]
    if not series and any(v is not None for v in rate):
        series.append(("answer rate %", [None if v is None else 100 * v for v in rate]))
    return labels, series


# -- audience ------------------------------------------------------------------------------


def segments(brand: BrandResult) -> list[dict]:
    """Audience segments as ``[{name, label, count, share}]``, largest first."""
    items = list(brand.audience.segments.items())
    total = sum(v for _, v in items) or 1
    return [
        {"name": k, "label": k.replace("_", " "), "count": v, "share": v / total}
        for k, v in sorted(items, key=lambda kv: -kv[1])
    ]


def author_label(item) -> str:
    """``@handle`` (or the display name, the author, the account id) of a message, an account,
    a recommender or a member: a dataclass of the result or a row dict of the store."""

    def get(key: str):
        return item.get(key) if isinstance(item, dict) else getattr(item, key, None)

    handle = get("handle")
    if handle:
        return f"@{handle}"
    return str(get("display_name") or get("author") or get("author_id") or get("account_id") or "?")


# -- benchmark, directory, imports -----------------------------------------------------------


def benchmark_table(benchmark: Benchmark) -> dict | None:
    """``{metrics: [BenchmarkMetric], rows: [{brand, rank, note, cells: [{key, value, rank,
    percentile}]}]}``; None when no brand is listed."""
    if not benchmark.brands:
        return None
    rows = [
        {
            "brand": r.brand,
            "rank": r.league_rank,
            "note": r.note,
            "cells": [
                {
                    "key": m.key,
                    "value": r.values.get(m.key),
                    "rank": r.ranks.get(m.key),
                    "percentile": r.percentiles.get(m.key),
                }
                for m in benchmark.metrics
            ],
        }  # fmt: skip
        for r in benchmark.brands
    ]
    return {"metrics": list(benchmark.metrics), "rows": rows}


def directory_entries(directory: Iterable[DirectoryEntry]) -> list[DirectoryEntry]:
    return list(directory)


def records(items: Iterable) -> list[dict]:
    """Rows for a generic table: the JSON of result dataclasses, store rows as they are."""
    return [i if isinstance(i, dict) else i.to_json() for i in items]


# -- the JSON dict, for reports/conversations.py ---------------------------------------------
# reports/conversations.py picks evidence ids from a brand *dict* while api.analyse builds the
# result; these two read that dict in its one documented shape (no aliases). They go once
# conversations.py reads the typed result.


def scores(brand: dict) -> list[dict]:
    """The four element dicts and health of a brand, channel or period dict (JSON form)."""
    elements = brand.get("elements") or {}
    out = [elements[k] for k in ELEMENTS if k in elements]
    return out + ([brand["health"]] if brand.get("health") else [])


def session(brand: dict) -> dict | None:
    """The session dict of a brand dict (JSON form)."""
    return brand.get("session")
