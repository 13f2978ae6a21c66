"""Write tests/golden/signals_twcs.npz: every registered text signal on real shared texts.

Texts: the 5,000 tweets of ../shared/data/twcs/twcs_head5000.csv (parent = the tweet each one
answers, when it is in the file) and the 19,500 VADER ground-truth snippets of
../shared/data/vader-groundtruth/*_GroundTruth.txt (no parent). For every signal the golden
keeps the sha256 of its values (floats rounded to 1e-9; strings as UTF-8) and the raw values
of a fixed 500-text sample, so that a parity failure shows a readable diff
(tests/signals/test_signal_parity.py).

    PYTHONPATH=src python scripts/make_signal_golden.py          # rewrite the golden
"""

from __future__ import annotations

import csv
import hashlib
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLDEN = ROOT / "tests" / "golden" / "signals_twcs.npz"
SAMPLE = 500


def load_inputs(shared: Path = SHARED) -> tuple[list[str], list[str]]:
    """(texts, parents) in a fixed order: TWCS head first, then the VADER snippets."""
    with open(shared / "data" / "twcs" / "twcs_head5000.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_id = {r["tweet_id"]: r["text"] for r in rows}
    texts, parents = [], []
    for r in rows:
        parent_id = (r["in_response_to_tweet_id"] or "").split(".")[0]
        texts.append(r["text"])
        parents.append(by_id.get(parent_id, ""))
    vader = sorted((shared / "data" / "vader-groundtruth").glob("*_GroundTruth.txt"))
    for path in vader:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.split("\t")
            if len(parts) >= 3:
                texts.append(parts[2])
                parents.append("")
    return texts, parents


def digest(values: np.ndarray) -> str:
    """sha256 of a signal column: floats rounded to 1e-9 (NaN kept), strings as UTF-8."""
    if values.dtype == object:
        blob = "\x00".join("" if v is None else str(v) for v in values).encode("utf-8")
    else:
        blob = np.round(values.astype(np.float64), 9).tobytes()
    return hashlib.sha256(blob).hexdigest()


def sample_index(n: int) -> np.ndarray:
    return np.linspace(0, n - 1, min(SAMPLE, n)).astype(np.int64)


def compute(texts: list[str], parents: list[str]) -> dict[str, np.ndarray]:
    from brandcouch.signals import score_texts

    frame = score_texts(texts, parents=parents)
    return {name: frame[name].to_numpy() for name in frame.columns}


def main() -> int:
    from brandcouch.signals import SIGNALS

    texts, parents = load_inputs()
    cols = compute(texts, parents)
    idx = sample_index(len(texts))
    out: dict[str, np.ndarray] = {
        "n_texts": np.array(len(texts)),
        "sample_index": idx,
        "names": np.array(list(cols)),
        "versions": np.array([SIGNALS[n].version for n in cols]),
    }
    for name, values in cols.items():
        out[f"sha256__{name}"] = np.array(digest(values))
        sample = values[idx]
        out[f"sample__{name}"] = sample.astype(str) if values.dtype == object else sample
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(GOLDEN, **out)
    print(f"wrote {GOLDEN.relative_to(ROOT)}: {len(cols)} signals x {len(texts)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
