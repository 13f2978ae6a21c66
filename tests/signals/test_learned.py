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


@pytest.mark.parametrize("name", ["complaint", "self_promotion"])
def test_artefacts_load_and_are_small(name):
    model = load_model(name)
    assert model is not None
    assert (MODELS_DIR / f"{name}.npz").stat().st_size < 3_000_000
    assert model.meta["version"] == f"{name}.v1"


def test_documented_complaint_scores():
    meta = json.loads((MODELS_DIR / "complaint.json").read_text())
    assert meta["metrics"]["lodo"]["f1"] >= 0.80
    assert (
        meta["metrics"]["lodo"]["f1"]
        > meta["metrics"]["baselines"]["vader_negative_rule_lodo_rows"]["f1"]
    )


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
    """Train on all domains but 'food' with the shipped recipe; F1 on food near the LODO value."""
    import sys

    from .helpers import REPO

    sys.path.insert(0, str(REPO / "scripts"))
    from brandcouch.signals.complaint import complaint_extra
    from train_signals import COMPLAINT_C, RANDOM_POOL_WEIGHT, features, fit

    df = pd.read_csv(shared_file("data/complaints/train.csv"), dtype={"id": str})
    texts = df["text"].fillna("").tolist()
    y = df["complaint"].to_numpy()
    X = features(texts, complaint_extra(texts))
    weight = np.where(df["domain"].str.startswith("random"), RANDOM_POOL_WEIGHT, 1.0)
    te = (df["domain"] == "food").to_numpy()
    model = fit(X[~te], y[~te], COMPLAINT_C, weight[~te])
    f1 = f1_score(y[te], model.predict_proba(X[te])[:, 1] >= 0.4)
    documented = json.loads((MODELS_DIR / "complaint.json").read_text())
    assert f1 == pytest.approx(documented["metrics"]["lodo_per_domain"]["food"]["f1"], abs=0.05)


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
