"""The compiled hashed n-grams (signals/_ngrams.c, issue 15) give scikit-learn's features exactly.

The learned models' feature blocks come from the C extension where it is built and from
scikit-learn's HashingVectorizer where it is not: both must give the same CSR matrix, bit for
bit, or a text would score differently on a machine without a C compiler.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from brandcouch.signals import batchcache, learned
from tests.conftest import python_stdout

ext = learned.compiled_ngrams()
needs_ext = pytest.mark.skipif(ext is None, reason="the C extension is not built (no compiler)")

WORD = {"analyzer": "word", "n_features": 262144, "ngram_range": [1, 2], "norm": "l2"}
CHAR = {"analyzer": "char_wb", "n_features": 262144, "ngram_range": [2, 5], "norm": "l2"}

# what customers write: accents, CJK, Arabic-Indic digits, superscripts and Roman numerals
# (str.isalnum() but not [a-z0-9]), underscores, emoji with skin tones and variation
# selectors, the many Unicode spaces, one-letter words, blank and empty texts
DOCS = [
    "my order is late",
    "the app crashed again!! @user httpurl",
    "thanks so much 🙏🏽 ❤️ ok",
    "",
    "   ",
    "a",
    "ab",
    "I x y",
    "café crème brûlée, naïve résumé",
    "日本語のテキスト、注文が届きません",
    "الطلب ٣٤ لم يصل",
    "x_y __ _a 9 ² ³⁴ Ⅻ ½",
    "tab\tsep\u2003em\u00a0nbsp\u3000ideo\nline",
    "İstanbul ΣΑΣ straße ǅemal",
    "don't can't won’t",
    "0 00 000 0.0 0,0",
]


def _sklearn(docs: list[str], block: dict):
    want = learned.hashing_vectorizer(block).transform(docs).tocsr()
    want.sort_indices()
    return want


def _same(got, want) -> None:
    assert got.shape == want.shape
    assert np.array_equal(got.indptr, want.indptr)
    assert np.array_equal(got.indices, want.indices)
    assert np.array_equal(got.data, want.data)  # bit for bit, not approximately


@needs_ext
def test_murmurhash_matches_hand_checked_values():
    # MurmurHash3_x86_32, seed 0: "" hashes to 0, "hello" to 0x248bfa47
    assert ext.murmur3_32(b"") == 0
    assert ext.murmur3_32(b"hello") == 0x248BFA47
    # a key whose hash is INT32_MIN (found by a search over "w<n>"), the case scikit-learn maps
    # to abs(-2**31) % n_features rather than overflowing
    assert ext.murmur3_32(b"w886024258") == -(2**31)


@needs_ext
def test_counts_of_a_small_document_by_hand():
    # word 1-2-grams of "w886024258 ab ab cd": w886024258, ab (twice), cd, and the bigrams
    # "w886024258 ab", "ab ab", "ab cd"; with n_features=1000, abs(hash) % 1000 gives
    # ab 305, cd 564, w886024258 648 (2**31 % 1000), "ab ab" 525, "ab cd" 601
    indptr, indices, counts = ext.hash_counts(["w886024258 ab ab cd"], "word", 1, 1, 1000)
    assert np.frombuffer(indptr, np.int64).tolist() == [0, 3]
    assert np.frombuffer(indices, np.int32).tolist() == [305, 564, 648]
    assert np.frombuffer(counts, np.float64).tolist() == [2.0, 1.0, 1.0]
    _, indices, counts = ext.hash_counts(["ab ab cd"], "word", 2, 2, 1000)
    assert np.frombuffer(indices, np.int32).tolist() == [525, 601]
    assert np.frombuffer(counts, np.float64).tolist() == [1.0, 1.0]
    # char_wb 2-5-grams of "ab": " a", "ab", "b ", " ab", "ab ", " ab " (then no longer ones)
    _, indices, counts = ext.hash_counts(["ab"], "char_wb", 2, 5, 2**31 - 1)
    assert np.frombuffer(counts, np.float64).sum() == 6


@needs_ext
@pytest.mark.parametrize(
    "block",
    [
        WORD,
        CHAR,
        {**WORD, "ngram_range": [1, 1], "n_features": 1000},
        {**WORD, "ngram_range": [2, 3], "n_features": 7, "norm": "l1"},
        {**WORD, "binary": True},
        {**CHAR, "ngram_range": [1, 3], "n_features": 1000, "norm": None},
        {**CHAR, "ngram_range": [3, 6], "n_features": 2**31 - 1, "binary": True},
    ],
    ids=lambda b: (
        f"{b['analyzer']}{b['ngram_range']}-{b['n_features']}-{b.get('norm')}"
        f"{'-binary' if b.get('binary') else ''}"
    ),
)
def test_compiled_features_equal_scikit_learn_bit_for_bit(block):
    docs = [learned.preprocess(d) for d in DOCS] + DOCS
    _same(learned.compiled_features(docs, block), _sklearn(docs, block))


@needs_ext
def test_unsupported_blocks_and_texts_fall_back_to_scikit_learn():
    assert learned.compiled_features(["a b"], {**WORD, "token_pattern": r"\S+"}) is None
    assert learned.compiled_features(["a b"], {**WORD, "norm": "max"}) is None
    assert learned.compiled_features(["a b"], {**WORD, "analyzer": "char"}) is None
    # a lone surrogate has no UTF-8: scikit-learn's path (and its own behaviour) decides
    assert learned.compiled_features(["bad \ud800 text"], CHAR) is None
    with pytest.raises(UnicodeEncodeError):
        learned.block_features(["bad \ud800 text"], CHAR)


def test_model_scores_are_the_same_without_the_extension(monkeypatch):
    """The complaint model's decision values, with and without the compiled features."""
    model = learned.load_model("complaint")
    texts = DOCS + ["Your app keeps crashing and nobody answers", "Love the new update, thanks!"]
    batchcache.clear()
    with_ext = model.decision(texts, np.zeros((len(texts), len(model.extra_coef))))
    monkeypatch.setattr(learned, "compiled_ngrams", lambda: None)
    batchcache.clear()
    learned.reset_cache()
    without = model.decision(texts, np.zeros((len(texts), len(model.extra_coef))))
    batchcache.clear()
    assert np.array_equal(with_ext, without)


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler: the extension is optional")
def test_the_extension_is_built_where_a_compiler_is_present():
    # `make` installs the package with pip, which compiles the extension; a silent fallback
    # would give the same values at a fraction of the speed
    assert ext is not None


@needs_ext
def test_scoring_texts_never_imports_scikit_learn():
    code = (
        "import sys\n"
        "from brandcouch.signals import score_texts\n"
        "score_texts(['We are sorry, please DM us your order number', 'thanks!'],"
        " parents=['my order never came', 'x'], parallel=False)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sklearn'))\n"
    )
    assert python_stdout(code) == "[]"


@needs_ext
def test_vocab_counts_by_hand():
    # tokens of (?u)\b[^\W_][\w']*\b: "the" (a stop word), "dogs" (the trailing apostrophe is
    # not part of it), "cats", none in "_x" ("_" cannot start one and "x" follows a word
    # character), "dogs"; kept: dogs cats dogs -> dogs 2, cats 1, "dogs cats" 1 ("cats dogs" is
    # not in the vocabulary)
    vocab = {"dogs": 0, "cats": 1, "dogs cats": 2, "cats dogs cats": 3}
    indptr, indices, counts = ext.vocab_counts(
        ["the dogs' cats _x dogs", "", "x"], vocab, frozenset({"the"})
    )
    assert np.frombuffer(indptr, np.int64).tolist() == [0, 3, 3, 3]
    assert np.frombuffer(indices, np.int32).tolist() == [0, 1, 2]
    assert np.frombuffer(counts, np.float64).tolist() == [2, 1, 1]


@needs_ext
def test_lsa_counts_equal_the_python_loop_and_scikit_learn(monkeypatch):
    from brandcouch.signals import relevance_semantic as rs

    model = rs.shipped_model()
    texts = DOCS + ["_abc", "_a'b", "dogs' cats", "ab''", "rock'n'roll 'quoted' x'", "a_b c__d"]
    texts += ["Your app keeps crashing when I try to pay", "please DM us your order number"]
    fast = model.counts(texts)
    monkeypatch.setattr(learned, "compiled_ngrams", lambda: None)
    slow = model.counts(texts)
    want = model.vectorizer.transform(texts)
    want.sort_indices()
    for other in (slow, want):
        _same(fast, other)
        assert fast.dtype == other.dtype == np.float32
    assert fast.nnz > 20


@needs_ext
def test_minhash_by_hand_and_equal_to_numpy(monkeypatch):
    from brandcouch.signals import templates

    # text 0: shingles 1 and 5; text 1: none; text 2: shingle 2
    hashes = np.array([1, 5, 2], dtype=np.uint64)
    offsets = np.array([0, 2, 2, 3], dtype=np.int64)
    a = np.array([3, 2**63 + 1], dtype=np.uint64)
    b = np.array([2**33, 0], dtype=np.uint64)
    out = np.frombuffer(ext.minhash(hashes, offsets, a, b), np.uint32).reshape(3, 2)
    # perm 0: (3*1 + 2**33) >> 32 = 2, (3*5 + 2**33) >> 32 = 2; perm 1 wraps modulo 2**64:
    # (2**63 + 1) * 1 >> 32 = 2**31, (2**63 + 1) * 5 = 2**63 + 5 (mod 2**64) >> 32 = 2**31,
    # (2**63 + 1) * 2 = 2 (mod 2**64) >> 32 = 0; a text without shingles gets 0xFFFFFFFF
    assert out.tolist() == [[2, 2**31], [0xFFFFFFFF, 0xFFFFFFFF], [2, 0]]

    texts = ["Please DM us your order number", "", "ok", "日本語のテキスト 🙏🏽"] + [
        f"We're sorry to hear that, reply {i} with details" for i in range(300)
    ]
    h, off = templates.shingle_hashes(texts, templates.SHINGLE_CHARS)
    fast = templates.minhash(h, off)
    monkeypatch.setattr(learned, "compiled_ngrams", lambda: None)
    slow = templates.minhash(h, off)
    assert fast.dtype == slow.dtype == np.uint32
    assert np.array_equal(fast, slow)


@needs_ext
def test_pair_jaccard_by_hand_and_equal_to_the_sparse_path(monkeypatch):
    from brandcouch.signals import templates

    # rows {1, 2, 3}, {2, 3, 4, 5}, {} : J(0, 1) = 2 / 5, J(0, 2) = 0 / 3, J(2, 2) = 0 (empty)
    indptr = np.array([0, 3, 7, 7], dtype=np.int64)
    cols = np.array([1, 2, 3, 2, 3, 4, 5], dtype=np.int32)
    pairs = np.array([[0, 1], [0, 2], [2, 2]], dtype=np.int64)
    got = np.frombuffer(ext.pair_jaccard(indptr, cols, pairs), np.float64)
    assert got.tolist() == [0.4, 0.0, 0.0]
    with pytest.raises(ValueError):
        ext.pair_jaccard(indptr, cols, np.array([[0, 3]], dtype=np.int64))

    texts = ["Please DM us your order number", "Please DM us your order number now", "", "ok"]
    texts += [f"We're sorry to hear that, reply {i % 37} with the details" for i in range(200)]
    h, off = templates.shingle_hashes(texts, templates.SHINGLE_CHARS)
    rng = np.random.default_rng(7)
    pairs = rng.integers(0, len(texts), size=(3000, 2))
    fast = templates._jaccard(h, off, pairs)
    monkeypatch.setattr(learned, "compiled_ngrams", lambda: None)
    slow = templates._jaccard(h, off, pairs)
    assert np.array_equal(fast, slow)
    assert 0 < (fast == 1.0).sum() < len(fast)  # exact copies and partial overlaps both occur


# readability and length (the counters in _ngrams.c): Python re's Unicode classes by hand
READ_DOCS = [
    *DOCS,
    "Hi there. We're sorry! Is it fixed?? ok...",
    "end?!x no sentence here",  # a run followed by a letter ends no sentence
    "a.b.c. d",
    "don't can’t o'e rock'n'roll l'été",  # apostrophes join words, break vowel groups
    "the table able free eye bye axe re e le",  # silent final e, but not -le -ee -ye
    "İstanbul İi KELVIN Kk",  # str.lower() gives ASCII: the Python fallback
    "e\u0301te\u0301 cafe\u0301",  # combining marks are not letters (nor word characters)
    "x2y 3rd ٣٤ abc٣def ½price Ⅻth _under_score_",
    "queueing rhythm syzygy YYY AEIOUY",
    "...",
    "?",
    "!!! wow",
    "@user http://x.y/z only",
    "a\u2028b\u0085c\u001fd\u000be",  # Unicode line and separator characters are \s
    "lone \ud800 surrogate word",
]


def _random_docs(n: int, seed: int) -> list[str]:
    rng = np.random.default_rng(seed)
    alphabet = list("aeiouyAEIOUY lrtsnE.!?'’_-2٣Ⅻ\u0301\u00a0\u2003İKé日\t") + [" "] * 6
    return ["".join(rng.choice(alphabet, size=int(rng.integers(0, 40)))) for _ in range(n)]


@needs_ext
def test_readability_and_length_equal_python_re(monkeypatch):
    from brandcouch.signals import readability as R

    docs = READ_DOCS + _random_docs(3000, 7)
    want = [R.flesch(t) for t in docs]
    tokens = [float(len(R._TOKEN.findall(t))) for t in docs]
    for compiled in (ext, None):  # with the extension, and the path without it
        monkeypatch.setattr(R, "compiled_ngrams", lambda compiled=compiled: compiled)
        assert R.flesch_all(docs).tolist() == want  # == on floats: bit for bit
        assert R.length(docs).tolist() == tokens


@needs_ext
def test_readability_counts_by_hand():

    counts = np.frombuffer(
        ext.flesch_counts(["Hi there. We're sorry! Is it fixed?? ok...", "the table free bye", ""]),
        dtype=np.int64,
    ).reshape(-1, 3)
    # words Hi there We're sorry Is it fixed ok (8); sentences "." "!" "??" "..." (4);
    # syllables hi 1, there 1 (silent e), we're 1 (silent e), sorry 2 (o, y), is 1, it 1,
    # fixed 2 (i, e), ok 1
    assert counts[0].tolist() == [8, 4, 10]
    assert counts[1].tolist() == [4, 1, 1 + 2 + 1 + 1]  # the, ta-ble (-le kept), free, bye
    assert counts[2].tolist() == [0, 1, 0]
    assert (
        ext.token_counts(["a _ __ b2 -- ½", "", "   "])
        == np.array([3, 0, 0], dtype=np.int64).tobytes()
    )  # a, b2, ½ (isalnum); "_" "__" "--" have none


@needs_ext
def test_content_terms_equal_python():
    from brandcouch.signals.textutil import content_terms, content_terms_all

    hand = [
        "My orders were STOPPED, the parties cancelled: glass, runs, less, ties, flies",
        "don’t can't won’t rock'n'roll it’s ’quoted’ o'",
        "12 2nd ²² ٣٤ 1'2 x2 ab",  # all digits (str.isdigit, also ² and ٣) are not terms
        "@Acme see https://x.co/a &amp; <b>bold</b> Ünïcödé ÉTÉS İstanbul ſtopping",
        "shipping shipped fixed fixing loving happily boxes",
        "",
        "a i x",
    ]
    rng = np.random.default_rng(3)
    alphabet = list("aeisndgly'’ 2²٣İÉ_-.") + ["ing", "ed", "ies", "ss"]
    rand = ["".join(rng.choice(alphabet, size=int(rng.integers(0, 25)))) for _ in range(3000)]
    docs = hand + rand
    assert content_terms_all(docs) == [content_terms(t) for t in docs]
    assert content_terms_all(hand[:1])[0] == {
        "order", "stop", "party", "cancel", "glass", "run", "less", "tie", "fly",
    }  # fmt: skip
