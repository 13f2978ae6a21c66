"""Empathy: does the brand listen? (docs/metrics.md#empathy)

Answer the people who need an answer, fast, about what they actually said, in person (not a
canned template), acknowledging how they feel, whatever the size of their audience.
Reads ``inbound`` and ``breply`` (brand replies to inbound, with ``canned``), see elements.py.
"""

from __future__ import annotations

import math

import pandas as pd

from brandcouch.metrics.component import (
    SIGNAL_ON,
    Component,
    ElementSpec,
    clamp,
    linear_score,
    rate_score,
)
from brandcouch.metrics.evidence import EvidenceQuery
from brandcouch.metrics.fairness import fairness_extras, fairness_frame
from brandcouch.metrics.predicates import NEEDS_REPLY, NEGATIVE
from brandcouch.store import Store

#: speed: 100 at or under FAST minutes, 0 at or over SLOW minutes, log-linear between
FAST, SLOW = 6.0, 1440.0
#: mean reply relevance that earns full marks: 0.35 lies between the 75th (0.29) and 90th (0.47)
#: percentiles of relevance.v2 over real brand replies in the TWCS sample (median 0.17, mean
#: 0.20), so a typical care team scores about 55 and a listening one reaches full marks
RELEVANCE_FULL = 0.35
#: first-response bands: (label, upper bound in minutes)
BANDS = (("le_6m", 6), ("le_22m", 22), ("le_1h", 60), ("le_24h", 1440))


def speed_score(median_minutes: float) -> float:
    m = max(median_minutes, 1e-9)
    return 100.0 * clamp((math.log(SLOW) - math.log(m)) / (math.log(SLOW) - math.log(FAST)))


def _speed_extras(row: dict) -> dict:
    total = int(row.get("base_n") or 0)
    labels = [b[0] for b in BANDS] + ["later", "untimed", "never"]
    counts = {k: int(row.get(f"band_{k}") or 0) for k in labels}
    return {
        "median_minutes": _f(row.get("speed_value")),
        "mean_minutes": _f(row.get("frt_mean")),
        "bands": {
            k: {"count": v, "share": round(v / total, 4) if total else None}
            for k, v in counts.items()
        },
    }


def _f(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


COMPONENTS = (
    Component(
        "response_rate",
        0.30,
        f"answered / inbound that needs a reply ({NEEDS_REPLY}); score = 100 x rate",
        rate_score,
    ),
    Component(
        "speed",
        0.20,
        "median minutes to the first reply over answered inbound; score 100 at <= 6 min "
        "falling log-linearly to 0 at >= 24 h",
        speed_score,
        extras=_speed_extras,
    ),
    Component(
        "relevance",
        0.20,
        "mean relevance (0..1) of the brand's replies to the message they answer; "
        f"score = 100 x min(1, mean / {RELEVANCE_FULL})",
        linear_score(0.0, RELEVANCE_FULL),
    ),
    Component(
        "personal",
        0.15,
        "share of the brand's replies that are not canned (a canned reply's template is "
        "used canned_min_repeats or more times by the brand); score = 100 x share",
        rate_score,
    ),
    Component(
        "acknowledgement",
        0.10,
        f"share of replies to negative inbound {NEGATIVE} that apologise or acknowledge "
        f"(apology >= {SIGNAL_ON}); score = 100 x share",
        rate_score,
    ),
    Component(
        "fairness",
        0.05,
        "response rate (needs-a-reply inbound) of the least-followed askers / that of the "
        "most-followed, over follower bands with enough data; score = 100 x min(1, ratio)",
        rate_score,
        extras=fairness_extras,
        missing_note="follower counts unknown or too few askers per follower band",
    ),
)


def frame(store: Store, keys: tuple[str, ...]) -> pd.DataFrame:
    """Per group: base_n (inbound) and every component's ``_value`` / ``_n``."""
    k = ", ".join(keys)
    band_cols = ",\n".join(
        f"count(*) FILTER (WHERE response_minutes <= {hi}"
        + (f" AND response_minutes > {BANDS[i - 1][1]}" if i else "")
        + f") AS band_{label}"
        for i, (label, hi) in enumerate(BANDS)
    )
    inbound = store.df(
        f"""
        SELECT {k}, count(*) AS base_n,
               count(*) FILTER (WHERE {NEEDS_REPLY} AND replied)
                 / nullif(count(*) FILTER (WHERE {NEEDS_REPLY}), 0) AS response_rate_value,
               count(*) FILTER (WHERE {NEEDS_REPLY}) AS response_rate_n,
               median(response_minutes) AS speed_value, avg(response_minutes) AS frt_mean,
               count(response_minutes) AS speed_n,
               {band_cols},
               count(*) FILTER (WHERE response_minutes > {SLOW}) AS band_later,
               count(*) FILTER (WHERE replied AND response_minutes IS NULL) AS band_untimed,
               count(*) FILTER (WHERE NOT replied) AS band_never
        FROM inbound GROUP BY {k}
        """
    )
    replies = store.df(
        f"""
        SELECT {k},
               avg(relevance) AS relevance_value, count(relevance) AS relevance_n,
               avg((NOT canned)::INT) AS personal_value, count(*) AS personal_n,
               avg((apology >= {SIGNAL_ON})::INT) FILTER (WHERE parent_negative)
                 AS acknowledgement_value,
               count(*) FILTER (WHERE parent_negative) AS acknowledgement_n
        FROM breply WHERE to_inbound GROUP BY {k}
        """
    )
    out = inbound.merge(replies, on=list(keys), how="outer")
    return out.merge(fairness_frame(store, keys, NEEDS_REPLY), on=list(keys), how="left")


EVIDENCE = (
    EvidenceQuery(
        "relevance",
        "raised",
        "a personal reply about what was said (relevance {relevance:.2f})",
        "breply",
        "to_inbound AND NOT canned AND relevance >= 0.3",
        "relevance DESC, response_minutes ASC NULLS LAST",
        ("relevance",),
    ),
    EvidenceQuery(
        "speed",
        "raised",
        "answered a question or complaint within {response_minutes:.0f} min",
        "breply",
        f"to_inbound AND NOT canned AND parent_needs AND response_minutes <= {FAST}",
        "relevance DESC NULLS LAST, response_minutes ASC",
        ("response_minutes",),
    ),
    EvidenceQuery(
        "response_rate",
        "lowered",
        "needed an answer and got none",
        "inbound",
        f"{NEEDS_REPLY} AND NOT replied AND NOT deleted",
        "complaint DESC, question DESC, created_at",
    ),
    EvidenceQuery(
        "personal",
        "lowered",
        "canned reply (this template was used {template_uses:.0f} times)",
        "breply",
        "to_inbound AND canned",
        "template_uses DESC, created_at",
        ("template_uses",),
        dedupe="template_key",
    ),
    EvidenceQuery(
        "speed",
        "lowered",
        "answered only after {response_minutes:.0f} min",
        "breply",
        f"to_inbound AND response_minutes > {SLOW}",
        "response_minutes DESC",
        ("response_minutes",),
    ),
    EvidenceQuery(
        "relevance",
        "lowered",
        "a reply that does not address what was said (relevance {relevance:.2f})",
        "breply",
        "to_inbound AND relevance < 0.1 AND parent_needs",
        "relevance ASC, created_at",
        ("relevance",),
        dedupe="template_key",  # a canned deflection is shown once, not once per use
    ),
)

SPEC = ElementSpec("empathy", COMPONENTS, "inbound", "min_inbound", EVIDENCE)
