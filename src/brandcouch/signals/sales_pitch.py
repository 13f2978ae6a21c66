"""sales_pitch: 0..1, a brand post that sells (offer, discount, price, call to buy, shop link).

A documented lexicon (noisy-OR of cue weights, see :mod:`brandcouch.signals.lexicon`); the
labelling guideline and the evaluation are in docs/signals.md. Cues and weights:

* offers: "N% off", "save N/up to", "discount", "deal(s)", "sale", "promo code", "use code",
  "coupon", "BOGO/buy one get one", "free shipping/delivery", "clearance", "flash sale",
  "black friday/cyber monday" 0.6;
* prices: "$9.99", "£5", "€10", "for just/only", "starting at/from", "half price" 0.5;
* calls to buy: "shop now", "buy now", "order now/today", "book now", "get yours", "grab yours",
  "pre-order", "add to cart", "tap to shop", "link in bio", "available now/in stores/online",
  "in stock", "on sale", "subscribe/sign up now/today" 0.6;
* urgency: "limited time", "ends tonight/today/soon/sunday", "last chance", "don't miss out",
  "while supplies last", "only N left", "hurry" 0.4;
* shop links: URLs with shop/store/buy/product/cart/checkout/amzn.to 0.5; "new collection/
  arrivals/menu/flavour/product" 0.3.

v2 (``SIGNUP_CUES`` and ``BUY_CUES``, written on bench/data/sales_pitch_dev.csv only) adds the
pitches that sell a sign-up rather than a product: apply/enrol 0.6, free trial/month 0.6, refer a
friend / bonus points 0.6, membership and loyalty 0.5, upgrade/switch/trade in/get a quote 0.5,
ordering or booking a thing 0.5, free with purchase 0.5, prices and financing 0.5, back in stock /
where to buy 0.6, and softer urgency 0.4. Texts are lower-cased once and matched without
IGNORECASE (same result, faster).

v3 (false positives on the demo corpus: "we are sending a replacement order today" 0.60, "Sorry
Paul, a stale muffin is on us. We've refunded it" 0.50). Service is not selling: when a text is
a **service message** (:data:`SERVICE_RE`: an apology, "refund(ed)", "replace(ment)", "we are
sending / we've sent / we'll resend / we've credited", "your order has|is|was|#...",
"won't happen again", "make this right"), the phrases that service shares with selling are
masked before the cues are matched (:data:`SERVICE_MASK`): "on us" (goodwill), "replacement|
new|your order" (so "order today" is not a call to buy), "refund(ed)". Every other cue still
counts, so a service message that also pitches ("Sorry! Here's 20% off with code SORRY20",
"... shop the sale now") keeps its score. Written on the demo phrases and checked on
bench/data/sales_pitch_dev.csv only; the eval set was scored once afterwards.

v4 (issue 13: agents answering a fare question, "in order to receive the $29 rate ...", and
Chipotle's "Nope! Still just the $3." were read as pitches). A brand answering a price question
is answering. :func:`mask_answer`, applied after the service mask:

* "a big deal" / "no big deal" is not a deal (always masked);
* in a **reply** (the text starts with an @handle) the brand's own question sentences are
  dropped: "Did you pre-order this console via the Microsoft store?" and "how many bottles
  were in stock?" ask about the customer's purchase;
* in a reply that **answers** (:data:`ANSWER_RE`: an answer opener after the handle -- "yes",
  "nope", "it's", "it'll be", "as long as", "if you", "in order to", "you'll need",
  "unfortunately", "our system shows", "I can provide" -- or an explanation anywhere: "in
  order to get|receive", "is available only through", "eligible", "still just", "no longer
  offer", "compensated", "credit for the inconvenience") the price and deal words
  (:data:`ANSWER_MASK`: "$3", "deal", "discount", "rate", "fare", "offer", "credit",
  "voucher", "cash back", "for just") are masked. Calls to buy ("shop now", "book now"),
  codes and shop links still count, and a reply that answers nothing keeps every cue;
* the service mask also covers "available", "in stock", "grab it", "pre-order(ed)" (a
  service message about an existing order, "Sorry, the earlier flight may not have been
  available").

v5 (issue 13, the last two false flags on the TWCS sample): a reply that opens with care
("We understand and hope you can snag a great deal soon", "We want to help you with this great
#TMobileTuesday deal! Shoot me a DM") is answering the customer about the deal they raised: the
openers "we understand", "we want / would like to help", "(we) hope you" join the answer
openers, so its deal and price words are masked (calls to buy, codes, shop links still count).

Whether the customer asked about the offer is context the text does not carry: the
pitch-without-listening flag reads it from the parent (:mod:`brandcouch.diagnosis.flags`).
bench/data/sales_pitch_{dev,eval}.csv are unchanged (P/R/F1 1.000 / 0.980, 0.847, 0.909).
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.re2filter import search_flags, sub_all
from brandcouch.signals.registry import signal

BASE_CUES = [
    (
        r"\b\d{1,3}\s?%\s?off\b|\bsave\s+(?:up\s+to\s+|an?\s+extra\s+|\$|£|€|\d)|"
        r"\bdiscount(?:s|ed)?\b|\bdeals?\b|\bsale\b|\bpromo(?:tion)?\s?code\b|\buse\s+code\b|"
        r"\bcoupons?\b|\bbogo\b|\bbuy\s+one,?\s+get\s+one\b|\bfree\s+(?:shipping|delivery)\b|"
        r"\bclearance\b|\bflash\s+sale\b|\bblack\s+friday\b|\bcyber\s+monday\b|\b\d+\s?for\s?\d+\b",
        0.6,
    ),
    (
        r"[$£€]\s?\d|\d\s?(?:€|usd|eur|gbp)\b|\bfor\s+(?:just|only)\b|"
        r"\bstarting\s+(?:at|from)\b|\bhalf[-\s]price\b|\bonly\s+[$£€]",
        0.5,
    ),
    (
        r"\b(?:shop|buy|order|book|reserve)\s+(?:now|today|online|yours|it)\b|\bget\s+yours\b|"
        r"\bgrab\s+(?:yours|one|it|a)\b|\bpre-?orders?\b|\badd\s+to\s+(?:cart|bag|basket)\b|"
        r"\btap\s+to\s+shop\b|\blink\s+in\s+(?:bio|profile)\b|"
        r"\bavailable\s+(?:now|today|in\s+stores?|online|at)\b|\bin\s+stock\b|\bon\s+sale\b|"
        r"\b(?:subscribe|sign\s+up|join|upgrade)\s+(?:now|today)\b|\bshop\s+the\b",
        0.6,
    ),
    (
        r"\blimited[-\s](?:time|edition|stock)\b|\bends\s+(?:tonight|today|tomorrow|soon|"
        r"sunday|monday|midnight|this)\b|\blast\s+chance\b|\bdon'?t\s+miss\s+(?:out|it)\b|"
        r"\bwhile\s+(?:supplies|stocks?)\s+last\b|\bonly\s+\d+\s+left\b|\bhurry\b|"
        r"\bselling\s+fast\b",
        0.4,
    ),
    (r"(?:https?://|www\.)\S*(?:shop|store|buy|product|cart|checkout|amzn\.to|/p/)\S*", 0.5),
    (r"\bnew\s+(?:collection|arrivals?|menu|flavou?rs?|products?|range|drop)\b", 0.3),
]

# membership, sign-up, apply, trial, referral, loyalty: the "subscription economy" pitches
_PLAN = r"(?:card|account|loan|mortgage|plan|credit\s+card|course|programme|program|intake|membership|pass|tariff|policy)"
SIGNUP_CUES = [
    (
        r"(?<!\bto\s)\bapply\s+(?:now|today|online|in\s+(?:minutes|the\s+app|branch)|"
        rf"for\s+(?:the|our|a|an)\s+(?:[\w-]+\s+){{0,3}}{_PLAN}s?\b)|\benrol(?:l)?\s+(?:by|now|today|before)\b|"
        r"\benrol(?:l)?ment\s+is\s+open\b|\bregister\s+your\s+interest\b",
        0.6,
    ),
    (
        r"\bfree\s+(?:trial|month|week)\b|\b(?:try|start)\s+(?:[\w-]+\s+){0,3}free\s+for\s+\d+\s+"
        r"(?:days|weeks|months)\b|\bfree\s+for\s+(?:\d+|the\s+first|your\s+first)\s+(?:days?|weeks?|months?)\b",
        0.6,
    ),
    (
        r"\b(?:refer|invite)\s+a\s+(?:friend|mate|teammate|colleague)\b|\byou(?:'ll)?\s+both\s+get\b|"
        r"\bsubscribe\s*(?:&|and)\s*save\b|\bbonus\s+(?:points|miles|stars)\b",
        0.6,
    ),
    (
        r"\bbecome\s+an?\s+(?:[\w-]+\s+){0,2}(?:member|insider|subscriber)\b|"
        r"\bjoin\s+(?:our\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:club|rewards|programme|program|loyalty|"
        r"membership|pass|plan)\b|\bmembers?\s+(?:get|earn|save|enjoy|receive)\b|"
        r"\bmember\s+(?:rates|prices|pricing|discounts?|exclusives?)\b|"
        r"\b(?:earn|collect|get)\s+(?:\w+\s+){0,2}(?:points|miles|stars|cashback)\b|"
        r"\bnot\s+(?:a\s+member|subscribed)\s+yet\b|\bnot\s+subscribed\b",
        0.5,
    ),
    (
        r"\bupgrade\s+(?:to|in|now|today|your|at)\b|\bwith\s+code\b|\b(?:a|\w+)\s+months?\s+off\b|\bswitch\s+(?:to\s+(?:us|our)|your\s+[\w\s]{0,20}"
        r"to\s+us|from\s+monthly)\b|\btrade\s+in\b|\bget\s+a\s+quote\b|\bquote\s+in\s+\d+\b|"
        r"\btalk\s+to\s+(?:our\s+)?sales\b|\block\s+in\b|\bsign\s+(?:up|them\s+up)\s+for\b|"
        r"\bsign\s+up\s+in\b|\bpre-?regist\w*",
        0.5,
    ),
]
# buying in other words: order/book/reserve a thing, free with purchase, prices and financing
BUY_CUES = [
    (
        r"\b(?:order|book|reserve)\s+(?:your|our|a|an|the)\s+(?:[\w-]+\s+){0,3}?(?:package|room|table|"
        r"viewing|stay|seat|session|place|spot|tickets?|flight|test\s+drive|change|party)\b|"
        r"\border\s+(?:by|ahead|through|via|in\s+the\s+app)\b|"
        r"\b(?:tap|click)\s+(?:the\s+link\s+)?to\s+(?:order|shop|buy|book|explore)\b|"
        r"\b(?:book|reserve|order|buy|shop)\b[^.!?]{0,40}\b(?:online|in\s+(?:the|our)\s+app)\b",
        0.5,
    ),
    (
        r"\bfree\s+(?:[\w-]+\s+){1,3}(?:with|when\s+you|after)\s+(?:your|any|every|each|a|an|the|"
        r"\w+\s+orders?)\b|\b(?:eat|eats|stay|stays|fly|flies)\s+free\b|\bon\s+us\b|"
        r"\bbuy\s+(?:any\s+)?\w+\b[^.!?]{0,30}\bget\b|\bpay\s+for\s+(?:one|two|three|\d)\b",
        0.5,
    ),
    (
        r"\b(?:fares?|rates?|prices?|plans?|memberships?)\s+(?:from|start(?:s|ing)?\s+(?:at|from)|as\s+low"
        r"\s+as)\b|\d%\s+apr\b|\bfinancing\s+(?:on|for|from|available)\b|\blease\b|\bintro\s+rate\b|\bprice\s+(?:match|drop|goes\s+up|"
        r"freeze)\b|\bfor\s+one\s+(?:low\s+)?price\b|\badd\s+(?:it|them|one)\s+at\s+checkout\b|\bcashback\b|"
        r"\bsave\s+(?:on|big|more|up)\b|\bto\s+save\b|\bup\s+to\s+\d+%",
        0.5,
    ),
    (
        r"\b(?:re-?stocked|back\s+in\s+stock|back\s+by\s+popular\s+demand)\b|"
        r"\bnow\s+(?:at|in)\s+(?:your\s+local|all|our|selected)\s+(?:stores?|shops?|branches|dealers?)\b|"
        r"\b(?:find|get|pick\s+up|buy)\s+(?:them|it|one|yours|a\s+\w+)\s+(?:online|in\s+stores?|in\s+store)\b|"
        r"\bavailable\s+to\s+(?:buy|order|download|pre-?order|stream)\b|\b(?:start|claim)\s+yours\b|"
        r"\badd\s+(?:[\w-]+\s+){0,3}to\s+your\s+(?:booking|order|plan|basket|cart)\b|"
        r"\bgift\s+(?:a|an)\s+(?:year|month|subscription|membership)\b|\bin\s+the\s+store\s+now\b",
        0.6,
    ),
    (
        r"\b(?:for\s+)?(?:two|three|\d)\s+(?:days?|weeks?)\s+only\b|\bdon'?t\s+wait\b|\bstock\s+up\b|"
        r"\bgift\s+(?:sets?|cards?|boxe?s?)\b|\bbefore\s+(?:it'?s|they'?re)\s+gone\b|\bonly\s+\w+\s+left\b|"
        r"\blast\s+(?:two|few|\d+)\s+\w+\s+left\b",
        0.4,
    ),
]

SALES = Lexicon(BASE_CUES + SIGNUP_CUES + BUY_CUES, lowercase=True)

#: a service message: apology, refund, replacement, "we are sending", an existing order
SERVICE_RE = re.compile(
    r"\b(?:sorry|apologi[sz]e\w*|apologies|we\s+regret)\b|\brefund(?:ed|s|ing)?\b(?!able)|"
    r"\breplac(?:e|ed|ing|ement)\b|"
    r"\bwe(?:'re|\s+are|'ve|\s+have|'ll|\s+will)\s+(?:\w+\s+)?(?:sending|sent|send|re-?send\w*|"
    r"re-?ship\w*|dispatch\w*|credit\w*|reissu\w*)\b|"
    r"\byour\s+(?:order|package|parcel|delivery)\s+(?:has|is|was|will|#|number|no\.?|\d)|"
    r"\bwon'?t\s+happen\s+again\b|\bmake\s+(?:this|it|things)\s+right\b"
)
#: phrases that service shares with selling, masked in a service message
SERVICE_MASK = re.compile(
    r"\bavailable\b|\bin\s+stock\b|\bgrab\s+it\b|\bpre-?order(?:s|ed)?\b|\bon\s+us\b|\b(?:replacement|new|your|the)\s+(?:order|package|parcel)\b|"
    r"\brefund(?:ed|s|ing)?\b(?!able)"
)


#: v4: a reply (starts with an @handle) that answers: an answer opener or an explanation of
#: how an offer or price works ("in order to receive the $29 rate", "it'll be $3", "Nope!
#: Still just the $3", "the deal is available only through our online shop")
ANSWER_RE = re.compile(
    r"^\s*[.]?(?:@\w+\s*)+(?:\d/\d\s+)?(?:hi|hello|hey|hiya)?\W*(?:\w+[,!.]\s+)?(?:yes|yep|yup|"
    r"yeah|nope|no|sure|absolutely|unfortunately|correct|that'?s\s+(?:right|correct)|it'?s|"
    r"it'?ll|it\s+will|as\s+long\s+as|if\s+(?:it|you|your)|in\s+order\s+to|you'?ll\s+need|"
    r"you\s+will\s+need|our\s+system\s+shows|i\s+can\s+provide|we\s+understand|"
    r"we\s+(?:want|would\s+like|'d\s+like|'d\s+love)\s+to\s+help|(?:we\s+)?hope\s+you)\b|"
    r"\bin\s+order\s+to\s+(?:get|receive|qualify|use|redeem|take)\b|"
    r"\byou'?ll\s+need\s+to\b|\b(?:is|are)\s+(?:only\s+)?(?:available|valid|offered)\s+"
    r"(?:only\s+)?(?:through|via|on|in|at|for|with|to)\b|\beligible\b|\bstill\s+(?:just|only)\b|"
    r"\b(?:no\s+longer|don'?t|do\s+not|doesn'?t|does\s+not|isn'?t|is\s+not|can'?t|cannot)\s+"
    r"(?:\w+\s+)?(?:offer|apply|available|valid|combine|honou?r|include)\w*|"
    r"\bcompensat\w*|\bcredit\s+for\s+the\s+inconvenience\b"
)
_REPLY = re.compile(r"\s*[.]?@\w")
#: what answering a price question shares with selling: the price or deal it is about
ANSWER_MASK = re.compile(
    r"[$£€]\s?\d[\d,.]*|\b\d[\d,.]*\s?(?:€|usd|eur|gbp)\b|\b(?:deals?|discounts?|discounted|"
    r"sale|rates?|fares?|prices?|offers?|credit|vouchers?|cash\s?back)\b|\bfor\s+(?:just|only)\b"
)


_QUESTION_SENTENCE = re.compile(r"[^.!?\n]*\?")
_BIG_DEAL = re.compile(r"\b(?:a|no|not\s+a|such\s+a)\s+big\s+deal\b")


def mask_answer(low: str) -> str:
    """v4: "a big deal" is not a deal; in a reply (starts with an @handle) the brand's own
    questions are dropped ("Did you pre-order this console via the Microsoft store?" asks
    about the customer's purchase), and in a reply that answers (:data:`ANSWER_RE`) the
    price and deal words are masked (calls to buy, codes and shop links still count)."""
    low = _BIG_DEAL.sub(" ", low)
    if not _REPLY.match(low):
        return low
    low = _QUESTION_SENTENCE.sub(" ", low)
    return ANSWER_MASK.sub(" ", low) if ANSWER_RE.search(low) else low


def mask_service(text: str) -> str:
    """The lower-cased text, with SERVICE_MASK phrases removed if it is a service message."""
    low = text.lower() if text else ""
    return SERVICE_MASK.sub(" ", low) if SERVICE_RE.search(low) else low


@signal(
    "sales_pitch",
    version="sales_pitch.v5",
    help="0..1: the post sells (offer, price, call to buy, shop link)",
)
def sales_pitch(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return SALES.score(masked(texts))


def masked(texts: list[str]) -> list[str]:
    """``[mask_answer(mask_service(t)) for t in texts]``, each pattern over the batch through
    the RE2 pre-filter (:mod:`brandcouch.signals.re2filter`: the same strings)."""
    lows = [t.lower() if t else "" for t in texts]
    service = search_flags(SERVICE_RE, lows)
    for i in np.flatnonzero(service):
        lows[i] = SERVICE_MASK.sub(" ", lows[i])
    lows = sub_all(_BIG_DEAL, " ", lows)
    replies = [i for i, low in enumerate(lows) if _REPLY.match(low)]
    asked = sub_all(_QUESTION_SENTENCE, " ", [lows[i] for i in replies])
    answers = search_flags(ANSWER_RE, asked)
    for k, i in enumerate(replies):
        lows[i] = ANSWER_MASK.sub(" ", asked[k]) if answers[k] else asked[k]
    return lows
