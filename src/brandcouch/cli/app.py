"""Typer commands. Each parses options, calls one api function, and prints."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from brandcouch import __version__
from brandcouch.errors import BrandcouchError

app = typer.Typer(
    name="brandcouch",
    help="A brand's social media psychologist: reads brand-audience conversations from real "
    "exports and diagnoses empathy, value, transparency & trust and mutuality.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file.", envvar="BRANDCOUCH_DB")]
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
    try:
        return fn()
    except BrandcouchError as e:
        err.print(f"[bold red]error:[/bold red] {e}", highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


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
    app(prog_name="brandcouch")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
