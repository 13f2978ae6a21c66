"""``brandcouch conversations``: per conversation and per customer turn, answered or not
(docs/output.md, "Conversations")."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from brandcouch import api
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, literal, open_reader, plain, run
from brandcouch.model.vocabulary import format_duration
from brandcouch.reports.conversation_export import summary_frame, write_json, write_table_csv
from brandcouch.settings import load_config

_HEADERS = (
    ("brand", "brand"),
    ("conversations", "conversations"),
    ("customer_turns", "turns"),
    ("needs_reply_turns", "need a reply"),
    ("answered_turns", "answered"),
    ("unanswered_turns", "unanswered"),
    ("outside_data_turns", "outside the data"),
    ("median_first_response_minutes", "median first response"),
)


def _minutes(v) -> str:
    return "–" if v is None or v != v else format_duration(v)  # the one duration format


def print_summary(summary) -> None:
    if summary.empty:
        console.print("no customer turns for these brands")
        return
    t = Table(show_header=True, header_style="bold", box=None, padding=(0, 1))
    for key, label in _HEADERS:
        t.add_column(label, justify="left" if key == "brand" else "right")
    for row in summary.itertuples(index=False):
        d = row._asdict()
        t.add_row(
            literal(d["brand"]),
            *(f"{d[k]:,}" for k, _ in _HEADERS[1:-1]),
            _minutes(d["median_first_response_minutes"]),
        )
    console.print(t)
    console.print(
        "[dim]answered / unanswered / outside the data count the turns that need a reply[/dim]"
    )


@app.command("conversations")
def conversations(
    db: DbOpt = Path("brandcouch.duckdb"),
    brand: Annotated[
        list[str] | None,
        typer.Option("--brand", help="Only this brand (repeatable; default: every brand)."),
    ] = None,
    csv: Annotated[
        Path | None,
        typer.Option("--csv", help="Write one row per (brand, conversation) to this CSV."),
    ] = None,
    turns: Annotated[
        Path | None, typer.Option("--turns", help="Write one row per customer turn to this CSV.")
    ] = None,
    json: Annotated[
        Path | None,
        typer.Option("--json", help='Write {"conversations": [...], "turns": [...]} as JSON.'),
    ] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Conversations, not messages: each customer turn answered, unanswered or answered
    outside the data, per conversation and per turn (without a file option, a summary per
    brand)."""

    def body():
        cfg = load_config(config)
        with open_reader(db, cfg) as store, console.status("reading conversations…"):
            conv, turn_rows = api.conversations(store, brand or None, cfg)
        written = []
        if csv:
            written.append(write_table_csv(csv, conv))
        if turns:
            written.append(write_table_csv(turns, turn_rows))
        if json:
            written.append(write_json(json, conv, turn_rows))
        if not written:
            print_summary(summary_frame(conv, turn_rows))
            return
        console.print(
            f"{len(conv):,} conversations, {len(turn_rows):,} customer turns → "
            + ", ".join(plain(p) for p in written)
        )

    run(body)
