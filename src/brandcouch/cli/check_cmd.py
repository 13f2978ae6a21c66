"""``brandcouch check``: exit non-zero when a score falls under a threshold (for automation)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brandcouch import api
from brandcouch.cli.analyze_cmd import CompareOpt, SinceOpt, UntilOpt, period
from brandcouch.cli.app import (
    ERROR_LIMIT,
    ConfigOpt,
    DbOpt,
    app,
    console,
    err,
    open_reader,
    plain,
    run,
)
from brandcouch.settings import load_config


def parse_thresholds(text: str) -> dict[str, float]:
    """``"empathy=60,health=50"`` -> ``{"empathy": 60.0, "health": 50.0}``."""
    out: dict[str, float] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        key, sep, value = part.partition("=")
        if not sep:
            raise typer.BadParameter(f"{part!r} is not NAME=NUMBER (e.g. empathy=60)")
        try:
            out[key.strip().lower()] = float(value)
        except ValueError:
            raise typer.BadParameter(f"{value.strip()!r} in {part!r} is not a number") from None
    if not out:
        raise typer.BadParameter("give at least one NAME=NUMBER, e.g. empathy=60,health=50")
    return out


@app.command("check")
def check(
    fail_under: Annotated[
        str,
        typer.Option(
            "--fail-under",
            help="Thresholds, e.g. empathy=60,health=50 (empathy, value, transparency, "
            "mutuality, health; 0-100).",
        ),
    ],
    db: DbOpt = Path("brandcouch.duckdb"),
    brand: Annotated[str | None, typer.Option("--brand", help="Only this brand.")] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Treat 'not enough data' as a failure.")
    ] = False,
    config: ConfigOpt = Path("brandcouch.toml"),
    since: SinceOpt = None,
    until: UntilOpt = None,
    compare: CompareOpt = None,
) -> None:
    """Exit 0 when every brand meets the thresholds, 1 naming each shortfall and by how much.
    With --since/--until the scores of that period are checked; --compare adds a line per
    brand with the change of each score checked (the thresholds apply to the period only)."""
    thresholds = parse_thresholds(fail_under)

    def body():
        window = period(since, until, compare)
        cfg = load_config(config)
        with open_reader(db, cfg) as store:  # only the brand-level scores are computed
            return api.check_details(
                store, thresholds, strict=strict, brand=brand, config=cfg, **window
            )

    details = run(body)
    for line in details["passed"]:
        console.print(f"[green]ok[/green]    {plain(line, ERROR_LIMIT)}")
    for line in details["not_enough"]:
        if not strict:
            console.print(f"[yellow]skip[/yellow]  {plain(line, ERROR_LIMIT)}")
    for line in details.get("changes", []):
        console.print(f"[dim]change[/dim] {plain(line, ERROR_LIMIT)}")
    for line in details["shortfalls"]:
        err.print(f"[red]FAIL[/red]  {plain(line, ERROR_LIMIT)}", soft_wrap=True)
    if details["shortfalls"]:
        raise typer.Exit(1)
