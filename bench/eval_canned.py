"""Canned replies (``signals.templates.template_groups``) against labels/templates.csv.

    PYTHONPATH=src python bench/eval_canned.py            # train + test + stability
    PYTHONPATH=src python bench/eval_canned.py --tune     # grid over shingle size / threshold,
                                                          # scored on split=train only
    PYTHONPATH=src python bench/eval_canned.py --speed    # 100k synthetic replies, timed

Per reply: a reply labelled ``<brand>:<template>`` is a canned positive; predicted canned =
``template_groups(...).canned`` computed over *all* replies of the brand in twcs_head5000.csv
(the labels say "a stock text that appears at least twice among that brand's replies in this
file"). Pairwise: pairs of replies of one brand in the same labelled template vs the same
predicted group. Stability: the canned share of the brand with the most replies in the file, on
seeded random halves of its replies (groups recomputed on the half) vs on all of them.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from brandcouch.signals.templates import JACCARD_MIN, SHINGLE_CHARS, template_groups

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TWCS = SHARED / "data/twcs/twcs_head5000.csv"
LABELS = ROOT / "labels/templates.csv"
SEEDS = tuple(range(20))


def load_replies() -> pd.DataFrame:
    d = pd.read_csv(TWCS, dtype={"tweet_id": np.int64, "author_id": str, "text": str})
    d["inbound"] = d["inbound"].astype(str) == "True"
    return d.loc[~d["inbound"], ["tweet_id", "author_id", "text"]].reset_index(drop=True)


def load_labels() -> pd.DataFrame:
    with open(LABELS, newline="") as f:
        rows = list(csv.DictReader(f))
    lab = pd.DataFrame(rows)
    lab["tweet_id"] = lab["tweet_id"].astype(np.int64)
    return lab


def predict(replies: pd.DataFrame, **kw) -> pd.DataFrame:
    g = template_groups(replies["author_id"].tolist(), replies["text"].tolist(), **kw)
    return pd.concat([replies.reset_index(drop=True), g], axis=1)


def scores(pred: pd.DataFrame, lab: pd.DataFrame, split: str) -> dict:
    m = lab[lab["split"] == split].merge(pred, on="tweet_id", how="left")
    assert m["canned"].notna().all(), "a labelled reply is missing from the file"
    y = (m["label"] != "unique").to_numpy()
    p = m["canned"].astype(bool).to_numpy()
    tp, fp, fn = int((y & p).sum()), int((~y & p).sum()), int((y & ~p).sum())
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    # pairwise, within the brand: labelled same template vs same predicted group
    ptp = pfp = pfn = 0
    for _, g in m.groupby("author_id"):
        labs = g["label"].to_numpy()
        ids = g["template_id"].to_numpy()
        iu, ju = np.triu_indices(len(g), 1)
        same_lab = (labs[iu] == labs[ju]) & (labs[iu] != "unique")
        same_pred = (ids[iu] == ids[ju]) & (ids[iu] >= 0)
        ptp += int((same_lab & same_pred).sum())
        pfp += int((~same_lab & same_pred).sum())
        pfn += int((same_lab & ~same_pred).sum())
    return {
        "split": split, "n": len(m), "pos": int(y.sum()), "tp": tp, "fp": fp, "fn": fn,
        "precision": prec, "recall": rec, "f1": f1,
        "pair_precision": ptp / (ptp + pfp) if ptp + pfp else 0.0,
        "pair_recall": ptp / (ptp + pfn) if ptp + pfn else 0.0,
        "fp_ids": m.loc[~y & p, "tweet_id"].tolist(), "fn_ids": m.loc[y & ~p, "tweet_id"].tolist(),
    }  # fmt: skip


def stability(replies: pd.DataFrame, seeds=SEEDS, **kw) -> dict:
    top = replies["author_id"].value_counts()
    brand = str(top.index[0])
    mine = replies[replies["author_id"] == brand].reset_index(drop=True)
    out = {}
    for col in ("canned_p", "canned", "canned3"):
        out[col] = _stability(mine, col, seeds, **kw)
        out[col]["brand"] = brand
    return out


def _share(pred: pd.DataFrame, col: str) -> float:
    if col == "canned3":
        return float((pred["template_uses"] >= 3).mean())
    return float(pred[col].mean())


def _stability(mine: pd.DataFrame, col: str, seeds, **kw) -> dict:
    full_pred = predict(mine, **kw)
    full = _share(full_pred, col)
    halves, oracle = [], []
    for s in seeds:
        rng = np.random.default_rng(s)
        pick = np.sort(rng.choice(len(mine), size=len(mine) // 2, replace=False))
        halves.append(_share(predict(mine.iloc[pick], **kw), col))
        # sampling noise alone: the half's mean of the full-corpus values
        oracle.append(_share(full_pred.iloc[pick], col))
    h = np.array(halves)
    return {
        "oracle": oracle, "oracle_max_abs_diff_points": float(np.abs(np.array(oracle) - full).max() * 100),
        "replies": len(mine), "share_all": full, "share_half_seed0": halves[0],
        "half_mean": float(h.mean()), "half_min": float(h.min()), "half_max": float(h.max()),
        "max_abs_diff_points": float(np.abs(h - full).max() * 100),
        "mean_diff_points": float((h.mean() - full) * 100), "halves": halves,
    }  # fmt: skip


def fmt(r: dict) -> str:
    return (f"{r['split']:5s} n={r['n']} pos={r['pos']} tp={r['tp']} fp={r['fp']} fn={r['fn']} "
            f"P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f} "
            f"pairP={r['pair_precision']:.3f} pairR={r['pair_recall']:.3f}")  # fmt: skip


def tune(replies: pd.DataFrame, lab: pd.DataFrame) -> None:
    labelled = replies[replies["tweet_id"].isin(lab["tweet_id"])
                       | replies["author_id"].isin(["ChipotleTweets", "AppleSupport",
                                                     "AmazonHelp"])]  # fmt: skip
    print("k   thr   train P / R / F1   (pairP pairR)")
    for k in (3, 4, 5, 6):
        for thr in (0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7):
            r = scores(predict(labelled, shingle_chars=k, jaccard_min=thr), lab, "train")
            print(f"{k}  {thr:.2f}  {r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f}"
                  f"   ({r['pair_precision']:.3f} {r['pair_recall']:.3f})")  # fmt: skip


def synthetic(replies: pd.DataFrame, kind: str, n: int = 100_000) -> tuple[list[str], list[str]]:
    """``n`` synthetic brand replies from the real ones (brands in the file's proportions).

    ``copies``: a real reply, 60% of them with one word swapped and a random "#number" appended
    (~45 near-copies of every text: dense clusters). ``mixed``: two sentences of two random
    replies of the brand + four random words (mostly distinct texts sharing stock sentences).
    """
    rng = np.random.default_rng(0 if kind == "copies" else 1)
    texts: list[str] = []
    brands: list[str] = []
    base, bb = replies["text"].tolist(), replies["author_id"].tolist()
    if kind == "copies":
        words = np.array(
            [
                "we",
                "are",
                "sorry",
                "please",
                "help",
                "thanks",
                "for",
                "the",
                "your",
                "order",
                "team",
                "dm",
                "us",
            ]
        )
        for _ in range(n):
            j = int(rng.integers(len(base)))
            t = base[j]
            if rng.random() < 0.6:
                w = t.split()
                w[int(rng.integers(len(w)))] = str(words[rng.integers(len(words))])
                t = " ".join(w) + f" #{rng.integers(10**6)}"
            texts.append(t)
            brands.append(bb[j])
        return brands, texts
    sents = {
        b: [x for t in g["text"] for x in t.split(". ") if len(x) > 10] or ["hello there friend"]
        for b, g in replies.groupby("author_id")
    }
    w = replies["author_id"].value_counts(normalize=True)
    vocab = np.array(" ".join(base).split())
    for b in rng.choice(w.index.to_numpy(), size=n, p=w.to_numpy()):
        sb = sents[b]
        extra = " ".join(vocab[rng.integers(len(vocab), size=4)])
        texts.append(f"{sb[rng.integers(len(sb))]}. {sb[rng.integers(len(sb))]}. {extra}")
        brands.append(str(b))
    return brands, texts


def speed(replies: pd.DataFrame) -> None:
    for kind in ("copies", "mixed"):
        brands, texts = synthetic(replies, kind)
        t0 = time.perf_counter()
        g = template_groups(brands, texts)
        dt = time.perf_counter() - t0
        print(f"speed [{kind}]: {len(texts)} replies, {len(set(texts))} distinct, "
              f"grouped in {dt:.2f}s, canned share {g['canned'].mean():.3f}")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--tune", action="store_true", help="grid on split=train only")
    ap.add_argument("--ids", action="store_true", help="print the wrong tweet ids")
    ap.add_argument("--speed", action="store_true", help="time 2 x 100k synthetic replies")
    args = ap.parse_args(argv)
    if not TWCS.exists():
        print(f"{TWCS} missing (../shared)", file=sys.stderr)
        return 2
    replies = load_replies()
    lab = load_labels()
    if args.tune:
        tune(replies, lab)
        return 0
    if args.speed:
        speed(replies)
        return 0
    print(f"template_groups: shingle_chars={SHINGLE_CHARS} jaccard_min={JACCARD_MIN}")
    t0 = time.perf_counter()
    pred = predict(replies)
    print(
        f"all {len(replies)} brand replies of the file grouped in {time.perf_counter() - t0:.2f}s"
    )
    for split in ("train", "test"):
        r = scores(pred, lab, split)
        print(fmt(r))
        if args.ids:
            print("   FP", r["fp_ids"], "\n   FN", r["fn_ids"])
    labels = {
        "canned_p": "mean canned_p (size-stable share, REF_REPLIES=100)",
        "canned": "mean canned (uses >= 2)",
        "canned3": "share with uses >= 3",
    }
    for col, st in stability(replies).items():
        print(
            f"stability [{labels[col]}]: {st['brand']} ({st['replies']} replies) all="
            f"{st['share_all']:.3f}; random half seed 0 = {st['share_half_seed0']:.3f}; "
            f"seeds {SEEDS[0]}..{SEEDS[-1]}: mean {st['half_mean']:.3f} "
            f"[{st['half_min']:.3f}, {st['half_max']:.3f}], max |diff| "
            f"{st['max_abs_diff_points']:.1f} points, mean diff {st['mean_diff_points']:+.1f}"
        )
        print("   per seed half:", " ".join(f"{x:.3f}" for x in st["halves"]))
        print(
            "   per seed, full-corpus values of the same half (sampling noise only):",
            " ".join(f"{x:.3f}" for x in st["oracle"]),
            f"max |diff| {st['oracle_max_abs_diff_points']:.1f} points",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
