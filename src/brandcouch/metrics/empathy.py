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
    messages_extras,
    rate_score,
)
from brandcouch.metrics.evidence import EvidenceQuery
from brandcouch.metrics.fairness import fairness_extras, fairness_frame
from brandcouch.metrics.predicates import NEEDS_REPLY, NEGATIVE
from brandcouch.store import Store

#: a part of a reply split over several messages ("... 1/2", "(2/2)", "^Jane 2/2", "... 4/4",
#: or one that opens with "..."): 119 of the brand replies in twcs_head5000. Such a part alone
#: is half an answer ("Where all allergens need to be highlighted in bold ... 2/2" answers
#: "Since when does tikka masala have cashew nuts in it?" only with its 1/2), so it is never
#: quoted as a reply that does not address what was said
PART_REPLY_RE = r"(^|[^0-9/])[1-9] ?/ ?[2-9]\)?[^0-9/]{0,30}$|^\s*(\.\.\.|…)"
PART_REPLIES = (
    "id NOT IN (SELECT b.id FROM breply b JOIN messages m ON m.id = b.id "
    f"WHERE regexp_matches(m.text, '{PART_REPLY_RE}'))"
)

#: a customer's follow-up (their answer to the brand's own reply) is quoted under "a reply that
#: does not address what was said" only when it asks something or clearly complains. A
#: follow-up such as "I'm just gonna pop back to the store, it will be much easier" or
#: Bake Off banter ("My lips are sealed 😋"; complaint 0.6-0.7) gets a fitting close or banter
#: back, which shares no words with it; the hand audit of issue 13 found both quoted
FOLLOWUP_CLEAR_COMPLAINT = 0.8
ADDRESSABLE_PARENT = (
    f"(NOT parent_is_followup OR coalesce(parent_question, 0) >= {SIGNAL_ON} "
    f"OR coalesce(parent_complaint, 0) >= {FOLLOWUP_CLEAR_COMPLAINT})"
)

#: speed: 100 at or under FAST minutes, 0 at or over SLOW minutes, log-linear between
FAST, SLOW = 6.0, 1440.0
#: mean reply relevance that earns full marks: 0.35 lies between the 75th (0.29) and 90th (0.47)
#: percentiles of relevance.v2 over real brand replies in the TWCS sample (median 0.17, mean
#: 0.20), so a typical care team scores about 55 and a listening one reaches full marks
RELEVANCE_FULL = 0.35
#: first-response bands: (label, upper bound in minutes)
BANDS = (("le_6m", 6), ("le_22m", 22), ("le_1h", 60), ("le_24h", 1440))
#: a customer turn that needed a reply and got none (in the data, nor outside it), not deleted
UNANSWERED = "needs_reply AND NOT answered AND NOT answered_outside_data AND NOT deleted"


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
        f"answered customer turns / turns that need a reply (a message with {NEEDS_REPLY}), "
        "turns answered outside the data left out; score = 100 x rate",
        rate_score,
        extras=messages_extras("response_rate"),
    ),
    Component(
        "speed",
        0.20,
        "median minutes from a customer turn's first message to the brand's first reply after "
        "it, over answered turns; score 100 at <= 6 min "
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
        "1 - the brand's size-stable canned share: the mean over its replies of canned_p, the "
        "chance that a reply has a near-duplicate (same stock text: names, signatures, numbers "
        "and links aside) among 100 of the brand's other replies drawn at random; "
        "score = 100 x value",
        rate_score,
    ),
    Component(
        "acknowledgement",
        0.10,
        f"share of answered negative customer turns (a message with {NEGATIVE}) that the "
        f"brand acknowledged (a reply to the turn or its first reply with apology or "
        f"act_acknowledge >= {SIGNAL_ON}: it apologises or names the specific problem); "
        f"score = 100 x share",
        rate_score,
        extras=messages_extras("acknowledgement"),
    ),
    Component(
        "fairness",
        0.05,
        "response rate (customer turns that need a reply) of the least-followed askers / that of "
        "the "
        "most-followed, over follower bands with enough data; score = 100 x min(1, ratio)",
        rate_score,
        extras=fairness_extras,
        missing_note="follower counts unknown or too few askers per follower band",
    ),
)


def frame(store: Store, keys: tuple[str, ...]) -> pd.DataFrame:
    """Per group: base_n (customer turns), messages_n, and every component's ``_value`` /
    ``_n`` (turns; ``_messages`` the messages beside them). A turn answered outside the data
    (docs/metrics.md, "Coverage") is neither answered nor unanswered: left out of the rates."""
    k = ", ".join(keys)
    band_cols = ",\n".join(
        f"count(*) FILTER (WHERE first_response_minutes <= {hi}"
        + (f" AND first_response_minutes > {BANDS[i - 1][1]}" if i else "")
        + f") AS band_{label}"
        for i, (label, hi) in enumerate(BANDS)
    )
    rr = "needs_reply AND NOT answered_outside_data"
    turns = store.df(
        f"""
        SELECT {k}, count(*) AS base_n, sum(n_messages) AS messages_n,
               count(*) FILTER (WHERE {rr} AND answered)
                 / nullif(count(*) FILTER (WHERE {rr}), 0) AS response_rate_value,
               count(*) FILTER (WHERE {rr}) AS response_rate_n,
               sum(n_needs_reply) FILTER (WHERE NOT answered_outside_data)
                 AS response_rate_messages,
               median(first_response_minutes) AS speed_value,
               avg(first_response_minutes) AS frt_mean,
               count(first_response_minutes) AS speed_n,
               sum(n_messages) FILTER (WHERE first_response_minutes IS NOT NULL)
                 AS speed_messages,
               {band_cols},
               count(*) FILTER (WHERE first_response_minutes > {SLOW}) AS band_later,
               count(*) FILTER (WHERE answered AND first_response_minutes IS NULL)
                 AS band_untimed,
               count(*) FILTER (WHERE NOT answered AND NOT answered_outside_data) AS band_never,
               avg(acked::INT) FILTER (WHERE answered AND negative) AS acknowledgement_value,
               count(*) FILTER (WHERE answered AND negative) AS acknowledgement_n,
               sum(n_messages) FILTER (WHERE answered AND negative) AS acknowledgement_messages
        FROM turn_facts GROUP BY {k}
        """
    )
    replies = store.df(
        f"""
        SELECT {k},
               avg(relevance) AS relevance_value, count(relevance) AS relevance_n,
               1 - avg(coalesce(canned_p, 0)) AS personal_value, count(*) AS personal_n
        FROM breply WHERE to_inbound GROUP BY {k}
        """
    )
    out = turns.merge(replies, on=list(keys), how="outer")
    return out.merge(fairness_frame(store, keys), on=list(keys), how="left")


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
        "a personal answer to a question or complaint within {first_response_minutes:.0f} min",
        "turn_facts",
        # docs: fast *personal* answers - a canned first reply is fast, not listening
        f"answered AND needs_reply AND first_response_minutes <= {FAST} "
        "AND first_reply_id NOT IN (SELECT id FROM breply WHERE canned)",
        "first_response_minutes ASC, first_at",
        ("first_response_minutes",),
    ),
    EvidenceQuery(
        "response_rate",
        "lowered",
        "needed an answer and got none",
        "turn_needs",  # each turn quoted by its message that most needs a reply
        UNANSWERED,
        "complaint DESC, question DESC NULLS LAST, first_at",
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
        "answered only after {first_response_minutes:.0f} min",
        "turn_needs",  # each turn quoted by its message that most needs a reply
        f"answered AND needs_reply AND first_response_minutes > {SLOW}",
        "first_response_minutes DESC",
        ("first_response_minutes",),
    ),
    EvidenceQuery(
        "acknowledgement",
        "lowered",
        "the first reply to an upset customer: no apology, and it does not name their problem",
        # the reply is quoted (what the finding is about); its thread shows the customer
        "(SELECT * EXCLUDE (id), first_reply_id AS id FROM turn_facts)",
        "answered AND negative AND NOT acked AND first_reply_id IS NOT NULL",
        "complaint DESC, first_sentiment ASC NULLS LAST, first_at",
    ),
    EvidenceQuery(
        "relevance",
        "lowered",
        "a reply that does not address what was said (relevance {relevance:.2f})",
        "breply",
        f"to_inbound AND relevance < 0.1 AND parent_needs AND {PART_REPLIES} "
        f"AND {ADDRESSABLE_PARENT}",
        "relevance ASC, created_at",
        ("relevance",),
        dedupe="template_key",  # a canned deflection is shown once, not once per use
    ),
)

SPEC = ElementSpec("empathy", COMPONENTS, "inbound", "min_inbound", EVIDENCE)
