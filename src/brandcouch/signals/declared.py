"""Every shipped signal, declared without importing its module (registry :func:`declare`).

A command that reads a scored store needs each signal's name and version (which stored values
are current), not its rules: the package puts these entries in ``SIGNALS`` at import, and a
signal's module (its compiled regexes, its model) is imported when the signal first computes
(issue 15: a command on a 3-message store). The rows are in the column order of
:func:`brandcouch.signals.score_texts`. Each row must say what the module's ``@signal`` says:
importing the module raises otherwise, so a version bumped in one place only fails every test
that scores. A signal module without a row here is imported at package import, as before.
"""

from __future__ import annotations

TEXT = ("text",)
PAIR = ("text", "parent_text")

#: (name, module in brandcouch.signals, version, requires, kind, help)
SHIPPED: tuple[tuple[str, str, str, tuple[str, ...], str, str], ...] = (
    ("sentiment", "sentiment", "sentiment.v1", TEXT, "float",
     "VADER compound polarity, -1 (negative) .. +1 (positive)"),
    ("question", "question", "question.v1", TEXT, "float", "1 if the text asks a question, else 0"),
    ("complaint", "complaint", "complaint.v6", TEXT, "float",
     "probability 0..1 that the text is a complaint"),
    ("self_promotion", "self_promotion", "self_promotion.v3", TEXT, "float",
     "probability 0..1 that a comment is spam or self-promotion"),
    ("sales_pitch", "sales_pitch", "sales_pitch.v5", TEXT, "float",
     "0..1: the post sells (offer, price, call to buy, shop link)"),
    ("gratitude", "gratitude", "gratitude.v1", TEXT, "float", "0..1: thanks or praise"),
    ("apology", "apology", "apology.v1", TEXT, "float",
     "0..1: apology or acknowledgement of the problem or the person's feeling"),
    ("deflection", "deflection", "deflection.v11", TEXT, "float",
     "0..1: pushes to a private channel (act_private) without engaging with the problem"),
    ("act_acknowledge", "acts", "act_acknowledge.v9", TEXT, "float",
     "0/1: names the customer's specific problem (not a generic 'sorry for the trouble')"),
    ("act_diagnose", "acts", "act_diagnose.v9", TEXT, "float",
     "0/1: asks a specific diagnostic question (device, version, store, 'have you tried')"),
    ("act_inform", "acts", "act_inform.v9", TEXT, "float",
     "0/1: gives information, instructions, a fix or an answer"),
    ("act_commit", "acts", "act_commit.v9", TEXT, "float",
     "0/1: a concrete visible next step or escalation ('I've passed this on')"),
    ("act_private", "acts", "act_private.v9", TEXT, "float",
     "0/1: pushes to DM/PM/e-mail/phone/chat/form"),
    ("act_link", "acts", "act_link.v9", TEXT, "float",
     "0/1: a generic help/info link only ('for more info visit <link>')"),
    ("act_close", "acts", "act_close.v9", TEXT, "float",
     "0/1: closes or thanks ('thanks for reaching out', 'you're welcome')"),
    ("act_boilerplate", "acts", "act_boilerplate.v9", TEXT, "float",
     "0/1: nothing specific to the customer's message"),
    ("engagement", "acts", "engagement.v9", TEXT, "float",
     "0/1: engages with the specific problem in public (learned blend of n-grams and "
     "the acknowledge/diagnose/inform/commit/... rules, scripts/train_acts.py)"),
    ("recommendation", "recommendation", "recommendation.v2", TEXT, "float",
     "0..1: recommends the brand to others"),
    ("disclosure", "disclosure", "disclosure.v1", TEXT, "float",
     "1 if sponsorship is disclosed (#ad, ...)"),
    ("readability", "readability", "readability.v1", TEXT, "float",
     "Flesch reading ease (higher is easier; 0 for empty text)"),
    ("length", "readability", "length.v1", TEXT, "float",
     "word count (tokens with a letter or digit)"),
    ("language", "language", "language.v2", TEXT, "str",
     'ISO 639-1 language (langid.py); "und" for short or unsure texts unless clearly English'),
    ("resolved", "resolution", "resolved.v1", TEXT, "float",
     "1 if the customer says the problem is fixed"),
    ("persisting", "resolution", "persisting.v1", TEXT, "float",
     "1 if the customer says the problem persists or is angrier (still not working, ...)"),
    ("went_private", "resolution", "went_private.v1", TEXT, "float",
     "1 if the customer says they moved to a private channel (DM sent, I've emailed you)"),
    ("template", "reply_template", "template.v1", TEXT, "str",
     "a brand reply's normalised text for canned-reply matching (signature, names, "
     "links and numbers removed)"),
    ("agent", "reply_template", "agent.v1", TEXT, "str",
     'the agent signature a brand reply ends with ("^RS", "-Katie" -> RS, Katie); "" '
     "when unsigned"),
    ("relevance", "relevance", "relevance.v7", PAIR, "float",
     "0..1: how much a reply addresses the message it answers"),
)  # fmt: skip
