"""What a customer's later message says about the outcome of a care conversation.

Three audience-side signals (0 or 1), read by the conversation judgements
(:mod:`brandcouch.analysis.judgements`: ``outcome`` better / same / worse / unknown) and
documented with their evaluation in docs/signals.md, "Outcome":

* ``resolved`` -- the customer says the problem is fixed or thanks for help that worked:
  "it's working now", "that fixed it", "already fixed! thank you", "problem solved", "all
  sorted", "that did the trick", "I got my refund", "thanks for your help", "解決しました";
* ``persisting`` -- the problem persists or the customer is angrier: "still not working",
  "still no refund", "I did. No response", "already tried that", "unacceptable", "useless",
  "I've cancelled my order", "switching to …", "another airline", "Hello???";
* ``went_private`` -- the customer moved to a private channel: "DM sent", "I've DMed you",
  "sending you a DM now", "replied via direct message", "check your DMs".

A negation before a resolution ("not fixed", "hasn't been resolved") is a persisting problem,
not a resolution.
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.registry import signal
from brandcouch.signals.textutil import regex_flags

_NEG = r"(?:not|n't|never|no\s+longer|isnt|wasnt|hasnt|havent|didnt|doesnt)"
_DONE = r"(?:fixed|sorted(?:\s+out)?|resolved|solved|working|works|back\s+(?:up|on|online)|received|arrived)"
RESOLVED_RE = re.compile(
    r"\b(?:it['’]?s|it\s+is|that['’]?s|that\s+is|this\s+is|all|everything(?:['’]s)?|issue|problem|"
    r"all\s+good|now|finally)\s+(?:been\s+|now\s+|all\s+|already\s+|finally\s+)*"
    rf"{_DONE}\b|"
    r"\b(?:already|finally|got\s+it|managed\s+to\s+get\s+it|i['’]?ve|i\s+have|i|we)\s+"
    r"(?:\w+\s+)?(?:fixed|sorted|solved|resolved)\s+(?:it|this|that|the)\b|"
    r"\b(?:already|now|finally|all|got\s+it)\s+(?:been\s+)?(?:fixed|sorted|resolved|solved)\b|"
    r"\b(?:nice|kind|friendly|great|quick)\s+(?:&amp;|&|and)\s+helpful\b|"
    r"\bfixed\s+it\b|\bproblem\s+solved\b|\ball\s+(?:good|sorted|set|fixed)\b|"
    r"\b(?:that|this|it)\s+(?:worked|did\s+(?:it|the\s+trick))\b|\bworks\s+(?:now|again|fine)\b|"
    r"\b(?:was|were)\s+able\s+to\b|\bmanaged\s+to\b|"
    r"\bworking\s+(?:now|again|fine)\b|\bup\s+and\s+running\b|"
    r"\b(?:got|received|have)\s+(?:my|the)\s+(?:refund|order|package|parcel|item|money|credit|"
    r"replacement|delivery)\b|\b(?:refund|package|parcel|order)\s+(?:has\s+)?(?:arrived|came)\b|"
    r"\b(?:thanks?|thank\s+you|cheers|ty)\s+(?:so\s+much\s+|very\s+much\s+)?(?:for\s+)?"
    r"(?:all\s+)?(?:your|the)\s+(?:help|assistance|quick\s+(?:help|response|reply))\b|"
    r"\b(?:very|super|really|so)\s+helpful\b|\bwas\s+(?:very\s+|really\s+|so\s+)?helpful\b|"
    r"\bthat\s+(?:helps|helped)\b|"
    r"解決しました|解決できました|直りました",
    re.IGNORECASE,
)
NEGATED_RE = re.compile(
    rf"\b{_NEG}\s+(?:\w+\s+)?(?:been\s+)?(?:fixed|sorted|resolved|solved|working|received|"
    r"arrived|helpful|able)\b|\bno\s+help\b",
    re.IGNORECASE,
)
PERSISTING_RE = re.compile(
    r"\bstill\s+(?:not|no|nothing|none|haven'?t|hasn'?t|hadn'?t|can'?t|cannot|couldn'?t|"
    r"don'?t|doesn'?t|didn'?t|isn'?t|aren'?t|won'?t|wont|waiting|having|getting|charg\w*|"
    r"broken|down|failing|happening|the\s+same|an?\s+issue|a\s+problem|unable|stuck|"
    r"missing|nobody|no\s*one)\b|"
    r"\b(?:no|zero|never\s+got\s+a|haven'?t\s+had\s+a|didn'?t\s+get\s+a|without\s+a)\s+"
    r"(?:response|reply|answer|call\s*back|callback|update|resolution)\b|"
    r"\b(?:nobody|no\s*one)\s+(?:has\s+)?(?:got|gets|get|gotten|called|replied|responded|"
    r"contacted|helped)\b|"
    r"\balready\s+(?:did|tried|done|have|called|contacted|sent|dm['’]?e?d|messaged|spoke|replied|"
    r"responded|told|explained|gave|given|provided)\b|"
    r"\b(?:multiple|several|many|countless|numerous|\d+)\s+times\b|\bnot\s+showing\b|"
    r"\b(?:pointless|fed\s+up|sick\s+of|tired\s+of|waste\s+of\s+(?:my\s+)?time)\b|"
    r"\bi\s+(?:did|tried\s+that|have\s+tried|'ve\s+tried)\b[^.!?]{0,20}[.!]\s*(?:no|nothing|still)\b|"
    r"\b(?:unacceptable|ridiculous|useless|pathetic|disgrace(?:ful)?|appalling|joke|"
    r"incompetent|worst|terrible|horrible|awful)\b|"
    r"\b(?:cancel(?:led|ed|ling)?|closing)\s+(?:my|the)\s+(?:order|account|subscription|contract|"
    r"membership|service|prime)\b|"
    r"\b(?:switch(?:ing|ed)?|mov(?:ing|ed)|go(?:ing|ne)|leav(?:ing|e))\s+(?:over\s+)?to\s+"
    r"(?:another|a\s+different|@?\w+\s+instead)\b|"
    r"\b(?:another|a\s+different|new)\s+(?:airline|provider|carrier|bank|company|network)\b|"
    r"\b(?:gone|going)\s+to\s+(?:best\s+buy|a\s+competitor|@\w+)\b|"
    r"\bdone\s+with\s+(?:you|this|your)\b|\bnever\s+again\b|"
    r"\b(?:hello|anyone|anybody|hey)\s*\?{2,}|\?{3,}|"
    r"\b(?:again|yet\s+again|once\s+again)\s*[.!?]*$",
    re.IGNORECASE,
)
WENT_PRIVATE_RE = re.compile(
    r"\b(?:dm|pm|message|email|e-mail)\s+(?:has\s+been\s+|was\s+)?sent\b|"
    r"\b(?:i'?ve|i\s+have|i|just|have|has|already)\s+(?:just\s+|already\s+)?"
    r"(?:dm['’]?e?d|pm['’]?e?d|messaged|direct\s+messaged|emailed|e-mailed|inboxed)\b|"
    r"\b(?:sent|sending|send|sended)\s+(?:you\s+|u\s+)?(?:a\s+|an\s+|the\s+|my\s+)?"
    r"(?:dm|pm|direct\s+message|private\s+message|message|email|e-mail|details)\b|"
    r"\b(?:replied|responded|answered|wrote)\s+(?:to\s+you\s+)?(?:via|in|by|through|on)\s+"
    r"(?:a\s+)?(?:dm|pm|direct\s+message|private\s+message|email|e-mail)s?\b|"
    r"\bcheck\s+(?:your|ur)\s+(?:dms?|inbox|messages)\b|\b(?:dm|pm)['’]?e?d\s+(?:you|u)\b|"
    r"\bjust\s+(?:dm|pm)\b|\bin\s+(?:your|ur)\s+(?:dms?|inbox)\b",
    re.IGNORECASE,
)


def _flags(pattern: re.Pattern, texts: list[str]) -> np.ndarray:
    flags = regex_flags(pattern, texts)  # RE2 pre-filter, exact
    flags[[i for i, t in enumerate(texts) if not t]] = 0.0
    return flags


@signal("resolved", version="resolved.v1", help="1 if the customer says the problem is fixed")
def resolved(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return _flags(RESOLVED_RE, texts) * (1.0 - _flags(NEGATED_RE, texts))


@signal(
    "persisting",
    version="persisting.v1",
    help="1 if the customer says the problem persists or is angrier (still not working, ...)",
)
def persisting(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return np.maximum(_flags(PERSISTING_RE, texts), _flags(NEGATED_RE, texts))


@signal(
    "went_private",
    version="went_private.v1",
    help="1 if the customer says they moved to a private channel (DM sent, I've emailed you)",
)
def went_private(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return _flags(WENT_PRIVATE_RE, texts)
