"""The session: a deterministic plain-language diagnosis in the essay's voice.

Templates over the numbers only (no model, no network): an opening summary, the findings that
hurt the relationship most (findings.py), each with numbers, evidence and a prescription, then
what is going well.
"""

from __future__ import annotations

from brandcouch.diagnosis.findings import rank_findings
from brandcouch.model.vocabulary import ELEMENTS, LABELS

#: element names as the session writes them ("transparency & trust")
NAMES = {e: LABELS[e].lower() for e in ELEMENTS}


def _summary(brand: dict, findings: list[dict]) -> str:
    name, h = brand["name"], brand["health"]
    if h["score"] is None:
        return (
            f"Come in, {name}. There is not enough data for a diagnosis yet: "
            f"{h.get('reason', 'too few messages')}. Import more conversations and come back."
        )
    els = brand["elements"]
    parts = [f"Come in, {name}. Your relationship health is {h['score']:.0f} out of 100"]
    if h["status"] == "partial":
        missing = ", ".join(NAMES[e] for e in h["missing"])
        parts[0] += f" (from the elements with enough data; not enough for {missing})"
    strongest, weakest = h["strongest"], h["weakest"]
    parts.append(
        f"Your strongest element is {NAMES[strongest]} ({els[strongest]['score']:.0f}); "
        f"your weakest is {NAMES[weakest]} ({els[weakest]['score']:.0f}), and a relationship "
        "is only as strong as its weakest element"
    )
    if findings:
        parts.append(f"What hurts most: {findings[0]['title'].lower()}")
    else:
        parts.append("Nothing falls clearly short: keep doing what you are doing")
    return ". ".join(parts) + "."


def brand_session(brand: dict) -> dict:
    """``{summary, findings[], going_well[]}`` for a brand dict with elements, health, flags."""
    if brand["health"]["score"] is None:
        return {"summary": _summary(brand, []), "findings": [], "going_well": []}
    findings, going_well = rank_findings(brand)
    return {"summary": _summary(brand, findings), "findings": findings, "going_well": going_well}
