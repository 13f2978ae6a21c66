"""Per-act precision / recall / F1 of the act signals on labels/acts.csv (and the Ericsson set).

    .venv/bin/python bench/eval_acts.py [--shared ../shared] [--splits train,test] [--errors ACT]

(``--splits`` also takes ``more`` and ``more2``: labels/acts_more.csv and acts_more2.csv, all
training rows of the learned engagement, so in-sample for it; and ``more3`` / ``test3``: the
split=train / split=test rows of labels/acts_more3.csv, the fresh set of the sixth pass, whose
``test3`` rows were the held-out deflection set until the eleventh pass (spent since: read, now
training data); and ``more4``: labels/acts_more4.csv, 250 further training rows of the seventh
pass, all split=train; and ``test4``: labels/acts_test4.csv, 133 held-out rows of the eleventh
pass.)

Labels: labels/acts.csv (text from ../shared/data/twcs/twcs_head5000.csv); a signal is on at
>= 0.5. ``deflection`` is scored against "private and none of acknowledge/diagnose/inform/
commit". The Ericsson rows (../shared/data/twcs-ericsson-labeled, 300 brand replies) are mapped
where their labels say the same thing (see ERICSSON_MAP). Also prints texts/s of all the act
signals together on the twcs_head5000 texts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brandcouch.signals import batchcache, score_texts  # noqa: E402
from brandcouch.signals.acts import ACTS  # noqa: E402

#: where each --splits name comes from (the rest are labels/acts.csv splits)
SPLIT_FILES = {
    "more": "labels/acts_more.csv",
    "more2": "labels/acts_more2.csv",
    "more3": "labels/acts_more3.csv (train rows)",
    "test3": "labels/acts_more3.csv (test rows)",
    "more4": "labels/acts_more4.csv",
    "more5": "labels/acts_more5.csv",
    "test4": "labels/acts_test4.csv (held out)",
}
SIGNALS = [f"act_{a}" for a in ACTS] + ["engagement", "deflection"]
ENGAGE = ("acknowledge", "diagnose", "inform", "commit")

#: Ericsson label columns -> our act (a row is positive when any mapped column is 1). Only acts
#: whose Ericsson definition matches ours: every "Request … via DM / by phone / by chat" is
#: private; the "Request <specific thing>" questions and restart / logout requests are diagnose.
ERICSSON_MAP = {
    "private": [
        "Request DM",
        "Request email address via DM",
        "Request username via DM",
        "Request to call by phone",
        "Request to reach out by chat",
    ],
    "diagnose": [
        "Request iOS version",
        "Request device model",
        "Request device and OS version",
        "Request error message",
        "Request Spotify version",
        "Request exact issue description",
        "Request country",
    ],
}


def prf(y: np.ndarray, p: np.ndarray) -> tuple[float, float, float, int, int]:
    tp = int((y & p).sum())
    prec = tp / p.sum() if p.sum() else 0.0
    rec = tp / y.sum() if y.sum() else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1, int(y.sum()), int(p.sum())


def load_labels(shared: Path) -> pd.DataFrame:
    """labels/acts.csv (splits train/test), labels/acts_more.csv (split ``more``: 320 further
    training replies, labels/acts_more.md) and labels/acts_more2.csv (split ``more2``: 300
    more, labels/acts_more2.md) and labels/acts_more3.csv (splits ``more3`` = its train rows and
    ``test3`` = its test rows, labels/acts_more3.md) and labels/acts_more4.csv (split ``more4``:
    250 further training replies, labels/acts_more4.md) and labels/acts_more5.csv (split
    ``more5``: 169 further training replies, labels/acts_more5.md) and labels/acts_test4.csv
    (split ``test4``: 133 held-out replies of the eleventh pass, labels/acts_test4.md)."""
    lab = pd.read_csv(ROOT / "labels/acts.csv")
    for name, split in (("acts_more", "more"), ("acts_more2", "more2")):
        more_path = ROOT / f"labels/{name}.csv"
        if more_path.exists():
            more = pd.read_csv(more_path).assign(split=split)
            lab = pd.concat([lab, more], ignore_index=True)
    more3_path = ROOT / "labels/acts_more3.csv"
    if more3_path.exists():
        more3 = pd.read_csv(more3_path)
        more3["split"] = more3["split"].map({"train": "more3", "test": "test3"})
        lab = pd.concat([lab, more3], ignore_index=True)
    for name, split in (("acts_more4", "more4"), ("acts_more5", "more5"), ("acts_test4", "test4")):
        more_path = ROOT / f"labels/{name}.csv"
        if more_path.exists():
            lab = pd.concat([lab, pd.read_csv(more_path).assign(split=split)], ignore_index=True)
    tw = pd.read_csv(shared / "data/twcs/twcs_head5000.csv", usecols=["tweet_id", "text"])
    df = lab.merge(tw, on="tweet_id", how="left")
    acts = df["label"].str.split(";")
    for a in ("acknowledge", "apologise", "diagnose", "inform", "commit", "private", "link",
              "close", "banter", "promote", "boilerplate"):  # fmt: skip
        df[f"y_{a}"] = acts.map(lambda s, a=a: a in s)
    df["y_engagement"] = df[[f"y_{a}" for a in ENGAGE]].any(axis=1)
    df["y_deflection"] = df["y_private"] & ~df["y_engagement"]
    return df


def report(df: pd.DataFrame, title: str, names: list[str]) -> None:
    scores = score_texts(df["text"].fillna("").tolist(), signals=SIGNALS, parallel=False)
    print(f"\n## {title} (n = {len(df)})\n")
    print("| signal | P | R | F1 | gold | predicted |")
    print("|---|---|---|---|---|---|")
    for name in names:
        col = name if name in ("engagement", "deflection") else f"act_{name}"
        y = df[f"y_{name}"].to_numpy(bool)
        p = scores[col].to_numpy() >= 0.5
        prec, rec, f1, ny, np_ = prf(y, p)
        print(f"| {col} | {prec:.3f} | {rec:.3f} | {f1:.3f} | {ny} | {np_} |")


def errors(df: pd.DataFrame, name: str) -> None:
    col = name if name in ("engagement", "deflection") else f"act_{name}"
    s = score_texts(df["text"].fillna("").tolist(), signals=[col], parallel=False)[col]
    y, p = df[f"y_{name}"].to_numpy(bool), s.to_numpy() >= 0.5
    for kind, mask in (("FN", y & ~p), ("FP", ~y & p)):
        for r in df[mask].itertuples():
            print(f"{kind} {r.tweet_id} [{r.label}] {r.text!r}")


def ericsson(shared: Path) -> None:
    base = shared / "data/twcs-ericsson-labeled"
    frames = [
        pd.read_csv(base / f"twcs-{c}-100-outbound.csv")
        for c in ("AmazonHelp", "AppleSupport", "SpotifyCares")
    ]
    df = pd.concat(frames, ignore_index=True)
    for act, cols in ERICSSON_MAP.items():
        have = [c for c in cols if c in df.columns]
        df[f"y_{act}"] = df[have].fillna(0).max(axis=1).to_numpy() > 0
    df["label"] = ""
    report(df, "Ericsson brand replies, mapped labels", list(ERICSSON_MAP))


def speed(shared: Path) -> None:
    texts = pd.read_csv(shared / "data/twcs/twcs_head5000.csv")["text"].fillna("").tolist()
    names = [f"act_{a}" for a in ACTS] + ["engagement"]
    from brandcouch.signals import SIGNALS as REG

    best = float("inf")
    for _ in range(3):
        batch = list(texts)
        t0 = time.perf_counter()
        for n in names:
            REG[n].compute(batch, None)
        best = min(best, time.perf_counter() - t0)
        batchcache.clear()
    print(f"\nspeed: all act signals on {len(texts)} twcs_head5000 texts (one process, best of 3): "
          f"{best:.3f} s = {len(texts) / best:,.0f} texts/s")  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--splits", default="train,test")
    ap.add_argument("--errors", default="", help="print false negatives/positives of this act")
    args = ap.parse_args()
    df = load_labels(args.shared)
    names = list(ENGAGE) + ["private", "link", "close", "boilerplate", "engagement", "deflection"]
    for split in args.splits.split(","):
        part = df[df["split"] == split].reset_index(drop=True)
        if args.errors:
            print(f"\n## errors of {args.errors} on {split}")
            errors(part, args.errors)
        else:
            report(part, f"{SPLIT_FILES.get(split, 'labels/acts.csv')} split={split}", names)
    if not args.errors:
        ericsson(args.shared)
        speed(args.shared)


if __name__ == "__main__":
    main()
