"""Peak memory of a command and its child processes (the import's pool workers), sampled.

``/usr/bin/time -v`` (and ``os.wait4``) report the largest single process's peak; a command
with pool workers holds the sum of several. This runs ``COMMAND ...``, samples every process
of its tree (``/proc/PID/statm``) every ``--every`` seconds, and prints on stderr the peak of
the sum, the peak of the main process and of each worker, and the wall time.

    .venv/bin/python bench/rss_tree.py [--every 0.25] -- COMMAND ARGS...

Not a test: numbers go to bench/RESULTS.md by hand (issue 15, fourth pass).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PAGE = resource.getpagesize()


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        with contextlib.suppress(OSError):
            out += [int(c) for c in (task / "children").read_text().split()]
    return out


def _tree(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    return seen


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/statm") as f:
            return int(f.read().split()[1]) * PAGE / 1e6
    except OSError:
        return 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--every", type=float, default=0.25)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    t = time.perf_counter()
    proc = subprocess.Popen(cmd)
    peak_sum = peak_main = 0.0
    peak_other: dict[int, float] = {}
    while proc.poll() is None:
        pids = _tree(proc.pid)
        sizes = {p: _rss_mb(p) for p in pids}
        peak_sum = max(peak_sum, sum(sizes.values()))
        peak_main = max(peak_main, sizes.get(proc.pid, 0.0))
        for p, s in sizes.items():
            if p != proc.pid:
                peak_other[p] = max(peak_other.get(p, 0.0), s)
        time.sleep(args.every)
    wall = time.perf_counter() - t
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 / 1e6
    workers = ", ".join(f"{s:.0f}" for s in sorted(peak_other.values(), reverse=True)[:4])
    print(
        f"rss_tree: exit {proc.returncode}; wall {wall:.1f} s; peak sum of the tree "
        f"{peak_sum:.0f} MB; main {peak_main:.0f} MB; children [{workers}] MB; largest single "
        f"process (ru_maxrss) {largest:.0f} MB",
        file=sys.stderr,
    )
    sys.exit(proc.returncode)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
