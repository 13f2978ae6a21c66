"""The terminal summary: one Rich table of brands, then channels of the leading brands."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from brandcouch.reports.format import minutes, pct, signed


def summary_table(result: dict, limit: int = 25) -> Table:
    t = Table(title="brandcouch — how brands treat their audience", title_justify="left")
    t.add_column("brand", style="bold", overflow="fold", min_width=14, ratio=2)
    t.add_column("channels", justify="right")
    for col in ("inbound", "answered", "median reply", "mean reply", "mood", "posts"):
        t.add_column(col, justify="right", no_wrap=True)
    for b in result["brands"][:limit]:
        m = b["metrics"]
        t.add_row(
            b["name"],
            str(len(b["channels"])),
            f"{m['inbound']:,}",
            pct(m["reply_rate_all"]),
            minutes(m["first_response_minutes_median"]),
            minutes(m["first_response_minutes_mean"]),
            signed(m["inbound_sentiment_mean"]),
            f"{m['brand_posts']:,}",
        )
    return t


def print_summary(result: dict, console: Console | None = None, limit: int = 25) -> None:
    console = console or Console()
    console.print(summary_table(result, limit))
    n = len(result["brands"])
    if n > limit:
        console.print(f"[dim]… and {n - limit} more brands (see the JSON or HTML report)[/dim]")
