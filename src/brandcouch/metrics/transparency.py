"""Transparency & trust: fix it, don't hide it. (docs/metrics.md#transparency)

Reads ``conv_judgements`` (one customer's conversation with the brand: owned, deflected only,
outcome; :mod:`brandcouch.analysis.judgements`), ``conv_evidence`` (what its evidence quotes),
``turn_facts`` (hidden complaints) and ``bposts`` (disclosure).
"""

from __future__ import annotations

import pandas as pd

from brandcouch.metrics.component import (
    SIGNAL_ON,
    Component,
    ElementSpec,
    inverse_rate_score,
    messages_extras,
    rate_score,
)
from brandcouch.metrics.evidence import EvidenceQuery
from brandcouch.store import Store

COMPLAINT = f"complaint >= {SIGNAL_ON}"
#: one complaint hidden in HIDDEN_ZERO (25%) scores 0
HIDDEN_ZERO = 0.25
#: a complaint conversation (``conv_judgements``: one customer's conversation with the brand,
#: a turn complaining) not answered outside the data
COMPLAINT_CONV = "complaint AND NOT outside_data"


def hidden_score(share: float) -> float:
    return 100.0 * max(0.0, 1.0 - share / HIDDEN_ZERO)


COMPONENTS = (
    Component(
        "complaints_owned",
        0.35,
        "complaint conversations (a customer's conversation with the brand with a message "
        f"{COMPLAINT}) where a public brand reply engages with the specific problem "
        f"(engagement >= {SIGNAL_ON}: acknowledges it specifically, asks a diagnostic question, "
        "gives information or a fix, or commits to a concrete step) / all complaint "
        "conversations, unanswered and hidden ones included (answered outside the data aside); "
        "score = 100 x share",
        rate_score,
        extras=messages_extras("complaints_owned"),
    ),
    Component(
        "deflection",
        0.15,
        "answered complaint conversations whose public replies only push to a private channel "
        f"or a generic link (act_private or act_link >= {SIGNAL_ON}, no reply with engagement "
        f">= {SIGNAL_ON}) / answered complaint conversations; score = 100 x (1 - share)",
        inverse_rate_score,
    ),
    Component(
        "hidden",
        0.20,
        "complaint turns with a deleted message / complaint turns, on channels whose "
        f"source records deletions; score = 100 x max(0, 1 - share / {HIDDEN_ZERO})",
        hidden_score,
        missing_note="the source does not record deleted messages",
    ),
    Component(
        "outcome",
        0.25,
        "answered conversations whose outcome is known from the customer's later turns: "
        "(better + 0.5 x same) / (better + same + worse); better = the customer says it is "
        "resolved, worse = the problem persists or anger rises, unknown (left out) = no later "
        "turn or only 'DM sent'; score = 100 x value",
        rate_score,
        extras=lambda row: {
            k: int(row.get(f"outcome_{k}") or 0) for k in ("better", "same", "worse", "unknown")
        },
        missing_note="no customer wrote again after a reply",
    ),
    Component(
        "disclosure",
        0.0,  # reported, not scored: a brand's offers on its own account need no #ad
        f"share of promotional brand posts (sales_pitch >= {SIGNAL_ON}) that disclose "
        f"(disclosure >= {SIGNAL_ON}); only where there are promotional posts; "
        "score = 100 x share; reported for partner and sponsored content, weight 0",
        rate_score,
        missing_note="no promotional posts to judge",
    ),
)


def frame(store: Store, keys: tuple[str, ...]) -> pd.DataFrame:
    k = ", ".join(keys)
    inbound = store.df(
        f"""
        SELECT {k}, count(*) AS base_n, sum(n_messages) AS messages_n,
               avg(any_deleted::INT) FILTER (WHERE complaint AND deletion_source)
                 AS hidden_value,
               count(*) FILTER (WHERE complaint AND deletion_source) AS hidden_n,
               count(*) FILTER (WHERE complaint AND any_deleted) AS hidden_count
        FROM turn_facts GROUP BY {k}
        """
    )
    convs = store.df(
        f"""
        SELECT {k},
               avg(owned::INT) FILTER (WHERE {COMPLAINT_CONV}) AS complaints_owned_value,
               count(*) FILTER (WHERE {COMPLAINT_CONV}) AS complaints_owned_n,
               sum(n_messages) FILTER (WHERE {COMPLAINT_CONV}) AS complaints_owned_messages,
               avg(deflected_only::INT) FILTER (WHERE {COMPLAINT_CONV} AND n_replies > 0)
                 AS deflection_value,
               count(*) FILTER (WHERE {COMPLAINT_CONV} AND n_replies > 0) AS deflection_n,
               (count(*) FILTER (WHERE outcome = 'better')
                + 0.5 * count(*) FILTER (WHERE outcome = 'same'))
                 / nullif(count(*) FILTER (WHERE outcome <> 'unknown'), 0) AS outcome_value,
               count(*) FILTER (WHERE outcome <> 'unknown') AS outcome_n,
               count(*) FILTER (WHERE outcome = 'better') AS outcome_better,
               count(*) FILTER (WHERE outcome = 'same') AS outcome_same,
               count(*) FILTER (WHERE outcome = 'worse') AS outcome_worse,
               count(*) FILTER (WHERE outcome = 'unknown' AND n_replies > 0) AS outcome_unknown
        FROM conv_judgements GROUP BY {k}
        """
    )
    posts = store.df(
        f"""
        SELECT {k},
               avg((disclosure >= {SIGNAL_ON})::INT) FILTER (WHERE sales_pitch >= {SIGNAL_ON})
                 AS disclosure_value,
               count(*) FILTER (WHERE sales_pitch >= {SIGNAL_ON}) AS disclosure_n
        FROM bposts GROUP BY {k}
        """
    )
    out = inbound.merge(convs, on=list(keys), how="outer")
    return out.merge(posts, on=list(keys), how="left")


EVIDENCE = (
    EvidenceQuery(
        "complaints_owned",
        "raised",
        "engaged with the customer's specific problem in public",
        "conv_evidence",
        "role = 'owned_reply'",
        "complaint_signal DESC NULLS LAST, created_at",
    ),
    EvidenceQuery(
        "outcome",
        "raised",
        "the customer said the problem was resolved after the reply",
        "conv_evidence",
        "role = 'outcome' AND outcome = 'better'",
        "created_at",
    ),
    EvidenceQuery(
        "hidden",
        "lowered",
        "an audience complaint that was hidden (deleted)",
        "turn_facts",
        "complaint AND any_deleted",
        "complaint_signal DESC NULLS LAST, first_at",
    ),
    EvidenceQuery(
        "deflection",
        "lowered",
        "only sent the customer to a private channel or a generic link, without engaging "
        "with the problem",
        "conv_evidence",
        "role = 'deflected_reply'",
        "complaint_signal DESC NULLS LAST, created_at",
    ),
    EvidenceQuery(
        "complaints_owned",
        "lowered",
        "a complaint no public reply engaged with",
        "conv_evidence",
        "role = 'not_owned'",
        "complaint_signal DESC NULLS LAST, created_at",
    ),
    EvidenceQuery(
        "disclosure",
        "lowered",
        "promotion without a disclosure",
        "bposts",
        f"sales_pitch >= {SIGNAL_ON} AND coalesce(disclosure, 0) < {SIGNAL_ON}",
        "sales_pitch DESC, created_at",
    ),
    EvidenceQuery(
        "outcome",
        "lowered",
        "the problem persisted or the customer was angrier after the reply",
        "conv_evidence",
        "role = 'outcome' AND outcome = 'worse'",
        "created_at",
    ),
)

SPEC = ElementSpec("transparency", COMPONENTS, "inbound", "min_inbound", EVIDENCE)
