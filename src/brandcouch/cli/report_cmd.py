"""``brandcouch report``: analyse the store and write the HTML, Markdown, CSV and PDF reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brandcouch import api
from brandcouch.cli.analyze_cmd import analyse_with_progress
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, open_reader, plain, run
from brandcouch.errors import ConfigError
from brandcouch.settings import load_config


@app.command("report")
def report(
    db: DbOpt = Path("brandcouch.duckdb"),
    html: Annotated[
        Path | None, typer.Option("--html", help="Self-contained HTML report (works offline).")
    ] = None,
    md: Annotated[Path | None, typer.Option("--md", help="Every table as Markdown.")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Folder for one CSV per table.")] = None,
    pdf: Annotated[
        Path | None, typer.Option("--pdf", help="PDF of the HTML report (needs Chromium).")
    ] = None,
    json: Annotated[Path | None, typer.Option("--json", help="The JSON result too.")] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Write the reports a manager opens and sends: HTML, Markdown, CSV, PDF."""

    def body():
        if not any((html, md, csv, pdf, json)):
            raise ConfigError("say what to write: --html FILE, --md FILE, --csv DIR or --pdf FILE")
        cfg = load_config(config)
        with open_reader(db, cfg) as store:
            result = analyse_with_progress(store, cfg)
            if html or pdf:  # the conversation excerpts behind each score
                result = api.with_evidence_threads(store, result)
        written = api.write_reports(result, html=html, json=json, markdown=md, csv_dir=csv, pdf=pdf)
        for kind, path in written.items():
            if isinstance(path, list):
                where = path[0].parent if path else csv
                console.print(f"{kind}: {len(path)} files in {plain(where)}")
            else:
                console.print(f"{kind} report: {plain(path)}")

    run(body)
