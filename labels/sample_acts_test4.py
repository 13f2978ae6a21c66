"""Sample a held-out deflection test set of brand replies: labels/acts_test4.csv.

Usage:
  python3 labels/sample_acts_test4.py                 # print the sample with its context
  python3 labels/sample_acts_test4.py --finalize RAW  # RAW: "tweet_id<TAB>label" lines

Rule (labels/acts_test4.md; the style of sample_acts_more5.py): candidates are the brand
replies (inbound=False) of twcs_head5000 in none of labels/acts.csv, acts_more.csv,
acts_more2.csv, acts_more3.csv, acts_more4.csv, acts_more5.csv and inside a conversation
(connected component of in_response_to_tweet_id links inside the file) that holds a
labels/ownership.csv split=test conversation (only labels/acts.csv drew from those
threads, 36 rows; the 390 unlabelled replies outside them are all without a channel cue).
Every candidate is kept (no cap, no brand limit, no seed needed); the reading order is the
integer tweet_id order. --finalize writes every row with split=test4: a held-out
deflection set (labels on acts of single replies; the ownership labels are conversation-level
and are not touched).
"""

import csv
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
SRC = SHARED / "data/twcs/twcs_head5000.csv"
ACTS = [
    "acknowledge", "apologise", "diagnose", "inform", "commit", "private", "link", "close",
    "banter", "promote", "boilerplate",
]  # fmt: skip
CUE_RE = re.compile(
    r"\b(dm|dms|direct message|private message|pm|e-?mail|call|ring|phone|chat|reach out|"
    r"contact|inbox)\b|https?://",
    re.I,
)
OUT = HERE / "acts_test4.csv"


def _pid(r):
    x = r["in_response_to_tweet_id"].strip()
    return str(int(float(x))) if x else None


def load():
    with open(SRC, newline="", encoding="utf-8") as f:
        return {r["tweet_id"]: r for r in csv.DictReader(f)}


def _ids(name):
    with open(HERE / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sample(by_id):
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for t, r in by_id.items():
        p = _pid(r)
        if p and p in by_id:
            parent[find(t)] = find(p)
    test_threads = {find(r["tweet_id"]) for r in _ids("ownership.csv") if r["split"] == "test"}
    taken = {
        r["tweet_id"]
        for n in (
            "acts.csv", "acts_more.csv", "acts_more2.csv", "acts_more3.csv", "acts_more4.csv",
            "acts_more5.csv",
        )
        for r in _ids(n)
    }  # fmt: skip
    kept = sorted(
        (
            r
            for r in by_id.values()
            if r["inbound"] == "False"
            and r["tweet_id"] not in taken
            and find(r["tweet_id"]) in test_threads
        ),
        key=lambda r: int(r["tweet_id"]),
    )
    n_cue = sum(1 for r in kept if CUE_RE.search(r["text"]))
    return kept, len(kept), n_cue


def show(by_id, r, n):
    chain, p = [], _pid(r)
    while p and p in by_id and len(chain) < 2:
        chain.append(by_id[p])
        p = _pid(by_id[p])
    print(f"=== #{n} {r['tweet_id']} {r['author_id']}")
    for a in reversed(chain):
        who = "B" if a["inbound"] == "False" else "C"
        print(f"  [{who}] {a['text']}")
    print(f" >> {r['text']}")


def finalize(raw, kept):
    ids = {r["tweet_id"] for r in kept}
    labels = {}
    for line in Path(raw).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        tid, lab = line.split("\t")
        acts = lab.split(";")
        assert tid in ids and tid not in labels, tid
        assert acts and all(a in ACTS for a in acts), (tid, lab)
        assert acts == sorted(acts, key=ACTS.index), (tid, lab)
        if "boilerplate" in acts:
            assert not {"acknowledge", "diagnose", "inform", "commit"} & set(acts), (tid, lab)
        labels[tid] = lab
    assert labels.keys() == ids, sorted(ids - labels.keys())[:5]
    with open(OUT, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["tweet_id", "label", "split", "labeller"])
        for tid in sorted(labels, key=int):
            w.writerow([tid, labels[tid], "test4", "agent-acts6"])
    print(f"wrote {len(labels)} rows to {OUT}")


def main():
    by_id = load()
    kept, n_cand, n_cue = sample(by_id)
    if len(sys.argv) == 3 and sys.argv[1] == "--finalize":
        finalize(sys.argv[2], kept)
        return
    print(f"# candidates {n_cand}, with a cue {n_cue}, kept {len(kept)}")
    for n, r in enumerate(kept):
        show(by_id, r, n)


if __name__ == "__main__":
    main()
