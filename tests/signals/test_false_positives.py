"""False positives found by the element-score and audience engineers, checked by hand.

Each phrase below was read by a person and labelled by the definitions in docs/signals.md:
self-promotion promotes the author's OWN thing; a recommendation recommends something to
others; a complaint reports a breach of expectations; a sales pitch sells. The demo phrases
are the ones that distorted the diagnosis (demo corpus of ``brandcouch demo``).
"""

from __future__ import annotations

import pytest

from brandcouch.signals import SIGNALS, score_texts
from brandcouch.signals.complaint import LONG_WORDS, long_text_correction
from brandcouch.signals.recommendation import drop_questions
from brandcouch.signals.sales_pitch import mask_service
from brandcouch.signals.self_promotion import (
    PROMO,
    PROMO_V2,
    SERVICE_DAMP,
    both_rules,
    promotion_rules_v2,
    service_guard,
)

from .test_seed_thread import seed_comments


def scores(texts: list[str], name: str) -> list[float]:
    return score_texts(texts, signals=[name], parallel=False)[name].tolist()


def test_the_changed_signals_have_new_versions():
    assert SIGNALS["self_promotion"].version == "self_promotion.v3"
    assert SIGNALS["recommendation"].version == "recommendation.v2"
    assert SIGNALS["complaint"].version == "complaint.v6"
    assert SIGNALS["sales_pitch"].version == "sales_pitch.v5"


# --- self_promotion -------------------------------------------------------------------------

NOT_SELF_PROMOTION = [
    "no signal in Lakeview",
    "No signal at all in Lakeview for 3 days now. I work from home.",  # v1: 0.97
    "Deleting my comment won't fix my internet.",  # v1: 0.56, 43 flags on the demo
    "Love this, thank you for sharing! You made my day.",  # v1: 0.61
    "Love this, thank you so much for the help!",
    "Can I upgrade my home router without a new contract?",  # a question to the brand
    "How do I get a PUK code for my prepaid SIM? Thanks!",
    "Thanks for the WEEKEND10 code, saved a bunch. You made my day.",
    "Cancelled my fibre broadband in June and you're still charging me. Please sort this out.",
    # recommending the brand is advocacy, not self-promotion (v1: 0.59)
    "@lena I recommend the Decaf Swiss Water from Harbor Coffee for your V60",
]
SELF_PROMOTION = [
    "Check out my channel for free giveaways!!",
    "Sub to my channel, I review gadgets every week!",
    "I make $300/day from home, DM me to learn how 💰",
    "Want 10k followers? Check my bio 🔥",
    "Giveaway on my page!! Follow and share to win an iPhone",
    "Thanks for the video! Please subscribe to my channel, I post covers every week",
    "Work from home and earn $500 a day, link in bio",
    "Great song! Visit my site www.beatsbyjo.com for free beats",
]


@pytest.mark.parametrize("text", NOT_SELF_PROMOTION)
def test_complaints_questions_and_thanks_are_not_self_promotion(text):
    assert scores([text], "self_promotion")[0] < 0.5


@pytest.mark.parametrize("text", SELF_PROMOTION)
def test_promoting_ones_own_thing_still_is(text):
    assert scores([text], "self_promotion")[0] >= 0.5


def test_service_guard_damps_only_texts_without_any_promotional_cue():
    texts = [
        "Deleting my comment won't fix my internet.",  # complaint cue, no promo cue
        "Love this, thank you for sharing!",  # thanks, no promo cue
        "Thanks! my channel has covers too",  # thanks, but "my channel" (0.35) is a promo cue
        "first",  # no cue of either kind: the model decides alone
    ]
    rules = promotion_rules_v2(texts)
    assert rules.tolist() == [0.0, 0.0, pytest.approx(0.35), 0.0]
    assert service_guard(texts, rules).tolist() == [SERVICE_DAMP, SERVICE_DAMP, 1.0, 1.0]


def test_i_work_from_home_is_a_circumstance_not_an_offer():
    # v1 counted any "work from home" at 0.6; v2 only the offer
    assert promotion_rules_v2(["I work from home."]).tolist() == [0.0]
    assert promotion_rules_v2(["Work from home jobs, no experience"]).tolist() == [0.6]


def test_the_one_pass_rules_equal_both_lexicons():
    texts = SELF_PROMOTION + NOT_SELF_PROMOTION + ["I work from home", "CEO & Founder", ""]
    v1, v2 = both_rules(texts)
    assert v1.tolist() == PROMO.score(texts).tolist()  # the model's unchanged input feature
    assert v2.tolist() == PROMO_V2.score(texts).tolist()
    assert v1[-3] == pytest.approx(0.6) and v2[-3] == 0.0
    many = texts * (64 // len(texts) + 1)  # past re2filter.MIN_TEXTS: the pre-filtered path
    v1, v2 = both_rules(many)
    assert v1.tolist() == PROMO.score(many).tolist()
    assert v2.tolist() == PROMO_V2.score(many).tolist()


# --- recommendation -------------------------------------------------------------------------

NOT_RECOMMENDATION = [
    "which would you recommend?",  # v1: 0.9
    "Which laptop would you recommend under $500? Thanks in advance.",
    "Can anyone recommend a good coffee place near Elm St",
    "Is the MegaMart extended warranty worth it?",  # v1: 0.5, 64 demo posts
    "don't switch to Nimbus",  # v1: 0.5
    "@sam don't switch to Nimbus, trust me",
    "Would not recommend their support.",
    "Avoid Nimbus, their coverage is a joke",
    "Not worth the money, honestly.",
]
# (text, noisy-OR value by hand from the documented cue weights)
RECOMMENDATION = [
    # "you have to try" 0.9 and "best ... in town" 0.5: 1 - 0.1 * 0.5
    ("@felix3 you have to try Harbor Coffee's honey lavender latte, best in town", 0.95),
    ("I recommend the decaf swiss water from Harbor Coffee for your french press", 0.9),
    # "@anya..." must not read as "any...?" (a question opener)
    ("@anya_w you should try Harbor Coffee, they actually answer when something goes wrong", 0.9),
    ("@maya go to Harbor Coffee on Elm St, the cortado is unreal", 0.6),
    ("Best cortado in town, the Station Plaza crew is amazing", 0.5),
    ("Highly recommend! Have you been yet?", 0.9),  # only the question sentence is dropped
    ("Switched to Harbor and I'll never go back", 0.5),  # "never go back" is not a veto
    ("Would recommend!", 0.9),  # "would" without a subject does not ask
]


@pytest.mark.parametrize("text", NOT_RECOMMENDATION)
def test_questions_and_anti_recommendations_are_not_recommendations(text):
    assert scores([text], "recommendation")[0] == 0.0


@pytest.mark.parametrize(("text", "expected"), RECOMMENDATION)
def test_recommendations_keep_their_cue_weights(text, expected):
    assert scores([text], "recommendation")[0] == pytest.approx(expected)


def test_drop_questions_keeps_the_statements():
    assert drop_questions("Which one? I recommend the oat latte.") == "I recommend the oat latte."
    assert drop_questions("What a great latte! Go try it.") == "What a great latte! Go try it."


# --- complaint ------------------------------------------------------------------------------

POSITIVE_100 = "Thank you Steve, this is a wonderful and helpful article. " * 10
NEGATIVE_100 = "My order arrived broken again and nobody answers my emails. " * 10


def test_long_text_correction_by_hand():
    short = "Thank you Steve, this is a wonderful and helpful article."
    # 100 words, VADER compound 0.998 -> positivity 1; g = 50/100 -> factor 1 - 0.5 * 1 = 0.5
    # negative long text: positivity 0 -> 1; texts of <= 50 words are never touched
    factors = long_text_correction([POSITIVE_100, NEGATIVE_100, short])
    assert LONG_WORDS == 50
    assert factors.tolist() == [pytest.approx(0.5), 1.0, 1.0]


def test_a_long_positive_comment_is_not_a_complaint_but_a_long_complaint_is():
    positive, negative = scores([POSITIVE_100, NEGATIVE_100], "complaint")
    assert positive < 0.5
    assert negative >= 0.9


def test_the_essays_positive_long_comments_are_not_complaints():
    comments = dict(seed_comments()[:3] + seed_comments()[6:8])
    names = ["Commenter 2", "Commenter 3", "KH", "Migdalia"]  # 247, 275, 86, 141 words
    values = dict(zip(names, scores([comments[n] for n in names], "complaint"), strict=True))
    # complaint.v2 gave 0.98, 0.99, 0.14, 0.88
    assert all(v < 0.5 for v in values.values()), values


def test_short_complaints_are_unchanged():
    text = (
        "Cancelled my fibre broadband in June and you're still charging me. Please sort this out."
    )
    assert long_text_correction([text]).tolist() == [1.0]
    assert scores([text], "complaint")[0] >= 0.5


# --- sales_pitch ----------------------------------------------------------------------------

NOT_SALES_PITCH = [
    "Hi Dana, we are sending a replacement order today.",  # v2: 0.60 ("order today")
    "Sorry Paul, a stale cinnamon roll is on us. We've refunded it and the Elm St team is "
    "checking the morning delivery.",  # v2: 0.50 ("on us")
    "Sorry for the wasted trip, Isla. Pier 9 opened late today because of a burst pipe and we "
    "should have posted it. App hours are fixed and your next drink is on us.",
    "So sorry, Sam! We've sent a new order today and refunded the delivery fee.",
]
# (text, value by hand) -- pitches keep their score, also inside a service message
SALES_PITCH = [
    ("Sorry about that! Here's 20% off your next order with code SORRY20", 0.8),  # 0.6, 0.5
    ("Sorry for the wait! The spring sale is live: shop now at harbor.example/shop", 0.84),
    ("New customers: your first month is on us.", 0.5),  # no service cue: "on us" counts
    ("Place your order today!", 0.6),
]


@pytest.mark.parametrize("text", NOT_SALES_PITCH)
def test_service_language_is_not_a_pitch(text):
    assert scores([text], "sales_pitch")[0] == 0.0


@pytest.mark.parametrize(("text", "expected"), SALES_PITCH)
def test_real_pitch_cues_still_count(text, expected):
    assert scores([text], "sales_pitch")[0] == pytest.approx(expected)


def test_mask_service_only_masks_service_messages():
    assert mask_service("Sorry! Your next one is on us.") == "sorry! your next one is  ."
    assert mask_service("Kids eat free, dinner is on us!") == "kids eat free, dinner is on us!"
