"""Care topics: ``metrics.topics.tfidf_columns`` (scikit-learn's ``TfidfVectorizer`` on phrase
lists, as CSC arrays) checked by hand, and ``topics_from_frame`` (numpy sums per brand) gives
exactly what the earlier scikit-learn + scipy implementation gave (the reference below is that
implementation, kept verbatim apart from its helpers' names)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from brandcouch.metrics import topics
from brandcouch.metrics.sla import zone
from brandcouch.signals import textutil
from tests.conftest import python_stdout

TWCS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "twcs" / "twcs_head5000.csv"


def _sklearn_columns(features: list[list[str]], min_df: int):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(analyzer=lambda f: f, min_df=min_df, binary=True, norm="l2")
    x = vec.fit_transform(features).tocsc()
    return vec.get_feature_names_out(), x.indptr, x.indices, x.data


def _same_columns(features: list[list[str]], min_df: int = 2) -> None:
    got = topics.tfidf_columns(features, min_df)
    if got is None:  # scikit-learn: "empty vocabulary" / "After pruning, no terms remain"
        with pytest.raises(ValueError):
            _sklearn_columns(features, min_df)
        return
    terms, indptr, docs, values = got
    s_terms, s_indptr, s_docs, s_values = _sklearn_columns(features, min_df)
    assert list(terms) == list(s_terms)
    assert np.array_equal(indptr, s_indptr)
    assert np.array_equal(docs, s_docs)
    assert values.dtype == s_values.dtype == np.float64
    assert values.tobytes() == s_values.tobytes()  # bit for bit, not approximately


def test_tfidf_columns_by_hand():
    # 3 documents; "b" and "a" are in two documents each, "c" and "d" in one (dropped)
    features = [["b", "a", "c"], ["a"], ["d", "b"]]
    terms, indptr, docs, values = topics.tfidf_columns(features, 2)
    assert list(terms) == ["a", "b"]
    assert indptr.tolist() == [0, 2, 4]
    assert docs.tolist() == [0, 1, 0, 2]
    idf = np.log(4 / 3) + 1  # log((n + 1) / (df + 1)) + 1 with n = 3, df = 2, for both
    # doc 0 has a and b (same idf: each 1/sqrt 2); doc 1 only a and doc 2 only b (each 1)
    assert values == pytest.approx([1 / np.sqrt(2), 1.0, 1 / np.sqrt(2), 1.0])
    assert idf > 1
    _same_columns(features)
    # a repeated feature counts once (binary); nothing in two documents: None
    _same_columns([["x", "y", "x"], ["y", "x"], ["z"]])
    assert topics.tfidf_columns([["a"], ["b"]], 2) is None
    assert topics.tfidf_columns([[], []], 2) is None
    _same_columns([["a"], ["b"]])
    _same_columns([[], []])


def _twcs_frame(limit: int) -> pd.DataFrame:
    """Inbound TWCS tweets as the topics frame: the brand is the first @handle mentioned."""
    rows = []
    with TWCS.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["inbound"] != "True":
                continue
            m = re.match(r"@(\w+)", r["text"])
            brand = m.group(1) if m and not m.group(1).isdigit() else "other"
            h = int(r["tweet_id"]) * 2654435761 % 7
            rows.append(
                {
                    "brand": brand,
                    "id": r["tweet_id"],
                    "created_at": pd.Timestamp(r["created_at"]).tz_convert("UTC"),
                    "text": r["text"],
                    "is_complaint": h < 4,
                    "is_question": h >= 3 if h != 6 else None,
                }
            )
            if len(rows) >= limit:
                break
    return pd.DataFrame(rows).sort_values(["brand", "created_at", "id"]).reset_index(drop=True)


@pytest.mark.skipif(not TWCS.exists(), reason="needs ../shared/data/twcs")
@pytest.mark.parametrize("n", [2, 5, 40, 400, 3000])
def test_topics_are_those_of_the_scikit_learn_implementation(n):
    frame = _twcs_frame(n)
    terms = frozenset({"sprintcare", "sprint", "applesupport", "apple", "support"})
    for tz in ("UTC", "America/New_York"):
        got = topics.topics_from_frame(frame, terms, tz)
        assert got == _reference_topics(frame, terms, tz)
    if n >= 400:
        assert sum(len(v) for v in got.values()) > 10  # the comparison saw real topics
    one = frame[frame["brand"] == frame["brand"].value_counts().index[0]]
    assert topics.topics_from_frame(one, terms) == _reference_topics(one, terms)
    assert topics.topics_from_frame(frame, terms, top=3, min_count=3) == _reference_topics(
        frame, terms, top=3, min_count=3
    )


def test_three_messages_give_their_shared_phrase_and_one_per_brand_imports_nothing():
    df = pd.DataFrame(
        {
            "brand": ["a"] * 3,
            "id": ["1", "2", "3"],
            "created_at": pd.to_datetime(["2024-01-01"] * 3, utc=True),
            "text": ["my parcel is lost", "parcel lost again", "lost parcel refund"],
            "is_complaint": [True] * 3,
            "is_question": [False] * 3,
        }
    )
    got = topics.topics_from_frame(df)
    # "lost" and "parcel" are in all three (equal weights: "lost" first by name, "parcel" then
    # covered by it); no other phrase is in two messages
    assert [(t["phrase"], t["count"]) for t in got["a"]] == [("lost", 3)], got
    code = (
        "import sys, pandas as pd\n"
        "from brandcouch.metrics.topics import topics_from_frame\n"
        "df = pd.DataFrame({'brand': ['a', 'b'], 'id': ['1', '2'],"
        " 'created_at': pd.to_datetime(['2024-01-01'] * 2, utc=True),"
        " 'text': ['my parcel is lost', 'parcel lost again'],"
        " 'is_complaint': [True] * 2, 'is_question': [False] * 2})\n"
        "assert topics_from_frame(df) == {}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))\n"
    )
    # one message per brand: no phrase can be in two of a brand's messages, nothing imported
    assert python_stdout(code) == "[]"


def test_two_messages_sharing_only_stop_words_import_nothing():
    # the 3-message bench store (bench/bench_tiny.py): sprintcare's two customer tweets share
    # "and", "you", "i" (stop words) and no phrase, so there is no topic and scikit-learn (1 s
    # to import) is not imported; the stop words are scikit-learn's own list, read from its file
    code = (
        "import sys, pandas as pd\n"
        "from brandcouch.metrics.topics import topics_from_frame\n"
        "df = pd.DataFrame({'brand': ['a', 'a'], 'id': ['1', '2'],"
        " 'created_at': pd.to_datetime(['2024-01-01'] * 2, utc=True),"
        " 'text': ['and how do you propose we do that',"
        " 'I have sent several private messages and no one is responding as usual'],"
        " 'is_complaint': [True] * 2, 'is_question': [True] * 2})\n"
        "assert topics_from_frame(df) == {}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sklearn', 'scipy')))\n"
    )
    assert python_stdout(code) == "[]"
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert textutil.english_stop_words() == frozenset(ENGLISH_STOP_WORDS)
    assert len(ENGLISH_STOP_WORDS) == 318


def _reference_topics(df, brand_terms=frozenset(), tz="UTC", top=topics.TOP, min_count=2):
    """The scikit-learn + scipy implementation of ``topics_from_frame`` before issue 15."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    CARE_STOP, _TOKEN, clean = topics.CARE_STOP, topics._TOKEN, topics.clean
    if len(df) < max(min_count, 1):
        return {}
    stop = frozenset(ENGLISH_STOP_WORDS) | CARE_STOP | brand_terms
    docs = [clean(t, brand_terms) for t in df["text"].tolist()]
    tokens = [re.findall(_TOKEN, d) for d in docs]
    vocab = {w for ws in tokens for w in ws}
    single = {w: w[:-1] for w in vocab if len(w) > 3 and w.endswith("s")
              and not w.endswith("ss") and w[:-1] in vocab}  # fmt: skip
    by_doc = dict(zip(docs, tokens, strict=True))

    def analyzer(doc):
        words = [single.get(w, w) for w in by_doc.get(doc) or re.findall(_TOKEN, doc)]
        out = []
        for n in (1, 2, 3):
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                if gram[0] in stop or gram[-1] in stop:
                    continue
                if n == 3 and gram[1] in CARE_STOP:
                    continue
                out.append(" ".join(gram))
        return list(dict.fromkeys(out))

    vec = TfidfVectorizer(analyzer=analyzer, min_df=min_count, binary=True, norm="l2")
    try:
        x = vec.fit_transform(docs).tocsc()
    except ValueError:
        return {}
    terms = vec.get_feature_names_out()
    nwords = np.array([t.count(" ") + 1 for t in terms], dtype=float)
    present = x.copy()
    present.data[:] = 1.0
    brands = df["brand"].to_numpy(object)
    n_all = len(df)
    df_all = np.asarray(present.sum(axis=0)).ravel()
    when = pd.to_datetime(df["created_at"], utc=True).dt.tz_convert(zone(tz))
    months = when.dt.strftime("%Y-%m-01").to_numpy(object)
    ids = df["id"].to_numpy(object)
    comp = df["is_complaint"].fillna(False).to_numpy(bool)
    ques = df["is_question"].fillna(False).to_numpy(bool)
    several = len(set(brands)) > 1
    xr = x.tocsr()
    pr = present.tocsr()
    out = {}
    for brand in sorted(set(brands)):
        rows = np.flatnonzero(brands == brand)
        sub, psub = xr[rows], pr[rows]
        df_b = np.asarray(psub.sum(axis=0)).ravel()
        weight = np.asarray(sub.sum(axis=0)).ravel() * (1 + 0.5 * (nwords - 1))
        if several:
            lift = (df_b / len(rows)) / np.maximum(df_all / n_all, 1e-12)
            weight = weight * np.minimum(lift, 3.0)
        weight[df_b < min_count] = 0
        order = np.argsort(-weight, kind="stable")
        kept = []
        psc = psub.tocsc()
        for j in order[: top * 20]:
            if weight[j] <= 0 or len(kept) >= top:
                break
            term = terms[j]
            docs_j = set(psc.indices[psc.indptr[j] : psc.indptr[j + 1]])
            covered = False
            for k in kept:
                other = terms[k]
                docs_k = set(psc.indices[psc.indptr[k] : psc.indptr[k + 1]])
                inside = f" {term} " in f" {other} " or f" {other} " in f" {term} "
                overlap = len(docs_j & docs_k) / max(1, min(len(docs_j), len(docs_k)))
                if (inside and overlap >= 0.6) or overlap >= 0.9:
                    covered = True
                    break
            if not covered:
                kept.append(j)
        brand_months = sorted({m for m in months[rows] if isinstance(m, str)})
        found = []
        for j in kept:
            hit = rows[psc.indices[psc.indptr[j] : psc.indptr[j + 1]]]
            hit = np.sort(hit)
            hm = pd.Series(months[hit]).value_counts()
            nc, nq = int(comp[hit].sum()), int(ques[hit].sum())
            found.append(
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
        out[brand] = found
    return out
