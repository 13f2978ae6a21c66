"""Conversation judgements against the hand labels (labels/ownership.csv, labels/outcome.csv).

    .venv/bin/python bench/eval_conversations.py [--split test|train|both] [--db PATH] [--show]

Imports ../shared/data/twcs/twcs_head5000.csv into a store (or reuses ``--db``), runs the
analysis steps and, for every labelled conversation (the key is its earliest complaining
customer tweet), finds the customer's conversation unit (brand, thread, customer) holding that
tweet in ``conv_judgements`` and compares:

* ownership: ``owned`` against the label ``owned`` (``deflected_only``, ``neither`` and
  ``unanswered`` are "not owned"): agreement and each class's recall;
* deflection per conversation: ``deflected_only`` against the label ``deflected_only``;
* the same two **given the labelled complaint** (``--given-complaint`` lines): every labelled
  conversation is a complaint by construction (labels/ownership.md), so these judge ownership
  as ``engaged AND answered AND NOT deleted`` and deflection as ``answered AND NOT engaged AND
  pushed``, without the ``complaint`` gate (complaint.v4 >= 0.5 on a customer turn). The
  difference between the two lines is the complaint signal's misses, not the ownership
  judgement's;
* outcome: better / same / worse / unknown, accuracy and a confusion table.

``--show`` prints the disagreements with the key tweet (for reading, never for tuning on test).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "src"))

from brandcouch import api  # noqa: E402
from brandcouch.analysis.run import prepare  # noqa: E402

TWCS = SHARED / "data" / "twcs" / "twcs_head5000.csv"


def twcs_store(db: Path | None, step: str):
    """The store at ``db`` (a fresh temporary one by default), twcs_head5000 imported when it
    is new, its signals scored and the analysis step ``step`` built."""
    path = db or Path(tempfile.mkdtemp()) / "twcs.duckdb"
    fresh = not path.exists()
    store = api.open_store(path, create=True)
    if fresh:
        api.import_paths(store, [TWCS])
    prepare(store, None, signals=True).ensure(step)
    return store


def judgements(db: Path | None) -> pd.DataFrame:
    """conv_judgements with the customer's message ids, one row per unit."""
    store = twcs_store(db, "conv_judgements")
    return store.df(
        """
        SELECT j.*, list_sort(flatten(list(t.message_ids))) AS msg_ids
        FROM conv_judgements j JOIN turns t USING (brand, thread_id, customer_id)
        GROUP BY ALL
        """
    )


def labelled(task: str) -> pd.DataFrame:
    df = pd.read_csv(ROOT / "labels" / f"{task}.csv", dtype={"tweet_id": str})
    df["id"] = "twitter:twcs:" + df["tweet_id"]
    return df


def _unit_of(units: pd.DataFrame) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for row in units.to_dict("records"):
        for mid in row["msg_ids"]:
            # the complaining unit wins where one tweet sits in two brands' units
            if mid not in out or (row["complaint"] and not out[mid]["complaint"]):
                out[mid] = row
    return out


def _rate(num: int, den: int) -> str:
    return f"{num / den:.3f} ({num}/{den})" if den else "n/a"


def report(units: pd.DataFrame, split: str, show: bool, given_complaint: bool = False) -> dict:
    by_msg = _unit_of(units)
    if given_complaint:  # the judgement without the complaint gate
        by_msg = {
            k: {
                **u,
                "owned": bool(u["engaged"]) and u["n_replies"] > 0 and not u["deleted"],
                "deflected_only": u["n_replies"] > 0 and not u["engaged"] and bool(u["pushed"]),
            }
            for k, u in by_msg.items()
        }
        split_label = f"{split}, given complaint"
    else:
        split_label = split
    own = labelled("ownership")
    own = own[own["split"] == split] if split != "both" else own
    outc = labelled("outcome")
    outc = outc[outc["split"] == split] if split != "both" else outc
    res: dict = {}
    tp = fn = tn = fp = missing = 0
    dtp = dfp = dfn = 0
    for r in own.to_dict("records"):
        u = by_msg.get(r["id"])
        if u is None:  # judged as nothing: not owned, not deflected, outcome unknown
            missing += 1
            if show:
                print(f"  own {r['tweet_id']}: no conversation unit holds it")
            u = {"owned": False, "deflected_only": False, "brand": None}
        truth = r["label"] == "owned"
        pred = bool(u["owned"])
        tp += truth and pred
        fn += truth and not pred
        tn += (not truth) and (not pred)
        fp += (not truth) and pred
        dt, dp = r["label"] == "deflected_only", bool(u["deflected_only"])
        dtp += dt and dp
        dfp += dp and not dt
        dfn += dt and not dp
        if show and truth != pred:
            print(f"  own {r['tweet_id']}: label {r['label']}, owned={pred} ({u['brand']})")
    n = tp + fn + tn + fp
    res["ownership"] = {
        "agreement": (tp + tn) / n if n else None,
        "owned_recall": tp / (tp + fn) if tp + fn else None,
        "not_owned_recall": tn / (tn + fp) if tn + fp else None,
        "n": n,
        "missing": missing,
    }
    print(
        f"[{split_label}] ownership: agreement {_rate(tp + tn, n)}; owned recall {_rate(tp, tp + fn)};"
        f" not-owned recall {_rate(tn, tn + fp)}; units not found {missing}"
    )
    print(
        f"[{split_label}] deflected only: precision {_rate(dtp, dtp + dfp)}; "
        f"recall {_rate(dtp, dtp + dfn)}"
    )
    if given_complaint:
        return res
    conf: Counter = Counter()
    for r in outc.to_dict("records"):
        u = by_msg.get(r["id"]) or {"outcome": "unknown"}
        conf[(r["label"], u["outcome"])] += 1
        if show and r["label"] != u["outcome"]:
            print(f"  outcome {r['tweet_id']}: label {r['label']}, judged {u['outcome']}")
    total = sum(conf.values())
    right = sum(v for (a, b), v in conf.items() if a == b)
    res["outcome_accuracy"] = right / total if total else None
    print(f"[{split}] outcome: accuracy {_rate(right, total)}")
    classes = ("better", "same", "worse", "unknown")
    print("    label \\ judged " + " ".join(f"{c:>8}" for c in classes))
    for a in classes:
        print(f"    {a:>16} " + " ".join(f"{conf[(a, b)]:>8}" for b in classes))
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--split", default="both", choices=("test", "train", "both"))
    ap.add_argument("--db", type=Path)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args()
    if not TWCS.exists():
        sys.exit(f"{TWCS} is missing: this benchmark reads ../shared")
    units = judgements(args.db)
    splits = ("train", "test") if args.split == "both" else (args.split,)
    for s in splits:
        report(units, s, args.show)
        report(units, s, args.show, given_complaint=True)


if __name__ == "__main__":
    main()
