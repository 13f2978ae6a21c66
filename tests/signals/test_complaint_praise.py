"""complaint.v4: praise is not a complaint, a shouted demand is (issue 13).

The first praise text and the demand are the issue's own examples; the others were written for
this test. complaint.v3 (the artefact before v4) scored them: issue praise 0.213 (0.334 with a
leading @handle), "Love you guys, best service ever!" 0.080, "NOPE. DO SOMETHING." 0.111 (the
issue measured 0.18 in its context), so the demand was missed.
"""

from __future__ import annotations

import pytest

from brandcouch.signals import SIGNALS, score_texts
from brandcouch.signals.complaint import EXTRA_FEATURES_V3, complaint_extra_v3
from brandcouch.signals.learned import load_model

ISSUE_PRAISE = "This is such a great deal! Already thinking about my 2nd trip…"
ISSUE_DEMAND = "NOPE. DO SOMETHING."

PRAISE = [
    ISSUE_PRAISE,
    "@JetBlue " + ISSUE_PRAISE,
    "Love you guys, best service ever!",
    "@AppleSupport Love you guys, best service ever!",
    "Thanks for the quick help, all working now!",
]
COMPLAINTS = [
    ISSUE_DEMAND,
    "@Uber_Support " + ISSUE_DEMAND,
    "@AcmeAir 3 hours on the tarmac and no one tells us anything. Worst airline ever",
    "My order never arrived and nobody answers my emails",
    "@AmazonHelp my package is 3 days late and the tracking hasn't updated",
    "@VerizonSupport my internet has been down since this morning, fix it",
    "Cancelled my fibre broadband in June and you're still charging me. Please sort this out.",
]


def complaint(texts: list[str]) -> list[float]:
    return score_texts(texts, signals=["complaint"], parallel=False)["complaint"].tolist()


def test_version_and_artefact():
    # complaint.v5 = the complaint.v4 model + the problem-report floor (test_complaint_report.py);
    # complaint.v6 adds the praise cap (test_v6_praise_only_is_capped below)
    assert SIGNALS["complaint"].version == "complaint.v6"
    model = load_model("complaint")
    assert model.meta["version"] == "complaint.v4"
    assert tuple(model.meta["extra"]) == EXTRA_FEATURES_V3


@pytest.mark.parametrize("text", PRAISE)
def test_praise_is_not_a_complaint(text):
    assert complaint([text])[0] < 0.5


@pytest.mark.parametrize("text", COMPLAINTS)
def test_demands_and_ordinary_complaints_are_complaints(text):
    assert complaint([text])[0] >= 0.5


def test_praise_and_demand_cues_by_hand():
    names = list(EXTRA_FEATURES_V3[-7:])
    rows = complaint_extra_v3(
        [
            ISSUE_PRAISE,
            ISSUE_DEMAND,
            "Love you guys, best service ever!",
            "My order never arrived and nobody answers my emails",
            "",
        ]
    )[:, -7:]
    praise, demand, love, problem, empty = (dict(zip(names, r, strict=True)) for r in rows)
    # no problem word, VADER compound 0.66, "great"/"deal" with "!", "already thinking", "2nd trip"
    assert praise == {
        "problem_cues_v3": 0.0,
        "demand": 0.0,
        "shouting": 0.0,
        "shouted_demand": 0.0,
        "praise_without_problem": 1.0,
        "positive_exclamation": 1.0,
        "future_plan": 1.0,
    }
    # "NOPE" and "DO SOMETHING" are demands; 3 of 3 words in capitals; a demand is a problem
    assert demand == {
        "problem_cues_v3": 0.0,
        "demand": 1.0,
        "shouting": 1.0,
        "shouted_demand": 1.0,
        "praise_without_problem": 0.0,
        "positive_exclamation": 0.0,
        "future_plan": 0.0,
    }
    # compound 0.87, "love"/"best" with "!", no future plan
    assert love["praise_without_problem"] == love["positive_exclamation"] == 1.0
    assert love["future_plan"] == love["demand"] == 0.0
    # "never" and "nobody": 2 of at most 3 problem cues; a problem text is not praise
    assert problem["problem_cues_v3"] == pytest.approx(2 / 3)
    assert problem["praise_without_problem"] == problem["positive_exclamation"] == 0.0
    assert all(v == 0.0 for v in empty.values())


#: complaint.v6: the three praise posts the fourth-pass audit quoted as complaints ("Complaints
#: are not owned", TWCS 2180, 2372, 378; complaint.v5 scored them 0.99, 0.93, 0.66) and two more
#: of the five twcs_head5000 customer tweets whose decision the cap changes (1341, 1214: 0.69,
#: 0.58), all praise
V6_PRAISE = [
    "Happy Halloween! I broke out my KO cosplay today for @116196 and @79587 and totally not "
    "because of @ChipotleTweets . Not at all. https://t.co/CkHFv3lMtB",
    "@Morrisons No problem! It's my favourite time of year, and was awesome to see no pumpkin "
    "size/shape went to waste! :)",
    "Fresh cream palmier @Morrisons bakery Bellshill gets my vote for #star baker "
    "\U0001f468\u200d\U0001f373\U0001f618\U0001f60b\U0001f497just catching up on #gbbo17 "
    "don\u2019t know who won yet \U0001f604",
    "nothing but the most respect for @ChipotleTweets and this $3 BOOrito",
    "Celebrated Halloween on a @southwestair flight with my pumpkin spice @15890 and a delicious "
    "(free) @115927 O\u2026 https://t.co/GGPGaaFVq2 https://t.co/gnCxPEsaEv",
]
#: not capped: sarcasm with "thanks"/"great" (the words the cap does not count as praise), and
#: praise next to a problem, a negation or a question
V6_NOT_PRAISE_ONLY = [
    "Thank you @AppleSupport I updated my phone and now it is even slower and barely works. "
    "Thank you for ruining my phone.",
    "Very nice @BestBuy was placed on a 48 minute hold just to get hung up on. Great customer "
    "service.",
    "Thanks @McDonalds https://t.co/x",
    "Love you guys but my order never arrived",
    "I love the app, why does it keep logging me out?",
    "Awesome, another delay. Happy Monday @AcmeAir",
]


def test_v6_praise_only_is_capped():
    from brandcouch.signals.complaint import PRAISE_CAP, praise_only

    assert praise_only(V6_PRAISE).tolist() == [1.0] * 5
    assert all(p <= PRAISE_CAP for p in complaint(V6_PRAISE))
    assert praise_only(V6_NOT_PRAISE_ONLY).tolist() == [0.0] * 6


def test_v6_the_cap_leaves_complaints_alone():
    # the v4/v5 examples keep their decisions; the shouted demand and the reports are not praise
    from brandcouch.signals.complaint import praise_only

    assert praise_only(COMPLAINTS).tolist() == [0.0] * len(COMPLAINTS)
    assert all(p >= 0.5 for p in complaint(COMPLAINTS))
