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
