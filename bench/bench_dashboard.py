"""Time the dashboard's pages on a store (default: the TWCS sample, imported and analysed).

    .venv/bin/python bench/bench_dashboard.py [--db STORE] [--repeat 5]

Without --db it builds /tmp/bench_dashboard.duckdb from ../shared/data/twcs/twcs_head5000.csv.
Prints the median and worst time per page (in-process ASGI requests, warm cache) and the
start-up analysis time. Not a test: numbers go to bench/RESULTS.md by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path
from urllib.parse import quote

import httpx

from brandcouch import api
from brandcouch.web import create_app

ROOT = Path(__file__).resolve().parents[1]
TWCS = ROOT.parent / "shared" / "data" / "twcs" / "twcs_head5000.csv"


def build_twcs(db: Path) -> Path:
    if db.exists():
        return db
    with api.open_store(db, create=True) as store:
        api.import_paths(store, [TWCS])
        api.run_signals(store)
    return db


def urls(result: dict, store) -> list[str]:
    b = result["brands"][0]
    name = quote(b["name"])
    mid = store.scalar("SELECT id FROM messages WHERE parent_id IS NOT NULL LIMIT 1")
    week = next((p["start"] for p in b.get("periods") or [] if p["period"] == "week"), "")
    return [
        "/", f"/brand?name={name}", f"/brand?name={name}&period=week&start={week}",
        f"/score?brand={name}&element=empathy", f"/score?brand={name}&element=health",
        f"/messages?brand={name}&answered=0", f"/thread?id={quote(mid)}", "/benchmark",
        "/directory", "/imports", "/api/brands", f"/api/brands/{name}", f"/api/threads/{mid}",
    ]  # fmt: skip


async def timed(app, url_list: list[str], repeat: int) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {u: [] for u in url_list}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
        for u in url_list:  # warm-up (first messages query builds the frame if needed)
            (await c.get(u)).raise_for_status()
        for _ in range(repeat):
            for u in url_list:
                t = time.perf_counter()
                (await c.get(u)).raise_for_status()
                out[u].append(1000 * (time.perf_counter() - t))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    db = args.db or build_twcs(Path("/tmp/bench_dashboard.duckdb"))
    t = time.perf_counter()
    app = create_app(db)
    print(f"start-up analysis: {time.perf_counter() - t:.2f} s on {db}")
    dash = app.state.dash
    times = asyncio.run(timed(app, urls(dash.result, dash.store), args.repeat))
    print(f"{'page':70s} {'median ms':>10s} {'max ms':>8s}")
    for u, ts in times.items():
        print(f"{u[:70]:70s} {statistics.median(ts):10.1f} {max(ts):8.1f}")


if __name__ == "__main__":
    main()
