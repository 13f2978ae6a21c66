"""deflection (v2 push patterns, v3 formula) and sales_pitch.v2 patterns on hand-checked examples."""

from __future__ import annotations

import pytest

from brandcouch.signals import score_texts


def scores(texts: list[str], name: str) -> list[float]:
    return score_texts(texts, signals=[name])[name].tolist()


@pytest.mark.parametrize(
    "text",
    [
        "Please email support@nimbus.example and we'll look into it.",
        "Write to us at help@acme.com with your order number.",
        "Drop us a line at care@acme.co.uk",
        "Send the receipt to refunds@harbor-coffee.example",
        "Please contact customer service at 1-800-555-0199.",
        "Call us at 1-800-FLOWERS and we'll sort it.",
        "Ring us on 0800 123 4567 any time",
        "Give our support team a ring on +44 20 7946 0958",
        "Speak to our customer care team about this",
        "Please fill in the form at acme.com/help and we'll get back to you.",
        "Kindly fill the form using the secured link given",
        "Please open a support ticket",
        "Start a live chat at acme.com/chat",
        "Message us on WhatsApp",
    ],
)
def test_new_private_channel_pushes_are_deflections(text):
    # no apology or acknowledgement in any of them, so deflection = push = 1
    assert scores([text], "deflection") == [1.0]


@pytest.mark.parametrize(
    "text",
    [
        "I called 3 times today and nobody answered",
        "I emailed them last week",
        "We called the courier and your parcel arrives tomorrow.",
        "Your order 123456789 has shipped",
        "Use the form builder to add fields",
        "Our phone lines were down this morning, all fixed now",
    ],
)
def test_mentions_of_channels_are_not_pushes(text):
    assert scores([text], "deflection") == [0.0]


def test_an_apology_no_longer_discounts_the_new_pushes():
    # deflection.v3 = act_private * (1 - engagement): a generic apology and "we'll make it right"
    # (no concrete step) do not engage with the problem, so both stay full deflections
    # (deflection.v2 gave 0.04 and 0.1 from the apology signal)
    texts = [
        "So sorry about this! Please email support@nimbus.example and we'll make it right.",
        "Apologies for the trouble. Please call us at 1-800-555-0199.",
    ]
    assert scores(texts, "deflection") == pytest.approx([1.0, 1.0])


@pytest.mark.parametrize(
    "text",
    [
        "Apply for the Horizon card today and earn 30,000 bonus miles.",
        "Start your 30-day free trial, cancel anytime.",
        "Refer a friend and you both get a month free.",
        "Become a member and save on every visit.",
        "Join our rewards club and earn points on every coffee.",
        "Upgrade to Premium in the app for offline listening.",
        "Trade in your old laptop for credit toward a new one.",
        "Get a quote in 2 minutes.",
        "Back in stock: the canvas tote.",
        "Kids eat free on Sundays with any adult meal.",
    ],
)
def test_sales_pitch_v2_cues(text):
    assert scores([text], "sales_pitch")[0] >= 0.5


@pytest.mark.parametrize(
    "text",
    [
        "How to apply for a passport: the documents you need.",
        "Apply sunscreen every two hours at the beach.",
        "Our members' choir sang at the hospital on Friday.",
        "Click the link to get started with the setup guide.",
        "The delivery date shown at checkout is the most accurate.",
        "What is the difference between APR and interest? We explain.",
        "Free park run with our coaches on Saturday, everyone welcome.",
    ],
)
def test_sales_pitch_v2_value_posts_stay_low(text):
    assert scores([text], "sales_pitch")[0] < 0.5


def test_sales_pitch_v2_exact_noisy_or():
    # "free trial" 0.6 and "refer a friend" 0.6: 1 - 0.4 * 0.4 = 0.84
    assert scores(["Free trial for you, and refer a friend too"], "sales_pitch") == pytest.approx(
        [0.84]
    )
