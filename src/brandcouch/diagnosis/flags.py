"""Pitch-without-listening flags: promoting something while ignoring the conversation.

The essay's author to a commenter who pitched his platform: "Did you listen at all? ... Listen
first." A message is flagged when it promotes something of its author's own and does not engage
with what it answers (labels/pitch.md; measured by bench/eval_promotion.py):

* an **audience message** with a parent (a comment, reply or mention on a brand's threads) with
  ``self_promotion >= PROMOTION_ON`` and ``relevance < LOW_RELEVANCE`` to its parent
  (:func:`audience_pitch`). In **care context** -- its parent is a brand's reply, or it is in a
  thread a customer started in which a brand had already replied -- the customer is talking
  to the brand's care team: a screenshot, an order number or an answer is not a pitch, so it is
  flagged only when its own text carries a strong call to consume the author's own thing
  (:func:`brandcouch.signals.self_promotion.strong_promotion` >= ``PROMOTION_ON``: "listen to
  my new single", "check out my channel", "follow me on ...", money offers).
* a **brand reply** with ``sales_pitch >= PROMOTION_ON`` and ``relevance < LOW_RELEVANCE``,
  unless what it answers (its parent and the parent's parent) raised the offer itself
  (:data:`OFFER_TOPIC_RE`: a price, fare, rate, deal, discount, promo, code, upgrade, points
  ... question or complaint): a brand answering a price question is answering.

``relevance`` is how much of the parent's content the message takes up (docs/signals.md). A
message without a parent (a top-level post or mention) cannot ignore one and is not flagged;
deleted messages are not flagged (they are already gone).
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.metrics.portable import iso_utc
from brandcouch.store import Store

PROMOTION_ON = 0.5
#: below this a reply does not engage with its parent; at or above, it is "relevant"
LOW_RELEVANCE = 0.3
TEXT_CHARS = 280

#: what the customer asked or complained about is itself the offer (price, fare, deal ...)
OFFER_TOPIC_RE = re.compile(
    r"[$£€₱₹]\s?\d|\d\s?(?:usd|eur|gbp|dollars?|bucks|pounds)\b|\b(?:price[sd]?|pricing|cost|"
    r"costs|fares?|rates?|deals?|discounts?|promos?|promotions?|promo\s?codes?|codes?|coupons?|"
    r"vouchers?|offers?|sale|free|cheap\w*|pay|paying|paid|charge[sd]?|fees?|refund\w*|"
    r"upgrade\w*|rewards?|points|miles|cash\s?back|credit|plans?|premium|membership|"
    r"subscri\w*|trial|pre-?orders?|boorito|bogo|% off|\d+%)\b",
    re.IGNORECASE,
)


def audience_pitch(promotion, relevance) -> np.ndarray:
    """The rule outside care context: promotes (``>= PROMOTION_ON``) and does not engage
    (``relevance < LOW_RELEVANCE``); arrays in, booleans out (a missing relevance is not low)."""
    promotion = np.asarray(promotion, dtype=float)
    relevance = np.asarray(relevance, dtype=float)
    return (promotion >= PROMOTION_ON) & (np.nan_to_num(relevance, nan=1.0) < LOW_RELEVANCE)


def answers_offer(answered: str | None) -> bool:
    """True when the text a brand reply answers brings up the offer itself."""
    return bool(answered) and OFFER_TOPIC_RE.search(answered) is not None


def pitch_flags(store: Store) -> dict[str, list[dict]]:
    """``{brand: [flag, ...]}``, oldest first. Expects the element tables (``inb``, ``breply``)."""
    rows = store.con.execute(
        f"""
        WITH thread_brand AS (  -- first brand reply in each thread
            SELECT root_id, min(created_at) AS first_brand_at FROM mb
            WHERE author_brand IS NOT NULL AND parent_id IS NOT NULL AND root_id IS NOT NULL
            GROUP BY 1
        ), f AS (
            SELECT i.id, i.brand, 'audience_comment' AS kind, i.self_promotion AS promotion,
                   i.relevance, 'self-promotion' AS what,
                   (coalesce(p.author_brand IS NOT NULL AND p.parent_id IS NOT NULL, false)
                    OR coalesce(r.id IS NOT NULL AND r.author_brand IS NULL
                                AND tb.first_brand_at < i.created_at, false)) AS care,
                   NULL::VARCHAR AS answered
            FROM inb i
            LEFT JOIN mb p ON p.id = i.parent_id
            LEFT JOIN mb r ON r.id = i.root_id AND r.id <> i.id
            LEFT JOIN thread_brand tb ON tb.root_id = i.root_id
            WHERE i.self_promotion >= {PROMOTION_ON} AND i.relevance < {LOW_RELEVANCE}
              AND NOT i.deleted
            UNION ALL
            SELECT b.id, b.brand, 'brand_reply', b.sales_pitch, b.relevance, 'sales pitch',
                   b.to_inbound, concat_ws(' ', pm.text, ppm.text)
            FROM breply b
            LEFT JOIN messages pm ON pm.id = b.parent_id
            LEFT JOIN messages ppm ON ppm.id = pm.parent_id
            WHERE b.sales_pitch >= {PROMOTION_ON} AND b.relevance < {LOW_RELEVANCE}
              AND NOT b.deleted
        )
        SELECT f.brand, f.id, f.kind, f.promotion, f.relevance, f.what, m.platform, m.kind,
               coalesce(a.display_name, a.handle, m.author_id), m.author_id,
               m.text, m.permalink,
               {iso_utc("m.created_at")}, m.parent_id, f.care, f.answered
        FROM f JOIN messages m ON m.id = f.id LEFT JOIN accounts a ON a.id = m.author_id
        ORDER BY f.brand, m.created_at NULLS LAST, f.id
        """
    ).fetchall()
    out: dict[str, list[dict]] = {}
    strong: dict[str, float] = {}
    for (brand, mid, kind, promo, rel, what, platform, mkind, author, author_id, text, link,
         created, parent, care, answered) in rows:  # fmt: skip
        reason = (
            f"{what} ({promo:.2f}) with low relevance to what it answers "
            f"({rel:.2f} < {LOW_RELEVANCE})"
        )
        if kind == "brand_reply":
            if answers_offer(answered):
                continue  # the customer raised the offer: the reply answers it
        elif care:
            if mid not in strong:
                # imported here: a run without a care-thread audience flag never loads the rules
                from brandcouch.signals.self_promotion import strong_promotion

                strong[mid] = strong_promotion(text or "")
            if strong[mid] < PROMOTION_ON:
                continue  # in a care conversation: a screenshot, number or answer
            reason += f"; in a care conversation, own-promotion cue ({strong[mid]:.2f})"
        out.setdefault(brand, []).append(
            {
                "message_id": mid,
                "author": author,
                "author_id": author_id,
                "kind": kind,
                "message_kind": mkind,
                "reason": reason,
                "promotion": round(float(promo), 4),
                "relevance": round(float(rel), 4),
                "platform": platform,
                "text": (text or "")[:TEXT_CHARS] if text is not None else None,
                "permalink": link,
                "created_at": created,
                "parent_id": parent,
            }
        )
    return out
