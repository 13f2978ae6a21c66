"""gratitude: 0..1, thanks or praise addressed to someone.

Strong cues (thanks/thank you/thx/ty, appreciate, grateful, kudos, "saved my day",
"lifesaver", "you rock", "you're the best", "much appreciated", 🙏) weigh 0.9; praise cues
("great job/service/article", "well done", "love it", "so helpful", ❤/😍) weigh 0.5; "cheers"
weighs 0.6. Sarcasm vetoes: "thanks for nothing", "no thanks", "thanks a lot for nothing".
"""

from __future__ import annotations

import numpy as np

from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.registry import signal

_PRAISED = (
    r"(?:job|work|service|support|team|help|experience|article|post|piece|read|product|app|"
    r"food|staff|crew|customer service|stuff|content|video|news|idea|point|advice|answer)"
)
GRATITUDE = Lexicon(
    [
        (r"\bthank(?:s+|\s*(?:yo)?u|\s*ya|ing)?\b", 0.9),
        (r"\b(?:thx|thnx|thnks|tnx|ty|tysm|tyvm)\b", 0.9),
        (r"\b(?:appreciate[sd]?|appreciating|appreciation|grateful|gratitude|kudos)\b", 0.9),
        (r"\b(?:saved|made)\s+my\s+(?:day|life|week|night|morning|evening|weekend)\b", 0.9),
        (r"\blife\s?savers?\b", 0.9),
        (
            r"\byou(?:\s+guys|\s+all)?\s+(?:rock|rule|are\s+(?:the\s+best|awesome|amazing|great))\b",
            0.9,
        ),
        (r"\byou'?re\s+(?:the\s+best|awesome|amazing|a\s+star|great)\b", 0.9),
        (r"🙏", 0.9),
        (r"\bcheers\b", 0.6),
        (
            rf"\b(?:great|awesome|amazing|excellent|fantastic|brilliant|superb|outstanding|"
            rf"wonderful|perfect|impressive|stellar|fab|lovely|nice|good)\s+{_PRAISED}\b",
            0.5,
        ),
        (
            r"\b(?:well\s+done|bravo|good\s+on\s+(?:you|ya)|hats\s+off|props\s+to|shout\s?out\s+to)\b",
            0.5,
        ),
        (r"\b(?:so|very|super|really|extremely)\s+helpful\b", 0.5),
        (r"\blove\s+(?:it|this|that|you|your|the|my|these|how)\b", 0.5),
        (r"\b(?:i|we)\s+(?:so\s+|really\s+)?enjoy(?:ed)?\b", 0.4),
        (r"[❤😍🥰💕💙💚💜🧡💛]", 0.4),
    ],
    veto=(
        r"\bthanks?\s+(?:a\s+lot\s+|so\s+much\s+|again\s+)?for\s+nothing\b|\bno\s+thanks?\b|"
        r"\bthanks?\s+but\s+no\b|\bthanks?\s+for\s+(?:wasting|ruining|the\s+(?:lack|runaround))\b"
    ),
)


@signal("gratitude", version="gratitude.v1", help="0..1: thanks or praise")
def gratitude(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return GRATITUDE.score(texts)
