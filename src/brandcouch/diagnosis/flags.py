"""Pitch-without-listening flags: promoting something while ignoring the conversation.

The essay's author to a commenter who pitched his platform: "Did you listen at all? ... Listen
first." A message is flagged when it promotes something of its own and barely engages with what
it answers (:func:`is_pitch`, shared with bench/eval_promotion.py):

* an audience message on a brand's threads (a comment, reply or mention with a parent) with
  ``self_promotion >= PROMOTION_ON`` and ``relevance < LOW_RELEVANCE`` to its parent; inside a
  **care conversation** (:data:`CARE_CONTEXT`: its parent is a brand reply, or the thread was
  started by the audience and a brand answered in it) it also needs an own-promotion cue of its
  own (:func:`brandcouch.signals.self_promotion.own_promotion`: "check out my", "subscribe",
  "my channel", "follow me" ...), and engagement bait without one (:data:`ENGAGEMENT_BAIT`:
  "like this comment if ...", chain letters) is not a pitch. A customer answering the agent with a screenshot link, an
  order number or account details is not promoting, whatever the model says;
* a brand reply with ``sales_pitch >= PROMOTION_ON`` and ``relevance < LOW_RELEVANCE``, unless
  the message it answers raised the offer itself
  (:func:`brandcouch.signals.sales_pitch.raises_offer`: a price, fare, rate, deal, discount,
  promo, code, upgrade, reward or loyalty question or remark): a brand answering a price
  question is answering.

``relevance`` is how much of the parent's content the message takes up (docs/signals.md). A
message without a parent (a top-level post or mention) cannot ignore one and is not flagged;
deleted messages are not flagged (they are already gone). The SQL selects the candidates
(promotion and relevance thresholds); the context rules run on those few rows in Python.
"""

from __future__ import annotations

import re

from brandcouch.signals.sales_pitch import raises_offer
from brandcouch.signals.self_promotion import own_promotion
from brandcouch.store import Store

PROMOTION_ON = 0.5
#: below this a reply does not engage with its parent; at or above, it is "relevant"
LOW_RELEVANCE = 0.3
TEXT_CHARS = 280
VERSION = "pitch_flags.v2"
#: engagement bait and chain letters: spam, but nothing of the writer's own is promoted
ENGAGEMENT_BAIT = re.compile(
    r"\b(?:like|thumbs\s+up)\s+(?:this\s+(?:comment|post)\s+)?if\b|\blike\s+this\s+comment\b|"
    r"\bhow\s+many\s+(?:people\s+)?(?:like|thumbs)\b|\bshare\s+this\s+(?:to|with)\s+\d+",
    re.IGNORECASE,
)

#: SQL over the candidate ``f`` joined to its message ``m``, parent ``p`` (mb) and thread root
#: ``r`` (mb): the message sits inside a care conversation
CARE_CONTEXT = """(
    coalesce(p.author_brand IS NOT NULL AND p.parent_id IS NOT NULL, false)
    OR (r.author_brand IS NULL AND coalesce(m.root_id, m.id) IN (SELECT root FROM answered))
)"""


def is_pitch(
    kind: str,
    promotion: float,
    relevance: float | None,
    text: str,
    parent_text: str | None,
    care_context: bool,
) -> bool:
    """The flag for one message: ``kind`` is ``"audience_comment"`` (``promotion`` =
    self_promotion) or ``"brand_reply"`` (``promotion`` = sales_pitch); see the module
    docstring."""
    if not isinstance(parent_text, str) or relevance is None or relevance != relevance:
        return False
    if promotion < PROMOTION_ON or relevance >= LOW_RELEVANCE:
        return False
    if kind == "brand_reply":
        return not bool(raises_offer([parent_text])[0])
    own = bool(own_promotion([text])[0])
    if not own and ENGAGEMENT_BAIT.search(text or ""):
        return False  # like-bait and chain letters promote nothing of the writer's own
    return not care_context or own


def pitch_flags(store: Store) -> dict[str, list[dict]]:
    """``{brand: [flag, ...]}``, oldest first. Expects the element tables (``inb``, ``breply``)."""
    rows = store.con.execute(
        f"""
        WITH f AS (
            SELECT id, brand, 'audience_comment' AS kind, self_promotion AS promotion,
                   relevance, 'self-promotion' AS what
            FROM inb
            WHERE self_promotion >= {PROMOTION_ON} AND relevance < {LOW_RELEVANCE}
              AND NOT deleted
            UNION ALL
            SELECT id, brand, 'brand_reply', sales_pitch, relevance, 'sales pitch'
            FROM breply
            WHERE sales_pitch >= {PROMOTION_ON} AND relevance < {LOW_RELEVANCE} AND NOT deleted
        ), answered AS (
            SELECT DISTINCT coalesce(root_id, id) AS root FROM mb
            WHERE author_brand IS NOT NULL AND parent_id IS NOT NULL
        )
        SELECT f.brand, f.id, f.kind, f.promotion, f.relevance, f.what, m.platform, m.kind,
               coalesce(a.display_name, a.handle, m.author_id), m.author_id,
               m.text, m.permalink,
               strftime(m.created_at, '%Y-%m-%dT%H:%M:%SZ'), m.parent_id,
               concat_ws(' ', pm.title, pm.text), {CARE_CONTEXT}
        FROM f JOIN messages m ON m.id = f.id LEFT JOIN accounts a ON a.id = m.author_id
        LEFT JOIN mb p ON p.id = m.parent_id
        LEFT JOIN messages pm ON pm.id = m.parent_id
        LEFT JOIN mb r ON r.id = coalesce(m.root_id, m.id)
        ORDER BY f.brand, m.created_at NULLS LAST, f.id
        """
    ).fetchall()
    out: dict[str, list[dict]] = {}
    for (brand, mid, kind, promo, rel, what, platform, mkind, author, author_id, text, link,
         created, parent, parent_text, care) in rows:  # fmt: skip
        if parent is None or not is_pitch(kind, promo, rel, text, parent_text, bool(care)):
            continue
        out.setdefault(brand, []).append(
            {
                "message_id": mid,
                "author": author,
                "author_id": author_id,
                "kind": kind,
                "message_kind": mkind,
                "reason": f"{what} ({promo:.2f}) with low relevance to what it answers "
                f"({rel:.2f} < {LOW_RELEVANCE})",
                "promotion": round(float(promo), 4),
                "relevance": round(float(rel), 4),
                "platform": platform,
                "text": text[:TEXT_CHARS],
                "permalink": link,
                "created_at": created,
                "parent_id": parent,
            }
        )
    return out
