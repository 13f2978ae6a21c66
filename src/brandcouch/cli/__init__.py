"""The ``brandcouch`` command line: thin Typer commands over :mod:`brandcouch.api`."""

from brandcouch.cli.app import app, main

__all__ = ["app", "main"]
