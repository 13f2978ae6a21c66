"""The unanswered queue: the customer turns a care team still owes a reply, read with one SQL
query over the analysis step ``turns`` (:mod:`brandcouch.analysis.turns`; ``turn_facts`` is
the same rows for the brands in scope, every brand in the dashboard's full analysis, with
more columns than the queue reads).

The dashboard may use only the public API (the import contract in pyproject.toml), so the
step is built, when the snapshot lacks it, through :func:`brandcouch.api.conversations` with
a ``thread`` (which ensures ``turns`` on the connection without resetting or rescoring) and a
thread id no conversation has.

A turn is in the queue when it needs a reply (``needs_reply``), the brand did not answer it
(``answered``), no reply outside the data is known (``answered_outside_data``) and not every
one of its messages was deleted (``deleted``). Order: complaints first, then the longest
waiting (minutes from the turn's first message to the last message time in the store, "the
end of the data"; a turn without a time waits for an unknown time and comes last), then the
turn id."""

from __future__ import annotations

from brandcouch import api

#: a conversation id no store has (ids are ``platform:...``): api.conversations then only
#: builds the steps it reads
NO_THREAD = "\x00queue"

#: how many characters of the turn's first message the queue shows
CLIP = 240

QUEUE_SQL = """
WITH data_end AS (SELECT max(created_at) AS at FROM messages)
SELECT t.brand, t.platform, t.thread_id, t.turn_id, t.customer_id,
       a.handle, a.display_name, t.first_at, t.n_messages,
       CASE WHEN t.first_at IS NOT NULL
            THEN date_diff('second', t.first_at, d.at) / 60.0 END AS waiting_minutes,
       t.complaint, m.text
FROM turns t
CROSS JOIN data_end d
JOIN messages m ON m.id = t.turn_id
LEFT JOIN accounts a ON a.id = t.customer_id
WHERE t.needs_reply AND NOT t.answered AND NOT coalesce(t.answered_outside_data, false)
  AND NOT coalesce(t.deleted, false)
  AND (?::VARCHAR IS NULL OR t.brand = ?::VARCHAR)
  AND (?::TIMESTAMP IS NULL OR t.first_at >= ?::TIMESTAMP)
  AND (?::TIMESTAMP IS NULL OR t.first_at < ?::TIMESTAMP)
ORDER BY t.complaint DESC, waiting_minutes DESC NULLS LAST, t.brand, t.turn_id
"""

FIELDS = (
    "brand", "platform", "thread_id", "turn_id", "customer_id", "handle", "display_name",
    "first_at", "n_messages", "waiting_minutes", "complaint", "text",
)  # fmt: skip


def unanswered_queue(
    store,
    brand: str | None = None,
    limit: int | None = None,
    within: tuple[str, str] | None = None,
) -> list[dict]:
    """The unanswered turns of ``brand`` (every brand when None), most urgent first: dicts with
    ``FIELDS`` (``text`` is the turn's first message in full; ``waiting_minutes`` None when
    the turn has no time). ``limit`` keeps the first rows. ``within`` = ``(start, end)``
    (naive UTC timestamps, end excluded) keeps the turns whose first message was written in
    that window (the dashboard's picked period); a turn without a time is then left out.
    Waiting is still measured to the end of the data: a turn of a past period that was never
    answered is still owed."""
    api.conversations(store, thread=NO_THREAD)  # builds ``turns`` when missing
    sql = QUEUE_SQL + (" LIMIT ?" if limit is not None else "")
    lo, hi = within if within is not None else (None, None)
    params: list = [brand, brand, lo, lo, hi, hi] + ([limit] if limit is not None else [])
    rows = store.con.execute(sql, params).fetchall()
    out = []
    for r in rows:
        d = dict(zip(FIELDS, r, strict=True))
        d["complaint"] = bool(d["complaint"])
        d["customer"] = (
            f"@{d['handle']}" if d["handle"] else (d["display_name"] or d["customer_id"])
        )
        d["kind"] = "complaint" if d["complaint"] else "question"
        out.append(d)
    return out


def clip(text: str | None, n: int = CLIP) -> str:
    """``text`` cut to ``n`` characters (an ellipsis marks the cut)."""
    t = (text or "").strip()
    return t if len(t) <= n else t[: n - 1].rstrip() + "…"
