"""Sample for the `templates` labelling task.

Deterministic: takes ALL brand replies (inbound=False) of the listed brands
from the TWCS head-5000 file and prints them per brand sorted by text (so
copies of the same stock text sit next to each other) for manual reading.

Usage:
    python3 labels/sample_templates.py                 # print candidates
    python3 labels/sample_templates.py --split FILE    # read tweet_id,label
                                                       # and print id,label,split
No third-party text is written anywhere by this script; it only prints.
"""

import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split import assign_split  # noqa: E402  (labels/split.py: the one split rule)

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the repo

SRC = str(SHARED / "data/twcs/twcs_head5000.csv")
TASK = "templates"
BRANDS = ["ChipotleTweets", "AppleSupport", "AmazonHelp"]


def load():
    with open(SRC, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sort_text(t):
    return re.sub(r"^(\s*@\w+)+\s*", "", t).lower()


def candidates(rows):
    out = {}
    for b in BRANDS:
        reps = [r for r in rows if r["inbound"] == "False" and r["author_id"] == b]
        # sort by text with leading @mentions stripped so copies sit together
        reps.sort(key=lambda r: (sort_text(r["text"]), int(r["tweet_id"])))
        out[b] = reps
    return out


def split_class(label):
    return "unique" if label == "unique" else "canned"


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--split":
        with open(sys.argv[2], newline="") as f:
            lab = {r["tweet_id"]: r["label"] for r in csv.DictReader(f)}
        by = {}
        for i, lab_ in lab.items():
            by.setdefault(split_class(lab_), []).append(i)
        sp = assign_split(TASK, by)
        w = csv.writer(sys.stdout)
        w.writerow(["tweet_id", "label", "split", "labeller"])
        for i in sorted(lab):
            w.writerow([i, lab[i], sp[i], f"agent-{TASK}"])
        return
    cands = candidates(load())
    for b, reps in cands.items():
        print(f"===== {b} ({len(reps)} replies)")
        for r in reps:
            print(f"{r['tweet_id']}\t{r['text']!r}")


if __name__ == "__main__":
    main()
