"""Text signals: per-message scores, batch-computed, versioned and cached by text hash.

    >>> from brandcouch.signals import score_texts
    >>> score_texts(["Thanks so much, you saved my day!"])["gratitude"].item() > 0.8
    True

Public names: ``SIGNALS`` (ordered registry name -> :class:`Signal`), ``Signal``, ``signal``
(the registering decorator), ``score_texts``, ``text_hash``, ``template_key``,
``canned_keys``. Every signal is defined, versioned and evaluated in docs/signals.md.
"""

from __future__ import annotations

import importlib
import pkgutil

from brandcouch.signals.hashing import text_hash
from brandcouch.signals.pipeline import score_texts, shutdown_pool
from brandcouch.signals.registry import SIGNALS, Signal, order_signals, signal
from brandcouch.signals.templates import canned_keys, template_key

#: modules of this package that hold shared machinery, not signals; every other module is a
#: signal module and is imported here so that its ``@signal`` functions register (adding a
#: signal is adding one module: see docs/architecture.md, "How to add a signal")
HELPER_MODULES = frozenset(
    {"batchcache", "hashing", "learned", "lexicon", "pipeline", "registry",
     "relevance_semantic", "signatures", "templates", "textutil"}
)  # fmt: skip


def _discover() -> tuple[str, ...]:
    names = sorted(
        m.name
        for m in pkgutil.iter_modules(__path__)
        if not m.ispkg and not m.name.startswith("_") and m.name not in HELPER_MODULES
    )
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
    return tuple(names)


SIGNAL_MODULES = _discover()


# The column order of score_texts (signals registered elsewhere follow, in registration order).
COLUMN_ORDER = (
    "sentiment", "question", "complaint", "self_promotion", "sales_pitch", "gratitude", "apology",
    "deflection", "act_acknowledge", "act_diagnose", "act_inform", "act_commit", "act_private",
    "act_link", "act_close", "act_boilerplate", "engagement",
    "recommendation", "disclosure", "readability", "length", "language", "resolved", "persisting",
    "went_private", "template", "agent", "relevance",
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
