"""self_promotion: probability that an audience comment is spam or self-promotion.

Two parts, combined as ``max(model * length_gate, rules)`` (the rule score is also one input
feature of the model, and the model is trusted only up to 60 words, see :func:`length_gate`):

* a logistic regression over hashed word and char n-grams trained on the TubeSpam YouTube
  comments (scripts/train_signals.py; artefact ``models/self_promotion.{json,npz}``);
* documented rules for first-person promotion, which the YouTube model has never seen in long
  blog-style comments (noisy-OR of cue weights, see :mod:`brandcouch.signals.lexicon`):
  "check out (my|our|this)" 0.6, "subscribe" 0.6, "follow me/us" 0.6, a link 0.35,
  "my/our site|website|platform|portal|channel|app|shop|page|blog" 0.35, "(the|our|this)
  platform/portal/site/app/tool helps|lets|allows|gives|is" 0.5, "it's free"/"free trial"/
  "sign up" 0.5, "founder/CEO" signature 0.5, "visit (my|our)" 0.6, "like and
  subscribe/share" 0.6, "make money/earn $" 0.6.
  A single weak cue (mentioning "my website" in passing) stays below 0.5.
"""

from __future__ import annotations

import numpy as np

from brandcouch.signals.learned import load_model
from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.registry import signal

MODEL_MAX_WORDS = 60.0

_THING = r"(?:site|website|web\s?site|platform|portal|channel|app|shop|store|page|blog|vlog|podcast|startup|company|business|service|product|book|music|song|video|videos|vids?|playlist|stream|account|insta|instagram|twitter|facebook)"
PROMO = Lexicon(
    [
        (r"\bcheck\s+(?:out\s+)?(?:my|our|this|it\s+out|us\s+out)\b|\bcheck\s+out\b", 0.6),
        (r"\bsubscrib(?:e|ers?|ing)\b|\bsub\s+(?:to|4)\b", 0.6),
        (r"\bfollow\s+(?:me|us|my|our)\b", 0.6),
        (r"(?:https?://|www\.)\S+|\b\w+\.(?:com|net|org|io|ly|me|tv)\b", 0.35),
        (rf"\b(?:my|our)\s+(?:new\s+|own\s+|little\s+)?{_THING}\b", 0.35),
        (
            r"\b(?:the|our|this|my)\s+(?:platform|portal|site|website|app|tool|service|product)\s+"
            r"(?:helps|lets|allows|gives|is\s+(?:free|the|a|not)|will\s+help|can\s+help)\b",
            0.5,
        ),
        (r"\bit'?s\s+free\b|\bfree\s+(?:trial|download|sign\s?up)\b|\bsign\s+up\b", 0.5),
        (r"\b(?:ceo|co-?founder|founder)\b", 0.5),
        (r"\bvisit\s+(?:my|our|us)\b", 0.6),
        (r"\blike\s+(?:and|&)\s+(?:subscribe|share)\b|\bplease\s+(?:like|share|subscribe)\b", 0.6),
        (r"\b(?:make|earn)\s+(?:money|\$\s?\d+|cash)\b|\bwork\s+from\s+home\b", 0.6),
    ]
)


def promotion_rules(texts: list[str]) -> np.ndarray:
    return PROMO.score(texts)


@signal(
    "self_promotion",
    version="self_promotion.v1",
    help="probability 0..1 that a comment is spam or self-promotion",
)
def self_promotion(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    rules = promotion_rules(texts)
    model = load_model("self_promotion")
    if model is None:
        return rules
    return np.maximum(model.predict_proba(texts, rules[:, None]) * length_gate(texts), rules)


def length_gate(texts: list[str]) -> np.ndarray:
    """Weight of the YouTube model: 1 up to MODEL_MAX_WORDS words, then MODEL_MAX_WORDS / words.

    99% of the TubeSpam comments have fewer than 86 words and the few long ones are mostly spam,
    so the model reads any long text as spam; beyond its training range only the rules speak.
    """
    words = np.fromiter((len(t.split()) for t in texts), dtype=np.float64, count=len(texts))
    return np.minimum(1.0, MODEL_MAX_WORDS / np.maximum(words, 1.0))
