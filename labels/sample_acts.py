"""Sample brand replies from TWCS head5000 for the `acts` labelling task.

Usage:
  python3 labels/sample_acts.py                 # print candidates with context
  python3 labels/sample_acts.py --finalize RAW  # RAW: lines "tweet_id<TAB>label"; writes labels/acts.csv

Sampling: all brand replies (inbound=False), sorted by integer tweet_id, shuffled
with random.Random(13); walk the shuffled list keeping at most 35 per brand
until N_SAMPLE replies are kept. Split key: "private" vs "not_private".
"""

import csv
import os
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from split import assign_split  # noqa: E402

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the repo

SRC = str(SHARED / "data/twcs/twcs_head5000.csv")
SEED = 13
PER_BRAND = 35
N_SAMPLE = 420
TASK = "acts"
ACTS = [
    "acknowledge",
    "apologise",
    "diagnose",
    "inform",
    "commit",
    "private",
    "link",
    "close",
    "banter",
    "promote",
    "boilerplate",
]
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "acts.csv")


def load():
    with open(SRC, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {r["tweet_id"]: r for r in rows}


def parent_id(r):
    x = r["in_response_to_tweet_id"].strip()
    return str(int(float(x))) if x else None


def sample(by_id):
    brand = sorted(
        (r for r in by_id.values() if r["inbound"] == "False"), key=lambda r: int(r["tweet_id"])
    )
    rng = random.Random(SEED)
    rng.shuffle(brand)
    kept, per = [], defaultdict(int)
    for r in brand:
        if per[r["author_id"]] >= PER_BRAND:
            continue
        per[r["author_id"]] += 1
        kept.append(r)
        if len(kept) >= N_SAMPLE:
            break
    return kept


def children(by_id):
    ch = defaultdict(list)
    for r in by_id.values():
        p = parent_id(r)
        if p:
            ch[p].append(r["tweet_id"])
    return ch


def show(by_id, ch, r, n):
    chain, p = [], parent_id(r)
    while p and p in by_id and len(chain) < 4:
        chain.append(by_id[p])
        p = parent_id(by_id[p])
    print(f"=== #{n} tweet_id={r['tweet_id']} brand={r['author_id']}")
    if p and not chain:
        print("   (parent not in file)")
    for a in reversed(chain):
        who = "BRAND " + a["author_id"] if a["inbound"] == "False" else "CUST"
        print(f"   [{who} {a['tweet_id']}] {a['text']}")
    print(f" >> REPLY: {r['text']}")
    for c in sorted(ch.get(r["tweet_id"], []), key=int)[:2]:
        cr = by_id[c]
        who = "BRAND" if cr["inbound"] == "False" else "CUST"
        print(f"   (next {who} {c}) {cr['text']}")


def finalize(raw_path, by_id, kept):
    ids = {r["tweet_id"] for r in kept}
    labels = {}
    with open(raw_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            tid, lab = line.split("\t")
            acts = lab.split(";")
            assert tid in ids, tid
            assert acts and all(a in ACTS for a in acts), (tid, lab)
            assert acts == sorted(acts, key=ACTS.index), (tid, lab)
            if "boilerplate" in acts:
                assert not {"acknowledge", "diagnose", "inform", "commit"} & set(acts), (tid, lab)
            labels[tid] = lab
    by_cls = defaultdict(list)
    for tid, lab in labels.items():
        by_cls["private" if "private" in lab.split(";") else "not_private"].append(tid)
    split = assign_split(TASK, by_cls)
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["tweet_id", "label", "split", "labeller"])
        for tid in sorted(labels):
            w.writerow([tid, labels[tid], split[tid], f"agent-{TASK}"])
    print(f"wrote {len(labels)} rows to {OUT}")


def main():
    by_id = load()
    kept = sample(by_id)
    if len(sys.argv) == 3 and sys.argv[1] == "--finalize":
        finalize(sys.argv[2], by_id, kept)
        return
    ch = children(by_id)
    for n, r in enumerate(kept):
        show(by_id, ch, r, n)


if __name__ == "__main__":
    main()
