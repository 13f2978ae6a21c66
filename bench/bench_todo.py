"""The signal to-do lists (``todo_texts_<role>``) of a store: this checkout's SQL against a git
revision's, timed and compared row for row (issue 15: the lists of a store with nothing to
score should cost little).

    python bench/bench_todo.py --db store.duckdb --rev b62eb12

Builds ``brand_map`` and ``signal_values_all`` once, then runs each side's list with the old
and the new SQL (best of ``--rounds``), printing seconds, rows, the peak RSS of this process so
far, and whether the rows are identical. Opens the store read-only.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _old_sql(rev: str):
    from brandcouch.analysis import signals as S

    src = subprocess.run(
        ["git", "show", f"{rev}:src/brandcouch/analysis/signals.py"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    start, end = src.index("def todo_texts_sql"), src.index("def _sql_list")
    ns = dict(vars(S))
    exec(compile(src[start:end], f"{rev}:signals.py", "exec"), ns)  # our own repository's code
    return ns["todo_texts_sql"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", required=True)
    ap.add_argument("--rev", default="b62eb12", help="the revision whose SQL is 'old'")
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    from brandcouch import api
    from brandcouch.analysis import signals as S
    from brandcouch.analysis.steps import Runner

    old = _old_sql(args.rev)
    print(f"store {args.db}; old = {args.rev}; load {os.getloadavg()[0]:.2f}")
    with api.open_store(args.db, read_only=True) as store:
        Runner(store).ensure("brand_map", "signal_values_all")
        for role in S.ROLES:
            rows = {}
            for name, fn in (("new", S.todo_texts_sql), ("old", old)):
                best = float("inf")
                for _ in range(args.rounds):
                    t0 = time.perf_counter()
                    rows[name] = store.con.execute(fn(role)).fetchall()
                    best = min(best, time.perf_counter() - t0)
                rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"{role:9s} {name}: {best:7.2f} s, {len(rows[name]):,} rows, "
                      f"peak RSS so far {rss:,.0f} MB")  # fmt: skip
            print(f"{role:9s} identical: {rows['new'] == rows['old']}")


if __name__ == "__main__":
    main()
