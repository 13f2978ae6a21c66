"""RE2 (through ``pyarrow.compute``) as an exact pre-filter for Python regexes over many texts.

Most texts match none of a signal's cues, and Python's ``re`` scans each text position by
position, while RE2 (``pc.match_substring_regex``) scans a whole Arrow array with a DFA. RE2
differs from Python ``re`` (``\\b``, ``\\w``, ``\\s`` and ``\\d`` are ASCII-only, case folding
differs for ``İ ı``, no lookarounds or backreferences), so it is not used to *decide*: each
Python pattern is translated (:func:`superset_pattern`, from Python's own parse tree) into an
RE2 pattern that matches **at least** every text the Python pattern matches:

* ``\\w`` becomes ``[0-9A-Za-z_\\x{80}-\\x{10FFFF}]`` (Python's ASCII word characters and
  every other character: RE2 compiles this in a fraction of the time ``[\\pL\\pN\\pM_]``
  takes, and it is compiled again on every call), ``\\d`` ``[0-9\\x{80}-\\x{10FFFF}]``,
  ``\\s`` ``[\\s\\v\\x1c-\\x1f\\x85\\pZ]`` (each a superset of Python's Unicode class,
  checked over every code point in tests/signals/test_re2_filter.py); ``\\W \\D \\S`` stay
  RE2's (ASCII-based, so supersets);
* under IGNORECASE an ASCII letter becomes the explicit class of every character Python
  folds onto it (``i`` also ``İ ı``, ``s`` also ``ſ``, ``k`` also ``K``); a non-ASCII cased
  letter becomes "any character";
* lookarounds and ``\\B`` are dropped (an assertion removed only adds matches); ``\\b`` is kept
  only next to an atom that can only match an ASCII word character (where RE2's ASCII
  boundary is implied by Python's Unicode one), else dropped; ``$`` becomes ``(?m:$)``;
* possessive / atomic / lazy repeats become greedy ones; a counted repeat of a group
  (``(?:\\w+\\s+){0,2}``) becomes ``(?s:.*)`` and ``x{0,40}`` becomes ``x{0,}`` (supersets that
  keep RE2's program small), and so does ``x{40,}`` as ``x{1,}``); backreferences give up (no filter).

The texts RE2 rules out are certainly non-matches; the rest (the candidates, usually a few
percent) are searched with the Python pattern. The result is therefore the Python result
exactly, for any input. Texts that Arrow cannot encode (lone surrogates) all become
candidates.

**The exact pass on ASCII texts** (:func:`search_flags`). On a text made only of ASCII
characters, RE2 and Python agree on ``\\b`` and on every character class once the class is
written out as the ASCII characters Python's own ``re`` matches for it (one ``findall`` over
the 128 characters, under the item's flags). :func:`ascii_exact_pattern` writes such a
pattern, or gives None where it cannot be exact: lookarounds and ``$`` without MULTILINE
(Python's also matches before a final newline) except at the edges below, ``\\B``, atomic and
possessive parts, backreferences.
Lazy repeats stay lazy. ``search_flags`` then decides the ASCII candidates in one RE2 call
and leaves only the others to Python; there, a lookbehind first or a lookahead last in the
pattern may consume what it looks at (``(?<!c)`` as "the start, or a character other than
c"), since only whether a match exists is asked. ``match_counts`` counts the ASCII
candidates' matches of a pattern that never matches empty text with RE2's global replace,
which puts a mark in place of each match (RE2's own count restarts at each match's end as if
the text began there, and would see ``\\b`` where Python does not). RE2 picks Python's
leftmost-first matches, so the counts are Python's.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

try:  # Python 3.11+
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as P  # type: ignore[no-redef]

#: below this many texts the Python pattern alone is as fast
MIN_TEXTS = 64
#: characters Python's IGNORECASE folds onto an ASCII letter besides its two cases
_FOLD_EXTRA = {"i": "\u0130\u0131", "s": "\u017f", "k": "\u212a"}
_WORD = r"0-9A-Za-z_\x{80}-\x{10FFFF}"
_SPACE = r"\t\n\x{0b}\f\r \x{1c}-\x{1f}\x{85}\pZ"
_ANY = r"(?s:.)"
_MAXREP = 1000  # RE2's largest counted repetition
_WIDE_COUNT = 8  # "x{0,40}" becomes "x{0,}" (a superset; a smaller RE2 program)


class _Unsupported(Exception):
    pass


def _esc(ch: str) -> str:
    return ch if ch.isascii() and ch.isalnum() else f"\\x{{{ord(ch):x}}}"


def _fold_chars(ch: str) -> str | None:
    """Every character Python's IGNORECASE matches for ``ch`` (None: not known exactly)."""
    if ch.lower() == ch.upper():
        return ch
    if ch.isascii():
        low = ch.lower()
        return low + low.upper() + _FOLD_EXTRA.get(low, "")
    return None


def _class_item(op, av, ic: bool) -> str | None:
    """One positive class item as RE2 class text (None: any character)."""
    if op is C.LITERAL:
        ch = chr(av)
        chars = _fold_chars(ch) if ic else ch
        return None if chars is None else "".join(_esc(c) for c in chars)
    if op is C.RANGE:
        lo, hi = av
        out = f"{_esc(chr(lo))}-{_esc(chr(hi))}"
        if ic:
            extra = []
            for code in range(lo, hi + 1):
                ch = chr(code)
                if ch.lower() == ch.upper():
                    continue
                chars = _fold_chars(ch)
                if chars is None:
                    return None
                extra.append(chars)
            out += "".join(_esc(c) for c in sorted(set("".join(extra))))
        return out
    if op is C.CATEGORY:
        return {
            C.CATEGORY_WORD: _WORD,
            C.CATEGORY_DIGIT: r"0-9\x{80}-\x{10FFFF}",
            C.CATEGORY_SPACE: _SPACE,
            C.CATEGORY_NOT_WORD: r"\W",
            C.CATEGORY_NOT_DIGIT: r"\D",
            C.CATEGORY_NOT_SPACE: r"\S",
        }.get(av)
    return None


def _negated_item(op, av) -> str:
    """A *subset* of what one item of a negated class matches ("" = drop it)."""
    if op is C.LITERAL:
        return _esc(chr(av))
    if op is C.RANGE:
        return f"{_esc(chr(av[0]))}-{_esc(chr(av[1]))}"
    if op is C.CATEGORY:
        return {C.CATEGORY_WORD: r"\w", C.CATEGORY_DIGIT: r"\d", C.CATEGORY_SPACE: r"\s"}.get(
            av, ""
        )
    return ""


def _in(items, ic: bool) -> str:
    if items and items[0][0] is C.NEGATE:
        # [^X] ⊆ [^Y] when Y ⊆ X: keep a subset of the excluded characters
        kept = "".join(_negated_item(op, av) for op, av in items[1:])
        return f"[^{kept}]" if kept else _ANY
    parts = []
    for op, av in items:
        got = _class_item(op, av, ic)
        if got is None:
            return _ANY
        parts.append(got)
    return f"[{''.join(parts)}]"


def _ascii_word_only(op, av, ic: bool, last: bool) -> bool:
    """True when this atom can only match (at its first/last char) an ASCII word character
    that Python also counts as a word character, whatever the folding."""
    if op is C.LITERAL:
        ch = chr(av)
        if not (ch.isascii() and (ch.isalnum() or ch == "_")):
            return False
        return not (ic and ch.lower() in _FOLD_EXTRA)
    if op is C.IN:
        return not ic and _items_ascii_word(av)
    if op is C.SUBPATTERN:
        _group, add, dele, sub = av
        return _edge_ascii_word(sub.data, _flags_ic(ic, add, dele), last)
    if op is _ATOMIC:
        return _edge_ascii_word(av.data, ic, last)
    if op is C.BRANCH:
        return all(_edge_ascii_word(b.data, ic, last) for b in av[1])
    if op in _REPEATS:
        lo, _hi, sub = av
        return lo >= 1 and _edge_ascii_word(sub.data, ic, last)
    return False


def _items_ascii_word(items) -> bool:
    for op, av in items:
        if op is C.LITERAL:
            ch = chr(av)
            if not (ch.isascii() and (ch.isalnum() or ch == "_")):
                return False
        elif op is C.RANGE:
            lo, hi = av
            for code in range(lo, hi + 1):
                ch = chr(code)
                if not (ch.isascii() and (ch.isalnum() or ch == "_")):
                    return False
        else:
            return False
    return bool(items)


def _edge_ascii_word(seq, ic: bool, last: bool) -> bool:
    if not seq:
        return False
    op, av = seq[-1] if last else seq[0]
    return _ascii_word_only(op, av, ic, last)


def _flags_ic(ic: bool, add: int, dele: int) -> bool:
    if add & re.IGNORECASE:
        return True
    if dele & re.IGNORECASE:
        return False
    return ic


_ATOMIC = getattr(C, "ATOMIC_GROUP", object())
_REPEATS = tuple(
    getattr(C, name)
    for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
    if hasattr(C, name)
)


def _seq(seq, ic: bool, dotall: bool, multi: bool) -> str:
    out = []
    data = list(seq)
    for j, (op, av) in enumerate(data):
        if op is C.LITERAL:
            ch = chr(av)
            chars = _fold_chars(ch) if ic else ch
            if chars is None:
                out.append(_ANY)
            elif len(chars) == 1:
                out.append(_esc(chars))
            else:
                out.append("[" + "".join(_esc(c) for c in chars) + "]")
        elif op is C.NOT_LITERAL:
            out.append(_ANY if ic else f"[^{_esc(chr(av))}]")
        elif op is C.ANY:
            out.append(_ANY if dotall else ".")
        elif op is C.IN:
            out.append(_in(av, ic))
        elif op is C.AT:
            if av is C.AT_BEGINNING:
                out.append("(?m:^)" if multi else "^")
            elif av is C.AT_BEGINNING_STRING:
                out.append(r"\A")
            elif av is C.AT_END:
                out.append("(?m:$)")
            elif av is C.AT_END_STRING:
                out.append(r"\z")
            elif av is C.AT_BOUNDARY:
                after = j + 1 < len(data) and _ascii_word_only(*data[j + 1], ic, False)
                before = j > 0 and _ascii_word_only(*data[j - 1], ic, True)
                if after or before:
                    out.append(r"\b")
            # AT_NON_BOUNDARY: dropped
        elif op is C.BRANCH:
            out.append("(?:" + "|".join(_seq(b.data, ic, dotall, multi) for b in av[1]) + ")")
        elif op is C.SUBPATTERN:
            _group, add, dele, sub = av
            s_dotall = (dotall or bool(add & re.DOTALL)) and not (dele & re.DOTALL)
            s_multi = (multi or bool(add & re.MULTILINE)) and not (dele & re.MULTILINE)
            out.append("(?:" + _seq(sub.data, _flags_ic(ic, add, dele), s_dotall, s_multi) + ")")
        elif op is _ATOMIC:
            out.append("(?:" + _seq(av.data, ic, dotall, multi) + ")")
        elif op in _REPEATS:
            lo, hi, sub = av
            body = "(?:" + _seq(sub.data, ic, dotall, multi) + ")"
            if lo >= _WIDE_COUNT:  # "[\w' ]{40,}" becomes "[\w' ]{1,}": 40 copies of a wide
                lo = 1  # class blow up RE2's DFA (a superset again)
            if hi is not C.MAXREPEAT and hi >= 2 and len(sub.data) > 1:
                # "(?:[\w-]+\s+){0,3}": copies of wide Unicode classes blow up RE2's DFA
                out.append(r"(?s:.*)")
            elif hi is C.MAXREPEAT or hi > _MAXREP or hi >= _WIDE_COUNT:
                out.append(f"{body}{{{lo},}}")
            else:
                out.append(f"{body}{{{lo},{hi}}}")
        elif op in (C.ASSERT, C.ASSERT_NOT):
            pass  # dropped: only adds matches
        else:  # GROUPREF, GROUPREF_EXISTS, anything new
            raise _Unsupported(str(op))
    return "".join(out)


#: every ASCII character, in order (one findall over it lists what a one-character item matches)
_ALL_ASCII = "".join(map(chr, range(128)))
#: an RE2 class that matches nothing
_NEVER = r"[^\x00-\x{10FFFF}]"
#: candidates from which the exact ASCII pass is worth its call
EXACT_MIN = 8
_SINGLE = (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN)


def _ascii_set(op, av, flags: int) -> str:
    """The RE2 class of exactly the ASCII characters one character item matches, asked of
    Python's own ``re`` (one ``findall`` over the 128 ASCII characters)."""
    if op is C.LITERAL and av < 128 and not flags & re.IGNORECASE:
        return _esc(chr(av))
    hits = _ascii_chars(op, av, flags)
    return _class_of("".join(hits)) if hits else _NEVER


def _class_of(chars: str) -> str:
    """An RE2 class of exactly ``chars`` (ascending), consecutive codes as ranges."""
    codes = [ord(c) for c in chars]
    runs, start = [], 0
    for j in range(1, len(codes) + 1):  # consecutive codes as one range
        if j == len(codes) or codes[j] != codes[j - 1] + 1:
            lo, hi = codes[start], codes[j - 1]
            runs.append(f"\\x{{{lo:x}}}" + (f"-\\x{{{hi:x}}}" if hi > lo else ""))
            start = j
    return "[" + "".join(runs) + "]"


def _ascii_chars(op, av, flags: int) -> tuple[str, ...]:
    """The ASCII characters one character item matches under ``flags``."""
    return _item_matches(op, tuple(av) if op is C.IN else av, flags)


@lru_cache(maxsize=4096)
def _item_matches(op, av, flags: int) -> tuple[str, ...]:
    """The ASCII characters one item matches under ``flags`` (a state of its own: a local
    ``(?-i:...)`` is not overridden by the pattern's global flags)."""
    from re import _compiler

    state = P.State()
    state.flags = flags
    sub = P.SubPattern(state, [(op, list(av) if op is C.IN else av)])
    return tuple(_compiler.compile(sub, flags).findall(_ALL_ASCII))


def _exact_seq(seq, flags: int, start: bool = False, end: bool = False) -> str:
    """RE2 text that matches, on a text of ASCII characters only, exactly where the Python
    items ``seq`` match; raises :class:`_Unsupported` where that is not known.

    ``start`` / ``end``: nothing of the pattern comes before / after ``seq`` and only whether
    a match exists is asked (:func:`search_flags`). A lookbehind first or a lookahead last may
    then consume what it looks at: ``(?<=X)`` and ``(?=X)`` become ``X``; ``(?<!c)`` and
    ``(?!c)`` of one character become "the start, or a character other than c" and "another
    character, or the end"."""
    out = []
    last = len(seq) - 1
    for j, (op, av) in enumerate(seq):
        first_, last_ = start and j == 0, end and j == last
        if op in _SINGLE:
            out.append(_ascii_set(op, av, flags))
        elif op is C.AT:
            if av is C.AT_BEGINNING:
                out.append("(?m:^)" if flags & re.MULTILINE else r"\A")
            elif av is C.AT_BEGINNING_STRING:
                out.append(r"\A")
            elif av is C.AT_END and flags & re.MULTILINE:
                out.append("(?m:$)")
            elif av is C.AT_END and last_:  # at the end or before a final newline: consume it
                out.append(r"(?:\n?\z)")
            elif av is C.AT_END_STRING:
                out.append(r"\z")
            elif av is C.AT_BOUNDARY:
                # on ASCII text Python's Unicode word characters are RE2's [0-9A-Za-z_]
                out.append(r"\b")
            else:  # "$" not last (it also matches before a final newline), \B
                raise _Unsupported(str(av))
        elif op is C.BRANCH:
            alts = (_exact_seq(b.data, flags, first_, last_) for b in av[1])
            out.append("(?:" + "|".join(alts) + ")")
        elif op is C.SUBPATTERN:
            _group, add, dele, sub = av
            out.append("(?:" + _exact_seq(sub.data, (flags | add) & ~dele, first_, last_) + ")")
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            # lazy stays lazy: RE2 then picks Python's leftmost-first matches (for the counts)
            lo, hi, sub = av
            if lo > _MAXREP or (hi is not C.MAXREPEAT and hi > _MAXREP):
                raise _Unsupported("repeat")
            body = "(?:" + _exact_seq(sub.data, flags) + ")"
            rep = f"{{{lo},}}" if hi is C.MAXREPEAT else f"{{{lo},{hi}}}"
            out.append(body + rep + ("?" if op is C.MIN_REPEAT else ""))
        elif op in (C.ASSERT, C.ASSERT_NOT) and (first_ if av[0] < 0 else last_):
            out.append(_edge_look(op, av, flags))
        else:  # other lookarounds, atomic and possessive parts, backreferences, anything new
            raise _Unsupported(str(op))
    return "".join(out)


def _edge_look(op, av, flags: int) -> str:
    """A lookbehind first or a lookahead last in the pattern, as RE2 text that consumes."""
    direction, sub = av
    if op is C.ASSERT:  # what it looks at is at the same edge of the pattern
        return "(?:" + _exact_seq(sub.data, flags, direction < 0, direction > 0) + ")"
    if len(sub.data) != 1 or sub.data[0][0] not in _SINGLE:
        raise _Unsupported("negative lookaround of more than one character")
    sop, sav = sub.data[0]
    seen = set(_ascii_chars(sop, sav, flags))
    other = "".join(c for c in _ALL_ASCII if c not in seen)
    cls = _class_of(other)
    if direction < 0:
        return r"(?:\A|" + cls + ")" if other else r"\A"
    return "(?:" + cls + r"|\z)" if other else r"\z"


def ascii_exact_pattern(pattern: re.Pattern[str], edges: bool = False) -> str | None:
    """An RE2 pattern that matches a text of ASCII characters exactly where ``pattern`` does
    (None: not known for this pattern). ``edges``: only whether a match exists is asked, so a
    lookaround at an edge of the pattern may consume (see :func:`_exact_seq`)."""
    return _translate_exact(pattern.pattern, pattern.flags, edges)


@lru_cache(maxsize=512)
def _translate_exact(source: str, flags: int, edges: bool) -> str | None:
    if isinstance(source, bytes):
        return None
    try:
        parsed = P.parse(source, flags)
        g = parsed.state.flags
        if g & re.LOCALE:
            return None
        return _exact_seq(parsed.data, g & ~re.DEBUG, edges, edges)
    except (_Unsupported, re.error, RecursionError):
        return None


@lru_cache(maxsize=512)
def _translate(source: str, flags: int) -> str | None:
    if isinstance(source, bytes):
        return None
    try:
        parsed = P.parse(source, flags)
        g = parsed.state.flags
        return _seq(
            parsed.data, bool(g & re.IGNORECASE), bool(g & re.DOTALL), bool(g & re.MULTILINE)
        )
    except (_Unsupported, re.error, RecursionError):
        return None


def superset_pattern(pattern: re.Pattern[str]) -> str | None:
    """The RE2 pattern matching at least every text ``pattern`` matches (None: none known)."""
    return _translate(pattern.pattern, pattern.flags)


def _arrow(texts: list[str]):
    import pyarrow as pa

    return pa.array(texts, pa.string())


def candidates(pattern: re.Pattern[str], texts: list[str], arrow=None) -> np.ndarray | None:
    """Indices of the texts that may match ``pattern`` (None: every text may)."""
    rx = superset_pattern(pattern)
    if rx is None or len(texts) < MIN_TEXTS:
        return None
    try:
        import pyarrow.compute as pc

        arr = _arrow(texts) if arrow is None else arrow
        hits = pc.match_substring_regex(arr, rx)
    except Exception:  # noqa: BLE001 - unencodable text, RE2 limits: no filter, still exact
        return None
    mask = hits.to_numpy(zero_copy_only=False)
    return np.flatnonzero(mask)


def search_flags(pattern: re.Pattern[str], texts: list[str], arrow=None) -> np.ndarray:
    """1.0 where ``pattern.search`` finds a match in a text, else 0.0 (exactly)."""
    search = pattern.search
    cand = candidates(pattern, texts, arrow)
    if cand is None:
        return np.fromiter(
            (1.0 if search(t) else 0.0 for t in texts), dtype=np.float64, count=len(texts)
        )
    out = np.zeros(len(texts), dtype=np.float64)
    if cand.size >= EXACT_MIN:
        cand = _decide_ascii(pattern, texts, cand, out)
    for i in cand:
        if search(texts[i]):
            out[i] = 1.0
    return out


def _ascii_pass(rx: str | None, texts: list[str], cand: np.ndarray, run):
    """``run(arrow array)`` over the candidates made of ASCII characters only, where ``rx``
    (:func:`ascii_exact_pattern`) is exact: ``(those candidates, run's result as numpy, the
    candidates left to Python)``, or None when RE2 decides none (no pattern, no ASCII
    candidate, an RE2 limit: Python decides them all, still exact)."""
    if rx is None:
        return None
    ascii_ = np.fromiter((texts[i].isascii() for i in cand), dtype=bool, count=cand.size)
    sure = cand[ascii_]
    if not sure.size:
        return None
    try:
        got = run(_arrow([texts[i] for i in sure]))
    except Exception:  # noqa: BLE001 - RE2 limits
        return None
    return sure, got.to_numpy(zero_copy_only=False), cand[~ascii_]


def _decide_ascii(pattern: re.Pattern[str], texts: list[str], cand: np.ndarray, out) -> np.ndarray:
    """Sets ``out`` for the candidates made of ASCII characters only, with RE2 and
    :func:`ascii_exact_pattern` (exact there); returns the candidates left to Python."""
    import pyarrow.compute as pc

    rx = ascii_exact_pattern(pattern, edges=True)
    got = _ascii_pass(rx, texts, cand, lambda arr: pc.match_substring_regex(arr, rx))
    if got is None:
        return cand
    sure, hits, rest = got
    out[sure[hits]] = 1.0
    return rest


def match_counts(pattern: re.Pattern[str], texts: list[str], arrow=None) -> np.ndarray:
    """``len(pattern.findall(text))`` per text (exactly)."""
    findall = pattern.findall
    cand = candidates(pattern, texts, arrow)
    if cand is None:
        return np.fromiter((len(findall(t)) for t in texts), dtype=np.float64, count=len(texts))
    out = np.zeros(len(texts), dtype=np.float64)
    if cand.size >= EXACT_MIN and _never_empty(pattern):
        cand = _count_ascii(pattern, texts, cand, out)
    for i in cand:
        out[i] = len(findall(texts[i]))
    return out


@lru_cache(maxsize=512)
def _min_width(source: str, flags: int) -> int:
    return P.parse(source, flags).getwidth()[0]


def _never_empty(pattern: re.Pattern[str]) -> bool:
    """True when every match of ``pattern`` is at least one character long."""
    try:
        return _min_width(pattern.pattern, pattern.flags) > 0
    except (re.error, RecursionError):
        return False


#: what :func:`_count_ascii` puts in place of each match (never in an ASCII text)
_MARK = "\u0080"


def _count_ascii(pattern, texts: list[str], cand: np.ndarray, out) -> np.ndarray:
    """Sets ``out`` for the ASCII candidates to ``len(pattern.findall(text))``: RE2's global
    replace puts a mark in place of each match, and the marks are counted. Its matches are
    Python's: leftmost-first, one after the other, with the text around them in view (for
    ``\\b``), lazy repeats kept, and no empty match (the caller checks). RE2's own count
    would not do: it restarts at each match's end as if the text began there. Returns the
    candidates left to Python."""
    import pyarrow.compute as pc

    rx = ascii_exact_pattern(pattern)
    got = _ascii_pass(
        rx,
        texts,
        cand,
        lambda arr: pc.count_substring(pc.replace_substring_regex(arr, rx, _MARK), _MARK),
    )
    if got is None:
        return cand
    sure, counts, rest = got
    out[sure] = counts
    return rest


def sub_all(pattern: re.Pattern[str], repl: str, texts: list[str], arrow=None) -> list[str]:
    """``[pattern.sub(repl, t) for t in texts]`` (exactly): a text RE2 rules out is unchanged."""
    cand = candidates(pattern, texts, arrow)
    if cand is None:
        return [pattern.sub(repl, t) for t in texts]
    out = list(texts)
    sub = pattern.sub
    for i in cand:
        out[i] = sub(repl, texts[i])
    return out
