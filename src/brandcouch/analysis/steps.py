"""The analysis frame as declared steps: every temp table the metrics, the audience, the
diagnosis and signal scoring read, with the SQL that builds it and the steps it needs.

A :class:`Step` is ``Step(name, sql, needs=(...))``: ``sql`` is one SELECT (a constant below,
readable and testable on its own), materialised as ``CREATE OR REPLACE TEMP TABLE <name>``
(or a temp view with ``view=True``). A step that needs Python (the canned-reply keys computed
from texts, the configuration's brands and people) has a ``build`` function instead, which
registers a temp table of the step's name; it is declared the same way.

:class:`Runner` materialises the steps a caller asks for, needs first, once per connection:
``Runner(store, config).ensure("inbound")`` builds ``brand_map``, ``sig``, ``mb``, ``to_brand``,
``brand_replies`` and then ``inbound``; asking again builds nothing. A step whose inputs
changed (another config, a need rebuilt) is rebuilt with everything that depends on it.
Temp tables live on the connection only, so all of this works on a store opened read-only:
nothing here writes to the store.

Tables (``brandcouch.analysis.steps.STEPS`` is the full list):

``config_brand_accounts``  the ``[brands]`` of the configuration (brand, platform, ref): an
                  overlay, never written to the store
``brand_map``     account → brand: the store's ``brand_accounts`` plus the overlay
``brand_names``   every brand: the store's ``brands`` plus the overlay
``sig``           signals pivoted per text hash (one column per signal)
``mb``            every message with ``author_brand`` and its signals as columns, ``relevance``
                  of a reply to its parent, ``week`` and ``month`` (Monday weeks, UTC); with
                  a window (``Runner.window``) only the messages written in it and the
                  brand's direct answers to them written after it (:data:`MB_WINDOW`)
``to_brand``      the brand a message addresses by its ``to_account_id``
``brand_replies`` per (inbound id, brand): the brand's first direct reply and their count
``run_scope``     the brands a run is limited to (empty: every brand) and the macro
                  ``in_scope(brand)``: the session of one brand builds that brand's rows of
                  ``inbound``, ``brand_msgs`` and the element tables only
``inbound``       one row per (audience message, brand it addresses) with the brand's first
                  reply and ``response_minutes``
``brand_msgs``    messages written by a brand's accounts, with ``brand``
``msg_tree``      every message's ``depth`` in the reply tree and its ``path`` of ids
``turns``         one row per (brand, customer turn): the unit the elements count, answered /
                  answered outside the data, first response (:mod:`brandcouch.analysis.turns`)
``turn_facts``    what the elements read of each turn (acknowledged, follow-up, next turn)
``reply_push``    per brand reply: act_private / deflection after the DM-link rule (a reply
                  holding the brand's private-channel link and no engaging act is a push;
                  :mod:`brandcouch.analysis.dm_links`)
``conv_judgements`` one row per (brand, thread, customer): owned, deflected only, personal,
                  outcome (:mod:`brandcouch.analysis.judgements`); ``conv_evidence`` the
                  messages the transparency evidence quotes from it
``breply``, ``inb``, ``bposts``  what the four elements read (see
                  :mod:`brandcouch.metrics.elements`)
``person_links``, ``aud_person``, ``aud_msgs``, ``aud_thread``, ``aud_stats``,
``aud_brand_terms``, ``aud_recs``, ``aud_members``  the audience (docs/audience.md)
``todo_texts_brand``, ``todo_texts_audience``, ``todo_pairs_<signal>``  what signal scoring
                  still has to compute (:mod:`brandcouch.analysis.signals`)
"""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from brandcouch.analysis.attribution import BRAND_MAP, BRAND_NAMES, TO_BRAND
from brandcouch.analysis.dm_links import REPLY_PUSH
from brandcouch.analysis.engine import engine_of, is_engine_store
from brandcouch.analysis.judgements import CONV_EVIDENCE, CONV_JUDGEMENTS
from brandcouch.analysis.turns import MSG_TREE, TURN_FACTS, TURN_NEEDS, TURNS
from brandcouch.audience.members import (
    BOT_CADENCE_MIN,
    DECLARED_BOT,
    DEFAULT_HANDLE,
    NEGATION,
    NEGATIVE,
    POSITIVE,
    sql_literal,
)
from brandcouch.audience.recommenders import MIN_TERM_LENGTH
from brandcouch.audience.segments import bot_reason_sql, quality_sql, segment_sql
from brandcouch.audience.ties import days_since_last_sql, part_columns_sql, tie_strength_sql
from brandcouch.brands import brands_from_config
from brandcouch.metrics import value
from brandcouch.metrics.frame import frame_signals
from brandcouch.metrics.portable import seconds_between
from brandcouch.metrics.predicates import MACROS
from brandcouch.model.vocabulary import SIGNAL_ON
from brandcouch.settings import DEFAULT as DEFAULT_CONFIG
from brandcouch.settings import Config
from brandcouch.store import Store

ON = SIGNAL_ON


@dataclass(frozen=True)
class Step:
    """One temp table of the analysis: its ``name``, the SELECT that builds it (``sql``: a
    string, or a function of the runner for SQL generated from a registry) or a Python
    ``build(runner)`` that registers it, and the steps it ``needs``. ``key(runner)`` names the
    inputs of a Python step beyond its needs (a setting, the configured brands): when it
    changes, the step is rebuilt."""

    name: str
    sql: str | Callable[[Runner], str] | None = None
    needs: tuple[str, ...] = ()
    build: Callable[[Runner], None] | None = None
    key: Callable[[Runner], str] | None = None
    view: bool = False

    def render(self, runner: Runner) -> str | None:
        return self.sql(runner) if callable(self.sql) else self.sql

    def fingerprint(self, runner: Runner) -> str:
        parts = [self.render(runner) or "", self.key(runner) if self.key else ""]
        return hashlib.md5("\0".join(parts).encode()).hexdigest()


# -- configuration overlay -------------------------------------------------------------------


def _config_brands(runner: Runner) -> list[tuple[str, str, str]]:
    specs = brands_from_config(runner.config) if runner.config.get("brands") else []
    return [(name, platform, ref) for name, accounts in specs for platform, ref in accounts]


def _build_config_brand_accounts(runner: Runner) -> None:
    if is_engine_store(runner.store):  # another engine (Spark): a table from Python
        rows = pd.DataFrame(_config_brands(runner), columns=["brand", "platform", "ref"])
        runner.store.engine.register("config_brand_accounts", rows, _varchars(rows))
        return
    con = runner.store.con
    con.execute(
        "CREATE OR REPLACE TEMP TABLE config_brand_accounts "
        "(brand VARCHAR, platform VARCHAR, ref VARCHAR)"
    )
    rows = _config_brands(runner)
    if rows:
        con.executemany("INSERT INTO config_brand_accounts VALUES (?, ?, ?)", rows)


def _varchars(frame: pd.DataFrame) -> list[tuple[str, str]]:
    return [(c, "VARCHAR") for c in frame.columns]


def _build_run_settings(runner: Runner) -> None:
    if is_engine_store(runner.store):
        n = int(runner.config.setting("canned_min_repeats"))
        row = pd.DataFrame({"canned_min_repeats": [n]})
        runner.store.engine.register("run_settings", row, [("canned_min_repeats", "INTEGER")])
        return
    runner.store.con.execute(
        "CREATE OR REPLACE TEMP TABLE run_settings AS SELECT ?::INTEGER AS canned_min_repeats",
        [int(runner.config.setting("canned_min_repeats"))],
    )


def _build_scope(runner: Runner) -> None:
    """``run_scope(brand)``: the brands the element tables are limited to (empty: all), and
    the macro ``in_scope(brand)``. A session of one brand builds only that brand's rows."""
    if is_engine_store(runner.store):
        rows = pd.DataFrame({"brand": list(runner.scope or ())}, dtype=object)
        runner.store.engine.register("run_scope", rows, [("brand", "VARCHAR")])
        runner.store.engine.macro(IN_SCOPE)
        return
    con = runner.store.con
    con.execute("CREATE OR REPLACE TEMP TABLE run_scope (brand VARCHAR)")
    if runner.scope:
        con.executemany("INSERT INTO run_scope VALUES (?)", [[b] for b in runner.scope])
    con.execute(IN_SCOPE)


IN_SCOPE = """
CREATE OR REPLACE TEMP MACRO in_scope(b) AS
    (NOT EXISTS (SELECT 1 FROM run_scope) OR b IN (SELECT brand FROM run_scope))
"""


def _build_predicates(runner: Runner) -> None:
    """Not a table: the SQL macros ``needs_reply`` and ``is_negative`` every step shares."""
    for sql in MACROS:
        engine_of(runner.store).macro(sql)


# -- signal values: the store's, and those computed for this run on a read-only store --------

TEMP_SIGNAL_VALUES = """
CREATE TEMP TABLE IF NOT EXISTS temp_signal_values (
    key VARCHAR NOT NULL, signal VARCHAR NOT NULL, version VARCHAR NOT NULL,
    value DOUBLE, label VARCHAR, PRIMARY KEY (key, signal)
)
"""


def _build_temp_signal_values(runner: Runner) -> None:
    """Values computed during a run on a store opened read-only (kept for the connection)."""
    if is_engine_store(runner.store):
        cols = [("key", "VARCHAR"), ("signal", "VARCHAR"), ("version", "VARCHAR"),
                ("value", "DOUBLE"), ("label", "VARCHAR")]  # fmt: skip
        empty = pd.DataFrame({c: pd.Series([], dtype=object) for c, _ in cols})
        runner.store.engine.register("temp_signal_values", empty, cols, replace=False)
        return
    runner.store.con.execute(TEMP_SIGNAL_VALUES)


SIGNAL_VALUES_ALL = """
SELECT v.* FROM signal_values v
ANTI JOIN temp_signal_values t ON t.key = v.key AND t.signal = v.signal
UNION ALL
SELECT * FROM temp_signal_values
"""


def _sig(runner: Runner) -> str:
    """One column per per-text float signal of the registry (a signal added as one module
    reaches the frame by itself; see docs/architecture.md, "How to add a signal")."""
    cols = ",\n       ".join(
        f"max(value) FILTER (WHERE signal = '{s}') AS {s}" for s in frame_signals()
    )
    return f"""
SELECT key AS text_hash,
       {cols},
       max(label) FILTER (WHERE signal = 'language') AS language
FROM signal_values_all GROUP BY key
"""


# -- the conversation frame ------------------------------------------------------------------

MB = """
SELECT m.id, m.platform, m.native_id, m.author_id, m.created_at, m.kind, m.parent_id,
       m.root_id, m.to_account_id, m.text_hash, m.deleted, m.likes, m.reposts,
       m.replies, m.views, m.permalink,
       date_trunc('week', m.created_at)::DATE AS week,
       date_trunc('month', m.created_at)::DATE AS month,
       bm.brand AS author_brand, s.* EXCLUDE (text_hash), rv.value AS relevance
FROM messages m
LEFT JOIN brand_map bm ON bm.account_id = m.author_id
LEFT JOIN sig s ON s.text_hash = m.text_hash
LEFT JOIN messages pm ON pm.id = m.parent_id
LEFT JOIN signal_values_all rv
  ON rv.key = md5(pm.text_hash || m.text_hash) AND rv.signal = 'relevance'
"""

#: a window (``Runner.window``, UTC): the messages written in it, and a brand's direct replies
#: written after it to a message of it (its answer; docs/wip/periods.md)
MB_WINDOW = """
WHERE (m.created_at >= TIMESTAMP '{since}' AND m.created_at < TIMESTAMP '{until}')
   OR (bm.brand IS NOT NULL AND m.created_at >= TIMESTAMP '{until}'
       AND pm.created_at >= TIMESTAMP '{since}' AND pm.created_at < TIMESTAMP '{until}')
"""


def _mb(runner: Runner) -> str:
    """``mb``, limited to the runner's window when it has one."""
    if runner.window is None:
        return MB
    since, until = (t.strftime("%Y-%m-%d %H:%M:%S") for t in runner.window)
    return MB + MB_WINDOW.format(since=since, until=until)


BRAND_REPLIES = """
SELECT parent_id AS inbound_id, author_brand AS brand,
       min(created_at) AS first_at,
       coalesce(arg_min(id, (created_at, id)) FILTER (WHERE created_at IS NOT NULL), min(id))
         AS first_reply_id,
       count(*) AS n
FROM mb WHERE author_brand IS NOT NULL AND parent_id IS NOT NULL
GROUP BY 1, 2
"""

#: a customer message addressed to this many brands or more needs no reply and is no complaint
#: for any of them (TWCS: the supermarkets' mince-pie banter tags 5 brand handles in each of
#: its 107 messages; no other customer message of twcs_head5000 names more than 2)
MANY_BRANDS = 4

INBOUND = f"""
WITH audience AS (
    SELECT * FROM mb WHERE author_brand IS NULL AND kind <> 'repost'
), addressed AS (
    -- every brand it addresses: the parent's author, each brand it mentions (a reply to one
    -- brand that names another reaches both), the thread's owner
    SELECT m.id, p.author_brand AS brand FROM audience m JOIN mb p ON p.id = m.parent_id
    UNION
    SELECT m.id, tb.brand FROM audience m JOIN to_brand tb ON tb.id = m.id
    UNION
    SELECT m.id, r.author_brand FROM audience m JOIN mb r ON r.id = m.root_id AND r.id <> m.id
    UNION  -- and every brand that answered it directly
    SELECT m.id, br.brand FROM audience m JOIN brand_replies br ON br.inbound_id = m.id
), n_addressed AS (
    SELECT id, count(DISTINCT brand) AS n_brands FROM addressed WHERE brand IS NOT NULL
    GROUP BY id
)
SELECT m.* EXCLUDE (question, complaint),
       -- a message addressed to MANY_BRANDS brands or more (banter tagging a row of brands)
       -- asks none of them anything and complains to none (docs/metrics.md, "needs a reply")
       CASE WHEN n.n_brands >= {MANY_BRANDS} THEN 0.0 ELSE m.question END AS question,
       CASE WHEN n.n_brands >= {MANY_BRANDS} THEN 0.0 ELSE m.complaint END AS complaint,
       n.n_brands, n.n_brands >= {MANY_BRANDS} AS to_many_brands,
       a.brand, br.first_reply_id, br.first_at AS first_reply_at,
       coalesce(br.n, 0) AS n_replies, coalesce(br.n, 0) > 0 AS replied,
       CASE WHEN br.first_at >= m.created_at
            THEN {seconds_between("m.created_at", "br.first_at")} / 60.0 END
         AS response_minutes
FROM addressed a
JOIN audience m ON m.id = a.id
JOIN n_addressed n ON n.id = a.id
LEFT JOIN brand_replies br ON br.inbound_id = a.id AND br.brand = a.brand
WHERE a.brand IS NOT NULL AND in_scope(a.brand)
"""

BRAND_MSGS = """
SELECT *, author_brand AS brand FROM mb WHERE author_brand IS NOT NULL AND in_scope(author_brand)
"""

# -- what the elements read ------------------------------------------------------------------


def _templates_version() -> str:
    from brandcouch.signals.templates import TEMPLATES_VERSION

    return TEMPLATES_VERSION


def _build_reply_keys(runner: Runner) -> None:
    """Canned replies as near-duplicates (docs/signals.md, "Canned replies"): every brand reply
    (reposts aside) grouped with the brand's other replies of the same stock text by
    :func:`brandcouch.signals.templates.template_groups` (Python + numpy), with the agent
    signature parsed from it. Each reply's shingle text and signature are the ``template`` and
    ``agent`` signals the import computed once per distinct text; a reply lacking a current
    value (none, after the run's scoring) is parsed here."""
    from brandcouch.signals import SIGNALS
    from brandcouch.signals.templates import reply_template, template_groups_of

    store = runner.store
    versions = {n: SIGNALS[n].version for n in ("template", "agent")}
    joins = f"""
        FROM brand_msgs b {{messages}}
        LEFT JOIN signal_values_all t
          ON t.key = b.text_hash AND t.signal = 'template' AND t.version = '{versions["template"]}'
        LEFT JOIN signal_values_all a
          ON a.key = b.text_hash AND a.signal = 'agent' AND a.version = '{versions["agent"]}'
        WHERE b.parent_id IS NOT NULL AND b.kind <> 'repost' AND in_scope(b.brand)
    """
    rows = store.df(
        "SELECT b.id, b.brand, t.label AS stext, a.label AS agent"
        + joins.format(messages="")
        + "ORDER BY b.brand, b.id"
    )
    stexts = rows["stext"].tolist()
    agents = [a or None for a in rows["agent"].tolist()]
    lacking = store.df(
        "SELECT b.id, m.text"
        + joins.format(messages="JOIN messages m ON m.id = b.id")
        + "AND (t.key IS NULL OR a.key IS NULL)"
    )
    if len(lacking):
        at = pd.Series(range(len(rows)), index=rows["id"])
        for mid, text in zip(lacking["id"].tolist(), lacking["text"].tolist(), strict=True):
            i = int(at[mid])
            stexts[i], agents[i] = reply_template(text)
    groups = template_groups_of(rows["brand"].tolist(), stexts, agents)
    keys = pd.DataFrame(  # noqa: F841 - read by DuckDB below
        {
            "id": rows["id"],
            "template_id": groups["template_id"].astype("int64"),
            "template_uses": groups["template_uses"].astype("int64"),
            "canned_p": groups["canned_p"].astype("float64"),
            "agent": groups["agent"].astype(object),
        }
    )
    if is_engine_store(store):
        schema = [("id", "VARCHAR"), ("template_id", "BIGINT"), ("template_uses", "BIGINT"),
                  ("canned_p", "DOUBLE"), ("agent", "VARCHAR")]  # fmt: skip
        store.engine.register("reply_keys", keys, schema)
        return
    store.con.execute(
        "CREATE OR REPLACE TEMP TABLE reply_keys AS "
        "SELECT id, template_id, template_uses, canned_p, agent::VARCHAR AS agent FROM keys"
    )


BREPLY = f"""
WITH r AS (
    SELECT b.*,
           CASE WHEN coalesce(k.template_id, -1) >= 0 THEN k.template_id::VARCHAR ELSE '' END
             AS template_key,
           coalesce(k.template_uses, 0) AS template_uses, k.canned_p, k.agent
    FROM brand_msgs b LEFT JOIN reply_keys k ON k.id = b.id
    WHERE b.parent_id IS NOT NULL AND b.kind <> 'repost' AND in_scope(b.brand)
)
SELECT r.*,
       (r.template_key <> ''
        AND r.template_uses >= (SELECT canned_min_repeats FROM run_settings)) AS canned,
       i.id IS NOT NULL AS to_inbound,
       needs_reply(i.question, i.complaint) AS parent_needs,
       is_negative(i.sentiment, i.complaint) AS parent_negative,
       i.complaint AS parent_complaint,
       i.question AS parent_question,
       CASE WHEN r.created_at >= i.created_at
            THEN {seconds_between("i.created_at", "r.created_at")} / 60.0 END
         AS response_minutes,
       coalesce(pp.author_brand = r.brand AND pp.parent_id IS NOT NULL, false)
         AS parent_is_followup
FROM r
LEFT JOIN inbound i ON i.id = r.parent_id AND i.brand = r.brand
LEFT JOIN mb pp ON pp.id = i.parent_id
"""

INB = f"""
WITH scoped AS (SELECT * FROM inbound WHERE in_scope(brand)), ack AS (
    SELECT b.parent_id AS id, b.brand,
           max(greatest(coalesce(b.apology, 0), coalesce(m.act_acknowledge, 0))) AS max_apology
    FROM breply b JOIN mb m ON m.id = b.id WHERE b.to_inbound GROUP BY 1, 2
), members AS (
    SELECT brand, author_id, count(*) AS member_messages,
           bool_or(replied) AS member_answered
    FROM scoped GROUP BY 1, 2
), deleting AS (SELECT DISTINCT platform FROM messages WHERE deleted)
SELECT i.*,
       needs_reply(i.question, i.complaint) AS needs,
       coalesce(a.max_apology >= {ON}, false) AS acked,
       i.platform IN (SELECT platform FROM deleting) AS deletion_source,
       coalesce(p.author_brand = i.brand AND p.parent_id IS NOT NULL, false)
         AS is_followup,
       mem.member_messages, mem.member_answered
FROM scoped i
LEFT JOIN ack a ON a.id = i.id AND a.brand = i.brand
LEFT JOIN mb p ON p.id = i.parent_id
LEFT JOIN members mem ON mem.brand = i.brand AND mem.author_id = i.author_id
"""

_LONG_FORM = ", ".join(f"'{p}'" for p in value.LONG_FORM)
(_MS, _ML), (_LS, _LL) = value.MICRO_LENGTH, value.LONG_LENGTH
_HARD, _PLAIN = value.FLESCH_HARD, value.FLESCH_PLAIN
BPOSTS = f"""
WITH resp AS (
    SELECT parent_id AS id, count(*) AS responses,
           count(*) FILTER (WHERE gratitude >= {ON} OR sentiment >= 0.5) AS appreciative
    FROM mb
    WHERE author_brand IS NULL AND parent_id IS NOT NULL AND NOT deleted
      AND kind <> 'repost' AND coalesce(self_promotion, 0) < {ON}
    GROUP BY 1
)
SELECT b.*, coalesce(r.responses, 0) AS responses,
       coalesce(r.appreciative, 0) AS appreciative,
       (b.likes IS NOT NULL OR b.reposts IS NOT NULL OR b.replies IS NOT NULL) AS has_metrics,
       coalesce(b.likes, 0) + coalesce(b.reposts, 0) + coalesce(b.replies, 0) AS interactions,
       a.followers,
       100 * (0.6 * greatest(0, least(1, (b.readability - {_HARD}) / {_PLAIN - _HARD}))
            + 0.4 * CASE WHEN b.platform IN ({_LONG_FORM})
                         THEN greatest(0, least(1, ({_LL} - b.length) / {_LL - _LS}))
                         ELSE greatest(0, least(1, ({_ML} - b.length) / {_ML - _MS})) END)
         AS kiss
FROM brand_msgs b
LEFT JOIN resp r ON r.id = b.id
LEFT JOIN accounts a ON a.id = b.author_id
WHERE b.parent_id IS NULL AND b.kind <> 'repost' AND in_scope(b.brand)
"""

# -- the audience (docs/audience.md; brandcouch.audience.members explains each table) --------


def _people_rows(people: dict | None) -> list[tuple[str, str, str]]:
    rows = []
    for name, refs in (people or {}).items():
        for ref in [refs] if isinstance(refs, str) else refs:
            platform, _, handle = str(ref).partition(":")
            rows.append((f"person:{name}", platform.strip().lower(), handle.strip().lstrip("@")))
    return rows


def _build_person_links(runner: Runner) -> None:
    """``person_links(account_id, person)`` from the ``[people]`` table: ``{"Ann Lee":
    ["twitter:annlee", "mastodon:ann@social.example"]}`` (``platform:handle`` or
    ``platform:native_id``). Unknown accounts are ignored (they may be imported later)."""
    con = runner.store.con
    refs = pd.DataFrame(  # noqa: F841 - read by DuckDB below
        _people_rows(runner.people), columns=["person", "p", "r"], dtype=object
    )
    if is_engine_store(runner.store):
        runner.store.engine.register("person_refs", refs, _varchars(refs))
        runner.store.engine.materialise("person_links", PERSON_LINKS.format(refs="person_refs"))
        return
    con.execute(f"CREATE OR REPLACE TEMP TABLE person_links AS {PERSON_LINKS.format(refs='refs')}")


#: an account linked to several people keeps the first by name
PERSON_LINKS = """
SELECT a.id AS account_id, min(r.person::VARCHAR) AS person
FROM {refs} r JOIN accounts a
  ON a.platform = r.p AND (a.native_id = r.r OR lower(a.handle) = lower(r.r))
GROUP BY a.id
"""


AUD_PERSON = f"""
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

AUD_MSGS = f"""
WITH base AS (
    SELECT i.brand, p.person, i.author_id AS account_id, i.platform, i.id, i.created_at,
           coalesce(i.root_id, i.id) AS thread, i.text_hash, i.replied, i.n_replies,
           i.first_reply_at, i.sentiment,
           coalesce(i.complaint, 0) >= {ON} AS is_complaint,
           coalesce(i.question, 0) >= {ON} AS is_question,
           coalesce(i.gratitude, 0) >= {ON} AS is_grateful,
           -- asking for help is not spamming: a complaint or question is never self-promotion
           coalesce(i.self_promotion, 0) >= {ON} AND coalesce(i.complaint, 0) < {ON}
             AND coalesce(i.question, 0) < {ON} AS is_promo,
           coalesce(i.recommendation, 0) >= {ON} AND coalesce(i.question, 0) < {ON}
             AS rec_candidate,
           -- a turn of a conversation: answered, or itself answering a brand reply
           i.replied OR bp.id IS NOT NULL AS is_turn
    FROM inbound i JOIN aud_person p ON p.account_id = i.author_id
    LEFT JOIN brand_msgs bp
      ON bp.id = i.parent_id AND bp.brand = i.brand AND bp.parent_id IS NOT NULL
)
-- a "which would you recommend?" is a question; "don't switch to X, trust me" a warning
SELECT a.* EXCLUDE (rec_candidate),
       a.rec_candidate AND NOT coalesce(regexp_matches(lower(x.text), {sql_literal(NEGATION)}),
                                        false) AS is_rec
FROM base a LEFT JOIN messages x ON a.rec_candidate AND x.id = a.id
"""

#: ``last_sentiment``: the sentiment of the thread's last message (ties: the largest id)
AUD_THREAD = """
SELECT brand, person, thread,
       greatest(1, count(*) FILTER (WHERE is_turn) + sum(n_replies)) AS turns,
       max(created_at) AS last_at,
       arg_max(sentiment, (created_at, id)) FILTER (WHERE created_at IS NOT NULL)
         AS last_sentiment
FROM aud_msgs GROUP BY brand, person, thread
"""

AUD_STATS = f"""
WITH busy AS (  -- only members with enough messages can show a bot's cadence
    SELECT brand, person FROM aud_msgs WHERE created_at IS NOT NULL
    GROUP BY brand, person HAVING count(*) >= {BOT_CADENCE_MIN}
), gaps AS (
    SELECT m.brand, m.person,
           {seconds_between("lag(m.created_at) OVER w", "m.created_at")} AS gap
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
               (t.last_at > m.first_reply_at AND t.last_sentiment <= {NEGATIVE})))
             AS unresolved_complaints,
           count(*) FILTER (WHERE m.is_question) AS questions,
           count(*) FILTER (WHERE m.is_promo) AS promo_messages,
           count(*) FILTER (WHERE m.is_rec) AS recommendations,
           count(*) FILTER (WHERE m.is_grateful) AS grateful_messages,
           count(*) FILTER (WHERE m.sentiment >= {POSITIVE}) AS positive_messages
    FROM aud_msgs m JOIN aud_thread t USING (brand, person, thread)
    GROUP BY m.brand, m.person
)
SELECT m.*, ma.account_id, ma.handle, a.accounts, a.platforms,
       array_length(a.platforms) AS n_platforms, a.followers, a.automated_look,
       d.depth_max, d.depth_mean, d.threads,
       coalesce(c.n_gaps, 0) AS n_gaps, c.gap_mean_s, c.gap_std_s
FROM msgs m
JOIN accts a USING (brand, person)
JOIN main_account ma USING (brand, person)
JOIN depth d USING (brand, person)
LEFT JOIN cadence c USING (brand, person)
"""

AUD_BRAND_TERMS = f"""
SELECT DISTINCT brand, term FROM (
    SELECT name AS brand, lower(name) AS term FROM brand_names
    UNION ALL
    SELECT bm.brand, lower(ltrim(a.handle, '@')) FROM brand_map bm
    JOIN accounts a ON a.id = bm.account_id WHERE a.handle IS NOT NULL
) WHERE length(term) >= {MIN_TERM_LENGTH}
"""

AUD_RECS = f"""
WITH cand AS (
    SELECT m.id, m.author_id, m.platform, m.created_at, m.recommendation,
           lower(x.text) AS lt
    FROM mb m JOIN messages x ON x.id = m.id
    WHERE m.author_brand IS NULL AND m.kind <> 'repost'
      AND m.recommendation >= {ON} AND coalesce(m.question, 0) < {ON}
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

AUD_MEMBERS = f"""
WITH base AS (
    SELECT s.* EXCLUDE (recommendations),
           s.recommendations + coalesce(r.elsewhere, 0) AS recommendations,
           {days_since_last_sql()} AS days_since_last
    FROM aud_stats s
    LEFT JOIN (SELECT brand, person, count(*) AS elsewhere FROM aud_recs
               WHERE NOT inbound GROUP BY brand, person) r USING (brand, person)
), parts AS (
    SELECT *, {part_columns_sql()}, {segment_sql()} AS segment, {bot_reason_sql()}
           AS bot_reason
    FROM base
)
SELECT *, {tie_strength_sql()} AS tie_strength, {quality_sql()} AS quality FROM parts
"""

# -- the steps -------------------------------------------------------------------------------

_FRAME_STEPS: tuple[Step, ...] = (
    Step(
        "config_brand_accounts",
        build=_build_config_brand_accounts,
        key=lambda r: repr(_config_brands(r)),
    ),
    Step("brand_map", BRAND_MAP, needs=("config_brand_accounts",)),
    Step("brand_names", BRAND_NAMES, needs=("config_brand_accounts",)),
    Step(
        "run_settings",
        build=_build_run_settings,
        key=lambda r: str(int(r.config.setting("canned_min_repeats"))),
    ),
    Step("predicates", build=_build_predicates, key=lambda r: "\n".join(MACROS)),
    Step("temp_signal_values", build=_build_temp_signal_values),
    Step("signal_values_all", SIGNAL_VALUES_ALL, needs=("temp_signal_values",), view=True),
    Step("sig", _sig, needs=("signal_values_all",)),
    Step("mb", _mb, needs=("brand_map", "sig", "signal_values_all")),
    Step("to_brand", TO_BRAND, needs=("mb", "brand_map")),
    Step("brand_replies", BRAND_REPLIES, needs=("mb",)),
    Step("run_scope", build=_build_scope, key=lambda r: repr(r.scope) + IN_SCOPE),
    Step("inbound", INBOUND, needs=("mb", "to_brand", "brand_replies", "run_scope")),
    Step("brand_msgs", BRAND_MSGS, needs=("mb", "run_scope")),
    Step("msg_tree", MSG_TREE, needs=("mb",)),
    Step("turns", TURNS, needs=("inbound", "brand_msgs", "msg_tree", "mb", "predicates")),
    Step("turn_facts", TURN_FACTS, needs=("turns", "mb", "predicates", "run_scope")),
    Step("turn_needs", TURN_NEEDS, needs=("turn_facts", "mb")),
    Step(
        "reply_keys",
        build=_build_reply_keys,
        needs=("brand_msgs", "run_scope", "signal_values_all"),
        key=lambda r: _templates_version(),
    ),
    Step(
        "breply",
        BREPLY,
        needs=(
            "brand_msgs",
            "reply_keys",
            "inbound",
            "mb",
            "run_settings",
            "predicates",
            "run_scope",
        ),
    ),  # fmt: skip
    Step("inb", INB, needs=("inbound", "breply", "mb", "predicates", "run_scope")),
    Step("reply_push", REPLY_PUSH, needs=("brand_msgs", "mb")),
    Step(
        "conv_judgements",
        CONV_JUDGEMENTS,
        needs=("turn_facts", "msg_tree", "brand_msgs", "mb", "breply", "reply_push"),
    ),
    Step("conv_evidence", CONV_EVIDENCE, needs=("conv_judgements",)),
    Step("bposts", BPOSTS, needs=("brand_msgs", "mb", "run_scope")),
    Step("person_links", build=_build_person_links, key=lambda r: repr(_people_rows(r.people))),
    Step("aud_person", AUD_PERSON, needs=("mb", "person_links")),
    Step("aud_msgs", AUD_MSGS, needs=("inbound", "aud_person", "brand_msgs")),
    Step("aud_thread", AUD_THREAD, needs=("aud_msgs",)),
    Step("aud_stats", AUD_STATS, needs=("aud_msgs", "aud_thread", "aud_person")),
    Step("aud_brand_terms", AUD_BRAND_TERMS, needs=("brand_names", "brand_map")),
    Step(
        "aud_recs", AUD_RECS, needs=("mb", "aud_brand_terms", "aud_msgs", "inbound", "aud_person")
    ),
    Step("aud_members", AUD_MEMBERS, needs=("aud_stats", "aud_recs")),
)

#: every step by name (signal scoring's ``todo_*`` steps are added by analysis.signals)
STEPS: dict[str, Step] = {s.name: s for s in _FRAME_STEPS}

#: what each part of the analysis reads
FRAME = ("inbound", "brand_msgs", "turns")
ELEMENT_TABLES = (
    "inbound",
    "breply",
    "inb",
    "bposts",
    "predicates",
    "turns",
    "turn_facts",
    "turn_needs",
    "reply_push",
    "conv_judgements",
    "conv_evidence",
)
AUDIENCE_TABLES = ("aud_members", "aud_recs", "aud_msgs", "aud_person")


def register(step: Step) -> Step:
    """Declare a step (its needs must be declared already)."""
    missing = [n for n in step.needs if n not in STEPS]
    if missing:
        raise ValueError(f"step {step.name!r} needs undeclared steps {missing}")
    STEPS[step.name] = step
    return step


# -- the runner ------------------------------------------------------------------------------

#: per connection: step name → (fingerprint, serial of the build)
_BUILT: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
#: per connection: the configuration and people of the last runner given one explicitly
_LAST: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_SERIAL = itertools.count(1)


def _built(store: Store) -> dict[str, tuple[str, int]]:
    try:
        return _BUILT.setdefault(store.con, {})
    except TypeError:  # a connection object that cannot be weakly referenced
        return {}


def reset(store: Store) -> None:
    """Forget what was built on this connection (a new run rebuilds from the store)."""
    _built(store).clear()


def dependants(name: str) -> set[str]:
    """Every step that needs ``name``, directly or not."""
    out: set[str] = set()
    todo = [name]
    while todo:
        n = todo.pop()
        for s in STEPS.values():
            if n in s.needs and s.name not in out:
                out.add(s.name)
                todo.append(s.name)
    return out


def invalidate(store: Store, name: str) -> None:
    """Mark ``name`` and what depends on it as stale (rebuilt at the next ``ensure``)."""
    built = _built(store)
    for n in {name, *dependants(name)}:
        built.pop(n, None)


class Runner:
    """Materialises steps on ``store``'s connection for one configuration (its ``[brands]``
    overlay, settings and ``[people]``; ``people`` overrides the configuration's table).
    ``scope`` limits the element tables (``breply``, ``inb``, ``bposts`` ...) to some brands.
    Without either, the configuration of the connection's last run is used (so a drill-down
    after a run reuses its tables), else the defaults."""

    def __init__(
        self,
        store: Store,
        config: Config | None = None,
        *,
        people: dict | None = None,
        scope: Iterable[str] | None = None,
        window: tuple[datetime, datetime] | None = None,
    ):
        self.store = store
        #: the analysed window ``(since, until)`` as naive UTC datetimes, until exclusive
        #: (None: every message); a reader after a run reuses the run's window
        self.window = window
        #: the brands the element tables are limited to (None: every brand)
        self.scope = None if scope is None else tuple(sorted(scope))
        last = _LAST.get(store.con) if config is None and people is None else None
        if last is not None:  # a reader after a run (the dashboard's drill-down): its config
            self.config, self.people, last_window = last
            self.window = window if window is not None else last_window
        else:
            self.config = config if config is not None else DEFAULT_CONFIG
            self.people = self.config.people if people is None else people
            with contextlib.suppress(TypeError):  # a connection without weak references
                _LAST[store.con] = (self.config, self.people, self.window)
        self.built = _built(store)
        #: names built by this runner, in order (for tests and timing)
        self.log: list[str] = []

    def ensure(self, *names: str) -> Runner:
        for name in names:
            self._ensure(name, ())
        return self

    def _ensure(self, name: str, stack: tuple[str, ...]) -> int:
        if name in stack:
            raise ValueError(f"steps form a cycle: {' -> '.join((*stack, name))}")
        try:
            step = STEPS[name]
        except KeyError:
            raise ValueError(f"no analysis step named {name!r}") from None
        newest = max((self._ensure(n, (*stack, name)) for n in step.needs), default=0)
        fp = step.fingerprint(self)
        have = self.built.get(name)
        if have is not None and have[0] == fp and have[1] >= newest:
            return have[1]
        self._build(step)
        serial = next(_SERIAL)
        self.built[name] = (fp, serial)
        self.log.append(name)
        return serial

    def _build(self, step: Step) -> None:
        if step.build is not None:
            step.build(self)
            return
        engine_of(self.store).materialise(step.name, step.render(self), step.view)


def ensure(
    store: Store, *names: str, config: Config | None = None, people: dict | None = None
) -> Runner:
    """Materialise ``names`` (and their needs) on ``store`` unless already built."""
    return Runner(store, config, people=people).ensure(*names)


def order(names: Iterable[str] | None = None) -> list[str]:
    """The steps (all, or ``names`` and their needs) in an order that builds needs first."""
    out: list[str] = []

    def visit(n: str, stack: tuple[str, ...]) -> None:
        if n in stack:
            raise ValueError(f"steps form a cycle: {' -> '.join((*stack, n))}")
        if n in out:
            return
        for m in STEPS[n].needs:
            visit(m, (*stack, n))
        out.append(n)

    for n in names if names is not None else list(STEPS):
        visit(n, ())
    return out
