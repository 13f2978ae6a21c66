"""Sample a fresh held-out set of brand replies for the act signals: labels/acts_more3.csv.

Usage:
  python3 labels/sample_acts_more3.py                 # print the sample with its context
  python3 labels/sample_acts_more3.py --finalize RAW  # RAW: "tweet_id<TAB>label" lines

Rule (labels/acts_more3.md): candidates are the brand replies (inbound=False) of
twcs_head5000 not in labels/acts.csv, acts_more.csv or acts_more2.csv and not in a conversation
(connected component of in_response_to_tweet_id links inside the file) that holds a
labels/ownership.csv split=test conversation. They are split by a private-channel cue in the
reply text (CUE_RE), each part sorted by integer tweet_id and shuffled with
random.Random(SEED); walk each part keeping at most PER_BRAND replies per brand (counted over
both parts) until N_CUE cue replies and N_OTHER other replies are kept. --finalize splits the
rows with labels/split.assign_split("acts_more3", ...) stratified on deflection (private and
none of acknowledge/diagnose/inform/commit): about half test, half train.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import acts_sampling as S  # noqa: E402

SRC = S.SRC
CUE_RE = S.CUE_RE
SEED = 131313
PER_BRAND = 15
N_CUE = 160
N_OTHER = 80
EARLIER = ("acts.csv", "acts_more.csv", "acts_more2.csv")
OUT = S.HERE / "acts_more3.csv"


def load():
    return S.load(SRC)


def sample(by_id):
    cand = S.candidates(by_id, S.labelled(EARLIER), in_test_threads=False)
    return S.cue_walk(cand, SEED, PER_BRAND, N_CUE, N_OTHER)


def _split(labels):
    """labels/split.assign_split("acts_more3") over deflections (private, no engaging act)
    and the rest."""
    from collections import defaultdict

    from split import assign_split

    by_cls = defaultdict(list)
    for tid, lab in labels.items():
        acts = set(lab.split(";"))
        by_cls["deflection" if "private" in acts and not S.ENGAGE & acts else "other"].append(tid)
    return assign_split("acts_more3", by_cls)


if __name__ == "__main__":
    by_id = load()
    S.main(by_id, sample(by_id), OUT, _split, "agent-acts4")
