"""CPU seconds per signal on the parity texts (issue 15): compare two source trees fairly.

Runs every registered signal in this process (no pool) over the golden's inputs (the TWCS head
with parents and the VADER snippets, ``scripts/make_signal_golden.py``), ``--repeat`` times,
and prints the best CPU time (``time.process_time``, less sensitive to the shared machine's
load than wall time) per signal and in total. Point ``--src`` at another checkout's ``src`` to
get the "before" column on the same machine at the same moment.

    python bench/profile_signals.py                      # this checkout
    python bench/profile_signals.py --src /work/main/src # another one
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default=str(ROOT / "src"))
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--copies", type=int, default=1, help="repeat the inputs (distinct texts)")
    args = ap.parse_args()
    sys.path.insert(0, args.src)
    os.environ["BRANDCOUCH_PARALLEL_THRESHOLD"] = str(10**12)
    spec = importlib.util.spec_from_file_location(
        "golden", ROOT / "scripts" / "make_signal_golden.py"
    )
    golden = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(golden)
    texts, parents = golden.load_inputs()
    if args.copies > 1:  # fresh texts (a suffix) so the per-text caches do not help
        texts = [f"{t} #{c}" for c in range(args.copies) for t in texts]
        parents = [p for _ in range(args.copies) for p in parents]

    from brandcouch.signals import SIGNALS, batchcache, score_texts

    print(f"src: {args.src}; {len(texts):,} texts; load {os.getloadavg()[0]:.2f}")
    score_texts(texts[:50], parents=parents[:50], parallel=False)  # load the models
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        from brandcouch.signals import textutil

        textutil.clean.cache_clear()
        for name, sig in SIGNALS.items():
            args_p = parents if sig.needs_parent else None
            t = time.process_time()
            sig.compute(texts, args_p)
            secs = time.process_time() - t
            best[name] = min(best.get(name, secs), secs)
        batchcache.clear()
    total = 0.0
    for name, secs in sorted(best.items(), key=lambda kv: -kv[1]):
        total += secs
        print(f"{name:<20} {secs:7.3f} s")
    print(f"{'total':<20} {total:7.3f} s")


if __name__ == "__main__":
    main()
