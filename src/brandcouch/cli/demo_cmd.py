"""``brandcouch demo``: generate the demo corpus into a fresh store, analyse it, write reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brandcouch import api
from brandcouch.cli.analyze_cmd import analyse_with_progress
from brandcouch.cli.app import app, console, run
from brandcouch.reports.terminal import print_summary


@app.command("demo")
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the reports.")] = Path(
        "brandcouch-demo"
    ),
    db: Annotated[
        Path | None, typer.Option("--db", help="Store to create (default OUT/demo.duckdb).")
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Generator seed.")] = 2026,
) -> None:
    """Generate the bundled demo corpus, analyse it end to end, and write the reports."""

    def body():
        path = db or out / "demo.duckdb"
        for stale in (path, Path(f"{path}.wal")):
            stale.unlink(missing_ok=True)  # a fresh store every time
        with api.open_store(path) as store:
            with console.status("generating the demo corpus…"):
                report = api.generate_demo(store, seed=seed)
            console.print(
                f"demo corpus: {report.imported:,} messages for {', '.join(report.brands)}"
            )
            result = analyse_with_progress(store)
        print_summary(result, console)
        paths = api.build_report(result, html=out / "report.html", json=out / "report.json")
        console.print(f"store: {path}")
        for kind, p in paths.items():
            console.print(f"{kind} report: {p.resolve()}")

    run(body)
