"""Scored components and the element score built from them (docs/metrics.md).

A :class:`Component` turns one measured value (a rate, a median, a mean) into a 0-100 score by a
documented mapping. An element's score is the weighted mean of its components' scores over the
components that have enough data (``n >= min_n``); the weights of the missing ones are
redistributed over the rest (renormalised) and the missing ones are named.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from brandcouch.model.vocabulary import SIGNAL_ON  # noqa: F401 - the elements import it here

#: a component with fewer observations than this is left out of its element ("not enough data")
COMPONENT_MIN_N = 5
#: ``confidence`` of a score by the number of customer turns (brand posts for value) it rests
#: on: below 50 low, below 200 medium, else high; one level lower when coverage is under
#: COVERAGE_FULL, and never high for an element resting on one component
CONFIDENCE_BANDS = ((50, "low"), (200, "medium"))
COVERAGE_FULL = 0.9
LEVELS = ("low", "medium", "high")
#: the reason of a reply-dependent score under the ``min_coverage`` setting
LOW_COVERAGE = "most replies are not in this export"

OK = "ok"
NOT_ENOUGH = "not enough data"


def clamp(x: float, lo: float = 0.0, hi: float = 1.0) -> float:
    return max(lo, min(hi, x))


def rate_score(value: float) -> float:
    """A share where more is better: 100 x share."""
    return 100.0 * clamp(value)


def inverse_rate_score(value: float) -> float:
    """A share where less is better: 100 x (1 - share)."""
    return 100.0 * (1.0 - clamp(value))


def linear_score(zero_at: float, full_at: float) -> Callable[[float], float]:
    """0 at ``zero_at``, 100 at ``full_at``, linear between (either direction)."""

    def score(value: float) -> float:
        return 100.0 * clamp((value - zero_at) / (full_at - zero_at))

    return score


def log_score(full_at: float) -> Callable[[float], float]:
    """100 x log(1 + x) / log(1 + full_at), capped at 100: diminishing returns."""

    def score(value: float) -> float:
        return 100.0 * clamp(math.log1p(max(value, 0.0)) / math.log1p(full_at))

    return score


def confidence(n: int, coverage: float | None = None, components: int | None = None) -> str:
    """By ``n`` (CONFIDENCE_BANDS), one level lower when ``coverage`` < COVERAGE_FULL, and at
    most "medium" when the score rests on one component."""
    level = len(LEVELS) - 1
    for i, (limit, _) in enumerate(CONFIDENCE_BANDS):
        if n < limit:
            level = i
            break
    if coverage is not None and coverage < COVERAGE_FULL:
        level = max(0, level - 1)
    if components is not None and components <= 1:
        level = min(level, 1)
    return LEVELS[level]


def messages_extras(name: str) -> Callable[[dict], dict]:
    """The messages beside a component's customer turns: ``{"messages": count}``."""

    def extras(row: dict) -> dict:
        v = _num(row.get(f"{name}_messages"))
        return {"messages": int(v or 0)}

    return extras


@dataclass(frozen=True)
class Component:
    """One named, weighted part of an element score."""

    name: str
    weight: float
    formula: str
    score: Callable[[float], float]
    min_n: int | None = None  # None: COMPONENT_MIN_N
    #: ``extras(row) -> dict`` adds reported detail (bands, denominators) to the component
    extras: Callable[[dict], dict] | None = None
    #: a reason shown when the value is missing for a structural reason (not just low n)
    missing_note: str = ""


@dataclass(frozen=True)
class ElementSpec:
    """An element: its components and what its minimum data is counted in."""

    name: str
    components: tuple[Component, ...]
    base: str  # "inbound" or "posts": what ``n`` counts
    min_setting: str  # the setting holding the minimum of ``n``
    evidence: tuple = field(default_factory=tuple)


def _num(x) -> float | None:
    if x is None:
        return None
    try:
        f = float(x)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def score_component(c: Component, row: dict) -> dict:
    """The component's dict: value, score (None below ``min_n``), weight, n, formula, status."""
    value = _num(row.get(f"{c.name}_value"))
    n = int(_num(row.get(f"{c.name}_n")) or 0)
    min_n = COMPONENT_MIN_N if c.min_n is None else c.min_n
    ok = value is not None and n >= min_n
    prescored = _num(row.get(f"{c.name}_prescore"))  # when the mapping depends on the row
    score = prescored if prescored is not None else (c.score(value) if ok else None)
    out = {
        "value": None if value is None else round(value, 4),
        "score": round(score, 1) if ok else None,
        "weight": c.weight,
        "n": n,
        "formula": c.formula,
        "status": OK if ok else NOT_ENOUGH,
    }
    if not ok:
        out["note"] = (
            c.missing_note
            if (c.missing_note and n == 0)
            else (f"{n} observation(s); at least {min_n} needed")
        )
    if c.extras:
        out.update(c.extras(row))
    return out


def _denan(row: dict) -> dict:
    out = {}
    for k, v in row.items():
        try:
            missing = v is None or bool(v != v)  # NaN, NaT and pd.NA compare unequal
        except (TypeError, ValueError):
            missing = False
        out[k] = None if missing else v
    return out


def score_element(
    spec: ElementSpec,
    row: dict,
    minimum: int,
    coverage: dict | None = None,
    min_coverage: float = 0.0,
) -> dict:
    """The element score for one group row (see the module docstring). Below the element's
    minimum data, no component is scored either (their values and counts are still shown).
    ``coverage`` (of the group: ``value``, ``answered``, ``outside_data``) under
    ``min_coverage`` makes an element that rests on replies "not enough data"."""
    row = _denan(row)
    n = int(_num(row.get("base_n")) or 0)
    comps = {c.name: score_component(c, row) for c in spec.components}
    cov = (coverage or {}).get("value") if spec.base == "inbound" else None
    low_cov = cov is not None and cov < min_coverage
    if n < minimum or low_cov:
        for v in comps.values():
            if v["score"] is not None:
                v["score"], v["status"] = None, NOT_ENOUGH
                v["note"] = LOW_COVERAGE if n >= minimum else "the element has too little data"
    scored = {k: v for k, v in comps.items() if v["score"] is not None}
    total = sum(v["weight"] for v in scored.values())
    for k, v in comps.items():
        v["weight_used"] = round(v["weight"] / total, 4) if k in scored and total else 0.0
    base_word = "customer turns" if spec.base == "inbound" else "brand posts"
    out = {
        "score": None,
        "status": NOT_ENOUGH,
        "n": n,
        "confidence": None,
        "components": comps,
        "missing": [k for k in comps if k not in scored],
        "evidence": {"raised": [], "lowered": []},
    }
    c = coverage or {}
    why_coverage = (
        f"{LOW_COVERAGE}: {cov:.0%} coverage ({c.get('answered', 0):,} turns answered in "
        f"the data, {c.get('outside_data', 0):,} answered outside it; at least "
        f"{min_coverage:.0%} needed)"
        if low_cov
        else ""
    )
    if n < minimum:
        # both reasons when both hold: more turns alone would not make the score honest
        out["reason"] = f"{n} {base_word}; at least {minimum} needed" + (
            f"; and {why_coverage}" if low_cov else ""
        )
    elif low_cov:
        out["reason"] = why_coverage
    elif not scored:
        out["reason"] = "no component has enough data"
    else:
        score = sum(v["score"] * v["weight_used"] for v in scored.values())
        conf = confidence(n, cov, sum(1 for v in scored.values() if v["weight"] > 0))
        out.update(score=round(score, 1), status=OK, confidence=conf)
    return out
