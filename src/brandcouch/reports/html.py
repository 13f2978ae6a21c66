"""The self-contained HTML report: one file, styles inline, charts as inline SVG, no fetch.

Every user-generated string goes through Jinja2's autoescaping (never ``|safe`` on data);
links from the data are kept only when they are ``http(s)`` URLs (:func:`safe_url`).
The same filters, charts and macros serve the dashboard (:func:`template_helpers`)."""

from __future__ import annotations

import base64
import hashlib
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, PackageLoader, Undefined, select_autoescape
from markupsafe import Markup

from brandcouch.model.result import Analysis
from brandcouch.model.vocabulary import score_colour
from brandcouch.reports import charts, view
from brandcouch.reports.format import minutes, pct, signed
from brandcouch.reports.tables import flatten

#: opens the <details> around a linked anchor (the appendix is collapsed) and, before printing,
#: every <details> except the appendix parts left closed, which the print stylesheet hides: a
#: printed report is the summary plus the parts of the appendix the reader opened
PRINT_SCRIPT = (
    "(function(){function o(){var h=location.hash.slice(1);if(!h)return;"
    "var t=document.getElementById(decodeURIComponent(h)),e=t;"
    "while(e){if(e.tagName==='DETAILS')e.open=true;e=e.parentElement;}"
    "if(t)t.scrollIntoView();}"
    "window.addEventListener('hashchange',o);o();"
    "window.addEventListener('beforeprint',function(){"
    "document.querySelectorAll('details').forEach(function(d){"
    "var a=d.classList.contains('apx')?null:d.closest('details.apx');"
    "if(!d.classList.contains('apx')&&!(a&&!a.open))d.open=true;});});})();"
)


def safe_url(url) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else None (no ``javascript:``)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def number(x, digits: int = 0) -> str:
    if not isinstance(x, int | float) or isinstance(x, bool):
        return "n/a" if x is None or isinstance(x, Undefined) else str(x)
    if isinstance(x, int) or (isinstance(x, float) and digits == 0 and abs(x) >= 100):
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def component_value(value, name: str = "") -> str:
    """A component's raw value: rates as %, minutes as time, counts as numbers."""
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict | list):
        return "see distribution"
    if isinstance(value, float):
        if "minute" in name:
            return minutes(value)
        if 0 <= value <= 1 and not any(w in name for w in ("mean", "depth", "count")):
            return pct(value)
        return f"{value:.2f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def score_text(score) -> str:
    score = charts.num(score)
    return "–" if score is None else f"{score:.0f}"


def script_hash(script: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()


def report_css() -> Markup:
    """The report's stylesheet (a file of ours, not data: inserted unescaped)."""
    return Markup(files("brandcouch.reports").joinpath("templates/report.css").read_text("utf-8"))


def _tolerant(fn):
    """A number filter that shows a missing value (None, undefined, not a number) as n/a."""

    def wrapped(x, *args):
        if not isinstance(x, int | float) or isinstance(x, bool):
            x = None
        return fn(x, *args)

    return wrapped


def template_helpers() -> dict:
    """Filters and globals for any Jinja2 environment drawing the result."""
    return {
        "filters": {
            "pct": _tolerant(pct),
            "minutes": _tolerant(minutes),
            "signed": _tolerant(signed),
            "number": number,
            "component_value": component_value,
            "score_text": score_text,
            "score_colour": score_colour,
            "score_class": charts.score_class,
            "safe_url": safe_url,
            "urlq": lambda s: quote(str(s), safe=""),
            "author_label": view.author_label,
            "score_axis": lambda s: (s.label.split(" ")[0], s.score),
            "channel_rate": lambda c: (
                c.platform,
                None if c.metrics.reply_rate_all is None else 100 * c.metrics.reply_rate_all,
            ),
        },
        "tests": {"has_scores": lambda holder: holder.has_scores},
        "template_dirs": [str(files("brandcouch.reports").joinpath("templates"))],
        "globals": {
            "charts": charts,
            "view": view,
            "flatten": flatten,
            "report_css": report_css,
        },
    }


def environment(loader=None) -> Environment:
    env = Environment(
        loader=loader or PackageLoader("brandcouch.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    helpers = template_helpers()
    env.filters.update(helpers["filters"])
    env.globals.update(helpers["globals"])
    env.tests.update(helpers["tests"])
    return env


class ReportLinks:
    """Where a score and an evidence message link to inside the one-file report."""

    @staticmethod
    def score(brand_index: int, brand: str, key: str) -> str:
        return f"#ev-{brand_index}-{key}"

    @staticmethod
    def thread(message_id: str) -> str | None:
        return None

    @staticmethod
    def brand(brand_index: int, brand: str) -> str:
        return f"#b{brand_index}"


def render_html(result: Analysis | dict, *, appendix: bool = True) -> str:
    """The report of a result (an :class:`Analysis`, or its JSON dict): the executive summary
    first, then (``appendix``) every detail inside collapsed ``<details>``. Without
    ``appendix`` the page is the summary only (what the PDF prints without ``--appendix``)."""
    r = Analysis.coerce(result)
    return (
        environment()
        .get_template("report.html.j2")
        .render(
            r=r,
            appendix=appendix,
            links=ReportLinks,
            threads=r.evidence_threads or {},
            print_script=Markup(PRINT_SCRIPT),  # a constant of ours, not data
            print_script_hash=script_hash(PRINT_SCRIPT),
        )
    )


def write_html(result: Analysis | dict, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(render_html(result), encoding="utf-8")
    tmp.replace(p)
    return p
