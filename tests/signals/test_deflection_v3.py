"""deflection.v3 = act_private x (1 - engagement), on hand-written replies."""

from __future__ import annotations

import pytest

from brandcouch.signals import SIGNALS, score_texts
from brandcouch.signals.deflection import private_push, private_push_v2


def deflection(texts: list[str]) -> list[float]:
    return score_texts(texts, signals=["deflection"], parallel=False)["deflection"].tolist()


def test_version():
    assert SIGNALS["deflection"].version == "deflection.v4"


# the issue's phrasings that v2 scored 0
ISSUE_PUSHES = [
    "Just sent a DM your way!",
    "Sent you a DM.",
    "Let's take this to DM.",
    "Shoot us a DM when you get a sec.",
    "Pass us a DM and we'll check.",
    "Let's move to DM.",
    "Meet us in DM.",
    "Check your DMs!",
]


@pytest.mark.parametrize("text", ISSUE_PUSHES)
def test_issue_pushes_are_deflections(text):
    assert private_push([text]).tolist() == [1.0]
    assert deflection([text]) == [1.0]


def test_v2_missed_what_v3_finds():
    # the v2 push (the two regexes alone) missed most of these
    assert private_push_v2(ISSUE_PUSHES).sum() < len(ISSUE_PUSHES)


@pytest.mark.parametrize(
    "text",
    [
        "Which iOS version are you on? Let us know in DM.",
        "Have you tried reinstalling the app? If it still fails, DM us.",
        "Sorry your order is late! Please DM us your order number.",
        "We've refunded the fee; DM us if it doesn't show by Friday.",
    ],
)
def test_a_push_that_engages_is_not_a_deflection(text):
    assert private_push([text]).tolist() == [1.0]
    assert deflection([text]) == [0.0]


def test_an_apology_alone_does_not_cancel_it():
    # v2 gave 0.1 here; labels/acts.md counts it as private + boilerplate
    assert deflection(["So sorry for the trouble, please DM us"]) == [1.0]


@pytest.mark.parametrize(
    "text",
    [
        "DM means direct message, tap the envelope icon.",
        "They call us the friendly airline for a reason!",
        "You're welcome! Give us a shout if you need anything else.",
        "Reboot your router and let us know if that clears it.",
        "",
    ],
)
def test_not_pushes(text):
    assert deflection([text]) == [0.0]
