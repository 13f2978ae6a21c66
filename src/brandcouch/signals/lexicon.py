"""A tiny weighted-lexicon scorer shared by the rule signals.

Each cue is a compiled regex with a weight w in (0, 1); a text's score is the noisy-OR
``1 - prod(1 - w)`` over the cues that match (each cue counted once), so one strong cue gives
about w and several weak cues add up without passing 1. A ``veto`` regex forces 0.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from brandcouch.signals import re2filter


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
        """``score_one`` of each text. Over many texts each cue is first run through RE2 as an
        exact pre-filter (:mod:`brandcouch.signals.re2filter`): a cue is searched with Python
        ``re`` only in the texts RE2 cannot rule out; the result is the same."""
        n = len(texts)
        if n < re2filter.MIN_TEXTS:
            return np.fromiter((self.score_one(t) for t in texts), dtype=np.float64, count=n)
        seen = [t.lower() for t in texts] if self.lowercase else texts
        try:
            arrow = re2filter._arrow(seen)
        except Exception:  # noqa: BLE001 - unencodable text: the plain path
            return np.fromiter((self.score_one(t) for t in texts), dtype=np.float64, count=n)
        masks = []
        for pattern, _ in self.cues:
            cand = re2filter.candidates(pattern, seen, arrow)
            if cand is None:
                return np.fromiter((self.score_one(t) for t in texts), dtype=np.float64, count=n)
            mask = np.zeros(n, dtype=bool)
            mask[cand] = True
            masks.append(mask)
        veto = None
        if self.veto is not None:
            cand = re2filter.candidates(self.veto, seen, arrow)
            veto = np.ones(n, dtype=bool) if cand is None else np.zeros(n, dtype=bool)
            veto[cand if cand is not None else slice(None)] = True
        hits = np.stack(masks, axis=1) if masks else np.zeros((n, 0), dtype=bool)
        out = np.zeros(n, dtype=np.float64)
        for i in np.flatnonzero(hits.any(axis=1)):
            text = seen[i]
            matched = [w for k, (p, w) in enumerate(self.cues) if hits[i, k] and p.search(text)]
            if not matched:
                continue
            if veto is not None and veto[i] and self.veto.search(text):
                continue
            miss = 1.0
            for weight in matched:
                miss *= 1.0 - weight
            out[i] = 1.0 - miss
        return out
