"""The conversation frame every metric reads: temp tables declared as steps in
:mod:`brandcouch.analysis.steps` (which builds them); what they hold:

``mb``        every message with ``author_brand`` (the brand owning its author's account, if any)
              and its signals as columns (``sentiment``, ``question``, ``complaint``, ...;
              ``relevance`` of a reply to its parent).
``inbound``   one row per (audience message, brand it addresses): a reply or comment on the
              brand's content, a mention of it, or a message the brand answered; with the brand's
              earliest direct reply (``first_reply_id``, ``first_reply_at``), ``n_replies`` and
              ``response_minutes`` (null when unanswered or a timestamp is missing/out of order).
``brand_msgs`` messages written by a brand's accounts, with ``brand``.

Weeks start on Monday; ``week`` and ``month`` are the truncated UTC dates.
"""

from __future__ import annotations

#: the float signals every store has, in column order (:func:`frame_signals` adds any other
#: per-text float signal registered, e.g. by an extension module)
FRAME_SIGNALS = (
    "sentiment",
    "question",
    "complaint",
    "self_promotion",
    "sales_pitch",
    "gratitude",
    "apology",
    "deflection",
    "recommendation",
    "disclosure",
    "readability",
    "length",
)


def frame_signals() -> tuple[str, ...]:
    """The per-text float signals pivoted into ``mb`` columns (missing values are NULL):
    every registered signal of kind ``float`` that reads the text alone."""
    from brandcouch.signals import SIGNALS

    extra = tuple(
        n
        for n, s in SIGNALS.items()
        if s.kind == "float" and not s.needs_parent and n not in FRAME_SIGNALS
    )
    return FRAME_SIGNALS + extra
