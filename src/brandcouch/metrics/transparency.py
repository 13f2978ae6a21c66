"""Transparency & trust: fix it, don't hide it. (docs/metrics.md#transparency)

Reads ``inb`` (inbound with ``acked``, ``deletion_source`` and the customer's next message in
the thread after the brand's reply: ``after_id``, ``after_sentiment``, ``after_gratitude``),
``breply`` and ``bposts`` (see elements.py).
"""

from __future__ import annotations

import pandas as pd

from brandcouch.metrics.component import (
    SIGNAL_ON,
    Component,
    ElementSpec,
    inverse_rate_score,
    linear_score,
    messages_extras,
    rate_score,
)
from brandcouch.metrics.evidence import EvidenceQuery
from brandcouch.store import Store

COMPLAINT = f"complaint >= {SIGNAL_ON}"
#: one complaint hidden in HIDDEN_ZERO (25%) scores 0
HIDDEN_ZERO = 0.25
#: half of the customers who write again thanking the brand earns full marks
THANKS_FULL = 0.5
#: a complaint turn (a message with complaint >= SIGNAL_ON) not answered outside the data
OWNED = "complaint AND NOT answered_outside_data"


def hidden_score(share: float) -> float:
    return 100.0 * max(0.0, 1.0 - share / HIDDEN_ZERO)


def sentiment_change_score(delta: float) -> float:
    """50 for no change, 100 for +1 (or more), 0 for -1 (or less)."""
    return 100.0 * max(0.0, min(1.0, 0.5 + 0.5 * delta))


COMPONENTS = (
    Component(
        "complaints_owned",
        0.35,
        f"complaint turns (a message with {COMPLAINT}) answered publicly with an apology or "
        f"acknowledgement (a brand reply with apology >= {SIGNAL_ON}) / all complaint turns, "
        "hidden ones included (answered outside the data aside); score = 100 x share",
        rate_score,
        extras=messages_extras("complaints_owned"),
    ),
    Component(
        "deflection",
        0.15,
        f"share of brand replies that push to a private channel (deflection >= {SIGNAL_ON}) "
        f"without acknowledgement (apology < {SIGNAL_ON}); score = 100 x (1 - share)",
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
        "sentiment_after",
        0.15,
        "mean (sentiment of the first message of the customer's next turn after the brand "
        "answered a turn - sentiment of that turn's first message); "
        "score = 100 x clamp(0.5 + 0.5 x change)",
        sentiment_change_score,
    ),
    Component(
        "thanks_after",
        0.10,
        f"share of those next turns that thank the brand (gratitude >= {SIGNAL_ON}); "
        f"score = 100 x min(1, share / {THANKS_FULL})",
        linear_score(0.0, THANKS_FULL),
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
               avg((NOT any_deleted AND acked)::INT) FILTER (WHERE {OWNED})
                 AS complaints_owned_value,
               count(*) FILTER (WHERE {OWNED}) AS complaints_owned_n,
               sum(n_messages) FILTER (WHERE {OWNED}) AS complaints_owned_messages,
               avg(any_deleted::INT) FILTER (WHERE complaint AND deletion_source)
                 AS hidden_value,
               count(*) FILTER (WHERE complaint AND deletion_source) AS hidden_n,
               count(*) FILTER (WHERE complaint AND any_deleted) AS hidden_count,
               avg(after_sentiment - first_sentiment) AS sentiment_after_value,
               count(after_sentiment - first_sentiment) AS sentiment_after_n,
               avg((after_gratitude >= {SIGNAL_ON})::INT) AS thanks_after_value,
               count(after_gratitude) AS thanks_after_n
        FROM turn_facts GROUP BY {k}
        """
    )
    replies = store.df(
        f"""
        SELECT {k},
               avg((deflection >= {SIGNAL_ON} AND apology < {SIGNAL_ON})::INT)
                 AS deflection_value,
               count(*) AS deflection_n
        FROM breply WHERE to_inbound GROUP BY {k}
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
    out = inbound.merge(replies, on=list(keys), how="outer")
    return out.merge(posts, on=list(keys), how="left")


EVIDENCE = (
    EvidenceQuery(
        "complaints_owned",
        "raised",
        "owned a complaint in public (apology {apology:.1f})",
        "breply",
        f"to_inbound AND parent_complaint >= {SIGNAL_ON} AND apology >= {SIGNAL_ON}",
        "relevance DESC NULLS LAST, created_at",
        ("apology",),
    ),
    EvidenceQuery(
        "thanks_after",
        "raised",
        "the customer thanked the brand after its reply",
        "outcome_msgs",
        f"after_gratitude >= {SIGNAL_ON}",
        "sentiment_change DESC, created_at",
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
        "sent the customer to a private channel without acknowledging the problem",
        "breply",
        f"to_inbound AND deflection >= {SIGNAL_ON} AND apology < {SIGNAL_ON}",
        "template_uses DESC, created_at",
        dedupe="template_key",
    ),
    EvidenceQuery(
        "complaints_owned",
        "lowered",
        "a complaint left without a public acknowledgement",
        "turn_facts",
        f"{OWNED} AND NOT any_deleted AND NOT acked",
        "complaint_signal DESC NULLS LAST, first_at",
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
        "sentiment_after",
        "lowered",
        "the customer was more upset after the reply (sentiment {sentiment_change:+.2f})",
        "outcome_msgs",
        "sentiment_change <= -0.3",
        "sentiment_change ASC, created_at",
        ("sentiment_change",),
    ),
)

SPEC = ElementSpec("transparency", COMPONENTS, "inbound", "min_inbound", EVIDENCE)
