"""recommendation: 0..1, the writer recommends a brand, product or account to others.

Strong cues (0.9): "I/we/would/highly/definitely... recommend(ed)", "recommend it/this/them/
@x to", "highly recommended", "can't recommend ... enough", "you (all) should/need to/have to/
must try|get|check out|use|switch to|buy|download|follow", "everyone should", "tell your
friends", "spread the word", "must-have". Weaker cues (0.5): "switched/switch to", "best ...
ever", "10/10", "5 stars", "worth every penny/it", "go-to". A negated recommendation
("wouldn't recommend", "do not recommend", "never recommend") vetoes the score.
"""

from __future__ import annotations

import numpy as np

from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.registry import signal

_DO = r"(?:try|get|check\s+out|use|switch\s+to|buy|download|follow|visit|go\s+to|watch|read|order)"
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
        (r"\b10\s*/\s*10\b|\b(?:5|five)\s+stars?\b", 0.5),
        (r"\bworth\s+(?:every\s+penny|it|the\s+(?:money|price|wait))\b", 0.5),
        (r"\bgo-?to\s+(?:place|app|brand|shop|store|spot)\b", 0.5),
    ],
    veto=(
        r"\b(?:not|never|wouldn'?t|would\s+not|don'?t|do\s+not|won'?t|will\s+not|couldn'?t|"
        r"could\s+not|cannot|can'?t|doesn'?t|didn'?t|no\s+longer|hardly)\s+(?:\w+\s+){0,2}"
        r"recommend(?!\s+(?:\w+\s+){0,3}enough)\b"
    ),
)


@signal("recommendation", version="recommendation.v1", help="0..1: recommends the brand to others")
def recommendation(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return RECOMMENDATION.score(texts)
