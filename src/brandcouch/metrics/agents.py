"""Care-team agents: how each signing agent of a brand replies (docs/output.md, "Care team").

The agent of a brand reply is the signature :func:`brandcouch.signals.signatures.split_signature`
parses from it (``^RS``, ``-Katie``, ``*HCA``; computed once per reply in the ``reply_keys``
step); a reply without one is ``unsigned``. Over the brand's replies (the ``breply`` step:
brand messages with a parent, reposts aside), per (brand, agent):

- ``replies``; ``share`` of the brand's replies;
- ``median_response_minutes`` over the replies to an inbound message with both times
  (``timed``: how many);
- ``acts``: the share of replies with each act signal >= 0.5 (``acknowledge``, ``diagnose``,
  ``inform``, ``commit``, ``private`` = pushes to a private channel) and ``engagement``
  (engages with the specific problem, docs/signals.md);
- ``personal`` = 1 - mean ``canned_p`` (the size-stable canned share of docs/signals.md);
- ``complaint_conversations``: the complaint conversations (``conv_judgements``, not
  answered outside the data) the agent wrote a reply in (a reply to one of the customer's
  messages, or the first answer of one of their turns), and ``owned`` = the share of those
  the brand owned (a reply engaged with the problem).
"""

from __future__ import annotations

from brandcouch.model.vocabulary import SIGNAL_ON
from brandcouch.store import Store

UNSIGNED = "unsigned"
ACTS = ("acknowledge", "diagnose", "inform", "commit", "private")

AGENTS = f"""
WITH r AS (
    SELECT b.brand, coalesce(b.agent, '{UNSIGNED}') AS agent, b.id, b.response_minutes,
           coalesce(b.canned_p, 0) AS canned_p,
           {", ".join(f"coalesce(m.act_{a}, 0) >= {SIGNAL_ON} AS {a}" for a in ACTS)},
           coalesce(m.engagement, 0) >= {SIGNAL_ON} AS engagement
    FROM breply b JOIN mb m ON m.id = b.id
    WHERE in_scope(b.brand)
), cmsg AS (
    SELECT brand, thread_id, customer_id, unnest(message_ids) AS mid FROM turn_facts
), conv_agent AS (
    SELECT DISTINCT c.brand, c.thread_id, c.customer_id, coalesce(b.agent, '{UNSIGNED}') AS agent
    FROM cmsg c JOIN breply b ON b.parent_id = c.mid AND b.brand = c.brand
    UNION
    SELECT t.brand, t.thread_id, t.customer_id, coalesce(b.agent, '{UNSIGNED}')
    FROM turn_facts t JOIN breply b ON b.id = t.first_reply_id AND b.brand = t.brand
), owned AS (
    SELECT a.brand, a.agent, count(*) AS complaint_conversations,
           count(*) FILTER (WHERE j.owned) AS owned_conversations
    FROM conv_agent a
    JOIN conv_judgements j
      ON j.brand = a.brand AND j.thread_id = a.thread_id AND j.customer_id = a.customer_id
    WHERE j.complaint AND NOT j.outside_data
    GROUP BY 1, 2
), per AS (
    SELECT brand, agent, count(*) AS replies,
           median(response_minutes) AS median_response_minutes,
           count(response_minutes) AS timed,
           {", ".join(f"avg({a}::INT) AS {a}" for a in ACTS)},
           avg(engagement::INT) AS engagement,
           1 - avg(canned_p) AS personal
    FROM r GROUP BY 1, 2
)
SELECT p.*, p.replies / sum(p.replies) OVER (PARTITION BY p.brand) AS share,
       coalesce(o.complaint_conversations, 0) AS complaint_conversations,
       o.owned_conversations / nullif(o.complaint_conversations, 0) AS owned
FROM per p LEFT JOIN owned o ON o.brand = p.brand AND o.agent = p.agent
ORDER BY p.brand, p.agent = '{UNSIGNED}', p.replies DESC, p.agent
"""


def _num(v, places: int = 4):
    if v is None or v != v:
        return None
    return round(float(v), places)


def agents_by_brand(store: Store) -> dict[str, list[dict]]:
    """``{brand: [agent, ...]}`` (signed agents by replies, then ``unsigned`` last); needs
    the ``breply``, ``mb``, ``turn_facts`` and ``conv_judgements`` steps."""
    df = store.df(AGENTS)
    out: dict[str, list[dict]] = {}
    for row in df.to_dict("records"):
        out.setdefault(row["brand"], []).append(
            {
                "agent": row["agent"],
                "signed": row["agent"] != UNSIGNED,
                "replies": int(row["replies"]),
                "share": _num(row["share"]),
                "median_response_minutes": _num(row["median_response_minutes"], 2),
                "timed": int(row["timed"]),
                "acts": {a: _num(row[a]) for a in ACTS},
                "engagement": _num(row["engagement"]),
                "personal": _num(row["personal"]),
                "complaint_conversations": int(row["complaint_conversations"]),
                "owned": _num(row["owned"]),
            }
        )
    return out
