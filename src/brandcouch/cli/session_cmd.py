"""``brandcouch session``: the plain-language diagnosis, brand by brand."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.panel import Panel
from rich.table import Table

from brandcouch import api
from brandcouch.cli.analyze_cmd import CompareOpt, SinceOpt, UntilOpt, period
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, literal, open_reader, plain, run
from brandcouch.reports.terminal import CHANGE_COLOURS, SUMMARY
from brandcouch.reports.view import KPIS, change_class, change_text, kpi_text, period_label
from brandcouch.settings import load_config

ELEMENT_NAMES = ("empathy", "value", "transparency", "mutuality")
#: characters of a quoted message shown as evidence
QUOTE = 140


def _score(x) -> str:
    return "n/a" if x is None else f"{x:.0f}"


def _evidence_lines(items: list[dict]) -> list[str]:
    lines = []
    for e in items:
        # an author without a handle is an id (TWCS customers are anonymised numbers): say so,
        # and name the message, so the line reads "— who, where" without guessing
        author = e.get("author") or ""
        who = f"a customer ({author})" if ":" in author else author
        where = e.get("permalink") or f"message {e.get('message_id')}"
        lines.append(
            f"    [dim]“{plain(e.get('text') or '', QUOTE)}” — {plain(who)}, {plain(where)}[/dim]"
        )
    return lines


def _delta(change: dict | None, key: str):
    if not change:
        return None
    if key == "health":
        return change.get("health")
    return (change.get("elements") or {}).get(key)


def what_changed(s: dict) -> list[str]:
    """The session's "what changed and why" lines (empty without a comparison): the biggest
    element change with the component that moved most, both periods' numbers, and each KPI's
    change coloured by what it means for the brand."""
    change, prev = s.get("change"), s.get("previous")
    if not change or not prev:
        return []
    since = s.get("comparison") or {}
    label = period_label(since) if since.get("since") else "the previous period"
    lines = [f"[bold]What changed since {plain(label)}[/bold]"]
    if change.get("summary"):
        lines.append(f"  {plain(change['summary'], SUMMARY)}")
    parts = []
    for key, name in KPIS:
        d = (change.get("kpis") or {}).get(key)
        text = change_text(key, d)
        if not text:
            continue
        colour = CHANGE_COLOURS.get(change_class(key, d), "dim")
        before = kpi_text(key, (prev.get("kpis") or {}).get(key))
        parts.append(f"{name} [{colour}]{text}[/{colour}] [dim](was {before})[/dim]")
    if parts:
        lines.append("  " + " · ".join(parts))
    return lines


def print_session(s: dict) -> None:
    h = s["health"]
    title = s["brand"]
    if s.get("window"):
        title += f" · {period_label(s['window'])}"
    console.print(
        Panel(plain(s["summary"], SUMMARY), title=literal(title, style="bold"), expand=True)
    )
    t = Table(show_header=True, header_style="bold", box=None, padding=(0, 2))
    t.add_column("")
    for col in ("health", *ELEMENT_NAMES):
        t.add_column(col, justify="right", no_wrap=True)
    scores = [h["score"], *(s["elements"][e] for e in ELEMENT_NAMES)]
    t.add_row("score", *(_score(x) for x in scores))
    if s.get("change"):
        cells = []
        for key in ("health", *ELEMENT_NAMES):
            d = _delta(s["change"], key)
            colour = CHANGE_COLOURS.get(change_class(key, d), "dim")
            text = change_text(key, d) or "–"
            cells.append(f"[{colour}]{text}[/{colour}]")
        t.add_row("[dim]change[/dim]", *cells)
    conf = s.get("confidence") or {}
    t.add_row(
        "[dim]confidence[/dim]",
        *(f"[dim]{conf.get(k) or '–'}[/dim]" for k in ("health", *ELEMENT_NAMES)),
    )
    console.print(t)
    if any(x is None for x in scores):
        console.print("[dim]n/a: not enough data (the summary above says why)[/dim]")
    for line in what_changed(s):
        console.print(line)
    if s["findings"]:
        console.print("[bold]What hurts the relationship most[/bold]")
    for i, f in enumerate(s["findings"], start=1):
        console.print(
            f"[bold]{i}. {plain(f['title'], SUMMARY)}[/bold] [dim]({plain(f['element'])}, "
            f"severity {f['severity']:.1f})[/dim]"
        )
        console.print(f"   {plain(f['detail'], SUMMARY)}")
        for line in _evidence_lines(f["evidence"]):
            console.print(line)
        console.print(f"   [green]→ {plain(f['prescription']['text'], SUMMARY)}[/green]")
    if s["going_well"]:
        console.print("[bold]What is going well[/bold]")
    for g in s["going_well"]:
        console.print(
            f" • [bold]{plain(g['title'], SUMMARY)}[/bold]. {plain(g['detail'], SUMMARY)}"
        )
    console.print()


@app.command("session")
def session(
    db: DbOpt = Path("brandcouch.duckdb"),
    brand: Annotated[
        str | None, typer.Option("--brand", help="Only this brand (default: every brand).")
    ] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
    since: SinceOpt = None,
    until: UntilOpt = None,
    compare: CompareOpt = None,
) -> None:
    """The diagnosis in plain language: what hurts each relationship most, the evidence, what
    to do about it, and what is going well; with --compare, what changed and why."""

    def body():
        window = period(since, until, compare)
        cfg = load_config(config)
        with open_reader(db, cfg) as store:
            sessions = api.session(store, brand, config=cfg, **window)
        if not sessions:
            console.print("No brands in the store: import some conversations first.")
        for s in sessions:
            print_session(s)

    run(body)
