"""The contract other code relies on: registry, columns, dtypes, hashing, missing text."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from brandcouch.signals import SIGNALS, Signal, pipeline, score_texts, signal, text_hash

COLUMNS = [
    "sentiment", "question", "complaint", "self_promotion", "sales_pitch", "gratitude", "apology",
    "deflection", "act_acknowledge", "act_diagnose", "act_inform", "act_commit", "act_private",
    "act_link", "act_close", "act_boilerplate", "engagement",
    "recommendation", "disclosure", "readability", "length", "language", "resolved", "persisting",
    "went_private", "template", "agent",
]  # fmt: skip


def test_registry_order_and_fields():
    assert list(SIGNALS)[: len(COLUMNS)] == COLUMNS
    assert list(SIGNALS)[-1] == "relevance"
    for name, sig in SIGNALS.items():
        assert isinstance(sig, Signal)
        assert sig.name == name and sig.version.startswith(name + ".v")
        assert sig.requires in {("text",), ("text", "parent_text")}
        assert sig.kind in {"float", "str"} and sig.help
    assert SIGNALS["relevance"].requires == ("text", "parent_text")
    assert SIGNALS["language"].kind == "str"
    assert SIGNALS["template"].kind == SIGNALS["agent"].kind == "str"


def test_signal_is_frozen_and_decorator_validates():
    with pytest.raises(AttributeError):
        SIGNALS["question"].version = "x"  # type: ignore[misc]
    with pytest.raises(ValueError):
        signal("question", version="question.v9")(lambda t, p: np.zeros(len(t)))
    with pytest.raises(ValueError):
        signal("newthing", version="other.v1")


def test_columns_and_dtypes():
    frame = score_texts(["Hello there, my parcel never arrived", "Thanks!"])
    assert list(frame.columns) == COLUMNS
    for col in COLUMNS:
        expected = object if col in ("language", "template", "agent") else np.float64
        assert frame[col].dtype == expected, col
    with_parents = score_texts(["a reply"], parents=["a question?"])
    assert list(with_parents.columns) == COLUMNS + ["relevance"]


def test_empty_and_missing_texts_do_not_crash():
    frame = score_texts(["", None, float("nan")], parents=[None, "", "x"])
    floats = frame.drop(columns=["language", "template", "agent"])
    assert (floats.drop(columns=["readability"]) == 0).all().all()
    assert (frame["readability"] == 0).all()
    assert frame["language"].tolist() == ["und", "und", "und"]
    assert frame["template"].tolist() == frame["agent"].tolist() == ["", "", ""]
    assert len(score_texts([])) == 0


def test_duplicates_get_identical_rows():
    texts = ["Why is my order late?", "thanks!", "Why is my order late?"]
    frame = score_texts(texts)
    pd.testing.assert_series_equal(frame.iloc[0], frame.iloc[2], check_names=False)


def test_subset_and_errors():
    frame = score_texts(["DM us"], signals=["deflection", "apology"])
    assert list(frame.columns) == ["deflection", "apology"]
    with pytest.raises(KeyError):
        score_texts(["x"], signals=["nope"])
    with pytest.raises(ValueError):
        score_texts(["x"], signals=["relevance"])
    with pytest.raises(ValueError):
        score_texts(["x", "y"], parents=["p"])


def test_text_hash_is_stable():
    assert text_hash("hello") == text_hash("hello")
    assert text_hash("hello") != text_hash("hello ")
    assert len(text_hash("hello")) == 16 and int(text_hash("hello"), 16) >= 0
    assert text_hash(None) == text_hash("")
    assert text_hash("hello") == "a7b6eda801e5347d"  # pinned: changing it invalidates every cache


def test_parallel_matches_single_process():
    texts = [
        f"Order {i} is late, why? so sorry, DM us" if i % 3 else f"thanks {i}!" for i in range(60)
    ]
    single = score_texts(texts, parallel=False)
    try:
        multi = score_texts(texts, parallel=True)
    finally:
        pipeline.shutdown_pool()
    pd.testing.assert_frame_equal(single, multi)


def test_relevance_nan_when_called_without_parents():
    assert math.isnan(SIGNALS["relevance"].compute(["x"], None)[0])
