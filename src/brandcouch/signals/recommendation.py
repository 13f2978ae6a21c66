"""recommendation: 0..1, the writer recommends a brand, product or account to others.

Strong cues (0.9): "I/we/would/highly/definitely... recommend(ed)", "recommend it/this/them/
@x to", "highly recommended", "can't recommend ... enough", "you (all) should/need to/have to/
must try|get|check out|use|switch to|buy|download|follow", "everyone should", "tell your
friends", "spread the word", "must-have". Weaker cues (0.5): "switched/switch to", "best ...
ever", "10/10", "5 stars", "worth every penny/it", "go-to". A negated recommendation
("wouldn't recommend", "do not recommend", "never recommend") vetoes the score.

v2 (false positives on the demo corpus: "which would you recommend?" 0.9, "don't switch to
Nimbus" 0.5). A recommendation is the author recommending something to others, so:

* **questions do not count**: the text is split into sentences (after ``.``, ``!``, ``?`` or a
  line break) and a sentence that asks is dropped before the cues are matched -- one that ends
  with ``?``, or opens with which/what/who/where/how/any(one)/is there, or with an auxiliary and
  a subject ("would you", "can anyone", "does it"; "Would recommend!" has no subject and
  stays). "Which laptop would you recommend under $500? Thanks" -> 0; "Is it worth it?" -> 0;
* **anti-recommendations veto**: besides "wouldn't recommend", "don't / do not / never /
  wouldn't / shouldn't switch|move|go|buy|get|try|use|order|bother|sign up|join|waste" (but
  not "never go anywhere else / back"), "avoid", "stay away", "steer clear", "not worth",
  "save yourself", "do yourself a favo(u)r and don't". "@sam don't switch to Nimbus, trust
  me" -> 0;
* new cues: "@friend go to ..." at the start of a message 0.6; "best ... in town / in the city /
  around" 0.5.
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.re2filter import candidates
from brandcouch.signals.registry import signal

_DO = r"(?:try|get|check\s+out|use|switch\s+to|buy|download|follow|visit|go\s+to|watch|read|order)"
_NEGATED_RECOMMEND = (
    r"\b(?:not|never|wouldn'?t|would\s+not|don'?t|do\s+not|won'?t|will\s+not|couldn'?t|"
    r"could\s+not|cannot|can'?t|doesn'?t|didn'?t|no\s+longer|hardly)\s+(?:\w+\s+){0,2}"
    r"recommend(?!\s+(?:\w+\s+){0,3}enough)\b"
)
_ANTI_RECOMMEND = (
    r"\b(?:don'?t|do\s+not|never|wouldn'?t|would\s+not|shouldn'?t|should\s+not)\s+"
    r"(?:ever\s+|even\s+|bother\s+to\s+)?(?:switch|move|go|buy|get|try|use|order|bother|"
    r"sign\s+up|join|waste|shop)\b(?!\s+(?:\w+\s+)?(?:anywhere\s+else|elsewhere|back)\b)|"
    r"\bavoid\b|\bstay\s+(?:away|clear)\b|\bsteer\s+clear\b|\bnot\s+worth\b|"
    r"\bsave\s+yourself\b|\bdo\s+yourself\s+a\s+favou?r\s+and\s+(?:don'?t|avoid|skip)\b"
)
RECOMMENDATION = Lexicon(
    [
        (
            r"\b(?:i|i'd|i'll|we|we'd|would|highly|totally|definitely|strongly|really|def|deffo|"
            r"100%|always|gladly)\s+(?:\w+\s+)?recommend(?:s|ed)?\b",
            0.9,
        ),
        (r"\brecommend(?:s|ed)?\s+(?:it|this|that|them|him|her|@\w+|\w+\s+to\b)", 0.9),
        (r"\bhighly\s+recommended\b|\bcan'?t\s+recommend\s+(?:\w+\s+){0,3}enough\b", 0.9),
        (
            rf"\byou\s+(?:all\s+|guys\s+)?(?:should|need\s+to|have\s+to|gotta|must)\s+(?:\w+\s+)?{_DO}\b",
            0.9,
        ),
        (rf"\b(?:everyone|everybody|y'?all)\s+(?:should|needs?\s+to|has\s+to)\s+{_DO}\b", 0.9),
        (r"\btell\s+(?:all\s+)?(?:your|my|ur)\s+friends\b|\bspread\s+the\s+word\b", 0.9),
        (r"\bmust[-\s]have\b", 0.7),
        (r"\b(?:switch(?:ed)?|mov(?:ed|e))\s+to\s+@?\w+", 0.5),
        (r"\bbest\s+(?:\w+\s+){1,2}ever\b", 0.5),
        (r"\bbest\s+(?:[\w'-]+\s+){0,3}(?:in\s+(?:town|the\s+city|the\s+area)|around)\b", 0.5),
        (r"\b10\s*/\s*10\b|\b(?:5|five)\s+stars?\b", 0.5),
        (r"\bworth\s+(?:every\s+penny|it|the\s+(?:money|price|wait))\b", 0.5),
        (r"\bgo-?to\s+(?:place|app|brand|shop|store|spot)\b", 0.5),
    ],
    veto=f"{_NEGATED_RECOMMEND}|{_ANTI_RECOMMEND}",
)

# matched with .match() at the start only, outside the lexicon's alternation (which it slows)
_FRIEND_GO_TO = re.compile(
    r"\s*(?:@\w+[\s,:]+)+(?:just\s+|you\s+(?:should\s+|need\s+to\s+|have\s+to\s+)?)?"
    r"go\s+to\s+(?!hell\b|bed\b|sleep\b)",
    re.IGNORECASE,
)
FRIEND_GO_TO_WEIGHT = 0.6
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_ASKS = re.compile(
    r"\?\W*$|^\W*(?:@\w+\W+)*(?:which|what(?!\s+an?\b)|who|where|how(?!\s+(?:good|great|"
    r"amazing|nice|lovely)\b)|any(?:one|body)?|is\s+there|"
    r"(?:can|could|would|should|do|does|did|is|are|will|has|have)\s+(?:you|u|anyone|anybody|"
    r"someone|somebody|y'?all|people|i|we|they|it|this|that|the|their|there))\b",
    re.IGNORECASE,
)


def drop_questions(text: str) -> str:
    """``text`` without the sentences that ask (see the module docstring)."""
    if not text or not RECOMMENDATION.any.search(text):
        return text or ""  # no cue at all: nothing to drop
    return " ".join(s for s in _SENTENCE_END.split(text) if s and not _ASKS.search(s))


@signal("recommendation", version="recommendation.v2", help="0..1: recommends the brand to others")
def recommendation(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    docs = [t or "" for t in texts]
    # drop_questions changes only texts with a cue: the others are ruled out by RE2 (exact)
    cand = candidates(RECOMMENDATION.any, docs)
    for i in range(len(docs)) if cand is None else cand:
        docs[i] = drop_questions(docs[i])
    scores = RECOMMENDATION.score(docs)
    go_to = np.fromiter(
        (bool(t) and t.startswith("@") and _FRIEND_GO_TO.match(t) is not None for t in texts),
        dtype=bool,
        count=len(texts),
    )
    scores[go_to] = 1.0 - (1.0 - scores[go_to]) * (1.0 - FRIEND_GO_TO_WEIGHT)
    veto = RECOMMENDATION.veto
    for i in np.flatnonzero(scores):  # an anti-recommendation anywhere, questions included
        if veto is not None and veto.search(texts[i]):
            scores[i] = 0.0
    return scores
