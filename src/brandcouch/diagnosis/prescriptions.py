"""The essay's five prescriptions, and which finding gets which (with a concrete next step)."""

from __future__ import annotations

PRINCIPLES = {
    "listen": "Listen first.",
    "fix": "Fix it, don't hide it.",
    "value": "Deliver value without a hidden agenda.",
    "give": "Do not expect what you are unwilling to give.",
    "kiss": "Keep it simple and shareable.",
}

#: (element, component) -> (principle, the concrete step; may use the finding's numbers)
PRESCRIPTIONS: dict[tuple[str, str], tuple[str, str]] = {
    ("empathy", "response_rate"): (
        "listen",
        "Answer every question and complaint, starting with the {missed:,} still waiting; "
        "a short, honest 'we're looking into it' beats silence.",
    ),
    ("empathy", "speed"): (
        "listen",
        "Watch the queue during the hours people write to you; aim to answer within an hour, "
        "and within minutes where you can.",
    ),
    ("empathy", "relevance"): (
        "listen",
        "Read the message before answering and reply to what was actually said: name the "
        "product, the order, the problem in their words.",
    ),
    ("empathy", "personal"): (
        "listen",
        "Retire the templates used over and over; write to the person, in your own words.",
    ),
    ("empathy", "acknowledgement"): (
        "listen",
        "When someone is upset, say you understand, and say sorry when it is yours, before "
        "anything else.",
    ),
    ("empathy", "fairness"): (
        "listen",
        "Answer people with small audiences as often as the well-followed: everyone's problem "
        "is real to them.",
    ),
    ("value", "pitch_share"): (
        "value",
        "Cut the sales posts and give something people value: help, know-how, stories, "
        "answers. Sell less, and people will come back.",
    ),
    ("value", "appreciation"): (
        "value",
        "Post what your audience thanks you for; look at the posts that drew thanks and make "
        "more of those.",
    ),
    ("value", "appreciation_share"): (
        "value",
        "Post what your audience thanks you for; look at the posts that drew thanks and make "
        "more of those.",
    ),
    ("value", "engagement"): (
        "value",
        "Give people a reason to share: useful, specific, generous posts travel; ads do not.",
    ),
    ("value", "kiss"): (
        "kiss",
        "Shorter sentences, plain words, one idea per post.",
    ),
    ("value", "pitch_replies"): (
        "listen",
        "Do not answer people with a sales pitch; answer what they asked.",
    ),
    ("transparency", "complaints_owned"): (
        "fix",
        "Own complaints in public: acknowledge the problem where it was raised, say what you "
        "will do, and come back when it is fixed.",
    ),
    ("transparency", "deflection"): (
        "fix",
        "Stop sending people to DMs with nothing else said: acknowledge the problem in public "
        "first, then take the personal details private.",
    ),
    ("transparency", "hidden"): (
        "fix",
        "Stop deleting complaints. Answer them where everyone can see the fix.",
    ),
    ("transparency", "outcome"): (
        "fix",
        "Follow through until the customer is better off: fix the problem, don't just answer "
        "the message, and come back to check it worked.",
    ),
    ("transparency", "disclosure"): (
        "fix",
        "Label promotion plainly (#ad, 'sponsored', 'our offer'): nothing hidden.",
    ),
    ("mutuality", "reciprocity"): (
        "give",
        "The people who keep coming back deserve an answer: reply to your regulars.",
    ),
    ("mutuality", "follow_ups"): (
        "give",
        "When a customer answers you, answer back; do not leave a conversation half-way.",
    ),
    ("mutuality", "depth"): (
        "give",
        "Keep conversations going: ask a question back, check in after a fix.",
    ),
    ("mutuality", "addressed"): (
        "give",
        "Talk with people, not at them: spend more of your posts on replies and mentions than "
        "on broadcasts.",
    ),
}


def prescription(element: str, component: str, numbers: dict) -> dict:
    principle, step = PRESCRIPTIONS.get((element, component), ("listen", ""))
    try:
        step = step.format(**numbers)
    except (KeyError, ValueError):
        step = step.split("{")[0].rstrip(" ,")
    return {"principle": principle, "text": f"{PRINCIPLES[principle]} {step}".strip()}
