"""self_promotion.v3 in care conversations: a bare link, a screenshot or account details is not
promotion; promoting one's own thing still is (sentences written for this test)."""

from __future__ import annotations

import pytest

from brandcouch.signals import SIGNALS, score_texts
from brandcouch.signals.self_promotion import SERVICE_DAMP, care_guard, mask_care, own_promotion


def sp(texts: list[str]) -> list[float]:
    return score_texts(texts, signals=["self_promotion"], parallel=False)["self_promotion"].tolist()


NOT_PROMOTION = [
    "@AcmeSupport Yes. https://t.co/Ab12Cd34Ef",  # answering the agent with a screenshot
    "@AcmeSupport here is what I see https://t.co/Zz9Yy8Xx7W",
    "@AcmeSupport https://t.co/Q1w2E3r4T5",  # a bare photo
    ".@AcmeSupport item not delivered but tracking says handed over. Sort it out https://t.co/x1Y2",
    "@AcmeSupport my order number is 112-4456789-1234567, still nothing",
    "@AcmeSupport account email is jo@example.com, my account id 55821",
    "@AcmeSupport can you dm me please, I have a question about my bill",
    "@AcmeSupport will you follow me so I can DM my details",
    "@AcmeSupport I'm a premium subscriber and I never get any deal",
    "@AcmeSupport I tried to sign up for the family plan and it fails",
    "@AcmeSupport my playlist and my songs vanished after the update",
    "@AcmeAir I was forced to check my small suitcase at the gate",
]
PROMOTION = [
    "@AcmeSupport can you please promote my music in your stores https://t.co/Mu51cLink",
    "@AcmeSupport maybe add our track Sunrise to a playlist or two? https://t.co/Tr4ck",
    "Check out my channel, new covers every week! https://youtu.be/abc123",
    "Please subscribe to my channel, I post gaming videos daily",
    "http://myshop.example.com/?ref=12345",  # a bare referral link under a video
]


@pytest.mark.parametrize("text", NOT_PROMOTION)
def test_care_replies_are_not_promotion(text):
    assert sp([text])[0] < 0.5


@pytest.mark.parametrize("text", PROMOTION)
def test_own_promotion_still_is(text):
    assert sp([text])[0] >= 0.5


def test_version():
    assert SIGNALS["self_promotion"].version == "self_promotion.v3"


def test_own_promotion_cue_ignores_bare_links_and_care_phrases():
    texts = [
        "@AcmeSupport Yes. https://t.co/Ab12Cd34Ef",
        "@AcmeSupport check out my account please",
        "check out my channel",
        "@AcmeSupport please promote my music",
    ]
    assert own_promotion(texts).tolist() == [False, False, True, True]


def test_care_guard_damps_the_model_for_tweets_without_an_own_cue():
    texts = [
        "@AcmeSupport https://t.co/Q1w2E3r4T5",  # addressed to a handle, no own cue
        "https://www.example.com/my-video",  # no handle, no service cue: the model decides
        "@friend check out my channel",  # an own cue: the model stands
        "Thanks, love it! https://example.org/x",  # thanks but a link cue: v2 behaviour kept
    ]
    assert care_guard(texts).tolist() == [SERVICE_DAMP, 1.0, 1.0, 1.0]


def test_mask_care_blanks_care_phrases_only_in_tweets_for_tweet_phrases():
    assert "my account" not in mask_care("Check out my account")
    assert "dm me" not in mask_care("@AcmeSupport can you dm me")
    assert "dm me" in mask_care("DM me to learn how")  # not a tweet to anyone: kept
