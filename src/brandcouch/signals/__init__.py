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

from brandcouch.signals.declared import SHIPPED
from brandcouch.signals.hashing import text_hash
from brandcouch.signals.pipeline import score_texts, shutdown_pool
from brandcouch.signals.registry import SIGNALS, Signal, declare, order_signals, signal
from brandcouch.signals.templates import canned_keys, template_key

#: modules of this package that hold shared machinery, not signals; every other module is a
#: signal module (adding a signal is adding one module: see docs/architecture.md, "How to add
#: a signal"). A shipped signal is declared in ``declared.SHIPPED`` and its module is imported
#: when the signal first computes; a module no row names is imported here, so that its
#: ``@signal`` functions register.
HELPER_MODULES = frozenset(
    {"batchcache", "declared", "hashing", "learned", "lexicon", "pipeline", "re2filter",
     "registry", "relevance_semantic", "signatures", "templates", "textutil"}
)  # fmt: skip


def _signal_modules() -> tuple[str, ...]:
    return tuple(
        sorted(
            m.name
            for m in pkgutil.iter_modules(__path__)
            if not m.ispkg and not m.name.startswith("_") and m.name not in HELPER_MODULES
        )
    )


def _discover() -> tuple[str, ...]:
    """Import every signal module (each registers its ``@signal`` functions); their names."""
    names = _signal_modules()
    for name in names:
        importlib.import_module(f"{__name__}.{name}")
    return names


def _declare_shipped() -> tuple[str, ...]:
    """Declare the rows of ``declared.SHIPPED``; import the signal modules no row names (they
    register as they load). The names of every signal module."""
    for name, module, version, requires, kind, help_ in SHIPPED:
        declare(name, module=f"{__name__}.{module}", version=version, requires=requires,
                kind=kind, help=help_)  # fmt: skip
    names = _signal_modules()
    for name in sorted(set(names) - {row[1] for row in SHIPPED}):
        importlib.import_module(f"{__name__}.{name}")
    return names


SIGNAL_MODULES = _declare_shipped()

# The column order of score_texts (signals registered elsewhere follow, in registration order).
COLUMN_ORDER = tuple(row[0] for row in SHIPPED)
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
