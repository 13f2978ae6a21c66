"""The compiled VADER (signals/_vader.c, issue 15) gives vaderSentiment's polarity_scores exactly.

vader_scores (sentiment, and three of the complaint model's features) comes from the C extension
where it is built and from vaderSentiment 3.3.2 where it is not: the four floats must be ==
equal, not approximately, or a text would score differently on a machine without a compiler.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandcouch.signals import batchcache, sentiment
from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
ext = sentiment.compiled_vader()
needs_ext = pytest.mark.skipif(ext is None, reason="the C extension is not built (no compiler)")


def library(texts: list[str]) -> np.ndarray:
    """polarity_scores itself, (compound, neg, neu, pos) per text; zeros for blank text as
    vader_scores gives"""
    scores = sentiment._analyzer().polarity_scores
    out = np.zeros((len(texts), 4), dtype=np.float64)
    for i, t in enumerate(texts):
        if t.strip():
            d = scores(t)
            out[i] = [d[k] for k in sentiment.VADER_KEYS]
    return out


def compiled(texts: list[str]) -> np.ndarray:
    return np.frombuffer(ext.scores(texts), dtype=np.float64).reshape(len(texts), 4)


def assert_same(texts: list[str]) -> None:
    want, got = library(texts), compiled(texts)
    bad = [i for i in range(len(texts)) if not np.array_equal(want[i], got[i])]
    assert not bad, [(texts[i][:120], want[i].tolist(), got[i].tolist()) for i in bad[:5]]


# every rule of vaderSentiment.py, one or more texts each
# fmt: off
RULES = [
    # emoji: one character replaced by its description, a space before it unless after " ";
    # skin tones, ZWJ sequences, variation selectors, flags (two characters, not keys), © ®
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "love it😍😍😍!!",
    "👍🏽 thanks", "👍🏿👎🏻", "👨‍👩‍👧 family", "🏳️‍🌈 pride", "❤️ ok", "♥", "🇺🇸🇬🇧 flags",
    "©2020 ®", "x😀y", " 😀 ", "\t😀", "😀\u00a0😀", "☹️☹️ sad", "🙂:)", "😡😡😡 ANGRY",
    # ALL CAPS among mixed case, all words in caps, caps boosters
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is smart, handsome, and funny.", "GOOD", "GOOD BAD", "GOOD bad", "I LOVE it",
    "this is SO good", "SO GOOD", "it is EXTREMELY bad", "it is extremely BAD", "A1 good",
    # boosters and dampeners, at distance 1, 2, 3; "kind of", "sort of", "just enough"
    "very good", "very very good", "really very good", "totally really very good",
    "The book was only kind of good.", "kind of bad", "it is kind of", "kind", "kinda good",
    "sort of nice", "just enough good", "hardly good", "barely bad", "kind-of great",
    # "no": standalone, negating the next word, 2 and 3 words back, with "or"/"nor"
    "no", "no good", "no problem", "no no good", "no really good", "no fun or good",
    "no fun nor great", "no, not good", "no x y good", "good no", "NO GOOD",
    # negations and "n't", at distance 1, 2, 3
    "not good", "isn't good", "not very good", "never really very good", "wasn't bad",
    "didnt like", "Not bad at all", "nothing good here", "aint great", "without love",
    "uh-uh nice", "don’t like",  # (a typographic apostrophe: not "n't")
    # never so/this, without doubt
    "Sentiment analysis has never been good.", "Sentiment analysis has never been this good!",
    "never so good", "never this bad", "never so very good", "so good", "this good",
    "Without a doubt, excellent idea.", "Without a doubt, an excellent idea.", "without doubt good",
    "without doubt a good", "without any doubt good",
    # least, at least, very least
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "the very least good", "least good", "at least it isn't a horrible book.", "least",
    # but / BUT, several, and the first-equal-value quirk of _but_check
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today only kinda sux! But I'll get by, lol", "good BUT bad", "good good but bad bad",
    "bad but good but great", "but good", "good but", "nice nice but nice nice", "but",
    # special cases and multiword boosters, before and after
    "With VADER, sentiment analysis is the shit!", "the bomb", "that was the bomb dot com",
    "yeah right", "oh yeah right great", "kiss of death", "the kiss of death for us",
    "to die for", "this cake is to die for", "bad ass", "badass", "such a badass!",
    "beating heart", "at the bus stop", "the shit really", "Not such a badass after all.",
    "cut the mustard", "under the weather", "oh my a kiss of death", "oh my a kiss of death now",
    "we are a bad ass", "we are a bad ass team", "and i said yeah right",
    # punctuation emphasis: "!" up to 4, "?" 2-3 or more, and on neutral text
    "good!", "good!!", "good!!!!", "good!!!!!!!", "good?", "good??", "good???", "good????",
    "bad!!!??", "?", "???", "!!!!!", "hello!!!", "good ! ! !",
    # tokens: punctuation stripped unless <= 2 characters remain, emoticons, contractions
    ":)", ":(", ":-)", "(good)", "'good'", "--good--", ":D", "good.", "ok.", "...", "ok",
    "'", ":/", "<3", "</3", "good...bad", "x.good", "I'm fine", "hm,good",
    # non-ASCII case: İ lowers to two characters, ß, the Kelvin sign, Greek final sigma,
    # title case letters, uppercase non-Latin words among lowercase ones
    "İ LOVE ß", "İYİ good", "straße GOOD", "\u212a good", "ΣΑΣ good", "ΣΊΣΥΦΟΣ GREAT bad",
    "ǅemal good", "ǄEMAL good", "ÉTÉ GOOD bad", "ПЛОХО good", "日本 good", "ＧＯＯＤ ｇｏｏｄ",
    "Ｇood", "ﬁne GOOD", "ΣΣ", "GOOD Ⅻ", "ǈ", "ÉTÉ GOOD", "ПЛОХО GOOD",
    "\u212aINDA good", "it is \u212aind of good", "no \u212aind", "İ good",
    # Unicode whitespace and lone surrogates
    "good\u2003bad\u3000nice\nok\tfine\u00a0x", "\u2028good\u2029", "bad \ud800 text",
    "\udfff", "good\ud83d", "\ud83d\ude00",
    # empty and blank
    "", " ", "   ", "\t\n", "\u3000", "\u00a0",
]
# fmt: on


@needs_ext
def test_compiled_equals_the_library_on_every_rule():
    assert_same(RULES)


@needs_ext
def test_compiled_equals_the_library_on_every_whitespace_character():
    # str.split() and str.strip() split on all 29 characters str.isspace() accepts, the ASCII
    # separators 0x1c-0x1f included; U+200B and U+180E are not whitespace
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()] + ["\u200b", "\u180e"]
    assert len(spaces) == 31
    assert_same([f"good{w}bad{w}GREAT" for w in spaces] + [f"{w}:){w}" for w in spaces] + spaces)


@needs_ext
def test_compiled_equals_the_library_on_long_texts():
    # vaderSentiment is quadratic in the number of words (it lowercases the whole word list
    # for every rule it checks): 3,000 words here take it about 0.3 s; the values are the same
    texts = [":) the " * 1000, "😀x" * 1000, "good but " * 1000, "bad " * 500 + "BUT good " * 500]
    assert_same(texts)


@needs_ext
def test_compiled_equals_the_library_on_every_golden_input():
    """Every text of the golden inputs: the TWCS head (5,000 tweets) and the 19,500 VADER
    ground-truth snippets."""
    shared = shared_path("data", "twcs", "twcs_head5000.csv").parents[2]
    shared_path("data", "vader-groundtruth")
    spec = importlib.util.spec_from_file_location(
        "make_signal_golden", ROOT / "scripts" / "make_signal_golden.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    texts, parents = mod.load_inputs(shared)
    assert len(texts) > 24000
    assert_same(texts)
    assert_same([p for p in parents if p])


@needs_ext
def test_but_rule_equals_the_library_on_both_paths():
    """_but_check's quirk (list.index finds the first EQUAL value, and earlier changes make
    later values match other positions): the scan (short texts) and the per-value heaps (long
    texts) give the library's list, on values that chain (1.9 * 0.5 = 0.95, 0.95 * 1.5 ...)."""
    import math
    import random

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    rng = random.Random(15)
    pool = [0.0, -0.0, 1.9, 0.95, 2.85, 0.475, 1.425, -2.5, -1.25, -3.75, 3.8, 1.9 * 1.5 * 0.5]
    for trial in range(400):
        n = rng.randint(1, 12) if trial < 200 else rng.randint(13, 300)
        values = [rng.choice(pool[: rng.randint(1, len(pool))]) for _ in range(n)]
        bi = rng.randrange(n)
        words = ["x"] * n
        words[bi] = "but" if trial % 2 else "BUT"
        want = SentimentIntensityAnalyzer._but_check(words, list(values))
        for heaps in (False, True):
            got = ext._but_check(values, bi, heaps)
            assert got == want, (values, bi, heaps)
            assert [math.copysign(1, g) for g in got] == [math.copysign(1, w) for w in want]
    # and the two paths against each other on many more lists with chains of 0.5x and 1.5x
    for _ in range(3000):
        base = [rng.choice([1.9, -2.5, 2.0, 0.5, 3.1]) for _ in range(rng.randint(1, 3))]
        pool = [0.0, -0.0] + [b * f for b in base for f in (1, 0.5, 1.5, 0.25, 0.75, 2.25)]
        values = [rng.choice(pool) for _ in range(rng.randint(2, 200))]
        bi = rng.randrange(len(values))
        scan, heaps = ext._but_check(values, bi, False), ext._but_check(values, bi, True)
        assert scan == heaps
        assert [math.copysign(1, g) for g in scan] == [math.copysign(1, w) for w in heaps]


@needs_ext
def test_compiled_equals_the_library_on_texts_longer_than_the_scan():
    # texts of more than 64 words take the heap path of the "but" rule
    import random

    rng = random.Random(15)
    words = _words()
    texts = []
    for _ in range(60):
        ws = [rng.choice(words) for _ in range(rng.randint(65, 300))]
        for _ in range(rng.randint(1, 3)):
            ws.insert(rng.randrange(len(ws)), rng.choice(["but", "BUT", "But"]))
        texts.append(" ".join(ws))
    assert_same(texts)


@needs_ext
def test_rounding_is_pythons_round():
    """The extension rounds without calling Python except within 1e-6 of a tie: the same
    floats as round(x, 3) and round(x, 4), sign of zero included, on ties (0.0625 is exactly
    a tie at 3 decimals and rounds to even), values next to ties, and random values."""
    import math
    import random

    rng = random.Random(15)
    values = [0.0625, -0.0625, 0.0005, 0.00025, 0.9995, -0.99995, 0.0, -0.0, -1e-9, 1.0, -1.0]
    values += [k / 2000 for k in range(-2000, 2001)] + [k / 20000 for k in range(-20000, 20001)]
    values += [math.nextafter(k / 2000, 1) for k in range(-2000, 2001)]
    values += [math.nextafter(k / 20000, -1) for k in range(-20000, 20001)]
    values += [rng.uniform(-1, 1) for _ in range(50000)]
    values += [rng.random() * 10 ** -rng.randint(0, 8) for _ in range(20000)]
    values += [12345.6785, 1e300, float("inf"), -float("inf")]
    for nd in (3, 4):
        got = [ext.round_(x, nd) for x in values]
        want = [round(x, nd) for x in values]
        assert got == want
        assert [math.copysign(1, g) for g in got] == [math.copysign(1, w) for w in want]
    assert math.isnan(ext.round_(float("nan"), 3))
    assert ext.round_(0.0625, 3) == 0.062 and ext.round_(0.0635, 3) == round(0.0635, 3)


def test_hand_checked_values():
    # "good" (lexicon 1.9): sentiments [1.9]; compound 1.9 / sqrt(1.9² + 15) = 1.9 / 4.3139
    # = 0.44043 -> 0.4404; pos_sum 1.9 + 1 = 2.9, total 2.9: pos 1.0
    # "not bad!": "not" (not in the lexicon) 0, "bad" -2.5 negated by "not": -2.5 * -0.74
    # = 1.85; one "!" adds 0.292: 2.142 / sqrt(2.142² + 15) = 2.142 / 4.42585 = 0.48398 ->
    # 0.484; pos_sum 2.85 + 0.292 = 3.142, neu 1, total 4.142: pos 0.75857 -> 0.759,
    # neu 0.24143 -> 0.241
    # "good but bad": [1.9, 0, -2.5], "but" halves before, 1.5x after: [0.95, 0, -3.75],
    # sum -2.8: -2.8 / sqrt(7.84 + 15) = -2.8 / 4.77912 = -0.58588 -> -0.5859; pos_sum 1.95,
    # neg_sum -4.75, neu 1, total 7.7: neg 0.61688 -> 0.617, neu 0.12987 -> 0.13,
    # pos 0.25325 -> 0.253
    want = [
        [0.4404, 0.0, 0.0, 1.0],
        [0.484, 0.0, 0.241, 0.759],
        [-0.5859, 0.617, 0.13, 0.253],
        [0.0, 0.0, 0.0, 0.0],
    ]
    batchcache.clear()
    got = sentiment.vader_scores(["good", "not bad!", "good but bad", "  "])
    batchcache.clear()
    assert got.tolist() == want
    if ext is not None:
        assert compiled(["good", "not bad!", "good but bad", "  "]).tolist() == want


def _words() -> list[str]:
    import vaderSentiment.vaderSentiment as vs

    lexicon = sentiment._analyzer().lexicon
    emojis = [k for k in sentiment._analyzer().emojis if len(k) == 1]
    common = ["good", "bad", "great", "love", "hate", "nice", "awful", "fun", "problem", ":)",
              ":(", "lol", "sux", "ok", "wtf", "no", "yes", "like", "help", "sorry", "thanks"]  # fmt: skip
    rules = ["no", "or", "nor", "but", "kind", "of", "least", "at", "very", "never", "so",
             "this", "without", "doubt", "the", "bomb", "shit", "yeah", "right", "kiss",
             "death", "to", "die", "for", "bad", "ass", "sort", "just", "enough", "bus",
             "stop", "beating", "heart", "isn't", "n't", "x", "İ", "ß", "\u212a", "Σ",
             "ΑΣ", "\ud800", "ǅ"]  # fmt: skip
    return (
        common
        + rules
        + sorted(lexicon)[::37]
        + sorted(vs.BOOSTER_DICT)
        + vs.NEGATE
        + emojis[::9]
        + ["👍🏽", "👨‍👩‍👧", "❤️", "🏻", "\u200d"]
    )


WORDS = _words()
CASES = st.sampled_from(["same", "upper", "title", "lower", "swap"])
PUNCT = st.sampled_from(["", "", "", "!", "!!", "?", "???", ".", ",", "'", ":)", "...", "!?"])
SEPS = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\u00a0", "\u2003", ""])


@st.composite
def texts(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        w = draw(st.sampled_from(WORDS))
        case = draw(CASES)
        w = {"upper": w.upper(), "title": w.title(), "lower": w.lower(),
             "swap": w.swapcase()}.get(case, w)  # fmt: skip
        parts.append(draw(PUNCT) + w + draw(PUNCT) if draw(st.booleans()) else w)
        parts.append(draw(SEPS))
    return "".join(parts)


@needs_ext
@settings(max_examples=600, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])  # fmt: skip
@given(st.lists(texts(), min_size=1, max_size=8))
def test_compiled_equals_the_library_on_generated_texts(batch):
    assert_same(batch)


@needs_ext
@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_compiled_equals_the_library_on_arbitrary_text(batch):
    assert_same(batch)


def test_vader_scores_are_the_same_without_the_extension(monkeypatch):
    texts = RULES[:60] + ["", "   ", "Your app keeps crashing and nobody answers"]
    batchcache.clear()
    with_ext = sentiment.vader_scores(texts)
    monkeypatch.setattr(sentiment, "compiled_vader", lambda: None)
    batchcache.clear()
    without = sentiment.vader_scores(texts)
    batchcache.clear()
    assert np.array_equal(with_ext, without)
    assert np.array_equal(without, library(texts))


def test_no_extension_means_the_library(monkeypatch):
    # where the extension did not compile, importing it fails: the library scores
    import sys

    import brandcouch.signals

    monkeypatch.delattr(brandcouch.signals, "_vader", raising=False)
    monkeypatch.setitem(sys.modules, "brandcouch.signals._vader", None)
    assert sentiment._load_compiled() is None


@needs_ext
def test_an_extension_that_differs_is_not_used(monkeypatch):
    """The self check at first use: an extension giving other values is refused (warning),
    and vaderSentiment scores everything, as without the extension."""
    from brandcouch.signals import _vader

    good = _vader.scores
    monkeypatch.setattr(_vader, "scores", lambda ts: bytes(8 * 4 * len(ts)))
    with pytest.warns(RuntimeWarning, match="differs from vaderSentiment"):
        assert sentiment._load_compiled() is None
    monkeypatch.setattr(_vader, "scores", good)
    assert sentiment._load_compiled() is _vader
    # tables it cannot read (another vaderSentiment's): refused too
    import vaderSentiment.vaderSentiment as vs

    monkeypatch.setattr(vs, "NEGATE", [*vs.NEGATE, 7])
    with pytest.warns(RuntimeWarning, match="differs from vaderSentiment"):
        assert sentiment._load_compiled() is None
    monkeypatch.undo()
    assert sentiment._load_compiled() is _vader


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler: the extension is optional")
def test_the_extension_is_built_where_a_compiler_is_present():
    # `make` installs the package with pip, which compiles the extension; a silent fallback
    # would give the same values at a tenth of the speed
    assert ext is not None
