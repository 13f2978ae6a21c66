"""sentiment: VADER compound polarity, -1 (negative) .. +1 (positive).

Plain VADER (Hutto & Gilbert 2014, vaderSentiment 3.3.2, MIT) with no changes on top: it is the
reference on social-media text and anything added would have to beat it there (docs/signals.md).
"""

from __future__ import annotations

import numpy as np

from brandcouch.signals.batchcache import per_batch
from brandcouch.signals.registry import signal

_ANALYZER = None


def _analyzer():
    global _ANALYZER
    if _ANALYZER is None:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        _ANALYZER = SentimentIntensityAnalyzer()
    return _ANALYZER


def vader_compound(texts: list[str]) -> np.ndarray:
    """VADER compound score of each text (0.0 for empty text)."""
    scores = _analyzer().polarity_scores
    return np.fromiter(
        (scores(t)["compound"] if t.strip() else 0.0 for t in texts),
        dtype=np.float64,
        count=len(texts),
    )


@signal(
    "sentiment",
    version="sentiment.v1",
    help="VADER compound polarity, -1 (negative) .. +1 (positive)",
)
def sentiment(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return per_batch(texts, "vader_compound", vader_compound)
