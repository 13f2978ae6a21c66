"""CPU seconds of vader_scores: vaderSentiment's polarity_scores vs the C extension (issue 15).

    .venv/bin/python bench/bench_vader.py [--shared ../shared] [--repeat 3]

On the golden inputs (scripts/make_signal_golden.py load_inputs(): the TWCS head and the VADER
ground-truth snippets, 24.5k texts), time.process_time of brandcouch's vader_scores with the
extension and without it (the library, as where no C compiler is present), each run on a fresh
batch cache; the best and the median of --repeat runs. Also the one-off cost of the
extension's set-up (its tables from the analyzer's dicts, and its self check), and whether both
paths give the same array.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from brandcouch.signals import batchcache, sentiment  # noqa: E402
from make_signal_golden import load_inputs  # noqa: E402


def cpu(texts: list[str]) -> tuple[float, np.ndarray]:
    batchcache.clear()
    start = time.process_time()
    out = sentiment.vader_scores(texts)
    elapsed = time.process_time() - start
    batchcache.clear()
    return elapsed, out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    texts, _ = load_inputs(args.shared)
    print(f"{len(texts)} texts; {os.cpu_count()} cores, {platform.processor() or platform.machine()},"
          f" Python {platform.python_version()}; load {os.getloadavg()[0]:.2f}")  # fmt: skip
    sentiment._analyzer()
    start = time.process_time()
    ext = sentiment.compiled_vader()
    setup = time.process_time() - start
    if ext is None:
        print("the C extension is not available: nothing to compare")
        return 1
    print(f"extension set-up (tables + self check): {setup * 1000:.1f} ms CPU")
    lib_runs, c_runs = [], []
    real = sentiment.compiled_vader
    for _ in range(args.repeat):
        sentiment.compiled_vader = lambda: None
        t_lib, want = cpu(texts)
        sentiment.compiled_vader = real
        t_c, got = cpu(texts)
        lib_runs.append(t_lib)
        c_runs.append(t_c)
        assert np.array_equal(want, got), "the two paths differ"
    lib, c = statistics.median(lib_runs), statistics.median(c_runs)
    print(f"library  best {min(lib_runs):.3f} s  median {lib:.3f} s CPU")
    print(f"C        best {min(c_runs):.3f} s  median {c:.3f} s CPU")
    print(f"speed-up (median) {lib / c:.1f}x; both paths == equal on all {len(texts)} texts")
    print(f"load after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
