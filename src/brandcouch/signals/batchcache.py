"""Share intermediate results (features, VADER scores) between signals of one batch.

The pipeline passes the *same list object* to every signal of a batch; ``per_batch`` keeps the
last few results keyed by that object's identity (holding a reference, so the id cannot be
reused) and the name of the intermediate. Calling a signal directly still works: it simply
computes what it needs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")
_LOCAL = threading.local()


def per_batch(texts: list[str], name: str, compute: Callable[[list[str]], T]) -> T:
    """``compute(texts)``, memoised for this exact list object (see the module docstring)."""
    cache = getattr(_LOCAL, "cache", None)
    if cache is None or cache[0] is not texts:
        cache = (texts, {})
        _LOCAL.cache = cache
    store = cache[1]
    if name not in store:
        store[name] = compute(texts)
    return store[name]


def clear() -> None:
    """Drop the cached batch (the pipeline calls this when a batch is done)."""
    _LOCAL.cache = None
