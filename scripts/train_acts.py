"""Train the learned parts of the act signals (engagement, act_private) and write their artefacts.

    .venv/bin/python scripts/train_acts.py [--shared ../shared] [--cv-only]

Training rows: labels/acts.csv split=train (209 brand replies) + labels/acts_more.csv (320
further brand replies, all split=train; labels/acts_more.md). The text is read from
../shared/data/twcs/twcs_head5000.csv and never copied into the repo. The test split of
labels/acts.csv is never read here.

Each model is a class-balanced logistic regression (liblinear) over hashed word 1-2-grams and
char_wb 2-5-grams of the 'bc1' preprocessed text (the blocks of scripts/train_signals.py, shared
per batch with the other learned signals) plus the 8 rule columns of
``brandcouch.signals.acts.act_rows`` as dense extras, i.e. a learned, calibrated blend of the
rules and the n-grams. The settings (C, with or without the rule extras) are chosen by a
5-fold cross-validation on the training rows, folds grouped by conversation (connected reply
component) so that a thread never sits on both sides; the objective is the mean of the
deflection F1 and the engagement F1, where deflection = p_private * (1 - p_engagement) >= 0.5
against "private and none of acknowledge/diagnose/inform/commit" (labels/acts.md). The CV
numbers of every grid point are printed and stored in the artefact's JSON under "metrics".
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import scipy.sparse as sp
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brandcouch.signals.acts import ACTS, act_rows  # noqa: E402
from brandcouch.signals.learned import (  # noqa: E402
    hashing_vectorizer,
    preprocess,
    reset_cache,
    save_model,
)

WORD = {"analyzer": "word", "ngram_range": [1, 2], "n_features": 2**18, "norm": "l2"}
CHAR = {"analyzer": "char_wb", "ngram_range": [2, 5], "n_features": 2**18, "norm": "l2"}
BLOCKS = [WORD, CHAR]
ENGAGE = ("acknowledge", "diagnose", "inform", "commit")
GRID = [(C, extras) for C in (0.5, 2.0, 8.0, 32.0) for extras in (True, False)]
SEED = 13
#: coefficients kept per block (the largest |w|): keeps each artefact near 100 KB
TOP_K = 12000
TARGETS = ("engagement", "private")
#: the targets whose model is shipped: act_private's model only copies its rule column in the
#: cross-validation (same P/R as the rules), so act_private stays the rules
SHIPPED = ("engagement",)


def components(tw: pd.DataFrame) -> dict[str, str]:
    """tweet_id -> the smallest tweet_id of its connected reply component in the file."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    ids = set(tw["tweet_id"])
    for t, p in zip(tw["tweet_id"], tw["in_response_to_tweet_id"], strict=True):
        find(t)
        if isinstance(p, str) and p:
            p = str(int(float(p)))
            if p in ids:
                a, b = find(t), find(p)
                if a != b:
                    parent[max(a, b, key=int)] = min(a, b, key=int)
    return {t: find(t) for t in ids}


def load(shared: Path, exclude_ownership: str = "") -> pd.DataFrame:
    """The training rows; ``exclude_ownership="train"`` drops every reply whose thread holds a
    labels/ownership.csv train conversation (for an honest conversation-level check on the
    ownership train split: bench/eval_conversations.py then never sees a memorised reply)."""
    tw = pd.read_csv(
        shared / "data/twcs/twcs_head5000.csv",
        dtype=str,
        usecols=["tweet_id", "text", "in_response_to_tweet_id"],
    )
    comp = components(tw)
    lab = pd.read_csv(ROOT / "labels/acts.csv", dtype=str)
    lab = lab[lab["split"] == "train"]
    more = pd.read_csv(ROOT / "labels/acts_more.csv", dtype=str)
    assert (more["split"] == "train").all()
    df = pd.concat([lab.assign(source="acts"), more.assign(source="acts_more")], ignore_index=True)
    df = df.merge(tw[["tweet_id", "text"]], on="tweet_id", how="left")
    df["text"] = df["text"].fillna("")
    acts = df["label"].str.split(";")
    df["y_private"] = acts.map(lambda s: "private" in s)
    df["y_engagement"] = acts.map(lambda s: any(a in s for a in ENGAGE))
    df["y_deflection"] = df["y_private"] & ~df["y_engagement"]
    df["group"] = df["tweet_id"].map(comp)
    if exclude_ownership:
        own = pd.read_csv(ROOT / "labels/ownership.csv", dtype=str)
        held = {
            comp[t] for t in own.loc[own["split"] == exclude_ownership, "tweet_id"] if t in comp
        }
        df = df[~df["group"].isin(held)]
    return df.reset_index(drop=True)


def matrices(texts: list[str]) -> tuple[sp.csr_matrix, np.ndarray]:
    pre = [preprocess(t) for t in texts]
    x = sp.hstack([hashing_vectorizer(b).transform(pre) for b in BLOCKS]).tocsr()
    return x, act_rows(texts)


def design(x: sp.csr_matrix, rules: np.ndarray, extras: bool) -> sp.csr_matrix:
    return sp.hstack([x, sp.csr_matrix(rules)]).tocsr() if extras else x


def fit(X, y, C: float) -> LogisticRegression:
    model = LogisticRegression(
        C=C, class_weight="balanced", solver="liblinear", max_iter=5000, random_state=SEED
    )
    return model.fit(X, y)


def prf(y: np.ndarray, p: np.ndarray) -> dict:
    tp = int((y & p).sum())
    prec = tp / p.sum() if p.sum() else 0.0
    rec = tp / y.sum() if y.sum() else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"P": round(prec, 4), "R": round(rec, 4), "F1": round(f1, 4), "n": int(y.sum())}


def scores_of(df, probs: dict[str, np.ndarray]) -> dict:
    eng, priv = probs["engagement"], probs["private"]
    out = {
        "engagement": prf(df["y_engagement"].to_numpy(), eng >= 0.5),
        "private": prf(df["y_private"].to_numpy(), priv >= 0.5),
        "deflection": prf(df["y_deflection"].to_numpy(), priv * (1 - eng) >= 0.5),
    }
    out["objective"] = round((out["deflection"]["F1"] + out["engagement"]["F1"]) / 2, 4)
    return out


def cross_validate(df, x, rules) -> dict:
    folds = list(
        StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED).split(
            x, df["y_deflection"].astype(int) * 2 + df["y_engagement"].astype(int), df["group"]
        )
    )
    eng_rule = rules[:, :4].max(axis=1)
    res: dict = {"rules": scores_of(df, {"engagement": eng_rule, "private": rules[:, 4]})}
    for C, extras in GRID:
        X = design(x, rules, extras)
        probs = {}
        for target in TARGETS:
            y = df[f"y_{target}"].to_numpy()
            p = np.zeros(len(df))
            for tr, te in folds:
                p[te] = fit(X[tr], y[tr], C).predict_proba(X[te])[:, 1]
            probs[target] = p
        key = f"C={C} extras={'rules' if extras else 'none'}"
        res[key] = scores_of(df, probs)
        # the same, per source (the rules were tuned on acts.csv train, not on acts_more)
        for src in ("acts", "acts_more"):
            m = (df["source"] == src).to_numpy()
            res[key][src] = scores_of(df[m], {k: v[m] for k, v in probs.items()})
    m = (df["source"] == "acts_more").to_numpy()
    res["rules"]["acts_more"] = scores_of(
        df[m], {"engagement": eng_rule[m], "private": rules[m, 4]}
    )
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument(
        "--exclude-ownership",
        default="",
        choices=("", "train"),
        help="drop the replies of threads holding labels/ownership.csv conversations of this split"
        " (a check model: do not ship it)",
    )
    args = ap.parse_args(argv)
    df = load(args.shared, args.exclude_ownership)
    print(f"{len(df)} training replies")
    texts = df["text"].tolist()
    x, rules = matrices(texts)
    cv = cross_validate(df, x, rules)
    for key, r in cv.items():
        line = " ".join(
            f"{t} P{r[t]['P']:.3f} R{r[t]['R']:.3f} F{r[t]['F1']:.3f}"
            for t in ("engagement", "private", "deflection")
        )
        more = r["acts_more"]["deflection"]
        print(f"{key:26s} obj {r['objective']:.3f} | {line} | acts_more defl F{more['F1']:.3f}")
    best = max((k for k in cv if k != "rules"), key=lambda k: (cv[k]["objective"], k))
    C = float(best.split()[0].split("=")[1])
    extras = best.endswith("rules")
    print(f"chosen: {best}")
    if args.cv_only:
        return 0
    X = design(x, rules, extras)
    n_word = WORD["n_features"]
    for target in SHIPPED:
        model = fit(X, df[f"y_{target}"].to_numpy(), C)
        coef = model.coef_[0]
        meta = {
            "name": f"acts_{target}",
            "version": f"acts_{target}.v1",
            "preprocessor": "bc1",
            "blocks": BLOCKS,
            "extra": [f"act_rule_{a}" for a in ACTS] if extras else [],
            "threshold": 0.5,
            "trained_on": f"labels/acts.csv split=train ({int((df['source'] == 'acts').sum())})"
            f" + labels/acts_more.csv ({int((df['source'] == 'acts_more').sum())}); text from"
            " shared/data/twcs/twcs_head5000.csv",
            "params": {"C": C, "class_weight": "balanced", "solver": "liblinear", "top_k": TOP_K},
            "metrics": {"cv5_grouped": cv, "chosen": best},
            "trained_at": dt.date.today().isoformat(),
            "sklearn_version_used_for_training": sklearn.__version__,
        }
        save_model(
            f"acts_{target}",
            meta,
            [coef[:n_word], coef[n_word : 2 * n_word]],
            coef[2 * n_word :] if extras else np.zeros(0),
            float(model.intercept_[0]),
            top_k=TOP_K,
        )
        print(f"wrote acts_{target}")
    reset_cache()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
