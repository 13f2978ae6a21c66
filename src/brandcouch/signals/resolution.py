"""resolved and persisting: what a customer's later message says about their problem.

``resolved`` (0..1): the customer says the problem is gone: "it works now", "working again",
"that worked", "that did it/the trick", "sorted", "fixed", "resolved", "all good", "problem
solved", "back (up and running/online)", "got it (now/working)", "(it/the parcel) arrived",
"received it", "no longer", "all set". A negation or a persisting problem vetoes: "not fixed",
"still not working", "isn't sorted", "hasn't been resolved", "never arrived".

``persisting`` (0..1): the customer says the problem goes on or got worse: "still", "again",
"nothing has (changed/happened/been done)", "useless", "yet another", "no one/nobody (has)
(replied/helped)", "same (problem/issue)", "keeps (happening/crashing)", "(for) the (second/
third/nth) time", "getting worse", "waste of time". Read only in a complaint turn
(``brandcouch.analysis.judgements``): "thanks again" in a thank-you is not persistence.

``went_private`` (0..1): the customer says they moved to a private channel: "I've DM'd you",
"sent you a DM/message/email", "just messaged you", "check your DMs/inbox", "DM sent",
"followed and DM'd", "details sent". Such a turn shows nothing of the outcome (it stays unknown).

All three read the text alone (no parent) and are read by the conversation outcome
(docs/metrics.md, "Conversation judgements").
"""

from __future__ import annotations

import numpy as np

from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.registry import signal

_IT = r"(?:it|this|that|everything|all|the\s+\w+|my\s+\w+|mine)"
RESOLVED = Lexicon(
    [
        (rf"\b{_IT}\s*(?:'s|is|are|'re)?\s*(?:working|works|worked)\b(?!\s+out\s+how)", 0.6),
        (r"\b(?:works?|working)\s+(?:now|again|fine|perfectly|great|properly)\b", 0.9),
        (r"\b(?:that|this|it)\s+(?:worked|did\s+(?:it|the\s+trick))\b", 0.9),
        (r"\bdid\s+the\s+trick\b", 0.9),
        (
            r"\b(?:all|it'?s|it\s+is|that'?s|that\s+is|now|has\s+been|have\s+been|got\s+it|"
            r"been|is|was|are|were|they|you|you've|you\s+have)\s+(?:now\s+)?"
            r"(?:sorted|fixed|resolved|solved)\b",
            0.8,
        ),
        (r"\b(?:sorted|fixed|resolved|solved)\s+(?:now|it|out|thanks?)\b", 0.8),
        (r"\b(?:all|we're|i'm|were|im)\s+(?:good|set)(?:\s+now)?\b", 0.8),
        (r"\bproblem\s+solved\b|\bissue\s+(?:is\s+)?(?:gone|solved|resolved|fixed)\b", 0.9),
        (r"\bback\s+(?:up\s+and\s+running|online|up|to\s+normal|on)\b", 0.7),
        (r"\bgot\s+it\s+(?:now|working|sorted|fixed)\b", 0.8),
        (r"\b(?:it|they|parcel|package|order|refund|item)\s+(?:has\s+|have\s+)?arrived\b", 0.7),
        (r"\b(?:received|got)\s+(?:it|them|my\s+(?:refund|order|parcel|package))\b", 0.7),
        (r"\bno\s+longer\s+(?:an?\s+)?(?:issue|problem|happening)\b", 0.8),
        (r"\bfigured\s+it\s+out\b|\bfound\s+it\b", 0.6),
    ],
    veto=(
        r"\b(?:not|n't|never|no|isn't|hasn't|haven't|wasn't|still\s+not|yet\s+to\s+be)\s+"
        r"(?:\w+\s+){0,2}(?:working|work|worked|fixed|sorted|resolved|solved|arrived|received)\b|"
        r"\bstill\s+(?:not|no|broken|down|waiting|nothing|doesn'?t|isn'?t|won'?t|can'?t)\b|"
        r"\b(?:stopped|stop)\s+working\b|\bnever\s+(?:got|received|arrived)\b|\?\s*$"
    ),
    lowercase=True,
)

PERSISTING = Lexicon(
    [
        (r"\bstill\b", 0.7),
        (r"\bagain\b", 0.6),
        (r"\bnothing\s+(?:has|have|'s|is|was)\b", 0.8),
        (r"\buseless\b|\bwaste\s+of\s+(?:my\s+)?time\b|\bpointless\b|\bjoke\b", 0.7),
        (r"\byet\s+(?:another|again)\b", 0.8),
        (
            r"\b(?:no\s+one|nobody|no\s+body)\s+(?:has\s+)?(?:replied|responded|answered|helped|"
            r"called|got\s+back|gets\s+back|cares)\b",
            0.8,
        ),
        (r"\bsame\s+(?:problem|issue|thing|error|answer|response|reply)\b", 0.7),
        (r"\bkeeps?\s+(?:on\s+)?(?:happening|crashing|failing|dropping|freezing|saying)\b", 0.7),
        (r"\b(?:second|third|fourth|fifth|2nd|3rd|4th|5th|nth|\d+th)\s+time\b", 0.7),
        (r"\b(?:getting|gotten|got)\s+worse\b|\bworse\s+than\b", 0.8),
        (r"\bnot\s+(?:fixed|resolved|sorted|solved)\b|\bdid(?:n'?t| not)\s+(?:work|help)\b", 0.8),
    ],
    veto=r"\bthanks?\s+(?:you\s+)?again\b|\bagain,?\s+thanks?\b",
    lowercase=True,
)


WENT_PRIVATE = Lexicon(
    [
        (r"\b(?:dm|pm)(?:'?e?d|\s+sent)\b", 0.9),
        (
            r"\b(?:sent|send(?:ing)?|dropped|shot)\s+(?:you|u|y'?all)?\s*(?:a\s+|an\s+|the\s+)?"
            r"(?:dm|pm|direct\s+message|private\s+message|message|e-?mail|details|info)\b",
            0.9,
        ),
        (
            r"\b(?:just\s+|have\s+|i'?ve\s+)?(?:messaged|emailed|e-mailed|inboxed)\s+(?:you|u)\b",
            0.8,
        ),
        (r"\bcheck\s+(?:your|ur)\s+(?:dms?|inbox|messages|pms?)\b", 0.8),
        (r"\b(?:followed|following)\s+(?:and|&|&amp;)\s+(?:dm|messag)", 0.8),
        (r"\b(?:done|sent)[.!]*\s*$", 0.5),
        (
            r"\b(?:details|info|information|dm|pm|message|e-?mail|it|number)\s+(?:has\s+been\s+|"
            r"have\s+been\s+|is\s+|are\s+)?sent\b",
            0.8,
        ),
    ],
    lowercase=True,
)


@signal("resolved", version="resolved.v1", help="0..1: the customer says the problem is gone")
def resolved(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return RESOLVED.score(texts)


@signal("persisting", version="persisting.v1", help="0..1: the customer says the problem goes on")
def persisting(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return PERSISTING.score(texts)


@signal(
    "went_private",
    version="went_private.v1",
    help="0..1: the customer says they moved to a private channel",
)
def went_private(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return WENT_PRIVATE.score(texts)
