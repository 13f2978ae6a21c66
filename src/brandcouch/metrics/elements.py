"""The four elements and relationship health for every brand, channel and period.

:func:`prepare_tables` adds, after :func:`brandcouch.metrics.frame.build_frame`, the temp tables
the elements read (all in SQL, except the canned-reply keys, computed once per distinct reply
text in Python):

``breply``        brand replies, with ``template_key``/``template_uses``/``canned``, and, when
                  they answer an inbound message (``to_inbound``), the response time and what
                  the parent was (``parent_needs``, ``parent_negative``, ``parent_complaint``,
                  ``parent_is_followup``)
``inb``           ``inbound`` plus ``needs`` (a reply is needed), ``acked`` (answered with an
                  apology/acknowledgement), ``deletion_source`` (its channel records
                  deletions), ``is_followup`` (a reply to the brand's own reply), the author's
                  message count/answered with the brand, and the customer's next message in the
                  thread after the brand's first reply (``after_id``, ``after_sentiment``,
                  ``after_gratitude``)
``bposts``        brand top-level posts with direct audience ``responses``/``appreciative``,
                  ``interactions``, ``has_metrics``, the account's ``followers`` and ``kiss``
``outcome_msgs``  the customers' next messages, keyed like the inbound they follow

:func:`group_scores` then scores each element per group of a grouping (brand / channel / week /
month) with one query per component family, GROUP BY the grouping keys.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from brandcouch import settings as settings_mod
from brandcouch.metrics import empathy, mutuality, transparency, value
from brandcouch.metrics.component import SIGNAL_ON, score_element
from brandcouch.metrics.evidence import collect_evidence
from brandcouch.metrics.health import health
from brandcouch.metrics.responsiveness import GROUPINGS
from brandcouch.signals import canned_keys
from brandcouch.store import Store

SPECS = (empathy.SPEC, value.SPEC, transparency.SPEC, mutuality.SPEC)
FRAMES = {
    "empathy": empathy.frame,
    "value": value.frame,
    "transparency": transparency.frame,
    "mutuality": mutuality.frame,
}
#: evidence messages per direction for periods (brands and channels use the ``evidence`` setting)
PERIOD_EVIDENCE = 2


def element_settings(config: dict | None = None) -> dict:
    names = ("min_inbound", "min_posts", "evidence", "canned_min_repeats")
    return {n: settings_mod.get(n, config=config) for n in names}


def _reply_keys(store: Store) -> None:
    texts = store.df(
        """
        SELECT DISTINCT m.text_hash, m.text FROM messages m
        JOIN brand_msgs b ON b.id = m.id WHERE b.parent_id IS NOT NULL
        """
    )
    keys = pd.DataFrame(
        {"text_hash": texts["text_hash"], "template_key": canned_keys(texts["text"].tolist())}
    )
    store.con.register("reply_keys_df", keys)
    store.con.execute("CREATE OR REPLACE TEMP TABLE reply_keys AS SELECT * FROM reply_keys_df")
    store.con.unregister("reply_keys_df")


def _breply(store: Store, canned_min: int) -> None:
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE breply AS
        WITH r AS (
            SELECT b.*, coalesce(k.template_key, '') AS template_key,
                   count(*) OVER (PARTITION BY b.brand, coalesce(k.template_key, ''))
                     AS template_uses
            FROM brand_msgs b LEFT JOIN reply_keys k ON k.text_hash = b.text_hash
            WHERE b.parent_id IS NOT NULL AND b.kind <> 'repost'
        )
        SELECT r.*, (r.template_key <> '' AND r.template_uses >= {int(canned_min)}) AS canned,
               i.id IS NOT NULL AS to_inbound,
               coalesce(i.question >= {SIGNAL_ON} OR i.complaint >= {SIGNAL_ON}, false)
                 AS parent_needs,
               coalesce(i.sentiment <= -0.3 OR i.complaint >= {SIGNAL_ON}, false)
                 AS parent_negative,
               i.complaint AS parent_complaint,
               CASE WHEN r.created_at >= i.created_at
                    THEN date_diff('second', i.created_at, r.created_at) / 60.0 END
                 AS response_minutes,
               coalesce(pp.author_brand = r.brand AND pp.parent_id IS NOT NULL, false)
                 AS parent_is_followup
        FROM r
        LEFT JOIN inbound i ON i.id = r.parent_id AND i.brand = r.brand
        LEFT JOIN mb pp ON pp.id = i.parent_id
        """
    )


def _inb(store: Store) -> None:
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE inb AS
        WITH ack AS (
            SELECT parent_id AS id, brand, max(apology) AS max_apology
            FROM breply WHERE to_inbound GROUP BY 1, 2
        ), nxt AS (
            SELECT i.id, i.brand, arg_min(m.id, m.created_at) AS after_id,
                   min(m.created_at) AS after_at,
                   arg_min(m.sentiment, m.created_at) AS after_sentiment,
                   arg_min(m.gratitude, m.created_at) AS after_gratitude
            FROM inbound i JOIN mb m
              ON m.author_id = i.author_id
             AND coalesce(m.root_id, m.id) = coalesce(i.root_id, i.id)
             AND m.created_at > i.first_reply_at AND m.id <> i.id AND m.kind <> 'repost'
            WHERE i.replied GROUP BY 1, 2
        ), members AS (
            SELECT brand, author_id, count(*) AS member_messages,
                   bool_or(replied) AS member_answered
            FROM inbound GROUP BY 1, 2
        ), deleting AS (SELECT DISTINCT platform FROM messages WHERE deleted)
        SELECT i.*,
               coalesce(i.question >= {SIGNAL_ON} OR i.complaint >= {SIGNAL_ON}, false) AS needs,
               coalesce(a.max_apology >= {SIGNAL_ON}, false) AS acked,
               i.platform IN (SELECT platform FROM deleting) AS deletion_source,
               coalesce(p.author_brand = i.brand AND p.parent_id IS NOT NULL, false)
                 AS is_followup,
               mem.member_messages, mem.member_answered,
               n.after_id, n.after_at, n.after_sentiment, n.after_gratitude
        FROM inbound i
        LEFT JOIN ack a ON a.id = i.id AND a.brand = i.brand
        LEFT JOIN nxt n ON n.id = i.id AND n.brand = i.brand
        LEFT JOIN mb p ON p.id = i.parent_id
        LEFT JOIN members mem ON mem.brand = i.brand AND mem.author_id = i.author_id
        """
    )
    store.con.execute(
        """
        CREATE OR REPLACE TEMP TABLE outcome_msgs AS
        SELECT after_id AS id, brand, platform, week, month, after_gratitude,
               after_sentiment - sentiment AS sentiment_change, after_at AS created_at
        FROM inb WHERE after_id IS NOT NULL
        """
    )


def _bposts(store: Store) -> None:
    long_form = ", ".join(f"'{p}'" for p in value.LONG_FORM)
    (ms, ml), (ls, ll) = value.MICRO_LENGTH, value.LONG_LENGTH
    hard, plain = value.FLESCH_HARD, value.FLESCH_PLAIN
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE bposts AS
        WITH resp AS (
            SELECT parent_id AS id, count(*) AS responses,
                   count(*) FILTER (WHERE gratitude >= {SIGNAL_ON} OR sentiment >= 0.5)
                     AS appreciative
            FROM mb
            WHERE author_brand IS NULL AND parent_id IS NOT NULL AND NOT deleted
              AND kind <> 'repost' AND coalesce(self_promotion, 0) < {SIGNAL_ON}
            GROUP BY 1
        )
        SELECT b.*, coalesce(r.responses, 0) AS responses,
               coalesce(r.appreciative, 0) AS appreciative,
               (b.likes IS NOT NULL OR b.reposts IS NOT NULL OR b.replies IS NOT NULL)
                 AS has_metrics,
               coalesce(b.likes, 0) + coalesce(b.reposts, 0) + coalesce(b.replies, 0)
                 AS interactions,
               a.followers,
               100 * (0.6 * greatest(0, least(1, (b.readability - {hard}) / {plain - hard}))
                    + 0.4 * CASE WHEN b.platform IN ({long_form})
                                 THEN greatest(0, least(1, ({ll} - b.length) / {ll - ls}))
                                 ELSE greatest(0, least(1, ({ml} - b.length) / {ml - ms})) END)
                 AS kiss
        FROM brand_msgs b
        LEFT JOIN resp r ON r.id = b.id
        LEFT JOIN accounts a ON a.id = b.author_id
        WHERE b.parent_id IS NULL AND b.kind <> 'repost'
        """
    )


def prepare_tables(store: Store, canned_min_repeats: int = 3) -> None:
    """Create ``breply``, ``inb``, ``outcome_msgs`` and ``bposts`` (see the module docstring)."""
    _reply_keys(store)
    _breply(store, canned_min_repeats)
    _inb(store)
    _bposts(store)


def _group(row: dict, keys: tuple[str, ...]) -> tuple:
    return tuple(row[c] for c in keys)


def group_scores(store: Store, grouping: str, cfg: dict) -> dict[tuple, dict]:
    """``{group key: {"elements": {element: score dict}, "health": dict}}`` for a grouping."""
    keys = GROUPINGS[grouping]
    limit = cfg["evidence"] if grouping in ("brand", "channel") else PERIOD_EVIDENCE
    evidence = collect_evidence(store, SPECS, keys, limit)
    rows: dict[tuple, dict[str, dict]] = defaultdict(dict)
    for spec in SPECS:
        for row in FRAMES[spec.name](store, keys).to_dict("records"):
            rows[_group(row, keys)][spec.name] = row
    out = {}
    for group, by_element in rows.items():
        elements = {}
        for spec in SPECS:
            el = score_element(spec, by_element.get(spec.name, {}), cfg[spec.min_setting])
            ev = evidence.get(group, {}).get(spec.name)
            if ev:
                el["evidence"] = ev
            elements[spec.name] = el
        out[group] = {"elements": elements, "health": health(elements)}
    return out


def empty_scores(cfg: dict) -> dict:
    """Scores of a group with no data at all."""
    elements = {s.name: score_element(s, {}, cfg[s.min_setting]) for s in SPECS}
    return {"elements": elements, "health": health(elements)}


def attach_elements(store: Store, brands: list[dict], config: dict | None = None) -> dict:
    """Add ``elements``, ``health`` and ``periods`` to each brand dict and ``elements`` and
    ``health`` to each of its ``channels``. Expects ``build_frame`` to have run. Returns the
    settings used."""
    from brandcouch.metrics.periods import brand_periods

    cfg = element_settings(config)
    prepare_tables(store, cfg["canned_min_repeats"])
    overall = {g[0]: s for g, s in group_scores(store, "brand", cfg).items()}
    channels = group_scores(store, "channel", cfg)
    periods = brand_periods(store, cfg)
    for b in brands:
        s = overall.get(b["name"]) or empty_scores(cfg)
        b["elements"], b["health"] = s["elements"], s["health"]
        for ch in b.get("channels", []):
            cs = channels.get((b["name"], ch["platform"])) or empty_scores(cfg)
            ch["elements"], ch["health"] = cs["elements"], cs["health"]
        b["periods"] = periods.get(b["name"], [])
    return cfg
