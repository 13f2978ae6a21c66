"""What the act-label samplers share (labels/sample_acts_more2.py … sample_acts_more5.py,
sample_acts_test4.py): the
act names, the private-channel cue, reading twcs_head5000 and the label files, the
conversations (connected components of in_response_to_tweet_id links inside the file), the
printout a labeller reads, and --finalize. A sampler adds only its own rule (``sample``)."""

import csv
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parents[1] / "shared" / "data/twcs/twcs_head5000.csv"
ACTS = [
    "acknowledge", "apologise", "diagnose", "inform", "commit", "private", "link", "close",
    "banter", "promote", "boilerplate",
]  # fmt: skip
ENGAGE = {"acknowledge", "diagnose", "inform", "commit"}
CUE_RE = re.compile(
    r"\b(dm|dms|direct message|private message|pm|e-?mail|call|ring|phone|chat|reach out|"
    r"contact|inbox)\b|https?://",
    re.I,
)


def pid(r):
    x = r["in_response_to_tweet_id"].strip()
    return str(int(float(x))) if x else None


def load(src=SRC):
    with open(src, newline="", encoding="utf-8") as f:
        return {r["tweet_id"]: r for r in csv.DictReader(f)}


def label_rows(name):
    with open(HERE / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def labelled(names):
    """The tweet ids of the label files ``names``."""
    return {r["tweet_id"] for n in names for r in label_rows(n)}


def candidates(by_id, taken, *, in_test_threads):
    """The brand replies not in ``taken``, inside (``in_test_threads``) or outside the
    conversations that hold a labels/ownership.csv split=test conversation, by integer id."""
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for t, r in by_id.items():
        p = pid(r)
        if p and p in by_id:
            parent[find(t)] = find(p)
    test = {find(r["tweet_id"]) for r in label_rows("ownership.csv") if r["split"] == "test"}
    return sorted(
        (
            r
            for r in by_id.values()
            if r["inbound"] == "False"
            and r["tweet_id"] not in taken
            and (find(r["tweet_id"]) in test) == in_test_threads
        ),
        key=lambda r: int(r["tweet_id"]),
    )


def cue_walk(cand, seed, per_brand, n_cue, n_other):
    """The rule of sample_acts_more2/3/4: the candidates split by CUE_RE, each part shuffled
    with random.Random(seed), walked keeping at most ``per_brand`` replies per brand (counted
    over both parts) until ``n_cue`` cue and ``n_other`` other replies are kept."""
    cue = [r for r in cand if CUE_RE.search(r["text"])]
    other = [r for r in cand if not CUE_RE.search(r["text"])]
    per = defaultdict(int)
    kept = []
    for part, n in ((cue, n_cue), (other, n_other)):
        random.Random(seed).shuffle(part)
        k = 0
        for r in part:
            if per[r["author_id"]] >= per_brand:
                continue
            per[r["author_id"]] += 1
            kept.append(r)
            k += 1
            if k >= n:
                break
    return kept, len(cand), len(cue)


def show(by_id, r, n):
    chain, p = [], pid(r)
    while p and p in by_id and len(chain) < 2:
        chain.append(by_id[p])
        p = pid(by_id[p])
    print(f"=== #{n} {r['tweet_id']} {r['author_id']}")
    for a in reversed(chain):
        who = "B" if a["inbound"] == "False" else "C"
        print(f"  [{who}] {a['text']}")
    print(f" >> {r['text']}")


def finalize(raw, kept, out, split, labeller):
    """Check the RAW "tweet_id<TAB>label" lines (act names and order, at least one act,
    boilerplate never with an engaging act, every sampled id labelled once) and write ``out``.
    ``split``: every row's split, or a function of ``{tweet_id: label}`` giving each row's."""
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
            assert not ENGAGE & set(acts), (tid, lab)
        labels[tid] = lab
    assert labels.keys() == ids, sorted(ids - labels.keys())[:5]
    splits = split(labels) if callable(split) else dict.fromkeys(labels, split)
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["tweet_id", "label", "split", "labeller"])
        for tid in sorted(labels, key=int):
            w.writerow([tid, labels[tid], splits[tid], labeller])
    print(f"wrote {len(labels)} rows to {out}")


def main(by_id, sampled, out, split, labeller):
    """The command line of a sampler: print the sample with its context, or --finalize RAW."""
    kept, n_cand, n_cue = sampled
    if len(sys.argv) == 3 and sys.argv[1] == "--finalize":
        finalize(sys.argv[2], kept, out, split, labeller)
        return
    print(f"# candidates {n_cand}, with a cue {n_cue}, kept {len(kept)}")
    for n, r in enumerate(kept):
        show(by_id, r, n)
