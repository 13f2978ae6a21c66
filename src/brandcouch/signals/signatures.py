"""Agent signatures of brand replies: the one parser (a helper module, not a signal).

Care teams sign public replies with the writing agent's initials or first name. The styles seen
in TWCS (``labels/templates.md`` has the survey), always at the end of the reply, possibly
followed by links, part markers ("2/2", "(1/2)", "...1/2"), spaces or a full stop:

- caret: ``^RS``, ``^cr``, ``^HSB``, ``^Jane``, ``^Osebi.``, glued (``text.^XX``) or on its own
  line; a caret signature may also sit before a part marker or a link;
- dash, en/em dash, double dash, tilde, asterisk or slash + initials or a first name:
  ``-Katie``, ``- Ana``, ``-- Mat``, ``-TB``, ``-S.D.``, ``~JD``, ``~Mike``, ``*HCA``,
  ``*KellenF``, ``/CB``; the mark follows a space, punctuation, an emoji or the sign-off word
  ("Thanks-Sha");
- a sign-off + name: ``Thanks, Anna`` / ``Thanks - Callum`` / ``Cheers, Tom.``;
- a bare first name as the last sentence (``... for you. Phil.``), when it is not a common word;
- two bare capitals glued to Japanese text or after a sentence end (``...ました。ET``), not
  a known abbreviation (``DM``, ``US``, ``OK``, ``TV`` ...).

``split_signature(text)`` returns ``(body, agent)``: the text without the signature (links and
part markers are kept) and the normalised agent (initials upper-cased and without dots:
"RS", "SD"; names as written: "Katie", "KellenF"), or ``None``. A dash or slash that is not
followed by a name ("Let us know -", "and/or") and ordinary last words ("... send us a DM",
"... Thank you.", "... Enjoy!") are not signatures. ``agent_key(brand, agent)`` is the per-agent
key ("AmazonHelp:RS"), ``None`` without a signature.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources

from brandcouch.signals.textutil import STOPWORDS, as_text

#: initials or a first name (CamelCase full names: "*KellenF", "*RayButler")
_NAME = r"(?:[A-Z](?:\.\s?[A-Z]){1,2}\.?|[A-Z][a-z]{0,14}(?:[A-Z][a-z]{0,14}){0,2}|[A-Z]{1,4})"
_CARET = re.compile(r"\^\s?(" + _NAME + r"|[a-z]{1,4})\.?\Z")
_MARK = re.compile(
    r"(?:\A|(?<=[\s.!?,;:)\]\"'’])|(?<=[^\w\s])|(?<=[Tt]hanks)|(?<=[Cc]heers)|(?<=[Tt]hank you))"
    r"(?:--|[-–—~*/=])\s?(" + _NAME + r")\.?\Z"
)
#: a dash glued to the last word ("changes-Yana"): only a capitalised name that is not a word
_GLUED = re.compile(r"(?<=[a-z])-([A-Z][a-z]{2,14})\.?\Z")
_SIGNOFF = re.compile(
    r"\b(?i:thanks|thank you|cheers|regards|kind regards|many thanks|thx)"
    r"\s?[,.-]?\s?([A-Z][a-z]{1,14})\.?\Z"
)
_BARE_NAME = re.compile(r"(?<=[.!?)])\s+([A-Z][a-z]{2,14})\.?\Z")
_CJK = "[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]"
_BARE_CAPS = re.compile(r"(?:(?<=" + _CJK + r")|(?<=[.!?])|(?<=[.!?]\s))([A-Z]{2})\Z")
#: in Japanese replies the initials may follow a link or an emoji after a space
_BARE_CAPS_CJK = re.compile(r"(?<=\s)([A-Z]{2})\Z")
_HAS_CJK = re.compile(_CJK)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


#: capitalised words that end replies but are not names ("Thanks. Enjoy!" / "Apologies.")
_NOT_NAMES = _wordset(
    """
    thanks thank thx ty cheers regards best apologies sorry enjoy welcome congrats congratulations
    yes yeah yep yay no nope ok okay sure great awesome amazing nice cool perfect lovely wonderful
    done indeed absolutely definitely totally agreed same truth true exactly right correct
    hello hi hey bye goodbye goodnight morning evening night tonight today tomorrow soon please
    help support team us you we me everyone all anytime always again too also here there now
    dm dms pm email chat phone link online store app ios android mac iphone ipad windows xbox
    monday tuesday wednesday thursday friday saturday sunday halloween christmas
    """
)
#: all-capital last words that are abbreviations, not initials
_NOT_INITIALS = _wordset(
    """
    DM PM AM US UK EU OK TV PC ID IT TY PS NY LA SF DC HQ OS
    """
)
#: of those, the ones that are not initials even after a mark ("... via chat/DM")
_NOT_MARKED_INITIALS = _wordset("DM DMS PM US UK EU USA OK TV PC ID IOS FAQ FYI PS")


@lru_cache(maxsize=1)
def _vader_words() -> frozenset[str]:
    """The words of the VADER lexicon (a dependency already): common words, not first names."""
    try:
        raw = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text("utf-8")
    except (OSError, ModuleNotFoundError):  # pragma: no cover - vaderSentiment is a dependency
        return frozenset()
    return frozenset(line.split("\t", 1)[0] for line in raw.splitlines() if line)


def _is_word(name: str) -> bool:
    low = name.lower()
    return low in _NOT_NAMES or low in STOPWORDS or low in _vader_words()


def _normalise(name: str, caret: bool, bare: bool = False) -> str | None:
    n = re.sub(r"[.\s]", "", name)
    if not n:
        return None
    if n.isupper() or (caret and n.islower() and len(n) <= 3):
        n = n.upper()
        if not caret and n in (_NOT_INITIALS if bare else _NOT_MARKED_INITIALS):
            return None
        return n
    if n.lower() in _NOT_NAMES or (bare and _is_word(n)):
        return None
    return n[0].upper() + n[1:]


#: how far from the end of the text (without its tail) a signature is looked for
_WINDOW = 48
_URL_END = re.compile(r"(?:https?://|www\.)\S+\Z", re.IGNORECASE)
_PART_END = re.compile(r"\(?\.{0,3}\s?\d{1,2}\s?/\s?\d{1,2}\s?\)?\Z")


def _tail_start(text: str) -> int:
    """Where the tail (links, part markers, spaces, dots after the last word) of ``text`` starts."""
    end = len(text)
    while end:
        t = text[:end].rstrip().rstrip(".").rstrip()
        if len(t) < end:
            end = len(t)
            continue
        cut = t.rfind(" ") + 1
        token = t[cut:]
        low = token.lower()
        i = max(low.rfind("http"), low.rfind("www."))
        if i >= 0:
            m = _URL_END.search(t, cut + i)
            if m is not None:
                end = m.start()
                continue
        if "/" in t[-8:]:
            m = _PART_END.search(t, max(0, end - 14))
            if m is not None and m.start() < end:
                end = m.start()
                continue
        break
    return end


_PATTERNS = (
    (_CARET, True),
    (_MARK, False),
    (_SIGNOFF, False),
    (_GLUED, False),
    (_BARE_NAME, False),
    (_BARE_CAPS, False),
)
_PATTERNS_CJK = (*_PATTERNS, (_BARE_CAPS_CJK, False))
_BARE = (_GLUED, _BARE_NAME, _BARE_CAPS, _BARE_CAPS_CJK)
#: the characters one of which a pattern's match must contain (its caret, mark or dash)
_NEEDS = {_CARET: "^", _MARK: "-–—~*/=", _GLUED: "-"}


def split_signature(text: str | None) -> tuple[str, str | None]:
    """``(body, agent)``: the reply without its agent signature, and the normalised signature."""
    text = as_text(text)
    if not text:
        return "", None
    end = _tail_start(text)
    head = text[:end]
    patterns = _PATTERNS_CJK if _HAS_CJK.search(head) else _PATTERNS
    pos = max(0, len(head) - _WINDOW)
    window = head[pos:]
    for pattern, caret in patterns:
        # a pattern whose mark is not in the window cannot match there (same result, faster)
        need = _NEEDS.get(pattern)
        if need is not None and not any(c in window for c in need):
            continue
        # a signature sits in the last characters: searching only there keeps the end-anchored
        # patterns cheap (lookbehinds still see the text before ``pos``)
        m = pattern.search(head, pos)
        if m is None:
            continue
        agent = _normalise(m.group(1), caret, bare=pattern in _BARE)
        if agent is None:
            continue
        start = m.start(1) if pattern is _SIGNOFF else m.start()
        rest = text[end:].strip()
        if not rest.strip("."):
            rest = ""
        body = (head[:start].rstrip() + " " + rest).strip()
        return body, agent
    return text, None


def split_signatures(texts: Iterable[str | None]) -> tuple[list[str], list[str | None]]:
    """``split_signature`` of each text (repeated texts are parsed once)."""
    memo: dict[str, tuple[str, str | None]] = {}
    bodies: list[str] = []
    agents: list[str | None] = []
    for t in map(as_text, texts):
        r = memo.get(t)
        if r is None:
            r = memo[t] = split_signature(t)
        bodies.append(r[0])
        agents.append(r[1])
    return bodies, agents


def agent_key(brand: str, agent: str | None) -> str | None:
    """The per-agent key ``"<brand>:<agent>"``; ``None`` when the reply has no signature."""
    if not agent:
        return None
    return f"{brand}:{agent}"
