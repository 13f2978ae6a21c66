"""disclosure: 1 when the text discloses sponsorship or a paid relationship, else 0.

Hashtags (whole tag only, so #adidas and #advice do not count): #ad #ads #advert
#advertisement #sponsored #sponsor #spon #paid #paidad #paidpartner #paidpartnership #partner
#brandpartner #ambassador #brandambassador #gifted #affiliate #werbung #anzeige #publicidad
#publicite #annonce #reklame #reklama. Phrases: "paid partnership", "sponsored by",
"in (paid) partnership with", "this post/video is sponsored", "[ad]" / "(ad)" /
"AD:" at the start, "affiliate link", "I (may) earn a commission", "gifted by", "thanks to @x
for sponsoring", "#ad" written as "# ad" is not counted.
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.registry import signal
from brandcouch.signals.textutil import regex_flags

DISCLOSURE_RE = re.compile(
    r"(?<![\w#])#(?:ad|ads|advert|advertisement|advertising|sponsored|sponsor|spon|paid|paidad|"
    r"paidpartner|paidpartnership|partner|brandpartner|ambassador|brandambassador|gifted|"
    r"affiliate|werbung|anzeige|publicidad|publicite|publicité|annonce|reklame|reklama)(?![\w])|"
    r"\bpaid\s+partnership\b|\bsponsored\s+by\b|\bin\s+(?:paid\s+)?partnership\s+with\b|"
    r"\b(?:this|today'?s)\s+(?:post|video|episode|content|tweet)\s+(?:is|was)\s+"
    r"(?:sponsored|brought\s+to\s+you\s+by|paid\s+for)\b|"
    r"[\[(](?:ad|advert|sponsored|paid\s+ad|paid|gifted)[\])]|"
    r"^\s*(?:ad|advert|sponsored)\s*[:|\-–—]|"
    r"\baffiliate\s+links?\b|\b(?:i|we)\s+(?:may\s+|might\s+|will\s+)?(?:earn|receive|get)\s+"
    r"(?:a\s+(?:small\s+)?)?commission\b|\bgifted\s+by\b|\b(?:were|was)\s+gifted\b|"
    r"\bthanks?\s+(?:you\s+)?to\s+@?\w+\s+for\s+sponsoring\b",
    re.IGNORECASE,
)


@signal("disclosure", version="disclosure.v1", help="1 if sponsorship is disclosed (#ad, ...)")
def disclosure(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    flags = regex_flags(DISCLOSURE_RE, texts)  # RE2 pre-filter, exact
    flags[[i for i, t in enumerate(texts) if not t]] = 0.0
    return flags
