"""Pitch-without-listening flags: promoting something while ignoring the conversation.

The essay's author to a commenter who pitched his platform: "Did you listen at all? ... Listen
first." A message is flagged when it promotes and barely engages with what it answers:

* an audience message on a brand's threads (a comment, reply or mention with a parent) with
  ``self_promotion >= PROMOTION_ON`` and ``relevance < LOW_RELEVANCE`` to its parent;
* a brand reply with ``sales_pitch >= PROMOTION_ON`` and ``relevance < LOW_RELEVANCE``.

``relevance`` is how much of the parent's content the message takes up (docs/signals.md). A
message without a parent (a top-level post or mention) cannot ignore one and is not flagged;
deleted messages are not flagged (they are already gone).
"""

from __future__ import annotations

from brandcouch.store import Store

PROMOTION_ON = 0.5
#: below this a reply does not engage with its parent; at or above, it is "relevant"
LOW_RELEVANCE = 0.3
TEXT_CHARS = 280


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
        )
        SELECT f.brand, f.id, f.kind, f.promotion, f.relevance, f.what, m.platform, m.kind,
               coalesce(a.display_name, a.handle, m.author_id), m.author_id,
               left(m.text, {TEXT_CHARS}), m.permalink,
               strftime(m.created_at, '%Y-%m-%dT%H:%M:%SZ'), m.parent_id
        FROM f JOIN messages m ON m.id = f.id LEFT JOIN accounts a ON a.id = m.author_id
        ORDER BY f.brand, m.created_at NULLS LAST, f.id
        """
    ).fetchall()
    out: dict[str, list[dict]] = {}
    for (brand, mid, kind, promo, rel, what, platform, mkind, author, author_id, text, link,
         created, parent) in rows:  # fmt: skip
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
                "text": text,
                "permalink": link,
                "created_at": created,
                "parent_id": parent,
            }
        )
    return out
