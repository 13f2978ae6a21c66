"""readability (Flesch reading ease) and length (word count).

Flesch reading ease = 206.835 - 1.015 * words/sentences - 84.6 * syllables/words, computed on
the text without URLs and @handles. Words are runs of letters (with inner apostrophes);
sentences are runs ending in . ! ? or a line break (at least one); syllables are vowel groups
(a e i o u y) per word, minus a silent final "e" (but not "-le"), at least one per word.
Higher is easier: 90-100 very easy, 60-70 plain English, below 30 very hard; the maximum is
121.22 and very long words/sentences go below 0. Empty text (no words) scores 0.

length is the number of whitespace-separated tokens that contain a letter or digit (a URL or
@handle counts as one word).
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from brandcouch.signals.learned import compiled_ngrams
from brandcouch.signals.registry import signal
from brandcouch.signals.textutil import clean

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SENT = re.compile(r"[.!?]+(?=\s|$)|\n+")
_VOWELS = re.compile(r"[aeiouy]+")
_TOKEN = re.compile(r"\S*[^\W_]\S*")


@lru_cache(maxsize=1 << 16)  # words repeat across texts (pure function of the word)
def syllables(word: str) -> int:
    w = word.lower()
    n = len(_VOWELS.findall(w))
    if n > 1 and w.endswith("e") and not w.endswith(("le", "ee", "ye")):
        n -= 1
    return max(n, 1)


def flesch(text: str) -> float:
    body = clean(text) if text else ""
    words = _WORD.findall(body)
    if not words:
        return 0.0
    sentences = max(1, len(_SENT.findall(body.strip())))
    n_syll = sum(syllables(w) for w in words)
    n = len(words)
    return 206.835 - 1.015 * (n / sentences) - 84.6 * (n_syll / n)


def flesch_all(texts: list[str]) -> np.ndarray:
    """``[flesch(t) for t in texts]`` (exactly): the C extension counts each cleaned text's
    words, sentences and syllables (Python ``re``'s Unicode classes, ``_ngrams.c``), and the
    formula runs here in float64, in the same order as :func:`flesch`."""
    ext = compiled_ngrams()
    if ext is None:
        return np.fromiter((flesch(t) for t in texts), dtype=np.float64, count=len(texts))
    counts = np.frombuffer(
        ext.flesch_counts([clean(t) if t else "" for t in texts]), dtype=np.int64
    ).reshape(-1, 3)
    n = counts[:, 0].astype(np.float64)
    sentences = counts[:, 1].astype(np.float64)
    syll = counts[:, 2].astype(np.float64)
    out = np.zeros(len(texts), dtype=np.float64)
    has = counts[:, 0] > 0
    out[has] = 206.835 - 1.015 * (n[has] / sentences[has]) - 84.6 * (syll[has] / n[has])
    for i in np.flatnonzero(counts[:, 2] < 0):  # İ or the Kelvin sign: str.lower() decides
        out[i] = flesch(texts[i])
    return out


@signal(
    "readability",
    version="readability.v1",
    help="Flesch reading ease (higher is easier; 0 for empty text)",
)
def readability(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return flesch_all(texts)


@signal("length", version="length.v1", help="word count (tokens with a letter or digit)")
def length(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    ext = compiled_ngrams()
    if ext is not None:  # the same count in C (_ngrams.c: the tokens with a letter or digit)
        return np.frombuffer(ext.token_counts(texts), dtype=np.int64).astype(np.float64)
    findall = _TOKEN.findall
    return np.fromiter(
        (len(findall(t)) if t else 0 for t in texts), dtype=np.float64, count=len(texts)
    )
