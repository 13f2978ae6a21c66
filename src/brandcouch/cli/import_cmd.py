"""``brandcouch import`` and ``brandcouch brands``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from brandcouch import api
from brandcouch.cli.analyze_cmd import score_with_progress
from brandcouch.cli.app import ConfigOpt, CreateDbOpt, DbOpt, app, console, literal, plain, run
from brandcouch.errors import ConfigError
from brandcouch.settings import load_config


def _mapping(pairs: list[str]) -> dict[str, str]:
    out = {}
    for p in pairs:
        if "=" not in p:
            raise ConfigError(f"--map {p!r}: expected FIELD=COLUMN, e.g. text=body")
        field, col = p.split("=", 1)
        out[field.strip()] = col.strip()
    return out


def print_reports(reports) -> None:
    t = Table(title="import report", title_justify="left")
    # short headers so that every column fits 80 columns and a pipe (the file name folds)
    for col in ("file", "format", "read", "new", "dupes", "updated", "skipped"):
        if col == "file":
            t.add_column(col, overflow="fold", min_width=12)
        else:
            t.add_column(col, justify="left" if col == "format" else "right", no_wrap=True)
    for r in reports:
        t.add_row(
            plain(r.file), plain(r.format), f"{r.records_read:,}", f"{r.imported:,}",
            f"{r.duplicates:,}", f"{r.updated:,}",
            f"{len(r.skipped):,}" if r.status != "skipped" else "whole file",
        )  # fmt: skip
    console.print(t)
    for r in reports:
        file = plain(r.file)
        if r.status == "skipped":
            console.print(f"[dim]skipped {file}: {plain(r.error)}[/dim]")
        for rec, why in r.skipped[:20]:
            console.print(f"[dim]  {file}: skipped {plain(rec)}: {plain(why)}[/dim]")
        if len(r.skipped) > 20:
            console.print(f"[dim]  … {len(r.skipped) - 20:,} more skipped in {file}[/dim]")
        if getattr(r, "ignored", None):
            parts = ", ".join(f"{n:,} {plain(what)}" for what, n in sorted(r.ignored.items()))
            console.print(f"[dim]  {file}: ignored (not messages): {parts}[/dim]")


@app.command("import")
def import_(
    paths: Annotated[list[Path], typer.Argument(help="Export files, folders or .zip archives.")],
    db: CreateDbOpt = Path("brandcouch.duckdb"),
    format: Annotated[
        str | None, typer.Option("--format", help="Force a format (see `brandcouch formats`).")
    ] = None,
    skip_bad: Annotated[
        bool, typer.Option("--skip-bad", help="Import good records, list the bad ones.")
    ] = False,
    brand: Annotated[
        list[str] | None,
        typer.Option("--brand", help='A brand and its accounts: "Acme=twitter:acmehelp,...".'),
    ] = None,
    map_: Annotated[
        list[str] | None,
        typer.Option("--map", help="Generic CSV/JSONL column mapping FIELD=COLUMN (repeatable)."),
    ] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Import exports into the store (each file is one transaction; re-imports add nothing),
    then score the text signals of what was added."""

    def body():
        cfg = load_config(config)
        with api.open_store(db, create=True, config=cfg) as store:
            if store.created:
                console.print(f"created a new store at {plain(db)}")
            api.load_brand_config(store, cfg)
            if brand:
                api.add_brands(store, brand)
            with console.status("importing…") as status:
                reports = api.import_paths(
                    store, paths, format=format, skip_bad=skip_bad,
                    mapping=_mapping(map_ or []), config=cfg, progress=lambda f: status.update(literal(f"importing {f}")),
                )  # fmt: skip
            print_reports(reports)
            # the writer scores what it added (and anything an older version left unscored):
            # a store is always complete, and readers (analyze, session, the dashboard, ...)
            # never need to write
            score_with_progress(store, cfg)
            c = store.counts()
            console.print(
                f"store {plain(db)}: {c['messages']:,} messages, {c['accounts']:,} accounts, "
                f"{c['brands']:,} brands"
            )

    run(body)


@app.command("formats")
def formats() -> None:
    """List the source formats brandcouch reads."""
    t = Table(title="formats", title_justify="left")
    t.add_column("name")
    t.add_column("platform")
    t.add_column("what")
    for f in api.formats():
        t.add_row(plain(f["name"]), plain(f["platform"]), plain(f["description"], 1000))
    console.print(t)


@app.command("brands")
def brands(
    db: DbOpt = Path("brandcouch.duckdb"),
    add: Annotated[
        list[str] | None, typer.Option("--add", help='"Acme=twitter:acmehelp,mastodon:acme@x"')
    ] = None,
) -> None:
    """List the brands in the store (and add some with --add)."""

    def body():
        with api.open_store(db, read_only=not add) as store:  # a reader, without --add
            if add:
                api.add_brands(store, add)
            df = store.df(
                "SELECT b.name, b.source, string_agg(ba.platform || ':' || ba.ref, ', ') AS accounts "
                "FROM brands b LEFT JOIN brand_accounts ba ON ba.brand = b.name "
                "GROUP BY ALL ORDER BY b.name"
            )
            t = Table(title="brands", title_justify="left")
            for col in df.columns:
                t.add_column(col)
            for row in df.itertuples(index=False):
                t.add_row(*(plain(v, 1000) for v in row))
            console.print(t)

    run(body)
