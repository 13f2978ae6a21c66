"""Care-team topics: what people complain about and ask, per brand, as keyphrases with counts,
examples and a monthly trend (docs/output.md, "Care team").

The corpus is every inbound message that needs a reply (a question or a complaint, the
``needs_reply`` predicate) of every brand in the run. Each text is cleaned (links, @handles,
numbers and the brands' own names and handles removed, lower-cased) and cut into 1- to
3-word phrases that neither start nor end with a stop word (scikit-learn's English list plus
care-desk filler: "dm", "please", "hi", "thanks", "help", "order number" stays). A phrase's
weight for a brand is the summed TF-IDF (scikit-learn ``TfidfVectorizer``: binary counts,
smoothed IDF over the whole corpus, L2-normalised rows — :func:`tfidf_columns`) of the brand's
messages containing it, times ``1 + 0.5`` per extra word (a phrase says more than a word), times how much more often
the brand's messages use it than the corpus (``min(3, df_brand/N_brand / (df_all/N_all))``, 1
for a single brand). The top phrases are kept when at least :data:`MIN_COUNT` messages contain
them, a phrase covered by a longer kept phrase in most of its messages being dropped
(``account`` under ``locked out of account``).

Each topic: ``phrase``, ``count`` (messages), ``share`` (of the brand's messages that need a
reply), ``complaints`` and ``questions`` (of those messages), ``kind`` (the majority),
``examples`` (two message ids, the earliest), ``trend`` (``[{month, count}]`` over the months of
the brand's messages, local time). No downloaded model: scikit-learn, imported only when at
least :data:`MIN_COUNT` messages share a phrase (a tiny store does not pay for it; the stop
words are read from its module file without importing it).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable

import numpy as np
import pandas as pd

from brandcouch.metrics.sla import zone
from brandcouch.model.vocabulary import SIGNAL_ON
from brandcouch.signals.textutil import english_stop_words
from brandcouch.store import Store

MIN_COUNT = 2
TOP = 8

TOPIC_TEXTS = f"""
SELECT i.brand, i.id, i.created_at, x.text,
       coalesce(i.complaint, 0) >= {SIGNAL_ON} AS is_complaint,
       coalesce(i.question, 0) >= {SIGNAL_ON} AS is_question
FROM inbound i JOIN messages x ON x.id = i.id
WHERE needs_reply(i.question, i.complaint) AND in_scope(i.brand) AND NOT i.deleted
ORDER BY i.brand, i.created_at, i.id
"""

BRAND_TERMS = """
SELECT DISTINCT lower(term) FROM (
    SELECT name AS term FROM brand_names
    UNION ALL SELECT a.handle FROM brand_map bm JOIN accounts a ON a.id = bm.account_id
    UNION ALL SELECT a.display_name FROM brand_map bm JOIN accounts a ON a.id = bm.account_id
) WHERE term IS NOT NULL
"""


#: care-desk filler on top of scikit-learn's English stop words: greetings, thanks, the
#: channel itself, and words every support message has
def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


CARE_STOP = _wordset(
    """
    hi hello hey hiya dear thanks thank thx ty tia cheers pls plz please kindly help helping
    helped dm dms pm message messaged messages msg tweet tweeted tweets reply replied replying
    respond responded response support team customer customers service care guys guy ppl
    just im ive id ill youre dont doesnt didnt cant couldnt wont wouldnt isnt arent wasnt
    havent hasnt hadnt shouldnt thats theres whats hows whys lets u ur ya yall yes yeah yep
    ok okay oh lol lmao omg wtf smh pls really actually literally today yesterday tomorrow
    know need needs want wants wanted trying tried try going gonna wanna got get gets getting
    like just said says say tell told let way thing things lot bit sure good great bad new
    time times day days week hour hours minute minutes ago still anymore able does did doing
    make makes made use used using amp rt via fix fixed fixing happening happened happen
    working work works worked come coming came question questions answer answers answered
    ask asked asking issue issues problem problems feel year years month months tonight
    morning night now right thing wrong worst terrible horrible awful ridiculous annoying
    disgraceful pathetic poor best love hate happy sad angry frustrated frustrating number
    look looking someone anyone anything something everything nothing wait waiting waited
    hope hoping interesting making type bs experience conversation contact contacted call
    called calling info
    """
)

_URL = re.compile(r"https?://\S+|www\.\S+|\b\S+\.(?:com|co|ly|net|org|gl|be)/\S*", re.I)
_HANDLE = re.compile(r"[@＠]\w+")
_NUM = re.compile(r"\b[\w-]*\d[\w-]*\b")
_APOS = re.compile(r"[’'`]")
_TOKEN = r"(?u)\b[^\W\d_]{2,}\b"


_DIGIT = re.compile(r"\d")


def clean(text: str | None, brand_terms: frozenset[str] = frozenset()) -> str:
    """The words a topic can be made of: no links, handles, numbers, apostrophes."""
    t = text or ""
    # each substitution only where it can match (the result is the same): a link needs a "/"
    # or "www." (no other character folds to "w"), a handle "@", a number a digit
    if "/" in t or ("." in t and "www." in t.lower()):
        t = _URL.sub(" ", t)
    if "@" in t or "＠" in t:
        t = _HANDLE.sub(" ", t)
    t = _APOS.sub("", t.lower())
    t = t.replace("#", " ")
    if _DIGIT.search(t):
        t = _NUM.sub(" ", t)
    if brand_terms:
        t = " ".join([w for w in t.split() if w.strip('.,!?:;()"') not in brand_terms])
    return t


def _stop_words(brand_terms: frozenset[str]) -> frozenset[str]:
    return english_stop_words() | CARE_STOP | brand_terms


def tfidf_columns(
    features: list[list[str]], min_df: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """scikit-learn ``TfidfVectorizer(analyzer=..., min_df=min_df, binary=True, norm="l2")``
    (smoothed IDF) fitted on documents already cut into their distinct ``features``, as the
    column-major arrays of its ``.tocsc()``: ``(terms, indptr, docs, values)`` with ``terms``
    sorted, each column's documents ascending. None when no feature is in ``min_df`` documents
    (scikit-learn's "empty vocabulary" / "no terms remain"). scikit-learn is imported here, so
    a store with fewer than ``min_df`` such messages never pays for it.

    The features in fewer than ``min_df`` documents are dropped before scikit-learn sees them
    (:func:`_frequent`): it would drop them itself after counting them all, so the result is
    the same, bit for bit (tests/care/test_topics_tfidf.py), without its vocabulary of every
    phrase that occurs once."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=_identity, min_df=min_df, binary=True, norm="l2")
    try:
        x = vec.fit_transform(_frequent(features, min_df)).tocsc()
    except ValueError:
        return None
    x.sort_indices()
    return vec.get_feature_names_out(), x.indptr, x.indices, x.data


def _frequent(features: list[list[str]], min_df: int) -> list[list[str]]:
    """Each document's features that are in at least ``min_df`` documents, in their order."""
    if min_df <= 1:
        return features
    df: dict[str, int] = {}
    for doc in features:
        for f in dict.fromkeys(doc):  # a document counts once per feature
            df[f] = df.get(f, 0) + 1
    return [[f for f in doc if df[f] >= min_df] for doc in features]


def _identity(features: list[str]) -> list[str]:
    return features


_CAMEL = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")


def brand_words(name: str) -> set[str]:
    """A brand's name or handle as the words a customer writes: the whole (``amazonhelp``),
    its parts (``AmazonHelp`` → ``amazon``, ``help``; ``British_Airways`` → ``british``,
    ``airways``), two neighbouring parts (``AskPlayStation`` → ``playstation``) and, of two or more parts, the initials (``ba``)."""
    raw = str(name or "").lstrip("@").strip()
    if not raw:
        return set()
    parts = [p.lower() for chunk in re.split(r"[\W_]+", raw) for p in _CAMEL.findall(chunk)]
    parts = [p for p in parts if p.isalpha()]
    out = {re.sub(r"[\W_]+", "", raw.lower())} | {p for p in parts if len(p) > 1}
    if len(parts) >= 2:
        out.add("".join(p[0] for p in parts))
        out.update(a + b for a, b in zip(parts, parts[1:], strict=False))  # play+station
    return {w for w in out if w}


def _brand_terms(store: Store) -> frozenset[str]:
    rows = store.con.execute(BRAND_TERMS.replace("lower(term)", "term")).fetchall()
    terms: set[str] = set()
    for (t,) in rows:
        terms |= brand_words(t)
    return frozenset(terms)


def phrase_lists(
    texts: list[str | None], brand_terms: frozenset[str] = frozenset()
) -> list[list[str]]:
    """Each text's distinct 1- to 3-word phrases (module docstring), in order of appearance."""
    stop = _stop_words(brand_terms)
    # every word and phrase is kept once (``canon``): the lists share the strings
    canon: dict[str, str] = {}
    intern = canon.setdefault
    tokens = [[intern(w, w) for w in re.findall(_TOKEN, clean(t, brand_terms))] for t in texts]
    vocab = set(canon)
    # a plural is its singular when the corpus has both ("flights" → "flight")
    single = {w: w[:-1] for w in vocab if len(w) > 3 and w.endswith("s")
              and not w.endswith("ss") and w[:-1] in vocab}  # fmt: skip
    del vocab

    def phrases(ws: list[str]) -> list[str]:
        # the 1-, then 2-, then 3-word phrases in text order whose first and last words are no
        # stop words (a 3-word phrase's middle word no care-desk filler either)
        words = [single.get(w, w) for w in ws]
        ok = [w not in stop for w in words]
        out = [w for w, k in zip(words, ok, strict=True) if k]
        n = len(words)
        out += [words[i] + " " + words[i + 1] for i in range(n - 1) if ok[i] and ok[i + 1]]
        out += [
            words[i] + " " + words[i + 1] + " " + words[i + 2]
            for i in range(n - 2)
            if ok[i] and ok[i + 2] and words[i + 1] not in CARE_STOP
        ]
        return [intern(p, p) for p in dict.fromkeys(out)]  # binary: a phrase once per message

    out = []
    for i, ws in enumerate(tokens):
        out.append(phrases(ws))
        tokens[i] = None  # freed as we go
    return out


#: up to this many messages, topics_from_frame first counts the phrases itself: when none is in
#: min_count messages there is no topic, and scikit-learn is not imported
PRECHECK_ROWS = 2_000


def _any_shared(features: list[list[str]], min_count: int) -> bool:
    """Whether some phrase is in at least ``min_count`` of the messages (each list holds a
    message's distinct phrases)."""
    seen = Counter(p for phrases in features for p in phrases)
    return bool(seen) and max(seen.values()) >= min_count


def topics_from_frame(
    df: pd.DataFrame,
    brand_terms: frozenset[str] = frozenset(),
    tz: str = "UTC",
    top: int = TOP,
    min_count: int = MIN_COUNT,
) -> dict[str, list[dict]]:
    """Topics per brand of a frame with ``brand, id, created_at, text, is_complaint,
    is_question`` (see the module docstring)."""
    if len(df) < max(min_count, 1) or df["brand"].value_counts().max() < min_count:
        # a topic is a phrase in min_count of one brand's messages: none can be (and a small
        # store does not pay for importing scikit-learn)
        return {}
    features = phrase_lists(df["text"].tolist(), brand_terms)
    if len(df) <= PRECHECK_ROWS and not _any_shared(features, min_count):
        return {}  # what tfidf_columns would say, without importing scikit-learn
    cols = tfidf_columns(features, min_count)
    if cols is None:  # no phrase in two messages
        return {}
    terms, indptr, col_docs, col_values = cols
    nwords = np.array([t.count(" ") + 1 for t in terms], dtype=float)
    n_terms = len(terms)
    col_of = np.repeat(np.arange(n_terms), np.diff(indptr))
    brands = df["brand"].to_numpy(object)
    n_all = len(df)
    df_all = np.bincount(col_of, minlength=n_terms)
    when = pd.to_datetime(df["created_at"], utc=True).dt.tz_convert(zone(tz))
    months = when.dt.strftime("%Y-%m-01").to_numpy(object)
    ids = df["id"].to_numpy(object)
    comp = df["is_complaint"].fillna(False).to_numpy(bool)
    ques = df["is_question"].fillna(False).to_numpy(bool)
    several = len(set(brands)) > 1
    out: dict[str, list[dict]] = {}
    for brand in sorted(set(brands)):
        in_brand = brands == brand
        rows = np.flatnonzero(in_brand)
        mine = in_brand[col_docs]  # the brand's entries, each column's documents ascending
        df_b = np.bincount(col_of[mine], minlength=n_terms)
        # summed left to right down each column, as scipy's column sum of the brand's rows
        tfidf_b = np.bincount(col_of[mine], weights=col_values[mine], minlength=n_terms)
        weight = tfidf_b * (1 + 0.5 * (nwords - 1))
        if several:
            lift = (df_b / len(rows)) / np.maximum(df_all / n_all, 1e-12)
            weight = weight * np.minimum(lift, 3.0)
        weight[df_b < min_count] = 0
        order = np.argsort(-weight, kind="stable")
        kept: list[int] = []
        hits: dict[int, np.ndarray] = {}

        def docs_of(j: int, _mine=mine, hits=hits) -> np.ndarray:
            if j not in hits:
                seg = slice(indptr[j], indptr[j + 1])
                hits[j] = col_docs[seg][_mine[seg]]
            return hits[j]

        for j in order[: top * 20]:
            if weight[j] <= 0 or len(kept) >= top:
                break
            term = terms[j]
            docs_j = set(docs_of(j).tolist())
            covered = False
            for k in kept:
                other = terms[k]
                docs_k = set(docs_of(k).tolist())
                inside = f" {term} " in f" {other} " or f" {other} " in f" {term} "
                overlap = len(docs_j & docs_k) / max(1, min(len(docs_j), len(docs_k)))
                if (inside and overlap >= 0.6) or overlap >= 0.9:
                    covered = True
                    break
            if not covered:
                kept.append(j)
        brand_months = sorted({m for m in months[rows] if isinstance(m, str)})
        topics = []
        for j in kept:
            hit = docs_of(j)  # ascending: the frame is ordered by time, the earliest first
            hm = pd.Series(months[hit]).value_counts()
            nc, nq = int(comp[hit].sum()), int(ques[hit].sum())
            topics.append(
                {
                    "phrase": str(terms[j]),
                    "count": int(len(hit)),
                    "share": round(len(hit) / len(rows), 4),
                    "complaints": nc,
                    "questions": nq,
                    "kind": "complaint" if nc >= nq else "question",
                    "examples": [str(ids[i]) for i in hit[:2]],
                    "trend": [{"month": m, "count": int(hm.get(m, 0))} for m in brand_months],
                }
            )
        out[brand] = topics
    return out


def topics_by_brand(store: Store, tz: str = "UTC", top: int = TOP) -> dict[str, list[dict]]:
    """``{brand: [topic, ...]}``; needs the ``inbound``, ``brand_map``, ``brand_names`` and
    ``predicates`` steps."""
    return topics_from_frame(store.df(TOPIC_TEXTS), _brand_terms(store), tz, top)


#: from this many messages, :func:`topics_later` computes the topics in a process of their own
#: while the analysis goes on with the other sections (the phrases and TF-IDF are pure Python
#: and numpy over the texts: about 5 s of a 200k-message analysis on one core); the
#: environment variable ``BRANDCOUCH_TOPICS_BACKGROUND_ROWS`` overrides it (read at call time)
BACKGROUND_ROWS = 20_000
#: the worker's peak per message of the corpus (measured: 1,185 MB for the ~1.04M messages
#: that need a reply among 3M TWCS-shaped ones, bench/RESULTS.md session 31), and how many
#: times that the machine must have available for the worker to be started: it adds its
#: memory to the run's instead of reusing what this process freed
WORKER_BYTES_PER_ROW = 1_200
WORKER_MEMORY_MARGIN = 4


def background_rows() -> int:
    """``BRANDCOUCH_TOPICS_BACKGROUND_ROWS`` or :data:`BACKGROUND_ROWS`."""
    value = os.environ.get("BRANDCOUCH_TOPICS_BACKGROUND_ROWS", "").strip()
    return int(value) if value else BACKGROUND_ROWS


def _available_memory() -> int | None:
    """``MemAvailable`` of /proc/meminfo in bytes (None where it is not known)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def _room_for_worker(rows: int) -> bool:
    free = _available_memory()
    return free is None or free >= WORKER_MEMORY_MARGIN * WORKER_BYTES_PER_ROW * rows


def topics_later(store: Store, tz: str = "UTC", top: int = TOP) -> Callable[[], dict]:
    """:func:`topics_by_brand`, started now and returned by the function this returns: the
    same result, computed in a separate process for a corpus of :func:`background_rows` or
    more messages on a machine with more than one core and room for the worker's memory
    (:data:`WORKER_MEMORY_MARGIN` times :data:`WORKER_BYTES_PER_ROW` per message available),
    in this one otherwise. The frame is read now (the steps it needs must exist); a worker
    that cannot start or dies is replaced by computing here."""
    df = store.df(TOPIC_TEXTS)
    terms = _brand_terms(store)
    n = len(df)
    if n >= background_rows() and (os.cpu_count() or 1) > 1 and _room_for_worker(n):
        later = _in_background(store, df, terms, tz, top)
        if later is not None:
            return later
    return lambda: topics_from_frame(df, terms, tz, top)


def _in_background(store: Store, df: pd.DataFrame, terms: frozenset[str], tz: str,
                   top: int) -> Callable[[], dict] | None:  # fmt: skip
    # loky (the signals' pool library): a fresh interpreter, not a fork of this process and
    # its DuckDB threads, that does not re-run the caller's script (no ``__main__`` guard
    # needed in a user's script or notebook)
    from joblib.externals.loky import ProcessPoolExecutor
    from joblib.externals.loky.process_executor import BrokenProcessPool

    try:
        pool = ProcessPoolExecutor(max_workers=1)
        future = pool.submit(topics_from_frame, df, terms, tz, top)
    except (OSError, ValueError, RuntimeError):  # no processes here
        return None

    def result() -> dict[str, list[dict]]:
        try:
            return future.result()
        except BrokenProcessPool:  # the worker died: the same topics, computed here
            return topics_by_brand(store, tz, top)
        finally:
            pool.shutdown(wait=True)

    def close() -> None:  # the run failed before asking: stop the worker
        pool.shutdown(wait=False, kill_workers=True)

    result.close = close  # type: ignore[attr-defined]
    return result
