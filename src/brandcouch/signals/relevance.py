"""relevance: 0..1, how much a reply addresses the message it answers (the listening signal).

relevance.v2 (measured numbers in docs/signals.md, "Reply relevance")::

    relevance = (0.4 * topic + 0.3 * sqrt(coverage) + 0.3 * acts) * (1 - 0.7 * pitch)

* ``topic`` (latent semantic, :mod:`relevance_semantic`): the cosine of reply and parent in an
  LSA space (200 dims) trained on customer-care tweets, mapped linearly from [0, 0.7] to 0..1.
* ``coverage`` (lexical, relevance.v1's topic part): the IDF-weighted share of the parent's
  stemmed content terms that the reply also uses (``models/idf.json``).
* ``acts`` (responsive acts) = ``needs * engaged * noisy_or(ack, clarify, answer)``:
  ``needs`` is 1 when the parent asks, requests or complains (``question``, problem cues,
  negations, "help/need/how/why/please/fix"); ``ack`` is the reply's ``apology`` score when
  the parent carries problem cues; ``clarify`` = 0.8 when the reply asks something back;
  ``answer`` = 0.8 when the parent asks and the reply gives how-to/yes-no/status cues; a bare
  private-channel push ("DM us", "send us a DM", no answer cue) earns neither ``clarify`` nor
  ``answer``; ``engaged = min(1, topic + sqrt(coverage) + 0.6)`` so an act on an unrelated
  topic earns less.
* ``pitch`` is 1 when the reply carries two or more first-person promotion cues ("my
  platform", "it's free", "sign up", "founder", "check out our", "sale") and no engagement cue
  (it names the author or refers to the parent: "Hi Steve,", "your article", "I agree"): a
  pitch that does not engage keeps 30% of its score.

relevance.v3 (issue 13, fifth pass): a reply that asks a specific diagnostic question (the
``act_diagnose`` rule: "which model is it?", "have you tried …", "which iOS version? Let us know
in DM") counts as a parent that needs an answer and earns ``clarify`` even inside a DM push, so
AppleSupport's "What's happening on your device and which model is it? Do you have iOS 11.1?"
under "I updated my phone and now it is even slower and barely works" scores 0.14, not 0.00.
relevance.v4 (sixth pass) is the v3 formula over acts.v6's ``act_diagnose`` rule ("DM me when
you visited the store" is diagnostic; "are you able to send over a DM …?" is not), so its
values move where that rule moved (docs/judgements/sixth_pass.md).
relevance.v5 (seventh pass) is the same formula over acts.v7's ``act_diagnose`` rule ("When is
the best time to reach you?" and "did you write to us at the link?" are not diagnostic; both
now push; docs/judgements/seventh_pass.md).
relevance.v6 (tenth pass) is the same formula over acts.v8's ``act_diagnose`` rule ("direct
message us with any error details" is diagnostic, "let us know the results in DM" is not; two
TWCS pairs move, 0.256 -> 0.496 and 0.150 -> 0.004; docs/judgements/tenth_pass.md).
relevance.v7 (eleventh pass) is the same formula over acts.v9's ``act_diagnose`` rule ("Have
your concerns been addressed?" and "Do you have a good contact number?" are no diagnostic
questions; one TWCS pair moves, 0.200 -> 0.035; docs/judgements/eleventh_pass.md).

Weights and the topic range were chosen on the TWCS DEV brands only; the pitch discount, the
act cues and the engagement floor (0.6, so an apology plus a clarifying question to a complaint
scores about 0.2 even with no shared topic) were set by hand.
Empty reply or parent scores 0. When the LSA artefact is absent, ``topic`` is 0 (the score
falls back to lexical + acts). ``lexical_relevance`` keeps relevance.v1 for comparison.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from brandcouch.signals.apology import apology_scores
from brandcouch.signals.question import is_question
from brandcouch.signals.registry import signal
from brandcouch.signals.relevance_semantic import SemanticModel, shipped_model
from brandcouch.signals.textutil import (
    PROBLEM_RE,
    clean,
    content_terms,
    content_terms_all,
    regex_flags,
)

IDF_PATH = Path(__file__).with_name("models") / "idf.json"

NEEDS_ANSWER_RE = PROBLEM_RE

# weights and thresholds: chosen on the TWCS DEV brands only (bench/eval_relevance.py)
W_SEM, W_LEX, W_ACT = 0.4, 0.3, 0.3
TOPIC_LO, TOPIC_HI = 0.0, 0.7
ACT_CREDIT = 0.8
ENGAGED_FLOOR = 0.6
# set by hand (not tuned): a pitch that does not engage keeps 30% of its score
PITCH_DISCOUNT = 0.7

#: an answer: instructions, links to help, yes/no, facts about times/status
ANSWER_RE = re.compile(
    r"\b(?:you\s+(?:can|could|may|will|should|need\s+to|'ll)|you'll|try|go\s+to|head\s+(?:to|over)|"
    r"tap|click|select|open|visit|check\s+(?:out|here|this)|here'?s\s+how|this\s+(?:article|"
    r"guide|link|page)|follow\s+(?:these|the)\s+steps|steps?|settings?|it'?s\s+(?:available|"
    r"possible|not)|(?:is|are)\s+(?:available|expected|scheduled|due)|we\s+(?:do|don't|can|"
    r"can't|will|won't|have|offer)|yes|no,|unfortunately|currently|should\s+(?:be|arrive))\b|https?://",
    re.IGNORECASE,
)
#: the parent needs an answer beyond PROBLEM_RE: negations and requests for help
NEEDS_EXTRA_RE = re.compile(
    r"n't\b|\b(?:not|no|never|cannot|cant|unable|nothing|help|need|needs|want|wants|how|why|"
    r"when|where|what|which|anyone|please|pls|fix|stopped|lost)\b",
    re.IGNORECASE,
)
#: first-person promotion of the replier's own offering (one cue each; two or more = a pitch)
PITCH_CUES = tuple(
    re.compile(p, re.IGNORECASE)
    for p in (
        r"\b(?:my|our)\s+(?:new\s+|own\s+)?(?:platform|portal|startup|product|tool|website|blog|"
        r"channel|business|company)\b",
        r"\bthe\s+(?:platform|portal|site|app|tool)\s+(?:helps|lets|allows|is\s+free)\b",
        r"\bit'?s\s+free\b|\bfree\s+trial\b|\bsign\s+up\b|\bsubscribe\b",
        r"\b(?:ceo|founder|co-founder)\b",
        r"\b(?:check\s+out|visit|try)\s+(?:my|our)\b",
        r"\b(?:sale|discount|promo\s+code|\d+%\s+off|buy\s+now|shop\s+now)\b",
    )
)
ANY_PITCH_CUE = re.compile("|".join(f"(?:{c.pattern})" for c in PITCH_CUES), re.IGNORECASE)
#: the reply refers to what it answers or to its author: cancels the pitch discount
ENGAGE_RE = re.compile(
    r"\byour\s+(?:article|post|piece|blog|point|points|question|message|tweet|comment|words|"
    r"writing|essay|insight|idea|thoughts)\b|\byou\s+(?:said|wrote|mention\w*|say|describe\w*|"
    r"point\w*\s+out|raise\w*)\b|\b(?:great|good|nice|interesting|wonderful|excellent)\s+"
    r"(?:article|post|read|piece|point|question)\b|\bi\s+agree\b|\bagreed\b|\bwell\s+said\b|"
    r"\b[Tt]hanks?\s+(?:you\s+)?for\s+(?:your|the|this|sharing|writing)\b|^\W*(?:[Hh]i|[Hh]ey|[Dd]ear)?\s*"
    r"(?:dr\.?\s+)?[A-Z][a-z]+\s*[,–—-]",
)
#: a bare push to a private channel: "DM us", "send us a DM", "email us", "contact us"
PRIVATE_RE = re.compile(
    r"\b(?:dm|pm)\s*(?:us|me)\b|\bsend\s+(?:us|me)\s+(?:a\s+)?(?:dm|pm|direct\s+message|"
    r"private\s+message|message|e-?mail)\b|\b(?:e-?mail|call|contact|message)\s+us\b|"
    r"\bvia\s+(?:dm|pm|direct\s+message|private\s+message|e-?mail)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    """(term -> idf, default idf for unseen terms); all 1.0 if the table is absent."""
    if not IDF_PATH.exists():
        return {}, 1.0
    data = json.loads(IDF_PATH.read_text(encoding="utf-8"))
    idf = {k: float(v) for k, v in data["idf"].items()}
    return idf, float(data.get("default", max(idf.values(), default=1.0)))


def coverage(reply: str, parent: str, terms: Callable[[str], set[str]] = content_terms) -> float:
    """IDF-weighted share of the parent's content terms that the reply uses (0..1).

    ``terms`` gives a text's content terms (:func:`content_terms`, or a memoised version)."""
    p_terms = terms(parent)
    if not p_terms:
        return 0.0
    r_terms = terms(reply)
    if not r_terms:
        return 0.0
    idf, default = idf_table()
    # fsum: correctly rounded whatever the order, and a set's order of str changes with the
    # process's hash seed (a plain sum made 4,138 of 36,860 TWCS pairs differ by up to 1e-16
    # between two imports; bench/RESULTS.md, issue 15 session 34)
    total = math.fsum(idf.get(t, default) for t in p_terms)
    shared = math.fsum(idf.get(t, default) for t in p_terms & r_terms)
    return shared / total if total > 0 else 0.0


def _check(replies: list[str], parents: list[str]) -> None:
    if len(replies) != len(parents):
        raise ValueError(f"{len(replies)} texts but {len(parents)} parents")


def _per_distinct(fn: Callable[[list[str]], np.ndarray], texts: list[str]) -> np.ndarray:
    """``fn(texts)`` computed once per distinct text (``fn`` scores each text on its own)."""
    codes, uniques = pd.factorize(pd.Series(texts, dtype=object), sort=False)
    if len(uniques) == len(texts):
        return np.asarray(fn(texts), dtype=np.float64)
    return np.asarray(fn([str(u) for u in uniques]), dtype=np.float64)[codes]


def _batch_terms(replies: list[str], parents: list[str]) -> Callable[[str], set[str]]:
    """content_terms of every text a pair with both sides reads, computed once per distinct
    text over the batch (a text is often a reply and a parent)."""
    distinct = list(
        dict.fromkeys(t for r, p in zip(replies, parents, strict=True) if r and p for t in (r, p))
    )
    return dict(zip(distinct, content_terms_all(distinct), strict=True)).__getitem__


def _parent_asks(parents: list[str]) -> np.ndarray:
    return np.maximum(is_question(parents), regex_flags(NEEDS_EXTRA_RE, parents))


def _coverage_and_needs(replies: list[str], parents: list[str]) -> tuple[np.ndarray, ...]:
    n = len(replies)
    terms = _batch_terms(replies, parents)
    cov = np.fromiter(
        (coverage(r, p, terms) if r and p else 0.0 for r, p in zip(replies, parents, strict=True)),
        dtype=np.float64,
        count=n,
    )
    asks = _per_distinct(_parent_asks, parents)
    problem = _per_distinct(lambda ts: regex_flags(NEEDS_ANSWER_RE, ts), parents)
    both = np.fromiter(
        (1.0 if r and p else 0.0 for r, p in zip(replies, parents, strict=True)), np.float64, n
    )
    return cov, asks, problem, both


def lexical_relevance(replies: list[str], parents: list[str]) -> np.ndarray:
    """relevance.v1: ``0.8 * sqrt(coverage) + 0.2 * acknowledgement`` (kept for comparison)."""
    _check(replies, parents)
    cov, asks, problem, both = _coverage_and_needs(replies, parents)
    ack = apology_scores(replies) * np.maximum(asks, problem)
    return np.clip((0.8 * np.sqrt(cov) + 0.2 * ack) * both, 0.0, 1.0)


def relevance_features(
    replies: list[str], parents: list[str], model: SemanticModel | None = None
) -> dict[str, np.ndarray]:
    """Every ingredient of the score, one array per name (see the module docstring)."""
    _check(replies, parents)
    cov, asks, problem, both = _coverage_and_needs(replies, parents)
    model = model or shipped_model()
    if model is not None and replies:
        cos, generic = model.pair_similarity(replies, parents)
    else:
        cos = generic = np.zeros(len(replies))
    return {
        "cos": cos,
        "generic": generic,
        "coverage": cov,
        # asks already includes NEEDS_EXTRA_RE on the parent
        "parent_asks": asks,
        "parent_problem": problem,
        "ack": _per_distinct(apology_scores, replies),
        "reply_asks": _per_distinct(is_question, replies),
        "answer": _per_distinct(lambda ts: regex_flags(ANSWER_RE, ts), replies),
        "private": _per_distinct(
            lambda ts: regex_flags(PRIVATE_RE, [clean(t) for t in ts]), replies
        ),
        "pitch": _per_distinct(_pitch, replies),
        "diagnose": _per_distinct(_diagnose, replies),
        "both": both,
    }


def _diagnose(replies: list[str]) -> np.ndarray:
    """relevance.v3: the reply asks a specific diagnostic question (``act_diagnose``'s rule)."""
    from brandcouch.signals.acts import diagnose_flags

    return diagnose_flags(replies) if replies else np.zeros(0)


def _pitch(replies: list[str]) -> np.ndarray:
    """1 when the reply carries two or more pitch cues and no engagement cue, else 0."""
    out = np.zeros(len(replies), dtype=np.float64)
    # most replies carry no cue at all: one alternation rules them out
    candidates = np.flatnonzero(regex_flags(ANY_PITCH_CUE, replies))
    if candidates.size:
        texts = [replies[i] for i in candidates]
        cues = sum(regex_flags(cue, texts) for cue in PITCH_CUES)
        engages = regex_flags(ENGAGE_RE, [t.strip() for t in texts])
        out[candidates] = ((np.asarray(cues) >= 2) & (engages == 0)).astype(np.float64)
    return out


def combine(f: dict[str, np.ndarray]) -> np.ndarray:
    """The v2 formula over :func:`relevance_features` output."""
    topic = np.clip((f["cos"] - TOPIC_LO) / (TOPIC_HI - TOPIC_LO), 0.0, 1.0)
    lexical = np.sqrt(f["coverage"])
    # v3: a specific diagnostic question ("which model is it?") is an answer to a problem even
    # when the parent names none of the problem cues ("now it is even slower and barely works")
    diagnose = f.get("diagnose", np.zeros_like(f["cos"]))
    needs = np.maximum(np.maximum(f["parent_asks"], f["parent_problem"]), diagnose)
    ack = f["ack"] * f["parent_problem"]
    template = f["private"] * (1.0 - f["answer"])  # "DM us" is neither a question nor an answer
    clarify = np.maximum(f["reply_asks"] * (1.0 - template), diagnose) * ACT_CREDIT
    answer = f["answer"] * f["parent_asks"] * ACT_CREDIT * (1.0 - template)
    acts = 1.0 - (1.0 - ack) * (1.0 - clarify) * (1.0 - answer)
    engaged = np.minimum(1.0, topic + lexical + ENGAGED_FLOOR)
    acts = acts * needs * engaged
    rel = (W_SEM * topic + W_LEX * lexical + W_ACT * acts) * (1.0 - PITCH_DISCOUNT * f["pitch"])
    return np.clip(rel * f["both"], 0.0, 1.0)


def reply_relevance(
    replies: list[str], parents: list[str], model: SemanticModel | None = None
) -> np.ndarray:
    """relevance.v2 of each reply to its parent (see the module docstring)."""
    return combine(relevance_features(replies, parents, model))


@signal(
    "relevance",
    version="relevance.v7",
    requires=("text", "parent_text"),
    help="0..1: how much a reply addresses the message it answers",
)
def relevance(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
    if parents is None:
        return np.full(len(texts), math.nan)
    return reply_relevance(texts, parents)
