"""Latent semantic similarity for reply relevance (LSA: TF-IDF word 1-2-grams + truncated SVD).

The artefact (``models/relevance_lsa.npz`` + ``models/relevance_lsa.json``, written by
``scripts/train_relevance.py``) holds:

* ``vocabulary``: the n-gram vocabulary in column order (JSON);
* ``idf``: the IDF of each column (float32);
* ``components``: the SVD basis, shape (dims, vocabulary), stored as int8 with one float32
  scale per dimension (``components_q * scale[:, None]``; the rounding error is below 0.4%
  of each dimension's largest weight);
* ``parent_mean``: the mean unit embedding of customer messages (float32), used to tell a
  reply that fits *this* message from one that would fit any message.

Embedding a text: clean it (no URLs/@handles/HTML), lower-case, digits to "0", drop English
stop words, count word 1-2-grams from the vocabulary, sublinear tf (``1 + log tf``) times IDF, project on the basis,
normalise to unit length. The usual L2 step before the projection is skipped because it only
scales the projected vector and the cosine ignores scale. A text with no known n-gram embeds
to the zero vector (cosine 0 with everything).
"""

from __future__ import annotations

import json
import re
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from brandcouch.signals import learned
from brandcouch.signals.textutil import clean, english_stop_words

if TYPE_CHECKING:
    from sklearn.feature_extraction.text import CountVectorizer

MODEL_DIR = Path(__file__).with_name("models")
NPZ_PATH = MODEL_DIR / "relevance_lsa.npz"
JSON_PATH = MODEL_DIR / "relevance_lsa.json"

_DIGITS = re.compile(r"\d+")
TOKEN_PATTERN = r"(?u)\b[^\W_][\w']*\b"


@lru_cache(maxsize=1)
def stop_words() -> list[str]:
    """scikit-learn's English stop-word list (frozen in the library since 0.18), dropped before
    n-grams are formed: topic words carry the similarity, function words only add noise.
    (Read from its module file: scoring texts never imports scikit-learn.)"""
    return sorted(english_stop_words())


def __getattr__(name: str):
    if name == "STOP_WORDS":  # the former module constant
        return stop_words()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def preprocess(text: str) -> str:
    """The text as the vectoriser sees it (shared by training and inference)."""
    return _DIGITS.sub("0", clean(text).lower().replace("’", "'"))


def make_vectorizer(
    vocabulary: dict[str, int] | None = None, min_df: int = 3, max_features: int | None = None
) -> CountVectorizer:
    """The word 1-2-gram counter; with ``vocabulary`` it needs no fitting."""
    from sklearn.feature_extraction.text import CountVectorizer

    return CountVectorizer(
        preprocessor=preprocess,
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 2),
        stop_words=stop_words(),
        min_df=1 if vocabulary is not None else min_df,
        max_features=None if vocabulary is not None else max_features,
        vocabulary=vocabulary,
        dtype=np.float32,
    )


class SemanticModel:
    """Loaded LSA artefact: ``embed(texts)`` gives unit vectors (see the module docstring)."""

    def __init__(
        self,
        vocabulary: list[str],
        idf: np.ndarray,
        components: np.ndarray,
        parent_mean: np.ndarray,
        meta: dict | None = None,
    ):
        self._vocab = {t: i for i, t in enumerate(vocabulary)}
        self._tokenize = re.compile(TOKEN_PATTERN).findall
        self._stop = frozenset(stop_words())
        # fold the IDF into the basis: x_idf @ C.T == x @ (idf[:, None] * C.T)
        self.projection = (
            idf.astype(np.float32)[:, None] * components.astype(np.float32).T
        ).astype(np.float32)
        self.parent_mean = parent_mean.astype(np.float32)
        self.meta = meta or {}

    @cached_property
    def vectorizer(self) -> CountVectorizer:
        """scikit-learn's counter for this vocabulary, built on first use (tests compare
        :meth:`counts` with it; scoring never needs it, so it never imports scikit-learn)."""
        return make_vectorizer(self._vocab)

    def counts(self, texts: list[str]):
        """``self.vectorizer.transform(texts)``, the same CSR matrix (float32 counts, sorted
        indices) without scikit-learn's per-n-gram call chain: clean and lower-case
        (:func:`preprocess`), the same token pattern, stop words dropped, unigrams then bigrams,
        counted when in the vocabulary."""
        import scipy.sparse as sp

        ext = learned.compiled_ngrams()
        if ext is not None:  # the same tokens, lookups and counts in C (signals/_ngrams.c)
            indptr, indices, values = ext.vocab_counts(
                [preprocess(doc) for doc in texts], self._vocab, self._stop
            )
            return sp.csr_matrix(
                (
                    np.frombuffer(values, dtype=np.float64),
                    np.frombuffer(indices, dtype=np.int32),
                    np.frombuffer(indptr, dtype=np.int64),
                ),
                shape=(len(texts), len(self._vocab)),
                dtype=np.float32,
            )
        vocab = self._vocab
        get = vocab.get
        tokenize = self._tokenize
        stop = self._stop
        j_indices: list[int] = []
        values: list[int] = []
        indptr = [0]
        for doc in texts:
            tokens = [w for w in tokenize(preprocess(doc)) if w not in stop]
            counter: dict[int, int] = {}
            for feature in tokens:
                idx = get(feature)
                if idx is not None:
                    counter[idx] = counter.get(idx, 0) + 1
            for a, b in zip(tokens, tokens[1:], strict=False):
                idx = get(a + " " + b)
                if idx is not None:
                    counter[idx] = counter.get(idx, 0) + 1
            j_indices.extend(counter.keys())
            values.extend(counter.values())
            indptr.append(len(j_indices))
        x = sp.csr_matrix(
            (
                np.asarray(values, dtype=np.intc),
                np.asarray(j_indices, dtype=np.int32),
                np.asarray(indptr, dtype=np.int32),
            ),
            shape=(len(texts), len(vocab)),
            dtype=np.float32,
        )
        x.sort_indices()
        return x

    @property
    def dims(self) -> int:
        return self.projection.shape[1]

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length embeddings, shape (len(texts), dims); zero rows for unknown texts."""
        if not texts:
            return np.zeros((0, self.dims), dtype=np.float32)
        counts = self.counts(texts)
        counts.data = 1.0 + np.log(counts.data)
        emb = np.asarray(counts @ self.projection, dtype=np.float32)
        norms = np.linalg.norm(emb, axis=1, keepdims=True)
        np.divide(emb, norms, out=emb, where=norms > 0)
        emb[(norms == 0).ravel()] = 0.0
        return emb

    def pair_similarity(
        self, replies: list[str], parents: list[str]
    ) -> tuple[np.ndarray, np.ndarray]:
        """(cosine(reply, parent), genericness) per pair.

        ``genericness`` is the reply's expected cosine with a typical customer message
        (``reply · parent_mean``): high for a reply that would fit any message. Each distinct
        text is embedded once.
        """
        codes, uniques = pd.factorize(pd.Series(list(replies) + list(parents), dtype=object))
        emb = self.embed([str(u) for u in uniques])
        n = len(replies)
        r, p = emb[codes[:n]], emb[codes[n:]]
        cosine = np.einsum("ij,ij->i", r, p).astype(np.float64)
        generic = (r @ self.parent_mean).astype(np.float64)
        return cosine, generic


def save_model(
    vocabulary: list[str],
    idf: np.ndarray,
    components: np.ndarray,
    parent_mean: np.ndarray,
    meta: dict,
    npz_path: Path = NPZ_PATH,
    json_path: Path = JSON_PATH,
) -> None:
    components = components.astype(np.float32)
    scale = np.abs(components).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    np.savez_compressed(
        npz_path,
        idf=idf.astype(np.float32),
        components_q=np.round(components / scale[:, None]).astype(np.int8),
        scale=scale.astype(np.float32),
        parent_mean=parent_mean.astype(np.float32),
    )
    json_path.write_text(
        json.dumps({**meta, "vocabulary": vocabulary}, ensure_ascii=False, indent=0) + "\n",
        encoding="utf-8",
    )


def load_model(npz_path: Path = NPZ_PATH, json_path: Path = JSON_PATH) -> SemanticModel | None:
    if not (npz_path.exists() and json_path.exists()):
        return None
    meta = json.loads(json_path.read_text(encoding="utf-8"))
    vocabulary = meta.pop("vocabulary")
    with np.load(npz_path, allow_pickle=False) as arrays:
        components = arrays["components_q"].astype(np.float32) * arrays["scale"][:, None]
        return SemanticModel(vocabulary, arrays["idf"], components, arrays["parent_mean"], meta)


@lru_cache(maxsize=1)
def shipped_model() -> SemanticModel | None:
    """The shipped LSA model (None when the artefact is absent: relevance falls back)."""
    return load_model()
