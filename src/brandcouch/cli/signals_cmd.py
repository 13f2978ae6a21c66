"""``brandcouch signals``: score the texts of any CSV, without a store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brandcouch import api
from brandcouch.cli.app import app, console, plain, run


@app.command("signals")
def signals(
    input: Annotated[Path, typer.Argument(help="A CSV with a text column.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the scored CSV.")],
    text_column: Annotated[
        str, typer.Option("--text-column", help="Column with the text.")
    ] = "text",
    parent_column: Annotated[
        str | None,
        typer.Option("--parent-column", help="Column with the text replied to (adds relevance)."),
    ] = None,
) -> None:
    """Add one column per text signal (sentiment, question, complaint, ...) to a CSV."""

    def body():
        with console.status("scoring…"):
            n = api.score_csv(input, out, text_column=text_column, parent_column=parent_column)
        console.print(f"scored {n:,} rows → {plain(out)}")

    run(body)
