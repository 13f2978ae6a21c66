"""Per-conversation judgements: owned, deflected only, personal, outcome
(docs/metrics.md, "Conversation judgements").

The SQL of the ``conv_judgements`` step (declared in :mod:`brandcouch.analysis.steps`): one
row per **unit** (brand, thread_id, customer_id), a customer's conversation with the brand, for
every customer with a turn for that brand (``turns``). On comment platforms one thread (a blog
post, a video, a Facebook post) holds many customers, judged separately (on TWCS a thread has
one customer, so the unit is the conversation as before). A turn with no known author is its
own unit (``customer_id`` '(no author) <turn id>').

A **public reply** of a unit is a brand reply (``breply``: not a repost, with a parent) that
answers that customer's turns: the first reply of one of their turns, or any brand message
below a message of one of their turns in the reply tree (a reply under two customers' turns
belongs to both units). A complaint unit with no public reply is **unanswered**:
``answered_public`` false, neither owned nor deflected only (transparency counts it as not
owned, unless a turn was answered outside the data). Customer turns and public
replies are put in one sequence, ordered like the turns (by time where the conversation is
timed, else by the reply tree).

``complaint``        any customer turn complains; ``complaint_turn_id`` the first one
``answered_public``  the conversation has a public reply
``owned``            a public reply, after the first complaint turn (the first customer turn
                     where none complains: a problem the complaint signal misses is still
                     judged; transparency counts complaint conversations only), engages with
                     the specific problem: ``engagement``
                     >= ENGAGED (acknowledges it specifically, asks a diagnostic question,
                     informs / instructs / fixes, or commits to a concrete visible step; in a
                     reply that pushes to a private channel or a link, only acknowledging,
                     diagnosing or committing counts: its information is the push);
                     ``owned_reply_id`` the most engaged such reply (what evidence quotes)
``deflected_only``   answered publicly, and every public reply only pushes to a private
                     channel or gives a generic link (``act_private`` >= PUSH or ``act_link``
                     >= PUSH, with ``engagement`` < ENGAGED); a reply that only closes or
                     thanks (``act_close`` >= PUSH, nothing else) after such a push does not
                     undo it; ``deflect_reply_id`` the first pushing reply
``personal``         a public reply is not canned (``breply.canned``)
``outcome``          from the customer's own turns after the brand's first public reply
                     (the *later turns*), against the conversation's first customer turn:

                     * ``unknown``: no later turn; or the brand's last public reply pushed to
                       a private channel and no customer turn followed it, with no resolution
                       or thanks before it
                     * ``better``: the last later turn thanks (``gratitude`` >= ON, and is not
                       a complaint) or says it is resolved (``resolved`` >= ON); or an earlier
                       later turn did and the last one is not worse; or the last later turn's
                       sentiment is at least SENTIMENT_STEP above the first turn's, positive
                       (>= SENTIMENT_STEP) and it does not complain
                     * ``worse``: the last later turn complains and either says the problem
                       persists (``persisting`` >= ON: "still", "again", "nothing has",
                       "useless") or its sentiment is at least SENTIMENT_STEP below the first
                       turn's; or any later complaint turn says it persists (with no better
                       last turn)
                     * ``same``: later turns with neither
                     ``outcome_turn_id`` the customer turn the outcome is read from

Also: ``platform``, ``week``, ``month`` (of the first customer turn), ``first_at``,
``customer_turns``, ``public_replies``, ``first_reply_id`` (the first public reply),
``outside_data`` (no public reply and a turn the source says was answered outside the data),
``deleted_complaint`` (a complaint turn whose messages are all deleted).

The act signals (``engagement``, ``act_private``, ``act_link``, ``act_close``) come from
``brandcouch.signals.acts``; a signal the registry does not have reads as missing (0), with
``deflection`` standing in for ``act_private``.
"""

from __future__ import annotations

from brandcouch.model.vocabulary import SIGNAL_ON

#: a public reply engages with the problem at this ``engagement``
ENGAGED = 0.5
#: a reply pushes to a private channel / gives a generic link / only closes at this score
PUSH = 0.5
#: "clearly" better or worse: a change of last-turn sentiment against the first (VADER)
SENTIMENT_STEP = 0.3
ON = SIGNAL_ON


def _signal_expr(name: str, have: frozenset[str], fallback: str = "NULL") -> str:
    return f"r.{name}" if name in have else f"{fallback}::DOUBLE"


def judgements_sql(signals: frozenset[str] | None = None) -> str:
    """The step's SELECT for the per-text signals ``signals`` (default: the registry's)."""
    if signals is None:
        from brandcouch.metrics.frame import frame_signals

        signals = frozenset(frame_signals())
    eng = _signal_expr("engagement", signals)
    # what still engages in a reply that pushes to a private channel or a link: naming the
    # problem, a diagnostic question or a concrete step; its "information" is the channel
    pushed_eng = (
        "greatest(coalesce(r.act_acknowledge, 0), coalesce(r.act_diagnose, 0), "
        "coalesce(r.act_commit, 0))"
        if {"act_acknowledge", "act_diagnose", "act_commit"} <= signals
        else "0::DOUBLE"
    )
    private = (
        "greatest(coalesce(r.act_private, 0), coalesce(r.deflection, 0))"
        if "act_private" in signals
        else "r.deflection"
    )
    link = _signal_expr("act_link", signals)
    close = _signal_expr("act_close", signals)
    resolved = "m.resolved" if "resolved" in signals else "NULL::DOUBLE"
    persisting = "m.persisting" if "persisting" in signals else "NULL::DOUBLE"
    went_private = "m.went_private" if "went_private" in signals else "NULL::DOUBLE"
    return f"""
WITH t AS (
    -- the unit is (brand, thread_id, customer_id); a turn with no known author is its own
    SELECT t.* REPLACE (coalesce(t.customer_id, '(no author) ' || t.turn_id) AS customer_id),
           mt.depth, mt.path
    FROM turns t JOIN msg_tree mt ON mt.id = t.turn_id
    WHERE in_scope(t.brand)
), tm AS (  -- every message of every customer turn
    SELECT brand, thread_id, customer_id, turn_id, unnest(message_ids) AS id FROM t
), turn_sig AS (
    SELECT x.brand, x.turn_id,
           max(m.gratitude) AS gratitude, max({resolved}) AS resolved,
           max({persisting}) AS persisting, min(coalesce({went_private}, 0)) AS went_private,
           arg_max(m.sentiment, coalesce(m.created_at, TIMESTAMP '1970-01-01'))
             AS last_sentiment
    FROM tm x JOIN mb m ON m.id = x.id GROUP BY 1, 2
), pub_ids AS (  -- public replies of a unit: the first reply of one of the customer's
                --  turns, or a brand message below a message of one of them
    SELECT DISTINCT brand, thread_id, customer_id, first_reply_id AS id FROM t
    WHERE first_reply_id IS NOT NULL
    UNION
    SELECT DISTINCT r.brand, tm.thread_id, tm.customer_id, r.id
    FROM (SELECT b.id, b.brand, unnest(mt.path) AS anc
          FROM breply b JOIN msg_tree mt ON mt.id = b.id) r
    JOIN tm ON tm.brand = r.brand AND tm.id = r.anc
), conv_timed AS (
    SELECT brand, thread_id, customer_id, bool_and(timed) AS timed FROM t GROUP BY 1, 2, 3
), seq AS (
    SELECT t.brand, t.thread_id, t.turn_id AS id, false AS is_reply, t.first_at AS seq_at,
           t.depth, t.path, t.turn_id, t.customer_id, t.complaint, t.first_sentiment,
           t.answered_outside_data, t.deleted, t.platform, t.week, t.month,
           s.gratitude, s.resolved, s.persisting, s.went_private, s.last_sentiment,
           NULL::DOUBLE AS engagement, NULL::BOOLEAN AS pushes, NULL::BOOLEAN AS closes,
           NULL::BOOLEAN AS canned
    FROM t LEFT JOIN turn_sig s ON s.brand = t.brand AND s.turn_id = t.turn_id
    UNION ALL
    SELECT p.brand, p.thread_id, r.id, true, r.created_at, mt.depth, mt.path, NULL, p.customer_id,
           NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
           CASE WHEN coalesce({private}, 0) >= {PUSH} OR coalesce({link}, 0) >= {PUSH}
                THEN least(coalesce({eng}, 0), {pushed_eng}) ELSE coalesce({eng}, 0) END,
           coalesce({private}, 0) >= {PUSH} OR coalesce({link}, 0) >= {PUSH},
           coalesce({close}, 0) >= {PUSH},
           r.canned
    FROM pub_ids p JOIN breply r ON r.id = p.id AND r.brand = p.brand
    JOIN msg_tree mt ON mt.id = r.id
), ordered AS (
    SELECT s.*,
           row_number() OVER (
               PARTITION BY s.brand, s.thread_id, s.customer_id
               ORDER BY CASE WHEN c.timed THEN s.seq_at END,
                        CASE WHEN c.timed THEN s.depth END,
                        CASE WHEN NOT c.timed THEN s.path END,
                        s.is_reply, s.id) AS pos
    FROM seq s JOIN conv_timed c
      ON c.brand = s.brand AND c.thread_id = s.thread_id AND c.customer_id = s.customer_id
), marks AS (
    SELECT brand, thread_id, customer_id,
           -- where ownership is looked for: from the first complaint turn, else the first turn
           coalesce(min(pos) FILTER (WHERE NOT is_reply AND complaint),
                    min(pos) FILTER (WHERE NOT is_reply)) AS anchor_pos,
           min(pos) FILTER (WHERE is_reply) AS first_reply_pos,
           max(pos) FILTER (WHERE is_reply) AS last_reply_pos,
           max(pos) FILTER (WHERE NOT is_reply) AS last_turn_pos,
           -- the customer whose outcome is read: the first complaining one, else the first
           coalesce(arg_min(customer_id, pos) FILTER (WHERE NOT is_reply AND complaint),
                    arg_min(customer_id, pos) FILTER (WHERE NOT is_reply)) AS key_customer
    FROM ordered GROUP BY 1, 2, 3
), o AS (
    SELECT o.*, k.key_customer, k.anchor_pos, k.first_reply_pos, k.last_reply_pos, k.last_turn_pos,
           -- the key customer's turns after the first public reply, but for one that only
           -- says it went private ("I've DM'd you": it shows nothing of the outcome)
           NOT o.is_reply AND o.pos > k.first_reply_pos AND o.customer_id = k.key_customer
             AND coalesce(o.went_private, 0) < {ON} AS later,
           -- a later turn that says it is better: thanks without complaining, or resolved
           NOT o.is_reply AND (coalesce(o.resolved, 0) >= {ON}
               OR (coalesce(o.gratitude, 0) >= {ON} AND NOT o.complaint)) AS good,
           -- a later complaint turn that says the problem persists
           NOT o.is_reply AND o.complaint AND coalesce(o.persisting, 0) >= {ON} AS persists,
           -- a push, and a reply that only closes after one, is not engaging
           o.is_reply AND o.engagement < {ENGAGED}
             AND (o.pushes OR (o.closes AND o.pos > k.first_reply_pos)) AS push_only
    FROM ordered o JOIN marks k
      ON k.brand = o.brand AND k.thread_id = o.thread_id AND k.customer_id = o.customer_id
), conv AS (
    SELECT brand, thread_id, customer_id,
           arg_min(platform, pos) FILTER (WHERE NOT is_reply) AS platform,
           arg_min(week, pos) FILTER (WHERE NOT is_reply) AS week,
           arg_min(month, pos) FILTER (WHERE NOT is_reply) AS month,
           min(seq_at) FILTER (WHERE NOT is_reply) AS first_at,
           count(*) FILTER (WHERE NOT is_reply) AS customer_turns,
           count(*) FILTER (WHERE is_reply) AS public_replies,
           bool_or(complaint) AS complaint,
           arg_min(turn_id, pos) FILTER (WHERE complaint) AS complaint_turn_id,
           bool_or(deleted) FILTER (WHERE complaint) AS deleted_complaint,
           bool_or(answered_outside_data) AS any_outside,
           arg_min(id, pos) FILTER (WHERE is_reply) AS first_reply_id,
           bool_or(is_reply AND engagement >= {ENGAGED} AND pos > anchor_pos) AS owned_any,
           arg_min(id, [-engagement, pos]) FILTER (
               WHERE is_reply AND engagement >= {ENGAGED} AND pos > anchor_pos)
             AS owned_reply_id,
           bool_and(push_only) FILTER (WHERE is_reply) AS all_push,
           arg_min(id, pos) FILTER (WHERE is_reply AND pushes AND engagement < {ENGAGED})
             AS deflect_reply_id,
           bool_or(NOT canned) FILTER (WHERE is_reply) AS any_personal,
           arg_min(first_sentiment, pos) FILTER (WHERE NOT is_reply
               AND customer_id = key_customer) AS first_sentiment,
           -- the later turns
           count(*) FILTER (WHERE later) AS later_turns,
           arg_max(turn_id, pos) FILTER (WHERE later) AS last_turn_id,
           arg_max(good, pos) FILTER (WHERE later) AS last_good,
           arg_max(persists, pos) FILTER (WHERE later) AS last_persists,
           arg_max(complaint, pos) FILTER (WHERE later) AS last_complaint,
           arg_max(last_sentiment, pos) FILTER (WHERE later) AS last_sentiment,
           arg_max(turn_id, pos) FILTER (WHERE later AND good) AS good_turn_id,
           arg_max(turn_id, pos) FILTER (WHERE later AND persists) AS persist_turn_id,
           -- the brand's last public reply pushed and nothing followed it
           arg_max(pushes AND engagement < {ENGAGED}, pos) FILTER (WHERE is_reply)
             AND any_value(last_reply_pos) > any_value(last_turn_pos) AS ends_private
    FROM o GROUP BY 1, 2, 3
), judged AS (
    SELECT c.*,
           coalesce(c.owned_any, false) AS owned,
           c.public_replies > 0 AND coalesce(c.all_push, false) AS deflected_only,
           coalesce(c.any_personal, false) AS personal,
           c.last_complaint AND (c.last_persists
               OR c.last_sentiment <= c.first_sentiment - {SENTIMENT_STEP}) AS last_worse,
           NOT c.last_complaint AND c.last_sentiment >= {SENTIMENT_STEP}
               AND c.last_sentiment >= c.first_sentiment + {SENTIMENT_STEP} AS rose
    FROM conv c
)
SELECT brand, thread_id, customer_id, platform, week, month, first_at, customer_turns, public_replies,
       complaint, public_replies > 0 AS answered_public,
       public_replies = 0 AND any_outside AS outside_data,
       coalesce(deleted_complaint, false) AS deleted_complaint,
       owned, deflected_only, personal,
       CASE
           WHEN later_turns = 0 THEN 'unknown'
           WHEN last_good THEN 'better'
           WHEN last_worse THEN 'worse'
           WHEN good_turn_id IS NOT NULL THEN 'better'
           WHEN ends_private THEN 'unknown'
           WHEN persist_turn_id IS NOT NULL THEN 'worse'
           WHEN rose THEN 'better'
           ELSE 'same'
       END AS outcome,
       CASE WHEN owned THEN owned_reply_id END AS owned_reply_id,
       CASE WHEN deflected_only THEN deflect_reply_id END AS deflect_reply_id,
       complaint_turn_id,
       CASE
           WHEN later_turns = 0 THEN NULL
           WHEN last_good THEN last_turn_id
           WHEN last_worse THEN last_turn_id
           WHEN good_turn_id IS NOT NULL THEN good_turn_id
           WHEN ends_private THEN NULL
           WHEN persist_turn_id IS NOT NULL THEN persist_turn_id
           ELSE last_turn_id
       END AS outcome_turn_id,
       first_reply_id, first_sentiment, last_sentiment
FROM judged
"""


def judgements_step_sql(runner) -> str:  # noqa: ARG001 - the Step's callable form
    """The ``conv_judgements`` step's SQL for the registry's signals at build time (the step
    is rebuilt when the set of signals changes, e.g. once the act signals exist)."""
    return judgements_sql()
