"""deflection: 0..1, pushes the conversation to a private channel without engaging with it.

**v10**: the same formula over the acts.v8 signals (issue 13, tenth pass; docs/judgements/
tenth_pass.md; families read on the training rows' errors, including the 169 rows of
labels/acts_more5.csv). New pushes without a channel word: identifier requests in a
multi-part reply ("Could I also ask you to forward some details so we may log it on our
system? 2/4", "I'll need the bottom most row of digits on your receipt 3/3", "can you please
confirm your email address?") and push follow-ups ("Once you've sent it we'll take a look",
"Let us know once you've sent it"); "Let us know the results in DM" is the push, not a
diagnostic request. Not deflections any more: a DM request for the error itself ("direct
message us with any error details that are occurring", diagnostic) and routing to the team
that does the named task ("if you would like to cancel a pre-order, you can reach out to our
chat team here", information).

**v9**: the same formula over the acts.v7 signals (issue 13, seventh pass; docs/judgements/
seventh_pass.md; families read on the training rows' errors, including the 250 rows of
labels/acts_more4.csv, and on unlabelled twcs_head5000 replies). New pushes: "Let us know and
we'll continue from there <link>" / "… and we will continue our conversation there", "When is
the best time to reach you?", "recommend contacting <X> here: <link>", "please share this with
<form>", "include your details here: <link>", "phone or chat use this link", "you can also
request a call back here", "did you write to us at the link?", and the rubric's channels in new
spellings ("by calling …", "privately", "to chat with an agent", "get in contact with our …
team", "at the number provided", "send your details via the link", "our team at 1-800-…").
In a push, the stock "I'm sorry for the wait/delay!" no longer counts as naming the problem.
Not pushes any more: "Send a DM if you ever need us" under praise, Spanish "nos hayas
contactado" (thanks for a past contact).

**v8**: the same formula over the acts.v6 signals (issue 13, sixth pass; docs/judgements/
sixth_pass.md; families read on the training rows' errors, including the 119 train rows of the
fresh labels/acts_more3.csv, and on unlabelled twcs_head5000 replies). New pushes: "I require
your full name, address and email", Wells Fargo's "without sharing account numbers" / "(no
account number)", "Pls follow/DM", "contact our security teams"; pushes worded as advice ("We
suggest you to get in touch with our Answer desk team", "I suggest that you call 1-800-…",
"We'd recommend reaching out to the chat team here"), behind a condition ("If you can't
recover it, please reach out to us here …", "If you care to share details, please follow and
DM") or as a question ("are you able to send over a DM …?"), and the stock "We offer support
via Twitter in English" are deflections. Not pushes any more: open invitations once settled
("If you have any further concerns please reach out to us.", "Feel free to contact us for
assistance in the future"), a contact already made ("you've been able to contact our
Executive Club team"), "We've let our team know". Pushes that also inform ("You still have to
open a claim through eBay", "We have updated our terms", "It is showing that this package was
left at the front door", "If a product is reduced then …", "Sounds like your account may have
been compromised"), ask ("DM me when you visited the store") or commit ("I will give you a call
at the number you previously sent") are not deflections.

**v7**: the same formula over the acts.v5 signals (issue 13, fifth pass; docs/judgements/
fifth_pass.md): pushes to "look into this with you here: <form>", "follow & DM @Brand",
"chat securely with me"; a step promised after a comma inside the push is conditional ("DM
us your booking number, we'll fix it"); "if you can DM us here, …", "select the following link
to join us in a DM" and "can you shoot us a DM?" are the push, not information or a diagnostic
question; "we want you to have a great experience" and "arrived this way" name no problem.
Pushes that also answer ("you shouldn't have received …", "this offer ended on …"), ask a
diagnostic question ("did you receive an email …?") or act ("I am submitting the request")
are not deflections. (**v6** was the v5 formula over acts.v4.)

**v5**: the same formula, ``deflection = act_private * (1 - engagement)``, over the v3 act
signals (issue 13, third pass; rules read on the cross-validated errors of 829 training
replies): ``act_private.v3`` also sees pushes that name no channel ("We're awaiting your
response … provide the same within next 24 hrs", "send us your full name/ZIP/phone", "click
here to provide …", "check your mailbox") and no longer counts open invitations at the end of a
resolved exchange ("If you ever need us again, give us a shout", "Don't hesitate to reach out
if you have any questions"); ``engagement.v3`` is the learned model retrained on 829 replies
at its CV-chosen threshold (0.35), and on a push it is the engagement rules OR the model
(``acts.PUSH_MODES`` "rules_or"), so a push that also acknowledges the specific problem ("I
want to make sure your charges are correct. Please DM me …") or commits ("We'll call you
shortly") is not a deflection.

**v4**: the same formula as v3, ``deflection = act_private * (1 - engagement)``, over the v2 act
signals: ``act_private.v2`` (the v3 push plus requests for identifying details, "send us
details with your name/ZIP/phone", "reach out to me") and ``engagement.v2``, a learned 0..1
blend of hashed n-grams and the act rules (``scripts/train_acts.py``) published 0/1 at its
0.5 threshold, so deflection stays 0/1.

**v3**: ``deflection = act_private * (1 - engagement)`` (``brandcouch.signals.acts``). The push
is ``act_private``: every v2 cue below plus any "DM"/"direct message" that is not a definition
or another handle ("just sent a DM your way", "take this to DM", "shoot us a DM", "check your
DMs"), "send us a note", "tell us more here", "reach us here: <link>", "phone us". A push that
also engages with the problem (acknowledges it specifically, asks a diagnostic question,
informs, or commits to a step: ``engagement``) is not a deflection: "Which iOS version are you
on? Let us know in DM" -> 0. An apology alone no longer cancels it (v2 did): "So sorry for the
trouble, please DM us" -> 1, because labels/acts.md counts that as private + boilerplate.

v2 cues (``PRIVATE_PUSH_RE``, ``CHANNEL_PUSH_RE``, still part of the push): "DM us", "send us a
DM/PM/direct message/private message/email", "via/by/in/through DM|email|phone|chat",
"email/call/phone/text/message us", "give us a call", "reach out to us at/via", "contact our
... team/support", "chat with us", "follow and DM", "in (our) DMs"; e-mail addresses ("email
support@…", "write to us at …@…"), phone numbers ("call us at 1-800-…"), "contact customer
service/support/helpdesk", live chat / "message us", and web forms or tickets ("fill in the
form at …"). ``private_push_v2`` is the v2 push, kept for comparisons.
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.registry import signal

_CHANNEL = r"(?:dm|pm|direct\s+message|private\s+message|e-?mail|phone|chat|inbox|private)"
PRIVATE_PUSH_RE = re.compile(
    r"\b(?:dm|pm|d\.m\.)\s*(?:us|me)\b|"
    r"\bsend\s+(?:us|me)\s+(?:a\s+|an\s+)?(?:quick\s+)?(?:dm|pm|direct\s+message|private\s+message|"
    r"message|note|e-?mail|line)\b|"
    rf"\b(?:via|by|in|through|over|using|on)\s+(?:a\s+|an\s+)?{_CHANNEL}s?\b|"
    r"\b(?:direct|private)\s+message\b|"
    r"\b(?:e-?mail|call|phone|ring|text|message|contact|inbox)\s+us\b|"
    r"\bgive\s+us\s+a\s+(?:call|ring|shout)\b|"
    r"\breach\s+(?:out\s+)?(?:to\s+)?us\s+(?:at|via|by|on|through|directly|privately)\b|"
    r"\b(?:contact|call|reach\s+out\s+to|get\s+in\s+touch\s+with|speak\s+(?:to|with)|talk\s+to)"
    r"\s+(?:our|the)\s+(?:\w+\s+){0,2}(?:team|support|specialists?|department|agents?|advisors?)\b|"
    r"\bchat\s+with\s+(?:us|our|one)\b|"
    r"\bfollow\s+(?:us\s+)?(?:and|&|&amp;)\s+dm\b|"
    r"\b(?:our|the|your|in|check\s+(?:your|our))\s+dms?\b|"
    r"\bslide\s+into\s+(?:our|the)\s+dms?\b",
    re.IGNORECASE,
)

# v2: pushes by e-mail address, phone number, support line, chat and web form
_EMAIL_ADDRESS = r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_PHONE = r"(?:\+?\(?\d[\d\s().-]{6,}\d|\b1-8\d\d-[\w-]+|\b0800\b)"
_SUPPORT_LINE = (
    r"(?:customer\s+(?:service|care|support|relations)|(?:tech(?:nical)?\s+)?support|help\s?desk|"
    r"hotline|helpline|call\s+cent(?:er|re)|care\s+team|service\s+desk)"
)
CHANNEL_PUSH_RE = re.compile(
    rf"\b(?:e-?mail|write|send|mail|contact|reach|drop)\b[^.!?\n]{{0,40}}?{_EMAIL_ADDRESS}|"
    r"\b(?:write|drop)\s+(?:to\s+)?us\b|\bdrop\s+us\s+(?:a|an)\s+(?:line|note|e-?mail|message)\b|"
    rf"\b(?:call|ring|phone|dial|contact|reach|text)\b[^.!?\n]{{0,40}}?{_PHONE}|"
    r"\b(?:contact|call|ring|phone|reach(?:\s+out\s+to)?|get\s+in\s+touch\s+with|speak\s+(?:to|with)|"
    rf"talk\s+to)\s+(?:our\s+|the\s+|your\s+)?(?:(?!with\b)\w+\s+)?{_SUPPORT_LINE}\b|"
    r"\b(?:start|open|use|try|hop\s+on(?:to)?|through|via)\s+(?:a\s+|our\s+|the\s+)?live\s+chat\b|"
    r"\b(?:start|open)\s+a\s+chat\b|\bmessage\s+(?:us|our\s+team)\b|"
    r"\buse\s+(?:the|our)\s+(?:contact|support|help|web|online)\s+form\b|"
    r"\b(?:fill\s+(?:in|out)|complete|submit)\s+(?:the\s+|our\s+|this\s+|a\s+)?(?:\w+\s+){0,2}?"
    r"(?:form|ticket)\b(?!\s+(?:builder|fields?|design))|"
    r"\bfill\s+(?:the|our|this)\s+(?:\w+\s+){0,2}?form\b|"
    r"\b(?:open|raise|log|submit)\s+a\s+(?:support\s+)?(?:ticket|case|request)\b",
    re.IGNORECASE,
)


def private_push(texts: list[str]) -> np.ndarray:
    """1.0 where the text points the person to a private channel, else 0.0 (v3: ``act_private``)."""
    from brandcouch.signals.acts import ACTS, act_matrix

    return act_matrix(texts)[:, ACTS.index("private")].copy() if texts else np.zeros(0)


def private_push_v2(texts: list[str]) -> np.ndarray:
    """deflection.v2's push: the two regexes above only (kept for bench comparisons)."""
    search, search_channel = PRIVATE_PUSH_RE.search, CHANNEL_PUSH_RE.search
    return np.fromiter(
        (1.0 if t and (search(t) or search_channel(t)) else 0.0 for t in texts),
        dtype=np.float64,
        count=len(texts),
    )


@signal(
    "deflection",
    version="deflection.v11",
    help="0..1: pushes to a private channel (act_private) without engaging with the problem",
)
def deflection(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    from brandcouch.signals.acts import ACTS, act_matrix

    if not texts:
        return np.zeros(0)
    m = act_matrix(texts)
    return m[:, ACTS.index("private")] * (1.0 - m[:, len(ACTS)])
