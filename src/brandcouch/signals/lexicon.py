"""A tiny weighted-lexicon scorer shared by the rule signals.

Each cue is a compiled regex with a weight w in (0, 1); a text's score is the noisy-OR
``1 - prod(1 - w)`` over the cues that match (each cue counted once), so one strong cue gives
about w and several weak cues add up without passing 1. A ``veto`` regex forces 0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np


class Lexicon:
    """Weighted regex cues combined by noisy-OR (see the module docstring)."""

    def __init__(
        self,
        cues: Sequence[tuple[str, float]],
        veto: str | None = None,
        flags: int = re.IGNORECASE,
        lowercase: bool = False,
    ):
        # lowercase=True lower-cases each text once and matches case-sensitively (patterns must
        # be lower-case): the same result as IGNORECASE for these cues, about 1.6x faster.
        self.lowercase = lowercase
        if lowercase:
            flags &= ~re.IGNORECASE
        self.cues = [(re.compile(p, flags), float(w)) for p, w in cues]
        # one alternation as a fast pre-filter: most texts match no cue at all
        self.any = re.compile("|".join(f"(?:{p})" for p, _ in cues), flags)
        self.veto = re.compile(veto, flags) if veto else None

    def score_one(self, text: str) -> float:
        if text and self.lowercase:
            text = text.lower()
        if not text or not self.any.search(text):
            return 0.0
        if self.veto is not None and self.veto.search(text):
            return 0.0
        miss = 1.0
        for pattern, weight in self.cues:
            if pattern.search(text):
                miss *= 1.0 - weight
        return 1.0 - miss

    def score(self, texts: list[str]) -> np.ndarray:
        return np.fromiter((self.score_one(t) for t in texts), dtype=np.float64, count=len(texts))
