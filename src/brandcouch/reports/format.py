"""Human formatting of numbers, shared by the terminal, HTML and Markdown reports."""

from __future__ import annotations


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def minutes(x: float | None) -> str:
    """``7.5`` → ``7.5 min``, ``344`` → ``5.7 h``, ``4000`` → ``2.8 d``."""
    if x is None:
        return "n/a"
    if x < 60:
        return f"{x:.1f} min"
    if x < 48 * 60:
        return f"{x / 60:.1f} h"
    return f"{x / 1440:.1f} d"


def signed(x: float | None) -> str:
    return "n/a" if x is None else f"{x:+.2f}"
