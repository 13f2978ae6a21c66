"""Batch scoring: ``score_texts`` runs the registered signals over many texts at once.

How it stays fast:

1. **Dedupe.** Texts are factorised (``pandas.factorize``), every signal runs once per
   distinct text and the result is broadcast back; ``relevance`` runs once per distinct
   (text, parent) pair.
2. **Share work within a batch.** Preprocessing, hashed n-gram features and VADER scores are
   computed once per batch and reused by every signal that needs them
   (:mod:`brandcouch.signals.batchcache`).
3. **Vectorise.** Learned models are hashing + one sparse matrix product; language detection
   runs langid's DFA over the whole batch (:mod:`brandcouch.signals.language`).
4. **Two processes for big batches.** From ``parallel_threshold()`` distinct texts (or pairs)
   on, the signals run in a pool of ``WORKERS`` processes over interleaved chunks. The pool is
   loky's reusable executor (via joblib): created once, reused, idle workers stop after
   ``POOL_IDLE_SECONDS``. Unlike a multiprocessing ``spawn``/``forkserver`` pool its workers
   never re-run the caller's ``__main__``, so a plain top-level script (no
   ``if __name__ == "__main__":`` guard) works. Small inputs stay in-process.
   :func:`score_stream` keeps the pool busy over many batches while the caller stores results.
"""

from __future__ import annotations

import atexit
import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from brandcouch.signals import batchcache
from brandcouch.signals.registry import SIGNALS, Signal
from brandcouch.signals.textutil import as_texts

#: default pool threshold in distinct texts; the environment variable
#: ``BRANDCOUCH_PARALLEL_THRESHOLD`` overrides it (read at call time)
PARALLEL_THRESHOLD = 10_000
WORKERS = 2
CHUNK = 5_000
POOL_IDLE_SECONDS = 300

_POOL = None
_POOL_LOCK = threading.Lock()
_AT_EXIT = False


def parallel_threshold() -> int:
    """Distinct texts from which the pool is used (``BRANDCOUCH_PARALLEL_THRESHOLD`` or
    ``PARALLEL_THRESHOLD``)."""
    value = os.environ.get("BRANDCOUCH_PARALLEL_THRESHOLD", "").strip()
    return int(value) if value else PARALLEL_THRESHOLD


def _select(names: Iterable[str] | None, have_parents: bool) -> list[Signal]:
    if names is None:
        return [s for s in SIGNALS.values() if have_parents or not s.needs_parent]
    chosen = []
    for name in names:
        if name not in SIGNALS:
            raise KeyError(f"unknown signal {name!r}; known: {', '.join(SIGNALS)}")
        sig = SIGNALS[name]
        if sig.needs_parent and not have_parents:
            raise ValueError(f"signal {name!r} needs parents= (the texts being replied to)")
        chosen.append(sig)
    return chosen


def _as_column(sig: Signal, values: np.ndarray, n: int) -> np.ndarray:
    values = np.asarray(values)
    if values.shape != (n,):
        raise ValueError(f"signal {sig.name} returned shape {values.shape}, expected ({n},)")
    if sig.kind == "str":
        return values.astype(object)
    return values.astype(np.float64, copy=False)


def compute_unique(
    texts: list[str], names: Sequence[str], parents: list[str] | None = None
) -> dict[str, np.ndarray]:
    """Run the named signals in this process over ``texts`` (already distinct, or distinct
    (text, parent) pairs when ``parents`` is given for pair signals)."""
    out = {}
    try:
        for name in names:
            sig = SIGNALS[name]
            args = parents if sig.needs_parent else None
            out[name] = _as_column(sig, sig.compute(texts, args), len(texts))
    finally:
        batchcache.clear()
    return out


def _warm_up() -> None:
    """Load every model once in a pool worker so chunks do not pay for it."""
    text = ["warm up the models please, thank you"]
    compute_unique(text, list(SIGNALS), parents=["why is my order late?"])


def _pool():
    global _POOL, _AT_EXIT
    from joblib.externals.loky import get_reusable_executor

    with _POOL_LOCK:
        # returns the running executor, or starts one (again) after an idle timeout
        _POOL = get_reusable_executor(
            max_workers=WORKERS, timeout=POOL_IDLE_SECONDS, initializer=_warm_up
        )
        if not _AT_EXIT:
            atexit.register(shutdown_pool)
            _AT_EXIT = True
        return _POOL


def shutdown_pool() -> None:
    """Stop the worker processes (they are started again on the next large batch)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.shutdown(wait=True, kill_workers=False)
            _POOL = None


def _chunks(n: int) -> list[slice]:
    n_chunks = max(WORKERS, -(-n // CHUNK))
    # interleave so that each chunk gets a mix of short and long texts
    return [slice(i, None, n_chunks) for i in range(n_chunks)]


def _compute_parallel(
    texts: list[str], names: list[str], parents: list[str] | None = None
) -> dict[str, np.ndarray]:
    parts = _chunks(len(texts))
    futures = [
        _pool().submit(compute_unique, texts[s], names, None if parents is None else parents[s])
        for s in parts
    ]
    results = [f.result() for f in futures]
    out = {}
    for name in names:
        col = np.empty(len(texts), dtype=results[0][name].dtype)
        for s, res in zip(parts, results, strict=True):
            col[s] = res[name]
        out[name] = col
    return out


def _use_pool(n_unique: int, parallel: bool | None) -> bool:
    if parallel is not None:
        return parallel and n_unique > 0
    return n_unique >= parallel_threshold() and (os.cpu_count() or 1) > 1


Batch = tuple[list[str], "list[str] | None", Sequence[str]]


def score_stream(
    batches: Iterable[Batch], parallel: bool | None = None, ahead: int = 2 * WORKERS
) -> Iterator[dict[str, np.ndarray]]:
    """Score many batches of distinct inputs, yielding each batch's columns in order.

    A batch is ``(texts, parents or None, signal names)``; texts (or (text, parent) pairs)
    must already be distinct. With the pool, up to ``ahead`` batches are computed while the
    caller consumes earlier results (e.g. writes them to the store); batches are read from
    ``batches`` lazily. ``parallel`` as in :func:`score_texts` (by batch size by default).
    """
    pending: deque = deque()
    for texts, parents, names in batches:
        if _use_pool(len(texts), parallel):
            pending.append(_pool().submit(compute_unique, texts, list(names), parents))
        else:
            pending.append(compute_unique(texts, list(names), parents))
        while len(pending) > ahead or (pending and isinstance(pending[0], dict)):
            head = pending.popleft()
            yield head if isinstance(head, dict) else head.result()
    while pending:
        head = pending.popleft()
        yield head if isinstance(head, dict) else head.result()


def score_texts(
    texts: Iterable[str | None],
    parents: Iterable[str | None] | None = None,
    signals: Iterable[str] | None = None,
    parallel: bool | None = None,
) -> pd.DataFrame:
    """Score every text with every signal: one row per input, one column per signal.

    ``parents`` (same length as ``texts``, None/"" where a message answers nothing) enables
    ``relevance``. ``signals`` restricts the columns (in the order given). ``parallel``
    forces (True) or forbids (False) the process pool; by default it is used only for at
    least ``parallel_threshold()`` distinct texts (or pairs). Missing texts (None, NaN) score
    as "".
    """
    texts = as_texts(texts)
    parent_list = None if parents is None else as_texts(parents)
    if parent_list is not None and len(parent_list) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(parent_list)} parents")
    chosen = _select(signals, parent_list is not None)
    n = len(texts)

    codes, uniques = pd.factorize(pd.Series(texts, dtype=object), sort=False)
    unique_texts = [str(u) for u in uniques]
    text_only = [s.name for s in chosen if not s.needs_parent]
    if _use_pool(len(unique_texts), parallel) and text_only:
        computed = _compute_parallel(unique_texts, text_only)
    else:
        computed = compute_unique(unique_texts, text_only) if unique_texts else {}

    columns: dict[str, np.ndarray] = {}
    for sig in chosen:
        if sig.needs_parent:
            columns[sig.name] = _pair_signal(sig, texts, parent_list or [], parallel)
        elif n == 0:
            columns[sig.name] = np.empty(0, dtype=object if sig.kind == "str" else np.float64)
        else:
            columns[sig.name] = computed[sig.name][codes]
    frame = pd.DataFrame(columns, index=pd.RangeIndex(n))
    for sig in chosen:
        if sig.kind == "str":
            frame[sig.name] = frame[sig.name].astype(object)
    return frame


def _pair_signal(
    sig: Signal, texts: list[str], parents: list[str], parallel: bool | None
) -> np.ndarray:
    if not texts:
        return np.empty(0, dtype=np.float64)
    pairs = pd.DataFrame({"t": texts, "p": parents})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs), sort=False)
    u_texts = [str(t) for t, _ in uniques]
    u_parents = [str(p) for _, p in uniques]
    if _use_pool(len(u_texts), parallel):
        values = _compute_parallel(u_texts, [sig.name], u_parents)[sig.name]
    else:
        values = compute_unique(u_texts, [sig.name], u_parents)[sig.name]
    return values[codes]
