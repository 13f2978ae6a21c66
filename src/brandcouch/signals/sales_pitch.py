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
"""

from __future__ import annotations

import numpy as np

from brandcouch.signals.lexicon import Lexicon
from brandcouch.signals.registry import signal

SALES = Lexicon(
    [
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
)


@signal(
    "sales_pitch",
    version="sales_pitch.v1",
    help="0..1: the post sells (offer, price, call to buy, shop link)",
)
def sales_pitch(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    return SALES.score(texts)
