"""Canned-reply keys: near-identical brand replies share one normalised key.

``template_key`` lower-cases the text and removes what changes between copies of one template:
URLs, @handles, a name after a greeting ("Hi Anna," / "Hey @bob" / "Dear Mr Smith"), a name
after "thanks"/"thank you" when it is capitalised, agent signatures ("^JD", "-JD", "*JD",
"/JD" at the end), numbers ("1/2", order numbers), punctuation and emoji; then collapses
whitespace. "Hi Anna, sorry! Please DM us ^JD" and "Hi Bob, sorry! Please DM us ^KL" both
become "hi sorry please dm us".
"""

from __future__ import annotations

import html
import re

from brandcouch.signals.textutil import HANDLE_RE, URL_RE, as_text

_SIGNATURE = re.compile(r"(?:\^|(?<=\s)[-*/~]\s?)[A-Za-z]{1,3}\b\.?")
_GREETING_NAME = re.compile(
    r"\b(hi|hey|hello|hiya|heya|dear|greetings|howdy|good\s+(?:morning|afternoon|evening))"
    r"(?:\s+(?:mr|mrs|ms|miss|dr)\.?)?[\s,]+(?!there\b|all\b|everyone\b|team\b|folks\b)"
    r"[^\W\d_][\w'’-]*",
    re.IGNORECASE,
)
_THANKS_NAME = re.compile(r"\b((?i:thanks|thank\s+you|thx))[\s,]+[A-Z][a-z'’-]+\b")
_NUMBER = re.compile(r"\d+")
_NON_WORD = re.compile(r"[^\w\s]+|_")
_SPACE = re.compile(r"\s+")


def template_key(text: str | None) -> str:
    """Normalised key for canned-reply detection (see the module docstring)."""
    text = as_text(text)
    if not text:
        return ""
    t = html.unescape(text) if "&" in text else text
    t = URL_RE.sub(" ", t)
    t = HANDLE_RE.sub(" ", t)
    t = _SIGNATURE.sub(" ", t)
    t = _THANKS_NAME.sub(r"\1", t)
    t = _GREETING_NAME.sub(r"\1", t)
    t = _NUMBER.sub(" ", t.lower())
    t = _NON_WORD.sub(" ", t)
    return _SPACE.sub(" ", t).strip()


def canned_keys(texts: list[str | None]) -> list[str]:
    """template_key of each text, deduplicated work for repeated texts."""
    memo: dict[str, str] = {}
    out = []
    for t in map(as_text, texts):
        key = memo.get(t)
        if key is None:
            key = memo[t] = template_key(t)
        out.append(key)
    return out
