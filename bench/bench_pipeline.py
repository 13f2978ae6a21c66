"""End-to-end throughput: import → signals → analyse on a TWCS-shaped corpus.

The TWCS sample (../shared/data/twcs/twcs_head5000.csv) is replicated ``--copies`` times with
every tweet id and anonymised customer id shifted per copy (so @-mentions, and hence most texts,
differ between copies, as in the real 2.8M-tweet corpus), written to a temporary CSV, then:

    python bench/bench_pipeline.py --copies 200      # 1,000,000 messages

prints the seconds and messages/s of each stage. Record results in
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import re
import tempfile
import time
from pathlib import Path

from brandcouch import api

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "twcs" / "twcs_head5000.csv"
_NUM = re.compile(r"@(\d+)")


def replicate(src: Path, dst: Path, copies: int) -> int:
    with src.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    shift_id = 10_000
    n = 0
    with dst.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        for k in range(copies):
            off = k * shift_id

            def sid(v: str, off=off) -> str:
                return ",".join(str(int(float(x)) + off) for x in v.split(",") if x) if v else ""

            def cust(v: str, k=k) -> str:
                return str(int(v) + k * 1_000_000) if v.isdigit() else v

            for r in rows:
                w.writerow(
                    {
                        **r,
                        "tweet_id": sid(r["tweet_id"]),
                        "author_id": cust(r["author_id"]),
                        "text": _NUM.sub(lambda m, k=k: "@" + cust(m.group(1), k), r["text"]),
                        "response_tweet_id": sid(r["response_tweet_id"]),
                        "in_response_to_tweet_id": sid(r["in_response_to_tweet_id"]),
                    }
                )
                n += 1
    return n


def _load() -> str:
    """The 1-minute load average (others share the machine), or "?"."""
    try:
        return f"{os.getloadavg()[0]:.2f}"
    except OSError:
        return "?"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=20)
    args = ap.parse_args()
    if not SAMPLE.exists():
        raise SystemExit(f"{SAMPLE} not found: this benchmark needs ../shared")
    load_before = _load()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "twcs_big.csv"
        n = replicate(SAMPLE, data, args.copies)
        store = api.open_store(Path(tmp) / "bench.duckdb", create=True)
        stages = {}
        t = time.perf_counter()
        api.import_paths(store, [data])
        stages["import"] = time.perf_counter() - t
        t = time.perf_counter()
        sig = api.run_signals(store)
        stages["signals"] = time.perf_counter() - t
        t = time.perf_counter()
        result = api.analyse(store, signals=False)
        stages["analyse"] = time.perf_counter() - t
        store.close()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        f"; {time.strftime('%Y-%m-%d %H:%M %Z')}; load average before/after: "
        f"{load_before} / {_load()}"
    )
    print(
        f"messages: {n:,}; distinct texts scored: {sig['texts']:,}; reply pairs: {sig['pairs']:,}"
    )
    print(f"brands: {len(result['brands'])}")
    total = sum(stages.values())
    for name, secs in [*stages.items(), ("total", total)]:
        print(f"{name:>8}: {secs:8.2f} s  {n / secs:>12,.0f} messages/s")


if __name__ == "__main__":
    main()
