"""language: ISO 639-1 code from langid.py (Lui & Baldwin 2012), batched; "und" if short or unsure.

langid's own ``classify`` walks a byte-level DFA in Python and then does one dense dot product
per text. Here the DFA runs over a whole batch at once (one numpy step per byte position over
texts of similar length), state visits become a sparse matrix, and one sparse x dense product
scores every text: the result is the same argmax as ``langid.classify`` (checked in tests).
The text is cleaned first (URLs and @handles removed).

langid is unreliable on short texts ("DM us your order number" -> es). So a text gets langid's
label only when it has at least MIN_WORDS (4) words of 2+ letters, at least MIN_LETTERS (12)
letters, and langid's normalised probability is >= MIN_CONFIDENCE (0.9). Otherwise it gets
"en" when at least MIN_EN_STOPWORD_SHARE (20%) of its words are English function words from
ENGLISH_STOPWORDS (chosen not to be common words of other Latin-script languages), and
"und" (undetermined) if not. Texts without letters get "und". Chinese, Japanese and Korean
texts, written without spaces, count as long enough from MIN_CJK_CHARS (6) letters.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from pathlib import Path

import numpy as np

from brandcouch.signals.registry import signal
from brandcouch.signals.textutil import clean

MIN_WORDS = 4
MIN_LETTERS = 12
MIN_CONFIDENCE = 0.9
MIN_EN_STOPWORD_SHARE = 0.2
MIN_CJK_CHARS = 6
_CHUNK = 512
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")
# English function words that are not also common words in other Latin-script languages
# (left out: a, no, me, in, on, is, am, an, as, at, by, do, he, her, hi, or, but, so, all,
# die, den, son, con, de, la, el).
_EN_STOPWORDS = (
    "the and you your yours we us our ours my mine i'm i've i'll it its this that these those"
    " to of with from about be been being are was were does did don't doesn't didn't"
    " can can't could would should will won't have has had not just what when where why how who"
    " which there their they them his him please thanks thank hey any some more very"
    " here get got still again out up if than then too also i for you're we're they're that's"
    " there's let's isn't wasn't i'd we'll we've you'll welcome thx yes yeah"
)
ENGLISH_STOPWORDS = frozenset(_EN_STOPWORDS.split())

_MODEL = None
_LOCK = threading.Lock()


def cache_dir() -> Path:
    """Where derived model arrays are kept between runs: ``BRANDCOUCH_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/brandcouch``, else ``~/.cache/brandcouch``."""
    explicit = os.environ.get("BRANDCOUCH_CACHE_DIR", "").strip()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or str(Path.home() / ".cache")
    return Path(base) / "brandcouch"


def _model_arrays() -> dict[str, np.ndarray]:
    """langid's model as arrays. Decoding langid's model string (base64 + bz2 + pickle) costs
    about 4 CPU-seconds per process, so the arrays are kept in :func:`cache_dir`, keyed by a
    hash of the model string (a changed langid model is decoded again); the cached arrays are
    the decoded ones, bit for bit. Without a writable cache directory it decodes every time."""
    from langid import langid

    model = langid.model
    raw = model if isinstance(model, bytes) else model.encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(raw, digest_size=8).hexdigest()
    path = cache_dir() / f"langid-{digest}.npz"
    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k] for k in z.files}
    except Exception:  # noqa: BLE001 - absent, partial or foreign file: decode again
        pass
    ident = langid.LanguageIdentifier.from_modelstring(model, norm_probs=False)
    nextmove = np.asarray(ident.tk_nextmove, dtype=np.int64)
    rows, cols = [], []
    for state, feats in ident.tk_output.items():
        for f in feats:
            rows.append(state)
            cols.append(f)
    arrays = {
        "classes": np.array([str(c) for c in ident.nb_classes]),
        "nb_ptc": np.ascontiguousarray(ident.nb_ptc, dtype=np.float64),
        "nb_pc": np.asarray(ident.nb_pc, dtype=np.float64),
        "nextmove": nextmove,
        "rows": np.asarray(rows, dtype=np.int64),
        "cols": np.asarray(cols, dtype=np.int64),
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp.npz")
        np.savez(tmp, **arrays)
        os.replace(tmp, path)
    except OSError:
        pass  # read-only home: decode again next time
    return arrays


class _BatchLangid:
    def __init__(self):
        import scipy.sparse as sp  # on first use: a command that scores nothing skips scipy

        arrays = _model_arrays()
        self.classes = np.array([str(c) for c in arrays["classes"]], dtype=object)
        self.nb_ptc = np.ascontiguousarray(arrays["nb_ptc"], dtype=np.float64)
        self.nb_pc = np.asarray(arrays["nb_pc"], dtype=np.float64)
        self.nextmove = np.asarray(arrays["nextmove"], dtype=np.int64)
        n_states = len(self.nextmove) // 256
        rows, cols = arrays["rows"], arrays["cols"]
        self.state_feats = sp.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(n_states, self.nb_ptc.shape[0])
        )
        self.n_states = n_states

    def classify(self, texts: list[str]) -> np.ndarray:
        """langid's label per text (identical to ``langid.classify``)."""
        return self.classify_with_confidence(texts)[0]

    def classify_with_confidence(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Labels and langid's normalised probability of each label (0..1)."""
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        lens = np.fromiter((len(b) for b in encoded), dtype=np.int64, count=len(encoded))
        order = np.argsort(lens, kind="stable")
        out = np.empty(len(texts), dtype=object)
        conf = np.zeros(len(texts), dtype=np.float64)
        for start in range(0, len(order), _CHUNK):
            idx = order[start : start + _CHUNK]
            out[idx], conf[idx] = self._classify_chunk([encoded[i] for i in idx], lens[idx])
        return out, conf

    def _classify_chunk(self, encoded: list[bytes], lens: np.ndarray) -> np.ndarray:
        import scipy.sparse as sp

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
        scores = np.asarray(feats @ self.nb_ptc + self.nb_pc)
        best = np.argmax(scores, axis=1)
        top = scores[np.arange(n), best]
        conf = 1.0 / np.exp(scores - top[:, None]).sum(axis=1)  # softmax of the winner
        return self.classes[best], conf


def _model() -> _BatchLangid:
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            _MODEL = _BatchLangid()
    return _MODEL


def english_stopword_share(words: list[str]) -> float:
    """Share of ``words`` (lower-cased) that are English function words from ENGLISH_STOPWORDS."""
    if not words:
        return 0.0
    hits = sum(w.lower().replace("\u2019", "'") in ENGLISH_STOPWORDS for w in words)
    return hits / len(words)


def detect_languages(texts: list[str]) -> np.ndarray:
    """ISO 639-1 code per text; "und" when too short or unsure (see the module docstring)."""
    out = np.full(len(texts), "und", dtype=object)
    cleaned, where, words_of = [], [], []
    for i, t in enumerate(texts):
        if not t:
            continue
        c = clean(t)
        words = _WORD.findall(c)
        if not words:
            continue
        cleaned.append(c)
        where.append(i)
        words_of.append(words)
    if not cleaned:
        return out
    labels, conf = _model().classify_with_confidence(cleaned)
    for j, i in enumerate(where):
        words = words_of[j]
        letter_words = [w for w in words if len(w) >= 2]
        short = len(letter_words) < MIN_WORDS or sum(map(len, letter_words)) < MIN_LETTERS
        if short and _CJK.search(cleaned[j]):  # no spaces between words: count characters
            short = sum(map(len, words)) < MIN_CJK_CHARS
        if not short and conf[j] >= MIN_CONFIDENCE:
            out[i] = labels[j]
        elif english_stopword_share(words) >= MIN_EN_STOPWORD_SHARE:
            out[i] = "en"
    return out


@signal(
    "language",
    version="language.v2",
    kind="str",
    help='ISO 639-1 language (langid.py); "und" for short or unsure texts unless clearly English',
)
def language(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return detect_languages(texts)
