"""Sample a fresh training set of brand replies for the act signals: labels/acts_more4.csv.

Usage:
  python3 labels/sample_acts_more4.py                 # print the sample with its context
  python3 labels/sample_acts_more4.py --finalize RAW  # RAW: "tweet_id<TAB>label" lines

Rule (labels/acts_more4.md): candidates are the brand replies (inbound=False) of
twcs_head5000 not in labels/acts.csv, acts_more.csv, acts_more2.csv or acts_more3.csv and not in a conversation
(connected component of in_response_to_tweet_id links inside the file) that holds a
labels/ownership.csv split=test conversation. They are split by a private-channel cue in the
reply text (CUE_RE), each part sorted by integer tweet_id and shuffled with
random.Random(SEED); walk each part keeping at most PER_BRAND replies per brand (counted over
both parts) until N_CUE cue replies and N_OTHER other replies are kept (3/4 with a cue).
--finalize writes every row with split=train: this is a training set (the held-out deflection
set stays labels/acts_more3.csv split=test).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import acts_sampling as S  # noqa: E402

SRC = S.SRC
CUE_RE = S.CUE_RE
SEED = 141414
PER_BRAND = 15
N_CUE = 188
N_OTHER = 62
EARLIER = ("acts.csv", "acts_more.csv", "acts_more2.csv", "acts_more3.csv")
OUT = S.HERE / "acts_more4.csv"


def load():
    return S.load(SRC)


def sample(by_id):
    cand = S.candidates(by_id, S.labelled(EARLIER), in_test_threads=False)
    return S.cue_walk(cand, SEED, PER_BRAND, N_CUE, N_OTHER)


if __name__ == "__main__":
    by_id = load()
    S.main(by_id, sample(by_id), OUT, "train", "agent-acts5")
