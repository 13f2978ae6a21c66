from __future__ import annotations

import pandas as pd
import pytest

from brandcouch.signals import score_texts
from brandcouch.signals.language import _model
from brandcouch.signals.textutil import clean

from .helpers import shared_file


def test_examples():
    langs = score_texts(
        [
            "Danke für die schnelle Hilfe, alles funktioniert wieder",
            "Merci beaucoup pour votre aide rapide",
            "Can you help me with my account please",
            "ok",
            "",
        ],
        signals=["language"],
    )["language"].tolist()
    assert langs == ["de", "fr", "en", "und", "und"]


def test_batched_langid_equals_langid_classify():
    import langid

    texts = pd.read_csv(shared_file("data/twcs/twcs_head5000.csv"))["text"].fillna("")
    texts = [clean(t) for t in texts.head(400)]
    ours = _model().classify(texts).tolist()
    theirs = [langid.classify(t)[0] for t in texts]
    assert ours == theirs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # langid alone says "es" (probability 0.64): unsure, but 2 of 5 words are English
        ("DM us your order number", "en"),
        ("thanks!", "en"),  # short: one word, an English function word
        ("You’re welcome. ^NHP", "en"),  # curly apostrophe
        ("Love it!!", "en"),
        ("ok", "und"),  # short, no English function word
        ("Gracias por todo", "und"),  # short; no word from the English list
        ("no me gusta nada", "und"),  # "no" and "me" are deliberately not in the list
        ("Merci pour tout", "und"),
        ("1234 5678", "und"),  # no letters
        ("ご注文の商品が届きません。確認してください", "ja"),  # no spaces: counted by characters
        ("谢谢", "und"),
    ],
)
def test_short_and_unsure_texts(text, expected):
    assert score_texts([text], signals=["language"])["language"].tolist() == [expected]


def test_confidence_is_langid_normalised_probability():
    from langid import langid

    ident = langid.LanguageIdentifier.from_modelstring(langid.model, norm_probs=True)
    texts = ["DM us your order number", "Merci beaucoup pour votre aide rapide"]
    labels, conf = _model().classify_with_confidence(texts)
    for text, label, p in zip(texts, labels, conf, strict=True):
        expected_label, expected_p = ident.classify(text)
        assert label == expected_label
        assert p == pytest.approx(expected_p, abs=1e-6)
