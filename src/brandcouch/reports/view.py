"""What the templates draw, read from the typed result (:mod:`brandcouch.model.result`).

Shared by the HTML report, the Markdown/CSV exports and the dashboard. The result's shape is
fixed (docs/output.schema.json): these helpers only order, label and colour it.
"""

from __future__ import annotations

from collections.abc import Iterable

from brandcouch.metrics.change import KPIS, RATES, direction, kpis, period_label
from brandcouch.model.result import Analysis, Benchmark, BrandResult, DirectoryEntry
from brandcouch.model.vocabulary import (
    ELEMENTS,
    HINTS,
    LABELS,
    RESPONSE_BANDS,
    SCORE_KEYS,
    format_duration,
    format_share,
)

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


# -- the executive summary -------------------------------------------------------------------


def has_enough_data(brand: BrandResult) -> bool:
    """A brand gets a summary card (a page in the PDF) when its relationship health has a score;
    a brand with too little data gets one row in the set table only."""
    return brand.health.score is not None


def quote(text: str | None, limit: int = 200) -> str:
    """One line of a message for a quote: whitespace flattened, cut at a word near ``limit``."""
    flat = " ".join(str(text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] or flat[:limit]
    return cut.rstrip(",;:.") + " …"


def quoted_author(e) -> str:
    """Who wrote a quoted evidence message: the author's name (the last part of an account id
    such as ``twitter:twcs:AppleSupport``), or "a customer (platform)" when the source has only
    an anonymised number (TWCS customers: ``twitter:twcs:115870``)."""
    author = str(e.author or "").rsplit(":", 1)[-1]
    if not author or author.isdigit():
        return f"a customer ({e.platform})" if e.platform else "a customer"
    return author


def _get(d, key: str):
    return d.get(key) if d is not None and hasattr(d, "get") else None


def care_summary(brand: BrandResult, topics: int = 3) -> dict | None:
    """``{target, share, within, eligible, business_share, business_hours, topics:
    [{phrase, count, kind}]}`` from the brand's ``care`` section; None without one."""
    care = brand.care
    if care is None:
        return None
    sla = _get(care, "sla")
    wall = _get(sla, "wall")
    business = _get(sla, "business")
    return {
        "target": _get(sla, "target"),
        "share": _get(wall, "share"),
        "within": _get(wall, "within"),
        "eligible": _get(wall, "eligible"),
        "business_share": _get(business, "share"),
        "business_hours": (
            f"{_get(business, 'hours')} {_get(business, 'days')}" if business is not None else None
        ),
        "topics": [
            {"phrase": t["phrase"], "count": t["count"], "kind": t["kind"]}
            for t in list(_get(care, "topics") or ())[:topics]
        ],
    }


def _lowered(brand: BrandResult, element: str, component: str):
    """The first message that lowered ``element`` through ``component`` (a finding without
    evidence of its own is quoted from its element's evidence); None when there is none."""
    score = brand.score(element)
    if score is None:
        return None
    return next((e for e in score.evidence.lowered if e.component == component), None)


def brief(brand: BrandResult, findings: int = 3, going_well: int = 3) -> dict:
    """What a brand's summary card shows: the top findings (most severe first) each with one
    quoted piece of evidence (its own, else the first message that lowered its element through
    the same component), what is going well, coverage and confidence, the care figures."""
    top = sorted(brand.session.findings, key=lambda f: -(f.severity or 0))[:findings]
    items = []
    for f in top:
        e = f.evidence[0] if f.evidence else _lowered(brand, f.element, f.component)
        items.append(
            {
                "finding": f,
                "quote": quote(e.text) if e else None,
                "author": quoted_author(e) if e else None,
                "when": (e.created_at or "")[:10] if e else None,
            }
        )
    m = brand.metrics
    return {
        "findings": items,
        "going_well": list(brand.session.going_well[:going_well]),
        "confidence": brand.health.confidence,
        "n": brand.health.n,
        "coverage": m.coverage,
        "turns": m.needs_reply_turns,
        "answered": m.answered_turns,
        "care": care_summary(brand),
    }


#: the HTML report's appendix details the brands with the most inbound messages (the result's
#: order), at least this many ...
DETAILED_BRANDS = 25


def detailed_count(brands) -> int:
    """How many brands (a prefix of the result's order) get a detailed appendix section: the
    first DETAILED_BRANDS and every brand with a summary card, so that every card's "Details"
    and score links land on a section (TWCS sample: 34 scored brands, the last at index 35)."""
    last_card = max((i for i, _ in briefed(brands)), default=0)
    return min(len(brands), max(DETAILED_BRANDS, last_card))


def briefed(brands) -> list[tuple[int, BrandResult]]:
    """``(index, brand)`` (1-based, the report's ``#b{index}`` anchors) of the brands with a
    summary card, in the result's order."""
    return [(i, b) for i, b in enumerate(brands, 1) if has_enough_data(b)]


# -- change against the previous period (docs/wip/periods.md) -------------------------------


def change_text(key: str, delta) -> str:
    """A change with its arrow and sign: scores in points (``▼−12``, ``▲+3``), rates in
    percentage points (``▲+2 pts``), minutes as a duration (``▲+44 min``), counts as counts
    (``▲+278``); ``±0`` when unchanged, ``""`` when either period lacks data."""
    if delta is None:
        return ""
    if key in RATES:
        n = round(100 * delta)
        unit = " pts"
        body = f"{abs(n)}{unit}"
    elif key == "turn_response_minutes_median":
        n = delta
        body = format_duration(abs(delta))
        if abs(delta) < 0.05:
            n = 0
    else:
        n = round(delta)
        body = f"{abs(n):,}"
    if n == 0:
        return "±0"
    return ("▲+" if n > 0 else "▼−") + body


def change_class(key: str, delta) -> str:
    """The change's CSS class by what it means for the brand, the same in every report:
    ``better`` (green), ``worse`` (red), ``same`` or ``neutral`` (grey, e.g. volume); ``""``
    without a change (a change that shows as ``±0`` is ``same``)."""
    if change_text(key, delta) == "±0":
        return "same"
    return direction(key, delta) or ""


def comparison_label(result) -> str | None:
    """``"1–30 Sep 2026 vs 1–31 Aug 2026"``, or None without a comparison."""
    r = coerce(result)
    if r.window is None:
        return None
    label = period_label(r.window)
    if r.comparison is not None:
        label += f" vs {period_label(r.comparison)}"
    return label


def window_label(result) -> str | None:
    r = coerce(result)
    return None if r.window is None else period_label(r.window)


def previous_label(result) -> str | None:
    r = coerce(result)
    return None if r.comparison is None else period_label(r.comparison)


def changes(brand: BrandResult) -> list[dict]:
    """``[{key, label, value, previous, delta, text, cls}]`` for health, the elements and the
    KPIs of a brand with a comparison (empty without one)."""
    if brand.change is None or brand.previous is None:
        return []
    prev = brand.previous
    out = []
    for key in ("health", *ELEMENTS):
        e = brand.score(key)
        before = prev.get("health") if key == "health" else prev["elements"].get(key)
        d = brand.delta(key)
        out.append(
            {"key": key, "label": "health" if key == "health" else LABELS.get(key, key), "value": e.score if e else None,
             "previous": before, "delta": d, "text": change_text(key, d),
             "cls": change_class(key, d)}
        )  # fmt: skip
    now = kpis(brand)
    for key, label in KPIS:
        d = brand.delta(key)
        out.append(
            {"key": key, "label": label, "value": now.get(key), "previous": prev["kpis"].get(key),
             "delta": d, "text": change_text(key, d), "cls": change_class(key, d)}
        )  # fmt: skip
    return out


def kpi_text(key: str, value) -> str:
    """A KPI value in words: rates as percentages, minutes as durations, counts with commas."""
    if value is None:
        return "n/a"
    if key in RATES:
        return format_share(value)
    if key == "turn_response_minutes_median":
        return format_duration(value)
    if key in ("health", *ELEMENTS):
        return f"{value:.0f}"
    return f"{value:,}"
