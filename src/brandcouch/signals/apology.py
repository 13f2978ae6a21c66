"""apology: 0..1, an apology or an acknowledgement of the problem or of the person's feeling.

Strong cues weigh 0.9: "sorry", "apologise/apologize/apology/apologies", "we regret",
"my bad", "our/my mistake|fault|error", "we messed up". Acknowledgement cues weigh 0.6:
"(we) understand ... frustrating/frustration/concern/disappointment", "can imagine",
"that's/sounds frustrating|annoying|disappointing", "not the experience we want",
"not what we want to hear", "we hear you", "not okay/acceptable/ideal", "make this right",
"thanks for letting us know / bringing this to our attention / your patience".
"""

from __future__ import annotations

import numpy as np

from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.registry import signal

_FEEL = r"(?:frustrat\w*|concern\w*|disappoint\w*|upset\w*|annoy\w*|inconvenien\w*|stress\w*|worr\w*|confus\w*|anger|angry)"
APOLOGY = Lexicon(
    [
        (r"\bsorr(?:y|ie|ies)\b|\bsry\b|\bsoz\b", 0.9),
        (r"\bapolog(?:y|ies|ise|ize|ised|ized|ising|izing)\b", 0.9),
        (r"\b(?:we|i)\s+(?:deeply\s+|truly\s+|sincerely\s+)?regret\b|\bregrettabl[ey]\b", 0.9),
        (r"\bmy\s+bad\b|\b(?:our|my)\s+(?:mistake|fault|error|oversight)\b", 0.9),
        (r"\bwe\s+(?:messed|screwed|dropped\s+the\s+ball|got\s+it\s+wrong)\b", 0.9),
        (rf"\b(?:understand|understandable|hear)\b[^.!?]{{0,40}}\b{_FEEL}", 0.6),
        (r"\bcan\s+(?:only\s+|certainly\s+|definitely\s+)?imagine\b", 0.6),
        (
            rf"\b(?:that'?s|that\s+is|this\s+is|it'?s|sounds|must\s+be|must've\s+been|must\s+have\s+been)"
            rf"\s+(?:so\s+|really\s+|very\s+|incredibly\s+|super\s+)?{_FEEL}",
            0.6,
        ),
        (r"\bnot\s+(?:the\s+(?:experience|service|standard|impression)|what)\s+we\b", 0.6),
        (r"\bwe\s+hear\s+you\b|\bhear\s+you\s+on\s+this\b", 0.6),
        (r"\b(?:not|isn't|is\s+not)\s+(?:ok|okay|acceptable|ideal|good\s+enough|right)\b", 0.5),
        (r"\bmake\s+(?:this|it|things)\s+right\b", 0.6),
        (
            r"\bthanks?\s*(?:you\s+)?(?:so\s+much\s+)?for\s+(?:your\s+patience|bearing\s+with|"
            r"letting\s+us\s+know|bringing\s+this|flagging|reporting|the\s+heads[-\s]up|"
            r"making\s+us\s+aware)",
            0.5,
        ),
        (r"\bwe'?(?:re|\s+are)\s+(?:on\s+it|looking\s+into\s+(?:this|it))\b", 0.3),
    ]
)


def apology_scores(texts: list[str]) -> np.ndarray:
    return APOLOGY.score(texts)


@signal(
    "apology",
    version="apology.v1",
    help="0..1: apology or acknowledgement of the problem or the person's feeling",
)
def apology(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return apology_scores(texts)
