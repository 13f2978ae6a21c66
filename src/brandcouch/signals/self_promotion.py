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

v3 (issue 13: 659 of 2,778 real customer tweets of twcs_head5000.csv scored >= 0.5, "a link is
enough": "@AppleSupport Yes. https://t.co/..." 0.99; 41 of ChipotleTweets' audience were
"spam", fans posting costume photos). A customer writing to a care handle who sends a
screenshot, an order number or account details is not promoting. :func:`combine_v3`:

* a text in **care form** (:func:`care_form`: a Twitter attachment link ``https://t.co/...``,
  an @handle -- a reply or mention --, or order/account details, :data:`DETAILS_RE`: "my
  order|account|phone|flight|bill...", "order #123...", "#12345") with no **strong cue**
  scores ``model * length_gate * SERVICE_DAMP`` (at most 0.3): the YouTube model, which
  never saw a tweet, reads every link and hashtag as spam, and the weak v2 cues ("my
  account", a link, "check out") are ordinary in care;
* with a strong cue (:data:`STRONG`, matched on :func:`content` = the text without
  attachment links, @handles as " @ "): "check out my/our ...", "subscribe to my", "sub4sub",
  "follow me on instagram|twitch|...", "follow me on twitter @handle", "f4f", "visit my
  site", "listen to my new ...", "stream|share|promote my song|music", "my new single",
  "#newmusic", "add my track to a playlist", money-making offers ("make $300 a day from
  home"), "link in bio", and the ad copy of brand accounts posting as customers ("pre-order
  now", "chance to win a ...", "we're excited to announce", "don't miss out") -- each 0.6,
  noisy-OR -- it scores ``max(model * length_gate, v2 rules on the content, strong)``;
* any other text (blog comments, YouTube comments: 1,136 of the 1,138 TubeSpam comments) is
  scored exactly as in v2.

"follow me on twitter" to a care handle, "DM me", "play my playlist", "you just want to make
money" are requests or complaints, not strong cues. The shipped model and its v1 input
feature are unchanged. Measured in bench/eval_promotion.py (docs/wip-issue13/promotion.md).
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.batchcache import per_batch
from brandcouch.signals.learned import load_model
from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.re2filter import candidates, search_flags
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

# both rule scores in one pass (the v1 one feeds the model, the v2 one is the signal's rules)
_SHARED = [(re.compile(p), w) for p, w in _V1_CUES]
_V1_ONLY = [(re.compile(_MONEY_V1), 0.6)]
_V2_ONLY = [(p, w) for p, w in PROMO_V2.cues[len(_V1_CUES) :]]
_ANY_RULE = re.compile("|".join(f"(?:{p.pattern})" for p, _ in _SHARED + _V1_ONLY + _V2_ONLY))


def both_rules(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """(PROMO score, PROMO_V2 score) of each text, equal to ``PROMO.score`` and
    ``PROMO_V2.score`` (tested) at about half the cost; memoised for the batch."""
    return per_batch(texts, "self_promotion.both_rules", _both_rules)


def _both_rules(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    v1, v2 = np.zeros(len(texts)), np.zeros(len(texts))
    lows = [text.lower() if text else "" for text in texts]
    # only the texts RE2 cannot rule out (re2filter: an exact pre-filter) are searched, each
    # cue over all of them at once (RE2 again, then Python re where RE2 cannot say)
    cand = candidates(_ANY_RULE, lows)
    idx = np.arange(len(texts)) if cand is None else cand
    if not idx.size:
        return v1, v2
    docs = [lows[i] for i in idx]

    def miss(cues: list) -> np.ndarray:
        # the noisy-or's miss, 1 - weight multiplied in for each cue found, in the cues' order
        out = np.ones(len(docs))
        for pattern, weight in cues:
            hit = search_flags(pattern, docs) > 0
            out[hit] = out[hit] * (1.0 - weight)
        return out

    shared = miss(_SHARED)
    v1[idx] = 1.0 - shared * miss(_V1_ONLY)
    v2[idx] = 1.0 - shared * miss(_V2_ONLY)
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
    rules_v1 = promotion_rules(texts)
    model = load_model("self_promotion")
    if model is None:
        return combine_v3(texts, None)
    return combine_v3(texts, model.predict_proba(texts, rules_v1[:, None]))


def combine_v3(texts: list[str], proba: np.ndarray | None) -> np.ndarray:
    """self_promotion.v3 from the YouTube model's probabilities (None: rules only).

    See the module docstring: outside the care form this is v2 exactly; in the care form
    (:func:`care_form`) without a strong cue (:data:`STRONG`) the rules are dropped and the
    model is damped by ``SERVICE_DAMP``; with a strong cue the v2 combination on the
    :func:`content` (links to attachments and @handles removed) applies."""
    out = np.zeros(len(texts))
    gate = length_gate(texts)
    _, rules = both_rules(texts)
    guard = service_guard(texts, rules)
    care = care_forms(texts)
    care_idx = np.flatnonzero(care)
    strongs = np.zeros(len(texts))
    strongs[care_idx] = STRONG.score([content(texts[i]) for i in care_idx])
    for i, text in enumerate(texts):
        m = 0.0 if proba is None else float(proba[i]) * gate[i]
        if not care[i]:
            out[i] = max(m * guard[i], rules[i])
            continue
        strong = float(strongs[i])
        if strong < 0.5:
            out[i] = m * SERVICE_DAMP
        else:
            # one text: not memoised (per_batch would drop the batch's shared features)
            out[i] = max(m, float(_both_rules([content(text)])[1][0]), strong)
    return out


# -- v3: care context ---------------------------------------------------------------------

#: a Twitter attachment or wrapped link (every TWCS link, never a TubeSpam one)
TCO_RE = re.compile(r"https?://t\.co/\w+")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+")
#: an @handle (a reply or mention), not an e-mail address
HANDLE_RE = re.compile(r"(?<![\w@])@\w{1,30}\b(?!\.\w)")
_LEADING_HANDLE = re.compile(r"\s*[.]?@\w")
#: order / account / reference details: "my order|account|phone...", "order #123", long numbers
DETAILS_RE = re.compile(
    r"\bmy\s+(?!(?:instagram|insta|ig|twitter|facebook|fb|youtube|snapchat|tumblr|soundcloud|"
    r"google)\b)(?:\w+\s+){0,2}(?:order|account|phone|number|acct|package|parcel|delivery|flight|"
    r"booking|reservation|bill|card|device|router|modem|service|internet|wifi|plan|"
    r"subscription|premium|membership|email|address|case|ticket|claim|refund)s?\b|"
    r"\b(?:order|account|acct|booking|confirmation|reference|ref|case|ticket|tracking|"
    r"flight|reservation|member|phone)\s*(?:#|no\.?|number|num)\s*:?\s*\w*\d|"
    r"(?<!\w)#\s?\d{4,}\b"
)
#: strong cues: a call to consume the author's own thing (kept in the care form)
STRONG = Lexicon(
    [
        (
            r"\bcheck\s+out\s+(?:my|our)\b|\bcheck\s+(?:my|our)\s+(?:new\s+)?(?:channel|page|"
            r"bio|profile|site|website|video|vids?|music|songs?|tracks?|playlists?|stuff|work|"
            r"blog|shop|store|stream)\b",
            0.6,
        ),
        (
            r"\bsubscrib\w*\s+(?:to\s+)?(?:my|our|me|us)\b|\bsub\s*(?:4|for)\s*sub\b|"
            r"\bsub\s+to\s+(?:my|me)\b|\blike\s+(?:and|&)\s+(?:subscribe|share)\b|"
            r"\bplease\s+subscribe\b",
            0.6,
        ),
        (  # "follow me on twitter" to a care handle asks for a DM channel (labels rubric)
            r"\bfollow\s+(?:me|us|my|our)\s+(?:\w+\s+)?(?:on|at)\s+(?:instagram|insta|ig|"
            r"twitch|youtube|soundcloud|snapchat|tiktok|facebook|fb)\b|\bfollow\s+(?:me|us)\s+on\s+"
            r"twitter\s+@|"
            r"\bf4f\b|\bfollow\s*(?:4|for)\s*follow\b|\bfollow\s+(?:and|&)\s+(?:share|rt|"
            r"retweet|tweet)\b",
            0.6,
        ),
        (
            r"\bvisit\s+(?:my|our)\s+(?:\w+\s+){0,2}(?:site|website|page|channel|shop|store|blog)",
            0.6,
        ),
        (
            r"\blisten\s+to\s+(?:my|our)\s+new\b|\bgive\s+(?:it|us|me|my\s+\w+)\s+a\s+listen\b|"
            r"\b(?:stream|download|share|promote|playlist)\s+(?:my|our)\s+(?:new\s+)?(?:song|"
            r"single|track|ep|album|mixtape|music|beats?)s?\b|\bmy\s+new\s+(?:single|song|track|"
            r"ep|album|mixtape|video|channel)\b|#newmusic\b|\b(?:add|put|get)\s+(?:my|our)\s+"
            r"(?:\w+\s+){0,2}(?:song|single|track|music)s?\s+(?:in)?to\s+(?:a|your|one\s+of\s+"
            r"your)\s+playlists?",
            0.6,
        ),
        (
            r"\b(?:make|earn)\s+(?:money|cash|\$\s?\d+)\s+(?:\w+\s+)?(?:from\s+home|online|fast|"
            r"easy|daily|a\s+day|per\s+day|every\s+day|with\s+(?:me|my|this|us))\b|"
            r"\bi\s+(?:make|earn|made)\s+\$\s?\d+|"
            r"\bwork(?:ing)?[-\s]from[-\s]home\s+(?:and|jobs?|opportunit\w*|business|income)\b",
            0.6,
        ),
        (
            r"\blink\s+in\s+(?:my\s+)?(?:bio|profile)\b|\b(?:dm|pm|message)\s+me\s+to\s+"
            r"(?:learn|earn|join)\b",
            0.6,
        ),  # fmt: skip
        # brands' own ads posted as customers (labels/self_promotion.md): offers and contests
        (
            r"\bpre-?order\s+(?:now|today|yours|#?\w+:)|\bnow\s+available\s+for\s+pre-?order|"
            r"\b(?:chance|#contest|enter)\s+to\s+win\s+(?:a|an|one|two|\d)|\bsweepstakes\b|"
            r"#giveaway\b|\b(?:we'?re|we\s+are)\s+(?:excited|proud|thrilled)\s+to\s+"
            r"(?:announce|share)\b|\bdon'?t\s+miss\s+(?:out|our|the\s+chance|tomorrow)",
            0.6,
        ),
    ],
    lowercase=True,
)


def content(text: str) -> str:
    """The text without Twitter attachment links and @handles (what the author wrote)."""
    return HANDLE_RE.sub(" @ ", TCO_RE.sub(" ", text or ""))


def care_form(text: str) -> bool:
    """A tweet-form message: addressed to or mentioning an account, or carrying a Twitter
    attachment link, or giving order/account details. None of the TubeSpam comments but
    two has any of these, so outside it v3 is v2."""
    if not text:
        return False
    return bool(
        TCO_RE.search(text)
        or HANDLE_RE.search(text)
        or DETAILS_RE.search(_URL_RE.sub(" ", text.lower()))
    )


def care_forms(texts: list[str]) -> np.ndarray:
    """:func:`care_form` of each text (bool array), each pattern through the RE2 pre-filter."""
    n = len(texts)
    got = search_flags(TCO_RE, texts) > 0
    rest = np.flatnonzero(~got)
    got[rest] = search_flags(HANDLE_RE, [texts[i] for i in rest]) > 0
    rest = np.flatnonzero(~got)
    docs = [_URL_RE.sub(" ", texts[i].lower()) if texts[i] else "" for i in rest]
    got[rest] = search_flags(DETAILS_RE, docs) > 0
    empty = [i for i in range(n) if not texts[i]]
    got[empty] = False
    return got


def strong_promotion(text: str) -> float:
    """Noisy-OR of the :data:`STRONG` cues of one text's :func:`content` (0 when none)."""
    return float(STRONG.score([content(text)])[0])


def service_guard(texts: list[str], rules: np.ndarray) -> np.ndarray:
    """Weight of the model: SERVICE_DAMP for a complaint, thanks or question with no
    promotional cue (``rules == 0``), else 1 (see the module docstring)."""
    todo = [i for i, (t, r) in enumerate(zip(texts, rules, strict=True)) if r == 0.0 and t]
    lows = [texts[i].lower() for i in todo]
    any_service = search_flags(_SERVICE_ANY, lows) > 0  # RE2 pre-filter, exact
    service = np.zeros(len(texts), dtype=bool)
    for k, i in enumerate(todo):
        service[i] = bool(any_service[k]) or _QUESTION_OPENER.match(lows[k]) is not None
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
