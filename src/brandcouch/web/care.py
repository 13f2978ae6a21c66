"""The brand page's care-team panel, from ``brands[].care`` of the analysis (SLA, volume,
topics, agents; docs/output.md "Care team"): plain data for the template and a small inline
SVG of the volume per day (presentation attributes only, no ``style=``: the CSP)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from markupsafe import Markup

INBOUND = "#3457d5"
REPLIES = "#2f9e44"
GRID = "#e6e9f0"
MUTED = "#6b7385"


def plain(x):
    """A frozen result value (FrozenMap, tuples) as plain dicts and lists."""
    if isinstance(x, Mapping):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    return x


def care_of(brand) -> dict | None:
    """The brand's care section as plain data; None when the analysis has none."""
    care = getattr(brand, "care", None)
    return None if care is None else plain(care)


def volume_chart(days: Sequence[Mapping], width: int = 640, height: int = 150) -> Markup:
    """Inbound messages per day as bars, the brand's replies that day as a narrower bar in
    front; the first and last day labelled, each bar titled with its numbers."""
    if not days:
        return Markup("")
    top, bottom = 8, 22
    ph = height - top - bottom
    vmax = max(max(d.get("inbound") or 0, d.get("replies") or 0) for d in days) or 1
    slot = width / len(days)
    bw = max(1.0, slot * 0.8)
    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="inbound messages and replies per day">',
        f'<line x1="0" x2="{width}" y1="{top + ph}" y2="{top + ph}" stroke="{GRID}"/>',
        f'<text x="0" y="{top + 8}" font-size="10" fill="{MUTED}">{vmax:,}</text>',
    ]
    for i, d in enumerate(days):
        x = slot * i + (slot - bw) / 2
        inbound, replies = d.get("inbound") or 0, d.get("replies") or 0
        hi, hr = ph * inbound / vmax, ph * replies / vmax
        title = escape(
            f"{d.get('date')}: {inbound:,} inbound, {replies:,} replies, "
            f"{d.get('outbound') or 0:,} by the brand"
        )
        out.append(
            f"<g><title>{title}</title>"
            f'<rect x="{x:.1f}" y="{top + ph - hi:.1f}" width="{bw:.1f}" height="{hi:.1f}" '
            f'fill="{INBOUND}" opacity="0.55"/>'
            f'<rect x="{x + bw * 0.25:.1f}" y="{top + ph - hr:.1f}" width="{bw * 0.5:.1f}" '
            f'height="{hr:.1f}" fill="{REPLIES}"/></g>'
        )
    first, last = escape(str(days[0].get("date"))), escape(str(days[-1].get("date")))
    out.append(f'<text x="0" y="{height - 6}" font-size="11" fill="{MUTED}">{first}</text>')
    out.append(
        f'<text x="{width}" y="{height - 6}" font-size="11" fill="{MUTED}" '
        f'text-anchor="end">{last}</text>'
    )
    out.append("</svg>")
    return Markup("".join(out))
