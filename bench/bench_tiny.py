"""Commands on a 3-message store (issue 15: ``<= 1.5 s``): import-time and model-loading costs.

Builds a store from the first 3 tweets of ../shared/data/twcs/twcs_head5000.csv (``brandcouch
import``), then times ``analyze``, ``session`` and ``brands`` as subprocesses of this Python
(best of ``--repeat``, default 5), each with this checkout's src/ first on the path.

    python bench/bench_tiny.py
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "twcs" / "twcs_head5000.csv"
CLI = "from brandcouch.cli import main; main()"
COMMANDS = (("analyze",), ("session",), ("brands",))


def _env() -> dict:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _run(args: list[str], env: dict, cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CLI, *args], env=env, cwd=cwd, check=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    if not SAMPLE.exists():
        raise SystemExit(f"{SAMPLE} not found: this benchmark needs ../shared")
    env = _env()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d %H:%M %Z')}; load {load}")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        lines = SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:4]
        (tmp / "tiny.csv").write_text("".join(lines), encoding="utf-8")
        db = str(tmp / "tiny.duckdb")
        print(f"import (3 messages): {_run(['import', 'tiny.csv', '--db', db], env, tmp):.2f} s")
        for cmd in COMMANDS:
            best = min(_run([*cmd, "--db", db], env, tmp) for _ in range(args.repeat))
            print(f"{' '.join(cmd):<10} best of {args.repeat}: {best:.2f} s")


if __name__ == "__main__":
    main()
