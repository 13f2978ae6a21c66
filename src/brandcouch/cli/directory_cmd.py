"""``brandcouch directory``: the consumer directory — who answers, where, how fast."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated

import typer

from brandcouch import api
from brandcouch.cli.analyze_cmd import analyse_with_progress
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, open_reader, plain, run
from brandcouch.reports.terminal import SUMMARY
from brandcouch.settings import load_config


@app.command("directory")
def directory(
    db: DbOpt = Path("brandcouch.duckdb"),
    json: Annotated[
        Path | None, typer.Option("--json", help="Write the directory as JSON here.")
    ] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """For consumers: per brand and channel, how the brand answers the people who ask it."""

    def body():
        cfg = load_config(config)
        with open_reader(db, cfg) as store:
            result = analyse_with_progress(store, cfg)
        entries = api.directory(result)
        for e in entries:
            console.print(f"[bold]{plain(e['brand'])}[/bold]")
            console.print(f"  {plain(e['summary'], SUMMARY)}")
        if json:
            json.parent.mkdir(parents=True, exist_ok=True)
            json.write_text(jsonlib.dumps(entries, indent=2, ensure_ascii=False), "utf-8")
            console.print(f"json: {plain(json)}")

    run(body)
