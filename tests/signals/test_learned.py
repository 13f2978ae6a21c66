"""Shipped artefacts load, stay small, and reproduce their documented scores."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import f1_score

from brandcouch.signals import score_texts
from brandcouch.signals.learned import MODELS_DIR, load_model

from .helpers import shared_file


# self_promotion.v2 and v3 add documented post-processing (a service guard; v3 the care
# form) on top of the unchanged v1 artefact, so the signal version moved on while the artefact's did not
# (tests/signals/test_false_positives.py). complaint.v4 is a retrained artefact (the praise and
# demand cues of issue 13) and keeps complaint.v3's long-text correction; complaint.v5 adds the
# problem-report floor on top of the same v4 artefact, complaint.v6 the praise cap.
@pytest.mark.parametrize(
    ("name", "artefact", "signal_version"),
    [("complaint", 4, "complaint.v6"), ("self_promotion", 1, "self_promotion.v3")],
)
def test_artefacts_load_and_are_small(name, artefact, signal_version):
    from brandcouch.signals import SIGNALS

    model = load_model(name)
    assert model is not None
    assert (MODELS_DIR / f"{name}.npz").stat().st_size < 3_000_000
    assert model.meta["version"] == f"{name}.v{artefact}"
    assert SIGNALS[name].version == signal_version


def test_documented_complaint_scores():
    metrics = json.loads((MODELS_DIR / "complaint.json").read_text())["metrics"]
    assert metrics["protocol"].startswith("nested leave-one-domain-out")
    assert metrics["objective"] == "macro"
    assert metrics["lodo"]["f1"] == pytest.approx(0.8424, abs=0.0005)  # complaint.v4 (v2: 0.8277)
    assert metrics["lodo"]["macro_f1"] == pytest.approx(0.7887, abs=0.0005)  # v2: 0.7688
    assert metrics["lodo"]["f1"] > metrics["baselines"]["vader_negative_rule_lodo_rows"]["f1"]
    assert metrics["lodo"]["f1"] > metrics["baselines"]["always_complaint_lodo_rows"]["f1"]


def test_complaint_examples():
    p = score_texts(
        [
            "@AcmeAir 3 hours on the tarmac and no one tells us anything. Worst airline ever",
            "@AcmeAir thank you for the upgrade, lovely crew today!",
        ],
        signals=["complaint"],
    )["complaint"]
    assert p.iloc[0] > 0.5 > p.iloc[1]


def test_complaint_held_out_domain_quick_check():
    """The shipped recipe trained without 'food' scores food near its documented nested F1."""
    import sys

    from .helpers import REPO

    sys.path.insert(0, str(REPO / "scripts"))
    from train_signals import RANDOM_POOLS, complaint_matrices, fit_linear

    meta = json.loads((MODELS_DIR / "complaint.json").read_text())
    chosen = meta["params"]["chosen"]
    df = pd.read_csv(shared_file("data/complaints/train.csv"), dtype={"id": str})
    y, dom = df["complaint"].to_numpy(), df["domain"].to_numpy()
    X = complaint_matrices(df["text"].fillna("").tolist())[chosen["extras"]]
    weight = np.where(np.isin(dom, RANDOM_POOLS), chosen["random_pool_weight"], 1.0)
    te = dom == "food"
    model = fit_linear(X[~te], y[~te], chosen["model"], chosen["C"], weight[~te])
    z = model.decision_function(X[te])
    f1 = f1_score(y[te], z >= meta["params"]["threshold_on_decision_value"])
    assert f1 == pytest.approx(meta["metrics"]["lodo_per_domain"]["food"]["f1"], abs=0.05)


def test_self_promotion_cross_video_quick_check():
    """Shipped model on one training video is near-perfect; documented cross-video F1 >= 0.93."""
    meta = json.loads((MODELS_DIR / "self_promotion.json").read_text())
    assert meta["metrics"]["cross_video_pooled"]["f1"] >= 0.93
    df = pd.read_csv(
        shared_file("data/youtube-spam/Youtube01-Psy.csv"), usecols=["CONTENT", "CLASS"]
    )
    p = score_texts(df["CONTENT"], signals=["self_promotion"])["self_promotion"]
    assert f1_score(df["CLASS"], p >= 0.5) >= 0.93


def test_self_promotion_examples():
    p = score_texts(
        [
            "Check out my channel and subscribe!! http://bit.ly/xyz",
            "This song never gets old, listening in 2024",
        ],
        signals=["self_promotion"],
    )["self_promotion"]
    assert p.iloc[0] > 0.5 > p.iloc[1]


def test_char_wb_features_per_word_equal_scikit_learn_per_document():
    """The per-word shortcut must give exactly scikit-learn's matrix (same model, same values)."""
    import json

    from brandcouch.signals import learned

    meta = json.loads((learned.MODELS_DIR / "complaint.json").read_text())
    block = next(b for b in meta["blocks"] if b["analyzer"] == "char_wb")
    docs = learned.preprocessed(
        ["My order never arrived!!", "", "  ", "a", "tab\tsep\nnew  line twice twice",
         "ünïcödé  ＡＢＣ café", "x" * 300, "@user httpurl 0 0 0"]
    )  # fmt: skip
    for variant in (block, {**block, "binary": True}, {**block, "norm": None}):
        want = learned.hashing_vectorizer(variant).transform(docs).toarray()
        got = learned.char_wb_features(docs, variant).toarray()
        assert np.array_equal(want, got)
    blank = learned.char_wb_features(["", " "], block)
    assert blank.shape == (2, int(block["n_features"])) and blank.nnz == 0


def test_preprocess_all_equals_preprocess_one_by_one():
    from brandcouch.signals.learned import preprocess, preprocess_all

    hand = [
        "Visit https://Example.com/a?b=1 or www.x.org NOW",
        "@AcmeHelp hi @bob, order 12345 (x2) is late",
        "mail me a@b.com @ 5pm",  # "a@b": no handle after a word character
        "&amp; &lt;b&gt;bold&lt;/b&gt; <i>tag</i> 3<4",
        "Ünïcödé ٣ digits ２ and İstanbul",
        "@élan @_x @日本",
        "",
        "no cue at all",
    ]
    texts = hand * 10  # past re2filter.MIN_TEXTS, so the RE2 pre-filter is used
    assert preprocess_all(texts) == [preprocess(t) for t in texts]
    got = dict(zip(hand, preprocess_all(texts), strict=False))
    assert got["@AcmeHelp hi @bob, order 12345 (x2) is late"] == (
        " @user  hi  @user , order 0 (x0) is late"
    )
    assert got["Visit https://Example.com/a?b=1 or www.x.org NOW"] == (
        "visit  httpurl  or  httpurl  now"
    )
