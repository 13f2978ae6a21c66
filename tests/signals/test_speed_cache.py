"""Caches and rewrites added for speed (issue 15) give the previous values exactly."""

from __future__ import annotations

import numpy as np

from brandcouch.signals import learned

BLOCK = {"analyzer": "char_wb", "n_features": 262144, "ngram_range": [2, 5], "norm": "l2"}
FIRST = ["my order is late", "the app crashed again!!", "thanks so much 🙏", ""]
SECOND = ["order late again", "日本語 app", "thanks   so much", "   "]


def _sklearn(docs: list[str]):
    return learned.hashing_vectorizer(BLOCK).transform(docs).tocsr()


def test_char_wb_rows_reused_between_batches_give_the_same_matrix():
    learned.reset_cache()
    learned.char_wb_features(FIRST, BLOCK)  # fills the word cache
    assert "order" in next(iter(learned._WORDS.values()))[0]
    warm = learned.char_wb_features(SECOND, BLOCK)  # "order", "late", "again", ... reused
    want = _sklearn(SECOND)
    want.sort_indices()
    assert np.array_equal(warm.indptr, want.indptr)
    assert np.array_equal(warm.indices, want.indices)
    assert np.array_equal(warm.data, want.data)
    # the blank texts have no features; "thanks so much" with 1 or 3 spaces is the same document
    assert warm[3].nnz == 0
    assert (warm[2] != _sklearn(["thanks so much"])).nnz == 0


def test_word_cache_is_bounded(monkeypatch):
    learned.reset_cache()
    monkeypatch.setattr(learned, "WORD_CACHE_MAX", 5)
    learned.char_wb_features(
        FIRST, BLOCK
    )  # 12 distinct words > 5: kept, but the next new word starts over
    got = learned.char_wb_features(SECOND, BLOCK)
    # SECOND brings new words past the bound: only its own 8 distinct words are kept
    assert len(next(iter(learned._WORDS.values()))[0]) == len(set(" ".join(SECOND).split())) == 8
    want = _sklearn(SECOND)
    want.sort_indices()
    assert np.array_equal(got.data, want.data) and np.array_equal(got.indices, want.indices)
    learned.reset_cache()


def test_lsa_counts_equal_the_vectorizer():
    from brandcouch.signals.relevance_semantic import shipped_model

    model = shipped_model()
    if model is None:  # the artefact is shipped; without it there is nothing to compare
        return
    docs = [
        "My order 12345 hasn't arrived, where is it?",
        "Sorry to hear that! Please DM us your order number https://t.co/x",
        "order order order arrived arrived",
        "the and of",  # stop words only: an empty row
        "",
        "日本語 order 😀",
    ]
    want = model.vectorizer.transform(docs)
    got = model.counts(docs)
    assert got.dtype == want.dtype == np.float32
    assert np.array_equal(got.indptr, want.indptr)
    assert np.array_equal(got.indices, want.indices)
    assert np.array_equal(got.data, want.data)
    assert got[3].nnz == 0 and got[4].nnz == 0
    assert got[2].data.max() >= 3  # "order" three times


def test_langid_arrays_cached_on_disk_classify_the_same(tmp_path, monkeypatch):
    from brandcouch.signals import language

    monkeypatch.setenv("BRANDCOUCH_CACHE_DIR", str(tmp_path))
    texts = [
        "Thank you so much for the quick help with my order today",
        "Merci beaucoup pour votre aide rapide avec ma commande",
        "Muchas gracias por la ayuda con mi pedido de hoy",
        "ご注文ありがとうございました。またのご利用をお待ちしております",
    ]
    decoded = language._BatchLangid()  # decodes langid's model string, writes the cache
    assert len(list(tmp_path.glob("langid-*.npz"))) == 1
    cached = language._BatchLangid()  # reads the cache
    for attr in ("nb_ptc", "nb_pc", "nextmove"):
        assert np.array_equal(getattr(decoded, attr), getattr(cached, attr))
    assert (decoded.state_feats != cached.state_feats).nnz == 0
    labels, conf = cached.classify_with_confidence(texts)
    want_labels, want_conf = decoded.classify_with_confidence(texts)
    assert list(labels) == list(want_labels) == ["en", "fr", "es", "ja"]
    assert np.array_equal(conf, want_conf)


def test_langid_cache_survives_a_broken_file(tmp_path, monkeypatch):
    from brandcouch.signals import language

    monkeypatch.setenv("BRANDCOUCH_CACHE_DIR", str(tmp_path))
    language._BatchLangid()
    (path,) = tmp_path.glob("langid-*.npz")
    path.write_bytes(b"not a zip file")
    model = language._BatchLangid()  # decodes again and rewrites the file
    assert list(model.classify(["Thank you so much for the quick help with my order"])) == ["en"]
    assert path.stat().st_size > 1000


def test_complaint_cues_batch_equal_the_per_text_reference():
    """complaint's v3 cues over a batch (one substitution per text) equal ``_cues_v3`` per text
    (one substitution per word), the shouting cue included."""
    from brandcouch.signals import complaint
    from brandcouch.signals.sentiment import vader_compound

    texts = [
        "WHY IS MY ORDER STILL NOT HERE?!",
        "@Acme THIS is NOT ok , ### !!! ???",
        "I WANT A REFUND NOW https://x.co/abc @Acme",
        "ok THANKS so much",
        "NO\u2003SIGNAL\u3000AGAIN\u00a0TODAY\x1cREALLY",  # Unicode spaces split words
        "ÉTÉ CAFÉ Ⅻ 123 ... -- A B",  # non-ASCII capitals are not letters here
        "",
        "   ",
    ] * 10  # >= 64 texts: the RE2 pre-filter is used
    compound = vader_compound(texts)
    problem = complaint.problem_report(texts)
    got = complaint._cues_v3_batch(texts, compound, problem)
    want = [complaint._cues_v3(t, c, p) for t, c, p in zip(texts, compound, problem, strict=True)]
    assert got.tolist() == want
    assert got[:, 2].tolist()[:5] == [1.0, 1.0, 1.0, 0.0, 1.0]  # the shouting cue, by hand


def _complaint_texts() -> list[str]:
    rng = __import__("numpy").random.default_rng(11)
    alphabet = list("aAbBzZ!?@_ .,:/#2٣ÉéⅫⅷ\u2003\u00a0\u3000\x1c\t'") + ["http://x.co/a", "@Acme"]
    rand = ["".join(rng.choice(alphabet, size=int(rng.integers(0, 30)))) for _ in range(2000)]
    return [
        "WHY IS MY ORDER STILL NOT HERE?!",
        "  @Acme THIS is NOT ok , ### !!! ???",
        "Ⅷ ⅷ ÉTÉ é İ ǅ",  # upper-case numerals are not letters; title case is neither
        "",
        *rand,
    ]


def test_complaint_surface_and_cues_equal_the_reference_with_and_without_c(monkeypatch):
    """The surface features and v3 cues (character counts in C where built, in Python where
    not) equal the per-text reference ``_surface`` / ``_cues_v3`` bit for bit."""
    from brandcouch.signals import complaint
    from brandcouch.signals.sentiment import vader_compound

    texts = _complaint_texts()
    compound = vader_compound(texts)
    problem = complaint.problem_report(texts)
    want_s = [complaint._surface(t) for t in texts]
    want_c = [complaint._cues_v3(t, c, p) for t, c, p in zip(texts, compound, problem, strict=True)]
    for ext in (complaint.compiled_ngrams(), None):
        monkeypatch.setattr(complaint, "compiled_ngrams", lambda ext=ext: ext)
        assert complaint._surface_batch(texts).tolist() == want_s
        assert complaint._cues_v3_batch(texts, compound, problem).tolist() == want_c
    assert want_s[0][:3] == [1 / 3, 1 / 3, 1.0] and want_s[2][2] == 4 / 6  # É T É İ of 6 letters
