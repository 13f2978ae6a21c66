"""Deflection per labelled brand reply after the corpus-level DM-link rule (reply_push).

    .venv/bin/python bench/eval_dm_links.py [--db PATH] [--grid] [--splits train,more,...]
                                            [--uses N --share S] [--changed] [--errors]

Imports ../shared/data/twcs/twcs_head5000.csv into a store (or reuses ``--db``), runs the
analysis steps and reads, for every labelled reply of the acts files (bench/eval_acts.py
``load_labels``), ``deflection`` of ``reply_push`` (brandcouch.analysis.dm_links): the text
rules' deflection, plus a reply that holds the brand's private-channel link and no engaging
act. Prints P / R per split against "private and none of acknowledge/diagnose/inform/commit",
before (text rules only) and after the rule.

``--grid`` tries thresholds (min uses x min share) on the splits given (use the training splits
only: train, more, more2, more3, more4, more5, test3). The held-out splits (``test``, ``test4``;
``test3`` is spent, training data since the eleventh pass) are scored only when named in
``--splits``. ``--changed`` prints the twcs_head5000 brand replies whose
decision the rule changes (tweet id, brand, labelled split if any; ``--text`` adds the text of
the unlabelled and training ones, never of a test row). ``--errors`` prints the false
negatives and false positives of the training splits named in ``--splits`` (never of a
held-out split) with the act columns and the thread above the reply (up to four tweets, the
brand's own turns marked).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from brandcouch.analysis.dm_links import MIN_SHARE, MIN_USES, reply_push_sql  # noqa: E402
from eval_acts import load_labels  # noqa: E402
from eval_conversations import twcs_store  # noqa: E402

SHARED = ROOT.parent / "shared"
TWCS = SHARED / "data" / "twcs" / "twcs_head5000.csv"
TRAIN = "train,more,more2,more3,more4,more5"
#: held out: never printed by --errors / --changed --text. ``test3`` (labels/acts_more3.csv
#: split=test) is spent: read on 2026-12-07 after its last held-out score (eleventh pass), a
#: training split from then on.
HELD_OUT = ("test", "test4")


def open_store(db: Path | None):
    return twcs_store(db, "reply_push")


def pushes(store, uses: int, share: float) -> pd.DataFrame:
    df = store.df(reply_push_sql(uses, share) + "")
    text = store.df("SELECT id, coalesce(deflection, 0) AS text_deflection FROM mb")
    df = df.merge(text, on="id", how="left")
    df["tweet_id"] = df["id"].str.rsplit(":", n=1).str[-1].astype(int)
    return df


def _pr(y: pd.Series, p: pd.Series) -> str:
    tp, np_, ny = int((y & p).sum()), int(p.sum()), int(y.sum())
    prec = f"{tp / np_:.3f} ({tp}/{np_})" if np_ else "n/a"
    rec = f"{tp / ny:.3f} ({tp}/{ny})" if ny else "n/a"
    return f"{prec} | {rec}"


def score(labels: pd.DataFrame, push: pd.DataFrame, splits: list[str]) -> list[str]:
    df = labels.merge(push[["tweet_id", "deflection", "text_deflection"]], on="tweet_id",
                      how="left")  # fmt: skip
    rows = []
    for split in splits:
        part = df[df["split"] == split]
        y = part["y_deflection"].astype(bool)
        before = part["text_deflection"].fillna(0) >= 0.5
        after = part["deflection"].fillna(0) >= 0.5
        rows.append(f"| {split} | {len(part)} | {_pr(y, before)} | {_pr(y, after)} |")
    return rows


def pooled(labels: pd.DataFrame, push: pd.DataFrame, splits: list[str]) -> tuple[int, int, int]:
    df = labels[labels["split"].isin(splits)].merge(push, on="tweet_id", how="left")
    y = df["y_deflection"].astype(bool)
    p = df["deflection"].fillna(0) >= 0.5
    return int((y & p).sum()), int(p.sum()), int(y.sum())


ACTS = ("act_acknowledge", "act_diagnose", "act_inform", "act_commit", "act_private",
        "engagement")  # fmt: skip


def errors(store, labels: pd.DataFrame, push: pd.DataFrame, splits: list[str]) -> None:
    """The false negatives / positives of the training splits, with the thread above each."""
    tw = pd.read_csv(TWCS, usecols=["tweet_id", "author_id", "inbound", "text",
                                    "in_response_to_tweet_id"])  # fmt: skip
    by_id = tw.set_index("tweet_id")
    acts = store.df(f"SELECT id, {', '.join(ACTS)} FROM mb")
    acts["tweet_id"] = acts["id"].str.rsplit(":", n=1).str[-1].astype(int)
    push = push[["tweet_id", "brand", "deflection"]]
    df = labels[labels["split"].isin(splits)].merge(push, on="tweet_id", how="left")
    df = df.merge(acts.drop(columns="id"), on="tweet_id", how="left")
    df["p"] = df["deflection"].fillna(0) >= 0.5
    for kind, part in (("false negative", df[df["y_deflection"] & ~df["p"]]),
                       ("false positive", df[~df["y_deflection"] & df["p"]])):  # fmt: skip
        print(f"\n## {len(part)} {kind}s")
        for r in part.sort_values(["split", "tweet_id"]).itertuples():
            vals = " ".join(f"{a[4:] if a.startswith('act_') else a}={getattr(r, a):.2f}"
                            for a in ACTS)  # fmt: skip
            print(f"\n{r.tweet_id} [{r.split}] {r.brand} label={r.label} {vals}")
            chain, cur = [], by_id.loc[r.tweet_id, "in_response_to_tweet_id"]
            while pd.notna(cur) and int(cur) in by_id.index and len(chain) < 4:
                chain.append(int(cur))
                cur = by_id.loc[int(cur), "in_response_to_tweet_id"]
            for tid in reversed(chain):
                t = by_id.loc[tid]
                who = "BRAND" if not bool(t["inbound"]) else "cust "
                print(f"    {who} {tid}: {t['text']!r}")
            print(f"  > reply {r.tweet_id}: {by_id.loc[r.tweet_id, 'text']!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path)
    ap.add_argument("--splits", default=TRAIN)
    ap.add_argument("--grid", action="store_true")
    ap.add_argument("--uses", type=int, default=MIN_USES)
    ap.add_argument("--share", type=float, default=MIN_SHARE)
    ap.add_argument("--changed", action="store_true")
    ap.add_argument("--text", action="store_true")
    ap.add_argument("--errors", action="store_true")
    args = ap.parse_args()
    splits = args.splits.split(",")
    labels = load_labels(SHARED)
    store = open_store(args.db)
    if args.grid:
        print("| min uses | min share | P (pooled) | R (pooled) |\n|---|---|---|---|")
        for uses in (2, 3, 4, 5, 8):
            for share in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
                tp, np_, ny = pooled(labels, pushes(store, uses, share), splits)
                print(f"| {uses} | {share} | {tp / np_:.3f} ({tp}/{np_}) | "
                      f"{tp / ny:.3f} ({tp}/{ny}) |")  # fmt: skip
        return
    push = pushes(store, args.uses, args.share)
    if args.errors:
        held = [s for s in splits if s in HELD_OUT]
        if held:
            sys.exit(f"--errors prints training splits only, not {held}")
        errors(store, labels, push, splits)
        return
    print(f"DM-link rule: min uses {args.uses}, min share {args.share}; "
          f"{int(push['dm_link'].sum())} brand replies hold a private-channel link, "
          f"{int(push['link_push'].sum())} of them without an engaging act")  # fmt: skip
    print("\n| split | n | deflection before: P | R | after the DM-link rule: P | R |")
    print("|---|---|---|---|---|---|")
    print("\n".join(score(labels, push, splits)))
    if args.changed:
        ch = push[(push["deflection"] >= 0.5) != (push["text_deflection"] >= 0.5)]
        split_of = dict(zip(labels["tweet_id"], labels["split"], strict=False))
        texts = {}
        if args.text:
            tw = pd.read_csv(TWCS, usecols=["tweet_id", "text"])
            texts = dict(zip(tw["tweet_id"], tw["text"], strict=False))
        print(f"\n{len(ch)} changed decisions on twcs_head5000")
        for r in ch.sort_values("tweet_id").itertuples():
            split = split_of.get(r.tweet_id, "-")
            shown = "" if split in HELD_OUT else repr(texts.get(r.tweet_id, ""))
            print(f"{r.tweet_id} {r.brand} {r.text_deflection:.0f}->{r.deflection:.0f} "
                  f"[{split}] {shown}")  # fmt: skip


if __name__ == "__main__":
    main()
