"""Typer commands. Each loads the configuration at the edge (one immutable ``Config``), opens
the store, calls ``api`` functions and prints through ``reports.terminal``.

Readers and writers (docs/architecture.md): ``import``, ``demo`` and ``brands --add`` write the
store; every other command opens it read-only (:func:`open_reader`), so any number of them,
and the dashboard, run while another is reading."""

from __future__ import annotations

import contextlib
import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from brandcouch import __version__
from brandcouch.errors import BrandcouchError
from brandcouch.reports.terminal import data_console, literal, plain

__all__ = [
    "ERROR_LIMIT",
    "open_reader",
    "ConfigOpt",
    "CreateDbOpt",
    "DbOpt",
    "app",
    "console",
    "err",
    "literal",
    "plain",
    "run",
]

app = typer.Typer(
    name="brandcouch",
    help="A brand's social media psychologist: reads brand-audience conversations from real "
    "exports and diagnoses empathy, value, transparency & trust and mutuality.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Everything printed may carry data (file names, brand names, handles, quotes, reasons): the
# consoles never highlight, and data goes into markup only through ``plain()`` (clipped, escaped).
console = data_console()
err = data_console(stderr=True)

#: an error message is ours around clipped data (see MalformedInputError): room for both
ERROR_LIMIT = 1000

DbOpt = Annotated[
    Path,
    typer.Option(
        "--db",
        help="The brandcouch store (made by `import` or `demo`).",
        envvar="BRANDCOUCH_DB",
    ),
]
CreateDbOpt = Annotated[
    Path,
    typer.Option("--db", help="The brandcouch store; created if missing.", envvar="BRANDCOUCH_DB"),
]
ConfigOpt = Annotated[
    Path, typer.Option("--config", help="brandcouch.toml with brands and settings tables.")
]


def _version(value: bool) -> None:
    if value:
        console.print(f"brandcouch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """brandcouch: how healthy are a brand's relationships with its audience?"""


def run(fn):
    """Run a command body; a BrandcouchError becomes one line on stderr and exit code 1."""
    import duckdb

    try:
        return fn()
    except BrandcouchError as e:
        err.print(f"[bold red]error:[/bold red] {plain(e, ERROR_LIMIT)}", soft_wrap=True)
        raise typer.Exit(1) from None
    except duckdb.OutOfMemoryException as e:
        err.print(
            f"[bold red]error:[/bold red] {plain(out_of_memory(e), ERROR_LIMIT)}", soft_wrap=True
        )
        raise typer.Exit(1) from None


def out_of_memory(e: Exception) -> str:
    """One line for DuckDB's out-of-memory error (its own text runs to a page of advice): the
    limit it hit and the setting that raises it. Nothing was written: a writer's transaction
    rolls back, a reader writes nothing."""
    used = re.search(r"\(([^()]*/[^()]*) used\)", str(e))
    where = f" ({used.group(1)} used)" if used else ""
    return (
        f"out of memory under DuckDB's memory_limit{where}; nothing was written. Raise it with "
        "the memory_limit setting (brandcouch.toml [settings] or BRANDCOUCH_MEMORY_LIMIT, "
        "e.g. 4GB) and run the command again"
    )


@contextlib.contextmanager
def open_reader(db, cfg):
    """The store at ``db``, read-only: a command that only reads never takes the write lock.
    ``import`` stores the config's brands and scores the signals of what it adds; readers pass
    the Config on (``api.analyse(store, config=cfg)`` applies its ``[brands]`` without
    writing). When no brand can be found (none in the store, none in the config), one line on
    stderr says so and names the likeliest brand accounts (:func:`no_brand_hint`)."""
    from brandcouch import api

    with api.open_store(db, read_only=True, config=cfg) as store:
        hint = no_brand_hint(store, cfg)
        if hint:
            err.print(hint, soft_wrap=True)
        yield store
        if store.scored_in_memory:
            err.print(scored_in_memory_note(store.scored_in_memory, db), soft_wrap=True)


def scored_in_memory_note(n: int, db) -> str:
    """The line a reader prints when it had to score texts it could not store (Rich markup)."""
    return (
        f"note: {n:,} texts and reply pairs had no current signal values (new, or scored by an "
        "older brandcouch) and were scored for this run only, as readers open the store "
        "read-only; "
        f"[bold]brandcouch rescore --db {escape(str(db))}[/bold] stores them, so the next run "
        "starts at once"
    )


def no_brand_hint(store, cfg) -> str | None:
    """One line (Rich markup, data escaped) when the store and the config declare no brand:
    the likeliest candidates (``api.brand_candidates``: most mentioned, most replied to) and
    the exact declaration to pass. None when a brand exists."""
    from brandcouch import api

    if (cfg is not None and cfg.get("brands")) or store.scalar("SELECT count(*) FROM brands"):
        return None
    found = api.brand_candidates(store, limit=5)
    if not found:
        return (
            "[bold]no brand found[/bold] and no account is mentioned, replied to or posting; "
            'declare one: brandcouch brands --add "NAME=platform:handle"'
        )
    names = ", ".join(
        f"{plain(c['platform'] + ':' + c['ref'], 80)} ({c['mentioned']:,} mentions, "
        f"{c['replied_to']:,} replies)"
        for c in found
    )
    spec = plain(found[0]["spec"], 120)
    return (
        f"[bold]no brand found[/bold]: likeliest brand accounts {names}; declare one with "
        f'brandcouch brands --add "{spec}" (or \\[brands] in brandcouch.toml)'
    )


def register_all() -> None:
    """Import every ``brandcouch.cli.*_cmd`` module: each registers its commands on ``app``."""
    import importlib
    import pkgutil

    import brandcouch.cli as pkg

    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if mod.name.endswith("_cmd"):
            importlib.import_module(f"brandcouch.cli.{mod.name}")


def main() -> None:
    register_all()
    from brandcouch.cli.report_cmd import bare_pdf

    app(args=bare_pdf(sys.argv[1:]), prog_name="brandcouch")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
