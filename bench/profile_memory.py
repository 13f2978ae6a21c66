"""Where ``analyze``'s memory goes: ``api.analyse`` + ``to_json`` on a store in this process,
the resident set sampled every 0.2 s together with the brandcouch functions on the main
thread's stack; prints each rise of more than 25 MB (and each drop of more than 100 MB) with
the innermost three brandcouch frames, then the peak.

    .venv/bin/python bench/profile_memory.py STORE [--memory-limit 400MB]
    .venv/bin/python bench/profile_memory.py NEW_STORE --import FILE   # the import instead

Not a test: numbers go to bench/RESULTS.md by hand (issue 15, "Where the memory goes").
"""

from __future__ import annotations

import argparse
import resource
import sys
import threading
import time

from brandcouch import api


def _rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("--memory-limit", default=None, help="DuckDB memory_limit, e.g. 400MB")
    ap.add_argument("--import", dest="source", default=None,
                    help="import this file into STORE (and score it) instead of analysing")  # fmt: skip
    args = ap.parse_args()
    main_id = threading.get_ident()
    series: list[tuple[float, str]] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            frame = sys._current_frames().get(main_id)
            names = []
            while frame is not None:
                code = frame.f_code
                if "brandcouch" in code.co_filename:
                    names.append(f"{code.co_filename.split('brandcouch/')[-1]}:{code.co_name}")
                frame = frame.f_back
            series.append((_rss_mb(), " < ".join(names[:3])))
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()
    t = time.perf_counter()
    with api.open_store(args.store, read_only=args.source is None, create=True) as store:
        if args.memory_limit:
            store.con.execute(f"SET memory_limit='{args.memory_limit}'")
        if args.source:
            api.import_paths(store, [args.source])
            api.run_signals(store)
        else:
            api.analyse(store).to_json()
        duck = store.scalar("SELECT sum(memory_usage_bytes) / 1e6 FROM duckdb_memory()")
    done.set()
    last = 0.0
    for rss, where in series:
        if rss > last + 25 or rss < last - 100:
            print(f"{rss:8.0f} MB ({rss - last:+.0f})  {where}")
            last = rss
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS {peak:.0f} MB; DuckDB memory at the end {duck:.0f} MB; "
          f"wall {time.perf_counter() - t:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
