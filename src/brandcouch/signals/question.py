"""question: 1 when the text asks something, else 0.

Rules (case-insensitive, URLs and @handles removed first so '?' in a link does not count):
a '?' anywhere; or a sentence that opens with an auxiliary followed by a subject
("can you", "is there", "do I"); or a wh-word followed by an auxiliary, pronoun or
"to/long/much/many/about/if" ("how do", "what is", "why can't", "how long");
or "I wonder if/why", "any update/idea/news", "anyone know".
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.batchcache import per_batch
from brandcouch.signals.registry import signal
from brandcouch.signals.textutil import clean, regex_flags

_SUBJ = r"(?:you|u|i|we|they|it|there|he|she|this|that|these|those|anyone|anybody|someone|somebody|my|your|our|the|a|an)"
_WH_SUBJ = r"(?:you|u|i|we|they|it|there|he|she|this|that|my|your|our)"
_AUX = r"(?:is|are|am|was|were|can|could|do|does|did|will|would|should|shall|may|might|have|has|had|isn't|aren't|can't|won't|don't|doesn't|didn't)"
_START = r"(?:^|[.!;:\n]\s*|\b(?:so|but|and|also|btw|ok|okay|hi|hey|hello)\b,?\s+)"
QUESTION_RE = re.compile(
    r"\?|"
    rf"{_START}{_AUX}\s+{_SUBJ}\b|"
    rf"{_START}(?:how|what|why|when|where|who|which|whose)\s+(?:{_AUX}|{_WH_SUBJ}|to|long|much|many|about|if|else|exactly)\b|"
    r"\bi\s+wonder\s+(?:if|whether|why|how|what|when)\b|"
    r"\bany\s+(?:update|updates|idea|ideas|news|word|eta|help|suggestions?|advice)\b|"
    r"\b(?:anyone|anybody)\s+(?:know|else|have|has|seen|tried)\b",
    re.IGNORECASE,
)


def is_question(texts: list[str]) -> np.ndarray:
    """1.0 where a text asks something (the module docstring's rules), once per batch: the
    question signal and complaint's features read the same batch."""
    return per_batch(texts, "question", _is_question).copy()


def _is_question(texts: list[str]) -> np.ndarray:
    cleaned = [clean(t) if t else "" for t in texts]
    flags = regex_flags(QUESTION_RE, cleaned)
    flags[[i for i, t in enumerate(texts) if not t]] = 0.0
    return flags


@signal("question", version="question.v1", help="1 if the text asks a question, else 0")
def question(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return is_question(texts)
