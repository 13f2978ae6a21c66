"""Sample a fresh training set of brand replies for the act signals: labels/acts_more5.csv.

Usage:
  python3 labels/sample_acts_more5.py                 # print the sample with its context
  python3 labels/sample_acts_more5.py --finalize RAW  # RAW: "tweet_id<TAB>label" lines

Rule (labels/acts_more5.md; the design of sample_acts_more4.py with a new seed): candidates
are the brand replies (inbound=False) of twcs_head5000 not in labels/acts.csv, acts_more.csv,
acts_more2.csv, acts_more3.csv or acts_more4.csv and not in a conversation (connected
component of in_response_to_tweet_id links inside the file) that holds a labels/ownership.csv
split=test conversation. They are split by a private-channel cue in the reply text (CUE_RE).
Every cue reply is kept (no cap, no brand limit; they are what deflection recall needs). The other part is sorted by integer tweet_id, shuffled with
random.Random(SEED) and walked keeping at most PER_BRAND replies per brand until N_OTHER are
kept. --finalize writes every row with split=train: this is a training set (the held-out
deflection set stays labels/acts_more3.csv split=test).
"""

import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import acts_sampling as S  # noqa: E402

SRC = S.SRC
CUE_RE = S.CUE_RE
SEED = 151515
PER_BRAND = 6
N_OTHER = 90
EARLIER = ("acts.csv", "acts_more.csv", "acts_more2.csv", "acts_more3.csv", "acts_more4.csv")
OUT = S.HERE / "acts_more5.csv"


def load():
    return S.load(SRC)


def sample(by_id):
    cand = S.candidates(by_id, S.labelled(EARLIER), in_test_threads=False)
    cue = [r for r in cand if CUE_RE.search(r["text"])]
    other = [r for r in cand if not CUE_RE.search(r["text"])]
    kept = list(cue)
    per = defaultdict(int)
    random.Random(SEED).shuffle(other)
    for r in other:
        if len(kept) - len(cue) >= N_OTHER:
            break
        if per[r["author_id"]] >= PER_BRAND:
            continue
        per[r["author_id"]] += 1
        kept.append(r)
    random.Random(SEED).shuffle(kept)
    return kept, len(cand), len(cue)


if __name__ == "__main__":
    by_id = load()
    S.main(by_id, sample(by_id), OUT, "train", "agent-acts5")
