"""Shared text helpers: cleaning, tokens, a light stemmer and a stopword list.

Everything here is pure, deterministic and compiled once at import.
"""

from __future__ import annotations

import html
import importlib.util
import re
from functools import lru_cache
from pathlib import Path

import numpy as np

URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
HANDLE_RE = re.compile(r"(?<![\w@])@\w+")
HTML_TAG_RE = re.compile(r"<[^>]{0,200}>")
WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
SPACE_RE = re.compile(r"\s+")
#: distinct texts whose cleaned form is kept (a batch or two)
CLEAN_CACHE_SIZE = 1 << 16

STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "am",
        "an",
        "and",
        "any",
        "are",
        "aren't",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "can't",
        "cannot",
        "could",
        "couldn't",
        "did",
        "didn't",
        "do",
        "does",
        "doesn't",
        "doing",
        "don't",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "hadn't",
        "has",
        "hasn't",
        "have",
        "haven't",
        "having",
        "he",
        "he'd",
        "he'll",
        "he's",
        "her",
        "here",
        "here's",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "how's",
        "i",
        "i'd",
        "i'll",
        "i'm",
        "i've",
        "if",
        "in",
        "into",
        "is",
        "isn't",
        "it",
        "it's",
        "its",
        "itself",
        "let's",
        "me",
        "more",
        "most",
        "mustn't",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "ought",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "shan't",
        "she",
        "she'd",
        "she'll",
        "she's",
        "should",
        "shouldn't",
        "so",
        "some",
        "such",
        "than",
        "that",
        "that's",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "there's",
        "these",
        "they",
        "they'd",
        "they'll",
        "they're",
        "they've",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "wasn't",
        "we",
        "we'd",
        "we'll",
        "we're",
        "we've",
        "were",
        "weren't",
        "what",
        "what's",
        "when",
        "when's",
        "where",
        "where's",
        "which",
        "while",
        "who",
        "who's",
        "whom",
        "why",
        "why's",
        "with",
        "won't",
        "would",
        "wouldn't",
        "you",
        "you'd",
        "you'll",
        "you're",
        "you've",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "im",
        "ive",
        "dont",
        "cant",
        "wont",
        "didnt",
        "doesnt",
        "isnt",
        "thats",
        "u",
        "ur",
        "pls",
        "please",
        "hi",
        "hey",
        "hello",
        "thanks",
        "thank",
        "thx",
        "just",
        "get",
        "got",
        "also",
        "still",
        "will",
        "now",
        "like",
        "one",
        "via",
        "amp",
        "rt",
        "dm",
        "us",
        "let",
        "know",
        "help",
        "us",
        "can't",
        "would",
        "could",
        "yes",
        "ok",
        "okay",
        "oh",
        "lol",
    ]
)


def as_text(value: object) -> str:
    """Coerce None / NaN / non-strings to a string ("" for missing)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value != value:  # NaN
        return ""
    return str(value)


def as_texts(values: object) -> list[str]:
    """Coerce any iterable of texts to a list of str (missing values become "")."""
    if values is None:
        return []
    return [as_text(v) for v in values]  # type: ignore[union-attr]


@lru_cache(maxsize=CLEAN_CACHE_SIZE)
def clean(text: str) -> str:
    """Unescape HTML, drop tags, URLs and @handles, collapse whitespace.

    Memoised (several signals clean the same text). Each regex pass runs only when its
    pattern can match: a URL needs "://" or "www." (URL_RE ignores case), a handle needs "@".
    ``" ".join(text.split())`` equals ``SPACE_RE.sub(" ", text).strip()`` (both use Unicode
    whitespace).
    """
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = HTML_TAG_RE.sub(" ", text)
    if "://" in text or "www." in text.lower():
        text = URL_RE.sub(" ", text)
    if "@" in text:
        text = HANDLE_RE.sub(" ", text)
    return " ".join(text.split())


@lru_cache(maxsize=CLEAN_CACHE_SIZE)
def stem(word: str) -> str:
    """A light suffix stripper (plurals, -ing, -ed, -ly) so 'orders'/'ordered' match 'order'."""
    w = word
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    for suffix in ("ing", "ed", "ly", "es", "s"):
        if len(w) > len(suffix) + 2 and w.endswith(suffix) and not w.endswith("ss"):
            w = w[: -len(suffix)]
            if suffix in ("ing", "ed") and len(w) > 3 and w[-1] == w[-2]:
                w = w[:-1]  # stopped -> stop
            return w
    return w


def content_terms(text: str) -> set[str]:
    """Stemmed, lower-cased content words of ``text`` (no stopwords, no 1-letter tokens)."""
    out = set()
    for tok in WORD_RE.findall(clean(text).lower()):
        tok = tok.replace("’", "'")
        if len(tok) < 2 or tok in STOPWORDS or tok.isdigit():
            continue
        out.add(stem(tok))
    return out


def content_terms_all(texts: list[str]) -> list[set[str]]:
    """``[content_terms(t) for t in texts]`` (exactly): the tokens, stop words and stems in C
    where the extension is built (``_ngrams.c``; clean and lower-case stay Python's)."""
    from brandcouch.signals.learned import compiled_ngrams  # only when scoring

    ext = compiled_ngrams()
    if ext is None:
        return [content_terms(t) for t in texts]
    return ext.content_terms([clean(t).lower() for t in texts], STOPWORDS)


def regex_flags(pattern: re.Pattern[str], texts: list[str]) -> np.ndarray:
    """1.0 where ``pattern`` matches a text, else 0.0 (RE2 pre-filter: exact, see re2filter)."""
    from brandcouch.signals.re2filter import search_flags

    return search_flags(pattern, texts)


def regex_counts(pattern: re.Pattern[str], texts: list[str]) -> np.ndarray:
    """Number of non-overlapping matches of ``pattern`` in each text (RE2 pre-filter)."""
    from brandcouch.signals.re2filter import match_counts

    return match_counts(pattern, texts)


# complaint / problem cues: "not working", "still", "worst", "refund", "error", ...
PROBLEM_RE = re.compile(
    r"\b(?:not|never|no\s+longer|can'?t|cannot|won'?t|doesn'?t|didn'?t|isn'?t|wasn'?t|haven'?t|"
    r"hasn'?t)\s+(?:\w+\s+){0,2}(?:work|working|arrive[ds]?|received?|load|loading|open|"
    r"respond|responding|help|helping|fixed|delivered|show|showing|play|playing)\b|"
    r"\b(?:still|worst|terrible|awful|horrible|broken|broke|useless|ridiculous|unacceptable|"
    r"disappoint\w*|frustrat\w*|annoy\w*|waiting|waited|delay(?:ed)?|late|missing|lost|refund|"
    r"cancel(?:led|ed)?|charged|overcharged|error|crash(?:es|ed|ing)?|bug|issue|problem|fail\w*|"
    r"wrong|rude|scam|complain\w*|angry|upset)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """scikit-learn's English stop words (``TfidfVectorizer(stop_words="english")``'s list),
    read from their module file without importing the package: importing scikit-learn costs
    about 1 s here (it imports scipy.stats), which a small store or a small import need not pay
    (issue 15)."""
    spec = importlib.util.find_spec("sklearn")
    try:
        folder = Path(next(iter(spec.submodule_search_locations)))  # type: ignore[union-attr]
        path = folder / "feature_extraction" / "_stop_words.py"
        file_spec = importlib.util.spec_from_file_location("_brandcouch_stop_words", path)
        module = importlib.util.module_from_spec(file_spec)  # type: ignore[arg-type]
        file_spec.loader.exec_module(module)  # type: ignore[union-attr]
        return frozenset(module.ENGLISH_STOP_WORDS)
    except (AttributeError, OSError, StopIteration, TypeError):  # another layout: the package
        from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

        return frozenset(ENGLISH_STOP_WORDS)
