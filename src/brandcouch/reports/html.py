"""The self-contained HTML report (no CDN: styles inline, charts as inline SVG).

Every user-generated string goes through Jinja2's autoescaping."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from brandcouch.reports.format import minutes, pct, signed


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("brandcouch.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(pct=pct, minutes=minutes, signed=signed)
    return env


def render_html(result: dict) -> str:
    return environment().get_template("report.html.j2").render(r=result)


def write_html(result: dict, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(render_html(result), encoding="utf-8")
    tmp.replace(p)
    return p
