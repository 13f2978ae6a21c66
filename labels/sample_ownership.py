"""Sample TWCS conversations for the `ownership` / `outcome` labels.

Usage:
    python3 labels/sample_ownership.py show START END   # print conversations START..END-1 of the seeded order
    python3 labels/sample_ownership.py split            # (re)assign the split column of
                                                        # labels/ownership.csv and labels/outcome.csv

Conversations are connected components of the reply links
(response_tweet_id / in_response_to_tweet_id) inside twcs_head5000.csv.
Candidates: components with >= 1 customer tweet and >= 1 brand tweet, plus
components with customer tweets and no brand tweet (for `unanswered`).
Components are sorted by their smallest tweet_id, then shuffled with
random.Random(17); the labeller reads them in that order and keeps only
complaint / problem-report conversations.

Split rule (same as labels/split.py, implemented inline): group items by
label (ownership: owned vs not_owned; outcome: its own classes), sort each
group by blake2b(f"<task>:{tweet_id}", digest_size=8).hexdigest(), assign
test, train, test, train, ...
"""

import csv
import os
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from split import assign_split  # noqa: E402  (labels/split.py: the one split rule)

SHARED = Path(__file__).resolve().parents[2] / "shared"  # ../shared beside the repo

SRC = str(SHARED / "data/twcs/twcs_head5000.csv")
HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 17


def load():
    with open(SRC, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return {int(r["tweet_id"]): r for r in rows}


def components(tweets):
    parent = {t: t for t in tweets}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for tid, r in tweets.items():
        irt = r["in_response_to_tweet_id"].strip()
        if irt:
            p = int(float(irt))
            if p in tweets:
                union(tid, p)
        for x in r["response_tweet_id"].split(","):
            x = x.strip()
            if x and int(x) in tweets:
                union(tid, int(x))
    groups = defaultdict(list)
    for t in tweets:
        groups[find(t)].append(t)
    return [sorted(g) for g in groups.values()]


def is_customer(r):
    return r["inbound"] == "True"


def candidates():
    tweets = load()
    comps = []
    for g in components(tweets):
        n_cust = sum(is_customer(tweets[t]) for t in g)
        len(g) - n_cust
        if n_cust >= 1:  # with brand, or customer-only (unanswered)
            comps.append(g)
    comps.sort(key=lambda g: g[0])
    random.Random(SEED).shuffle(comps)
    return tweets, comps


def show(start, end):
    from email.utils import parsedate_to_datetime

    tweets, comps = candidates()
    for i in range(start, min(end, len(comps))):
        g = comps[i]
        g = sorted(g, key=lambda t: (parsedate_to_datetime(tweets[t]["created_at"]), t))
        print(f"=== #{i} ({len(g)} tweets) ===")
        for t in g:
            r = tweets[t]
            who = "CUST" if is_customer(r) else "BRAND"
            irt = r["in_response_to_tweet_id"].strip()
            irt = int(float(irt)) if irt else "-"
            text = r["text"].replace("\r", " ").replace("\n", " ")
            print(
                f"  [{t}] {who} {r['author_id']} inbound={r['inbound']} {r['created_at']} re:{irt}"
            )
            print(f"      {text}")
        print()


def resplit(fname, task, group_of):
    path = os.path.join(HERE, fname)
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    by = defaultdict(list)
    for r in rows:
        by[group_of(r["label"])].append(r["tweet_id"])
    sp = assign_split(task, by)
    rows.sort(key=lambda r: r["tweet_id"])
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["tweet_id", "label", "split", "labeller"])
        for r in rows:
            w.writerow([r["tweet_id"], r["label"], sp[r["tweet_id"]], "agent-ownership"])
    counts = defaultdict(int)
    for r in rows:
        counts[(r["label"], sp[r["tweet_id"]])] += 1
    print(fname, dict(sorted(counts.items())))


if __name__ == "__main__":
    if sys.argv[1] == "show":
        show(int(sys.argv[2]), int(sys.argv[3]))
    elif sys.argv[1] == "split":
        resplit(
            "ownership.csv", "ownership", lambda lab: "owned" if lab == "owned" else "not_owned"
        )
        resplit("outcome.csv", "outcome", lambda lab: lab)
    elif sys.argv[1] == "count":
        _, c = candidates()
        print(len(c))
