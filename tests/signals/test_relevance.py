from __future__ import annotations

from brandcouch.signals import score_texts

PAIRS = [
    # (parent, on-topic reply, off-topic reply)
    (
        "My parcel never arrived and the tracking says delivered. Where is it?",
        "Sorry your parcel hasn't arrived! Tracking can show delivered early; we'll check with the courier.",
        "Check out our new autumn collection, now in stores!",
    ),
    (
        "The app keeps crashing when I open my playlists",
        "That sounds frustrating. Does the app crash on every playlist or only offline ones?",
        "Thanks for being a customer! Have a great weekend.",
    ),
    (
        "How do I change the email address on my account?",
        "You can change the email address under Account > Settings > Email.",
        "We're sorry to hear that. Please DM us.",
    ),
]


def test_on_topic_beats_off_topic():
    replies = [on for _, on, _ in PAIRS] + [off for _, _, off in PAIRS]
    parents = [p for p, _, _ in PAIRS] * 2
    rel = score_texts(replies, parents=parents, signals=["relevance"])["relevance"].to_numpy()
    n = len(PAIRS)
    for i in range(n):
        assert rel[i] > rel[i + n] + 0.2, PAIRS[i]
    assert all(0.0 <= r <= 1.0 for r in rel)


def test_acknowledgement_gets_credit_only_when_needed():
    rel = score_texts(
        ["So sorry about that!", "So sorry about that!"],
        parents=["My order is still missing", "Lovely weather today"],
        signals=["relevance"],
    )["relevance"]
    assert rel.iloc[0] > rel.iloc[1]


def test_empty_parent_scores_zero():
    rel = score_texts(["anything"], parents=[None], signals=["relevance"])["relevance"]
    assert rel.iloc[0] == 0.0


# --- relevance.v2: latent semantic topic + responsive acts (hand-checked pairs) -------------
def _rel(replies, parents):
    return score_texts(replies, parents=parents, signals=["relevance"])["relevance"].to_numpy()


CRASH = "my app keeps crashing"


def test_on_topic_care_reply_without_shared_words_beats_off_topic():
    # the care reply shares no content word with the parent except "app"; the sale shares none
    care, sale = _rel(
        [
            "Sorry about that! Which device and app version are you on?",
            "Check out our summer sale!",
        ],
        [CRASH, CRASH],
    )
    assert care >= 0.5 and sale <= 0.05
    assert care > sale + 0.4


def test_apology_and_clarifying_question_earn_credit_without_any_shared_word():
    # "Sorry to hear that! Which device are you on?" shares no content word with the parent,
    # so relevance.v1 gave it only the acknowledgement (0.2 * 0.9 = 0.18)
    (rel,) = _rel(["Sorry to hear that! Which device are you on?"], [CRASH])
    assert rel > 0.18


def test_canned_dm_us_scores_below_a_specific_answer():
    parent = "How do I change the email address on my account?"
    specific, canned = _rel(
        ["You can change it under Account > Settings > Email.", "Please DM us."], [parent, parent]
    )
    assert canned < 0.05 and specific > canned + 0.3


def test_pitch_without_engagement_is_discounted_but_engaging_pitch_is_not():
    parent = "Social media is about relationships: listen first, then talk."
    pitch, engaged = _rel(
        [
            "Social media relationships matter. My platform helps you listen. It's free, sign up!",
            "Hi Steve, social media relationships matter. My platform helps you listen. It's free!",
        ],
        [parent, parent],
    )
    assert engaged > 0.3 and pitch < 0.5 * engaged


def test_empty_texts_do_not_crash():
    rel = _rel(["", "Sorry!", "", None], ["", "", CRASH, CRASH])
    assert list(rel) == [0.0, 0.0, 0.0, 0.0]
    assert len(_rel([], [])) == 0


def test_relevance_v1_is_kept_for_comparison():
    from brandcouch.signals.relevance import lexical_relevance

    # no shared content word, an apology (0.9) to a problem: 0.8 * 0 + 0.2 * 0.9
    (v1,) = lexical_relevance(["So sorry!"], ["My order is still missing"])
    assert abs(v1 - 0.18) < 1e-9


def test_v3_a_diagnostic_question_addresses_a_problem_without_problem_words():
    """relevance.v3: audit item 734 (AppleSupport). The parent names no PROBLEM_RE cue and asks
    nothing, so relevance.v2 gave the acts no credit and scored the reply 0.00; the reply's
    diagnostic question ("which model is it?") now earns ``clarify`` = 0.8: relevance =
    0.3 * 0.8 * engaged (0.6, the floor: no shared topic or term) = 0.144."""
    parent = (
        "Thank you @AppleSupport I updated my phone and now it is even slower and barely works. "
        "Thank you for ruining my phone."
    )
    replies = [
        "@115864 We'd like to help, but we'll need more details. What's happening on your device "
        "and which model is it? Do you have iOS 11.1?",
        "Send us a DM",
        "Sorry for the trouble.",
    ]
    got = _rel(replies, [parent] * 3)
    assert abs(got[0] - 0.144) < 0.02
    # a bare push or a generic apology still does not address it
    assert got[1] < 0.1 and got[2] < 0.1


def test_coverage_does_not_depend_on_the_order_of_the_terms():
    # a set's order of str follows the process's hash seed: the same terms in another order
    # (here, sets filled in opposite orders) must give the same bits
    import random

    from brandcouch.signals.relevance import coverage, idf_table

    idf, _ = idf_table()
    vocab = sorted(idf)[:3000:7]
    rng = random.Random(34)
    for _ in range(300):
        p_terms = rng.sample(vocab, 25)
        r_terms = rng.sample(p_terms, 12) + rng.sample(vocab, 5)
        orders = []
        for flip in (False, True):
            sets = {}
            for name, terms in (("p", p_terms), ("r", r_terms)):
                s: set[str] = set()
                for t in reversed(terms) if flip else terms:
                    s.add(t)
                sets[name] = s
            by_text = {"parent": sets["p"], "reply": sets["r"]}
            orders.append(coverage("reply", "parent", by_text.__getitem__))
        assert orders[0] == orders[1]
        assert 0 < orders[0] < 1
