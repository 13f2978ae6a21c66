"""complaint: probability that the text is a complaint (reports a breach of expectations).

A logistic regression over hashed word 1-2-grams and char_wb 2-5-grams of the preprocessed text
plus a few dense features (:func:`complaint_extra`: VADER compound, negative-cue and
question flags), trained by scripts/train_signals.py on the Preotiuc-Pietro et al. (ACL 2019)
complaints data; artefact ``models/complaint.{json,npz}``. Without the artefact the signal
falls back to the baseline rule ``VADER compound < -0.05`` (documented as worse).
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.batchcache import per_batch
from brandcouch.signals.learned import load_model
from brandcouch.signals.question import is_question
from brandcouch.signals.registry import signal
from brandcouch.signals.sentiment import vader_compound
from brandcouch.signals.textutil import PROBLEM_RE

_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|can'?t|cannot|won'?t|don'?t|doesn'?t|didn'?t|isn'?t|"
    r"wasn'?t|aren'?t|haven'?t|hasn'?t|still|yet)\b|n't\b",
    re.IGNORECASE,
)
EXTRA_FEATURES = ("vader_compound", "vader_negative", "problem_cues", "negations", "question")


def complaint_extra(texts: list[str]) -> np.ndarray:
    """Dense features of the complaint model, in the order of EXTRA_FEATURES."""
    compound = per_batch(texts, "vader_compound", vader_compound)
    problem = np.fromiter(
        (min(len(PROBLEM_RE.findall(t)), 3) / 3.0 for t in texts), np.float64, len(texts)
    )
    neg = np.fromiter(
        (min(len(_NEGATION.findall(t)), 3) / 3.0 for t in texts), np.float64, len(texts)
    )
    return np.column_stack(
        [compound, (compound < -0.05).astype(np.float64), problem, neg, is_question(texts)]
    )


def complaint_baseline(texts: list[str]) -> np.ndarray:
    """The negative-sentiment rule: 1.0 if VADER compound < -0.05."""
    return (per_batch(texts, "vader_compound", vader_compound) < -0.05).astype(np.float64)


@signal("complaint", version="complaint.v1", help="probability 0..1 that the text is a complaint")
def complaint(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    model = load_model("complaint")
    if model is None:
        return complaint_baseline(texts)
    return model.predict_proba(texts, complaint_extra(texts))
