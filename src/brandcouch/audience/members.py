"""The audience's raw per-member statistics, in batched SQL over the conversation frame.

A **member** of a brand's audience is a *person* who sent the brand at least one inbound message
(a row of the frame's ``inbound`` table). A person is one account, or several accounts on
different platforms that are the same person: linked by configuration (``[people]`` in
``brandcouch.toml``), or carrying the same handle (case-insensitive, leading ``@`` dropped).

Temp tables built here (read by :mod:`ties`, :mod:`segments`, :mod:`recommenders`):

``aud_person``  account_id → person key, for every audience account
``aud_msgs``    one row per (brand, inbound message) with its person and per-message flags
``aud_thread``  one row per (brand, person, thread): turns and the person's last word there.
                Turns = the brand's direct replies to the person + the person's messages that
                were answered or that answer a brand reply (at least 1): a back-and-forth of
                question, answer, follow-up, answer is 4; six comments nobody answered are 1.
``aud_stats``   one row per (brand, person): the counts every tie part and segment rule uses
"""

from __future__ import annotations

from brandcouch.store import Store

#: fewer timed messages than this cannot show a bot's cadence (segments.BOT_MIN_MESSAGES)
BOT_CADENCE_MIN = 5
#: a signal value at or above this marks a message as showing the signal
SIGNAL_ON = 0.5
#: VADER compound at or below this is negative, at or above ``POSITIVE`` positive
NEGATIVE = -0.05
POSITIVE = 0.05
#: a recommendation that negates itself is a warning, not a recommendation
NEGATION = (
    r"\b(don'?t|do not|never|avoid|stay away|not worth|wouldn'?t|would not|can'?t recommend"
    r"|cannot recommend|not recommend)\b"
)


def sql_literal(text: str) -> str:
    """``text`` as a SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


#: account features of automated accounts: a self-description, or a platform's default handle
#: (letters followed by at least six digits, e.g. Twitter's ``jane12345678``)
DECLARED_BOT = r"(bot\b|\bautomated\b|\bauto-?post)"
DEFAULT_HANDLE = r"^[a-z_]+[0-9]{6,}$"


def link_people(store: Store, people: dict[str, list[str]] | None) -> None:
    """(Re)create the temp table ``person_links(account_id, person)`` from a ``[people]`` table:
    ``{"Ann Lee": ["twitter:annlee", "mastodon:ann@social.example"]}`` (``platform:handle`` or
    ``platform:native_id``). Unknown accounts are ignored (they may be imported later)."""
    con = store.con
    con.execute("CREATE OR REPLACE TEMP TABLE person_links (account_id VARCHAR, person VARCHAR)")
    rows = []
    for name, refs in (people or {}).items():
        for ref in [refs] if isinstance(refs, str) else refs:
            platform, _, handle = str(ref).partition(":")
            rows.append((f"person:{name}", platform.strip().lower(), handle.strip().lstrip("@")))
    if not rows:
        return
    con.execute("CREATE OR REPLACE TEMP TABLE person_refs (person VARCHAR, p VARCHAR, r VARCHAR)")
    con.executemany("INSERT INTO person_refs VALUES (?, ?, ?)", rows)
    con.execute(
        """
        INSERT INTO person_links
        SELECT DISTINCT ON (a.id) a.id, r.person FROM person_refs r JOIN accounts a
          ON a.platform = r.p AND (a.native_id = r.r OR lower(a.handle) = lower(r.r))
        ORDER BY a.id, r.person
        """
    )
    con.execute("DROP TABLE person_refs")


def _build_person_keys(store: Store) -> None:
    con = store.con
    con.execute("CREATE TEMP TABLE IF NOT EXISTS person_links (account_id VARCHAR, person VARCHAR)")
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE aud_person AS
        SELECT u.author_id AS account_id,
               coalesce(pl.person,
                        'handle:' || lower(nullif(ltrim(trim(a.handle), '@'), '')),
                        u.author_id) AS person,
               a.handle, a.followers,
               coalesce(regexp_matches(lower(coalesce(a.display_name, '') || ' ' ||
                                             coalesce(a.bio, '')), {sql_literal(DECLARED_BOT)}), false)
                 OR coalesce(regexp_matches(lower(a.handle), {sql_literal(DEFAULT_HANDLE)}), false)
                 AS automated_look
        FROM (SELECT DISTINCT author_id FROM mb WHERE author_brand IS NULL) u
        LEFT JOIN accounts a ON a.id = u.author_id
        LEFT JOIN person_links pl ON pl.account_id = u.author_id
        """
    )


def _build_messages(store: Store) -> None:
    on = SIGNAL_ON
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE aud_msgs AS
        SELECT i.brand, p.person, i.author_id AS account_id, i.platform, i.id, i.created_at,
               coalesce(i.root_id, i.id) AS thread, i.text_hash, i.replied, i.n_replies,
               i.first_reply_at, i.sentiment,
               coalesce(i.complaint, 0) >= {on} AS is_complaint,
               coalesce(i.question, 0) >= {on} AS is_question,
               coalesce(i.gratitude, 0) >= {on} AS is_grateful,
               -- asking for help is not spamming: a complaint or question is never self-promotion
               coalesce(i.self_promotion, 0) >= {on} AND coalesce(i.complaint, 0) < {on}
                 AND coalesce(i.question, 0) < {on} AS is_promo,
               coalesce(i.recommendation, 0) >= {on} AND coalesce(i.question, 0) < {on}
                 AS rec_candidate,
               -- a turn of a conversation: answered, or itself answering a brand reply
               i.replied OR bp.id IS NOT NULL AS is_turn
        FROM inbound i JOIN aud_person p ON p.account_id = i.author_id
        LEFT JOIN brand_msgs bp
          ON bp.id = i.parent_id AND bp.brand = i.brand AND bp.parent_id IS NOT NULL
        """
    )
    # a "which would you recommend?" is a question; "don't switch to X, trust me" a warning
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE aud_msgs AS
        SELECT a.* EXCLUDE (rec_candidate),
               a.rec_candidate AND NOT coalesce(regexp_matches(lower(x.text), {sql_literal(NEGATION)}),
                                                false) AS is_rec
        FROM aud_msgs a LEFT JOIN messages x ON a.rec_candidate AND x.id = a.id
        """
    )


def _build_threads(store: Store) -> None:
    store.con.execute(
        """
        CREATE OR REPLACE TEMP TABLE aud_thread AS
        SELECT brand, person, thread,
               greatest(1, count(*) FILTER (WHERE is_turn) + sum(n_replies)) AS turns,
               max(created_at) AS last_at,
               arg_max(sentiment, created_at) AS last_sentiment
        FROM aud_msgs GROUP BY brand, person, thread
        """
    )


def _build_stats(store: Store) -> None:
    neg, pos = NEGATIVE, POSITIVE
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE aud_stats AS
        WITH busy AS (  -- only members with enough messages can show a bot's cadence
            SELECT brand, person FROM aud_msgs WHERE created_at IS NOT NULL
            GROUP BY brand, person HAVING count(*) >= {BOT_CADENCE_MIN}
        ), gaps AS (
            SELECT m.brand, m.person,
                   date_diff('second', lag(m.created_at) OVER w, m.created_at) AS gap
            FROM aud_msgs m SEMI JOIN busy b ON b.brand = m.brand AND b.person = m.person
            WHERE m.created_at IS NOT NULL
            WINDOW w AS (PARTITION BY m.brand, m.person ORDER BY m.created_at, m.id)
        ), cadence AS (
            SELECT brand, person, count(gap) AS n_gaps, avg(gap) AS gap_mean_s,
                   stddev_pop(gap) AS gap_std_s
            FROM gaps GROUP BY brand, person
        ), depth AS (
            SELECT brand, person, max(turns) AS depth_max, avg(turns) AS depth_mean,
                   count(*) AS threads
            FROM aud_thread GROUP BY brand, person
        ), per_account AS (
            SELECT a.brand, a.person, a.account_id, any_value(a.platform) AS platform,
                   count(*) AS n, any_value(p.handle) AS handle,
                   any_value(p.followers) AS followers,
                   any_value(p.automated_look) AS automated_look
            FROM aud_msgs a JOIN aud_person p ON p.account_id = a.account_id
            GROUP BY a.brand, a.person, a.account_id
        ), main_account AS (  -- the account they wrote from most (ties: the smallest id)
            SELECT brand, person, account_id, handle FROM per_account
            QUALIFY row_number() OVER (PARTITION BY brand, person
                                       ORDER BY n DESC, account_id) = 1
        ), accts AS (
            SELECT brand, person, list_sort(list(account_id)) AS accounts,
                   list_sort(list_distinct(list(platform))) AS platforms,
                   sum(followers) AS followers, bool_or(automated_look) AS automated_look
            FROM per_account GROUP BY brand, person
        ), msgs AS (
            SELECT m.brand, m.person,
                   count(*) AS messages,
                   count(*) FILTER (WHERE m.replied) AS answered,
                   min(m.created_at) AS first_at, max(m.created_at) AS last_at,
                   avg(m.sentiment) AS sentiment_mean,
                   count(DISTINCT m.text_hash) AS distinct_texts,
                   count(*) FILTER (WHERE m.is_complaint) AS complaints,
                   count(*) FILTER (WHERE m.is_complaint AND (NOT m.replied OR
                       (t.last_at > m.first_reply_at AND t.last_sentiment <= {neg})))
                     AS unresolved_complaints,
                   count(*) FILTER (WHERE m.is_question) AS questions,
                   count(*) FILTER (WHERE m.is_promo) AS promo_messages,
                   count(*) FILTER (WHERE m.is_rec) AS recommendations,
                   count(*) FILTER (WHERE m.is_grateful) AS grateful_messages,
                   count(*) FILTER (WHERE m.sentiment >= {pos}) AS positive_messages
            FROM aud_msgs m JOIN aud_thread t USING (brand, person, thread)
            GROUP BY m.brand, m.person
        )
        SELECT m.*, ma.account_id, ma.handle, a.accounts, a.platforms,
               len(a.platforms) AS n_platforms, a.followers, a.automated_look,
               d.depth_max, d.depth_mean, d.threads,
               coalesce(c.n_gaps, 0) AS n_gaps, c.gap_mean_s, c.gap_std_s
        FROM msgs m
        JOIN accts a USING (brand, person)
        JOIN main_account ma USING (brand, person)
        JOIN depth d USING (brand, person)
        LEFT JOIN cadence c USING (brand, person)
        """
    )


def build_member_stats(store: Store) -> None:
    """Build ``aud_person``, ``aud_msgs``, ``aud_thread`` and ``aud_stats``. Expects the frame
    (:func:`brandcouch.metrics.frame.build_frame`) and, optionally, ``person_links``."""
    _build_person_keys(store)
    _build_messages(store)
    _build_threads(store)
    _build_stats(store)
