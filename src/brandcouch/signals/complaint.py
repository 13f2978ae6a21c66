"""complaint: probability that the text is a complaint (reports a breach of expectations).

A logistic regression over hashed word 1-2-grams and char_wb 2-5-grams of the preprocessed text
plus a few dense features (:func:`complaint_extra`: VADER compound, negative-cue and
question flags), trained by scripts/train_signals.py on the Preotiuc-Pietro et al. (ACL 2019)
complaints data; artefact ``models/complaint.{json,npz}``. Without the artefact the signal
falls back to the baseline rule ``VADER compound < -0.05`` (documented as worse).

v3: a correction for long texts (domain shift). The training tweets have at most 51 words
(99% below 34), and on longer texts the n-gram evidence piles up: most long, clearly positive
blog comments of the essay's thread scored >= 0.9 (Migdalia 0.88, commenter 2 0.98). Beyond
``LONG_WORDS = 50`` words the model is trusted with weight ``g = LONG_WORDS / words`` (the
self_promotion length gate) and the rest follows the tone (:func:`long_text_correction`)::

    p' = p * (1 - (1 - g) * positivity)
    positivity = max(clip((compound - 0.05) / 0.45, 0, 1), gratitude if compound > 0.05 else 0)

so a clearly positive long text (VADER compound >= 0.5, or thanks/praise with a positive
compound) gets ``p * g``, and a negative or neutral one keeps ``p``: long complaints stay
complaints. Texts of at most 50 words are unchanged, so the evaluation on the complaint data
(<= 51 words) is unchanged by construction (measured: 0 changed decisions, docs/signals.md).

v4: praise was read as complaint ("This is such a great deal! Already thinking about my 2nd
trip...") and a shouted demand was not ("NOPE. DO SOMETHING." 0.18). :func:`complaint_extra_v3`
adds 7 dense cues (EXTRA_FEATURES_V3): a wider problem lexicon, demands ("do something", "fix
this", "sort it out", "nope"), shouting (>= 2 words and >= half of the words in capitals), a
shouted demand, praise without a problem word (VADER compound >= 0.3), a positive word with '!'
and no problem word, and future plans ("already thinking about", "next trip", "2nd trip") without
a problem word. Whether they are used, and the random-pool weight (0.1 or 0.25), is chosen by
the inner leave-one-domain-out of scripts/train_signals.py (COMPLAINT_GRID); the artefact is
``complaint.v4``. The long-text correction of v3 is unchanged.
"""

from __future__ import annotations

import re

import numpy as np

from brandcouch.signals.batchcache import per_batch
from brandcouch.signals.gratitude import GRATITUDE
from brandcouch.signals.learned import compiled_ngrams, load_model
from brandcouch.signals.question import is_question
from brandcouch.signals.re2filter import sub_all
from brandcouch.signals.registry import signal
from brandcouch.signals.sentiment import vader_compound, vader_scores
from brandcouch.signals.textutil import PROBLEM_RE, regex_counts, regex_flags

_NEGATION = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|can'?t|cannot|won'?t|don'?t|doesn'?t|didn'?t|isn'?t|"
    r"wasn'?t|aren'?t|haven'?t|hasn'?t|still|yet)\b|n't\b",
    re.IGNORECASE,
)
EXTRA_FEATURES = ("vader_compound", "vader_negative", "problem_cues", "negations", "question")


def complaint_extra(texts: list[str]) -> np.ndarray:
    """Dense features of the complaint model, in the order of EXTRA_FEATURES."""
    compound = vader_compound(texts)
    # counts over the batch through the RE2 pre-filter (re2filter: exact)
    problem = np.minimum(regex_counts(PROBLEM_RE, texts), 3.0) / 3.0
    neg = np.minimum(regex_counts(_NEGATION, texts), 3.0) / 3.0
    return np.column_stack(
        [compound, (compound < -0.05).astype(np.float64), problem, neg, is_question(texts)]
    )


# v2: VADER sub-scores and surface cues that carry over between domains
_EXCLAIM_Q = re.compile(r"[!?]")
_LEADING_HANDLE = re.compile(r"\s*@\w+")
_HANDLE = re.compile(r"@\w+")
_URL = re.compile(r"https?://", re.IGNORECASE)
_PERSISTENCE = re.compile(
    r"\b(?:again|still|yet|hours?|days?|weeks?|months?|since)\b", re.IGNORECASE
)
_PRAISE = re.compile(r"\b(?:thanks?|thank\s+you|love|great|awesome|amazing)\b", re.IGNORECASE)
_FIRST_PERSON = re.compile(r"\b(?:my|i|i'm|me|we|our)\b", re.IGNORECASE)
EXTRA_FEATURES_V2 = EXTRA_FEATURES + (
    "vader_neg",
    "vader_neu",
    "vader_pos",
    "exclamations",
    "question_marks",
    "caps_share",
    "starts_with_handle",
    "handles",
    "has_url",
    "words",
    "persistence_cue",
    "praise_cue",
    "first_person",
)


def _surface(t: str) -> list[float]:
    letters = [c for c in t if c.isalpha()]
    caps = sum(c.isupper() for c in letters) / max(len(letters), 1)
    return [
        min(t.count("!"), 3) / 3,
        min(t.count("?"), 3) / 3,
        caps,
        float(bool(_LEADING_HANDLE.match(t))),
        min(len(_HANDLE.findall(t)), 3) / 3,
        float(bool(_URL.search(t))),
        min(len(t.split()), 40) / 40,
        float(bool(_PERSISTENCE.search(t))),
        float(bool(_PRAISE.search(t))),
        float(bool(_FIRST_PERSON.search(t))),
    ]


def _surface_batch(texts: list[str]) -> np.ndarray:
    """``_surface`` of every text, the regex columns over the batch (RE2 pre-filter, exact);
    the character counts in C where the extension is built (the same str methods' Unicode
    properties, ``_ngrams.c``)."""
    n = len(texts)
    out = np.empty((n, 10), dtype=np.float64)
    ext = compiled_ngrams()
    if ext is not None:
        c = np.frombuffer(ext.surface_counts(texts), dtype=np.int64).reshape(n, 5)
        out[:, 0] = np.minimum(c[:, 0], 3) / 3
        out[:, 1] = np.minimum(c[:, 1], 3) / 3
        out[:, 2] = c[:, 3] / np.maximum(c[:, 2], 1)
        match = _LEADING_HANDLE.match
        out[:, 3] = [1.0 if match(t) else 0.0 for t in texts]
        out[:, 6] = np.minimum(c[:, 4], 40) / 40
    else:
        isalpha, isupper = str.isalpha, str.isupper
        for i, t in enumerate(texts):
            letters = list(filter(isalpha, t))  # (an upper-case character need not be a letter)
            out[i, 0] = min(t.count("!"), 3) / 3
            out[i, 1] = min(t.count("?"), 3) / 3
            out[i, 2] = sum(map(isupper, letters)) / max(len(letters), 1)
            out[i, 3] = float(bool(_LEADING_HANDLE.match(t)))
            out[i, 6] = min(len(t.split()), 40) / 40
    out[:, 4] = np.minimum(regex_counts(_HANDLE, texts), 3.0) / 3
    out[:, 5] = regex_flags(_URL, texts)
    out[:, 7] = regex_flags(_PERSISTENCE, texts)
    out[:, 8] = regex_flags(_PRAISE, texts)
    out[:, 9] = regex_flags(_FIRST_PERSON, texts)
    return out


def complaint_extra_v2(texts: list[str]) -> np.ndarray:
    """Dense features of complaint.v2, in the order of EXTRA_FEATURES_V2 (all in 0..1 or -1..1)."""
    surface = _surface_batch(texts)
    return np.hstack([complaint_extra(texts), vader_scores(texts)[:, 1:], surface])


# v3 (complaint.v4): cues that separate praise from complaints and catch shouted demands. The
# complaint data has few of either (of 2,821 rows: a demand cue on 49, 40 of them complaints; a
# shouted demand on 10, 9 complaints), so they are dense features that the linear model weighs,
# declared before the nested run (docs/wip-issue13/complaint.md).
_PROBLEM_V3 = re.compile(
    r"\b(?:nobody|no\s+one|no\s+(?:signal|service|internet|wifi|power|response|reply|answer|"
    r"help|update|refund)|unable|keeps?\s+(?:crashing|freezing|dropping|failing|saying|telling)|"
    r"stopped\s+working|(?:is|are|was|were|went|been|still)\s+down|outage|slow|poor|bad|"
    r"hate|sucks?|joke|pathetic|disgust\w*|waste\w*|worse|ignor\w*|stuck|on\s+hold|fed\s+up|"
    r"not\s+(?:happy|good|ok(?:ay)?|acceptable)|glitch\w*|freez\w*|dropped|damaged|"
    r"charged\s+twice|double\s+charged|never|why|wtf|smh|seriously|ugh+)\b",
    re.IGNORECASE,
)
_DEMAND = re.compile(
    r"\b(?:do\s+something|fix\s+(?:it|this|that|your|my|the)|sort\s+(?:it|this|that)\s+out|"
    r"sort\s+(?:it|this|that)|answer\s+(?:me|my)|respond\s+to\s+(?:me|my)|reply\s+to\s+(?:me|my)|"
    r"get\s+back\s+to\s+me|refund\s+me|give\s+me\s+(?:my|a\s+refund)|nope|"
    r"(?:pls|please)\s+(?:help|fix|respond|reply|sort|resolve|do)|"
    r"i\s+(?:want|need|demand)\s+(?:my|a\s+refund|an?\s+answer|someone))\b",
    re.IGNORECASE,
)
_FUTURE_PLAN = re.compile(
    r"\b(?:can'?t\s+wait|cannot\s+wait|looking\s+forward|already\s+(?:thinking|planning|"
    r"booked)|next\s+(?:trip|time|visit|flight|stay|order)|(?:2nd|second|third|3rd)\s+"
    r"(?:trip|time|visit|order)|will\s+(?:be\s+back|definitely|def)|see\s+you\s+(?:soon|"
    r"again|next)|so\s+excited|excited\s+(?:for|to|about))\b",
    re.IGNORECASE,
)
_POSITIVE_WORD = re.compile(
    r"\b(?:great|awesome|amazing|love[ds]?|loving|best|excellent|fantastic|perfect|happy|"
    r"wonderful|brilliant|thanks?|thank\s+you|appreciate\w*|nice|cool|enjoy\w*|deal)\b",
    re.IGNORECASE,
)
_WORD_LETTERS = re.compile(r"[^A-Za-z]")
_NOT_LETTER_OR_SPACE = re.compile(r"[^A-Za-z\s]")
EXTRA_FEATURES_V3 = EXTRA_FEATURES_V2 + (
    "problem_cues_v3",
    "demand",
    "shouting",
    "shouted_demand",
    "praise_without_problem",
    "positive_exclamation",
    "future_plan",
)


def _cues_v3(t: str, compound: float, problem: float) -> list[float]:
    words = [_WORD_LETTERS.sub("", w) for w in _HANDLE.sub(" ", _URL.sub(" ", t)).split()]
    caps = sum(1 for w in words if len(w) >= 2 and w.isupper())
    problem_v3 = min(len(_PROBLEM_V3.findall(t)), 3) / 3
    demand = float(bool(_DEMAND.search(t)))
    shouting = float(caps >= 2 and caps >= 0.5 * max(sum(1 for w in words if w), 1))
    no_problem = problem == 0 and problem_v3 == 0 and demand == 0
    positive = bool(_POSITIVE_WORD.search(t))
    return [
        problem_v3,
        demand,
        shouting,
        demand * max(shouting, float(caps >= 1)),
        float(no_problem and compound >= 0.3),
        float(no_problem and positive and "!" in t and compound > 0.05),
        float(bool(_FUTURE_PLAN.search(t)) and no_problem),
    ]


def complaint_extra_v3(texts: list[str]) -> np.ndarray:
    """Dense features of complaint.v4, in the order of EXTRA_FEATURES_V3 (all in 0..1 or -1..1)."""
    v2 = complaint_extra_v2(texts)
    compound, problem = v2[:, 0], v2[:, 2]
    return np.hstack([v2, _cues_v3_batch(texts, compound, problem)])


def _cues_v3_batch(texts: list[str], compound: np.ndarray, problem: np.ndarray) -> np.ndarray:
    """``_cues_v3`` of every text, the regexes over the batch (RE2 pre-filter, exact)."""
    problem_v3 = np.minimum(regex_counts(_PROBLEM_V3, texts), 3.0) / 3
    demand = regex_flags(_DEMAND, texts)
    positive = regex_flags(_POSITIVE_WORD, texts) > 0
    future = regex_flags(_FUTURE_PLAN, texts) > 0
    # the words' ASCII letters: links and handles cut, then every character that is neither an
    # ASCII letter nor \s removed (\s and str.split() both mean Py_UNICODE_ISSPACE): the same
    # as _WORD_LETTERS on each word of the split, less the words left empty (which count
    # neither as caps nor as words)
    cut = sub_all(_HANDLE, " ", sub_all(_URL, " ", texts))
    ext = compiled_ngrams()
    if ext is not None:  # words with an ASCII letter, and the all-caps ones of two or more
        wc = np.frombuffer(ext.caps_counts(cut), dtype=np.int64).reshape(len(texts), 2)
        n_words, caps = wc[:, 0], wc[:, 1]
    else:
        n_words = np.zeros(len(texts), dtype=np.int64)
        caps = np.zeros(len(texts), dtype=np.int64)
        for i, t in enumerate(cut):
            words = _NOT_LETTER_OR_SPACE.sub("", t).split()
            n_words[i] = len(words)
            caps[i] = sum(1 for w in words if len(w) >= 2 and w.isupper())
    shouting = ((caps >= 2) & (caps >= 0.5 * np.maximum(n_words, 1))).astype(np.float64)
    no_problem = (problem == 0) & (problem_v3 == 0) & (demand == 0)
    exclaims = np.fromiter(("!" in t for t in texts), dtype=bool, count=len(texts))
    out = np.empty((len(texts), 7), dtype=np.float64)
    out[:, 0] = problem_v3
    out[:, 1] = demand
    out[:, 2] = shouting
    out[:, 3] = demand * np.maximum(shouting, (caps >= 1).astype(np.float64))
    out[:, 4] = no_problem & (compound >= 0.3)
    out[:, 5] = no_problem & positive & exclaims & (compound > 0.05)
    out[:, 6] = future & no_problem
    return out


def complaint_baseline(texts: list[str]) -> np.ndarray:
    """The negative-sentiment rule: 1.0 if VADER compound < -0.05."""
    return (vader_compound(texts) < -0.05).astype(np.float64)


LONG_WORDS = 50.0


def long_text_correction(texts: list[str]) -> np.ndarray:
    """Factor in (0, 1] applied to the model's probability (see the module docstring)."""
    words = np.fromiter((len(t.split()) for t in texts), dtype=np.float64, count=len(texts))
    factor = np.ones(len(texts))
    long = np.flatnonzero(words > LONG_WORDS)
    if len(long) == 0:
        return factor
    long_texts = [texts[i] for i in long]
    compound = vader_compound(texts)[long]  # the whole batch: shares the per-batch VADER pass
    positivity = np.clip((compound - 0.05) / 0.45, 0.0, 1.0)
    thanks = np.where(compound > 0.05, GRATITUDE.score(long_texts), 0.0)
    positivity = np.maximum(positivity, thanks)
    trust = LONG_WORDS / words[long]
    factor[long] = 1.0 - (1.0 - trust) * positivity
    return factor


_EXTRA_FNS = {
    len(EXTRA_FEATURES): complaint_extra,
    len(EXTRA_FEATURES_V2): complaint_extra_v2,
    len(EXTRA_FEATURES_V3): complaint_extra_v3,
}


# v5: explicit problem reports. On the customer tweets of twcs_head5000 the model (trained on
# other companies' tweets) missed plain reports such as "app doesn't work anymore in the 6ix.
# Lame." (0.24), "my order hasn't arrived (it was due 14th October). Can you help?" (0.48) and
# "I can't log in because it's locked." (0.12), and scored every Japanese or Chinese complaint
# below 0.35 ("amazonプライムビデオ、再生エラーが多いです" 0.05): the model has no CJK training text.
# A report of something not working, not arriving, failing repeatedly or being late/missing
# (REPORT_RE), unless the text is clearly positive (VADER compound >= REPORT_MAX_COMPOUND: "$3
# bowls and @ChipotleTweets isn't charging for double meat?! Day is made"), or a CJK problem
# phrase (REPORT_CJK_RE: can't watch / doesn't arrive / error / defect / troubled / cuts out /
# can't log in ...), lifts the probability to at least REPORT_FLOOR. Measured in docs/signals.md.
REPORT_RE = re.compile(
    r"\b(?:(?:does|do|did|is|are|was|were|has|have|had|will|would|can|could)\s*(?:n'?t|n’t|not)|"
    r"won'?t|won’t|can'?t|can’t|cannot|never|no\s+longer|still\s+(?:not|no|doesn'?t|can'?t))\s+"
    r"(?:\w+\s+){0,2}?(?:work|works|working|arrived?|come|came|received?|load|loading|open|opening|"
    r"connect|connecting|log\s*in|sign\s*in|deliver(?:ed)?|charge|charging|sync|syncing|update|"
    r"updating|play|playing|stream|streaming)\b"
    r"|\b(?:keeps?|kept)\s+(?:crashing|freezing|dropping|failing|cutting|logging\s+me\s+out|"
    r"disconnecting|buffering)\b"
    r"|\b(?:my|our|the)\s+(?:order|package|parcel|delivery|flight|train|bag|luggage|refund|payment|"
    r"internet|wifi|service|phone|app)\s+(?:(?:is|was|has\s+been|got|have\s+been|still)\s+)+"
    r"(?:late|delayed|cancell?ed|missing|lost|down|broken|stuck|not\s+here|overdue)\b"
    r"|\bstill\s+(?:waiting|no\s+(?:sign|word|response|reply|refund|answer))\b"
    r"|\b(?:been|was|were)\s+(?:charged|overcharged|billed)\s+(?:twice|double|again|wrong)",
    re.IGNORECASE,
)
REPORT_CJK_RE = re.compile(
    r"見れない|見られない|観れない|届かない|届きません|届いていない|エラー|不具合|困る|困って|"
    r"困りました|つながらない|繋がらない|映らない|うつりません|表示されな|できない|できません|"
    r"出来ない|出来ません|壊れ|故障|最悪|ひどい|酷い|切れてしまい|切れてしまう|切れてしまっ|"
    r"改善されませんでした|改良されませんでした|无法|不能|错误|失败|没有收到"
)
REPORT_FLOOR = 0.7
REPORT_MAX_COMPOUND = 0.5


def problem_report(texts: list[str]) -> np.ndarray:
    """1.0 where the text reports a concrete problem (REPORT_RE or REPORT_CJK_RE; see above).

    Both patterns run over the batch through the RE2 pre-filter (exact), once per batch."""

    def compute(ts: list[str]) -> np.ndarray:
        calm = vader_compound(ts) < REPORT_MAX_COMPOUND
        cjk = regex_flags(REPORT_CJK_RE, ts) > 0
        return (cjk | (calm & (regex_flags(REPORT_RE, ts) > 0))).astype(np.float64)

    return per_batch(texts, "problem_report", compute)


# v6: praise only. On twcs_head5000 the model read fan posts as complaints: "Happy Halloween! I
# broke out my KO cosplay today … totally not because of @ChipotleTweets. Not at all." 0.99,
# "No problem! It's my favourite time of year, and was awesome to see no pumpkin size/shape went
# to waste! :)" 0.93, "Fresh cream palmier … gets my vote for #star baker 😘😋💗 … don't know who
# won yet 😄" 0.66: the n-grams "broke", "problem", "waste", "not", "don't" carry them. A text
# that praises (PRAISE_RE; not "thanks", "great" or "best", the words of sarcasm: "Thanks
# @McDonalds <photo>", "Great customer service"), has a positive tone (VADER compound >= PRAISE_MIN_COMPOUND) and,
# once benign idioms are set aside (BENIGN_RE: "no problem", "not at all", "nothing but", "can't
# wait", "don't need much", "no … went to waste", "broke out my …"), has no negation, question mark, problem word
# (textutil.PROBLEM_RE, the v3 problem cues, PRAISE_PROBLEM_RE), demand or problem report, is
# capped at PRAISE_CAP. Measured on the complaint data's nested leave-one-domain-out predictions
# (docs/judgements/fifth_pass.md): the rule takes no part in any choice of the model.
BENIGN_RE = re.compile(
    r"\bno\s+(?:problem|problems|prob|worries|complaints?|fuss|hassle)\b|\bnot\s+at\s+all\b|"
    r"\bnever\s+disappoints?\b|\bcan[’']?t\s+wait\b|\bcannot\s+wait\b|\bnothing\s+but\b|"
    r"\b(?:don|didn)[’']?t\s+know\s+who\s+(?:won|wins)\b|"
    r"\b(?:don|doesn)[’']?t\s+need\s+(?:a\s+lot|much)\b|"
    r"\b(?:no|nothing)\s+(?:\S+\s+){0,3}?(?:went|goes|go|going|gone)\s+to\s+waste\b|"
    r"\bbroke\s+out\s+(?:my|the|our|his|her)\b|\bnot\s+because\s+of\b",
    re.IGNORECASE,
)
_PRAISE_NEG_RE = re.compile(
    r"\b(?:not|no|never|nothing|nobody|none|nope|cannot|without|ain[’']?t|barely|hardly)\b|"
    r"n[’']t\b|\?",
    re.IGNORECASE,
)
PRAISE_PROBLEM_RE = re.compile(
    r"\b(?:ruin\w*|slow\w*|shame|stupid\w*|scam\w*|hung\s+up|recall\w*)\b", re.IGNORECASE
)
PRAISE_RE = re.compile(
    r"\b(?:awesome|amazing|love[ds]?|loving|excellent|fantastic|perfect|happy|"
    r"wonderful|brilliant|appreciate\w*|favou?rite|vote|delicious|yummy|"
    r"stoked|fab|respect|celebrat\w*|enjoy\w*|glad|kudos|shout\s?out)\b|[😘😋💗❤💕😍🥰👍]",
    re.IGNORECASE,
)
PRAISE_MIN_COMPOUND = 0.25
PRAISE_CAP = 0.3


def praise_only(texts: list[str]) -> np.ndarray:
    """1.0 where the text praises with no problem in it (see above), else 0.0."""
    compound = vader_compound(texts)
    report = problem_report(texts)
    praise = regex_flags(PRAISE_RE, texts)  # over the batch (RE2 pre-filter, exact)
    out = np.zeros(len(texts))
    for i, t in enumerate(texts):
        if compound[i] < PRAISE_MIN_COMPOUND or report[i] or not praise[i]:
            continue
        rest = BENIGN_RE.sub(" ", t)
        if not (
            _PRAISE_NEG_RE.search(rest)
            or PROBLEM_RE.search(rest)
            or _PROBLEM_V3.search(rest)
            or PRAISE_PROBLEM_RE.search(rest)
            or _DEMAND.search(rest)
        ):
            out[i] = 1.0
    return out


@signal("complaint", version="complaint.v6", help="probability 0..1 that the text is a complaint")
def complaint(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    model = load_model("complaint")
    if model is None:
        return complaint_baseline(texts)
    extra_fn = _EXTRA_FNS[len(model.meta["extra"])]
    p = model.predict_proba(texts, extra_fn(texts)) * long_text_correction(texts)
    p = np.maximum(p, REPORT_FLOOR * problem_report(texts))
    return np.where(praise_only(texts) > 0, np.minimum(p, PRAISE_CAP), p)
