"""Read the analysis result (docs/output.md) into shapes the templates draw.

Shared by the HTML report, the Markdown/CSV exports and the dashboard. Every section is
optional: a result from an older or partial analysis renders what it has.
"""

from __future__ import annotations

from collections.abc import Iterable

ELEMENTS: tuple[tuple[str, str], ...] = (
    ("empathy", "Empathy"),
    ("value", "Value"),
    ("transparency", "Transparency & trust"),
    ("mutuality", "Mutuality"),
)
HEALTH = ("health", "Relationship health")
SCORE_KEYS = tuple(k for k, _ in ELEMENTS) + ("health",)
LABELS = dict((*ELEMENTS, HEALTH))
ELEMENT_HINTS = {
    "empathy": "listening: answering what people ask, fast, personally, relevantly",
    "value": "giving rather than selling: useful posts people thank you for",
    "transparency": "fix it, don't hide it: complaints acknowledged in public",
    "mutuality": "two-sided: people come back and are answered again",
    "health": "the four together; a one-sided relationship scores low",
}

#: the response-time bands of docs/metrics.md, in order, with their colours
BANDS: tuple[tuple[str, str, str], ...] = (
    ("le_6min", "≤ 6 min", "#2b8a3e"),
    ("le_22min", "≤ 22 min", "#5c940d"),
    ("le_1h", "≤ 1 h", "#94d82d"),
    ("le_24h", "≤ 24 h", "#f59f00"),
    ("later", "later", "#e8590c"),
    ("never", "never", "#c92a2a"),
)
_BAND_ALIASES = {
    "le_6min": ("le_6min", "le_6m", "<=6min", "≤6min", "6min", "le6", "within_6_min", "min6"),
    "le_22min": (
        "le_22min",
        "le_22m",
        "<=22min",
        "≤22min",
        "22min",
        "le22",
        "within_22_min",
        "min22",
    ),
    "le_1h": ("le_1h", "<=1h", "≤1h", "1h", "le_60min", "<=60min", "60min", "within_1_h"),
    "le_24h": ("le_24h", "<=24h", "≤24h", "24h", "le_1d", "1d", "within_24_h"),
    "later": ("later", ">24h", "gt_24h", "over_24h", "more"),
    "never": ("never", "unanswered", "none", "no_reply"),
}


def element_score(holder: dict, key: str) -> dict | None:
    """The score object for ``key`` (an element or ``health``) of a brand, channel or period."""
    if key == "health":
        h = holder.get("health")
        return h if isinstance(h, dict) else None
    el = (holder.get("elements") or {}).get(key)
    return el if isinstance(el, dict) else None


def has_scores(holder: dict) -> bool:
    return any(element_score(holder, k) for k in SCORE_KEYS)


def scores(holder: dict) -> list[dict]:
    """The four elements and health, each ``{key, label, hint, score, status, n, confidence,
    components, evidence}``; missing ones are left out."""
    out = []
    for key in SCORE_KEYS:
        s = element_score(holder, key)
        if s is None:
            continue
        out.append(
            {
                "key": key,
                "label": LABELS[key],
                "hint": ELEMENT_HINTS[key],
                "score": s.get("score"),
                "status": s.get("status")
                or ("ok" if s.get("score") is not None else "not enough data"),
                "n": s.get("n"),
                "confidence": s.get("confidence"),
                "formula": s.get("formula") or "",
                "components": components(s),
                "evidence": evidence(s),
            }
        )
    return out


def components(score: dict) -> list[dict]:
    comps = score.get("components") or {}
    items = comps.items() if isinstance(comps, dict) else ((c.get("name"), c) for c in comps)
    out = []
    for name, c in items:
        if not isinstance(c, dict):
            c = {"value": c}
        out.append(
            {
                "name": str(name),
                "label": str(name).replace("_", " "),
                "value": c.get("value"),
                "score": c.get("score"),
                "weight": c.get("weight"),
                "n": c.get("n"),
                "formula": c.get("formula") or "",
                "status": c.get("status"),
            }
        )
    return out


def evidence(score: dict) -> dict[str, list[dict]]:
    ev = score.get("evidence") or {}
    if isinstance(ev, list):
        return {"raised": ev, "lowered": []}
    return {"raised": list(ev.get("raised") or []), "lowered": list(ev.get("lowered") or [])}


def evidence_count(s: dict) -> int:
    return len(s["evidence"]["raised"]) + len(s["evidence"]["lowered"])


# -- response-time bands -------------------------------------------------------------------


def _norm(label: str) -> str:
    return str(label).lower().replace(" ", "").replace("_", "").replace("=", "")


_ALIAS_INDEX = {_norm(a): key for key, aliases in _BAND_ALIASES.items() for a in aliases}


def _band_counts(raw) -> dict[str, float] | None:
    if isinstance(raw, list):
        raw = {
            (r.get("band") or r.get("label") or r.get("name")): (
                r.get("count", r.get("n", r.get("share")))
            )
            for r in raw
            if isinstance(r, dict)
        }
    if not isinstance(raw, dict):
        return None
    out = {}
    for label, v in raw.items():
        key = _ALIAS_INDEX.get(_norm(label))
        if isinstance(v, dict):
            v = v.get("count", v.get("n"))
        if key and isinstance(v, int | float):
            out[key] = float(v)
    return out if len(out) >= 3 else None


def _candidate_band_sources(holder: dict) -> Iterable:
    m = holder.get("metrics") or {}
    yield m.get("response_bands")
    yield holder.get("response_bands")
    emp = element_score(holder, "empathy") or {}
    for c in (
        (emp.get("components") or {}).values() if isinstance(emp.get("components"), dict) else []
    ):
        if isinstance(c, dict):
            yield c.get("bands")
            yield c.get("value") if isinstance(c.get("value"), dict | list) else None


def response_bands(holder: dict) -> list[dict] | None:
    """``[{key, label, colour, count, share}]`` in band order, or None when the result has none.
    Read from ``metrics.response_bands`` or an empathy component's ``bands``."""
    for raw in _candidate_band_sources(holder):
        counts = _band_counts(raw)
        if counts:
            total = sum(counts.values()) or 1
            return [
                {
                    "key": k,
                    "label": label,
                    "colour": colour,
                    "count": counts.get(k, 0.0),
                    "share": counts.get(k, 0.0) / total,
                }
                for k, label, colour in BANDS
            ]
    return None


def band_parts(bands: list[dict]) -> list[tuple[str, float]]:
    return [(b["label"], b["count"]) for b in bands]


# -- periods -------------------------------------------------------------------------------


def periods(holder: dict, kind: str = "week") -> list[dict]:
    rows = [p for p in holder.get("periods") or [] if p.get("period") == kind]
    return sorted(rows, key=lambda p: str(p.get("start")))


def period_kinds(holder: dict) -> list[str]:
    kinds = {p.get("period") for p in holder.get("periods") or []}
    return [k for k in ("week", "month") if k in kinds]


def trend(holder: dict, kind: str = "week") -> tuple[list[str], list[tuple[str, list]]]:
    """x labels (period starts) and one series per score present, for :func:`line_chart`."""
    rows = periods(holder, kind)
    labels = [str(p.get("start"))[5:] if kind == "week" else str(p.get("start"))[:7] for p in rows]
    series = []
    for key in SCORE_KEYS:
        values = [(element_score(p, key) or {}).get("score") for p in rows]
        if any(v is not None for v in values):
            series.append((LABELS[key], values))
    rate = [((p.get("metrics") or {}).get("reply_rate_all")) for p in rows]
    if not series and any(v is not None for v in rate):
        series.append(("answer rate %", [None if v is None else 100 * v for v in rate]))
    return labels, series


# -- session, audience, advice ---------------------------------------------------------------


def _first(d: dict, *keys: str):
    for k in keys:
        v = d.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _numbers(numbers) -> list[str]:
    """A finding's numbers as short chips: ``{value, score, n, target}`` or a list."""
    if isinstance(numbers, list):
        return [str(n) for n in numbers]
    if not isinstance(numbers, dict):
        return []
    out = []
    if isinstance(numbers.get("score"), int | float):
        out.append(f"score {numbers['score']:.0f}")
    if isinstance(numbers.get("target"), int | float):
        out.append(f"target {numbers['target']:.0f}")
    if isinstance(numbers.get("n"), int | float):
        out.append(f"n = {numbers['n']:,}")
    known = {"score", "target", "n", "value"}
    out.extend(f"{k.replace('_', ' ')}: {v}" for k, v in numbers.items() if k not in known)
    return out


def _prescription(p) -> tuple[str | None, str | None]:
    if isinstance(p, dict):
        return p.get("text") or p.get("advice"), p.get("principle")
    return (str(p) if p else None), None


def finding(f) -> dict:
    """A session finding in one shape: title, detail, numbers, prescription, evidence, element."""
    if not isinstance(f, dict):
        f = {"title": str(f)}
    ev = f.get("evidence") or []
    if isinstance(ev, dict):
        ev = list(ev.get("lowered") or []) + list(ev.get("raised") or [])
    text, principle = _prescription(_first(f, "prescription", "advice", "action"))
    return {
        "title": _first(f, "title", "headline", "finding", "summary", "text") or "",
        "detail": _first(f, "detail", "explanation", "why", "body"),
        "numbers": _numbers(_first(f, "numbers", "metrics")),
        "prescription": text,
        "principle": principle,
        "evidence": [e for e in ev if isinstance(e, dict)],
        "element": f.get("element"),
    }


def session(brand: dict) -> dict | None:
    s = brand.get("session")
    if not isinstance(s, dict):
        return None
    return {
        "findings": [finding(f) for f in s.get("findings") or []],
        "going_well": [finding(f) for f in s.get("going_well") or []],
        "summary": s.get("summary"),
    }


def segments(brand: dict) -> list[dict]:
    """Audience segments as ``[{name, label, count, share}]``, largest first."""
    seg = (brand.get("audience") or {}).get("segments") or {}
    if isinstance(seg, list):
        seg = {s.get("segment") or s.get("name"): s.get("count", s.get("n", 0)) for s in seg}
    items = [
        (k, v if isinstance(v, int | float) else (v or {}).get("count", 0)) for k, v in seg.items()
    ]
    total = sum(v for _, v in items) or 1
    return [
        {"name": k, "label": str(k).replace("_", " "), "count": v, "share": v / total}
        for k, v in sorted(items, key=lambda kv: -kv[1])
    ]


def advice(brand: dict) -> list[dict]:
    out = []
    for a in brand.get("channel_advice") or []:
        reasons = a.get("reasons") or []
        out.append(
            {
                "channel": a.get("channel") or a.get("platform") or "",
                "advice": a.get("advice") or "",
                "reasons": [str(r) for r in (reasons if isinstance(reasons, list) else [reasons])],
            }
        )
    return out


def author_label(item: dict) -> str:
    """``@handle`` (or the display name, or the account id) of a message dict."""
    handle = item.get("handle")
    if handle:
        return f"@{handle}"
    return str(item.get("display_name") or item.get("author") or item.get("author_id") or "?")


# -- benchmark and directory -------------------------------------------------------------------


def benchmark_rows(benchmark) -> list[dict]:
    """The benchmark's per-brand rows, whichever list key holds them."""
    if isinstance(benchmark, list):
        return benchmark
    if not isinstance(benchmark, dict):
        return []
    for key in ("brands", "rows", "league", "table", "ranking"):
        if isinstance(benchmark.get(key), list):
            return benchmark[key]
    return []


def benchmark_table(benchmark) -> dict | None:
    """``{metrics: [{key, label, better}], rows: [{brand, rank, note, cells: [...]}]}`` when the
    benchmark has per-brand ``values``/``ranks``/``percentiles``; else None."""
    rows = [r for r in benchmark_rows(benchmark) if isinstance(r, dict)]
    if not rows or not isinstance(rows[0].get("values"), dict):
        return None
    declared = benchmark.get("metrics") if isinstance(benchmark, dict) else None
    metrics = [m for m in declared or [] if isinstance(m, dict) and m.get("key")] or [
        {"key": k} for k in rows[0]["values"]
    ]
    cols = [{"key": m["key"], "label": LABELS.get(m["key"], m["key"].replace("_", " ")),
             "better": m.get("better")} for m in metrics]  # fmt: skip
    out = []
    for r in rows:
        vals, ranks, pcts = r.get("values") or {}, r.get("ranks") or {}, r.get("percentiles") or {}
        out.append(
            {
                "brand": r.get("brand") or r.get("name"),
                "rank": r.get("league_rank", r.get("rank")),
                "note": r.get("note"),
                "cells": [
                    {
                        "key": c["key"],
                        "value": vals.get(c["key"]),
                        "rank": ranks.get(c["key"]),
                        "percentile": pcts.get(c["key"]),
                    }
                    for c in cols
                ],  # fmt: skip
            }
        )
    return {"metrics": cols, "rows": out}


def directory_entries(directory) -> list[dict] | None:
    """Directory entries with per-channel sentences, or None when they have another shape."""
    entries = [d for d in directory or [] if isinstance(d, dict)]
    if not entries or not any(isinstance(d.get("channels"), list) for d in entries):
        return None
    return entries
