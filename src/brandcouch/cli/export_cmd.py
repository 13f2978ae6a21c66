"""``brandcouch export parquet``: the store as Parquet files for Spark (docs/scale.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brandcouch.cli.app import DbOpt, app, console, plain, run

export_app = typer.Typer(help="Export the store for other engines.", no_args_is_help=True)
app.add_typer(export_app, name="export")


@export_app.command("parquet")
def parquet(
    out: Annotated[Path, typer.Argument(help="Directory for the Parquet files.")],
    db: DbOpt = Path("brandcouch.duckdb"),
) -> None:
    """Write the store's tables as Parquet (one file per table) and a manifest.json."""

    def body():
        from brandcouch.spark.export import export_parquet

        manifest = export_parquet(db, out)
        rows = ", ".join(f"{t} {n:,}" for t, n in manifest["tables"].items())
        console.print(f"wrote {plain(out)}: {plain(rows)}")

    run(body)
