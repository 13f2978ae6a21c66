"""Care-team topics: what people complain about and ask, per brand, as keyphrases with counts,
examples and a monthly trend (docs/output.md, "Care team").

The corpus is every inbound message that needs a reply (a question or a complaint, the
``needs_reply`` predicate) of every brand in the run. Each text is cleaned (links, @handles,
numbers and the brands' own names and handles removed, lower-cased) and cut into 1- to
3-word phrases that neither start nor end with a stop word (scikit-learn's English list plus
care-desk filler: "dm", "please", "hi", "thanks", "help", "order number" stays). A phrase's
weight for a brand is the summed TF-IDF (binary counts, smoothed IDF over the whole corpus,
L2-normalised rows: scikit-learn ``TfidfVectorizer``'s arithmetic, step for step, in numpy —
:func:`tfidf_columns`; tests compare it with scikit-learn) of the brand's messages containing
it, times ``1 + 0.5`` per extra word (a phrase says more than a word), times how much more often
the brand's messages use it than the corpus (``min(3, df_brand/N_brand / (df_all/N_all))``, 1
for a single brand). The top phrases are kept when at least :data:`MIN_COUNT` messages contain
them, a phrase covered by a longer kept phrase in most of its messages being dropped
(``account`` under ``locked out of account``).

Each topic: ``phrase``, ``count`` (messages), ``share`` (of the brand's messages that need a
reply), ``complaints`` and ``questions`` (of those messages), ``kind`` (the majority),
``examples`` (two message ids, the earliest), ``trend`` (``[{month, count}]`` over the months of
the brand's messages, local time). No downloaded model, and no scikit-learn / scipy import (a
command on a small store does not pay for them).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from brandcouch.metrics.sla import zone
from brandcouch.model.vocabulary import SIGNAL_ON
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


#: scikit-learn's ``ENGLISH_STOP_WORDS`` (318 words, copied: importing scikit-learn costs ~1.5 s;
#: tests/care/test_topics_tfidf.py checks the copy)
ENGLISH_STOP_WORDS = _wordset(
    """
    a about above across after afterwards again against all almost alone along already also
    although always am among amongst amoungst amount an and another any anyhow anyone anything
    anyway anywhere are around as at back be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond bill both bottom but by call can
    cannot cant co con could couldnt cry de describe detail do done down due during each eg eight
    either eleven else elsewhere empty enough etc even ever every everyone everything everywhere
    except few fifteen fifty fill find fire first five for former formerly forty found four from
    front full further get give go had has hasnt have he hence her here hereafter hereby herein
    hereupon hers herself him himself his how however hundred i ie if in inc indeed interest into
    is it its itself keep last latter latterly least less ltd made many may me meanwhile might
    mill mine more moreover most mostly move much must my myself name namely neither never
    nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once
    one only onto or other others otherwise our ours ourselves out over own part per perhaps
    please put rather re same see seem seemed seeming seems serious several she should show side
    since sincere six sixty so some somehow someone something sometime sometimes somewhere still
    such system take ten than that the their them themselves then thence there thereafter thereby
    therefore therein thereupon these they thick thin third this those though three through
    throughout thru thus to together too top toward towards twelve twenty two un under until up
    upon us very via was we well were what whatever when whence whenever where whereafter whereas
    whereby wherein whereupon wherever whether which while whither who whoever whole whom whose
    why will with within without would yet you your yours yourself yourselves
    """
)


def _stop_words(brand_terms: frozenset[str]) -> frozenset[str]:
    return ENGLISH_STOP_WORDS | CARE_STOP | brand_terms


def tfidf_columns(
    features: list[list[str]], min_df: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None:
    """``TfidfVectorizer(analyzer=..., min_df=min_df, binary=True, norm="l2")`` (smooth IDF)
    ``.fit_transform`` of documents already cut into their distinct ``features``, as the
    column-major arrays of ``.tocsc()``: ``(terms, indptr, docs, values)`` with ``terms`` sorted
    (object array), each column's documents ascending. None when no feature is in ``min_df``
    documents (scikit-learn raises ValueError).

    The same float64 operations in the same order as scikit-learn 1.x, so the values are
    identical bit for bit: the vocabulary numbered by first appearance, each row's entries in that
    order, the features sorted by name and those in fewer than ``min_df`` documents dropped (the
    row order kept), ``idf = log((n + 1) / (df + 1)) + 1`` computed on the whole column array
    at once, ``value = 1 * idf`` and each row divided by the square root of its sum of squares
    accumulated left to right (``np.bincount`` adds its weights in order, like
    ``inplace_csr_row_normalize_l2``)."""
    vocab: dict[str, int] = {}
    cols: list[int] = []
    lens = np.zeros(len(features), dtype=np.int64)
    for i, feats in enumerate(features):
        # a feature once per document (binary), in first-appearance order (X.sort_indices())
        row = sorted({vocab.setdefault(f, len(vocab)) for f in feats})
        cols += row
        lens[i] = len(row)
    if not vocab:
        return None
    col = np.asarray(cols, dtype=np.int64)
    df_first = np.bincount(col, minlength=len(vocab))
    names = list(vocab)
    order = sorted(range(len(names)), key=names.__getitem__)
    keep = [j for j in order if df_first[j] >= min_df]
    if not keep:
        return None
    new = np.full(len(vocab), -1, dtype=np.int64)
    new[np.asarray(keep, dtype=np.int64)] = np.arange(len(keep))
    row_of = np.repeat(np.arange(len(features), dtype=np.int64), lens)
    col = new[col]
    kept = col >= 0
    col, row_of = col[kept], row_of[kept]
    n_terms = len(keep)
    df = np.bincount(col, minlength=n_terms).astype(np.float64)
    df += 1.0
    idf = np.full_like(df, fill_value=len(features) + 1, dtype=np.float64)
    idf /= df
    np.log(idf, out=idf)
    idf += 1.0
    values = np.ones(len(col), dtype=np.float64)
    values *= idf[col]
    norm = np.sqrt(np.bincount(row_of, weights=values * values, minlength=len(features)))
    nz = norm[row_of] != 0.0
    values[nz] /= norm[row_of][nz]
    by_col = np.argsort(col, kind="stable")  # rows ascending within a column
    indptr = np.zeros(n_terms + 1, dtype=np.int64)
    np.cumsum(np.bincount(col, minlength=n_terms), out=indptr[1:])
    terms = np.empty(n_terms, dtype=object)
    terms[:] = [names[j] for j in keep]
    return terms, indptr, row_of[by_col], values[by_col]


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
    tokens = [re.findall(_TOKEN, clean(t, brand_terms)) for t in texts]
    vocab = {w for ws in tokens for w in ws}
    # a plural is its singular when the corpus has both ("flights" → "flight")
    single = {w: w[:-1] for w in vocab if len(w) > 3 and w.endswith("s")
              and not w.endswith("ss") and w[:-1] in vocab}  # fmt: skip

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
        return list(dict.fromkeys(out))  # binary: a phrase once per message

    return [phrases(ws) for ws in tokens]


def topics_from_frame(
    df: pd.DataFrame,
    brand_terms: frozenset[str] = frozenset(),
    tz: str = "UTC",
    top: int = TOP,
    min_count: int = MIN_COUNT,
) -> dict[str, list[dict]]:
    """Topics per brand of a frame with ``brand, id, created_at, text, is_complaint,
    is_question`` (see the module docstring)."""
    if len(df) < max(min_count, 1):
        # a phrase must be in min_count messages: none can be
        return {}
    cols = tfidf_columns(phrase_lists(df["text"].tolist(), brand_terms), min_count)
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
