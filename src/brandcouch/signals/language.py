"""language: ISO 639-1 code from langid.py (Lui & Baldwin 2012), batched; "und" if too short.

langid's own ``classify`` walks a byte-level DFA in Python and then does one dense dot product
per text. Here the DFA runs over a whole batch at once (one numpy step per byte position over
texts of similar length), state visits become a sparse matrix, and one sparse x dense product
scores every text: the result is the same argmax as ``langid.classify`` (checked in tests).
The text is cleaned first (URLs and @handles removed). Texts with fewer than 3 words or
fewer than 12 letters get the deterministic code "und" (undetermined).
"""

from __future__ import annotations

import re
import threading

import numpy as np
import scipy.sparse as sp

from brandcouch.signals.registry import signal
from brandcouch.signals.textutil import clean

MIN_WORDS = 3
MIN_LETTERS = 12
_CHUNK = 512
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")

_MODEL = None
_LOCK = threading.Lock()


class _BatchLangid:
    def __init__(self):
        from langid import langid

        ident = langid.LanguageIdentifier.from_modelstring(langid.model, norm_probs=False)
        self.classes = np.array([str(c) for c in ident.nb_classes], dtype=object)
        self.nb_ptc = np.ascontiguousarray(ident.nb_ptc, dtype=np.float64)
        self.nb_pc = np.asarray(ident.nb_pc, dtype=np.float64)
        self.nextmove = np.asarray(ident.tk_nextmove, dtype=np.int64)
        n_states = len(self.nextmove) // 256
        rows, cols = [], []
        for state, feats in ident.tk_output.items():
            for f in feats:
                rows.append(state)
                cols.append(f)
        self.state_feats = sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(n_states, self.nb_ptc.shape[0])
        )
        self.n_states = n_states

    def classify(self, texts: list[str]) -> np.ndarray:
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        lens = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded))
        order = np.argsort(lens, kind="stable")
        out = np.empty(len(texts), dtype=object)
        for start in range(0, len(order), _CHUNK):
            idx = order[start : start + _CHUNK]
            out[idx] = self._classify_chunk([encoded[i] for i in idx], lens[idx])
        return out

    def _classify_chunk(self, encoded: list[bytes], lens: np.ndarray) -> np.ndarray:
        n, width = len(encoded), int(lens.max())
        buf = np.zeros((n, width), dtype=np.int64)
        for i, b in enumerate(encoded):
            buf[i, : len(b)] = np.frombuffer(b, dtype=np.uint8)
        states = np.empty((n, width), dtype=np.int64)
        state = np.zeros(n, dtype=np.int64)
        nextmove = self.nextmove
        for j in range(width):
            state = nextmove[(state << 8) + buf[:, j]]
            states[:, j] = state
        valid = np.arange(width)[None, :] < lens[:, None]
        rows = np.broadcast_to(np.arange(n)[:, None], (n, width))[valid]
        visits = sp.csr_matrix(
            (np.ones(rows.size), (rows, states[valid])), shape=(n, self.n_states)
        )
        feats = visits @ self.state_feats
        scores = feats @ self.nb_ptc + self.nb_pc
        return self.classes[np.argmax(scores, axis=1)]


def _model() -> _BatchLangid:
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            _MODEL = _BatchLangid()
    return _MODEL


def detect_languages(texts: list[str]) -> np.ndarray:
    """ISO 639-1 code per text, "und" for empty or very short texts."""
    out = np.full(len(texts), "und", dtype=object)
    cleaned, where = [], []
    for i, t in enumerate(texts):
        if not t:
            continue
        c = clean(t)
        words = _LETTER_WORD.findall(c)
        if len(words) < MIN_WORDS or sum(len(w) for w in words) < MIN_LETTERS:
            continue
        cleaned.append(c)
        where.append(i)
    if cleaned:
        out[np.asarray(where)] = _model().classify(cleaned)
    return out


@signal(
    "language",
    version="language.v1",
    kind="str",
    help='ISO 639-1 language (langid.py); "und" for very short texts',
)
def language(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return detect_languages(texts)
