"""``brandcouch audience``: members with their tie strength and segment."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from brandcouch import api
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, open_reader, plain, run
from brandcouch.errors import ConfigError
from brandcouch.reports.csv_export import write_frame
from brandcouch.settings import load_config

SEGMENTS = ("likely_bot", "spam", "critic_at_risk", "advocate", "regular", "one_off")
SHORT = {"likely_bot": "bots", "spam": "spam", "critic_at_risk": "critics",
         "advocate": "advocates", "regular": "regulars", "one_off": "one-off"}  # fmt: skip
SHOWN = 25


def members_table(df, limit: int = SHOWN) -> Table:
    t = Table(title="brandcouch audience — strongest ties first", title_justify="left")
    t.add_column("brand", no_wrap=True)
    t.add_column("member", no_wrap=True)
    t.add_column("channels", no_wrap=True, min_width=8, max_width=24, overflow="ellipsis")
    for col in ("msgs", "answered", "depth", "tie", "segment"):
        t.add_column(col, justify="right", no_wrap=True)
    for r in df.head(limit).itertuples(index=False):
        t.add_row(
            plain(r.brand),
            plain(r.handle if isinstance(r.handle, str) else r.account_id),
            plain(", ".join(r.platforms)),
            str(r.messages),
            str(r.answered),
            str(int(r.depth_max)),
            f"{r.tie_strength:.1f}",
            plain(r.segment),
        )
    return t


def segment_table(df) -> Table:
    t = Table(title="segments", title_justify="left")
    t.add_column("brand", no_wrap=True)
    for s in SEGMENTS:
        t.add_column(SHORT[s], justify="right", no_wrap=True)
    t.add_column("quality", justify="right", no_wrap=True)
    for brand, g in df.groupby("brand", sort=True):
        counts = g["segment"].value_counts()
        share = g["quality"].mean() if len(g) else 0.0
        t.add_row(
            plain(brand), *(str(int(counts.get(s, 0))) for s in SEGMENTS), f"{100 * share:.0f}%"
        )
    return t


@app.command("audience")
def audience(
    db: DbOpt = Path("brandcouch.duckdb"),
    brand: Annotated[str | None, typer.Option("--brand", help="Only this brand.")] = None,
    segment: Annotated[
        str | None, typer.Option("--segment", help=f"Only this segment: {', '.join(SEGMENTS)}.")
    ] = None,
    csv: Annotated[Path | None, typer.Option("--csv", help="Write every member here.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="Members shown in the terminal.")] = SHOWN,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Audience members with tie strength (0-100) and segment; the segment counts per brand."""

    def body():
        if segment is not None and segment not in SEGMENTS:
            raise ConfigError(f"unknown segment {segment!r}; choose one of {', '.join(SEGMENTS)}")
        cfg = load_config(config)
        with open_reader(db, cfg) as store:
            df = api.audience(store, brand, config=cfg)
        if brand is not None and df.empty:
            raise ConfigError(f"no audience for brand {brand!r} (check the name with analyze)")
        console.print(segment_table(df))
        shown = df if segment is None else df[df["segment"] == segment]
        shown = shown.sort_values(["tie_strength", "messages"], ascending=False, kind="stable")
        console.print(members_table(shown, limit))
        if csv:
            out = shown.copy()
            for col in ("accounts", "platforms"):
                out[col] = out[col].map(lambda xs: " ".join(xs))
            write_frame(csv, out)  # formula cells neutralised (docs/output.md)
            console.print(f"csv: {plain(csv)} ({len(out):,} members)")

    run(body)
