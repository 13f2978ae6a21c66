"""sales_pitch.v4 and raises_offer: a brand answering a price question, or offering a credit as a
remedy, is not pitching (sentences written for this test)."""

from __future__ import annotations

from brandcouch.signals import SIGNALS, score_texts
from brandcouch.signals.sales_pitch import raises_offer


def pitch(texts: list[str]) -> list[float]:
    return score_texts(texts, signals=["sales_pitch"], parallel=False)["sales_pitch"].tolist()


def test_version():
    assert SIGNALS["sales_pitch"].version == "sales_pitch.v4"


def test_a_credit_as_a_remedy_is_service():
    remedy, sale = pitch(
        [
            "I'm sorry, I want to make this right: I can provide a $15.00 credit on your bill.",
            "Switch today and get $15 off your first bill!",
        ]
    )
    assert remedy < 0.5 <= sale


def test_parents_that_raise_the_offer():
    parents = [
        "Is guac extra on the bowl?",
        "how much is the fare to Denver tomorrow",
        "do you have a promo code for students",
        "Can I upgrade my phone early?",
        "My package never arrived",  # a complaint: the offer would be the brand's idea
        "lol he wants a joke",
        None,
    ]
    assert raises_offer(parents).tolist() == [True, True, True, True, False, False, False]
