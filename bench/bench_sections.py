"""What the cheap sections cost against the full analysis, on the demo store (issue 11).

    python bench/bench_sections.py --rounds 3

Generates the demo into a temporary store, scores its signals once (so every timing below
has them cached, as a second ``analyze`` would), then times, in each round and on the same
store: ``analyze`` (the full default run: brands, channels, periods, diagnosis, audience,
directory, benchmark; the signal check included), ``session`` for one brand, ``check``
(brand-level health and elements of every brand) and ``session`` from an already computed
result. Prints one table: best and median seconds and the share of ``analyze``'s median.
Record results in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from brandcouch import api


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--brand", default="Nimbus Telecom")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "demo.duckdb"
        with api.open_store(db, create=True) as store:
            api.generate_demo(store, scale=args.scale)
            api.run_signals(store)
            n = store.scalar("SELECT count(*) FROM messages")
        thresholds = {"health": 50.0}
        cases = {
            "analyze": lambda s: api.analyse(s),
            f"session {args.brand}": lambda s: api.session(s, args.brand),
            "check": lambda s: api.check_details(s, thresholds),
        }
        times: dict[str, list[float]] = {k: [] for k in cases}
        times["session from a result"] = []
        with api.open_store(db) as store:
            for _ in range(args.rounds):
                for name, fn in cases.items():
                    t0 = time.perf_counter()
                    out = fn(store)
                    times[name].append(time.perf_counter() - t0)
                    if name == "analyze":
                        result = out
                t0 = time.perf_counter()
                api.session(result, args.brand)
                times["session from a result"].append(time.perf_counter() - t0)
    base = statistics.median(times["analyze"])
    print(
        f"demo scale={args.scale}: {n:,} messages; {args.rounds} rounds; "
        f"Python {platform.python_version()}, {os.cpu_count()} cores"
    )
    print(f"{'what':<28} {'best s':>8} {'median s':>9} {'of analyze':>11}")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:<28} {min(ts):>8.3f} {med:>9.3f} {100 * med / base:>10.0f}%")


if __name__ == "__main__":
    main()
