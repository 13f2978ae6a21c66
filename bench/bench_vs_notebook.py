"""brandcouch's full diagnosis vs the analyst's notebook on the same TWCS-shaped file (issue 15).

The file is made by the shared yardstick ``../shared/bench/scale_twcs.py`` (twcs_head5000.csv x
``--copies``; 40 copies = 212,361 rows) into bench/.cache/ (gitignored, reused). Each round
times, alternately, one after the other:

* the notebook: ``python ../shared/bench/baseline_pandas_vader.py FILE`` (pandas + VADER);
* brandcouch: ``brandcouch import FILE --db X`` (parse, insert, every signal) then
  ``brandcouch analyze --db X --json out.json`` (every section, the JSON), on a fresh store.

Both run as subprocesses of the same Python. Prints the medians, the ratio brandcouch/notebook
and the peak RSS of each command (the largest process, from ``os.wait4``).

    python bench/bench_vs_notebook.py                    # 212k rows, 3 rounds
    python bench/bench_vs_notebook.py --copies 190       # ~1M rows
    python bench/bench_vs_notebook.py --profile          # where brandcouch's time goes
    python bench/bench_vs_notebook.py --profile --src ../main/src   # the same for another checkout
    python bench/bench_vs_notebook.py --incremental      # +1% new messages, re-import + analyze
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = SHARED / "data" / "twcs" / "twcs_head5000.csv"
SCALE = SHARED / "bench" / "scale_twcs.py"
NOTEBOOK = SHARED / "bench" / "baseline_pandas_vader.py"
CACHE = ROOT / "bench" / ".cache"
CLI = "from brandcouch.cli import main; main()"


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores ({model}), {platform.machine()}, Python "
        f"{platform.python_version()}; {time.strftime('%Y-%m-%d %H:%M %Z')}; load {load}"
    )


def scaled_file(copies: int) -> Path:
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / ".gitignore").write_text("*\n")
    path = CACHE / f"twcs_x{copies}.csv"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        subprocess.run([sys.executable, str(SCALE), str(SAMPLE), str(tmp), str(copies)], check=True)
        tmp.replace(path)
    return path


def timed(cmd: list[str], env: dict | None = None) -> tuple[float, float]:
    """(wall seconds, peak RSS MB of the largest process) of one subprocess."""
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    secs = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return secs, usage.ru_maxrss / 1024


def brandcouch(*args: str) -> list[str]:
    return [sys.executable, "-c", CLI, *args]


def _env() -> dict:
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def run_brandcouch(data: Path, tmp: Path, env: dict) -> tuple[float, float, float, float]:
    db = tmp / "bench.duckdb"
    for p in (db, db.with_suffix(".duckdb.wal")):
        p.unlink(missing_ok=True)
    t_imp, rss_imp = timed(brandcouch("import", str(data), "--db", str(db)), env)
    out = tmp / "out.json"
    t_ana, rss_ana = timed(brandcouch("analyze", "--db", str(db), "--json", str(out)), env)
    return t_imp, t_ana, rss_imp, rss_ana


def compare(data: Path, rounds: int) -> None:
    env = _env()
    with open(data, encoding="utf-8", newline="") as f:
        rows = sum(1 for _ in csv.reader(f)) - 1
    print(f"machine: {machine()}")
    print(f"file: {data} ({rows:,} rows)")
    nb, bc, rss_nb, rss_bc = [], [], [], []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for r in range(rounds):
            t, rss = timed([sys.executable, str(NOTEBOOK), str(data)], env)
            nb.append(t)
            rss_nb.append(rss)
            t_imp, t_ana, r_imp, r_ana = run_brandcouch(data, tmp, env)
            bc.append(t_imp + t_ana)
            rss_bc.append(max(r_imp, r_ana))
            print(
                f"round {r + 1}: notebook {t:6.2f} s | brandcouch {t_imp + t_ana:6.2f} s "
                f"(import {t_imp:.2f} + analyze {t_ana:.2f})",
                flush=True,
            )
    m_nb, m_bc = statistics.median(nb), statistics.median(bc)
    print(f"median notebook:   {m_nb:7.2f} s  peak RSS {max(rss_nb):6.0f} MB")
    print(f"median brandcouch: {m_bc:7.2f} s  peak RSS {max(rss_bc):6.0f} MB")
    print(f"ratio brandcouch / notebook: {m_bc / m_nb:.2f}")
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def incremental(data: Path) -> None:
    """Full import + analyze, then import 1% new messages into the same store and analyze."""
    env = _env()
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        with open(data, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        n_new = max(1, len(body) // 100)
        base, extra = tmp / "base.csv", tmp / "extra.csv"
        for path, part in ((base, body[:-n_new]), (extra, body[-n_new:])):
            with open(path, "w", encoding="utf-8", newline="") as f:
                w = csv.writer(f)
                w.writerow(header)
                w.writerows(part)
        db, out = tmp / "inc.duckdb", tmp / "out.json"
        t_imp, _ = timed(brandcouch("import", str(base), "--db", str(db)), env)
        t_ana, _ = timed(brandcouch("analyze", "--db", str(db), "--json", str(out)), env)
        i_imp, _ = timed(brandcouch("import", str(extra), "--db", str(db)), env)
        i_ana, _ = timed(brandcouch("analyze", "--db", str(db), "--json", str(out)), env)
    full, inc = t_imp + t_ana, i_imp + i_ana
    print(
        f"full ({len(body) - n_new:,} rows): import {t_imp:.2f} + analyze {t_ana:.2f} = {full:.2f} s"
    )
    print(f"+1% ({n_new:,} rows): import {i_imp:.2f} + analyze {i_ana:.2f} = {inc:.2f} s")
    print(f"incremental / full: {inc / full:.1%}")


def profile(data: Path, src: Path | None = None) -> None:
    """In-process, one worker: seconds per phase (import, each signal, each section, JSON),
    wall and CPU (``time.process_time``: less sensitive to other processes on the machine).
    ``src``: another checkout's ``src`` (the "before" column, measured the same way)."""
    os.environ["BRANDCOUCH_PARALLEL_THRESHOLD"] = str(10**12)  # every signal in this process
    sys.path.insert(0, str(src or ROOT / "src"))
    import dataclasses

    from brandcouch import api
    from brandcouch.signals import SIGNALS

    per_signal: dict[str, float] = dict.fromkeys(SIGNALS, 0.0)
    per_signal_cpu: dict[str, float] = dict.fromkeys(SIGNALS, 0.0)
    for name, sig in list(SIGNALS.items()):

        def wrapped(texts, parents, _fn=sig.compute, _name=name):
            t0, c0 = time.perf_counter(), time.process_time()
            try:
                return _fn(texts, parents)
            finally:
                per_signal[_name] += time.perf_counter() - t0
                per_signal_cpu[_name] += time.process_time() - c0

        SIGNALS[name] = dataclasses.replace(sig, compute=wrapped)

    print(f"machine: {machine()}; brandcouch from {brandcouch_src()}")
    phases: list[tuple[str, float, float]] = []

    class phase:
        def __init__(self, name: str):
            self.name = name

        def __enter__(self):
            self.t, self.c = time.perf_counter(), time.process_time()

        def __exit__(self, *exc):
            wall, cpu = time.perf_counter() - self.t, time.process_time() - self.c
            phases.append((self.name, wall, cpu))

    with tempfile.TemporaryDirectory() as tmpdir:
        store = api.open_store(Path(tmpdir) / "p.duckdb", create=True)
        with phase("import (parse + insert)"):
            api.import_paths(store, [data])
        with phase("signals (total, 1 process)"):
            info = api.run_signals(store)
        _, sig_wall, sig_cpu = phases[-1]
        for name, secs in sorted(per_signal.items(), key=lambda kv: -kv[1]):
            phases.append((f"  signal {name}", secs, per_signal_cpu[name]))
        phases.append(
            (
                "  signals: other (cache, store)",
                sig_wall - sum(per_signal.values()),
                sig_cpu - sum(per_signal_cpu.values()),
            )
        )
        for section in api.FULL_SECTIONS:
            with phase(f"analyse section {section} (alone)"):
                api.analyse_sections(store, [section], signals=False)
        with phase("analyse (all sections)"):
            result = api.analyse(store, signals=False)
        with phase("JSON report"):
            api.build_report(result, json=Path(tmpdir) / "out.json")
        store.close()
    print(f"distinct texts: {info.get('texts', '?'):,}; pairs: {info.get('pairs', '?'):,}")
    print(f"{'phase':<44} {'wall':>8}   {'CPU':>8}")
    for name, wall, cpu in phases:
        print(f"{name:<44} {wall:8.2f} s {cpu:8.2f} s")
    print(f"load after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def brandcouch_src() -> str:
    import brandcouch

    return str(Path(brandcouch.__file__).parents[1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, default=40, help="copies of the sample (40: 212k rows)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="per-phase seconds, in-process")
    ap.add_argument("--incremental", action="store_true", help="time a +1%% re-analysis")
    ap.add_argument("--keep-file", action="store_true", help="keep the scaled file in the cache")
    ap.add_argument("--src", type=Path, help="--profile another checkout's src (before/after)")
    args = ap.parse_args()
    if not (SAMPLE.exists() and SCALE.exists() and NOTEBOOK.exists()):
        raise SystemExit("this benchmark needs ../shared (data/twcs and bench/)")
    data = scaled_file(args.copies)
    try:
        if args.profile:
            profile(data, args.src)
        elif args.incremental:
            incremental(data)
        else:
            compare(data, args.rounds)
    finally:
        if not args.keep_file and args.copies > 40:
            shutil.rmtree(CACHE / f"twcs_x{args.copies}.csv", ignore_errors=True)
            (CACHE / f"twcs_x{args.copies}.csv").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
