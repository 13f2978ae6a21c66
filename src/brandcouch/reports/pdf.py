"""The PDF report: the HTML report printed by a locally installed Chromium (headless).

Optional by design: WeasyPrint would need Pango/Cairo system libraries, and a pure-Python PDF
writer cannot lay out the HTML report. Chromium prints it exactly as a user would, through
Playwright for Python driving the system's browser (never a browser download), launched offline
by :mod:`brandcouch.reports.chromium` (it can reach nothing but the loopback). Without a
Chromium, :func:`write_pdf` raises :class:`ReportError` saying how to get one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from brandcouch.errors import BrandcouchError
from brandcouch.model.result import Analysis
from brandcouch.reports.chromium import find_chromium, launch_chromium
from brandcouch.reports.html import render_html

__all__ = ["ReportError", "find_chromium", "write_pdf"]


class ReportError(BrandcouchError):
    """A report format could not be written (a missing optional tool, say)."""


def write_pdf(result: Analysis | dict, path: str | Path, *, appendix: bool = False) -> Path:
    """Print the report to ``path`` (A4, backgrounds): the executive summary only (the set of
    brands, then a page per brand with enough data), or with ``appendix`` the whole HTML
    report, every <details> opened."""
    result = Analysis.coerce(result)
    chromium = find_chromium()
    if chromium is None:
        raise ReportError(
            "--pdf needs Chromium: install it (Debian/Ubuntu: sudo apt-get install chromium) "
            "or set BRANDCOUCH_CHROMIUM to a Chromium/Chrome executable; the --html report "
            "prints to PDF from any browser too"
        )
    try:
        from playwright.sync_api import Error as PlaywrightError
    except ImportError:  # pragma: no cover - playwright is a dependency
        raise ReportError("--pdf needs the playwright package (pip install playwright)") from None
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="brandcouch-pdf-") as tmp:
        page_file = Path(tmp) / "report.html"
        page_file.write_text(render_html(result, appendix=appendix), encoding="utf-8")
        try:
            with launch_chromium(chromium) as browser:
                page = browser.new_page()
                page.goto(page_file.as_uri())
                if appendix:
                    page.evaluate(
                        "document.querySelectorAll('details').forEach(d => d.open = true)"
                    )
                page.emulate_media(media="print")
                page.pdf(
                    path=str(out),
                    format="A4",
                    print_background=True,
                    margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"},
                )
        except PlaywrightError as e:
            raise ReportError(f"Chromium ({chromium}) could not print the report: {e}") from None
    return out
