"""Human formatting of numbers, shared by the terminal, HTML and Markdown reports: the
vocabulary's formatters (brandcouch.model.vocabulary) under their report names."""

from __future__ import annotations

from brandcouch.model.vocabulary import format_duration, format_share

__all__ = ["minutes", "pct", "signed"]


def pct(x: float | None) -> str:
    """``0.4231`` → ``42%``; none → ``n/a``."""
    return format_share(x)


def minutes(x: float | None) -> str:
    """``7.5`` → ``7.5 min``, ``344`` → ``5.7 h``, ``4000`` → ``2.8 d`` (one set of cut-offs:
    :func:`brandcouch.model.vocabulary.format_duration`)."""
    return format_duration(x)


def signed(x: float | None) -> str:
    return "n/a" if x is None else f"{x:+.2f}"
