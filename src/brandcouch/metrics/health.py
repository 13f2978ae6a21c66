"""Relationship health: a weighted geometric mean of the four elements.

"Have you ever been in a great relationship that was one sided?" A geometric mean punishes
imbalance: (90, 90, 90, 10) gives 52, where the arithmetic mean would give 70, and below
(70, 70, 70, 70) = 70. Elements are weighted equally (the essay names four elements that must
all be present). Scores are floored at 1 before the logarithm, so an element at 0 pulls health
down to a single digit rather than breaking the formula.

* all four elements scored: ``status = "ok"``;
* two or three scored: health over those (weights renormalised), ``status = "partial"`` and
  the missing ones named in ``missing``;
* fewer than two: ``score = null``, ``status = "not enough data"``.
"""

from __future__ import annotations

import math

from brandcouch.metrics.component import NOT_ENOUGH, OK, confidence
from brandcouch.model.vocabulary import ELEMENTS

WEIGHTS = {e: 0.25 for e in ELEMENTS}
PARTIAL = "partial"
MIN_ELEMENTS = 2
_RANK = {"low": 0, "medium": 1, "high": 2}


def geometric_health(scores: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """exp(sum w_i ln max(s_i, 1) / sum w_i) over the given element scores (0..100)."""
    weights = weights or WEIGHTS
    total = sum(weights[e] for e in scores)
    return math.exp(sum(weights[e] * math.log(max(s, 1.0)) for e, s in scores.items()) / total)


def health(elements: dict[str, dict]) -> dict:
    """The health dict from the four element dicts (see the module docstring)."""
    scored = {e: elements[e]["score"] for e in ELEMENTS if elements[e]["score"] is not None}
    missing = [e for e in ELEMENTS if e not in scored]
    n = max((elements[e]["n"] for e in ELEMENTS), default=0)
    out = {
        "score": None,
        "status": NOT_ENOUGH,
        "n": n,
        "confidence": None,
        "formula": "weighted geometric mean of the element scores (equal weights; each "
        "floored at 1)",
        "components": {
            e: {
                "value": elements[e]["score"],
                "score": elements[e]["score"],
                "weight": WEIGHTS[e],
                "n": elements[e]["n"],
                "formula": f"the {e} element score",
            }
            for e in ELEMENTS
        },
        "missing": missing,
        "weakest": None,
        "strongest": None,
        "evidence": {"raised": [], "lowered": []},
    }
    if len(scored) < MIN_ELEMENTS:
        out["reason"] = f"{len(scored)} element(s) scored; at least {MIN_ELEMENTS} needed"
        return out
    # ties go to the element named first in ELEMENTS
    weakest = min(scored, key=lambda e: (scored[e], ELEMENTS.index(e)))
    strongest = max(scored, key=lambda e: (scored[e], -ELEMENTS.index(e)))
    confs = [elements[e]["confidence"] for e in scored]
    out.update(
        score=round(geometric_health(scored), 1),
        status=OK if not missing else PARTIAL,
        confidence=min(confs, key=lambda c: _RANK[c]) if confs else confidence(n),
        weakest=weakest,
        strongest=strongest,
        evidence={
            "raised": elements[strongest]["evidence"]["raised"][:3],
            "lowered": elements[weakest]["evidence"]["lowered"][:3],
        },
    )
    return out
