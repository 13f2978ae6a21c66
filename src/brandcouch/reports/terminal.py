"""The terminal summary: the league of brands with the four elements and relationship health,
then each leading brand's diagnosis in one line."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from brandcouch.errors import CLIP, clip
from brandcouch.reports.format import minutes, pct

#: a brand's one-paragraph summary is prose of ours around data: room for the prose
SUMMARY = 1000

ELEMENTS = (("empathy", "empathy"), ("value", "value"), ("transparency", "trust"),
            ("mutuality", "mutual"))  # fmt: skip


def plain(value: object, limit: int = CLIP) -> str:
    """Data (a name, a handle, a file name, a quote, an error) made safe to print with Rich:
    clipped to one line of ``limit`` characters (see :func:`brandcouch.errors.clip`) and
    markup-escaped, so ``[/dim]`` in a file name prints as ``[/dim]``. Print it on a console
    made by :func:`data_console` (no highlighting, no emoji codes)."""
    return escape(clip(value, limit))


def literal(value: object, limit: int = CLIP, style: str = "") -> Text:
    """Data as a Rich ``Text``, for what Rich would otherwise parse itself (a panel title, a
    status line): clipped like :func:`plain`, never read as markup or ``:emoji:`` codes."""
    return Text(clip(value, limit), style=style)


def data_console(**kwargs) -> Console:
    """A Console for output that carries data: Rich's highlighter is off (its regexes take
    minutes on one long token) and ``:emoji:`` codes stay text."""
    return Console(highlight=False, emoji=False, **kwargs)


def _score(section: dict | None) -> str:
    """A 0-100 score coloured by band; "n/a" (not enough data) in grey."""
    if not section or section.get("score") is None:
        return "[dim]n/a[/dim]"
    s = section["score"]
    colour = "green" if s >= 70 else "yellow" if s >= 45 else "red"
    partial = "*" if section.get("status") == "partial" else ""
    return f"[{colour}]{s:.0f}{partial}[/{colour}]"


def summary_table(result: dict, limit: int = 25) -> Table:
    t = Table(
        title="brandcouch — how healthy is each brand's relationship with its audience (0-100)",
        title_justify="left",
        caption="* partial: an element lacks data (see the JSON)   n/a: not enough data",
        caption_justify="left",
    )
    t.add_column("brand", style="bold", overflow="fold", min_width=12, ratio=1)
    t.add_column("health", justify="right", no_wrap=True)
    for _, label in ELEMENTS:
        t.add_column(label, justify="right", no_wrap=True)
    for col in ("inbound", "answered", "median reply"):
        t.add_column(col, justify="right", no_wrap=True)
    for b in result["brands"][:limit]:
        m, el = b["metrics"], b.get("elements") or {}
        t.add_row(
            plain(b["name"]),
            _score(b.get("health")),
            *(_score(el.get(key)) for key, _ in ELEMENTS),
            f"{m['inbound']:,}",
            pct(m["reply_rate_all"]),
            minutes(m["first_response_minutes_median"]),
        )
    return t


def print_summary(result: dict, console: Console | None = None, limit: int = 25) -> None:
    console = console or data_console()
    console.print(summary_table(result, limit))
    n = len(result["brands"])
    if n > limit:
        console.print(f"[dim]… and {n - limit} more brands (see the JSON or HTML report)[/dim]")
    for b in result["brands"][: min(limit, 5)]:
        summary = (b.get("session") or {}).get("summary")
        if summary:
            console.print(f"\n[bold]{plain(b['name'])}[/bold]: {plain(summary, SUMMARY)}")
