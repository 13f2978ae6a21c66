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

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import acts_sampling as S  # noqa: E402

SRC = S.SRC
CUE_RE = S.CUE_RE
EARLIER = (
    "acts.csv", "acts_more.csv", "acts_more2.csv", "acts_more3.csv", "acts_more4.csv",
    "acts_more5.csv",
)  # fmt: skip
OUT = S.HERE / "acts_test4.csv"


def load():
    return S.load(SRC)


def sample(by_id):
    kept = S.candidates(by_id, S.labelled(EARLIER), in_test_threads=True)
    n_cue = sum(1 for r in kept if CUE_RE.search(r["text"]))
    return kept, len(kept), n_cue


if __name__ == "__main__":
    by_id = load()
    S.main(by_id, sample(by_id), OUT, "test4", "agent-acts6")
