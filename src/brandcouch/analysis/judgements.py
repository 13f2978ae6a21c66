"""Conversation judgements: owning the problem, deflected only, personal, outcome
(docs/metrics.md, "Conversation judgements").

The SQL of the ``conv_judgements`` and ``conv_evidence`` steps (declared in
:mod:`brandcouch.analysis.steps`). The unit is a **customer's conversation with a brand**:
one row per (brand, thread, customer) over the customer turns of :mod:`brandcouch.analysis.turns`.
Its public brand replies are the brand's messages whose nearest audience ancestor in the reply
tree is one of the customer's messages (a reply to the customer, or to the brand's own reply to
the customer; a reply to another customer below them answers that customer), and the first
answer of each of the customer's turns (a later message in a timed conversation).

* ``complaint`` -- a turn of the customer complains (complaint >= 0.5);
* ``engaged`` -- a public reply engages with the specific problem (the ``engagement`` signal:
  acknowledges it specifically, asks a diagnostic question, gives information or a fix, or
  commits to a concrete step; in a reply that pushes to a private channel or a link, only
  acknowledging, diagnosing or committing counts: its information is the push); ``owned`` = complaint AND engaged AND not every message of the
  customer deleted;
* ``deflected_only`` = complaint AND answered AND NOT engaged AND a reply pushes to a private
  channel or a generic link (``act_private`` or ``act_link`` >= 0.5; ``act_private`` after the
  DM-link rule of :mod:`brandcouch.analysis.dm_links`: a reply holding the brand's
  private-channel link and no engaging act is a push);
* ``personal`` -- answered, and a reply is not a canned template (``breply.canned``);
* ``outcome`` from the customer's own turns after the first answered one (``after``):
  ``unknown`` when there is no reply or no later turn, or every later message only says it
  went private ("DM sent"); ``better`` when the last later message says it is resolved and
  not that it persists (or one does and none says it persists); ``worse`` when one says the problem persists or anger
  rises (the last later message's sentiment at least ``WORSE_DROP`` below the first turn's
  and negative: a neutral follow-up question after a polite first turn, "how long does it
  normally take to reply?" after "…Thanks", is not anger rising);
  otherwise ``same``.
"""

from __future__ import annotations

from brandcouch.metrics.portable import epoch_ms
from brandcouch.model.vocabulary import SIGNAL_ON

ON = SIGNAL_ON
#: a fall of the customer's sentiment (-1..1) from the first turn to the last later message
#: that counts as anger rising
WORSE_DROP = 0.5

CONV_JUDGEMENTS = f"""
WITH t AS (SELECT * FROM turn_facts),
cmsg AS (  -- every message of the customer's turns, with its turn's place
    SELECT t.brand, t.thread_id, t.customer_id, t.turn_index, unnest(t.message_ids) AS id
    FROM t
),
rep AS (   -- the public brand replies to the customer: those whose nearest audience
          -- ancestor in the reply tree is one of the customer's messages ...
    SELECT DISTINCT c.brand, c.thread_id, c.customer_id, p.id AS reply_id
    FROM (SELECT a.brand, a.id, arg_max(a.anc, (ad.depth, a.anc)) AS anc  -- the nearest
          FROM (SELECT b.brand, b.id, unnest(mt.path) AS anc
                FROM brand_msgs b JOIN msg_tree mt ON mt.id = b.id
                WHERE b.kind <> 'repost') a
          JOIN mb m ON m.id = a.anc
          JOIN msg_tree ad ON ad.id = a.anc  -- an ancestor's depth is its place in the path
          WHERE a.anc <> a.id AND m.author_brand IS NULL
          GROUP BY a.brand, a.id) p
    JOIN cmsg c ON c.id = p.anc AND c.brand = p.brand
    UNION  -- ... or the first answer of one of its turns
    SELECT brand, thread_id, customer_id, first_reply_id FROM t WHERE answered
),
rs AS (   -- each reply's signals; in a reply that pushes to a private channel or a link only
          -- acknowledging, diagnosing or committing engages: its information is the push
    -- (a reply holding the brand's private-channel link and no engaging act is a push:
    -- reply_push, brandcouch.analysis.dm_links)
    SELECT r.*, m.created_at, br.canned,
           coalesce(rp.act_private, m.act_private, 0) >= {ON}
             OR coalesce(m.act_link, 0) >= {ON} AS pushes,
           CASE WHEN coalesce(rp.act_private, m.act_private, 0) >= {ON}
                  OR coalesce(m.act_link, 0) >= {ON}
                THEN greatest(coalesce(m.act_acknowledge, 0), coalesce(m.act_diagnose, 0),
                              coalesce(m.act_commit, 0))
                ELSE coalesce(m.engagement, 0) END AS engagement
    FROM rep r JOIN mb m ON m.id = r.reply_id
    LEFT JOIN breply br ON br.id = r.reply_id
    LEFT JOIN reply_push rp ON rp.id = r.reply_id
),
rj AS (
    SELECT r.brand, r.thread_id, r.customer_id,
           count(*) AS n_replies,
           bool_or(r.engagement >= {ON}) AS engaged,
           bool_or(r.pushes) AS pushed,
           bool_or(NOT coalesce(r.canned, false)) AS any_personal,
           arg_max(r.reply_id, (r.engagement, -{epoch_ms("r.created_at")}, r.reply_id))
             AS best_reply_id,
           arg_min(r.reply_id, (NOT r.pushes, r.created_at, r.reply_id)) AS push_reply_id
    FROM rs r
    GROUP BY 1, 2, 3
),
u AS (
    SELECT brand, thread_id, customer_id,
           count(*) AS n_turns,
           bool_or(complaint) AS complaint,
           bool_or(answered) AS answered,
           bool_or(needs_reply) AS needs_reply,
           NOT bool_or(answered) AND bool_or(answered_outside_data) AS outside_data,
           bool_and(deleted) AS deleted,
           bool_or(any_deleted) AS any_deleted,
           bool_or(deletion_source) AS deletion_source,
           min(turn_index) FILTER (WHERE answered) AS answered_index,
           arg_min(turn_id, (NOT complaint, turn_index)) AS id,
           arg_min(platform, (NOT complaint, turn_index)) AS platform,
           arg_min(week, (NOT complaint, turn_index)) AS week,
           arg_min(month, (NOT complaint, turn_index)) AS month,
           arg_min(first_at, (NOT complaint, turn_index)) AS first_at,
           arg_min(first_sentiment, (turn_index, turn_id)) AS first_sentiment,
           arg_min(coalesce(complaint_signal, 0), (NOT complaint, turn_index)) AS complaint_signal,
           sum(n_messages) AS n_messages
    FROM t GROUP BY 1, 2, 3
),
after AS ( -- the customer's messages in turns after the first answered one
    SELECT u.brand, u.thread_id, u.customer_id,
           count(*) AS n_after,
           bool_or(coalesce(m.resolved, 0) >= {ON}) AS any_resolved,
           bool_or(coalesce(m.persisting, 0) >= {ON}) AS any_persisting,
           bool_and(coalesce(m.went_private, 0) >= {ON}) AS all_private,
           arg_max(coalesce(m.resolved, 0) >= {ON}, (c.turn_index, m.created_at, m.id))
             AS last_resolved,
           arg_max(coalesce(m.persisting, 0) >= {ON}, (c.turn_index, m.created_at, m.id))
             AS last_persisting,
           arg_max(m.sentiment, (c.turn_index, m.created_at, m.id)) AS last_sentiment,
           arg_max(m.id, (c.turn_index, m.created_at, m.id)) AS last_id,
           arg_min(m.id, (c.turn_index, m.created_at, m.id))
             FILTER (WHERE coalesce(m.persisting, 0) >= {ON}) AS persisting_id,
           arg_min(m.id, (c.turn_index, m.created_at, m.id))
             FILTER (WHERE coalesce(m.resolved, 0) >= {ON}) AS resolved_id
    FROM u
    JOIN cmsg c ON c.brand = u.brand AND c.thread_id = u.thread_id
     AND c.customer_id = u.customer_id AND c.turn_index > u.answered_index
    JOIN mb m ON m.id = c.id
    WHERE NOT m.deleted
    GROUP BY 1, 2, 3
),
judged AS (
    SELECT u.*,
           coalesce(rj.n_replies, 0) AS n_replies,
           coalesce(rj.engaged, false) AS engaged,
           coalesce(rj.pushed, false) AS pushed,
           rj.best_reply_id, rj.push_reply_id,
           coalesce(a.n_after, 0) AS n_after,
           a.last_id, a.persisting_id, a.resolved_id, a.last_sentiment,
           CASE
             WHEN coalesce(rj.n_replies, 0) = 0 OR coalesce(a.n_after, 0) = 0 THEN 'unknown'
             WHEN (a.last_resolved AND NOT a.last_persisting)
               OR (a.any_resolved AND NOT a.any_persisting) THEN 'better'
             WHEN a.any_persisting
               OR (a.last_sentiment <= u.first_sentiment - {WORSE_DROP}
                   AND a.last_sentiment < 0) THEN 'worse'
             WHEN a.all_private THEN 'unknown'
             ELSE 'same'
           END AS outcome,
           coalesce(rj.any_personal, false) AS personal
    FROM u
    LEFT JOIN rj ON rj.brand = u.brand AND rj.thread_id = u.thread_id
     AND rj.customer_id = u.customer_id
    LEFT JOIN after a ON a.brand = u.brand AND a.thread_id = u.thread_id
     AND a.customer_id = u.customer_id
)
SELECT *,
       complaint AND engaged AND NOT deleted AS owned,
       complaint AND n_replies > 0 AND NOT engaged AND pushed AS deflected_only,
       CASE outcome WHEN 'better' THEN coalesce(resolved_id, last_id)
                    WHEN 'worse' THEN coalesce(persisting_id, last_id)
                    WHEN 'same' THEN last_id END AS outcome_id
FROM judged
"""

#: the messages the transparency evidence quotes, one row per (conversation, role): the
#: engaging reply of an owned complaint (``owned_reply``), the complaint of one not owned
#: (``not_owned``), the push of a deflected-only one (``deflected_reply``) and the customer's
#: message that decided a better or worse outcome (``outcome``)
CONV_EVIDENCE = """
SELECT brand, platform, week, month, best_reply_id AS id, 'owned_reply' AS role,
       complaint_signal, first_at AS created_at, outcome
FROM conv_judgements WHERE owned AND NOT outside_data
UNION ALL
SELECT brand, platform, week, month, id, 'not_owned', complaint_signal, first_at, outcome
FROM conv_judgements
WHERE complaint AND NOT outside_data AND NOT owned AND NOT any_deleted
UNION ALL
SELECT brand, platform, week, month, push_reply_id, 'deflected_reply', complaint_signal,
       first_at, outcome
FROM conv_judgements WHERE deflected_only AND NOT outside_data
UNION ALL
SELECT brand, platform, week, month, outcome_id, 'outcome', complaint_signal, first_at,
       outcome
FROM conv_judgements WHERE outcome IN ('better', 'worse') AND outcome_id IS NOT NULL
"""
