"""Throughput of score_texts (all signals) on real customer-care text.

    .venv/bin/python bench/bench_signals.py [--shared ../shared] [--rows 100000]

Two inputs: (a) the brief's case, the `text` column of twcs_head5000.csv repeated to --rows
rows (4,992 distinct texts, so dedupe does most of the work); (b) a harder case, all distinct
texts of twcs_head5000.csv + spotifycares_support_requests.csv (about 20k distinct) repeated
to --rows, which crosses the process-pool threshold. Each case is timed warm (models loaded
and, for (b), the pool started by a first run); the cold first run is printed too.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from brandcouch.signals import score_texts, shutdown_pool  # noqa: E402
from brandcouch.signals.pipeline import parallel_threshold  # noqa: E402


def repeat_to(texts: list[str], rows: int) -> list[str]:
    return (texts * (rows // len(texts) + 1))[:rows]


def timed(texts: list[str], parallel: bool | None = None) -> float:
    start = time.perf_counter()
    frame = score_texts(texts, parallel=parallel)
    elapsed = time.perf_counter() - start
    assert len(frame) == len(texts)
    return elapsed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args(argv)
    twcs = args.shared / "data/twcs/twcs_head5000.csv"
    if not twcs.exists():
        print(f"{twcs} is absent: nothing to benchmark")
        return 0
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; date {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    head = pd.read_csv(twcs)["text"].fillna("").tolist()
    cases = {"a: twcs_head5000 repeated": head}
    spotify = args.shared / "data/twcs/spotifycares_support_requests.csv"
    if spotify.exists():
        extra = pd.read_csv(spotify)["text"].fillna("").tolist()
        cases["b: ~20k distinct texts repeated"] = list(dict.fromkeys(head + extra))
    print("| case | rows | distinct | cold s | warm s | warm msg/s | pool |")
    print("|---|---|---|---|---|---|---|")
    for name, base in cases.items():
        texts = repeat_to(base, args.rows)
        distinct = len(set(texts))
        cold = timed(texts)
        warm = min(timed(texts) for _ in range(2))
        pool = "yes" if distinct >= parallel_threshold() else "no"
        print(
            f"| {name} | {len(texts):,} | {distinct:,} | {cold:.2f} | {warm:.2f} | "
            f"{len(texts) / warm:,.0f} | {pool} |"
        )
        if pool == "yes":
            single = timed(texts, parallel=False)
            print(
                f"| {name}, single process | {len(texts):,} | {distinct:,} | | {single:.2f} | "
                f"{len(texts) / single:,.0f} | forced off |"
            )
    shutdown_pool()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
