"""The conversation frame: temp tables every metric reads, built once per analysis in SQL.

``mb``        every message with ``author_brand`` (the brand owning its author's account, if any)
              and its signals as columns (``sentiment``, ``question``, ``complaint``, ...;
              ``relevance`` of a reply to its parent).
``inbound``   one row per (audience message, brand it addresses): a reply or comment on the
              brand's content, a mention of it, or a message the brand answered; with the brand's
              earliest direct reply (``first_reply_id``, ``first_reply_at``), ``n_replies`` and
              ``response_minutes`` (null when unanswered or a timestamp is missing/out of order).
``brand_msgs`` messages written by a brand's accounts, with ``brand``.

Weeks start on Monday; ``week`` and ``month`` are the truncated UTC dates.
"""

from __future__ import annotations

from brandcouch.store import Store

#: float signals pivoted into ``mb`` columns (missing ones are NULL)
FRAME_SIGNALS = (
    "sentiment",
    "question",
    "complaint",
    "self_promotion",
    "sales_pitch",
    "gratitude",
    "apology",
    "deflection",
    "recommendation",
    "disclosure",
    "readability",
    "length",
)


def build_frame(store: Store) -> None:
    """(Re)build the temp tables ``mb``, ``inbound`` and ``brand_msgs``."""
    con = store.con
    sig_cols = ",\n".join(f"max(value) FILTER (WHERE signal = '{s}') AS {s}" for s in FRAME_SIGNALS)
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE sig AS
        SELECT key AS text_hash, {sig_cols},
               max(label) FILTER (WHERE signal = 'language') AS language
        FROM signal_values GROUP BY key
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE mb AS
        SELECT m.id, m.platform, m.native_id, m.author_id, m.created_at, m.kind, m.parent_id,
               m.root_id, m.to_account_id, m.text_hash, m.deleted, m.likes, m.reposts,
               m.replies, m.views, m.permalink,
               date_trunc('week', m.created_at)::DATE AS week,
               date_trunc('month', m.created_at)::DATE AS month,
               bm.brand AS author_brand, s.* EXCLUDE (text_hash), rv.value AS relevance
        FROM messages m
        LEFT JOIN brand_account_map bm ON bm.account_id = m.author_id
        LEFT JOIN sig s ON s.text_hash = m.text_hash
        LEFT JOIN messages pm ON pm.id = m.parent_id
        LEFT JOIN signal_values rv
          ON rv.key = md5(pm.text_hash || m.text_hash) AND rv.signal = 'relevance'
        """
    )
    # the brand a message addresses by its to_account_id (an id, or platform:@handle)
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE to_brand AS
        SELECT m.id, any_value(bm.brand) AS brand FROM (
            SELECT m.id, a.id AS account_id FROM mb m JOIN accounts a ON a.id = m.to_account_id
            UNION ALL
            SELECT m.id, a.id FROM mb m JOIN accounts a
              ON a.platform = m.platform AND a.handle IS NOT NULL
             AND lower(m.to_account_id) = a.platform || ':@' || lower(a.handle)
        ) m JOIN brand_account_map bm ON bm.account_id = m.account_id
        GROUP BY m.id
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE brand_replies AS
        SELECT parent_id AS inbound_id, author_brand AS brand,
               min(created_at) AS first_at,
               coalesce(arg_min(id, created_at), min(id)) AS first_reply_id,
               count(*) AS n
        FROM mb WHERE author_brand IS NOT NULL AND parent_id IS NOT NULL
        GROUP BY 1, 2
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE inbound AS
        WITH audience AS (
            SELECT * FROM mb WHERE author_brand IS NULL AND kind <> 'repost'
        ), addressed AS (
            -- the brand it addresses: the parent's, the mentioned one's, or the thread's owner
            SELECT m.id, coalesce(p.author_brand, tb.brand, r.author_brand) AS brand
            FROM audience m
            LEFT JOIN mb p ON p.id = m.parent_id
            LEFT JOIN to_brand tb ON tb.id = m.id
            LEFT JOIN mb r ON r.id = m.root_id AND r.id <> m.id
            UNION  -- and every brand that answered it directly
            SELECT m.id, br.brand FROM audience m JOIN brand_replies br ON br.inbound_id = m.id
        )
        SELECT m.*, a.brand, br.first_reply_id, br.first_at AS first_reply_at,
               coalesce(br.n, 0) AS n_replies, coalesce(br.n, 0) > 0 AS replied,
               CASE WHEN br.first_at >= m.created_at
                    THEN date_diff('second', m.created_at, br.first_at) / 60.0 END
                 AS response_minutes
        FROM addressed a
        JOIN audience m ON m.id = a.id
        LEFT JOIN brand_replies br ON br.inbound_id = a.id AND br.brand = a.brand
        WHERE a.brand IS NOT NULL
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE brand_msgs AS
        SELECT *, author_brand AS brand FROM mb WHERE author_brand IS NOT NULL
        """
    )
