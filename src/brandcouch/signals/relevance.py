"""relevance: 0..1, how much a reply addresses the message it answers (the listening signal).

    relevance = 0.8 * sqrt(coverage) + 0.2 * acknowledgement

* ``coverage`` is the IDF-weighted share of the parent's content terms that the reply also
  uses: both texts are cleaned (no URLs/@handles), lower-cased, split into words, stopwords
  dropped and lightly stemmed ("orders"/"ordered" -> "order"); then
  ``sum(idf[t] for t in parent & reply) / sum(idf[t] for t in parent)``. IDF weights come from
  ``models/idf.json`` (document frequencies over customer-care tweets, written by
  scripts/train_signals.py); a term missing from the table gets the table's largest IDF
  (rare words are informative). The square root rewards touching the topic at all.
* ``acknowledgement`` is the reply's ``apology`` score when the parent needs an answer (it is
  a question, or it carries complaint cues such as "not working", "still", "worst", "broken",
  "waiting", "refund"), else 0.

Empty reply or parent scores 0. The score is symmetric in neither direction: it asks whether
the reply covers the parent, not the other way round.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np

from brandcouch.signals.apology import apology_scores
from brandcouch.signals.question import is_question
from brandcouch.signals.registry import signal
from brandcouch.signals.textutil import PROBLEM_RE, content_terms

IDF_PATH = Path(__file__).with_name("models") / "idf.json"

NEEDS_ANSWER_RE = PROBLEM_RE


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    """(term -> idf, default idf for unseen terms); all 1.0 if the table is absent."""
    if not IDF_PATH.exists():
        return {}, 1.0
    data = json.loads(IDF_PATH.read_text(encoding="utf-8"))
    idf = {k: float(v) for k, v in data["idf"].items()}
    return idf, float(data.get("default", max(idf.values(), default=1.0)))


def coverage(reply: str, parent: str) -> float:
    """IDF-weighted share of the parent's content terms that the reply uses (0..1)."""
    p_terms = content_terms(parent)
    if not p_terms:
        return 0.0
    r_terms = content_terms(reply)
    if not r_terms:
        return 0.0
    idf, default = idf_table()
    total = sum(idf.get(t, default) for t in p_terms)
    shared = sum(idf.get(t, default) for t in p_terms & r_terms)
    return shared / total if total > 0 else 0.0


def reply_relevance(replies: list[str], parents: list[str]) -> np.ndarray:
    """relevance of each reply to its parent (see the module docstring)."""
    if len(replies) != len(parents):
        raise ValueError(f"{len(replies)} texts but {len(parents)} parents")
    n = len(replies)
    cov = np.fromiter(
        (coverage(r, p) if r and p else 0.0 for r, p in zip(replies, parents, strict=True)),
        dtype=np.float64,
        count=n,
    )
    needs = is_question(parents)
    search = NEEDS_ANSWER_RE.search
    needs = np.maximum(
        needs, np.fromiter((1.0 if p and search(p) else 0.0 for p in parents), np.float64, n)
    )
    ack = apology_scores(replies) * needs
    has_both = np.fromiter(
        (1.0 if r and p else 0.0 for r, p in zip(replies, parents, strict=True)), np.float64, n
    )
    rel = 0.8 * np.sqrt(cov) + 0.2 * ack
    return np.clip(rel * has_both, 0.0, 1.0)


@signal(
    "relevance",
    version="relevance.v1",
    requires=("text", "parent_text"),
    help="0..1: how much a reply addresses the message it answers",
)
def relevance(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    if parents is None:
        return np.full(len(texts), math.nan)
    return reply_relevance(texts, parents)
