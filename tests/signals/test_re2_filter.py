"""The RE2 pre-filter (signals/re2filter.py) never changes a result: hand-written non-Latin,
emoji and Unicode-boundary texts, where RE2's ASCII ``\\b \\w \\s`` and its case folding differ
from Python ``re``."""

from __future__ import annotations

import re

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from brandcouch.signals import re2filter
from brandcouch.signals.apology import APOLOGY
from brandcouch.signals.gratitude import GRATITUDE
from brandcouch.signals.question import QUESTION_RE, is_question
from brandcouch.signals.textutil import PROBLEM_RE, clean, regex_counts, regex_flags

# each line: a case where RE2 and Python disagree on a piece of the pattern
HAND = [
    "sorry",  # plain
    "Sorry İstanbul",  # İ folds to i only in Python
    "İ am SORRY",
    "ſorry about that",  # long s folds to s in Python
    "KIND regards",  # Kelvin sign folds to k in Python
    "sorryé",  # Python: no boundary between y and é (both \w); RE2: a boundary
    "ésorry",
    "naïve sorry",
    "日本語 sorry です",
    "申し訳ございません",  # Japanese apology, no Latin cue
    "😀 thanks so much 🙏🏽",
    "thanks\u00a0so\u00a0much",  # no-break spaces: \s in Python, not in RE2's \s
    "still\u000bbroken",  # vertical tab: \s in Python, not in RE2's \s
    "still\u2003broken",  # em space
    "not ２ working",  # full-width digit: \d in Python
    "why is it late？",  # full-width question mark: no '?'
    "why is it late?",
    "Привет, sorry за задержку",
    "مرحبا sorry",
    "thanks\u0301 a lot",  # combining mark after a word
    "",
    "   ",
    "x" * 300 + " sorry",
]


def _texts() -> list[str]:
    # enough texts for the filter to be used (it is skipped below re2filter.MIN_TEXTS)
    return HAND * (re2filter.MIN_TEXTS // len(HAND) + 2)


def _plain_flags(pattern: re.Pattern, texts: list[str]) -> np.ndarray:
    return np.array([1.0 if pattern.search(t) else 0.0 for t in texts])


def test_python_folds_these_letters_and_re2_needs_help():
    # the reason for re2filter's explicit fold classes (checked over every code point by hand)
    assert re.fullmatch("i", "İ", re.IGNORECASE) and re.fullmatch("i", "ı", re.IGNORECASE)
    assert re.fullmatch("s", "ſ", re.IGNORECASE) and re.fullmatch("k", "K", re.IGNORECASE)
    hits = pc.match_substring_regex(pa.array(["İ", "ı"]), "(?i)i").to_pylist()
    assert hits == [False, False]


def test_the_class_supersets_hold_over_every_code_point():
    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    arr = pa.array(chars)
    for src in (r"\w", r"\d", r"\s", r"[\w-]", r"\W", r"\D", r"\S", r"[^\w\s]"):
        python = re.compile(src)
        got = np.asarray(pc.match_substring_regex(arr, re2filter.superset_pattern(python)))
        want = np.fromiter((python.match(c) is not None for c in chars), bool, len(chars))
        assert not (want & ~got).any(), src  # RE2's class misses no character Python's has


def test_superset_pattern_keeps_boundaries_next_to_ascii_letters_only():
    # \b before a plain letter is kept (RE2's ASCII boundary is implied there) ...
    assert re2filter.superset_pattern(re.compile(r"\bsorry\b")) == r"\bsorry\b"
    # ... dropped before \w (which may be a non-ASCII letter) and next to i/k/s when case is folded
    assert (
        re2filter.superset_pattern(re.compile(r"\b\w+")) == r"(?:[0-9A-Za-z_\x{80}-\x{10FFFF}]){1,}"
    )
    assert (
        re2filter.superset_pattern(re.compile(r"\bkind", re.I))
        == r"[kK\x{212a}][iI\x{130}\x{131}]" + "[nN][dD]"
    )
    # lookarounds are dropped, backreferences give no filter
    assert re2filter.superset_pattern(re.compile(r"(?<!@)ab(?=c)")) == "ab"
    assert re2filter.superset_pattern(re.compile(r"(a)\1")) is None


def test_flags_and_counts_equal_python_on_non_latin_text():
    texts = _texts()
    for pattern in (
        PROBLEM_RE,
        QUESTION_RE,
        re.compile(r"\bsorry\b", re.I),
        re.compile(r"\d\s+\w"),
    ):
        assert regex_flags(pattern, texts).tolist() == _plain_flags(pattern, texts).tolist()
        want = [float(len(pattern.findall(t))) for t in texts]
        assert regex_counts(pattern, texts).tolist() == want


def test_boundary_cases_by_hand():
    texts = _texts()
    sorry = regex_flags(re.compile(r"\bsorry\b", re.I), texts)[: len(HAND)]
    by_text = dict(zip(HAND, sorry, strict=True))
    assert by_text["sorry"] == 1.0
    assert by_text["sorryé"] == 0.0 and by_text["ésorry"] == 0.0  # Unicode \b, as Python
    assert by_text["ſorry about that"] == 1.0  # long s folds, as Python
    assert by_text["日本語 sorry です"] == 1.0
    assert by_text["申し訳ございません"] == 0.0
    kind = regex_flags(re.compile(r"\bkind\b", re.I), texts)[: len(HAND)]
    assert dict(zip(HAND, kind, strict=True))["KIND regards"] == 1.0
    space = regex_flags(re.compile(r"still\s+broken"), texts)[: len(HAND)]
    got = dict(zip(HAND, space, strict=True))
    assert got["still\u000bbroken"] == 1.0 and got["still\u2003broken"] == 1.0


def test_lexicons_and_question_equal_the_one_by_one_path():
    texts = _texts()
    for lex in (APOLOGY, GRATITUDE):
        assert lex.score(texts).tolist() == [lex.score_one(t) for t in texts]
    want = [1.0 if t and QUESTION_RE.search(clean(t)) else 0.0 for t in texts]
    assert is_question(texts).tolist() == want
    assert is_question(texts)[HAND.index("why is it late?")] == 1.0
    assert is_question(texts)[HAND.index("why is it late？")] == 1.0  # "why is": a wh-question


def test_unencodable_text_falls_back_to_python():
    texts = _texts() + ["sorry \ud800 lone surrogate"]
    pattern = re.compile(r"\bsorry\b", re.I)
    assert regex_flags(pattern, texts).tolist() == _plain_flags(pattern, texts).tolist()


def test_a_long_counted_repeat_becomes_a_short_one_and_stays_a_superset():
    # "[\w' ]{40,}": forty copies of a wide Unicode class made one act pattern 14x slower
    # in RE2 than its neighbours (a DFA blow-up); from 8 copies on the filter asks for one
    long_run = re.compile(r"\bonly (?:the )?[\w' ]{40,} can \w+")
    assert re2filter.superset_pattern(long_run).count("{1,}") >= 2
    assert "{40" not in re2filter.superset_pattern(long_run)
    assert re2filter.superset_pattern(re.compile(r"a{3,}")) == "(?:a){3,}"  # short: kept
    texts = _texts() + [
        "only " + "x" * 40 + " can fix",  # 40 characters between: a match
        "only " + "x" * 39 + " can fix",  # 39 (the space is needed after): a candidate only
        "only the people in the billing team at head office can help",
    ]
    assert regex_flags(long_run, texts).tolist() == _plain_flags(long_run, texts).tolist()
    assert regex_flags(long_run, texts)[-3:].tolist() == [1.0, 0.0, 1.0]


# -- the exact pass on ASCII texts -----------------------------------------------------------


def _signal_patterns() -> list[re.Pattern]:
    """Every compiled pattern the signal modules hold (module globals, tuples, lists, dicts)."""
    import importlib
    import pkgutil

    import brandcouch.signals as pkg

    found: dict[tuple[str, int], re.Pattern] = {}

    def walk(obj, depth: int = 0) -> None:
        if isinstance(obj, re.Pattern) and isinstance(obj.pattern, str):
            found[(obj.pattern, obj.flags)] = obj
        elif depth < 3 and isinstance(obj, (tuple, list, frozenset, set)):
            for x in obj:
                walk(x, depth + 1)
        elif depth < 3 and isinstance(obj, dict):
            for x in obj.values():
                walk(x, depth + 1)

    for info in pkgutil.iter_modules(pkg.__path__):
        mod = importlib.import_module(f"brandcouch.signals.{info.name}")
        for value in vars(mod).values():
            walk(value)
    return list(found.values())


def _ascii_texts(patterns: list[re.Pattern], n: int = 4000) -> list[str]:
    """Seeded ASCII texts made of the patterns' own words, in mixed case, with punctuation,
    digits, control characters Python counts as spaces (\\x0b, \\x1c) and newlines."""
    import random

    rng = random.Random(15)
    words = sorted({w for p in patterns for w in re.findall(r"[A-Za-z']{2,}", p.pattern)})
    extra = ["?", "!", ".", ",", "@AppleSupport", "https://t.co/x", "42", "10%", "'", "-", ":)"]
    seps = [" "] * 12 + ["  ", "\n", "\t", "\x0b", "\x1c", ""]
    out = []
    for _ in range(n):
        toks = [
            rng.choice(words if rng.random() < 0.8 else extra) for _ in range(rng.randint(1, 14))
        ]
        toks = [
            t.upper() if rng.random() < 0.1 else t.capitalize() if rng.random() < 0.2 else t
            for t in toks
        ]
        out.append("".join(t + rng.choice(seps) for t in toks).strip(" "))
    return out


def test_exact_pattern_by_hand():
    exact = re2filter.ascii_exact_pattern
    assert exact(re.compile(r"\bsorry\b")) == r"\bsorry\b"
    assert exact(re.compile(r"[^?]{0,40}?\?")) == r"(?:[\x{0}-\x{3e}\x{40}-\x{7f}]){0,40}?\x{3f}"
    # Python's \s on ASCII: \t-\r and \x1c-\x1f besides the space
    assert exact(re.compile(r"\s")) == r"[\x{9}-\x{d}\x{1c}-\x{20}]"
    # a local flag is the item's own: (?-i:b) matches only "b"
    assert exact(re.compile(r"(?i:a(?-i:b))")) == r"(?:[\x{41}\x{61}](?:b))"
    assert exact(re.compile("k", re.I)) == r"[\x{4b}\x{6b}]"  # the Kelvin sign is not ASCII
    # a non-ASCII letter never matches an ASCII text
    assert exact(re.compile("café")) == r"caf[^\x00-\x{10FFFF}]"
    # not translated: lookarounds, "$" without MULTILINE (it also matches before a final
    # newline), \B, atomic and possessive parts, backreferences
    for src in (r"(?<!@)ab", r"ab$", r"a\B", r"(?>ab)", r"a++", r"(a)\1"):
        assert exact(re.compile(src)) is None, src
    assert exact(re.compile(r"a$b|c"), edges=True) is None  # "$" not last
    assert exact(re.compile(r"(?m)^ab$")) == "(?m:^)ab(?m:$)"
    assert exact(re.compile(r"a+?b{2,}?")) == "(?:a){1,}?(?:b){2,}?"  # lazy stays lazy (counts)


def test_lookarounds_at_the_edges_consume_when_only_a_match_is_asked():
    exact = re2filter.ascii_exact_pattern
    # "(?<!x)" first: the start, or a character other than x; "(?!x)" last: another or the end
    other_than_at = r"[\x{0}-\x{3f}\x{41}-\x{7f}]"
    assert exact(re.compile(r"(?<!@)ab"), edges=True) == r"(?:\A|" + other_than_at + ")ab"
    assert exact(re.compile(r"ab(?!@)"), edges=True) == "ab(?:" + other_than_at + r"|\z)"
    assert exact(re.compile(r"(?<=@)ab|cd(?=x)"), edges=True) == r"(?:(?:\x{40})ab|cd(?:x))"
    # not at an edge, of more than one character, or for counts (the spans would change)
    for src in (r"a(?<!@)b", r"a(?!b)c", r"(?<!ab)c", r"(?!ab)c|d(?!ab)"):
        assert exact(re.compile(src), edges=True) is None, src
    assert exact(re.compile(r"(?<!@)ab")) is None
    texts = ["ab", "@ab", "x@ab", "xab", "ab@", "aba", "", "a b"] * 10
    for src in (r"(?<!@)ab", r"ab(?!@)", r"(?<![\w@])ab\b", r"(?i)(?<=x)AB|b(?=A)"):
        p = re.compile(src)
        assert regex_flags(p, texts).tolist() == _plain_flags(p, texts).tolist(), src
    assert regex_flags(re.compile(r"(?<!@)ab"), texts)[:4].tolist() == [1.0, 0.0, 0.0, 1.0]
    # "$" last: the end, or before a final newline (consumed); "ab\n\n" has neither
    assert exact(re.compile(r"ab$"), edges=True) == r"ab(?:\n?\z)"
    assert exact(re.compile(r"ab$|c"), edges=True) == r"(?:ab(?:\n?\z)|c)"
    assert exact(re.compile(r"a(?=b$)"), edges=True) == r"a(?:b(?:\n?\z))"
    ends = ["ab", "ab\n", "ab\n\n", "ab c", "xab", "ab\nc"] * 12
    for src in (r"ab$", r"b(?=\s|$)", r"\?\W*$"):
        p = re.compile(src)
        assert regex_flags(p, ends).tolist() == _plain_flags(p, ends).tolist(), src
    assert regex_flags(re.compile(r"ab$"), ends)[:6].tolist() == [1, 1, 0, 0, 1, 0]


def test_count_pass_by_hand():
    # RE2's own count restarts at each match's end as if the text began there: "\bx" twice in
    # "xx"; the count pass keeps the text around each match in view, as Python's findall
    assert pc.count_substring_regex(pa.array(["xx"]), r"\bx").to_pylist() == [2]
    texts = ["xx", "x x xx", "abab", "aaa", "no no\x0bno not working", "caf\u00e9 xx"] * 12
    for src, want in (
        (r"\bx", [1, 3, 0, 0, 0, 1]),
        (r"a|ab", [0, 0, 2, 3, 0, 1]),
        (r"a+?", [0, 0, 2, 3, 0, 1]),
        (r"\bno\s", [0, 0, 0, 0, 3, 0]),
    ):
        p = re.compile(src)
        assert regex_counts(p, texts).tolist() == [float(len(p.findall(t))) for t in texts]
        assert regex_counts(p, texts)[:6].tolist() == want, src
    # a pattern that can match empty text is counted by Python alone
    assert not re2filter._never_empty(re.compile(r"x*"))
    assert regex_counts(re.compile(r"x*"), texts)[:2].tolist() == [2.0, 6.0]


def test_exact_pass_equals_python_on_every_signal_pattern():
    patterns = _signal_patterns()
    assert len(patterns) > 60  # the modules were found
    translated = [p for p in patterns if re2filter.ascii_exact_pattern(p, edges=True)]
    assert len(translated) > len(patterns) // 2
    hit = _check_exact(translated, _ascii_texts(patterns))
    assert hit > len(translated) // 2  # the texts exercise most patterns, not just their misses


def _check_exact(translated: list[re.Pattern], texts: list[str]) -> int:
    """Asserts the exact RE2 pattern and ``regex_flags`` equal Python on ``texts``; returns how
    many patterns match at least one text."""
    arr = pa.array(texts)
    hit = 0
    for p in translated:
        want = [bool(p.search(t)) for t in texts]
        rx = re2filter.ascii_exact_pattern(p, edges=True)
        assert pc.match_substring_regex(arr, rx).to_pylist() == want, p.pattern
        if (rx := re2filter.ascii_exact_pattern(p)) is not None:  # no lookaround consumed
            assert pc.match_substring_regex(arr, rx).to_pylist() == want, p.pattern
        assert regex_flags(p, texts).tolist() == [float(w) for w in want], p.pattern
        if re2filter._never_empty(p):  # the count pass
            want_n = [float(len(p.findall(t))) for t in texts]
            assert regex_counts(p, texts).tolist() == want_n, p.pattern
        hit += any(want)
    return hit


def test_exact_pass_equals_python_on_real_care_tweets():
    import csv

    from tests.conftest import shared_path

    path = shared_path("data", "twcs", "twcs_head5000.csv")
    with open(path, encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f) if row["text"].isascii()]
    assert len(texts) > 3000
    translated = [p for p in _signal_patterns() if re2filter.ascii_exact_pattern(p, edges=True)]
    assert _check_exact(translated, texts) > len(translated) // 2


def test_exact_pass_leaves_non_ascii_candidates_to_python():
    pattern = re.compile(r"\bsorry\b", re.I)
    texts = _texts() + ["sorry", "SORRY!", "sorryé", "ſorry", "sorry 😀", "not sorry\u00a0"] * 3
    calls = []

    class Spy:  # the pattern, counting the texts Python is asked about
        def __init__(self, inner: re.Pattern):
            self.pattern, self.flags, self.inner = inner.pattern, inner.flags, inner

        def search(self, text):
            calls.append(text)
            return self.inner.search(text)

    got = re2filter.search_flags(Spy(pattern), texts)  # type: ignore[arg-type]
    assert got.tolist() == _plain_flags(pattern, texts).tolist()
    assert calls and all(not t.isascii() for t in calls)  # ASCII candidates: decided by RE2
