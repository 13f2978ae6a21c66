"""Train the learned parts of the act signals (engagement, act_private) and write their artefacts.

    .venv/bin/python scripts/train_acts.py [--shared ../shared] [--cv-only] [--errors]

Training rows: labels/acts.csv split=train (209 brand replies) + labels/acts_more.csv (320
further brand replies, all split=train; labels/acts_more.md) + labels/acts_more2.csv (300, all
split=train; labels/acts_more2.md). The text is read from
../shared/data/twcs/twcs_head5000.csv and never copied into the repo. The test split of
labels/acts.csv is never read here. labels/acts_more3.csv (sixth pass) is not read either: its
split=test rows are the fresh held-out deflection set; a retrain may add its split=train rows
only.

Each model is a class-balanced logistic regression (liblinear) over hashed word 1-2-grams and
char_wb 2-5-grams of the 'bc1' preprocessed text (the blocks of scripts/train_signals.py, shared
per batch with the other learned signals) plus the 8 rule columns of
``brandcouch.signals.acts.act_rows`` as dense extras, i.e. a learned, calibrated blend of the
rules and the n-grams. The settings (C, with or without the rule extras, the engagement
threshold) are chosen by a 5-fold cross-validation on the training rows, with the push mode
(how a reply the rules read as a push decides, ``acts.PUSH_MODES``) fixed by ``--push-mode``,
default ``rules``; folds are grouped by conversation
(connected reply component) so that a thread never sits on both sides; the objective is the
mean of the deflection F1 and the engagement F1, where deflection = act_private (rules) AND NOT
engagement against "private and none of acknowledge/diagnose/inform/commit" (labels/acts.md).
The best CV settings are printed and stored in the artefact's JSON under "metrics";
``--errors`` prints the chosen setting's out-of-fold errors of act_private, engagement and
deflection.
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

from brandcouch.signals.acts import ACTS, PUSH_MODES, act_rows, push_decision  # noqa: E402
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
#: the training-only label files beside labels/acts.csv train (labels/acts_more*.md)
MORE = ("acts_more", "acts_more2")
#: engagement thresholds tried on the out-of-fold probabilities (chosen with C by the CV)
THRESHOLDS = (0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


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
    parts = [lab.assign(source="acts")]
    for name in MORE:
        more = pd.read_csv(ROOT / f"labels/{name}.csv", dtype=str)
        assert (more["split"] == "train").all(), name
        parts.append(more.assign(source=name))
    df = pd.concat(parts, ignore_index=True)
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


def scores_of(df, probs: dict[str, np.ndarray], t: float = 0.5) -> dict:
    eng, priv = probs["engagement"] >= t, probs["private"] >= 0.5
    out = {
        "engagement": prf(df["y_engagement"].to_numpy(), eng),
        "private": prf(df["y_private"].to_numpy(), priv),
        "deflection": prf(df["y_deflection"].to_numpy(), priv & ~eng),
    }
    out["objective"] = round((out["deflection"]["F1"] + out["engagement"]["F1"]) / 2, 4)
    return out


def cross_validate(df, x, rules) -> tuple[dict, dict]:
    """Grouped 5-fold CV of the engagement model over GRID x THRESHOLDS x PUSH_MODES (how a
    reply the rules read as a push decides its engagement, ``acts.push_decision``).
    act_private is the shipped rule column. Returns (scores per setting, out-of-fold
    engagement decisions per setting)."""
    folds = list(
        StratifiedGroupKFold(n_splits=5, shuffle=True, random_state=SEED).split(
            x, df["y_deflection"].astype(int) * 2 + df["y_engagement"].astype(int), df["group"]
        )
    )
    priv = rules[:, 4]
    eng_rule = rules[:, :4].max(axis=1)
    sources = sorted(set(df["source"]))

    def score(key: str, eng: np.ndarray, res: dict, decided: dict) -> None:
        probs = {"engagement": eng.astype(float), "private": priv}
        res[key] = scores_of(df, probs)
        for src in sources:
            m = (df["source"] == src).to_numpy()
            res[key][src] = scores_of(df[m], {k: v[m] for k, v in probs.items()})
        decided[key] = eng

    res: dict = {}
    decided: dict = {}
    score("rules", eng_rule >= 0.5, res, decided)
    y = df["y_engagement"].to_numpy()
    for C, extras in GRID:
        X = design(x, rules, extras)
        p = np.zeros(len(df))
        for tr, te in folds:
            p[te] = fit(X[tr], y[tr], C).predict_proba(X[te])[:, 1]
        for t in THRESHOLDS:
            for mode in PUSH_MODES:
                eng = push_decision(mode, p >= t, priv == 1, eng_rule >= 0.5)
                key = f"C={C} extras={'rules' if extras else 'none'} t={t} push={mode}"
                score(key, eng, res, decided)
    return res, decided


def print_errors(df, rules, eng: np.ndarray) -> None:
    """Out-of-fold errors of act_private (rules), engagement and deflection."""
    priv = rules[:, 4] >= 0.5
    cols = {
        "private": (df["y_private"].to_numpy(), priv),
        "engagement": (df["y_engagement"].to_numpy(), eng),
        "deflection": (df["y_deflection"].to_numpy(), priv & ~eng),
    }
    for name, (y, p) in cols.items():
        for kind, mask in (("FN", y & ~p), ("FP", ~y & p)):
            print(f"\n## {name} {kind} ({int(mask.sum())})")
            for r in df[mask].itertuples():
                print(f"{r.tweet_id} [{r.label}] ({r.source}) {r.text!r}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--errors", action="store_true", help="print the chosen setting's CV errors")
    ap.add_argument(
        "--push-mode",
        default="rules",
        choices=("", *PUSH_MODES),
        help="fix how a private push decides its engagement ('' = let the CV choose too); default"
        " 'rules': within 0.003 of the best CV objective (rules_or) and it keeps hand-written"
        " pushes such as 'Speak to our customer care team about this' deflections, which the"
        " model's n-grams can lift over its threshold",
    )
    ap.add_argument(
        "--exclude-ownership",
        default="",
        choices=("", "train"),
        help="drop the replies of threads holding labels/ownership.csv conversations of this split"
        " (a check model: do not ship it)",
    )
    args = ap.parse_args(argv)
    df = load(args.shared, args.exclude_ownership)
    counts = df["source"].value_counts().to_dict()
    print(f"{len(df)} training replies {counts}")
    texts = df["text"].tolist()
    x, rules = matrices(texts)
    cv, decided = cross_validate(df, x, rules)
    pool = [
        k
        for k in cv
        if k != "rules" and (not args.push_mode or k.endswith(f"push={args.push_mode}"))
    ]
    best = max(pool, key=lambda k: (cv[k]["objective"], k))
    overall = max((k for k in cv if k != "rules"), key=lambda k: (cv[k]["objective"], k))
    if overall != best:
        print(f"best over every push mode: {overall} obj {cv[overall]['objective']:.3f}")
    shown = ["rules", best] + sorted(
        (k for k in cv if k not in ("rules", best)), key=lambda k: -cv[k]["objective"]
    )[:7]
    for key in shown + [k for k in cv if k.endswith("t=0.5 push=push_only")]:
        r = cv[key]
        line = " ".join(
            f"{t} P{r[t]['P']:.3f} R{r[t]['R']:.3f} F{r[t]['F1']:.3f}"
            for t in ("engagement", "private", "deflection")
        )
        per = " ".join(f"{s} F{r[s]['deflection']['F1']:.3f}" for s in sorted(counts))
        print(f"{key:44s} obj {r['objective']:.3f} | {line} | defl {per}")
    print(f"chosen: {best}")
    if args.errors:
        print_errors(df, rules, decided[best])
    if args.cv_only:
        return 0
    parts = dict(kv.split("=") for kv in best.split())
    C, extras, threshold = float(parts["C"]), parts["extras"] == "rules", float(parts["t"])
    push_mode = parts["push"]
    X = design(x, rules, extras)
    n_word = WORD["n_features"]
    for target in SHIPPED:
        model = fit(X, df[f"y_{target}"].to_numpy(), C)
        coef = model.coef_[0]
        trained_on = " + ".join(
            [f"labels/acts.csv split=train ({counts.get('acts', 0)})"]
            + [f"labels/{m}.csv ({counts.get(m, 0)})" for m in MORE]
        )
        meta = {
            "name": f"acts_{target}",
            "version": f"acts_{target}.v3",
            "preprocessor": "bc1",
            "blocks": BLOCKS,
            "extra": [f"act_rule_{a}" for a in ACTS] if extras else [],
            "threshold": threshold,
            "push_mode": push_mode,
            "trained_on": trained_on + "; text from shared/data/twcs/twcs_head5000.csv",
            "params": {"C": C, "class_weight": "balanced", "solver": "liblinear", "top_k": TOP_K},
            "metrics": {"cv5_grouped": {k: cv[k] for k in shown}, "chosen": best},
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
