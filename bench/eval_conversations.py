"""Per-conversation judgements against the hand labels (labels/ownership.csv, outcome.csv).

    .venv/bin/python bench/eval_conversations.py [--split train|test|both] [--errors]

Imports ``../shared/data/twcs/twcs_head5000.csv`` into a temporary store, scores the signals,
builds the ``conv_judgements`` step and maps every labelled tweet (the earliest complaining
customer tweet of a conversation; its message id is ``twitter:twcs:<tweet_id>``) to the
judged unit (brand, thread_id, customer_id) of the customer turn holding it. Prints, per split: owned-vs-not agreement and
per-class recall, deflected_only precision / recall, and the outcome confusion matrix
(rows = label, columns = judgement). ``--errors`` lists the disagreeing tweet ids (train only:
rules are tuned on train).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brandcouch import api  # noqa: E402
from brandcouch.analysis.steps import Runner  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "twcs" / "twcs_head5000.csv"
PREFIX = "twitter:twcs:"
OUTCOMES = ("better", "same", "worse", "unknown")


def judged(store) -> pd.DataFrame:
    """One row per labelled-able message: message id -> its conversation's judgements."""
    Runner(store).ensure("conv_judgements")
    return store.df(
        """
        WITH tm AS (SELECT brand, thread_id, customer_id, unnest(message_ids) AS id FROM turns)
        SELECT tm.id, j.* FROM tm
        JOIN conv_judgements j ON j.brand = tm.brand AND j.thread_id = tm.thread_id
          AND j.customer_id = tm.customer_id
        """
    )


def load_labels() -> pd.DataFrame:
    own = pd.read_csv(ROOT / "labels" / "ownership.csv", dtype={"tweet_id": str})
    out = pd.read_csv(ROOT / "labels" / "outcome.csv", dtype={"tweet_id": str})
    df = own.rename(columns={"label": "ownership", "split": "own_split"}).merge(
        out.rename(columns={"label": "outcome_label", "split": "out_split"})[
            ["tweet_id", "outcome_label", "out_split"]
        ],
        on="tweet_id",
        how="outer",
    )
    df["id"] = PREFIX + df["tweet_id"]
    return df


def report(df: pd.DataFrame, split: str, errors: bool) -> None:
    own = df[df["own_split"] == split]
    gold = own["ownership"] == "owned"
    pred = own["owned"].fillna(False).astype(bool)
    agree = (gold == pred).mean()
    rec_owned = (pred & gold).sum() / max(gold.sum(), 1)
    rec_not = (~pred & ~gold).sum() / max((~gold).sum(), 1)
    print(f"== {split}: {len(own)} ownership labels ({int(gold.sum())} owned) ==")
    print(
        f"owned-vs-not agreement {agree:.3f}; recall owned {rec_owned:.3f}, not owned {rec_not:.3f}"
    )
    e2e = pred & own["complaint"].fillna(False).astype(bool)
    print(
        f"end to end (owned AND the complaint signal, as complaints_owned counts): agreement "
        f"{(gold == e2e).mean():.3f}; recall owned {(e2e & gold).sum() / max(gold.sum(), 1):.3f}"
    )
    dg = own["ownership"] == "deflected_only"
    dp = own["deflected_only"].fillna(False).astype(bool)
    tp = int((dg & dp).sum())
    print(
        f"deflected_only precision {tp / max(dp.sum(), 1):.3f} ({tp}/{int(dp.sum())}), "
        f"recall {tp / max(dg.sum(), 1):.3f} ({tp}/{int(dg.sum())})"
    )
    out = df[df["out_split"] == split]
    cm = pd.crosstab(
        pd.Categorical(out["outcome_label"], OUTCOMES),
        pd.Categorical(
            out["outcome"].fillna("(no conversation)"), [*OUTCOMES, "(no conversation)"]
        ),
        rownames=["label"],
        colnames=["judged"],
        dropna=False,
    )
    acc = (out["outcome_label"] == out["outcome"]).mean()
    print(f"outcome accuracy {acc:.3f} over {len(out)}")
    print(cm.to_string())
    missing = int(own["brand"].isna().sum())
    if missing:
        print(f"{missing} labelled tweets not found in a conversation")
    if errors:
        bad = own[gold != pred]
        print(
            "ownership disagreements:",
            " ".join(f"{t}:{lab}" for t, lab in zip(bad.tweet_id, bad.ownership, strict=True)),
        )
        bad = out[out["outcome_label"] != out["outcome"]]
        print(
            "outcome disagreements:",
            " ".join(
                f"{t}:{a}->{b}"
                for t, a, b in zip(bad.tweet_id, bad.outcome_label, bad.outcome, strict=True)
            ),
        )
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("train", "test", "both"), default="both")
    ap.add_argument("--errors", action="store_true", help="list disagreements (train only)")
    ap.add_argument("--db", help="reuse this store (imported and scored) instead of a temp one")
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"missing {DATA}")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.db) if args.db else Path(tmp) / "twcs.duckdb"
        fresh = not path.exists()
        store = api.open_store(path, create=True)
        if fresh:
            api.import_paths(store, [DATA])
        api.run_signals(store)
        df = load_labels().merge(judged(store), on="id", how="left")
        store.close()
    splits = ("train", "test") if args.split == "both" else (args.split,)
    for split in splits:
        report(df, split, args.errors and split == "train")


if __name__ == "__main__":
    main()
