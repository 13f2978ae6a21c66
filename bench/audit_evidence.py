"""Print every finding's quoted evidence with its whole thread, for a hand audit (issue 13).

    .venv/bin/python bench/audit_evidence.py [--db STORE | --csv ../shared/data/twcs/twcs_head5000.csv]
        [--brand NAME ...] [--per-brand N]

For each brand (default: the 10 with the most inbound) and each session finding: the finding's
title and detail, then each quoted message in its conversation (every message of the thread,
oldest first, the quoted one marked ``>>``), so a reader can say whether the quote shows what
the finding claims. Nothing is judged here: the verdicts go in the closing note / RESULTS.
"""

from __future__ import annotations

import argparse
import tempfile
import textwrap
from pathlib import Path

from brandcouch import api

ROOT = Path(__file__).resolve().parents[1]

THREAD = """
SELECT id, author_id, created_at, replace(text, chr(10), ' ') AS text
FROM messages WHERE root_id = (SELECT root_id FROM messages WHERE id = ?)
ORDER BY created_at, id
"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path)
    ap.add_argument("--csv", type=Path, default=ROOT.parent / "shared/data/twcs/twcs_head5000.csv")
    ap.add_argument("--brand", action="append", default=[])
    ap.add_argument("--brands", type=int, default=10, help="how many brands when none is named")
    ap.add_argument("--per-brand", type=int, default=5, help="findings per brand")
    args = ap.parse_args(argv)
    if args.db:
        store = api.open_store(args.db)
    else:
        store = api.open_store(Path(tempfile.mkdtemp()) / "audit.duckdb", create=True)
        api.import_paths(store, [args.csv])
    result = api.analyse_sections(store, ["brands", "diagnosis"])
    brands = result["brands"]
    if args.brand:
        brands = [b for b in brands if b["name"] in set(args.brand)]
    else:
        brands = sorted(brands, key=lambda b: -(b["metrics"].get("inbound") or 0))[: args.brands]
    n = 0
    for b in brands:
        print(f"\n################ {b['name']}")
        for f in b["session"]["findings"][: args.per_brand]:
            n += 1
            print(f"\n[{n}] {f['title']} ({f['id']})\n    {f['detail']}")
            for ev in f.get("evidence") or []:
                print(f"  evidence {ev['message_id']}: {ev.get('reason', '')}")
                for row in store.df(THREAD, [ev["message_id"]]).itertuples():
                    mark = ">>" if row.id == ev["message_id"] else "  "
                    line = f"{mark} {row.author_id.split(':')[-1]:>14} {row.text}"
                    print(textwrap.shorten(line, 240))
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
