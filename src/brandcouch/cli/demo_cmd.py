"""``brandcouch demo``: generate the demo corpus into a fresh store, analyse it, write reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brandcouch import api
from brandcouch.cli.analyze_cmd import analyse_with_progress, score_with_progress
from brandcouch.cli.app import app, console, plain, run
from brandcouch.reports.terminal import print_summary


@app.command("demo")
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the reports.")] = Path(
        "brandcouch-demo"
    ),
    db: Annotated[
        Path | None,
        typer.Option(
            "--db",
            help="Store to create, replacing a brandcouch store there (default OUT/demo.duckdb).",
        ),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Generator seed.")] = 2026,
) -> None:
    """Generate the bundled demo corpus, analyse it end to end, and write the reports."""

    def body():
        path = db or out / "demo.duckdb"
        if path.exists():  # a fresh store every time, but only ever in place of a store
            api.open_store(path, read_only=True).close()  # refuses a file that is not one
        for stale in (path, Path(f"{path}.wal")):
            stale.unlink(missing_ok=True)
        with api.open_store(path, create=True) as store:
            console.print(f"created a new store at {plain(path)}")
            with console.status("generating the demo corpus…"):
                report = api.generate_demo(store, seed=seed)
            console.print(
                f"demo corpus: {report.imported:,} messages for {plain(', '.join(report.brands))}"
            )
            score_with_progress(store)  # the writer scores what it added
            result = api.with_evidence_threads(store, analyse_with_progress(store))
        print_summary(result, console)
        paths = api.build_report(result, html=out / "report.html", json=out / "report.json")
        console.print(f"store: {plain(path)}")
        for kind, p in paths.items():
            console.print(f"{kind} report: {plain(p.resolve())}")

    run(body)
