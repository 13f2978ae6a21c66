"""Sample a third set of brand replies for the act signals: labels/acts_more2.csv.

Usage:
  python3 labels/sample_acts_more2.py                 # print the sample with its context
  python3 labels/sample_acts_more2.py --finalize RAW  # RAW: "tweet_id<TAB>label" lines

Rule (labels/acts_more2.md): candidates are the brand replies (inbound=False) of
twcs_head5000 not in labels/acts.csv or labels/acts_more.csv and not in a conversation
(connected component of in_response_to_tweet_id links inside the file) that holds a
labels/ownership.csv split=test conversation. They are split by a private-channel cue in the
reply text (CUE_RE), each part sorted by integer tweet_id and shuffled with
random.Random(SEED); walk each part keeping at most PER_BRAND replies per brand (counted over
both parts) until N_CUE cue replies and N_OTHER other replies are kept.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import acts_sampling as S  # noqa: E402

SRC = S.SRC
CUE_RE = S.CUE_RE
SEED = 1313
PER_BRAND = 15
N_CUE = 200
N_OTHER = 100
EARLIER = ("acts.csv", "acts_more.csv")
OUT = S.HERE / "acts_more2.csv"


def load():
    return S.load(SRC)


def sample(by_id):
    cand = S.candidates(by_id, S.labelled(EARLIER), in_test_threads=False)
    return S.cue_walk(cand, SEED, PER_BRAND, N_CUE, N_OTHER)


if __name__ == "__main__":
    by_id = load()
    S.main(by_id, sample(by_id), OUT, "train", "agent-acts3")
