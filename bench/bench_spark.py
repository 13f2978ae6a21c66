"""Both engines on one corpus: the DuckDB analysis of a store, and the same analysis on Spark
over its Parquet export, with where Spark's time goes.

    .venv/bin/python bench/bench_spark.py [--copies 20] [--master local[2]] [--work /tmp/bench_spark]

Builds WORK/twcs_x<N>.csv from ../shared/data/twcs/twcs_head5000.csv with
../shared/bench/scale_twcs.py (N copies of every conversation with fresh ids), imports it into
WORK/twcs_x<N>.duckdb (signals scored), then times:

- ``duckdb``: ``api.analyse`` on the store (read-only, warm: a second run),
- ``export``: ``brandcouch export parquet``,
- ``spark``: ``analyse_parquet`` on ``--master`` split into startup (the SparkSession), signals
  (texts the export lacks, via mapInArrow: none here), steps (materialising the temp views),
  queries (the metrics' result queries), register (Python-built tables) and the rest (Python),

and compares the two JSON results (apart from generated_at, store, imports) as the parity tests
do (tests/spark/compare.py): the differences, and apart from them the rounded floats one unit
off in their last place; both JSONs are written to WORK for reading. Needs
the spark extra and Java 17. Not a test: numbers go to bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from pathlib import Path

from brandcouch import api

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.spark.compare import count_numbers, differences, last_place_flips  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
TWCS = SHARED / "data" / "twcs" / "twcs_head5000.csv"
SCALE = SHARED / "bench" / "scale_twcs.py"


def build(work: Path, copies: int) -> Path:
    work.mkdir(parents=True, exist_ok=True)
    csv = work / f"twcs_x{copies}.csv"
    db = work / f"twcs_x{copies}.duckdb"
    if not csv.exists():
        subprocess.run([sys.executable, str(SCALE), str(TWCS), str(csv), str(copies)], check=True)
    if not db.exists():
        t = time.perf_counter()
        with api.open_store(db, create=True) as store:
            api.import_paths(store, [csv])
        print(f"import + signals: {time.perf_counter() - t:.1f} s")
    return db


def same(a, b) -> bool:
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
    return a == b


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=20)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--work", type=Path, default=Path("/tmp/bench_spark"))
    args = ap.parse_args()
    db = build(args.work, args.copies)

    with api.open_store(db, read_only=True) as store:
        n = store.scalar("SELECT count(*) FROM messages")
        api.analyse(store)  # warm
        t = time.perf_counter()
        duck = api.analyse(store).to_json()
        t_duck = time.perf_counter() - t

    from brandcouch.spark.export import export_parquet
    from brandcouch.spark.run import analyse_parquet
    from brandcouch.spark.session import get_session

    out = args.work / f"twcs_x{args.copies}_parquet"
    t = time.perf_counter()
    export_parquet(db, out)
    t_export = time.perf_counter() - t

    t = time.perf_counter()
    spark = get_session(args.master)
    t_start = time.perf_counter() - t
    timings: dict = {}
    on_spark = analyse_parquet(str(out), spark=spark, timings=timings).to_json()
    spark.stop()
    for r in (duck, on_spark):
        for k in ("generated_at", "store", "imports"):
            r.pop(k)
    other = timings["total"] - sum(timings.get(k, 0) for k in ("steps", "queries", "register"))
    report = {
        "messages": n,
        "master": args.master,
        "duckdb_analyse_s": round(t_duck, 2),
        "export_parquet_s": round(t_export, 2),
        "spark_startup_s": round(t_start, 2),
        "spark_analyse_s": round(timings["total"], 2),
        "spark_signals_s": round(timings["signals"], 2),
        "spark_steps_s": timings.get("steps", 0),
        "spark_queries_s": timings.get("queries", 0),
        "spark_register_s": timings.get("register", 0),
        "spark_python_and_rest_s": round(other, 2),
        "identical_json": same(duck, on_spark),
        "floats": count_numbers(duck),
        "last_place_flips": len(last_place_flips(duck, on_spark)),
        "differences": differences(duck, on_spark)[:50],
    }
    for name, r in (("duckdb", duck), ("spark", on_spark)):
        (args.work / f"twcs_x{args.copies}_{name}.json").write_text(json.dumps(r, indent=1))
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
