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
4. **Two processes for big batches.** Above ``PARALLEL_THRESHOLD`` distinct texts the
   per-text signals run in a pool of ``WORKERS`` processes (forkserver, created once, reused,
   shut down at exit) over interleaved chunks. Small inputs stay in-process.
"""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pandas as pd

from brandcouch.signals import batchcache
from brandcouch.signals.registry import SIGNALS, Signal
from brandcouch.signals.textutil import as_texts

PARALLEL_THRESHOLD = 10_000
WORKERS = 2
CHUNK = 5_000

_POOL: ProcessPoolExecutor | None = None
_POOL_LOCK = threading.Lock()


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


def compute_unique(texts: list[str], names: Sequence[str]) -> dict[str, np.ndarray]:
    """Run the named text-only signals over ``texts`` (already distinct) in this process."""
    out = {}
    try:
        for name in names:
            sig = SIGNALS[name]
            out[name] = _as_column(sig, sig.compute(texts, None), len(texts))
    finally:
        batchcache.clear()
    return out


def _warm_up() -> None:
    """Load every model once in a pool worker so chunks do not pay for it."""
    compute_unique(["warm up the models please, thank you"], list(SIGNALS))


def _pool() -> ProcessPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            methods = multiprocessing.get_all_start_methods()
            ctx = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
            if ctx.get_start_method() == "forkserver":
                ctx.set_forkserver_preload(["brandcouch.signals"])
            _POOL = ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx, initializer=_warm_up)
            atexit.register(shutdown_pool)
        return _POOL


def shutdown_pool() -> None:
    """Stop the worker processes (they are started again on the next large batch)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is not None:
            _POOL.shutdown(wait=True, cancel_futures=True)
            _POOL = None


def _compute_parallel(texts: list[str], names: list[str]) -> dict[str, np.ndarray]:
    n_chunks = max(WORKERS, -(-len(texts) // CHUNK))
    # interleave so that each chunk gets a mix of short and long texts
    chunks = [texts[i::n_chunks] for i in range(n_chunks)]
    results = list(_pool().map(compute_unique, chunks, [names] * n_chunks))
    out = {}
    for name in names:
        col = np.empty(len(texts), dtype=results[0][name].dtype)
        for i, res in enumerate(results):
            col[i::n_chunks] = res[name]
        out[name] = col
    return out


def _use_pool(n_unique: int, parallel: bool | None) -> bool:
    if parallel is not None:
        return parallel and n_unique > 0
    return n_unique >= PARALLEL_THRESHOLD and (os.cpu_count() or 1) > 1


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
    least ``PARALLEL_THRESHOLD`` distinct texts. Missing texts (None, NaN) score as "".
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
            columns[sig.name] = _pair_signal(sig, texts, parent_list or [])
        elif n == 0:
            columns[sig.name] = np.empty(0, dtype=object if sig.kind == "str" else np.float64)
        else:
            columns[sig.name] = computed[sig.name][codes]
    frame = pd.DataFrame(columns, index=pd.RangeIndex(n))
    for sig in chosen:
        if sig.kind == "str":
            frame[sig.name] = frame[sig.name].astype(object)
    return frame


def _pair_signal(sig: Signal, texts: list[str], parents: list[str]) -> np.ndarray:
    if not texts:
        return np.empty(0, dtype=np.float64)
    pairs = pd.DataFrame({"t": texts, "p": parents})
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(pairs), sort=False)
    u_texts = [str(t) for t, _ in uniques]
    u_parents = [str(p) for _, p in uniques]
    try:
        values = _as_column(sig, sig.compute(u_texts, u_parents), len(u_texts))
    finally:
        batchcache.clear()
    return values[codes]
