"""self_promotion.v3 and sales_pitch.v4 in care context (issue 13).

Self-promotion promotes the author's OWN thing unrelated to the conversation: a customer
sending a screenshot, an order number or account details to a care handle is not promoting,
and a brand answering a price question is answering. The care-context phrases below are real
TWCS tweets (ids from twcs_head5000.csv, labels/self_promotion.csv and labels/pitch.csv) or
short variants of them, read and labelled by hand.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from brandcouch.signals import SIGNALS, score_texts
from brandcouch.signals.learned import load_model
from brandcouch.signals.self_promotion import (
    SERVICE_DAMP,
    both_rules,
    care_form,
    combine_v3,
    content,
    length_gate,
    service_guard,
    strong_promotion,
)
from tests.conftest import ROOT, shared_path


def scores(texts: list[str], name: str) -> list[float]:
    return score_texts(texts, signals=[name], parallel=False)[name].tolist()


# --- self_promotion.v3 ----------------------------------------------------------------------

CARE_NOT_PROMOTION = [
    "@AppleSupport Yes. https://t.co/bUBElgADue",  # v2: 0.99 (the example)
    "@SpotifyCares https://t.co/T85iGba29f",  # 2968, a bare screenshot (v2 1.00)
    "@AmazonHelp my order #1234567 still has not arrived",
    "@Delta Bummer! I forgot to leave my business card",  # 1850 (v2 0.94)
    "@AmazonHelp Will you follow me on twitter",  # 5158: follow back to DM (v2 1.00)
    "@Ask_WellsFargo Please DM me for details",  # 4796 (v2 0.93)
    "@SpotifyCares Oh okay. I wish it would just play my playlist. Thanks though.",  # 2653029
    "@British_Airways Changes so you can make money!! No loyalty",  # 7036, about the brand
    "3 minute D.Va costume for $3 ritos at @ChipotleTweets https://t.co/Snb3vnwmMj",  # 5513, a fan
    ".@115873 It took our driver over 5 minutes to start moving. We have a flight to catch.",
]
CARE_PROMOTION = [
    "@SpotifyCares listen to my new single https://t.co/XvPAHe0axQ",
    "@AskTarget can you please promote my music at your store https://t.co/8VwLqt317W",  # 6440
    "Pre-order #XboxOneX: https://t.co/46eqVpFeir",  # 4554, a brand's own ad as "customer"
    "Follow me on Twitter @mscalifornia95",  # a TubeSpam comment with an @handle
]


@pytest.mark.parametrize("text", CARE_NOT_PROMOTION)
def test_screenshots_numbers_and_answers_to_a_brand_are_not_promotion(text):
    assert scores([text], "self_promotion")[0] < 0.5


@pytest.mark.parametrize("text", CARE_PROMOTION)
def test_own_promotion_in_care_form_still_is(text):
    assert scores([text], "self_promotion")[0] >= 0.5


def test_care_form_by_hand():
    assert care_form("@AppleSupport Yes.")  # addressed
    assert care_form("Yes. https://t.co/abc123")  # a Twitter attachment
    assert care_form("it never arrived, my order number is 55")  # "my order"
    assert care_form("order # 4459, please")  # an order number
    # TubeSpam-style: numbers inside URLs, years in hashtags, e-mails are not care details
    assert not care_form("http://www.ebay.com/itm/171183229277?ssPageName=STRK")
    assert not care_form("#2012bitches")
    assert not care_form("mail me at jo@example.com")
    assert not care_form("Check out my channel http://youtube.com/jo")
    assert content("@Brand Yes. https://t.co/abc @9001") == " @  Yes.    @ "


def test_strong_cues_by_hand():
    # each strong cue weighs 0.6; two combine by noisy-OR: 1 - 0.4 * 0.4 = 0.84
    assert strong_promotion("listen to my new single") == pytest.approx(0.6)
    assert strong_promotion("check out my channel and subscribe to me") == pytest.approx(0.84)
    assert strong_promotion("follow me on instagram") == pytest.approx(0.6)
    # in care these are requests to the brand or about the brand, not promotion
    for text in ("follow me so I can DM you", "please DM me", "play my playlist",
                 "you only want to make money", "check out kiosks are hard to use",
                 "have a chance to win their first title"):  # fmt: skip
        assert strong_promotion(text) == 0.0, text


def test_combine_v3_damps_the_model_in_care_form_without_a_strong_cue():
    texts = ["@SpotifyCares https://t.co/T85iGba29f", "@SpotifyCares listen to my new single"]
    out = combine_v3(texts, np.array([0.99, 0.2]))
    # no strong cue: model * SERVICE_DAMP; strong cue: max(model, rules, strong 0.6)
    assert out.tolist() == [pytest.approx(0.99 * SERVICE_DAMP), pytest.approx(0.6)]


def test_combine_v3_equals_v2_outside_care_form():
    texts = [
        "Check out my channel for free giveaways!!",
        "Love this, thank you for sharing!",
        "http://www.ebay.com/itm/171183229277",
        "first",
        "Great song! Visit my site www.beatsbyjo.com",
    ]
    proba = np.array([0.9, 0.8, 0.95, 0.7, 0.4])
    _, rules = both_rules(texts)
    v2 = np.maximum(proba * length_gate(texts) * service_guard(texts, rules), rules)
    assert combine_v3(texts, proba).tolist() == pytest.approx(v2.tolist())


def test_youtube_comments_score_as_in_v2(shared):
    """On the three shared TubeSpam videos only two comments are in care form (both have an
    @handle); every other comment keeps its v2 score with the shipped model."""
    names = ("Youtube01-Psy", "Youtube02-KatyPerry", "Youtube03-LMFAO")
    frames = [pd.read_csv(shared("data", "youtube-spam", f"{n}.csv")) for n in names]
    texts = pd.concat(frames)["CONTENT"].fillna("").tolist()
    assert sum(care_form(t) for t in texts) == 2
    model = load_model("self_promotion")
    r1, r2 = both_rules(texts)
    proba = model.predict_proba(texts, r1[:, None])
    v2 = np.maximum(proba * length_gate(texts) * service_guard(texts, r2), r2)
    v3 = combine_v3(texts, proba)
    same = np.isclose(v2, v3)
    assert (~same).sum() <= 2


def test_customer_tweets_rarely_score_as_promotion():
    """Issue 13: <= 2% of twcs_head5000.csv customer tweets score >= 0.5 (v2: 659 of 2,778)."""
    d = pd.read_csv(shared_path("data", "twcs", "twcs_head5000.csv"))
    c = d[d["inbound"].astype(str) == "True"]
    s = np.asarray(scores(c["text"].fillna("").tolist(), "self_promotion"))
    assert len(c) == 2778
    assert (s >= 0.5).sum() <= 0.02 * len(c)  # measured: 7 (0.25%)


def test_care_false_positive_rate_on_the_labelled_test_split():
    head = pd.read_csv(shared_path("data", "twcs", "twcs_head5000.csv"), dtype={"tweet_id": str})
    spot = pd.read_csv(
        shared_path("data", "twcs", "spotifycares_support_requests.csv"), dtype={"tweet_id": str}
    )
    texts = dict(zip(spot["tweet_id"], spot["text"], strict=True))
    texts.update(zip(head["tweet_id"], head["text"], strict=True))
    lab = pd.read_csv(ROOT / "labels" / "self_promotion.csv", dtype=str)
    neg = lab[(lab["split"] == "test") & (lab["label"] == "not")]
    s = np.asarray(scores([texts[i] for i in neg["tweet_id"]], "self_promotion"))
    assert len(neg) == 486
    assert (s >= 0.5).mean() <= 0.02  # measured: see docs/wip-issue13/promotion.md


# --- sales_pitch.v4 -------------------------------------------------------------------------

ANSWERS = [
    "@115733 Nope! Still just the $3. -Becky",  # 79, v3: 0.50
    "@115976 If it fits comfortably inside your meal, it'll be $3. -Becky",  # 1376, v3: 0.50
    "@116000 Hi Sam, in order to receive the $29 rate you need to book the return leg too.",
    "@117191 Hello! The iPhone SE deal is available only through our online shop.",  # 6941
    "@116603 I want to make this right for you. I can provide a $10.00 credit for the "
    "inconvenience.",  # 3702
]
# (text, value by hand from the documented cue weights)
PITCHES = [
    # "20% off" 0.6, "shop now" 0.6, "with code" 0.5: 1 - 0.4 * 0.4 * 0.5
    ("@116001 Shop now: 20% off everything this weekend with code FALL20!", 0.92),
    # "$2.." 0.5, "book now" 0.6, "fares from" 0.5: 1 - 0.5 * 0.4 * 0.5 (a broadcast)
    ("Fares from $29 this weekend only. Book now!", 0.9),
    # a reply that does not answer anything keeps every cue
    ("@116002 Great to hear! Fares from $29 this weekend only. Book now!", 0.9),
]


@pytest.mark.parametrize("text", ANSWERS)
def test_a_reply_answering_a_price_question_is_not_a_pitch(text):
    assert scores([text], "sales_pitch")[0] == 0.0


@pytest.mark.parametrize(("text", "expected"), PITCHES)
def test_unprompted_offers_still_score(text, expected):
    assert scores([text], "sales_pitch")[0] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the last two false pitch flags on the TWCS sample (twcs 2049, 1168): care openers
        ("@116162 We understand and hope you can snag a great deal soon! ^SL", 0.0),
        ("@115917 We want to help you with this great #TMobileTuesday deal! Shoot me a DM", 0.0),
        # a real pitch behind a care opener keeps its call to buy
        ("@1 We hope you love our new deals! Shop now: acme.com/sale", 0.6),
    ],
)
def test_sales_pitch_v5_care_openers_answer(text, expected):
    assert SIGNALS["sales_pitch"].compute([text]) == pytest.approx([expected])
