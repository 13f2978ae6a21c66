"""Text signals: per-message scores, batch-computed, versioned and cached by text hash.

    >>> from brandcouch.signals import score_texts
    >>> score_texts(["Thanks so much, you saved my day!"])["gratitude"].item() > 0.8
    True

Public names: ``SIGNALS`` (ordered registry name -> :class:`Signal`), ``Signal``, ``signal``
(the registering decorator), ``score_texts``, ``text_hash``, ``template_key``,
``canned_keys``. Every signal is defined, versioned and evaluated in docs/signals.md.
"""

from __future__ import annotations

from brandcouch.signals import (  # noqa: F401  (imported to register their signals)
    apology,
    complaint,
    deflection,
    disclosure,
    gratitude,
    language,
    question,
    readability,
    recommendation,
    relevance,
    sales_pitch,
    self_promotion,
    sentiment,
)
from brandcouch.signals.hashing import text_hash
from brandcouch.signals.pipeline import score_texts, shutdown_pool
from brandcouch.signals.registry import SIGNALS, Signal, order_signals, signal
from brandcouch.signals.templates import canned_keys, template_key

# The column order of score_texts (signals registered elsewhere follow, in registration order).
COLUMN_ORDER = (
    "sentiment", "question", "complaint", "self_promotion", "sales_pitch", "gratitude", "apology",
    "deflection", "recommendation", "disclosure", "readability", "length", "language", "relevance",
)  # fmt: skip
order_signals(COLUMN_ORDER)

__all__ = [
    "SIGNALS",
    "Signal",
    "canned_keys",
    "score_texts",
    "shutdown_pool",
    "signal",
    "template_key",
    "text_hash",
]
