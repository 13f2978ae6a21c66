"""``brandcouch compare``: the league table, brands side by side with ranks and percentiles."""

from __future__ import annotations

import json as jsonlib
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from brandcouch import api
from brandcouch.cli.analyze_cmd import analyse_with_progress
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, open_reader, plain, run
from brandcouch.reports.csv_export import write_records
from brandcouch.reports.format import minutes, pct
from brandcouch.settings import get, load_config

LIMIT = 40


def league_table(bench: dict, limit: int = LIMIT) -> Table:
    t = Table(
        title=f"brandcouch compare — questions answered (ranked: >= {bench['min_inbound']} "
        "inbound; percentiles in --json/--csv)",
        title_justify="left",
    )
    t.add_column("#", justify="right")
    t.add_column("brand", style="bold", no_wrap=True)
    for col in ("inbound", "questions", "ignored", "ans.%", "q.median", "reply%", "quality"):
        t.add_column(col, justify="right", no_wrap=True)
    for row in bench["brands"][:limit]:
        v = row["values"]
        q = v.get("questions")
        t.add_row(
            str(row["league_rank"]) if row["ranked"] else "—",
            plain(row["brand"]),
            f"{v.get('inbound') or 0:,}",
            "n/a" if q is None else f"{v['questions_answered']:,}/{q:,}",
            "n/a" if q is None else f"{v['questions_ignored']:,}",
            pct(v.get("questions_answered_rate")),
            minutes(v.get("questions_median_minutes")),
            pct(v.get("reply_rate_all")),
            pct(v.get("quality_share")),
        )
    return t


def csv_rows(bench: dict) -> list[dict]:
    """One flat row per brand: value, rank and percentile of every metric."""
    keys = [m["key"] for m in bench["metrics"]]
    rows = []
    for row in bench["brands"]:
        flat = {"brand": row["brand"], "ranked": row["ranked"], "league_rank": row["league_rank"]}
        flat.update(row["values"])
        for k in keys:
            flat[f"{k}_rank"] = row["ranks"].get(k)
            flat[f"{k}_percentile"] = row["percentiles"].get(k)
        rows.append(flat)
    return rows


def write_csv(bench: dict, path: Path) -> None:
    write_records(path, csv_rows(bench))  # formula cells neutralised (docs/output.md)


@app.command("compare")
def compare(
    db: DbOpt = Path("brandcouch.duckdb"),
    json: Annotated[
        Path | None, typer.Option("--json", help="Write the benchmark as JSON here.")
    ] = None,
    csv_path: Annotated[
        Path | None, typer.Option("--csv", help="Write one row per brand as CSV here.")
    ] = None,
    min_inbound: Annotated[
        int | None,
        typer.Option("--min-inbound", help="Rank only brands with this many inbound messages."),
    ] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Brands side by side: questions answered versus ignored, response time, audience quality
    and the four elements, with ranks and percentiles."""

    def body():
        cfg = load_config(config)
        with open_reader(db, cfg) as store:
            result = analyse_with_progress(store, cfg)
        bench = api.compare(result, min_inbound=get("min_inbound", min_inbound, cfg))
        console.print(league_table(bench))
        console.print(
            "[dim]questions: answered/asked (inbound messages that ask; the directory's count)"
            " · q.median: median first reply to an answered question · reply%: inbound replied"
            " to · quality: quality members of the audience[/dim]"
        )
        if len(bench["brands"]) > LIMIT:
            console.print(f"[dim]… and {len(bench['brands']) - LIMIT} more (see --json)[/dim]")
        if json:
            json.parent.mkdir(parents=True, exist_ok=True)
            json.write_text(jsonlib.dumps(bench, indent=2, ensure_ascii=False), "utf-8")
            console.print(f"json: {plain(json)}")
        if csv_path:
            write_csv(bench, csv_path)
            console.print(f"csv: {plain(csv_path)}")

    run(body)
