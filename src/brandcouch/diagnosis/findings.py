"""Findings: the component scores that hurt the relationship most, and what is going well.

Every scored component below TARGET is a candidate finding with

    severity = (TARGET - component score) x the component's weight in its element (renormalised)

(the four elements weigh the same in health, so no element factor). The brand's replies
flagged as pitch-without-listening add a ``value.pitch_replies`` finding with severity
``100 x flagged share of brand replies x PITCH_REPLY_WEIGHT``. The top MAX_FINDINGS by
severity are reported; a severity under MIN_SEVERITY is too small to be a finding (so there
may be fewer, or none: nothing is invented). Components at or
above TARGET are "going well", ranked by score x weight.
"""

from __future__ import annotations

from brandcouch.diagnosis.prescriptions import prescription
from brandcouch.model.vocabulary import format_duration

TARGET = 80.0
#: below this severity a shortfall is too small to be called a finding
MIN_SEVERITY = 2.0
MAX_FINDINGS = 5
MAX_GOING_WELL = 3
PITCH_REPLY_WEIGHT = 0.2
EVIDENCE_PER_FINDING = 3

#: (element, component) -> (title when it hurts, title when it goes well, detail template).
#: A share component's "hurts" title states the shortfall with its count ("22 of 78 complaint
#: conversations were not owned in public"), so a title never reads as if the whole brand
#: failed while its sentence says most of it was fine.
TEXTS: dict[tuple[str, str], tuple[str, str, str]] = {
    ("empathy", "response_rate"): (
        "{no:,} of {n:,} customer turns that needed an answer got none",
        "You answer the people who need you",
        "{yes:,} of {n:,} customer turns with a question or complaint were answered ({pct}); "
        "{no:,} were not.",
    ),
    ("empathy", "speed"): (
        "Answers come slowly",
        "You answer fast",
        "The median first reply takes {median}; the mean {mean} (over {n:,} answered customer "
        "turns).",
    ),
    ("empathy", "relevance"): (
        "Replies do not address what people said",
        "Your replies are about what people said",
        "Replies score {value:.2f} on average for addressing what the message they answer said "
        "(relevance 0-1; full marks at a mean of 0.35), over {n:,} replies.",
    ),
    ("empathy", "personal"): (
        "{no:,} of {n:,} replies are canned",
        "Your replies are personal",
        "{no:,} of {n:,} replies ({no_pct}) are copies of a template the brand reuses.",
    ),
    ("empathy", "acknowledgement"): (
        "{no:,} of {n:,} upset customers' turns got no acknowledgement",
        "You acknowledge what upset people",
        "{pct} of {n:,} answered customer turns that complain or are upset got a reply that "
        "apologises or names their specific problem.",
    ),
    ("empathy", "fairness"): (
        "Small accounts are answered less",
        "Everyone gets an answer, whatever their audience",
        "Askers with the fewest followers are answered at {pct} of the rate of the most-followed.",
    ),
    ("value", "pitch_share"): (
        "Sell, sell, sell: {yes:,} of {n:,} posts are sales pitches",
        "You give more than you sell",
        "{yes:,} of {n:,} posts ({pct}) are sales pitches.",
    ),
    ("value", "appreciation"): (
        "Little appreciation for what you post",
        "People thank you for what you post",
        "{value:.2f} thankful or warm responses per post, over {n:,} posts.",
    ),
    ("value", "appreciation_share"): (
        "Few responses to your posts are appreciative",
        "Responses to your posts are warm",
        "{pct} of {n:,} audience responses to your posts thank or praise.",
    ),
    ("value", "engagement"): (
        "Posts are not shared or answered",
        "Your posts are shared and answered",
        "{value:.2f} {denominator}, over {n:,} posts.",
    ),
    ("value", "kiss"): (
        "Posts are hard to read or too long",
        "Simple and shareable posts",
        "Keep-it-simple score {value:.0f}/100: mean Flesch reading ease {readability}, "
        "median length {length} words.",
    ),
    ("value", "pitch_replies"): (
        "{yes:,} of {n:,} replies pitch instead of listening",
        "",
        "{yes:,} of {n:,} replies ({pct}) are sales pitches that barely engage with what "
        "they answer.",
    ),
    ("transparency", "complaints_owned"): (
        "{no:,} of {n:,} complaint conversations were not owned in public",
        "You own complaints in public",
        "{yes:,} of {n:,} complaint conversations ({pct}) got a public reply that engages with "
        "the specific problem (names it, asks about it, explains or fixes it, or commits to a "
        "next step).",
    ),
    ("transparency", "deflection"): (
        "{yes:,} of {n:,} answered complaints were only sent to DMs",
        "You don't hide behind DMs",
        "{yes:,} of {n:,} answered complaint conversations ({pct}) got nothing in public but a "
        "push to a private channel or a generic link.",
    ),
    ("transparency", "hidden"): (
        "{yes:,} of {n:,} complaints were hidden",
        "Complaints stay visible",
        "{yes:,} of {n:,} complaints ({pct}) were deleted from your threads.",
    ),
    ("transparency", "outcome"): (
        "Customers are not better off after your reply",
        "Customers are better off after your reply",
        "Of {n:,} conversations where the customer wrote again, {better:,} ended resolved and "
        "{worse:,} worse (the problem persisted or anger rose), the rest unchanged: {pct} on "
        "the outcome scale (resolved 1, unchanged 1/2, worse 0).",
    ),
    ("transparency", "disclosure"): (
        "{no:,} of {n:,} promotional posts carry no disclosure",
        "Promotion is labelled",
        "{yes:,} of {n:,} promotional posts ({pct}) carry a disclosure.",
    ),
    ("mutuality", "reciprocity"): (
        "{no:,} of {n:,} regulars got no answer",
        "You come back to the people who come back to you",
        "{yes:,} of {n:,} people who wrote two or more times got an answer ({pct}).",
    ),
    ("mutuality", "follow_ups"): (
        "{no:,} of {n:,} follow-ups were dropped",
        "You answer follow-ups",
        "{yes:,} of {n:,} follow-ups (the customer writing again after your answer) were "
        "answered ({pct}).",
    ),
    ("mutuality", "depth"): (
        "Conversations stop after one exchange",
        "Real conversations",
        "Conversations you take part in run {value:.1f} turns on average (the customer's and "
        "your answers), over {n:,} conversations.",
    ),
    ("mutuality", "addressed"): (
        "Broadcasting more than talking",
        "You talk with people, not at them",
        "{pct} of {n:,} brand messages are addressed to people; the rest are broadcasts.",
    ),
}


def _minutes(m) -> str:
    return format_duration(m)


def numbers(c: dict) -> dict:
    """Format fields for a component's templates (all present, whatever the component)."""
    v, n = c.get("value"), int(c.get("n") or 0)
    share = v if v is not None and 0 <= v <= 1 else None
    yes = round(share * n) if share is not None else 0
    bands = c.get("bands") if isinstance(c.get("bands"), dict) else {}
    late = sum((bands.get(k) or {}).get("share") or 0 for k in ("later", "never"))
    return {
        "value": v if v is not None else 0.0,
        "score": c.get("score"),
        "n": n,
        "yes": yes,
        "no": n - yes,
        "missed": n - yes,
        "pct": f"{share:.0%}" if share is not None else "n/a",
        "no_pct": f"{1 - share:.0%}" if share is not None else "n/a",
        "median": _minutes(c.get("median_minutes")),
        "mean": _minutes(c.get("mean_minutes")),
        "late": f"{late:.0%}",
        "denominator": c.get("denominator", ""),
        "readability": f"{c['readability_mean']:.0f}" if c.get("readability_mean") else "n/a",
        "length": f"{c['length_median']:.0f}" if c.get("length_median") else "n/a",
        "better": int(c.get("better") or 0),
        "worse": int(c.get("worse") or 0),
    }


def _detail(key: tuple[str, str], nums: dict) -> str:
    try:
        return TEXTS[key][2].format(**nums)
    except (KeyError, ValueError, TypeError):
        return ""


def _title(key: tuple[str, str], nums: dict) -> str:
    template = TEXTS[key][0]
    try:
        return template.format(**nums)
    except (KeyError, ValueError, TypeError):
        return template


def _evidence(el: dict, component: str, direction: str) -> list[dict]:
    items = el["evidence"][direction]
    return [e for e in items if e.get("component") == component][:EVIDENCE_PER_FINDING]


def _finding(element: str, name: str, c: dict, el: dict, severity: float) -> dict:
    nums = numbers(c)
    return {
        "id": f"{element}.{name}",
        "element": element,
        "component": name,
        "title": _title((element, name), nums),
        "detail": _detail((element, name), nums),
        "numbers": {"value": c["value"], "score": c["score"], "n": c["n"], "target": TARGET},
        "evidence": _evidence(el, name, "lowered"),
        "prescription": prescription(element, name, nums),
        "severity": round(severity, 2),
    }


def _pitch_reply_finding(brand: dict) -> dict | None:
    flagged = [f for f in brand.get("flags", []) if f["kind"] == "brand_reply"]
    replies = int(brand.get("metrics", {}).get("brand_replies") or 0)
    if not flagged or not replies:
        return None
    share = len(flagged) / replies
    c = {"value": share, "score": round(100 * (1 - share), 1), "n": replies}
    f = _finding("value", "pitch_replies", c, brand["elements"]["value"], 0.0)
    f["severity"] = round(100 * share * PITCH_REPLY_WEIGHT, 2)
    f["evidence"] = [
        {k: x.get(k) for k in ("message_id", "platform", "author", "text", "permalink")}
        | {"reason": x["reason"]}
        for x in flagged[:EVIDENCE_PER_FINDING]
    ]
    return f


def rank_findings(brand: dict) -> tuple[list[dict], list[dict]]:
    """(findings, going_well) for a brand dict with ``elements`` (and ``flags``)."""
    hurting, good = [], []
    for element, el in brand["elements"].items():
        if el["score"] is None:
            continue
        for name, c in el["components"].items():
            if c["score"] is None or (element, name) not in TEXTS:
                continue
            severity = (TARGET - c["score"]) * c["weight_used"]
            if severity >= MIN_SEVERITY:
                hurting.append(_finding(element, name, c, el, severity))
            elif c["score"] >= TARGET:
                good.append((c["score"] * c["weight_used"], element, name, c, el))
    extra = _pitch_reply_finding(brand)
    if extra and extra["severity"] >= MIN_SEVERITY:
        hurting.append(extra)
    hurting.sort(key=lambda f: (-f["severity"], f["id"]))
    good.sort(key=lambda g: (-g[0], g[1], g[2]))
    going_well = []
    for _, element, name, c, el in good[:MAX_GOING_WELL]:
        nums = numbers(c)
        going_well.append(
            {
                "id": f"{element}.{name}",
                "element": element,
                "title": TEXTS[(element, name)][1],
                "detail": _detail((element, name), nums),
                "numbers": {"value": c["value"], "score": c["score"], "n": c["n"]},
                "evidence": _evidence(el, name, "raised"),
            }
        )
    return hurting[:MAX_FINDINGS], going_well
