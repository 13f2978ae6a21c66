"""``brandcouch analyze``: the summary table, and the JSON / HTML reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from brandcouch import api
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, plain, run
from brandcouch.reports.terminal import print_summary
from brandcouch.settings import load_config


def analyse_with_progress(store, config=None) -> dict:
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("scoring texts", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return api.analyse(store, progress=tick, config=config)


@app.command("analyze")
def analyze(
    db: DbOpt = Path("brandcouch.duckdb"),
    json: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write the HTML report here.")] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Analyse the store: print the summary, optionally write JSON and HTML reports."""

    def body():
        cfg = load_config(config)
        with api.open_store(db, config=cfg) as store:
            api.load_brand_config(store, cfg)
            result = analyse_with_progress(store, cfg)
        print_summary(result, console)
        for kind, path in api.build_report(result, html=html, json=json).items():
            console.print(f"{kind} report: {plain(path)}")

    run(body)


app.command("analyse", hidden=True)(analyze)
