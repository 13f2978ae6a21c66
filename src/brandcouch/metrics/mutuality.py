"""Mutuality: do not expect what you are unwilling to give. (docs/metrics.md#mutuality)

Is the relationship two-sided: does the brand come back to people who come back to it, answer
their follow-ups, keep conversations going, and address people rather than only broadcast?
Reads ``inb`` (with ``is_followup``, ``needs``), ``brand_msgs`` and ``breply`` (elements.py).
"""

from __future__ import annotations

import pandas as pd

from brandcouch.metrics.component import (
    Component,
    ElementSpec,
    linear_score,
    messages_extras,
    rate_score,
)
from brandcouch.metrics.evidence import EvidenceQuery
from brandcouch.store import Store

#: conversation depth: 1 message (no exchange) scores 0, DEPTH_FULL messages exchanged score 100
DEPTH_FULL = 4.0
#: a follow-up: a customer turn after the brand answered the customer's previous turn in the
#: conversation, that needs a reply (and was not answered outside the data)
FOLLOW_UP = "is_followup AND needs_reply AND NOT answered_outside_data"
#: share of the brand's messages addressed to people that earns full marks
ADDRESSED_FULL = 0.8

COMPONENTS = (
    Component(
        "reciprocity",
        0.30,
        "audience members with >= 2 customer turns (answered outside the data aside) who got "
        "at least one turn answered / all such members; score = 100 x share",
        rate_score,
        extras=messages_extras("reciprocity"),
    ),
    Component(
        "follow_ups",
        0.30,
        "follow-ups answered: customer turns after the brand answered the customer's previous "
        "turn in the conversation, that need a reply: answered / all such; score = 100 x share",
        rate_score,
        extras=messages_extras("follow_ups"),
    ),
    Component(
        "depth",
        0.20,
        "mean turns exchanged per conversation the brand took part in (one audience member in "
        "one thread: their customer turns + the brand's answers to them, where the brand "
        f"answered at least one); score 0 at 1, 100 at {DEPTH_FULL:.0f} or more, linear",
        linear_score(1.0, DEPTH_FULL),
        extras=messages_extras("depth"),
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
    """Per group, over customer turns (``turn_facts``; turns answered outside the data are
    neither answered nor unanswered, so left out of the shares); ``_messages`` beside."""
    k = ", ".join(keys)
    inbound = store.df(
        f"""
        WITH t AS (SELECT * FROM turn_facts), members AS (
            SELECT {k}, customer_id, count(*) AS c, bool_or(answered) AS answered,
                   sum(n_messages) AS m
            FROM t WHERE NOT answered_outside_data AND NOT to_many_brands
            GROUP BY {k}, customer_id
        ), convs AS (
            SELECT {k}, count(*) + count(*) FILTER (WHERE answered) AS turns,
                   sum(n_messages) AS m
            FROM t GROUP BY {k}, thread_id, customer_id
            HAVING bool_or(answered)
        ), base AS (
            SELECT {k}, count(*) AS base_n, sum(n_messages) AS messages_n,
                   avg(answered::INT) FILTER (WHERE {FOLLOW_UP})
                     AS follow_ups_value,
                   count(*) FILTER (WHERE {FOLLOW_UP}) AS follow_ups_n,
                   sum(n_messages) FILTER (WHERE {FOLLOW_UP}) AS follow_ups_messages
            FROM t GROUP BY {k}
        )
        SELECT base.*, r.reciprocity_value, coalesce(r.reciprocity_n, 0) AS reciprocity_n,
               r.reciprocity_messages,
               d.depth_value, coalesce(d.depth_n, 0) AS depth_n, d.depth_messages
        FROM base
        LEFT JOIN (SELECT {k}, avg(answered::INT) AS reciprocity_value,
                          count(*) AS reciprocity_n, sum(m) AS reciprocity_messages
                   FROM members WHERE c >= 2 GROUP BY {k}) r USING ({k})
        LEFT JOIN (SELECT {k}, avg(turns) AS depth_value, count(*) AS depth_n,
                          sum(m) AS depth_messages
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
        "turn_facts",
        f"{FOLLOW_UP} AND answered",
        "first_response_minutes ASC NULLS LAST, first_at",
    ),
    EvidenceQuery(
        "follow_ups",
        "lowered",
        "a follow-up after the brand's answer, left unanswered",
        "turn_facts",
        f"{FOLLOW_UP} AND NOT answered AND NOT deleted",
        "complaint DESC, question DESC NULLS LAST, first_at",
    ),
    EvidenceQuery(
        "reciprocity",
        "lowered",
        "from someone who wrote {member_turns:.0f} times and was never answered",
        "turn_facts",
        # never answered in the data, and nothing says they were answered outside it either
        "member_turns >= 2 AND NOT member_answered AND member_outside = 0 AND NOT deleted",
        "member_turns DESC, first_at DESC",
        ("member_turns",),
        dedupe="author_id",
    ),
)

SPEC = ElementSpec("mutuality", COMPONENTS, "inbound", "min_inbound", EVIDENCE)
