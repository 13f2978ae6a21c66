"""Who recommends the brand to others, with their reach.

A recommendation is an audience message with ``recommendation >= 0.5`` that is not a question
("which one would you recommend?") and not negated ("don't switch to X, trust me", "would not
recommend"). It recommends brand B when it is inbound to B (addressed to
it, in its threads) or names B elsewhere: the brand's name or one of its handles (4 characters
or more) appears in the text, as in "@friend you have to try Harbor Coffee".

Reach: the person's followers, summed over their linked accounts where the count is known.
"""

from __future__ import annotations

import pandas as pd

from brandcouch.audience.members import NEGATION, SIGNAL_ON, sql_literal
from brandcouch.store import Store

#: recommenders listed per brand (the JSON keeps the total count beside them)
TOP_RECOMMENDERS = 20
#: message ids listed as evidence per recommender
EVIDENCE_IDS = 5
MIN_TERM_LENGTH = 4


def build_recommendations(store: Store) -> None:
    """Temp table ``aud_recs``: one row per (brand, recommending message) with its person."""
    on = SIGNAL_ON
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE aud_brand_terms AS
        SELECT DISTINCT brand, term FROM (
            SELECT name AS brand, lower(name) AS term FROM brands
            UNION ALL
            SELECT bm.brand, lower(ltrim(a.handle, '@')) FROM brand_account_map bm
            JOIN accounts a ON a.id = bm.account_id WHERE a.handle IS NOT NULL
        ) WHERE length(term) >= {MIN_TERM_LENGTH}
        """
    )
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE aud_recs AS
        WITH cand AS (
            SELECT m.id, m.author_id, m.platform, m.created_at, m.recommendation,
                   lower(x.text) AS lt
            FROM mb m JOIN messages x ON x.id = m.id
            WHERE m.author_brand IS NULL AND m.kind <> 'repost'
              AND m.recommendation >= {on} AND coalesce(m.question, 0) < {on}
        ), named AS (
            SELECT DISTINCT t.brand, c.id FROM cand c JOIN aud_brand_terms t
              ON contains(c.lt, t.term)
        )
        SELECT a.brand, a.person, a.account_id, a.platform, a.id, a.created_at,
               i.recommendation, true AS inbound
        FROM aud_msgs a JOIN inbound i ON i.id = a.id AND i.brand = a.brand
        WHERE a.is_rec
        UNION ALL
        SELECT n.brand, p.person, c.author_id, c.platform, c.id, c.created_at,
               c.recommendation, false
        FROM named n JOIN cand c ON c.id = n.id
        JOIN aud_person p ON p.account_id = c.author_id
        WHERE NOT regexp_matches(c.lt, {sql_literal(NEGATION)})
          AND NOT EXISTS (SELECT 1 FROM inbound i WHERE i.id = n.id AND i.brand = n.brand)
        """
    )


def recommenders(store: Store, brand: str | None = None) -> pd.DataFrame:
    """One row per (brand, recommending person), the strongest reach first, at most
    :data:`TOP_RECOMMENDERS` per brand; with ``n_recommenders`` and ``reach_total`` per brand.
    Expects :func:`build_recommendations` and the ``aud_members`` table."""
    where = "WHERE r.brand = $brand" if brand is not None else ""
    return store.df(
        f"""
        WITH per_person AS (
            SELECT r.brand, r.person,
                   first(r.account_id ORDER BY r.recommendation DESC, r.created_at, r.id)
                     AS account_id,
                   count(*) AS messages,
                   list(r.id ORDER BY r.recommendation DESC, r.created_at, r.id)
                     [1:{EVIDENCE_IDS}] AS message_ids
            FROM aud_recs r {where}
            GROUP BY r.brand, r.person
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
