"""Evaluate reply relevance: does the true reply score above other replies to other people?

    .venv/bin/python bench/eval_relevance.py [--shared ../shared]

Protocols (the relevance.v1 lexical signal and relevance.v2 side by side):

1. **IBM customer care** (``data/ibm-customer-care/dev.json``, never used for training or
   tuning): for each conversation, the client's last message before the agent's URL turn is
   the parent; the true agent reply (``agentURL.url_utterance``) competes with 9 agent replies
   of OTHER conversations of the same company (hard negatives; companies with fewer than 10
   conversations are skipped). MRR of the true reply among the 10, and pairwise AUC (share of
   (true, negative) pairs ranked correctly, ties count half), over 5 negative draws (seeds
   0-4, averaged).
2. **TWCS, held out by brand** (``data/twcs/twcs_head5000.csv``): brands are sorted by number
   of replies and dealt alternately to TEST and DEV (weights and thresholds of v2 were chosen on
   DEV only). For every (customer tweet, the brand's true reply) pair, up to 5 replies of the
   same brand to *other* customers are negatives; pairwise AUC. The LSA model used for TEST is
   retrained without the TEST brands' conversations (and without the SpotifyCares file when
   SpotifyCares is a TEST brand), so no TEST text was seen in training; the shipped model's
   number is printed beside it to show the size of any leakage.
3. The median relevance of true TWCS brand replies (the "care replies score 0" problem).
4. Throughput of relevance alone on distinct reply pairs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from brandcouch.signals.relevance import lexical_relevance, reply_relevance  # noqa: E402
from brandcouch.signals.relevance_semantic import shipped_model  # noqa: E402
from train_relevance import corpus, read_twcs, train, twcs_pairs  # noqa: E402

Scorer = Callable[[list[str], list[str]], np.ndarray]
N_NEG_IBM = 9
N_NEG_TWCS = 5
SEEDS = range(5)


# ---------------------------------------------------------------- candidate sets
def ibm_groups(path: Path, seed: int, n_neg: int = N_NEG_IBM) -> pd.DataFrame:
    """Rows (group, parent, reply, label): one group per conversation, true reply first."""
    convs = json.loads(path.read_text(encoding="utf-8"))
    items = []
    for c in convs:
        clients = [t["message"] for t in c["dialogContent"] if "client" in t]
        if clients:
            items.append(
                (c["dialogHeader"]["company"], clients[-1], c["agentURL"]["url_utterance"])
            )
    df = pd.DataFrame(items, columns=["company", "parent", "reply"])
    rng = np.random.default_rng(seed)
    rows = []
    for _, g in df.groupby("company", sort=True):
        if len(g) < n_neg + 1:
            continue
        replies = g["reply"].tolist()
        for i, parent in enumerate(g["parent"]):
            others = [j for j in range(len(replies)) if j != i]
            neg = rng.choice(others, size=n_neg, replace=False)
            gid = f"{seed}:{g.index[i]}"
            rows.append((gid, parent, replies[i], 1))
            rows.extend((gid, parent, replies[j], 0) for j in neg)
    return pd.DataFrame(rows, columns=["group", "parent", "reply", "label"])


def twcs_split(pairs: pd.DataFrame) -> tuple[frozenset, frozenset]:
    """(DEV brands, TEST brands): brands with >= 2 replies, by size, dealt alternately."""
    counts = pairs["brand"].value_counts()
    brands = sorted(counts[counts >= 2].index, key=lambda b: (-counts[b], b))
    return frozenset(brands[1::2]), frozenset(brands[0::2])


def twcs_groups(pairs: pd.DataFrame, brands: frozenset, seed: int, n_neg: int = N_NEG_TWCS):
    """Rows (group, parent, reply, label): each true pair + same-brand replies to others."""
    rng = np.random.default_rng(seed)
    rows = []
    for brand, g in pairs[pairs["brand"].isin(brands)].groupby("brand", sort=True):
        g = g.reset_index(drop=True)
        for i, row in g.iterrows():
            others = g.index[g["customer"] != row["customer"]].to_numpy()
            if len(others) == 0:
                continue
            neg = rng.choice(others, size=min(n_neg, len(others)), replace=False)
            gid = f"{seed}:{brand}:{i}"
            rows.append((gid, row["parent"], row["reply"], 1))
            rows.extend((gid, row["parent"], g.at[j, "reply"], 0) for j in neg)
    return pd.DataFrame(rows, columns=["group", "parent", "reply", "label"])


# ---------------------------------------------------------------- metrics
def ranking_metrics(groups: pd.DataFrame, scores: np.ndarray) -> dict:
    """MRR of the true reply (ties: average rank) and pairwise AUC (ties count half)."""
    df = groups.assign(score=scores)
    pos = df[df.label == 1].set_index("group")["score"]
    neg = df[df.label == 0].join(pos.rename("pos"), on="group")
    wins = (neg["pos"] > neg["score"]).astype(float) + 0.5 * (neg["pos"] == neg["score"])
    auc = float(wins.mean())
    beaten = (neg["score"] > neg["pos"]).groupby(neg["group"]).sum()
    tied = (neg["score"] == neg["pos"]).groupby(neg["group"]).sum()
    rank = 1 + beaten + tied / 2.0
    return {"mrr": float((1.0 / rank).mean()), "auc": auc, "groups": int(len(pos))}


def evaluate(groups: pd.DataFrame, scorer: Scorer) -> dict:
    return ranking_metrics(groups, scorer(groups["reply"].tolist(), groups["parent"].tolist()))


def averaged(sets: list[pd.DataFrame], scorer: Scorer) -> dict:
    results = [evaluate(g, scorer) for g in sets]
    out = {k: float(np.mean([r[k] for r in results])) for k in results[0]}
    out["groups"] = int(round(out["groups"]))
    return out


# ---------------------------------------------------------------- scorers
def v2_with(model) -> Scorer:
    return lambda replies, parents: reply_relevance(replies, parents, model=model)


def held_out_model(shared: Path, brands: frozenset):
    docs, customers = corpus(shared, exclude_brands=brands)
    model, _ = train(docs, customers)
    return model


# ---------------------------------------------------------------- reports
def report_ibm(shared: Path) -> None:
    path = shared / "data/ibm-customer-care/dev.json"
    if not path.exists():
        print(f"{path} is absent: IBM protocol skipped")
        return
    sets = [ibm_groups(path, seed) for seed in SEEDS]
    print(f"\n## IBM customer care dev.json: 1 true + {N_NEG_IBM} same-company replies")
    print(f"{sets[0]['group'].nunique()} conversations per draw, {len(SEEDS)} draws averaged\n")
    print("| signal | MRR | AUC |\n|---|---|---|")
    for name, scorer in (
        ("relevance.v1 (lexical)", lexical_relevance),
        ("relevance.v2", v2_with(None)),
    ):
        m = averaged(sets, scorer)
        print(f"| {name} | {m['mrr']:.3f} | {m['auc']:.3f} |")
    print(f"| random | {np.mean(1.0 / np.arange(1, N_NEG_IBM + 2)):.3f} | 0.500 |")


def report_twcs(shared: Path) -> None:
    pairs = twcs_pairs(read_twcs(shared))
    dev, test = twcs_split(pairs)
    print(
        f"\n## TWCS head5000, held out by brand: true reply vs <= {N_NEG_TWCS} same-brand replies"
    )
    print(
        f"{len(pairs):,} (customer tweet, brand reply) pairs; DEV {len(dev)} brands, TEST {len(test)}"
    )
    print("| split | signal | pairs | MRR | AUC |\n|---|---|---|---|---|")
    for split, brands in (("DEV", dev), ("TEST", test)):
        sets = [twcs_groups(pairs, brands, seed) for seed in SEEDS]
        held = held_out_model(shared, brands)
        scorers = {
            "relevance.v1 (lexical)": lexical_relevance,
            "relevance.v2, LSA without these brands": v2_with(held),
            "relevance.v2, shipped LSA (saw these brands)": v2_with(None),
        }
        for name, scorer in scorers.items():
            m = averaged(sets, scorer)
            print(f"| {split} | {name} | {m['groups']:,} | {m['mrr']:.3f} | {m['auc']:.3f} |")


def report_levels(shared: Path) -> None:
    pairs = twcs_pairs(read_twcs(shared))
    replies, parents = pairs["reply"].tolist(), pairs["parent"].tolist()
    old, new = lexical_relevance(replies, parents), reply_relevance(replies, parents)
    print("\n## Level of true TWCS brand replies (all brands, shipped model)")
    print("| signal | median | mean | share >= 0.3 | share < 0.1 |\n|---|---|---|---|---|")
    for name, v in (("relevance.v1", old), ("relevance.v2", new)):
        print(
            f"| {name} | {np.median(v):.3f} | {v.mean():.3f} | {(v >= 0.3).mean():.3f} | "
            f"{(v < 0.1).mean():.3f} |"
        )


def report_speed(shared: Path) -> None:
    pairs = twcs_pairs(read_twcs(shared))
    groups = twcs_groups(pairs, frozenset(pairs["brand"]), seed=0)
    replies, parents = groups["reply"].tolist(), groups["parent"].tolist()
    reply_relevance(replies[:10], parents[:10])
    best = min(_timed(replies, parents) for _ in range(3))
    print(f"\n## Throughput: relevance.v2 on {len(replies):,} distinct reply pairs")
    print(f"{len(replies) / best:,.0f} pairs/s (best of 3, one process)")


def _timed(replies: list[str], parents: list[str]) -> float:
    start = time.perf_counter()
    reply_relevance(replies, parents)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; date {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    model = shipped_model()
    if model is not None:
        print(f"shipped LSA: {model.dims} dims, {model.projection.shape[0]:,} n-grams")
    report_ibm(args.shared)
    if (args.shared / "data/twcs/twcs_head5000.csv").exists():
        report_twcs(args.shared)
        report_levels(args.shared)
        report_speed(args.shared)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
