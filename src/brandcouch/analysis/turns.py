"""Customer turns: the unit the elements count (docs/metrics.md, "Turns").

The SQL of the ``msg_tree`` and ``turns`` steps (declared in :mod:`brandcouch.analysis.steps`).

Within one conversation (every message under one root) and for one brand, the messages are
the brand's inbound (``inbound``: the attribution decides which audience messages belong to
which brand) and the brand's own messages (``brand_msgs``, reposts aside). They are ordered by
``(created_at, depth, id)`` when every one of them has a time; otherwise by the reply tree
(a depth-first walk, siblings by id). A **customer turn** is a maximal run of consecutive
messages by one audience member with no message of that brand between them (another brand's
messages are not in the sequence, so they never split a turn).

A turn is **answered** by the first message of the brand that follows it: a reply to one of its
messages or a descendant of one, or, in a conversation where every message has a time, any
later message of the brand in the conversation that does not reply to another audience member
(a reply to someone else answers that person, not this customer). Its first-response time runs from the turn's
first message to that brand message. A turn that is not answered although the source says one
of its messages has replies that are not in the store (``messages.replies`` larger than the
replies the store holds) is **answered outside the data**: neither answered nor unanswered.

One row per (brand, customer turn) — a contract other parts read (``brandcouch
conversations``), keep the names: ``brand, platform, thread_id, turn_id, customer_id,
message_ids, n_messages, turn_index, first_at, last_at, needs_reply, complaint, answered,
answered_outside_data, first_reply_id, first_reply_at, first_response_minutes``, then
``week``, ``month`` (of the first message), ``timed`` (the conversation's order is by time),
``first_sentiment`` (of the first message), ``deleted`` (every message deleted),
``n_needs_reply`` and ``n_complaints`` (messages of the turn that need a reply / complain),
``to_many_brands`` (every message of the turn is addressed to ``MANY_BRANDS`` brands or more:
banter tagging a row of brands, which needs no reply, is no complaint, and is not a turn the
reciprocity of regulars counts).
"""

from __future__ import annotations

from brandcouch.metrics.portable import epoch_ms, seconds_between
from brandcouch.model.vocabulary import SIGNAL_ON

#: every message's depth in the reply tree (0: no parent in the store) and its path of ids
#: from the topmost ancestor in the store (the message's own id last)
MSG_TREE = """
WITH RECURSIVE t(id, depth, path) AS (
    SELECT m.id, 0, [m.id] FROM mb m
    WHERE m.parent_id IS NULL OR m.parent_id NOT IN (SELECT id FROM mb)
    UNION ALL
    SELECT c.id, t.depth + 1, list_append(t.path, c.id)
    FROM t JOIN mb c ON c.parent_id = t.id
)
SELECT m.id, coalesce(t.depth, 0) AS depth, coalesce(t.path, [m.id]) AS path
FROM mb m LEFT JOIN t ON t.id = m.id
"""

TURNS = f"""
WITH seq AS (
    SELECT i.brand, coalesce(i.root_id, i.id) AS thread_id, i.id, i.platform, i.author_id,
           i.created_at, false AS is_brand, i.question, i.complaint, i.sentiment, i.replies,
           i.deleted, NULL AS to_audience, i.to_many_brands
    FROM inbound i
    UNION ALL  -- to_audience: the audience member a brand reply answers (NULL: nobody's)
    SELECT b.brand, coalesce(b.root_id, b.id), b.id, b.platform, b.author_id, b.created_at,
           true, NULL, NULL, NULL, NULL, b.deleted,
           CASE WHEN p.author_brand IS NULL THEN p.author_id END, false
    FROM brand_msgs b LEFT JOIN mb p ON p.id = b.parent_id
    WHERE b.kind <> 'repost'
), conv AS (
    SELECT brand, thread_id, bool_and(created_at IS NOT NULL) AS timed
    FROM seq GROUP BY brand, thread_id
    HAVING bool_or(NOT is_brand)
), ordered AS (  -- the position and the turn starts over one sort (the order is total)
    SELECT s.*, t.depth, t.path, c.timed,
           row_number() OVER w AS pos,
           NOT s.is_brand AND coalesce(lag(s.is_brand) OVER w
                                       OR lag(s.author_id) OVER w <> s.author_id, true)
             AS starts
    FROM seq s
    JOIN conv c ON c.brand = s.brand AND c.thread_id = s.thread_id
    JOIN msg_tree t ON t.id = s.id
    WINDOW w AS (PARTITION BY s.brand, s.thread_id
                 ORDER BY CASE WHEN c.timed THEN s.created_at END,
                          CASE WHEN c.timed THEN t.depth END,
                          CASE WHEN NOT c.timed THEN t.path END,
                          s.id)
), numbered AS (
    SELECT *, sum(starts::INT) OVER (PARTITION BY brand, thread_id ORDER BY pos
                                     ROWS UNBOUNDED PRECEDING) AS turn_no
    FROM ordered
), children AS (
    SELECT parent_id AS id, count(*) AS n FROM mb WHERE parent_id IS NOT NULL GROUP BY 1
), customer_turns AS (
    SELECT n.brand, n.thread_id, n.turn_no,
           arg_min(n.platform, (n.pos, n.id)) AS platform,
           arg_min(n.id, (n.pos, n.id)) AS turn_id,
           any_value(n.author_id) AS customer_id,
           list_transform(list_sort(list({{'p': n.pos, 'i': n.id}})), lambda x: x.i)
             AS message_ids,
           count(*) AS n_messages,
           min(n.pos) AS first_pos, max(n.pos) AS last_pos,
           min(n.created_at) AS first_at, max(n.created_at) AS last_at,
           bool_or(needs_reply(n.question, n.complaint)) AS needs_reply,
           bool_or(coalesce(n.complaint, 0) >= {SIGNAL_ON}) AS complaint,
           count(*) FILTER (WHERE needs_reply(n.question, n.complaint)) AS n_needs_reply,
           count(*) FILTER (WHERE coalesce(n.complaint, 0) >= {SIGNAL_ON}) AS n_complaints,
           bool_or(coalesce(n.replies, 0) > coalesce(c.n, 0)) AS replies_elsewhere,
           arg_min(n.sentiment, (n.pos, n.id)) AS first_sentiment,
           bool_and(n.deleted) AS deleted,
           bool_and(coalesce(n.to_many_brands, false)) AS to_many_brands,
           any_value(n.timed) AS timed
    FROM numbered n LEFT JOIN children c ON c.id = n.id
    WHERE NOT n.is_brand
    GROUP BY n.brand, n.thread_id, n.turn_no
), answers AS (
    SELECT t.brand, t.thread_id, t.turn_no,
           min({{'pos': b.pos, 'id': b.id, 'at': b.created_at}}) AS r
    FROM customer_turns t
    JOIN ordered b
      ON b.brand = t.brand AND b.thread_id = t.thread_id AND b.is_brand
     AND (list_has_any(b.path, t.message_ids)
          OR (t.timed AND b.pos > t.last_pos
              AND coalesce(b.to_audience = t.customer_id, true)))
    GROUP BY t.brand, t.thread_id, t.turn_no
)
SELECT t.brand, t.platform, t.thread_id, t.turn_id, t.customer_id, t.message_ids,
       t.n_messages,
       row_number() OVER (PARTITION BY t.brand, t.thread_id, t.customer_id
                          ORDER BY t.first_pos) AS turn_index,
       t.first_at, t.last_at, t.needs_reply, t.complaint,
       a.r IS NOT NULL AS answered,
       a.r IS NULL AND t.replies_elsewhere AS answered_outside_data,
       a.r.id AS first_reply_id, a.r.at AS first_reply_at,
       CASE WHEN a.r.at >= t.first_at
            THEN {seconds_between("t.first_at", "a.r.at")} / 60.0 END
         AS first_response_minutes,
       date_trunc('week', t.first_at)::DATE AS week,
       date_trunc('month', t.first_at)::DATE AS month,
       t.timed, t.first_sentiment, t.deleted, t.n_needs_reply, t.n_complaints,
       t.to_many_brands
FROM customer_turns t
LEFT JOIN answers a
  ON a.brand = t.brand AND a.thread_id = t.thread_id AND a.turn_no = t.turn_no
"""

#: what the elements read of a turn (the ``turn_facts`` step): the turn's row, its first
#: message as ``id`` (what evidence quotes), whether any message is negative or deleted, whether
#: the brand acknowledged it (a reply to one of its messages, or its first reply, apologises),
#: whether it is a follow-up (the customer's previous turn in the conversation was answered),
#: the customer's next turn after an answered one (``after_*``), the customer's turns with the
#: brand (``member_turns``: those not answered outside the data, as reciprocity counts them;
#: ``member_answered``; ``member_outside``: answered outside the data) and whether its channel
#: records deletions
TURN_FACTS = f"""
WITH t AS (SELECT * FROM turns WHERE in_scope(brand)), msgs AS (
    SELECT brand, turn_id, unnest(message_ids) AS id FROM t
), per_msg AS (
    SELECT x.brand, x.turn_id,
           bool_or(is_negative(m.sentiment, m.complaint)) AS negative,
           bool_or(m.deleted) AS any_deleted,
           count(*) AS n_msgs
    FROM msgs x JOIN mb m ON m.id = x.id GROUP BY 1, 2
), ack AS (
    SELECT x.brand, x.turn_id,
           max(greatest(coalesce(r.apology, 0), coalesce(r.act_acknowledge, 0))) AS max_apology
    FROM msgs x JOIN mb r ON r.parent_id = x.id AND r.author_brand = x.brand
    GROUP BY 1, 2
), deleting AS (SELECT DISTINCT platform FROM messages WHERE deleted
), seq AS (
    SELECT t.*,
           lag(t.answered) OVER w AS prev_answered,
           lead(t.turn_id) OVER w AS next_id,
           lead(t.first_at) OVER w AS next_at,
           lead(t.first_sentiment) OVER w AS next_sentiment
    FROM t
    WINDOW w AS (PARTITION BY t.brand, t.thread_id, t.customer_id ORDER BY t.turn_index)
), members AS (
    SELECT brand, customer_id,
           count(*) FILTER (WHERE NOT answered_outside_data AND NOT to_many_brands)
             AS member_turns,
           bool_or(answered) AS member_answered,
           count(*) FILTER (WHERE answered_outside_data) AS member_outside
    FROM t GROUP BY 1, 2
)
SELECT s.* EXCLUDE (prev_answered, next_id, next_at, next_sentiment),
       s.turn_id AS id, s.customer_id AS author_id, f.root_id,
       f.question, f.sentiment, f.complaint AS complaint_signal, f.gratitude,
       coalesce(p.negative, false) AS negative,
       coalesce(p.any_deleted, false) AS any_deleted,
       coalesce(a.max_apology >= {SIGNAL_ON} OR fr.apology >= {SIGNAL_ON}
                OR fr.act_acknowledge >= {SIGNAL_ON}, false) AS acked,
       coalesce(s.prev_answered, false) AS is_followup,
       CASE WHEN s.answered THEN s.next_id END AS after_id,
       CASE WHEN s.answered THEN s.next_at END AS after_at,
       CASE WHEN s.answered THEN s.next_sentiment END AS after_sentiment,
       CASE WHEN s.answered THEN nx.gratitude END AS after_gratitude,
       mem.member_turns, mem.member_answered, mem.member_outside,
       s.platform IN (SELECT platform FROM deleting) AS deletion_source
FROM seq s
JOIN mb f ON f.id = s.turn_id
LEFT JOIN per_msg p ON p.brand = s.brand AND p.turn_id = s.turn_id
LEFT JOIN ack a ON a.brand = s.brand AND a.turn_id = s.turn_id
LEFT JOIN mb fr ON fr.id = s.first_reply_id
LEFT JOIN mb nx ON nx.id = s.next_id AND s.answered
LEFT JOIN members mem ON mem.brand = s.brand AND mem.customer_id = s.customer_id
"""

#: the customer turns (``turn_facts``), each with ``id`` its message that most needs a reply
#: (the highest of question and complaint, the earliest on a tie) rather than its first: a turn
#: that opens with "Mince pie off is go!" and asks "@Tesco where are you?!" later is quoted by
#: the question (what the empathy evidence quotes for unanswered and slow turns)
TURN_NEEDS = f"""
SELECT t.* EXCLUDE (id), coalesce(n.need_id, t.id) AS id
FROM turn_facts t LEFT JOIN (
    SELECT u.brand, u.turn_id,
           arg_max(u.mid, (greatest(coalesce(m.question, 0), coalesce(m.complaint, 0))
                           >= {SIGNAL_ON}, -{epoch_ms("m.created_at")}, u.mid)) AS need_id
    FROM (SELECT brand, turn_id, unnest(message_ids) AS mid FROM turn_facts) u
    JOIN mb m ON m.id = u.mid
    GROUP BY 1, 2
) n ON n.brand = t.brand AND n.turn_id = t.turn_id
"""
