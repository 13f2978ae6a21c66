"""How long the deterministic demo generator takes (it used to be a wall-clock assert in
tests/demo/test_generator.py, which failed under load; timing belongs here).

    python bench/bench_demo.py --repeat 3 --scale 1.0

prints the best and median seconds and the number of items. Record results in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time

from brandcouch.demo import generate
from brandcouch.model import Message


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--scale", type=float, default=1.0)
    args = ap.parse_args()
    times, n_msgs = [], 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        items = list(generate(scale=args.scale))
        times.append(time.perf_counter() - t0)
        n_msgs = sum(isinstance(i, Message) for i in items)
    print(
        f"demo generator scale={args.scale}: {n_msgs:,} messages; best {min(times):.2f} s, "
        f"median {statistics.median(times):.2f} s over {args.repeat} runs "
        f"({platform.python_version()}, {os.cpu_count()} cores)"
    )


if __name__ == "__main__":
    main()
