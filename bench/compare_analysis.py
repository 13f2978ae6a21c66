"""Fingerprint of one analysis, for before/after comparisons that must be identical.

Runs ``api.analyse`` + ``to_json`` on a store in this process with DuckDB on one thread (with
DuckDB's default threads, parallel float sums flip the 4th decimal of a few means between two
runs of the same code), writes the JSON report without its ``generated_at`` line to ``OUT``,
and prints the sha256 of that JSON, of the canned-reply groups (``reply_keys``: reply id,
template id, uses, canned_p, agent) and of the topics.

    .venv/bin/python bench/compare_analysis.py STORE OUT.json [--memory-limit 400MB]
    PYTHONPATH=<other checkout>/src .venv/bin/python bench/compare_analysis.py STORE OUT2.json

Not a test: the verdicts go to bench/RESULTS.md (issue 15, fourth pass).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import time

import brandcouch
from brandcouch import api
from brandcouch.reports.json_report import dumps_indented


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store")
    ap.add_argument("out")
    ap.add_argument("--memory-limit", default=None)
    args = ap.parse_args()
    t = time.perf_counter()
    with api.open_store(args.store, read_only=True) as store:
        store.con.execute("SET threads TO 1")
        if args.memory_limit:
            store.con.execute(f"SET memory_limit = '{args.memory_limit}'")
        limit = store.scalar("SELECT current_setting('memory_limit')")
        result = api.analyse(store)
        data = result.to_json()
        keys = store.con.execute(
            "SELECT id, template_id, template_uses, canned_p, agent FROM reply_keys ORDER BY id"
        ).fetchall()
    text = dumps_indented(data)
    lines = [ln for ln in text.splitlines() if '"generated_at"' not in ln]
    body = "\n".join(lines)
    with open(args.out, "w") as f:
        f.write(body)
    topics = {b["name"]: b["care"]["topics"] for b in data["brands"]}
    digest = lambda s: hashlib.sha256(s.encode()).hexdigest()[:16]  # noqa: E731
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    print(f"brandcouch from {brandcouch.__file__}; memory_limit {limit}")
    print(f"json {digest(body)}  reply_keys {digest(repr(keys))} ({len(keys)} rows)  "
          f"topics {digest(json.dumps(topics, sort_keys=True))}")  # fmt: skip
    print(f"wall {time.perf_counter() - t:.1f} s; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
