"""Portable linear text models: hashing features + logistic regression, loaded without pickle.

An artefact is two files in ``models/``:

* ``<name>.json``: the feature recipe (HashingVectorizer settings per block, the text
  preprocessor, dense extra features), the decision threshold, training data, metrics;
* ``<name>.npz``: the coefficients of each block as sparse top-k (indices + values), the
  dense-feature coefficients and the intercept.

Inference is ``sigmoid(sum_b X_b @ w_b + extra @ w_x + b)``. ``HashingVectorizer`` is
stateless, so loading depends only on its hashing (MurmurHash3, stable across scikit-learn
versions), never on a pickled estimator. Feature blocks with the same settings are computed
once per batch and shared between models (see :mod:`brandcouch.signals.batchcache`).
"""

from __future__ import annotations

import html
import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from brandcouch.signals.batchcache import per_batch
from brandcouch.signals.re2filter import sub_all

if TYPE_CHECKING:  # scipy is imported on first use (a command that scores nothing skips it)
    import scipy.sparse as sp

MODELS_DIR = Path(__file__).with_name("models")

_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_HANDLE = re.compile(r"(?<![\w@])@\w+")
_NUM = re.compile(r"\d+")
_HTML_TAG = re.compile(r"<[^>]{0,200}>")

#: scikit-learn's default token pattern, the only one the compiled word n-grams implement
DEFAULT_TOKEN_PATTERN = r"(?u)\b\w\w+\b"


def preprocess(text: str) -> str:
    """The 'bc1' preprocessor: unescape HTML, tags -> space, URL -> ' httpurl ', @x -> ' @user ',
    digits -> '0', lower-case."""
    if "&" in text:
        text = html.unescape(text)
    if "<" in text:
        text = _HTML_TAG.sub(" ", text)
    text = _URL.sub(" httpurl ", text)
    text = _HANDLE.sub(" @user ", text)
    text = _NUM.sub("0", text)
    return text.lower()


def hashing_vectorizer(block: dict):
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        analyzer=block["analyzer"],
        ngram_range=tuple(block["ngram_range"]),
        n_features=int(block["n_features"]),
        alternate_sign=False,
        norm=block.get("norm", "l2"),
        lowercase=False,
        token_pattern=block.get("token_pattern", DEFAULT_TOKEN_PATTERN),
        binary=bool(block.get("binary", False)),
        dtype=np.float64,
    )


def block_key(block: dict) -> str:
    return json.dumps({k: block[k] for k in sorted(block)}, sort_keys=True)


def preprocess_all(texts: list[str]) -> list[str]:
    """``[preprocess(t) for t in texts]`` (exactly): each substitution runs over the batch
    through the RE2 pre-filter, so a text without a link, handle or digit skips that step."""
    ts = [html.unescape(t) if "&" in t else t for t in texts]
    ts = [_HTML_TAG.sub(" ", t) if "<" in t else t for t in ts]
    ts = sub_all(_NUM, "0", sub_all(_HANDLE, " @user ", sub_all(_URL, " httpurl ", ts)))
    return [t.lower() for t in ts]


def preprocessed(texts: list[str]) -> list[str]:
    return per_batch(texts, "preprocess:bc1", preprocess_all)


def char_wb_features(docs: list[str], block: dict) -> sp.csr_matrix:
    """The same matrix as ``hashing_vectorizer(block).transform(docs)`` for a ``char_wb`` block,
    computed per distinct word: char_wb n-grams never cross a word boundary, so a document's
    counts are the sum of its words' counts (documents x words, times words x features). Words
    repeat across messages, so scikit-learn's per-character Python loop runs once per word, not
    once per occurrence."""
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    for i, doc in enumerate(docs):
        for word in doc.split():  # what char_wb splits on (runs of whitespace)
            rows.append(i)
            cols.append(vocab.setdefault(word, len(vocab)))
    counts = sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(docs), len(vocab)), dtype=np.float64
    )
    if not vocab:  # only empty or blank texts
        return sp.csr_matrix((len(docs), int(block["n_features"])), dtype=np.float64)
    x = (counts @ _word_rows(list(vocab), block)).tocsr()
    x.sort_indices()
    if block.get("binary"):
        x.data[:] = 1.0
    norm = block.get("norm", "l2")
    return normalize(x, norm=norm, copy=False) if norm else x


#: distinct words whose char_wb rows are kept between batches (per block recipe, per process)
WORD_CACHE_MAX = 100_000
_WORDS: dict[str, tuple[dict[str, int], sp.csr_matrix]] = {}
_WORDS_LOCK = threading.Lock()


def _word_rows(words: list[str], block: dict) -> sp.csr_matrix:
    """The raw (unnormalised count) char_wb rows of ``words``, one per word, with the rows of
    words seen in earlier batches reused: a word's row depends on the word alone, and the
    counts are small integers, so the sums over a document are the same in any order."""
    import scipy.sparse as sp

    key = block_key(block)
    with _WORDS_LOCK:
        index, matrix = _WORDS.get(key, ({}, None))
        new = [w for w in words if w not in index]
        if new and len(index) + len(new) > WORD_CACHE_MAX:
            index, matrix = {}, None
            new = words
        if new:
            raw = hashing_vectorizer({**block, "norm": None, "binary": False})
            rows = raw.transform(new).tocsr()
            start = len(index)
            for k, w in enumerate(new):
                index[w] = start + k
            matrix = rows if matrix is None else sp.vstack([matrix, rows], format="csr")
            _WORDS[key] = (index, matrix)
        return matrix[np.fromiter((index[w] for w in words), np.int64, len(words))]


def compiled_ngrams():
    """The optional C extension :mod:`brandcouch.signals._ngrams` (built by ``pip install``
    where a C compiler is present), or None: then scikit-learn computes the same features."""
    try:
        from brandcouch.signals import _ngrams
    except ImportError:
        return None
    return _ngrams


def compiled_features(docs: list[str], block: dict) -> sp.csr_matrix | None:
    """``hashing_vectorizer(block).transform(docs)`` from the C extension: the same CSR matrix
    (sorted indices, the same float64 values), or None where the extension is missing or does
    not implement the block (another token pattern or norm) or the text (a lone surrogate).

    The extension counts, then applies binary and the row norm the way scikit-learn's in-place
    ``normalize`` does (the sum over the row in column order, its square root, one division per
    value), so the values have the same bits."""
    ext = compiled_ngrams()
    norm = block.get("norm", "l2")
    if (
        ext is None
        or block["analyzer"] not in ("word", "char_wb")
        or (block["analyzer"] == "word"
            and block.get("token_pattern", DEFAULT_TOKEN_PATTERN) != DEFAULT_TOKEN_PATTERN)
        or norm not in (None, "l1", "l2")
    ):  # fmt: skip
        return None
    import scipy.sparse as sp

    lo, hi = (int(n) for n in block["ngram_range"])
    try:
        indptr, indices, values = ext.hash_counts(
            docs, block["analyzer"], lo, hi, int(block["n_features"]), bool(block.get("binary")),
            norm,
        )  # fmt: skip
    except ValueError:  # a lone surrogate: scikit-learn's path (and its own error)
        return None
    return sp.csr_matrix(
        (
            np.frombuffer(values, dtype=np.float64),
            np.frombuffer(indices, dtype=np.int32),
            np.frombuffer(indptr, dtype=np.int64),
        ),
        shape=(len(docs), int(block["n_features"])),
    )


def _block_matrix(texts: list[str], block: dict) -> sp.csr_matrix:
    docs = preprocessed(texts)
    fast = compiled_features(docs, block)
    if fast is not None:
        return fast
    if block["analyzer"] == "char_wb":
        return char_wb_features(docs, block)
    return hashing_vectorizer(block).transform(docs).tocsr()


def block_features(texts: list[str], block: dict) -> sp.csr_matrix:
    """The hashed feature matrix of one block, shared between models within a batch."""
    key = "block:" + block_key(block)
    return per_batch(texts, key, lambda ts: _block_matrix(ts, block))


@dataclass
class LinearTextModel:
    name: str
    meta: dict
    block_coefs: list[np.ndarray]
    extra_coef: np.ndarray
    intercept: float

    @property
    def threshold(self) -> float:
        return float(self.meta.get("threshold", 0.5))

    def decision(self, texts: list[str], extra: np.ndarray | None = None) -> np.ndarray:
        z = np.full(len(texts), self.intercept, dtype=np.float64)
        for block, coef in zip(self.meta["blocks"], self.block_coefs, strict=True):
            z += block_features(texts, block) @ coef
        if self.extra_coef.size:
            if extra is None:
                raise ValueError(f"model {self.name} needs extra features {self.meta['extra']}")
            # row by row (not a BLAS matrix-vector product, whose summation order depends on
            # the batch size): a text gets bit-identical scores in any batch
            z += (np.asarray(extra, dtype=np.float64) * self.extra_coef).sum(axis=1)
        return z

    def predict_proba(self, texts: list[str], extra: np.ndarray | None = None) -> np.ndarray:
        """Probabilities; blank texts (empty or whitespace) get 0."""
        z = self.decision(texts, extra)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -35, 35)))
        blank = np.fromiter((not t.strip() for t in texts), dtype=bool, count=len(texts))
        p[blank] = 0.0
        return p


def save_model(
    name: str,
    meta: dict,
    block_coefs: list[np.ndarray],
    extra_coef: np.ndarray,
    intercept: float,
    top_k: int = 60000,
    directory: Path = MODELS_DIR,
) -> None:
    """Write ``<name>.json`` + ``<name>.npz`` (keeps the top_k largest |coef| of each block)."""
    arrays = {"intercept": np.array([intercept]), "extra": np.asarray(extra_coef, np.float32)}
    for i, coef in enumerate(block_coefs):
        coef = np.asarray(coef, dtype=np.float64)
        keep = np.flatnonzero(coef)
        if keep.size > top_k:
            keep = keep[np.argsort(-np.abs(coef[keep]), kind="stable")[:top_k]]
        keep.sort()
        arrays[f"idx{i}"] = keep.astype(np.int32)
        arrays[f"val{i}"] = coef[keep].astype(np.float32)
    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(directory / f"{name}.npz", **arrays)
    (directory / f"{name}.json").write_text(
        json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )


_CACHE: dict[str, LinearTextModel | None] = {}
_LOCK = threading.Lock()


def load_model(name: str, directory: Path = MODELS_DIR) -> LinearTextModel | None:
    """Load an artefact (cached); None if it is not there."""
    with _LOCK:
        if name in _CACHE:
            return _CACHE[name]
        meta_path, npz_path = directory / f"{name}.json", directory / f"{name}.npz"
        model = None
        if meta_path.exists() and npz_path.exists():
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
            with np.load(npz_path) as z:
                coefs = []
                for i, block in enumerate(meta["blocks"]):
                    dense = np.zeros(int(block["n_features"]), dtype=np.float64)
                    dense[z[f"idx{i}"]] = z[f"val{i}"]
                    coefs.append(dense)
                model = LinearTextModel(
                    name=name,
                    meta=meta,
                    block_coefs=coefs,
                    extra_coef=z["extra"].astype(np.float64),
                    intercept=float(z["intercept"][0]),
                )
        _CACHE[name] = model
        return model


def reset_cache() -> None:
    with _LOCK:
        _CACHE.clear()
    with _WORDS_LOCK:
        _WORDS.clear()
