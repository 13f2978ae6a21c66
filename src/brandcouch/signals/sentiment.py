"""sentiment: VADER compound polarity, -1 (negative) .. +1 (positive).

Plain VADER (Hutto & Gilbert 2014, vaderSentiment 3.3.2, MIT) with no changes on top: it is the
reference on social-media text and anything added would have to beat it there (docs/signals.md).

The scores come from the optional C extension :mod:`brandcouch.signals._vader` where it is built
(issue 15: the same four floats as ``polarity_scores``, == equal, about 20x faster), else from
vaderSentiment itself. The extension is given the analyzer's own tables and is used only once it
has given the library's values on ``SELF_CHECK`` (tests/signals/test_vader_compiled.py compares
the two on every golden input and on generated texts).
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

# texts on which the extension must give polarity_scores' values before it is used: emoji,
# ALL CAPS among others, boosters, "kind of", "no", negations and "n't", "never so", "without
# doubt", "least", "but", special idioms, punctuation emphasis, non-ASCII case
SELF_CHECK = (
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "The book was only kind of good.",
    "Today only kinda sux! But I'll get by, lol",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁 👍🏽",
    "no problem, no good or bad, nor great",
    "Sentiment analysis has never been this good!",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the least compelling variations, at least not awful",
    "it isn't a horrible book; the bomb, yeah right ???",
    "ΣΊΣΥΦΟΣ LOVE İyi GREAT straße",
)

_COMPILED: object = False  # not yet looked at


def compiled_vader():
    """The C extension :mod:`brandcouch.signals._vader` initialised with the analyzer's tables,
    or None: not built (no C compiler), or it did not give ``polarity_scores``' values on
    ``SELF_CHECK`` (then vaderSentiment scores every text, as without the extension)."""
    global _COMPILED
    if _COMPILED is False:
        _COMPILED = _load_compiled()
    return _COMPILED


def _load_compiled():
    try:
        from brandcouch.signals import _vader
    except ImportError:
        return None
    import vaderSentiment.vaderSentiment as vs

    a = _analyzer()
    want = np.array([[a.polarity_scores(t)[k] for k in VADER_KEYS] for t in SELF_CHECK])
    try:
        _vader.init(a.lexicon, a.emojis, vs.BOOSTER_DICT, vs.NEGATE, vs.SPECIAL_CASES,
                    vs.C_INCR, vs.N_SCALAR)  # fmt: skip
        got = np.frombuffer(_vader.scores(list(SELF_CHECK)), dtype=np.float64).reshape(-1, 4)
        same = np.array_equal(got, want)
    except (TypeError, ValueError, RuntimeError):  # tables of another vaderSentiment
        same = False
    if not same:
        import warnings

        warnings.warn(
            "brandcouch.signals._vader differs from vaderSentiment: using vaderSentiment",
            RuntimeWarning,
            stacklevel=2,
        )
        return None
    return _vader


def vader_scores(texts: list[str]) -> np.ndarray:
    """VADER (compound, neg, neu, pos) per text, shape (n, 4); zeros for empty text.

    Cached per batch, so the sentiment signal and the complaint model share one VADER pass.
    """

    def compute(ts: list[str]) -> np.ndarray:
        ext = compiled_vader()
        if ext is not None:
            try:
                values = ext.scores(ts)
            except TypeError:  # not a list of str: the library's path (and its own error)
                pass
            else:
                return np.frombuffer(values, dtype=np.float64).reshape(len(ts), 4).copy()
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
