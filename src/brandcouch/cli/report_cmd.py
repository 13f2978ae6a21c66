"""``brandcouch report``: analyse the store and write the HTML, Markdown, CSV and PDF reports.

Every format opens with the executive summary; ``--brand NAME`` (repeatable) scopes the report
to those brands; ``--appendix`` adds the details (formulas, evidence, flags) to the PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brandcouch import api
from brandcouch.cli.analyze_cmd import (
    CompareOpt,
    SinceOpt,
    UntilOpt,
    analyse_with_progress,
    period,
)
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, open_reader, plain, run
from brandcouch.errors import ConfigError
from brandcouch.reports import scope
from brandcouch.settings import load_config

#: what ``--pdf`` without a file name stands for: ``OUT/report.pdf`` (needs ``--out``)
PDF_IN_OUT = "{out}/report.pdf"


def bare_pdf(args: list[str]) -> list[str]:
    """``report ... --pdf`` with no file name after it (the end, or another option next) gets
    :data:`PDF_IN_OUT`, which ``--out DIR`` turns into ``DIR/report.pdf`` (Typer has no
    option with an optional value)."""
    if not args or args[0] != "report":
        return args
    out = list(args)
    for i in range(len(out) - 1, 0, -1):
        if out[i] == "--pdf" and (i + 1 == len(out) or out[i + 1].startswith("--")):
            out.insert(i + 1, PDF_IN_OUT)
    return out


@app.command("report")
def report(
    db: DbOpt = Path("brandcouch.duckdb"),
    html: Annotated[
        Path | None, typer.Option("--html", help="Self-contained HTML report (works offline).")
    ] = None,
    md: Annotated[Path | None, typer.Option("--md", help="Every table as Markdown.")] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Folder for one CSV per table.")] = None,
    pdf: Annotated[
        Path | None,
        typer.Option(
            "--pdf",
            help="PDF of the executive summary (needs Chromium); with --out and no file, "
            "OUT/report.pdf.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="Folder for every report: report.html, report.md, report.json and csv/ "
            "(add --pdf for report.pdf).",
        ),
    ] = None,
    json: Annotated[Path | None, typer.Option("--json", help="The JSON result too.")] = None,
    brand: Annotated[
        list[str] | None,
        typer.Option(
            "--brand", help="Only this brand (repeatable; names match case-insensitively)."
        ),
    ] = None,
    appendix: Annotated[
        bool,
        typer.Option(
            "--appendix", help="The PDF includes the appendix (details, formulas, evidence)."
        ),
    ] = False,
    config: ConfigOpt = Path("brandcouch.toml"),
    since: SinceOpt = None,
    until: UntilOpt = None,
    compare: CompareOpt = None,
) -> None:
    """Write the reports a manager opens and sends: HTML, Markdown, CSV, PDF, each opening
    with an executive summary (with --since/--until/--compare: of that period, with every
    KPI's change)."""

    def body():
        nonlocal html, md, csv, pdf, json
        if pdf is not None and str(pdf) == PDF_IN_OUT:
            if out is None:
                raise ConfigError("--pdf needs a file name (or --out DIR: OUT/report.pdf)")
            pdf = out / "report.pdf"
        if out is not None:
            if out.exists() and not out.is_dir():
                raise ConfigError(f"--out {out}: not a folder")
            out.mkdir(parents=True, exist_ok=True)
            html, md = html or out / "report.html", md or out / "report.md"
            json, csv = json or out / "report.json", csv or out / "csv"
        if not any((html, md, csv, pdf, json)):
            raise ConfigError(
                "say what to write: --out DIR, --html FILE, --md FILE, --csv DIR or --pdf FILE"
            )
        window = period(since, until, compare)
        cfg = load_config(config)
        with open_reader(db, cfg) as store:
            if brand:  # an unknown name fails before the analysis, naming the known brands
                scope.resolve(brand, api._brand_names(store, cfg))
            result = analyse_with_progress(store, cfg, **window)
            if brand:
                result = scope.scope(result, brand)
            if html or pdf:  # the conversation excerpts behind each score
                result = api.with_evidence_threads(store, result)
        written = api.write_reports(result, html=html, json=json, markdown=md, csv_dir=csv)
        if pdf:
            from brandcouch.reports.pdf import write_pdf

            written["pdf"] = write_pdf(result, pdf, appendix=appendix)
        for kind, path in written.items():
            if isinstance(path, list):
                where = path[0].parent if path else csv
                console.print(f"{kind}: {len(path)} files in {plain(where)}")
            else:
                console.print(f"{kind} report: {plain(path)}")

    run(body)
