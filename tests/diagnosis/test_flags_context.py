"""Pitch-without-listening with the conversation's context (diagnosis.flags.is_pitch), and the
targets of issue 13 on the test split of labels/pitch.csv and labels/self_promotion.csv."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from brandcouch.diagnosis.flags import is_pitch
from tests.conftest import ROOT, shared_path

POST = "Why brands should listen to people on social media before they talk."


def test_a_screenshot_reply_in_a_care_conversation_is_not_a_pitch():
    # the customer answers the agent: high model score, low relevance, but no own cue
    assert not is_pitch("audience_comment", 0.99, 0.05, "@Acme Yes. https://t.co/x", "Can you "
                        "send a screenshot?", care_context=True)  # fmt: skip
    # the same text under a video (no care conversation) stands on the score
    assert is_pitch("audience_comment", 0.99, 0.05, "https://example.com/x", "Song title", False)


def test_an_own_plug_inside_a_care_conversation_is_a_pitch():
    text = "@Acme thanks! also check out my channel for covers"
    assert is_pitch("audience_comment", 0.9, 0.05, text, "Glad we could help!", True)


def test_engagement_bait_promotes_nothing_of_ones_own():
    assert not is_pitch("audience_comment", 0.9, 0.0, "Like this comment if you watch in 2015",
                        "Song title", False)  # fmt: skip


def test_a_brand_answering_a_price_question_is_answering():
    answer = "Nope! Still just the $3 for the bowl."
    assert not is_pitch("brand_reply", 0.6, 0.1, answer, "Is guac extra on the bowl?", False)
    ad = "Shop now: 20% off every blender this weekend! https://shop.example.com"
    assert is_pitch("brand_reply", 0.9, 0.1, ad, "My blender leaks, please help", False)


def test_relevant_or_parentless_messages_are_not_flagged():
    assert not is_pitch("audience_comment", 0.9, 0.5, "check out my blog", POST, False)
    assert not is_pitch("audience_comment", 0.9, None, "check out my blog", None, False)


def _bench():
    shared_path("data", "twcs", "twcs_head5000.csv")
    shared_path("data", "youtube-spam")
    shared_path("seed", "seed-thread.wxr")
    path = Path(ROOT) / "bench" / "eval_promotion.py"
    spec = importlib.util.spec_from_file_location("eval_promotion", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod, Path(ROOT).parent / "shared"


def test_pitch_targets_on_the_test_split():
    bench, shared = _bench()
    m = bench.pitch_rates(shared, ["test"])["test"]
    assert m["n"] == 124 and m["pitch"] == 46
    assert m["precision"] >= 0.8 and m["recall"] >= 0.6  # measured 0.900 / 0.978


def test_self_promotion_on_the_test_split_and_the_twcs_head():
    bench, shared = _bench()
    m = bench.self_promotion_rates(shared, ["test"])["test"]
    assert m["not"] == 486 and m["promo"] == 27
    assert m["fpr"] <= 0.025  # measured 2.1% (10/486): guards against regressions
    assert bench.head_share(shared)["share"] <= 0.02  # measured 1.76% (49/2,778)


@pytest.mark.xfail(strict=True, reason="measured 2.1% (10/486) on the test split: target missed")
def test_care_context_self_promotion_fpr_target():
    bench, shared = _bench()
    assert bench.self_promotion_rates(shared, ["test"])["test"]["fpr"] <= 0.02
