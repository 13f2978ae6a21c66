"""Transparency & trust: fix it, don't hide it. (docs/metrics.md#transparency)

Reads ``conv_judgements`` (one row per unit, a customer's conversation with the brand
(brand, thread_id, customer_id), so a comment thread with many customers counts each of them:
``owned``, ``deflected_only``, ``outcome`` and the ids evidence quotes, :mod:`brandcouch.analysis.judgements`), ``turn_facts``
(the customer turns: ``any_deleted``, ``deletion_source``) and ``bposts`` (see elements.py).
"""

from __future__ import annotations

import pandas as pd

from brandcouch.analysis.judgements import ENGAGED, PUSH, SENTIMENT_STEP
from brandcouch.metrics.component import (
    SIGNAL_ON,
    Component,
    ElementSpec,
    inverse_rate_score,
    rate_score,
)
from brandcouch.metrics.evidence import EvidenceQuery
from brandcouch.store import Store

#: one complaint hidden in HIDDEN_ZERO (25%) scores 0
HIDDEN_ZERO = 0.25
#: a complaint conversation counted by complaints_owned: answered outside the data aside
OWNED_BASE = "complaint AND NOT outside_data"
#: a complaint conversation the brand answered in public (what deflection counts)
ANSWERED_COMPLAINT = "complaint AND answered_public"
#: a conversation whose outcome the customer's later turns show
KNOWN_OUTCOME = "answered_public AND outcome <> 'unknown'"


def hidden_score(share: float) -> float:
    return 100.0 * max(0.0, 1.0 - share / HIDDEN_ZERO)


def outcome_score(net: float) -> float:
    """50 when as many customers end better as worse, 100 when all better, 0 when all worse."""
    return 100.0 * max(0.0, min(1.0, 0.5 + 0.5 * net))


COMPONENTS = (
    Component(
        "complaints_owned",
        0.35,
        f"complaint conversations (a customer turn with complaint >= {SIGNAL_ON}) owned in "
        "public / all complaint conversations (those answered outside the data aside): owned = "
        "a public brand reply, at or after the first complaint turn, engages with the specific "
        f"problem (engagement >= {ENGAGED}: acknowledges it specifically, asks a diagnostic "
        "question, informs / instructs / fixes, or commits to a concrete visible step); "
        "score = 100 x share",
        rate_score,
    ),
    Component(
        "deflection",
        0.15,
        "complaint conversations answered in public where every public reply only pushes to "
        f"a private channel or a generic link (act_private or act_link >= {PUSH}, engagement "
        f"< {ENGAGED}) / complaint conversations answered in public; "
        "score = 100 x (1 - share)",
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
        "(conversations ending better - conversations ending worse) / conversations answered "
        "in public whose outcome is known, read from the customer's own turns after the "
        f"brand's first public reply: better = thanks (gratitude >= {SIGNAL_ON}) or 'it works "
        f"now / sorted / fixed' (resolved >= {SIGNAL_ON}), or the last turn's sentiment "
        f"{SENTIMENT_STEP} above the first's and positive without a complaint; worse = the last turn "
        f"complains and says it persists ('still', 'again', 'useless') or is {SENTIMENT_STEP} "
        "below the first; unknown (left out) = no customer turn after the reply, or the "
        "conversation went private with nothing visible after; "
        "score = 100 x clamp(0.5 + 0.5 x value)",
        outcome_score,
        missing_note="no conversation shows how it ended",
        extras=lambda row: {
            "better": int(row.get("outcome_better") or 0),
            "worse": int(row.get("outcome_worse") or 0),
        },
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
    turns = store.df(
        f"""
        SELECT {k}, count(*) AS base_n,
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
               avg(owned::INT) FILTER (WHERE {OWNED_BASE}) AS complaints_owned_value,
               count(*) FILTER (WHERE {OWNED_BASE}) AS complaints_owned_n,
               avg(deflected_only::INT) FILTER (WHERE {ANSWERED_COMPLAINT}) AS deflection_value,
               count(*) FILTER (WHERE {ANSWERED_COMPLAINT}) AS deflection_n,
               avg(CASE outcome WHEN 'better' THEN 1 WHEN 'worse' THEN -1 ELSE 0 END)
                 FILTER (WHERE {KNOWN_OUTCOME}) AS outcome_value,
               count(*) FILTER (WHERE {KNOWN_OUTCOME}) AS outcome_n,
               count(*) FILTER (WHERE {KNOWN_OUTCOME} AND outcome = 'better') AS outcome_better,
               count(*) FILTER (WHERE {KNOWN_OUTCOME} AND outcome = 'worse') AS outcome_worse
        FROM conv_judgements WHERE in_scope(brand) GROUP BY {k}
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
    out = turns.merge(convs, on=list(keys), how="outer")
    return out.merge(posts, on=list(keys), how="left")


def _conv(id_column: str) -> str:
    """``conv_judgements`` with the message evidence quotes as ``id``."""
    return f"(SELECT *, {id_column} AS id FROM conv_judgements)"


EVIDENCE = (
    EvidenceQuery(
        "complaints_owned",
        "raised",
        "engaged with the specific problem in public",
        _conv("owned_reply_id"),
        f"owned AND {OWNED_BASE}",
        "first_at",
    ),
    EvidenceQuery(
        "outcome",
        "raised",
        "the customer ended better off (thanks, it works now, or a clearly warmer last word)",
        _conv("outcome_turn_id"),
        f"outcome = 'better' AND {KNOWN_OUTCOME}",
        "first_at",
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
        "complaints_owned",
        "lowered",
        "a complaint no public reply engaged with",
        _conv("complaint_turn_id"),
        f"NOT owned AND {OWNED_BASE}",
        "answered_public DESC, first_at",
    ),
    EvidenceQuery(
        "deflection",
        "lowered",
        "the only public answer to a complaint: a push to a private channel or a link",
        _conv("deflect_reply_id"),
        f"deflected_only AND {ANSWERED_COMPLAINT}",
        "first_at",
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
        "the customer was worse off after the replies (still not fixed, or angrier)",
        _conv("outcome_turn_id"),
        f"outcome = 'worse' AND {KNOWN_OUTCOME}",
        "first_at",
    ),
)

SPEC = ElementSpec("transparency", COMPONENTS, "inbound", "min_inbound", EVIDENCE)
