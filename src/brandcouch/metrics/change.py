"""Change between two periods: a brand's ``previous`` values and its ``change`` (docs/wip/periods.md).

Two analyses of the same store, one per window (:func:`brandcouch.api.analyse` with
``compare=``), give two typed results; this module reads them and returns, per brand,

* ``previous``: what the earlier period showed: ``health``, ``elements`` (the four scores) and
  ``kpis`` (:data:`KPIS`);
* ``change``: the same keys as differences (this period minus the previous; ``None`` when
  either side lacks data), ``why`` (the element that moved most and its component that moved
  most, with both periods' values) and ``summary``, that sentence in words.

Scores change in points (0..100), rates in fractions (0..1: ``0.05`` = 5 points), minutes in
minutes, counts in counts. :data:`BETTER` says which direction is good for the brand, so every
report colours a change the same way (green = better for the brand).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from brandcouch.model.result import (
    BrandResult,
    ElementScore,
    FrozenMap,
    HealthScore,
    Metrics,
    _Scored,
)
from brandcouch.model.vocabulary import ELEMENTS, LABELS, format_duration

#: the KPIs the executive summary shows, beside health and the elements: (key, label)
KPIS: tuple[tuple[str, str], ...] = (
    ("inbound", "inbound messages"),
    ("answered_share", "turns answered"),
    ("turn_response_minutes_median", "median first reply to a turn"),
    ("sla_share", "answered within target"),
)
#: which direction is better for the brand ("higher", "lower"; None: neither, e.g. volume)
BETTER: dict[str, str | None] = {
    "health": "higher",
    **dict.fromkeys(ELEMENTS, "higher"),
    "inbound": None,
    "answered_share": "higher",
    "turn_response_minutes_median": "lower",
    "sla_share": "higher",
}
#: KPIs that are rates (0..1)
RATES = ("answered_share", "sla_share")

#: components whose value is not a share (0..1): how to write them
_NOT_SHARES = {
    "speed": lambda v: format_duration(v),
    "depth": lambda v: f"{v:.1f} turns",
    "appreciation": lambda v: f"{v:.2f} per post",
    "engagement": lambda v: f"{v:.2f}",
    "kiss": lambda v: f"{v:.0f}",
}


@dataclass(frozen=True, slots=True)
class Scored(_Scored):
    """What a change reads of a brand: typed scores, metrics and care (a brand dict of a
    partial run, as ``session`` and ``check`` compute, has no periods or audience)."""

    name: str
    metrics: Metrics
    elements: FrozenMap[str, ElementScore]
    health: HealthScore
    care: Any = None

    @classmethod
    def of(cls, brand: BrandResult | Mapping) -> Scored:
        if not isinstance(brand, Mapping):
            return cls(brand.name, brand.metrics, brand.elements, brand.health, brand.care)
        return cls(
            name=brand["name"],
            metrics=Metrics.from_json(brand["metrics"]),
            elements=FrozenMap(
                (k, ElementScore.from_json(k, v)) for k, v in brand["elements"].items()
            ),
            health=HealthScore.from_json("health", brand["health"]),
            care=brand.get("care"),
        )


#: what a component measures, in words, for the "what changed" sentence
COMPONENT_WORDS = {
    "response_rate": "turns needing a reply that were answered",
    "speed": "median first reply",
    "relevance": "relevance of the replies",
    "personal": "personal (not canned) replies",
    "acknowledgement": "negative turns acknowledged",
    "fairness": "answer rate of the least-followed against the most-followed",
    "complaints_owned": "complaint conversations owned in public",
    "deflection": "answered complaints only deflected",
    "hidden": "complaint turns hidden",
    "outcome": "outcome of answered conversations",
    "disclosure": "promotional posts that disclose",
    "follow_ups": "follow-ups answered",
    "reciprocity": "returning customers answered",
    "depth": "turns per conversation",
    "addressed": "brand messages addressed to people",
    "pitch_share": "posts that are sales pitches",
    "appreciation": "appreciative responses",
    "appreciation_share": "responses that are appreciative",
    "engagement": "engagement per post",
    "kiss": "keep-it-simple score",
}


def _get(d, *keys):
    for k in keys:
        if d is None or not hasattr(d, "get"):
            return None
        d = d.get(k)
    return d


def kpis(brand: Scored) -> dict[str, float | int | None]:
    """The KPI values of one brand in one period (:data:`KPIS`)."""
    m = brand.metrics
    answered = round(m.answered_turns / m.needs_reply_turns, 4) if m.needs_reply_turns else None
    return {
        "inbound": m.inbound,
        "answered_share": answered,
        "turn_response_minutes_median": m.turn_response_minutes_median,
        "sla_share": _get(brand.care, "sla", "wall", "share"),
    }


def snapshot(brand: Scored | None) -> dict:
    """A brand's ``previous``: health, element scores and KPIs (all None without the brand)."""
    if brand is None:
        return {
            "health": None,
            "elements": dict.fromkeys(ELEMENTS),
            "kpis": {k: None for k, _ in KPIS},
        }
    return {
        "health": brand.health.score,
        "elements": {k: (e.score if (e := brand.score(k)) else None) for k in ELEMENTS},
        "kpis": kpis(brand),
    }


def _delta(now, before, digits: int = 1):
    if now is None or before is None:
        return None
    return round(now - before, digits)


def component_value(name: str, value) -> str:
    """A component's value in words: a share as a percentage, minutes as a duration."""
    if value is None:
        return "n/a"
    fmt = _NOT_SHARES.get(name)
    return fmt(value) if fmt else f"{100 * value:.0f}%"


def _why(now: Scored, before: Scored | None) -> dict | None:
    """The element that moved most (by points) and, inside it, the component whose score moved
    most, with both values; None when no element has a score in both periods."""
    if before is None:
        return None
    best = None
    for k in ELEMENTS:
        a, b = now.score(k), before.score(k)
        if a is None or b is None or a.score is None or b.score is None:
            continue
        d = a.score - b.score
        if best is None or abs(d) > abs(best[1]):
            best = (k, d, a, b)
    if best is None:
        return None
    k, d, a, b = best
    comp = None  # the component that moved the element most: score change x its weight
    for name, c in a.components.items():
        p = b.components.get(name)
        if p is None or c.score is None or p.score is None:
            continue
        cd = (c.score - p.score) * (c.weight_used if c.weight_used is not None else c.weight)
        if comp is None or abs(cd) > abs(comp[1]):
            comp = (name, cd, c, p)
    return {
        "element": k,
        "points": round(d, 1),
        "score": a.score,
        "previous_score": b.score,
        "component": comp[0] if comp else None,
        "value": comp[2].value if comp else None,
        "previous_value": comp[3].value if comp else None,
    }


def period_label(window) -> str:
    """``"1–30 Nov 2026"``, ``"28 Oct – 3 Nov 2026"``, ``"30 Dec 2025 – 5 Jan 2026"`` for a
    window (``since``/``until`` ISO dates; a mapping or an object with those attributes)."""
    from datetime import date

    since = _get(window, "since") if hasattr(window, "get") else window.since
    until = _get(window, "until") if hasattr(window, "get") else window.until
    a, b = date.fromisoformat(since), date.fromisoformat(until)
    if a == b:
        return f"{a.day} {a:%b %Y}"
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}–{b.day} {b:%b %Y}"
    if a.year == b.year:
        return f"{a.day} {a:%b} – {b.day} {b:%b %Y}"
    return f"{a.day} {a:%b %Y} – {b.day} {b:%b %Y}"


def summary_sentence(why: dict | None, window, comparison) -> str | None:
    """What changed and why, in words with both periods' numbers: "Empathy fell 12 points (73
    to 61): response rate 14% in 1–30 Sep 2026 against 35% in 1–31 Aug 2026." """
    if why is None:
        return None
    label = LABELS.get(why["element"], why["element"]).capitalize()
    pts = why["points"]
    if abs(pts) < 0.5:
        head = f"{label} held steady ({why['previous_score']:.0f} to {why['score']:.0f})"
    else:
        verb = "rose" if pts > 0 else "fell"
        n = abs(round(pts))
        head = (
            f"{label} {verb} {n} point{'s' if n != 1 else ''} "
            f"({why['previous_score']:.0f} to {why['score']:.0f})"
        )
    if why["component"] is None:
        return head + "."
    comp = COMPONENT_WORDS.get(why["component"], why["component"].replace("_", " "))
    now = component_value(why["component"], why["value"])
    before = component_value(why["component"], why["previous_value"])
    return (
        f"{head}: {comp}, {now} in {period_label(window)} against {before} in "
        f"{period_label(comparison)}."
    )


def brand_change(
    now: BrandResult | Mapping,
    before: BrandResult | Mapping | None,
    window=None,
    comparison=None,
) -> tuple[dict, dict]:
    """``(previous, change)`` of one brand (a typed brand or its JSON dict) against the same
    brand in the previous period (None when it had no row there); see the module docstring."""
    now = Scored.of(now)
    before = None if before is None else Scored.of(before)
    prev = snapshot(before)
    cur = snapshot(now)
    change: dict = {
        "health": _delta(cur["health"], prev["health"]),
        "elements": {k: _delta(cur["elements"][k], prev["elements"][k]) for k in ELEMENTS},
        "kpis": {
            k: _delta(cur["kpis"][k], prev["kpis"][k], 4 if k in RATES else 1) for k, _ in KPIS
        },
    }
    if change["kpis"]["inbound"] is not None:
        change["kpis"]["inbound"] = int(change["kpis"]["inbound"])
    why = _why(now, before)
    change["why"] = why
    change["summary"] = summary_sentence(why, window, comparison) if window and comparison else None
    return prev, change


def direction(key: str, delta) -> str | None:
    """``"better"``, ``"worse"`` or ``"same"`` for the brand (None without a delta or for a
    KPI that is neither, like volume): the one meaning every report colours by."""
    if delta is None:
        return None
    better = BETTER.get(key)
    if better is None:
        return "neutral"
    if delta == 0:
        return "same"
    return "better" if (delta > 0) == (better == "higher") else "worse"
