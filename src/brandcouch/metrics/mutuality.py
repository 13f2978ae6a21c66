"""Mutuality: do not expect what you are unwilling to give. (docs/metrics.md#mutuality)

Is the relationship two-sided: does the brand come back to people who come back to it, answer
their follow-ups, keep conversations going, and address people rather than only broadcast?
Reads ``inb`` (with ``is_followup``, ``needs``), ``brand_msgs`` and ``breply`` (elements.py).
"""

from __future__ import annotations

import pandas as pd

from brandcouch.metrics.component import Component, ElementSpec, linear_score, rate_score
from brandcouch.metrics.evidence import EvidenceQuery
from brandcouch.store import Store

#: conversation depth: 1 message (no exchange) scores 0, DEPTH_FULL messages exchanged score 100
DEPTH_FULL = 4.0
#: share of the brand's messages addressed to people that earns full marks
ADDRESSED_FULL = 0.8

COMPONENTS = (
    Component(
        "reciprocity",
        0.30,
        "audience members with >= 2 inbound messages who got at least one answer / all such "
        "members; score = 100 x share",
        rate_score,
    ),
    Component(
        "follow_ups",
        0.30,
        "follow-ups answered: inbound replies to a brand reply (the customer wrote again after "
        "the brand answered) that need a reply, answered / all such; score = 100 x share",
        rate_score,
    ),
    Component(
        "depth",
        0.20,
        "mean messages exchanged per conversation the brand took part in (one audience member "
        "in one thread: their inbound messages + the brand's direct replies to them, where the "
        f"brand replied at least once); score 0 at 1, 100 at {DEPTH_FULL:.0f} or more, linear",
        linear_score(1.0, DEPTH_FULL),
    ),
    Component(
        "addressed",
        0.20,
        "share of the brand's messages (reposts aside) addressed to people (replies, mentions) "
        f"rather than broadcast (top-level posts); score = 100 x min(1, share / {ADDRESSED_FULL})",
        linear_score(0.0, ADDRESSED_FULL),
    ),
)


def frame(store: Store, keys: tuple[str, ...]) -> pd.DataFrame:
    k = ", ".join(keys)
    inbound = store.df(
        f"""
        WITH members AS (
            SELECT {k}, author_id, count(*) AS c, bool_or(replied) AS answered
            FROM inb GROUP BY {k}, author_id
        ), convs AS (
            SELECT {k}, count(*) + sum(n_replies) AS turns
            FROM inb GROUP BY {k}, coalesce(root_id, id), author_id
            HAVING sum(n_replies) > 0
        ), base AS (
            SELECT {k}, count(*) AS base_n,
                   avg(replied::INT) FILTER (WHERE is_followup AND needs) AS follow_ups_value,
                   count(*) FILTER (WHERE is_followup AND needs) AS follow_ups_n
            FROM inb GROUP BY {k}
        )
        SELECT base.*, r.reciprocity_value, coalesce(r.reciprocity_n, 0) AS reciprocity_n,
               d.depth_value, coalesce(d.depth_n, 0) AS depth_n
        FROM base
        LEFT JOIN (SELECT {k}, avg(answered::INT) AS reciprocity_value,
                          count(*) AS reciprocity_n
                   FROM members WHERE c >= 2 GROUP BY {k}) r USING ({k})
        LEFT JOIN (SELECT {k}, avg(turns) AS depth_value, count(*) AS depth_n
                   FROM convs GROUP BY {k}) d USING ({k})
        """
    )
    brand = store.df(
        f"""
        SELECT {k},
               avg((parent_id IS NOT NULL OR to_account_id IS NOT NULL OR kind = 'mention')::INT)
                 AS addressed_value,
               count(*) AS addressed_n
        FROM brand_msgs WHERE kind <> 'repost' GROUP BY {k}
        """
    )
    return inbound.merge(brand, on=list(keys), how="outer")


EVIDENCE = (
    EvidenceQuery(
        "follow_ups",
        "raised",
        "came back to a customer's follow-up",
        "breply",
        "to_inbound AND parent_is_followup",
        "relevance DESC NULLS LAST, created_at",
    ),
    EvidenceQuery(
        "follow_ups",
        "lowered",
        "a follow-up after the brand's answer, left unanswered",
        "inb",
        "is_followup AND needs AND NOT replied AND NOT deleted",
        "complaint DESC, question DESC, created_at",
    ),
    EvidenceQuery(
        "reciprocity",
        "lowered",
        "from someone who wrote {member_messages:.0f} times and was never answered",
        "inb",
        "member_messages >= 2 AND NOT member_answered AND NOT deleted",
        "member_messages DESC, created_at DESC",
        ("member_messages",),
        dedupe="author_id",
    ),
)

SPEC = ElementSpec("mutuality", COMPONENTS, "inbound", "min_inbound", EVIDENCE)
