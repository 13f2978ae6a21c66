"""Who recommends the brand to others, with their reach.

A recommendation is an audience message with ``recommendation >= 0.5`` that is not a question
("which one would you recommend?") and not negated ("don't switch to X, trust me", "would not
recommend"). It recommends brand B when it is inbound to B (addressed to
it, in its threads) or names B elsewhere: the brand's name or one of its handles (4 characters
or more) appears in the text, as in "@friend you have to try Harbor Coffee".

The candidates are the analysis step ``aud_recs`` (SQL in :mod:`brandcouch.analysis.steps`).

Reach: the person's followers, summed over their linked accounts where the count is known.
"""

from __future__ import annotations

import pandas as pd

from brandcouch.store import Store

#: recommenders listed per brand (the JSON keeps the total count beside them)
TOP_RECOMMENDERS = 20
#: message ids listed as evidence per recommender
EVIDENCE_IDS = 5
MIN_TERM_LENGTH = 4


def recommenders(store: Store, brand: str | None = None) -> pd.DataFrame:
    """One row per (brand, recommending person), the strongest reach first, at most
    :data:`TOP_RECOMMENDERS` per brand; with ``n_recommenders`` and ``reach_total`` per brand.
    Reads the steps ``aud_recs``, ``aud_person`` and ``aud_members``."""
    where = "WHERE r.brand = $brand" if brand is not None else ""
    return store.df(
        f"""
        WITH ordered AS (  -- each person's recommendations, the strongest first
            SELECT r.*, row_number() OVER (PARTITION BY r.brand, r.person
                        ORDER BY r.recommendation DESC, r.created_at, r.id) AS k
            FROM aud_recs r {where}
        ), per_person AS (
            SELECT brand, person,
                   arg_min(account_id, (k, id)) AS account_id,
                   count(*) AS messages,
                   list_transform(list_sort(list({{'k': k, 'id': id}})
                                            FILTER (WHERE k <= {EVIDENCE_IDS})), lambda x: x.id)
                     AS message_ids
            FROM ordered
            GROUP BY brand, person
        ), reach AS (
            SELECT person, sum(followers) AS followers FROM aud_person GROUP BY person
        ), ranked AS (
            SELECT pp.*, a.handle, a.platform, rc.followers,
                   x.text AS example_text, m.segment, m.person IS NOT NULL AS member,
                   count(*) OVER (PARTITION BY pp.brand) AS n_recommenders,
                   sum(rc.followers) OVER (PARTITION BY pp.brand) AS reach_total,
                   row_number() OVER (PARTITION BY pp.brand
                       ORDER BY rc.followers DESC NULLS LAST, pp.messages DESC, pp.account_id)
                     AS rank
            FROM per_person pp
            LEFT JOIN accounts a ON a.id = pp.account_id
            LEFT JOIN reach rc ON rc.person = pp.person
            LEFT JOIN messages x ON x.id = pp.message_ids[1]
            LEFT JOIN aud_members m ON m.brand = pp.brand AND m.person = pp.person
        )
        SELECT * FROM ranked WHERE rank <= {TOP_RECOMMENDERS} ORDER BY brand, rank
        """,
        {"brand": brand} if brand is not None else None,
    )
