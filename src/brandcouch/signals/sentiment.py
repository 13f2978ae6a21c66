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


VADER_KEYS = ("compound", "neg", "neu", "pos")


def vader_scores(texts: list[str]) -> np.ndarray:
    """VADER (compound, neg, neu, pos) per text, shape (n, 4); zeros for empty text.

    Cached per batch, so the sentiment signal and the complaint model share one VADER pass.
    """

    def compute(ts: list[str]) -> np.ndarray:
        scores = _analyzer().polarity_scores
        out = np.zeros((len(ts), 4), dtype=np.float64)
        for i, t in enumerate(ts):
            if t.strip():
                d = scores(t)
                out[i] = (d["compound"], d["neg"], d["neu"], d["pos"])
        return out

    return per_batch(texts, "vader_scores", compute)


def vader_compound(texts: list[str]) -> np.ndarray:
    """VADER compound score of each text (0.0 for empty text)."""
    return vader_scores(texts)[:, 0]


@signal(
    "sentiment",
    version="sentiment.v1",
    help="VADER compound polarity, -1 (negative) .. +1 (positive)",
)
def sentiment(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return vader_compound(texts)
