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


def test_superset_pattern_keeps_boundaries_next_to_ascii_letters_only():
    # \b before a plain letter is kept (RE2's ASCII boundary is implied there) ...
    assert re2filter.superset_pattern(re.compile(r"\bsorry\b")) == r"\bsorry\b"
    # ... dropped before \w (which may be a non-ASCII letter) and next to i/k/s when case is folded
    assert re2filter.superset_pattern(re.compile(r"\b\w+")) == r"(?:[\pL\pN\pM_]){1,}"
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
