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

v2 (false positives found on the demo corpus: "No signal at all in Lakeview for 3 days now. I
work from home." 0.97, "Deleting my comment won't fix my internet." 0.56, "Love this, thank you
for sharing! You made my day." 0.61). Self-promotion means the author promotes THEIR OWN thing;
a complaint about, a question to, or thanks to the brand is not. Two documented changes:

* the rule score in the max is :data:`PROMO_V2` = v1 cues with "work from home" counted only
  as an offer ("work from home and earn", "work-from-home jobs"), not "I work from home", plus
  "DM me" / "click (the link|here)" / "link in (my) bio" / "giveaway" / "my bio|profile" cues.
  The model's input feature stays the v1 rule score (:func:`promotion_rules`) so the shipped
  artefact is unchanged;
* :func:`service_guard`: when the text has no promotional cue at all (``PROMO_V2 == 0``: no
  link, no "my/our channel|site|page|bio...", no call to check out/subscribe/follow/visit/
  click/DM me, no money-making offer, no founder signature) but has a service cue -- a
  complaint cue (:data:`SERVICE_RE`: "please sort this out", "still charging", "no signal",
  "won't fix", "broken", "on hold"...), gratitude or a recommendation of someone else's thing
  (:data:`THANKS_RE`: "thank you", "made my day", "I recommend the decaf from Harbor Coffee" --
  v1 0.59) or a question ("?", "can I / how do ...") -- the model score is multiplied by
  ``SERVICE_DAMP = 0.3`` (so at most 0.3, below every 0.5 threshold). Texts without a service
  cue keep the v1 score, so spam with no explicit cue is still found by the model.

v3 (issue 13: 658 of 2,778 TWCS customer tweets scored >= 0.5; "@AppleSupport Yes.
https://t.co/..." 0.99). A bare link or attached media is not promotion; the model's score needs
an own promotional cue or a non-care context to stand (:func:`combine`):

* :data:`CARE_MASK` (always) and :data:`TWEET_MASK` (in a text with a @handle) blank the care
  phrases that share words with promotion before the rules and the own-cue check: "self
  check-out", "check (out) my account/order/DMs/bag", "my account/order/bill/...", "premium
  subscriber", "I (don't) subscribe", "tried to sign up", "a free trial", "your CEO"; in a tweet
  also "can you DM/follow me", "check it out", "my app/music/playlist/song/profile", any
  "subscribe"/"sign up" not pointing at the author's own ("subscribe to my ..."), "you can make
  money", "the giveaway";
* :data:`PLUG_CUE` (0.6, on the unmasked text): asking someone to promote / feature / playlist
  one's own music or work, "add our track to a playlist", "what I've done as a producer";
* :func:`care_guard` (replaces service_guard in the signal): the model's weight is SERVICE_DAMP
  when the text has no own cue (:func:`own_promotion`: any PROMO_V2 cue except the link, on the
  masked text, or a PLUG_CUE) and either addresses or mentions a @handle, or has a service cue
  and no rule cue (v2's rule, with trailing t.co links -- attached media -- not counted as a cue,
  and a "?" inside a URL not counted as a question);
* the rules in the max are :func:`rules_v3` (PROMO_V2 on the masked text, noisy-OR PLUG_CUE).
  The model's input feature stays the v1 rule score, so the artefact is unchanged.
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.learned import load_model
from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.registry import signal

MODEL_MAX_WORDS = 60.0

_THING = r"(?:site|website|web\s?site|platform|portal|channel|app|shop|store|page|blog|vlog|podcast|startup|company|business|service|product|book|music|song|video|videos|vids?|playlist|stream|account|insta|instagram|twitter|facebook)"
_V1_CUES = [
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
]
_MONEY_V1 = r"\b(?:make|earn)\s+(?:money|\$\s?\d+|cash)\b|\bwork\s+from\s+home\b"
# v1 rule score: also an input feature of the shipped model, so it must not change
PROMO = Lexicon([*_V1_CUES, (_MONEY_V1, 0.6)], lowercase=True)

# v2: "I work from home" is a circumstance, not an offer; a few more calls to action
_MONEY_V2 = (
    r"\b(?:make|earn)\s+(?:money|\$\s?\d+|cash)\b|"
    r"\bwork(?:ing)?[-\s]from[-\s]home\s+(?:and|jobs?|opportunit\w*|business|income)\b|"
    r"(?:\bjobs?|\bearn\w*|\bincome|\bmoney)\s+(?:\w+\s+){0,3}(?:working\s+)?from\s+home\b"
)
PROMO_V2 = Lexicon(
    [
        *_V1_CUES,
        (_MONEY_V2, 0.6),
        (r"\b(?:dm|pm|message|text)\s+me\b|\bclick\s+(?:the\s+link|here|my|on\s+my)\b", 0.6),
        (r"\blink\s+in\s+(?:my\s+)?(?:bio|profile)\b|\bgive-?aways?\b", 0.6),
        (r"\b(?:my|our)\s+(?:bio|profile|profile\s+link)\b", 0.35),
    ],
    lowercase=True,
)

#: complaint cues about the brand's service (a complaint is not a promotion)
SERVICE_RE = re.compile(
    r"\bsort\s+(?:this|it)\s+out\b|\b(?:still|keep|kept)\s+(?:\w+\s+)?(?:charging|billing|"
    r"waiting|down|broken)\b|\bno\s+(?:signal|service|internet|connection|reply|response|one)\b|"
    r"\b(?:won'?t|doesn'?t|didn'?t|don'?t|isn'?t|can'?t|cannot|not|never)\s+(?:\w+\s+){0,2}"
    r"(?:fix|work|working|help|show|arrive|answer|respond|read|load)\w*\b|"
    r"\b(?:broken|outage|down\s+(?:again|since)|on\s+hold|refund|cancel(?:led|ed)?|charged|"
    r"overcharged|billed\s+twice|stuck|expired|crash(?:ed|es|ing)?|missing|late|disappoint\w*|"
    r"unacceptable|ridiculous|worst|not\s+happy|not\s+great|seriously\?)\b|"
    r"\bdelet(?:e|ed|ing)\s+my\s+(?:comment|post|review|tweet)",
    re.IGNORECASE,
)
#: thanks and praise addressed to someone, or a recommendation of someone else's thing
THANKS_RE = re.compile(
    r"\bthank(?:s|\s*you)?\b|\b(?:thx|ty|appreciate\w*|grateful)\b|\bmade\s+my\s+day\b|"
    r"\b(?:i|we|highly)\s+(?:\w+\s+)?recommend\w*|\byou\s+(?:should|have\s+to|need\s+to|gotta|"
    r"must)\s+try\b|"
    r"\blove\s+(?:this|it|that|your|the)\b|\bchanged\s+my\s+\w+|\bsaved\s+(?:me|my|a\s+bunch)\b",
    re.IGNORECASE,
)
#: a question: a "?" anywhere, or an opening "can I / how do / is it ..." (matched at the start)
_QUESTION_OPENER = re.compile(
    r"\s*(?:@\w+\s+)*(?:can|could|how|why|when|where|what|which|is|are|do|does|will|"
    r"would)\s+(?:i|you|we|my|it|there|the)\b"
)
# one case-sensitive alternation over the lower-cased text (same result, faster)
_SERVICE_ANY = re.compile(f"{SERVICE_RE.pattern}|{THANKS_RE.pattern}|\\?")
SERVICE_DAMP = 0.3

# v3: phrases of a care conversation that share words with promotion (blanked before the v3
# rules and the own-cue check): the self check-out, checking my account/order/DMs, "my
# account/order/service/...", someone else's subscribers, the brand's CEO, signing up as a step
_CARE_THING = (
    r"(?:account|accounts|acct|order|orders|service|package|parcel|bill|billing|card|phone|"
    r"device|plan|subscription|booking|flight|reservation|ticket|tickets|business|email|number|"
    r"dms?|messages?|tweets?|inbox|details|info|payment|refund|delivery|internet|router|wifi|"
    r"connection|screen|membership|rewards?|points|miles|car|ride|trip|seat|bags?|luggage|suitcase)"
)
CARE_MASK = re.compile(
    r"\bself[-\s]?check[-\s]?outs?\b|\bcheck\s+(?:out\s+)?(?:my|our|the|your)\s+(?:\w+\s+)?"
    rf"{_CARE_THING}\b|\b(?:my|our)\s+(?:new\s+|own\s+)?{_CARE_THING}\b|"
    r"\b(?:its|your|their|the|as\s+a|loyal|paying|paid|premium|active|regular|existing|"
    r"long[-\s]time|us)\s+subscribers?\b|"
    r"\b(?:i|we|i'?m|we'?re|i\s+am)\s+(?:not\s+|don'?t\s+|dont\s+|didn'?t\s+|didnt\s+|never\s+|"
    r"do\s+not\s+|already\s+|was\s+|am\s+)?subscrib\w*\b|\b(?:need|have|want)\s+to\s+"
    r"subscrib\w*\b|\b(?:my|our)\s+(?:[\w']+\s+)?(?:account|acct|profile)\b|"
    r"\b(?:at|during)\s+sign\s?up\b|\b(?:a|my|the|your)\s+free\s+trial\b|"
    r"\b(?:your|the|their|whose|his|her)\s+(?:\w+\s+)?(?:ceo|co-?founder|founder)\b|"
    r"\b(?:i|we|tried\s+to|trying\s+to|when\s+i|to|can'?t|cannot|couldn'?t|didn'?t|just)\s+"
    r"(?:\w+\s+)?sign(?:ed)?\s+up\b|\bcheck\s+out\s+(?:page|process|counter|line)\b"
)
_LINK_CUE = _V1_CUES[3][0]
#: in a text addressed to or mentioning a @handle (a tweet in a care conversation), also: asking
#: the brand to DM / follow / check something, "my app|music|profile|playlist|channel" (the
#: customer's own use of the brand's product), "you can make money" (a complaint about greed),
#: "the giveaway" (asking about the brand's own)
TWEET_MASK = re.compile(
    r"\b(?:can|could|would|will|please|pls|plz|someone|somebody|you|u|y'?all|kindly|to)\s+"
    r"(?:[\w']+\s+)?(?:dm|pm|message|text|email|follow)\s+(?:me|us)\b|"
    r"\b(?:dm|pm|message|text|follow)\s+(?:me|us)\s+(?:back|please|pls|plz|for|with|asap|the|"
    r"your|when|if|so|and|to|now|privately)\b|\bcheck\s+(?:it|this|these|that|them)\s+out\b|"
    r"\bcheck\s+out\s+(?:this|these|the|that|https?|your|our|what|why|how|my\s+dm)\b|"
    r"\b(?:my|our)\s+(?:app|apps|music|profile|playlists?|channels?|page|stream|insta\s+story|"
    r"products?|twitter|facebook|instagram|video)\b|"
    r"\b(?:you|they|to|can|just|u)\s+make\s+money\b|\b(?:the|this|your)\s+give-?aways?\b|"
    # a customer of a subscription service subscribes and signs up to it
    r"\bsubscrib\w*\b(?!\s+to\s+(?:my|our|me)\b)|\bsign(?:ed|ing)?\s*-?\s*up\b"
    r"(?!\s+(?:here|using\s+my|with\s+my|via\s+my|through\s+my)\b)|"
    r"\b(?:my|our)\s+(?:own\s+)?(?:song|songs|track|tracks|playlist|playlists|release|album|"
    r"library|queue|music)\b"
)
#: v3 own-promotion cue (0.6): asking someone to promote, playlist or shout out one's own music
#: or work, or showing "what I've done as a producer"; matched on the unmasked text
PLUG_CUE = (
    r"\b(?:promote|feature|playlist|shout[-\s]?out|support)\s+(?:my|our)\s+(?:[\w']+\s+)?"
    r"(?:music|songs?|tracks?|album|ep|mixtape|single|playlist|work|channel|page)\b|"
    r"\b(?:add|get|put|place)\s+(?:my|our)\s+(?:[\w']+\s+){0,2}(?:tracks?|songs?|music|single)\s+"
    r"(?:[\w']+\s+){0,2}(?:to|into|on|in)\s+(?:a|your|one|some|the)\s+(?:[\w']+\s+)?playlists?\b|"
    r"\bwhat\s+i'?ve\s+done\s+as\s+an?\s+"
    r"(?:producer|artist|dj|designer|photographer)\b"
)
_PLUG = re.compile(PLUG_CUE)
_OWN_ANY = re.compile(
    "|".join(f"(?:{p.pattern})" for p, _ in PROMO_V2.cues if p.pattern != _LINK_CUE)
)

#: an @handle (a tweet addressed to or mentioning an account)
_HANDLE = re.compile(r"(?<!\w)@\w{2,}")
#: links at the end of a tweet (TWCS: Twitter's t.co, usually an attached photo or screenshot)
_TRAILING_MEDIA = re.compile(r"(?:\s*https?://t\.co/\w+)+\s*$")
_URL = re.compile(r"(?:https?://|www\.)\S+")

# both rule scores in one pass (the v1 one feeds the model, the v2 one is the signal's rules)
_SHARED = [(re.compile(p), w) for p, w in _V1_CUES]
_V1_ONLY = [(re.compile(_MONEY_V1), 0.6)]
_V2_ONLY = [(p, w) for p, w in PROMO_V2.cues[len(_V1_CUES) :]]
_ANY_RULE = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _SHARED + _V1_ONLY + _V2_ONLY))


def _noisy_or_miss(text: str, cues: list) -> float:
    miss = 1.0
    for pattern, weight in cues:
        if pattern.search(text):
            miss *= 1.0 - weight
    return miss


def both_rules(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(PROMO score, PROMO_V2 score) of each text, equal to ``PROMO.score`` and
    ``PROMO_V2.score`` (tested) at about half the cost."""
    v1, v2 = np.zeros(len(texts)), np.zeros(len(texts))
    for i, text in enumerate(texts):
        low = text.lower() if text else ""
        if not low or not _ANY_RULE.search(low):
            continue
        shared = _noisy_or_miss(low, _SHARED)
        v1[i] = 1.0 - shared * _noisy_or_miss(low, _V1_ONLY)
        v2[i] = 1.0 - shared * _noisy_or_miss(low, _V2_ONLY)
    return v1, v2


def promotion_rules(texts: list[str]) -> np.ndarray:
    """The v1 rule score: the model's input feature (unchanged, see the module docstring)."""
    return both_rules(texts)[0]


def promotion_rules_v2(texts: list[str]) -> np.ndarray:
    return both_rules(texts)[1]


@signal(
    "self_promotion",
    version="self_promotion.v3",
    help="probability 0..1 that a comment is spam or self-promotion",
)
def self_promotion(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    rules_v1, _ = both_rules(texts)
    model = load_model("self_promotion")
    proba = None if model is None else model.predict_proba(texts, rules_v1[:, None])
    return combine(texts, proba)


def combine(texts: list[str], proba: np.ndarray | None) -> np.ndarray:
    """The v3 score from the model's probabilities (``None``: rules only), see the docstring:
    ``max(proba * length_gate * care_guard, rules_v3)``. bench/eval_signals.py applies it to
    cross-video probabilities, so the shipped signal itself is measured on unseen videos."""
    masked = [mask_care(t) for t in texts]
    rules = rules_v3(texts, masked)
    if proba is None:
        return rules
    return np.maximum(proba * length_gate(texts) * care_guard(texts, masked), rules)


def rules_v3(texts: list[str], masked: list[str] | None = None) -> np.ndarray:
    """The v3 rule score: PROMO_V2 on the care-masked text, noisy-OR a PLUG_CUE (0.6) on the
    text itself."""
    masked = masked if masked is not None else [mask_care(t) for t in texts]
    plug = np.fromiter(
        (bool(t) and _PLUG.search(t.lower()) is not None for t in texts), bool, len(texts)
    )
    return 1.0 - (1.0 - PROMO_V2.score(masked)) * np.where(plug, 0.4, 1.0)


def own_promotion(texts: list[str]) -> np.ndarray:
    """True where the text has a promotional cue of its own (PROMO_V2 without the link cue, on
    the care-masked text, or a PLUG_CUE): what a reply inside a care conversation needs to be
    promotion."""
    return np.fromiter((_own_cue(mask_care(t), t) for t in texts), dtype=bool, count=len(texts))


def _own_cue(masked: str, text: str | None = None) -> bool:
    """An own promotional cue on the masked text, or a PLUG_CUE on the text itself."""
    if masked and _OWN_ANY.search(masked) is not None:
        return True
    return bool(text) and _PLUG.search(text.lower()) is not None


def mask_care(text: str) -> str:
    """The lower-cased text with care phrases blanked: :data:`CARE_MASK`, and
    :data:`TWEET_MASK` too when the text addresses or mentions a @handle."""
    if not text:
        return ""
    low = CARE_MASK.sub(" ", text.lower())
    return TWEET_MASK.sub(" ", low) if _HANDLE.search(text) else low


def care_guard(texts: list[str], masked: list[str] | None = None) -> np.ndarray:
    """Weight of the model (v3), SERVICE_DAMP or 1 (see the module docstring): damped when the
    text has no own promotional cue and either addresses or mentions a @handle (a tweet in a
    care conversation: a bare link or photo there is not promotion), or has a service cue
    (complaint, thanks, question; a "?" inside a URL does not count) and no rule cue at all."""
    masked = masked if masked is not None else [mask_care(t) for t in texts]
    # a trailing t.co link is attached media: it is not a rule cue here
    rules = rules_v3(texts, [_TRAILING_MEDIA.sub("", m) for m in masked])
    out = np.ones(len(texts))
    for i, (t, m) in enumerate(zip(texts, masked, strict=True)):
        if not t or _own_cue(m, t):
            continue
        if _HANDLE.search(t) or (rules[i] == 0.0 and _is_service(_URL.sub(" ", t.lower()))):
            out[i] = SERVICE_DAMP
    return out


def service_guard(texts: list[str], rules: np.ndarray) -> np.ndarray:
    """Weight of the model: SERVICE_DAMP for a complaint, thanks or question with no
    promotional cue (``rules == 0``), else 1 (see the module docstring)."""
    service = np.fromiter(
        (
            r == 0.0 and bool(t) and _is_service(t.lower())
            for t, r in zip(texts, rules, strict=True)
        ),
        dtype=bool,
        count=len(texts),
    )
    return np.where(service, SERVICE_DAMP, 1.0)


def _is_service(low: str) -> bool:
    return _SERVICE_ANY.search(low) is not None or _QUESTION_OPENER.match(low) is not None


def length_gate(texts: list[str]) -> np.ndarray:
    """Weight of the YouTube model: 1 up to MODEL_MAX_WORDS words, then MODEL_MAX_WORDS / words.

    99% of the TubeSpam comments have fewer than 86 words and the few long ones are mostly spam,
    so the model reads any long text as spam; beyond its training range only the rules speak.
    """
    words = np.fromiter((len(t.split()) for t in texts), dtype=np.float64, count=len(texts))
    return np.minimum(1.0, MODEL_MAX_WORDS / np.maximum(words, 1.0))
