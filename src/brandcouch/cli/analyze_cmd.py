"""``brandcouch analyze``: the summary table, and the JSON / HTML reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import Progress

from brandcouch import api
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, open_reader, plain, run
from brandcouch.errors import ConfigError
from brandcouch.reports.terminal import print_summary
from brandcouch.settings import load_config


def _with_bar(fn):
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("scoring texts", total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return fn(tick)


def score_with_progress(store, config=None) -> dict:
    """Score the signals the store lacks (``import`` and ``demo``: the writers)."""
    return _with_bar(lambda tick: api.run_signals(store, tick, config=config))


#: ``--since``, ``--until`` and ``--compare`` (analyze, report, session, check, serve)
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="YYYY-MM-DD",
        help="Analyse from this day (inclusive, in the configured timezone; UTC by default).",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="YYYY-MM-DD", help="Analyse up to this day (inclusive)."),
]
CompareOpt = Annotated[
    str | None,
    typer.Option(
        "--compare",
        metavar="previous|YYYY-MM-DD:YYYY-MM-DD",
        help="Compare with the equally long period before (previous) or with these days.",
    ),
]


def period(since: str | None, until: str | None, compare: str | None = None) -> dict:
    """The window options checked before the store is opened, as keyword arguments for the
    API (``since``, ``until``, ``compare``); a bad date, ``--since`` after ``--until`` or
    ``--compare`` without a window is a :class:`~brandcouch.errors.ConfigError` (one line,
    exit 1)."""
    out = {
        "since": None if since is None else api.parse_day(since, "--since"),
        "until": None if until is None else api.parse_day(until, "--until"),
        "compare": api.parse_compare(compare),
    }
    if out["since"] and out["until"] and out["since"] > out["until"]:
        raise ConfigError(f"--since {since} is after --until {until}")
    if out["compare"] is not None and out["since"] is None and out["until"] is None:
        raise ConfigError("--compare needs a window: give --since and/or --until")
    return out


def analyse_with_progress(store, config=None, **window) -> dict:
    """Analyse the store (opened read-only by readers: nothing is written). ``import`` scored
    the signals of what it added; texts a store still lacks signals for (a store filled through
    the Python API, or by an older brandcouch) are scored for this run only, in memory.
    ``window``: ``since``, ``until``, ``compare`` (:func:`period`)."""
    return _with_bar(lambda tick: api.analyse(store, progress=tick, config=config, **window))


@app.command("analyze")
def analyze(
    db: DbOpt = Path("brandcouch.duckdb"),
    json: Annotated[Path | None, typer.Option("--json", help="Write the JSON report here.")] = None,
    html: Annotated[Path | None, typer.Option("--html", help="Write the HTML report here.")] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
    since: SinceOpt = None,
    until: UntilOpt = None,
    compare: CompareOpt = None,
    # -- another engine (docs/scale.md) --
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="duckdb (the store, default) or spark (a Parquet export: --input).",
        ),
    ] = "duckdb",
    input_: Annotated[
        str | None,
        typer.Option(
            "--input",
            help="With --engine spark: the directory or URI written by `export parquet`.",
        ),
    ] = None,
    master: Annotated[
        str | None,
        typer.Option("--master", help="With --engine spark: the Spark master (local[2])."),
    ] = None,
) -> None:
    """Analyse the store: print the summary, optionally write JSON and HTML reports."""

    def body():
        window = period(since, until, compare)
        cfg = load_config(config)
        if engine != "duckdb" or input_ is not None or master is not None:
            if any(v is not None for v in window.values()):
                from brandcouch.errors import ConfigError

                raise ConfigError("--since/--until/--compare run on the DuckDB engine only")
            result = _other_engine(engine, input_, master, cfg)
            print_summary(result, console)
            for kind, path in api.build_report(result, html=html, json=json).items():
                console.print(f"{kind} report: {plain(path)}")
            return
        with open_reader(db, cfg) as store:
            result = analyse_with_progress(store, cfg, **window)
            if html:  # the conversation excerpts behind each score, read while the store is open
                result = api.with_evidence_threads(store, result)
        print_summary(result, console)
        for kind, path in api.build_report(result, html=html, json=json).items():
            console.print(f"{kind} report: {plain(path)}")

    run(body)


def _other_engine(engine: str, source: str | None, master: str | None, cfg):
    """The analysis of a Parquet export on Spark (HTML reports without conversation
    excerpts: those read threads from a store)."""
    from brandcouch.errors import ConfigError

    if engine != "spark":
        raise ConfigError(f"--engine {engine}: the engines are duckdb and spark")
    if not source:
        raise ConfigError("--engine spark needs --input DIR (written by brandcouch export parquet)")
    from brandcouch.spark.run import analyse_parquet

    with console.status("analysing on Spark…"):
        return analyse_parquet(source, master=master, config=cfg)


app.command("analyse", hidden=True)(analyze)
