"""acts.v3 on hand-written sentences (one group per act), and on labels/acts.csv's test split."""

from __future__ import annotations

import pandas as pd
import pytest

from brandcouch.signals import SIGNALS, acts, score_texts
from brandcouch.signals.acts import ACTS
from tests.conftest import ROOT, shared_path

ACT_SIGNALS = [
    "act_acknowledge", "act_diagnose", "act_inform", "act_commit", "act_private", "act_link",
    "act_close", "act_boilerplate", "engagement",
]  # fmt: skip


def on(texts: list[str], name: str) -> list[bool]:
    return (score_texts(texts, signals=[name], parallel=False)[name] >= 0.5).tolist()


def test_registered_with_versions():
    for name in ACT_SIGNALS:
        assert SIGNALS[name].version == f"{name}.v9"
        assert SIGNALS[name].kind == "float"


CASES = {
    "act_acknowledge": (
        [
            "So sorry your parcel hasn't arrived yet, Sam.",
            "I'm sorry you're having trouble signing in to the app.",
            "Sorry about the delays on the 8:15 this morning.",
            "We want your new laptop to work from day one.",
        ],
        [
            "Sorry for the trouble!",
            "We're sorry to hear that.",
            "We definitely understand your concern.",
            "Thanks for reaching out!",
        ],
    ),
    "act_diagnose": (
        [
            "Which iOS version is your phone on?",
            "Have you tried restarting the router since then?",
            "Does this happen on Wi-Fi as well as on 4G?",
            "Let us know what app version is installed via DM.",
        ],
        [
            "Tell us what happened so we can help.",
            "Can you DM us your order number?",
            "Is there anything else we can help with?",
            "Please DM your full name and address.",
        ],
    ),
    "act_inform": (
        [
            "Try clearing the app cache, then sign back in.",
            "You can download the drivers from our support site.",
            "There isn't a way to roll back this update yet.",
            "Unfortunately the 9:40 is cancelled because of flooding at Reading.",
        ],
        [
            "Please DM us so we can look into this.",
            "Thanks for stopping by!",
            "We're unable to access your account via Twitter.",
            "Here to help! Send us a note so our team can connect.",
        ],
    ),
    "act_commit": (
        [
            "I've passed this on to the store manager.",
            "We've refunded the delivery charge to your card.",
            "Our engineers are working on it right now.",
            "We'll be sure to share your feedback with the kitchen team.",
        ],
        [
            "DM us so we can look into this.",
            "We'll definitely look into that.",
            "Have a great weekend!",
            "Which store was this?",
        ],
    ),
    "act_private": (
        [
            "Just sent a DM your way!",
            "We've sent you a DM.",
            "Let's take this to DM.",
            "Shoot us a DM with your booking reference.",
            "Pass us a DM and we'll check.",
            "Let's move to DM.",
            "Sent you a DM.",
            "Please provide more details here: https://t.co/abc",
            "Sorry for trouble. Please call our helpline.",
            "Meet us in DM.",
            "Check your DMs for our reply.",
            "Please email support@acme.example.",
            "Send us a note at https://t.co/abc so our team can connect.",
        ],
        [
            "DM means direct message, it's the envelope icon.",
            "They call us the friendly airline for a reason.",
            "Reboot the router and let us know.",
            "You're welcome! Give us a shout if you need anything else.",
        ],
    ),
    "act_link": (
        ["Good question! For more info visit https://t.co/abc"],
        ["Try the steps in this article: https://t.co/abc", "Have a lovely day!"],
    ),
    "act_close": (
        [
            "Thanks for reaching out!",
            "You're welcome, have a great evening!",
            "Glad it's all sorted now.",
            "We appreciate your feedback.",
        ],
        [
            "Please DM your order number.",
            "Which device are you using?",
            "Restart the app and try again.",
        ],
    ),
    "act_boilerplate": (
        [
            "Can you DM us so we can look into this for you?",
            "We're sorry for your frustration.",
            "Here to help! Send us a note at https://t.co/abc so our team can connect.",
            "Tell us what happened so we can look into what we can do to help.",
        ],
        [
            "Have you tried signing out and back in?",
            "I've logged this with our software team.",
            "Enjoy the show!",
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_hand_written_sentences(name):
    pos, neg = CASES[name]
    assert on(pos, name) == [True] * len(pos), name
    assert on(neg, name) == [False] * len(neg), name


ENGAGEMENT_CASES = [
    "Which iOS version is your phone on?",
    "We've refunded the delivery charge to your card.",
    "Please DM us your order number.",
    "",
]


def test_engagement_v2_is_the_learned_blend_and_agrees_with_the_rules_here():
    frame = score_texts(ENGAGEMENT_CASES, signals=ACT_SIGNALS, parallel=False)
    four = frame[["act_acknowledge", "act_diagnose", "act_inform", "act_commit"]].max(axis=1)
    assert four.tolist() == [1.0, 1.0, 0.0, 0.0]
    # published 0/1: the learned probability at its 0.5 threshold
    assert frame["engagement"].tolist() == [1.0, 1.0, 0.0, 0.0]
    from brandcouch.signals.acts import act_rows, engagement_scores

    p = engagement_scores(ENGAGEMENT_CASES, act_rows(ENGAGEMENT_CASES))
    assert ((p >= 0) & (p <= 1)).all() and p[3] == 0.0  # blank text
    assert (p >= 0.5).tolist() == [True, True, False, False]


def test_engagement_falls_back_to_the_max_of_the_four_rules_without_the_artefact(monkeypatch):
    from brandcouch.signals import acts, batchcache

    monkeypatch.setattr(acts, "load_model", lambda name: None)
    batchcache.clear()
    got = acts.engagement_scores(ENGAGEMENT_CASES, acts.act_rows(ENGAGEMENT_CASES))
    assert got.tolist() == [1.0, 1.0, 0.0, 0.0]


def test_engagement_artefact_is_small_and_loads():
    from brandcouch.signals.learned import MODELS_DIR, load_model

    model = load_model("acts_engagement")
    assert model is not None and model.meta["version"] == "acts_engagement.v3"
    assert model.meta["extra"] == [f"act_rule_{a}" for a in ACTS]
    size = sum((MODELS_DIR / f"acts_engagement.{ext}").stat().st_size for ext in ("json", "npz"))
    assert size < 300_000


def test_empty_and_missing_texts_score_zero():
    frame = score_texts(["", None, float("nan")], signals=ACT_SIGNALS, parallel=False)
    assert (frame.to_numpy() == 0).all()


def test_issue_examples_deflection_and_engagement():
    texts = [
        "Sorry for trouble. Please call our helpline.",
        "Sorry the app crashes on login — which iOS version are you on?",
        "Just sent a DM your way!",
        "Shoot us a DM with your booking reference.",
        "Please provide more details here: https://t.co/abc",
        # engages (a diagnostic question in public), so the push is not a deflection
        "Which iOS version are you on? Let us know in DM.",
        # a question asked only as part of moving to DM is not engagement
        "DM us your order number so we can look into this.",
        "Reboot your router and let us know if that clears it.",
    ]
    frame = score_texts(texts, signals=["deflection", "engagement", "act_private"], parallel=False)
    assert (frame["deflection"] >= 0.5).tolist() == [1, 0, 1, 1, 1, 0, 1, 0]
    assert (frame["engagement"] >= 0.5).tolist() == [0, 1, 0, 0, 0, 1, 0, 1]
    assert frame["act_private"].tolist() == [1.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0]
    # deflection.v6 = act_private * (1 - engagement), exactly
    expected = frame["act_private"] * (1 - frame["engagement"])
    assert (frame["deflection"] - expected).abs().max() < 1e-12


def test_deflection_version():
    assert SIGNALS["deflection"].version == "deflection.v11"
    assert SIGNALS["act_private"].version == "act_private.v9"
    assert SIGNALS["engagement"].version == "engagement.v9"
    assert SIGNALS["relevance"].version == "relevance.v7"


def _split_prf(name: str, split: str, n: int) -> dict[str, tuple[float, float]]:
    text = pd.read_csv(
        shared_path("data", "twcs", "twcs_head5000.csv"), usecols=["tweet_id", "text"]
    )
    lab = pd.read_csv(ROOT / "labels" / f"{name}.csv")
    df = lab[lab["split"] == split].merge(text, on="tweet_id", how="left")
    assert len(df) == n and df["text"].notna().all()
    acts = df["label"].str.split(";")
    private = acts.map(lambda a: "private" in a).to_numpy()
    engaged = acts.map(
        lambda a: bool({"acknowledge", "diagnose", "inform", "commit"} & set(a))
    ).to_numpy()
    gold = {"act_private": private, "deflection": private & ~engaged}
    frame = score_texts(df["text"].tolist(), signals=list(gold), parallel=False)
    out = {}
    for signal_name, y in gold.items():
        p = frame[signal_name].to_numpy() >= 0.5
        tp = int((y & p).sum())
        out[signal_name] = (tp / p.sum(), tp / y.sum())
    return out


def test_precision_and_recall_on_the_test_split():
    """acts.v7 / deflection.v9 on labels/acts.csv test (211 replies), measured once at the end
    of the seventh pass, 2026-12-06 (docs/judgements/seventh_pass.md): act_private P 0.986 R 0.910
    (71/72, 71/78; v6 0.986 / 0.897), deflection P 0.818 R 0.789 (45/55, 45/57; unchanged from
    v8; v7 0.815 / 0.772, v5/v6 0.808 / 0.737, v4 0.821 / 0.807, v3 0.804 / 0.719). This split
    has been read after several passes (no longer a clean held-out set). The brief's 0.9
    targets are NOT met (except act_private precision and recall); floors = measured rounded
    down 0.02."""
    got = _split_prf("acts", "test", 211)
    p, r = got["act_private"]
    assert p >= 0.96, f"act_private precision {p:.3f} (measured 0.986)"
    assert r >= 0.89, f"act_private recall {r:.3f} (measured 0.910)"
    p, r = got["deflection"]
    assert p >= 0.79, f"deflection precision {p:.3f} (measured 0.818)"
    assert r >= 0.76, f"deflection recall {r:.3f} (measured 0.789)"


def test_precision_and_recall_on_the_spent_test3_split():
    """labels/acts_more3.csv test (121 replies, labels/acts_more3.md), the held-out set of the
    sixth to tenth passes: acts.v5 … v8 deflection P 0.905 R 0.809 (38/42, 38/47), act_private
    P 0.963 R 0.897 (52/54, 52/58), its last held-out score. **Spent in the eleventh pass**
    (read on 2026-12-07 after that score; its errors were read to write acts.v9, so in-sample
    now): acts.v9 / deflection.v11 deflection P 0.977 R 0.915 (43/44, 43/47), act_private
    P 0.982 R 0.948 (55/56, 55/58). Floors = measured rounded down 0.02."""
    got = _split_prf("acts_more3", "test", 121)
    p, r = got["act_private"]
    assert p >= 0.96, f"act_private precision {p:.3f} (measured 0.982)"
    assert r >= 0.92, f"act_private recall {r:.3f} (measured 0.948)"
    p, r = got["deflection"]
    assert p >= 0.95, f"deflection precision {p:.3f} (measured 0.977)"
    assert r >= 0.89, f"deflection recall {r:.3f} (measured 0.915)"


def test_precision_and_recall_on_the_new_training_set():
    """labels/acts_more4.csv (250 training replies, labels/acts_more4.md): acts.v6 /
    deflection.v8, measured right after the labels were committed, deflection P 0.960 R 0.880
    (95/99, 95/108), act_private P 0.945 R 0.930; acts.v7 / deflection.v9 (its errors were read
    to write v7, so in-sample) deflection P 0.971 R 0.944 (102/105, 102/108), act_private P 0.954
    R 0.961 (124/130, 124/129). Floors = measured rounded down 0.02."""
    got = _split_prf("acts_more4", "train", 250)
    p, r = got["act_private"]
    assert p >= 0.93, f"act_private precision {p:.3f} (measured 0.954)"
    assert r >= 0.94, f"act_private recall {r:.3f} (measured 0.961)"
    p, r = got["deflection"]
    assert p >= 0.95, f"deflection precision {p:.3f} (measured 0.971)"
    assert r >= 0.92, f"deflection recall {r:.3f} (measured 0.944)"


def test_precision_and_recall_on_the_fifth_training_set():
    """labels/acts_more5.csv (169 training replies, labels/acts_more5.md): acts.v7 /
    deflection.v9, measured right after the labels were committed (with the exact-text
    correction of 1784/746), deflection P 0.942 R 0.961 (49/52, 49/51); acts.v8 /
    deflection.v10 (its errors were read to write v8, so in-sample) deflection P 0.962 R 1.000
    (51/53, 51/51). Floors = measured rounded down 0.02."""
    got = _split_prf("acts_more5", "train", 169)
    p, r = got["deflection"]
    assert p >= 0.94, f"deflection precision {p:.3f} (measured 0.962)"
    assert r >= 0.98, f"deflection recall {r:.3f} (measured 1.000)"


V2_CASES = {
    # "sorry for/about <the problem>" names it; generic objects do not
    "act_acknowledge": (
        [
            "Sorry for the long lines in Montego Bay this morning.",
            "Our sincere apologies for any rudeness from our crew.",
        ],
        [
            "So sorry for the inconvenience this has caused you.",
            "We apologise for the delay in our response.",
            "Sorry for the late response!",
        ],
    ),
    "act_diagnose": (
        [
            "We'd like to work with you on this, how long have you been experiencing this issue?",
            "Sorry, did you receive your order or manage to speak with anybody?",
            # the "?" after a link still ends the question
            "Uh oh! Does this continue after working through these: https://t.co/abc?",
        ],
        [
            "Please let us know if we can help here.",
            "Is your mother able to contact us directly?",
            "Do you mind talking to me through DM?",
            "Is there something you would like our assistance with?",
        ],
    ),
    "act_inform": (
        [
            "We still offer discounts on eligible physical game pre-orders.",
            "Connecting via ethernet can help, or restarting the router.",
            "The 20:43 service was reported 12 minutes late into Birmingham.",
        ],
        [
            "Please use the link to provide your confirmation number.",
            "You can get in touch with us here: https://t.co/abc",
        ],
    ),
    "act_commit": (
        ["I'll be sure to relay this to our support team."],
        [
            # the step depends on going private: the push, not a commitment
            "Send us a note via https://t.co/abc and we'll be in touch.",
            "Please DM us your email address so we can follow up.",
        ],
    ),
    "act_private": (
        [
            "Pls send us additional details with your name/ZIP/phone# and we'll follow up.",
            "Please reach out to me at this link for assistance.",
        ],
        ["Reboot your router and try again."],
    ),
}


@pytest.mark.parametrize("name", sorted(V2_CASES))
def test_v2_phrase_families(name):
    yes, no = V2_CASES[name]
    assert on(yes, name) == [True] * len(yes)
    assert on(no, name) == [False] * len(no)


#: acts.v3 (issue 13, third pass): hand-written sentences for the phrase families read on the
#: cross-validated training errors (labels/acts_more2.md; docs/wip/acts3.md)
V3_DEFLECTION_CASES = [
    # pushes that name no channel, or one the v2 cues missed -> deflection 1
    ("We're awaiting your response to resolve the issue. Pls provide the same within 24 hrs.", 1),
    ("Please send us your full name/ZIP/phone # so our Social Care Team can follow up.", 1),
    ("Pls click here to provide your account type and country (no account numbers).", 1),
    ("We'd like to get you speaking to our experts here: https://t.co/abc", 1),
    ("Kindly check your mailbox for the case response.", 1),
    ("Hello, please send us additional details about your concerns. Thank you.", 1),
    ("I'm replying to your DM right now :)", 1),
    ("If this were happening to me, I'd be confused too! Send a DM our way for assistance.", 1),
    # pushes that also engage (acknowledge the specific problem, diagnose, commit) -> 0
    ("I want to make sure your charges are correct. Please DM me your address.", 0),
    ("Hey Sam, having service issues? Shoot us a DM!", 0),
    ("That looks a little melted. DM us with more details.", 0),
    ("We can check if your booking has gone through. DM us your flight details.", 0),
    ("We'll call you shortly.", 0),
    ("A member of our team will be in touch shortly through DM.", 0),
    ("Please DM us a picture of the error you're receiving.", 0),
    ("Can you DM me the store you visited and the time of your visit?", 0),
    # open invitations at the end of a resolved exchange are not pushes -> 0
    ("You're welcome! If you ever need us again, just give us a shout.", 0),
    ("Glad that resolved it. Don't hesitate to reach out to us if you have any questions.", 0),
    ("Thanks. I'll get in touch with our team. -Jen", 0),
]


@pytest.mark.parametrize("text, expected", V3_DEFLECTION_CASES)
def test_v3_deflection_phrase_families(text, expected):
    assert on([text], "deflection") == [bool(expected)]


def test_push_decision_modes():
    import numpy as np

    from brandcouch.signals.acts import PUSH_MODES, push_decision

    model = np.array([1, 1, 0, 0, 1, 0], bool)
    private = np.array([1, 1, 1, 1, 0, 0], bool)
    rule = np.array([1, 0, 1, 0, 0, 1], bool)
    got = {m: push_decision(m, model, private, rule).astype(int).tolist() for m in PUSH_MODES}
    # replies that are not pushes (the last two) always take the model
    assert got == {
        "model": [1, 1, 0, 0, 1, 0],
        "push_only": [1, 0, 0, 0, 1, 0],
        "rules": [1, 0, 1, 0, 1, 0],
        "rules_or": [1, 1, 1, 0, 1, 0],
    }
    with pytest.raises(ValueError):
        push_decision("nope", model, private, rule)


def test_shipped_engagement_settings_are_the_cv_choice():
    """scripts/train_acts.py (829 training replies, grouped 5-fold CV, --push-mode rules):
    C = 32 with the rule extras, threshold 0.4."""
    from brandcouch.signals.learned import load_model

    meta = load_model("acts_engagement").meta
    assert meta["push_mode"] == "rules" and meta["threshold"] == 0.4
    assert meta["params"]["C"] == 32.0
    assert "labels/acts_more2.csv (300)" in meta["trained_on"]


#: acts.v4 (issue 13, fourth pass): an apology whose clause names the customer's problem
#: acknowledges it, also inside a push to DM (TWCS 644, under the complaint 646: "I'm so sorry
#: you didn't receive your parcel! We'd like a chance to look into this with you here: <link>");
#: generic apologies and offers in a push do not
V4_NAMED_IN_PUSH = [
    "@1 Sorry your order arrived cold, please DM us your order number.",
    "@1 I'm so sorry you didn't receive your parcel! We'd like a chance to look into this with "
    "you here: https://t.co/x",
    "@1 So sorry to hear that your package is missing. Please DM us your tracking number.",
    "@1 We're sorry the app keeps crashing. Send us a DM with your device model.",
]
V4_GENERIC_IN_PUSH = [
    "@1 We've let our team know. DM us if there's anything else.",
    "@1 We'd like to help, DM us.",
    "@1 Sorry you feel that way. Please DM us.",
    "@1 Sorry you haven't heard back from us yet, please DM us your email.",
    "@1 Sorry for the trouble. Please send us a DM.",
]


def test_v4_an_apology_naming_the_problem_acknowledges_it_inside_a_push():
    assert on(V4_NAMED_IN_PUSH, "act_acknowledge") == [True] * 4
    # all four push: the parcel reply's "look into this with you here: <link>" is a contact
    # form since acts.v5 (it was no push under v4)
    assert on(V4_NAMED_IN_PUSH, "act_private") == [True] * 4
    assert on(V4_NAMED_IN_PUSH, "deflection") == [False] * 4
    assert on(V4_GENERIC_IN_PUSH, "act_acknowledge") == [False] * 5
    # since acts.v6 "We've let our team know" is the agent's own step (commit, as labels/acts.md
    # 5001 "we'll let our devs know"), so the first reply is no deflection
    assert on(V4_GENERIC_IN_PUSH, "act_commit") == [True, False, False, False, False]
    assert on(V4_GENERIC_IN_PUSH, "deflection") == [False, True, True, True, True]


#: acts.v5 / deflection.v7 (issue 13, fifth pass): phrase families read on the in-sample
#: deflection errors of the training replies and on unlabelled twcs_head5000 brand replies
#: (the TWCS id each case is modelled on in the comment); each expected value is by the rubric
#: of labels/acts.md: a push with no acknowledge / diagnose / inform / commit is a deflection
V5_DEFLECTIONS = [
    # an offer to look into it "with you here: <form>" is a push (1709, 3730)
    "@1 We'd be happy to look into this with you here: https://t.co/x ^BL",
    "@1 Hmm.... Let's take a closer look into what's going on here: https://t.co/x ^ML",
    # "follow & DM @Brand" pushes to the brand's own handle (1607)
    "@1 We'd be happy to help, but we could use more info. Could you follow &amp; DM "
    "@XboxSupport with your Gamertag &amp; some details?",
    # "chat securely with me" (400)
    "@1 Apologies for all of the issues. If you have time to chat securely with me, I would be "
    "happy to review.",
    # a step promised after the DM, after a comma, is conditional (374 / labelled 332)
    "@1 Kindly DM us the booking number and attach guest passport copy, we'll fix it for you!",
    # "if you can please DM us here, …" and "select the following link to join us in a DM" are
    # the push, not information (4992, 2621)
    "@1 Thanks for reaching out. If you can please DM us here, I'd be happy to assist you.",
    "@1 We certainly want to take a closer look into this. Select the following link to join us "
    "in a DM and we'll go from there. https://t.co/x",
    "@1 If you follow the link we provided, we'd love to give you a call.",
    # a question that only asks to move to DM is no diagnostic question (2115)
    "@1 Hey Tiffany! I'd like to work with you on your issues. Can you shoot us a DM for us to "
    "have a little chat?",
    # "we want you to have a great experience" names no problem (5621)
    "@1 We're always here to help and we want you to have a great experience! Send us a DM with "
    "more information and we'll review.",
    # "arrived this way" names no problem (labelled 4650); "sorry for the disruption to your
    # journey" is an apology, not a disruption notice (labelled 5677)
    "@1 We're terribly sorry your order arrived this way! Please DM us your contact info.",
    "@1 You'll need to log full details here https://t.co/x for an agent to check. Sorry for the "
    "disruption to your journey.",
    # "Let's go over your options here: <link>" (labelled 4828)
    "@1 I'm sorry for the trouble! Let's go over your available options here: https://t.co/x",
]
V5_ENGAGED_PUSHES = [
    # "sorry you've encountered an unknown charge" names it (1709's apology)
    (
        "@1 I'm sorry you've encountered an unknown charge! We'd be happy to look into this with "
        "you here: https://t.co/x",
        "act_acknowledge",
    ),
    # "you shouldn't have received …" answers (2801)
    (
        "@1 Sorry about that. You shouldn't have received an email if you're not eligible. Can you "
        "DM us your account's email address?",
        "act_inform",
    ),
    # "did you receive an email with a confirmation …?" is diagnostic (labelled 6553)
    (
        "@1 Having access to your Apple ID is important. Did you receive an email with a "
        "confirmation of your request? DM us here: https://t.co/x",
        "act_diagnose",
    ),
    # "I am submitting the request", "has been reported to our faults team" (labelled 5528, 5069)
    ("@1 You can DM us directly but no worries. I am submitting the request.", "act_commit"),
    (
        "@1 An issue has been reported to our faults team. If you would like to contact us, DM us.",
        "act_commit",
    ),
    # "please delete the post", "this offer ended on …" (labelled 5637, 7620)
    (
        "@1 You have posted your address publicly please delete the post and resend in a DM.",
        "act_inform",
    ),
    (
        "@1 This limited time offer ended on 11/02/2017. Feel free to send me a DM to chat.",
        "act_inform",
    ),
]


def test_v5_deflection_phrase_families():
    assert on(V5_DEFLECTIONS, "act_private") == [True] * len(V5_DEFLECTIONS)
    assert on(V5_DEFLECTIONS, "engagement") == [False] * len(V5_DEFLECTIONS)
    assert on(V5_DEFLECTIONS, "deflection") == [True] * len(V5_DEFLECTIONS)


@pytest.mark.parametrize(("text", "act"), V5_ENGAGED_PUSHES)
def test_v5_pushes_that_engage_are_not_deflections(text, act):
    assert on([text], act) == [True]
    assert on([text], "act_private") == [True]
    assert on([text], "deflection") == [False]


def test_v5_a_delivery_channel_is_no_push():
    # TWCS 2759 (Tesco, 2/4): the Moneycard is sent by e-mail; the reply asks which the
    # customer prefers
    text = "@1 Your Moneycard can be sent via email or by post, can you confirm which you'd prefer?"
    assert on([text], "act_private") == [False]


def test_v5_a_second_part_listing_the_details_to_send_is_the_push():
    # TWCS 883 (British_Airways, 2/2; part 1 ends "… DM"), under a labelled deflected-only
    # conversation of labels/ownership.csv train
    text = "@115894 us your booking ref, email address and contact number. 2/2 ^Linda"
    assert on([text], "act_private") == [True]
    assert on([text], "deflection") == [True]


#: acts.v6 / deflection.v8 (issue 13, sixth pass): families read on the training rows' errors
#: (labels/acts.csv train, acts_more, acts_more2 and the train rows of acts_more3) and on
#: unlabelled twcs_head5000 brand replies; the TWCS id each case is modelled on is in the
#: comment, and every expected value follows labels/acts.md (+ acts_more3.md)
V6_DEFLECTIONS = [
    # identifiers asked for without naming a channel (labelled 6994)
    "@1 I require your full name, address and email. I can log your feedback. TY - Chris 2/2",
    # Wells Fargo's DM requests (labelled 4797; 4812, 4818)
    "@1 Without sharing account numbers, please tell me what happened to cause you to feel this "
    "way. I can review your concern and do my best to help.",
    "@1 Hi, Julieta. I'd like to review your concern. Please tell me more about what happened "
    "(no account number). ^RG",
    # Delta's "follow/DM" (3189)
    "@1 Pls follow/DM your confirmation or ticket number to take a look. *AFM https://t.co/x",
    # a push behind a condition (labelled 4832; 3198)
    "@1 Uh oh! If you can't recover it, please reach out to us here and we'll see what options "
    "are available: https://t.co/x ^MB",
    "@1 I hear the frustration. If you care to share details, please follow and DM details.",
    # pushes worded as advice (2291, 4820, labelled 309)
    "@1 We want to resolve this for you. We suggest you to get in touch with our Answer desk "
    "team: https://t.co/x.",
    "@1 Hi there. I suggest that you call 1-800-956-4442 immediately for assistance from a banker.",
    "@1 Hi there! We'd recommend reaching out to the chat team here: https://t.co/x ^JA",
    # a question that only asks for a DM (4053)
    "@1 I'd like to ask are you able to send over a DM so I can look into this further? -DSC",
    # the stock language line (labelled 4908; 1784, 5832)
    "@1 We offer support via Twitter in English. Contact us for help in your preferred language "
    "here: https://t.co/x",
]
V6_ENGAGED_PUSHES = [
    # "you still have to …" answers (labelled 1251)
    (
        "@1 You still have to open a claim through eBay to be protected. You can DM us if you "
        "have any other questions.",
        "act_inform",
    ),
    # "we have updated our terms" (labelled 7167)
    ("@1 We have updated our terms, send us a DM and I'll take a look!", "act_inform"),
    # a longer "only … can" subject than v5's (labelled 3528)
    (
        "@1 Hello, for safety reasons only the accounts parental guardian or the account user "
        "can contact us for account issues.",
        "act_inform",
    ),
    # "it is showing that …", "if … then …", "sounds like your … may …" (4442, 390, 1224)
    (
        "@1 It is showing that this package was left at the front door. Please DM us your "
        "complete address.",
        "act_inform",
    ),
    (
        "@1 Sorry about that. If a product is reduced then the previous offer isn't applied. "
        "Please DM me the barcode.",
        "act_inform",
    ),
    (
        "@1 I'm sorry to hear this! Sounds like your account may have been compromised. I "
        "strongly advise you to contact our security teams &gt; https://t.co/x",
        "act_inform",
    ),
    # "we'd recommend <a fix>" is advice, not a push (2501)
    (
        "@1 In this case, we'd recommend trying a smaller size to see if that helps. Can you DM "
        "your full name please?",
        "act_inform",
    ),
    # "DM me when you visited the store" asks a diagnostic question (383)
    (
        "@1 Hi there, sorry about that. Please DM me when you visited the store and I'll look "
        "into this.",
        "act_diagnose",
    ),
    # an announced call (labelled 1589)
    (
        "@1 I'm sorry to see this and want to see how I can help. I will give you a call at the "
        "number you previously sent. ^kt",
        "act_commit",
    ),
]
V6_NOT_PUSHES = [
    # open invitations once settled (labelled 6938; 1520, 1455, 2249)
    "@1 If you should need any other help once that appointment is completed, feel free to "
    "reach out to us.",
    "@1 Okay great! If you have any further concerns please reach out to us. -Xavier",
    "@1 Glad to hear that, Feel free to message us again here if you need help.",
    "@1 You are welcome! Feel free to contact us for assistance in the future.",
    # a contact already made; the agent's own team (5057, 192)
    "@1 We're pleased to hear you've been able to contact our Executive Club team, Kelly.",
    "@1 We've let our team know we can do better, Joel. Thanks for sharing :)",
]


def test_v6_deflection_phrase_families():
    assert on(V6_DEFLECTIONS, "act_private") == [True] * len(V6_DEFLECTIONS)
    assert on(V6_DEFLECTIONS, "engagement") == [False] * len(V6_DEFLECTIONS)
    assert on(V6_DEFLECTIONS, "deflection") == [True] * len(V6_DEFLECTIONS)


@pytest.mark.parametrize(("text", "act"), V6_ENGAGED_PUSHES)
def test_v6_pushes_that_engage_are_not_deflections(text, act):
    assert on([text], act) == [True]
    assert on([text], "act_private") == [True]
    assert on([text], "deflection") == [False]


def test_v6_open_invitations_and_past_contacts_are_no_push():
    assert on(V6_NOT_PUSHES, "act_private") == [False] * len(V6_NOT_PUSHES)
    assert on(V6_NOT_PUSHES, "deflection") == [False] * len(V6_NOT_PUSHES)
    # "We've let our team know" is the agent's step (commit)
    assert on(V6_NOT_PUSHES[-1:], "act_commit") == [True]


def test_v6_still_pushes():
    # an open invitation that names DM stays a push, and so does "If you need further help,
    # please DM us your account number"; a reported call attempt with "return my call" stays
    # private only (labelled 5662: private); "Sounds like your Halloween is going well! Send us
    # a DM" names no problem (4228)
    texts = [
        "@1 If you have any questions feel free to shoot us a DM!",
        "@1 If you need further help, please DM us your account number.",
        "@1 I called and left a message for you. Please return my call at the number provided or "
        "DM me when you are available.",
        "@1 Sounds like your Halloween is going well, Johnny! Send us a DM, and we'll send a gift "
        "your way.",
    ]
    assert on(texts, "act_private") == [True] * 4
    assert on(texts, "deflection") == [True] * 4


#: acts.v7 / deflection.v9 (issue 13, seventh pass): families read on the training rows' errors
#: (labels/acts.csv train, acts_more, acts_more2, acts_more3 train and the new acts_more4) and on
#: unlabelled twcs_head5000 brand replies; the TWCS id each case is modelled on is in the
#: comment, and every expected value follows labels/acts.md (+ acts_more3.md, acts_more4.md)
V7_DEFLECTIONS = [
    # "… and we'll continue from there" with the DM link only (labelled 2609, acts_more4)
    "@1 Let us know and we'll continue from there. https://t.co/x",
    # the secure-chat instructions are the push, not information (labelled 402)
    "@1 Great. Please go to https://t.co/x log in and select code 10307  and we will continue "
    "our conversation there. ^RK",
    # a call slot is asked for, not a diagnostic question (labelled 1582)
    "@1 We're here from 8:00 am-9:00 pm ET Monday-Friday. When is the best time to reach you? ^ra",
    # the gerund of "contact … here: <link>" (labelled 4552)
    "@1 recommend contacting The Coalition Studio here: https://t.co/x or via the forums. ^ZM",
    # "share this with <form>" (labelled 7578)
    "@1 We shouldn't — please share this with https://t.co/x if we've yet to make amends. -Shawn",
    # "as many details as possible here" is the push, not information (labelled 5120)
    "@1 I'd like to have a member of our team ensure this is escalated to the correct teams. "
    "When you have a moment, please send us as many details as possible here: https://t.co/x",
    # "include your details here", "phone or chat use this link", "request a call back here"
    # (5126, 620, 647)
    "@1 I understand your frustration! At your convenience, include your details here: "
    "https://t.co/x ^SJ",
    "@1 I am unable to affect your account via Twitter. For real time support, phone or chat "
    "use this link: https://t.co/x ^CH",
    "@1 You can also request a call back here Martin https://t.co/x ^KM",
    # a question about the push (7575; acts.md 637)
    "@1 Again? I'm so sorry. Did you write to us at the link? -Becky",
    # in a push, the stock "sorry for the wait / delay!" names no problem (labelled 633, 1696)
    "@1 I'm sorry for the wait. Please reach out to us so we can take a closer look at this "
    "delivery: https://t.co/x ^SH",
    "@1 I'm sorry for the delay! We'd like to take a further look into this with you! Please "
    "reach us here: https://t.co/x ^AG",
    # the rubric's channels in new spellings (hand-written, no TWCS row)
    "@1 Please speak to one of our agents by calling 1-800-555-0100.",
    "@1 Let's chat privately so we can sort this out.",
    "@1 Please visit https://t.co/x to chat with an agent.",
    "@1 Please get in contact with our Customer Relations team.",
    "@1 They'll be happy to help you at the number provided.",
    "@1 Please send your details via the link below.",
    "@1 Our team at 1-800-555-0100 will be able to help.",
    # agent turns of ../shared/data/ibm-customer-care/dev.json (2020, unlabelled)
    "@1 Please create a support ticket so we may assist you one-on-one. https://t.co/x *SR",
    "@1 We can help with that. Please use this link to make a ticket: https://t.co/x *MS",
    "@1 It looks like one-on-one support will be able to help you best. Please head here "
    "(https://t.co/x) and select the chat button in the lower-right corner of the page.",
    "@1 We apologize for this experience. Can you pls share a few details here so that we can "
    "reach out asap https://t.co/x",
    "@1 I recommend contacting our live support to review your refund options.",
]
V7_NOT_DEFLECTIONS = [
    # IBM dev agent turns: no DM needed; an article on how to report (inform, not a push)
    (
        "@1 Without revealing your email address, tell us more about what's going on with your "
        "channel. We may be able to help you without having to DM. Let us know!",
        None,
    ),  # fmt: skip
    (
        "@1 We'd be happy to help. Here's a link with more information on how to report them: "
        "https://t.co/x",
        None,
    ),  # fmt: skip
    (
        "@1 If you want to report an email account please follow the steps in this article: "
        "https://t.co/x",
        None,
    ),  # fmt: skip
    # an open invitation under praise (labelled 5382 close;banter)
    (
        "@1 Love seeing that projection! Enjoy that device and mods! Send a DM if you ever need "
        "us. :) https://t.co/x",
        None,
    ),  # fmt: skip
    # Spanish thanks for a past contact (4948)
    (
        "@1 ¡Nos alegra saberlo! Te agradecemos que nos hayas contactado y esperamos que puedas "
        "disfrutar de tu compra. ^PC",
        None,
    ),  # fmt: skip
    # "sorry about the delays" + DM still names the flight's delays (labelled 3548,
    # acknowledge;apologise;private)
    (
        "@1 Sorry about the delays Joyce. Can you please send me your confirmation email in a DM?",
        "act_acknowledge",
    ),  # fmt: skip
    # "sorry for the wait" outside a push still acknowledges (626)
    (
        "@1 I'm sorry for the wait. You'll receive an email as soon as we have an estimated "
        "delivery date. ^FJ",
        "act_acknowledge",
    ),  # fmt: skip
    # a push that asks a device question stays engaged (labelled 6927 diagnose;private)
    (
        "@1 We want to help in any way we can. Which iPhone are you using? Let us know in DM, and "
        "we'll work with you there. https://t.co/x",
        "act_diagnose",
    ),  # fmt: skip
    # "have you had a chance to report this …? if so, what options … did we provide?" asks
    # about the case (4860)
    (
        "@1 Oh no! Have you had a chance to report this to us: https://t.co/x? If so, what options "
        "and insight did we provide? ^GM",
        "act_diagnose",
    ),  # fmt: skip
]


def test_v7_deflection_phrase_families():
    assert on(V7_DEFLECTIONS, "act_private") == [True] * len(V7_DEFLECTIONS)
    assert on(V7_DEFLECTIONS, "engagement") == [False] * len(V7_DEFLECTIONS)
    assert on(V7_DEFLECTIONS, "deflection") == [True] * len(V7_DEFLECTIONS)


@pytest.mark.parametrize(("text", "act"), V7_NOT_DEFLECTIONS)
def test_v7_not_deflections(text, act):
    assert on([text], "deflection") == [False]
    if act is None:
        assert on([text], "act_private") == [False]
    else:
        assert on([text], act) == [True]


#: acts.v8 / deflection.v10 (issue 13, tenth pass): families read on the training rows' errors
#: including the new labels/acts_more5.csv (docs/judgements/tenth_pass.md); the TWCS id each case
#: is modelled on is in the comment, every expected value follows labels/acts*.md
V8_DEFLECTIONS = [
    # identifier requests without a channel word, parts of a multi-part reply (labelled 2768,
    # 3826 private;boilerplate, as acts_more3's Tesco 6994; 3544 private)
    "@1 Could I also ask you to forward some details so we may log it on our system? 2/4",
    "@1 Finally I'll need the bottom most row of digits on your receipt. - Nick 3/3",
    "@1 Hey, looks like the engineer sent an email can you please confirm your email address? ^DO",
    # "let us know the results in DM" is the push, not a diagnostic request (labelled 4907)
    "@1 Sounds good. Let us know the results in DM and we'll continue working with you there. "
    "Thanks again. https://t.co/x",
    # the push follow-ups of the brief (hand-written; no TWCS row has them)
    "@1 Once you've sent it we'll take a look.",
    "@1 Let us know once you've sent it.",
    "@1 Please let us know once you have submitted it.",
]
V8_NOT_DEFLECTIONS = [
    # a DM request for the error itself is diagnostic (labelled 3683 apologise;diagnose;private,
    # as acts_more's 1217 "DM us a picture of the error")
    (
        "@1 Sorry to hear about that! Please direct message us with any error details that are "
        "occurring. I will review this with our mobile team. -J",
        "act_diagnose",
    ),  # fmt: skip
    # routing to the team that does the named task answers how (labelled 5680 inform;private)
    (
        "@1 Hi, if you would like to cancel a pre-order, you can reach out to our chat team here. "
        "https://t.co/x ^RM",
        "act_inform",
    ),  # fmt: skip
    # the public "let us know the results" stays diagnostic (acts_more3 848, acts_more2 5030)
    ("@1 Backup and update your iPhone, then let us know the results.", "act_diagnose"),
    # you (not we) needing a receipt is information, not an identifier request
    ("@1 You'll need your receipt to return it in store.", None),
]


def test_v8_deflection_phrase_families():
    assert on(V8_DEFLECTIONS, "act_private") == [True] * len(V8_DEFLECTIONS)
    assert on(V8_DEFLECTIONS, "engagement") == [False] * len(V8_DEFLECTIONS)
    assert on(V8_DEFLECTIONS, "deflection") == [True] * len(V8_DEFLECTIONS)


@pytest.mark.parametrize(("text", "act"), V8_NOT_DEFLECTIONS)
def test_v8_not_deflections(text, act):
    assert on([text], "deflection") == [False]
    if act is None:
        assert on([text], "act_private") == [False]
    else:
        assert on([text], act) == [True]


#: acts.v9 / deflection.v11 (issue 13, eleventh pass): families read on the errors of the spent
#: held-out set labels/acts_more3.csv test and the training rows (docs/judgements/
#: eleventh_pass.md); the TWCS id each case is modelled on is in the comment, every expected
#: value follows labels/acts*.md
V9_DEFLECTIONS = [
    # HP's DM-link instruction and its fragment (labelled 1479, 1484 private;boilerplate)
    "@1 To better assist you, click on the option below and reply. Thanks! ^A 2/2 https://t.co/x",
    "@1 below and reply. Thanks! ^A 2/2 https://t.co/x",
    # a phone call being arranged (labelled 1584 apologise;private)
    "@1 I am sorry I missed your call. Please let me know when you are able to talk. ^kl",
    # replying in the DM is no commitment (labelled 778 private;boilerplate)
    "@1 We have received your DM and will follow up with you there.",
    # a call-back number is no diagnostic question (labelled 1296 private;boilerplate)
    "@1 Do you have a good contact number where you can be reached? Please send through the "
    "private link.",
    # the stock check-in before an identifier request (labelled 6914 apologise;private;boilerplate)
    "@1 I apologize for the delayed response. Have your concerns been addressed? If not, I will "
    "need the account holder's name.",
]
V9_NOT_DEFLECTIONS = [
    # a closing invitation is no push (labelled 182 close)
    (
        "@1 Glad to know that is downloading, please feel free to contact us if you have further "
        "concerns.",
        None,
    ),  # fmt: skip
    # the trouble named in a content word (labelled 4036 acknowledge;private)
    (
        "@1 Shadi, I can help with the box trouble. To get started, please DM your account number.",
        "act_acknowledge",
    ),  # fmt: skip
    # a privacy instruction is information (labelled 5095 inform;private)
    (
        "@1 Please erase your last tweet as it was sent publicly. We can continue this "
        "conversation via DM.",
        "act_inform",
    ),  # fmt: skip
    # a hand-off to a member of the team stays a commitment (acts_more2 2713 commit;private)
    (
        "@1 Thank you for following up. A member of our team will be in touch shortly through DM.",
        "act_commit",
    ),  # fmt: skip
]


def test_v9_deflection_phrase_families():
    assert on(V9_DEFLECTIONS, "act_private") == [True] * len(V9_DEFLECTIONS)
    assert on(V9_DEFLECTIONS, "engagement") == [False] * len(V9_DEFLECTIONS)
    assert on(V9_DEFLECTIONS, "deflection") == [True] * len(V9_DEFLECTIONS)


@pytest.mark.parametrize(("text", "act"), V9_NOT_DEFLECTIONS)
def test_v9_not_deflections(text, act):
    assert on([text], "deflection") == [False]
    if act is None:
        assert on([text], "act_private") == [False]
    else:
        assert on([text], act) == [True]


def test_v9_keeps_the_generic_forms():
    """The v9 cuts stay narrow: "help with the trouble" names nothing, a DM invitation with no
    "further" is still a push, and a question about the device stays diagnostic."""
    assert on(["@1 We can help with the trouble, please DM us."], "act_acknowledge") == [False]
    assert on(["@1 Feel free to DM us so we can look into this."], "deflection") == [True]
    assert on(
        ["@1 Have your concerns been addressed? Which device is this on?"], "act_diagnose"
    ) == [True]


def test_diagnose_flags_are_act_rows_diagnose_column():
    """relevance reads only the diagnostic-question act: the one-column function gives
    exactly act_rows' column (hand-read: a specific question, a generic one, a DM push with a
    question inside, an empty text)."""
    from brandcouch.signals.acts import ACTS, act_rows, diagnose_flags

    texts = [
        "@ann Which iOS version are you on?",
        "@bob Is there anything else we can help with?",
        "@cat Sorry! Please DM us your order number so we can look into it.",
        "",
        "@dan Does this happen on every device or just your laptop? DM us if it persists.",
    ]
    got = diagnose_flags(texts)
    assert got.tolist() == act_rows(texts)[:, ACTS.index("diagnose")].tolist()
    assert got.tolist() == [1.0, 0.0, 0.0, 0.0, 1.0]


def test_diagnose_prefilter_keeps_every_text_a_sentence_of_which_matches(monkeypatch):
    """_diag_flags splits into sentences only the texts _DIAG_RE matches without its "^": the
    same flags as splitting every text (the pre-filter replaced by one that passes all)."""
    import re

    assert acts._DIAG_RE.pattern.startswith("^(?:") and "$" not in acts._DIAG_RE.pattern
    assert "(?<" not in acts._DIAG_RE.pattern and "(?=" not in acts._DIAG_RE.pattern
    texts = [
        "thanks for that. which version are you on?",
        "ok!is it the app?or the site",  # sentences split after "?" with no space
        "sorry about that\nwhat device do you use",
        "we're on it. is that ok? great.",
        "hello there, how are you today?",
        "please dm us. thanks",
        "did it work",  # no "?": not a question
        "got it - do you see an error?",
        "",
        "    ",
    ] * 8  # >= 64 texts: the RE2 pre-filter is used
    fast = acts._diag_flags(texts)
    monkeypatch.setattr(acts, "_DIAG_ANYWHERE_RE", re.compile(""))
    slow = acts._diag_flags(texts)
    assert fast.tolist() == slow.tolist()
    assert fast[:8].tolist() == [True, True, True, True, True, False, False, True]
