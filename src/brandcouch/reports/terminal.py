"""The terminal summary: the league of brands with the four elements and relationship health,
then each leading brand's diagnosis in one line."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from brandcouch.errors import CLIP, clip
from brandcouch.model.result import Analysis, ElementScore
from brandcouch.model.vocabulary import (
    ELEMENTS,
    SHORT_LABELS,
    TERMINAL_COLOURS,
    format_duration,
    format_share,
    score_band,
)
from brandcouch.reports import view

#: a brand's one-paragraph summary is prose of ours around data: room for the prose
SUMMARY = 1000


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


def _score(section: ElementScore | None) -> str:
    """A 0-100 score coloured by its band (the one scale, vocabulary.SCORE_BANDS); "n/a" (not
    enough data) in grey."""
    band = score_band(section.score) if section else None
    if band is None:
        return "[dim]n/a[/dim]"
    colour = TERMINAL_COLOURS[band]
    partial = "*" if section.status == "partial" else ""
    return f"[{colour}]{section.score:.0f}{partial}[/{colour}]"


#: headers for a narrow console (under 110 columns, or a pipe, where Rich assumes 80)
_NARROW = {"health": "hlth", "empathy": "emp", "value": "val", "trust": "trust",
           "mutuality": "mut", "inbound": "in", "answered": "ans", "median reply": "median"}  # fmt: skip


#: a change's colour by what it means for the brand (green = better), as in every report
CHANGE_COLOURS = {"better": "green", "worse": "red", "same": "dim", "neutral": "dim"}


def _arrow(b, key: str, sep: str = " ") -> str:
    """`` ▼−12`` coloured by what it means for the brand; "" without a comparison."""
    d = b.delta(key)
    text = view.change_text(key, d)
    if not text:
        return ""
    colour = CHANGE_COLOURS.get(view.change_class(key, d), "dim")
    return f"{sep}[{colour}]{text}[/{colour}]"


def change_lines(result: Analysis | dict, limit: int = 25) -> list[str]:
    """One line per brand with a comparison: the KPIs' changes, then what changed and why."""
    result = Analysis.coerce(result)
    if result.comparison is None:
        return []
    lines = [f"[bold]Change[/bold] {plain(view.comparison_label(result))}"]
    for b in result.brands[:limit]:
        if b.change is None:
            continue
        parts = []
        for c in view.changes(b):
            if c["key"] in ELEMENTS:
                continue
            colour = CHANGE_COLOURS.get(c["cls"], "dim")
            text = c["text"] or "n/a"
            parts.append(f"{c['label']} [{colour}]{text}[/{colour}]")
        lines.append(f"[bold]{plain(b.name)}[/bold]: " + " · ".join(parts))
        summary = b.change.get("summary")
        if summary:
            lines.append(f"  {plain(summary, SUMMARY)}")
    return lines


def summary_table(result: Analysis | dict, limit: int = 25, width: int | None = None) -> Table:
    """The league table; at ``width`` under 110 columns the headers are abbreviated so the
    brand names keep their room (the caption spells them out)."""
    result = Analysis.coerce(result)
    narrow = width is not None and width < 110

    def head(name: str) -> str:
        return _NARROW.get(name, name) if narrow else name

    t = Table(
        title="brandcouch — how healthy is each brand's relationship with its audience (0-100)",
        title_justify="left",
        caption="* partial: an element lacks data (see the JSON)   n/a: not enough data"
        + (
            "\nhlth health · emp empathy · val value · mut mutuality · in inbound · "
            "ans answered · median: median first reply"
            if narrow
            else ""
        ),
        caption_justify="left",
    )
    # the brand keeps its name whatever the width: the number columns' headers wrap instead
    # (a narrow terminal or a pipe, where Rich assumes 80 columns)
    t.add_column("brand", style="bold", overflow="fold", min_width=14)
    t.add_column(head("health"), justify="right", no_wrap=True)
    for key in ELEMENTS:
        t.add_column(head(SHORT_LABELS[key]), justify="right", no_wrap=True)
    for col in ("inbound", "answered", "median reply"):
        t.add_column(head(col), justify="right", no_wrap=True)
    sep = "\n" if narrow else " "
    for b in result.brands[:limit]:
        m = b.metrics
        t.add_row(
            plain(b.name),
            _score(b.health) + _arrow(b, "health", sep),
            *(_score(b.elements.get(key)) + _arrow(b, key, sep) for key in ELEMENTS),
            f"{m.inbound:,}",
            format_share(m.reply_rate_all),
            format_duration(m.first_response_minutes_median),
        )
    return t


def print_summary(result: Analysis | dict, console: Console | None = None, limit: int = 25) -> None:
    """The league table, then the first brands' session summaries (``result``: an
    :class:`Analysis` or its JSON dict)."""
    result = Analysis.coerce(result)
    console = console or data_console()
    window = view.comparison_label(result)
    if window:
        console.print(f"[bold]Period[/bold] {plain(window)}")
    console.print(summary_table(result, limit, console.width))
    for line in change_lines(result, limit):
        console.print(line)
    n = len(result.brands)
    if n > limit:
        console.print(f"[dim]… and {n - limit} more brands (see the JSON or HTML report)[/dim]")
    for b in result.brands[: min(limit, 5)]:
        if b.session.summary:
            console.print(f"\n[bold]{plain(b.name)}[/bold]: {plain(b.session.summary, SUMMARY)}")
