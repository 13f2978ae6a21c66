"""Train the latent-semantic part of the relevance signal (relevance.v2).

    .venv/bin/python scripts/train_relevance.py [--shared ../shared] [--dims 120]

Training texts (customer-care text only; the IBM set is never read here, it is for evaluation):

* ``data/twcs/twcs_head5000.csv``: every tweet, plus one document per conversation (all its
  tweets joined) so that words of a question and of its answer co-occur (``crash`` with
  ``device``/``version``); conversations are the connected components of the reply links;
* ``data/twcs/spotifycares_support_requests.csv``: every customer tweet;
* ``data/complaints/train.csv``: every tweet (labels unused).

Model: word 1-2-gram counts (``relevance_semantic.make_vectorizer``: min_df, top
``--max-features`` by frequency), sublinear tf x smooth IDF, truncated SVD (randomized,
seed 0) to ``--dims``. ``parent_mean`` is the mean unit embedding of the customer tweets.
Writes ``src/brandcouch/signals/models/relevance_lsa.{npz,json}``.

``--exclude-brands`` drops those brands' conversations (and the SpotifyCares file when
SpotifyCares is excluded), which is how ``bench/eval_relevance.py`` holds brands out.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.decomposition import TruncatedSVD

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brandcouch.signals.relevance_semantic import (  # noqa: E402
    SemanticModel,
    make_vectorizer,
    save_model,
)

DIMS = 200
MIN_DF = 3
MAX_FEATURES = 8_000


def read_twcs(shared: Path) -> pd.DataFrame:
    """twcs_head5000 with ``is_brand``, ``conversation`` (component id) and ``brand`` columns."""
    df = pd.read_csv(shared / "data/twcs/twcs_head5000.csv", dtype={"author_id": str})
    df["text"] = df["text"].fillna("")
    df["is_brand"] = ~df["author_id"].str.fullmatch(r"\d+")
    parent_of = dict(zip(df.tweet_id, df.in_response_to_tweet_id, strict=True))
    root: dict[int, int] = {}

    def find(t: int) -> int:
        path = []
        while t not in root:
            path.append(t)
            p = parent_of.get(t)
            if p is None or p != p or int(p) not in parent_of or int(p) in path:
                root[t] = t
                break
            t = int(p)
        r = root[t]
        for x in path:
            root[x] = r
        return r

    df["conversation"] = [find(int(t)) for t in df.tweet_id]
    brand_of = df[df.is_brand].groupby("conversation")["author_id"].first()
    df["brand"] = df["conversation"].map(brand_of)
    return df


def twcs_pairs(df: pd.DataFrame) -> pd.DataFrame:
    """(customer tweet, brand reply to it) pairs: columns brand, parent, reply, customer."""
    by_id = df.set_index("tweet_id")
    r = df[df.is_brand & df.in_response_to_tweet_id.notna()].copy()
    r["pid"] = r.in_response_to_tweet_id.astype(int)
    r = r[r.pid.isin(by_id.index)]
    p = by_id.loc[r.pid]
    keep = p["inbound"].to_numpy(dtype=bool)
    return pd.DataFrame(
        {
            "brand": r["author_id"].to_numpy()[keep],
            "parent": p["text"].to_numpy()[keep],
            "reply": r["text"].to_numpy()[keep],
            "customer": p["author_id"].to_numpy()[keep],
        }
    )


def corpus(shared: Path, exclude_brands: frozenset[str] = frozenset()) -> tuple[list, list]:
    """(training documents, customer texts) with the excluded brands' conversations left out."""
    df = read_twcs(shared)
    df = df[~df["brand"].isin(exclude_brands)]
    docs = df["text"].tolist()
    docs += df.groupby("conversation")["text"].agg(" \n ".join).tolist()
    customers = df.loc[~df.is_brand, "text"].tolist()
    spotify = shared / "data/twcs/spotifycares_support_requests.csv"
    if spotify.exists() and "SpotifyCares" not in exclude_brands:
        sp = pd.read_csv(spotify)["text"].fillna("").tolist()
        docs += sp
        customers += sp
    complaints = shared / "data/complaints/train.csv"
    if complaints.exists():
        cp = pd.read_csv(complaints, dtype={"id": str})["text"].fillna("").tolist()
        docs += cp
        customers += cp
    return docs, customers


def train(
    docs: list[str],
    customers: list[str],
    dims: int = DIMS,
    min_df: int = MIN_DF,
    max_features: int = MAX_FEATURES,
) -> tuple[SemanticModel, dict]:
    """Fit the vocabulary, IDF and SVD basis; returns the model and its raw arrays."""
    vec = make_vectorizer(min_df=min_df, max_features=max_features)
    counts = vec.fit_transform(docs).tocsr()
    n_docs = counts.shape[0]
    df_counts = np.bincount(counts.indices, minlength=counts.shape[1])
    idf = (np.log((1 + n_docs) / (1 + df_counts)) + 1.0).astype(np.float32)
    x = counts.copy()
    x.data = (1.0 + np.log(x.data)) * idf[x.indices]
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x = x.multiply(1.0 / norms[:, None]).tocsr()
    svd = TruncatedSVD(n_components=dims, algorithm="randomized", n_iter=7, random_state=0)
    svd.fit(x)
    vocabulary = [t for t, _ in sorted(vec.vocabulary_.items(), key=lambda kv: kv[1])]
    components = svd.components_.astype(np.float32)
    model = SemanticModel(vocabulary, idf, components, np.zeros(dims, np.float32))
    emb = model.embed(customers)
    parent_mean = emb[np.linalg.norm(emb, axis=1) > 0].mean(axis=0).astype(np.float32)
    model.parent_mean = parent_mean
    arrays = {
        "vocabulary": vocabulary,
        "idf": idf,
        "components": components,
        "parent_mean": parent_mean,
        "explained_variance": float(svd.explained_variance_ratio_.sum()),
        "n_docs": n_docs,
    }
    return model, arrays


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--dims", type=int, default=DIMS)
    parser.add_argument("--min-df", type=int, default=MIN_DF)
    parser.add_argument("--max-features", type=int, default=MAX_FEATURES)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    docs, customers = corpus(args.shared)
    _, arrays = train(docs, customers, args.dims, args.min_df, args.max_features)
    meta = {
        "recipe": "relevance_semantic.make_vectorizer (word 1-2-grams, digits->0, no URLs/"
        "handles, sklearn English stop words); sublinear tf x smooth idf; TruncatedSVD randomized n_iter=7 seed 0",
        "dims": args.dims,
        "min_df": args.min_df,
        "max_features": args.max_features,
        "n_docs": arrays["n_docs"],
        "n_customer_texts": len(customers),
        "explained_variance": round(arrays["explained_variance"], 4),
        "training_data": [
            "twcs/twcs_head5000.csv (tweets + one document per conversation) - CC BY-NC-SA 4.0",
            "twcs/spotifycares_support_requests.csv (customer tweets) - CC BY-NC-SA 4.0",
            "complaints/train.csv (tweets, labels unused) - no licence stated, research data",
        ],
    }
    save_model(
        arrays["vocabulary"], arrays["idf"], arrays["components"], arrays["parent_mean"], meta
    )
    print(
        f"{arrays['n_docs']:,} documents, {len(arrays['vocabulary']):,} n-grams, {args.dims} dims, "
        f"explained variance {arrays['explained_variance']:.3f}, "
        f"{time.perf_counter() - start:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
