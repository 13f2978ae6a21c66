from __future__ import annotations

import pandas as pd

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
