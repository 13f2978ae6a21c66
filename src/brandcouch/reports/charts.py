"""Inline SVG charts generated in Python: no JavaScript, no CDN, no external fetch.

Every label is escaped with :func:`markupsafe.escape`; the functions return
:class:`markupsafe.Markup` so templates can insert them without ``|safe`` on user data.
Colours use presentation attributes (``fill=``), never ``style=``: the dashboard's
Content-Security-Policy forbids inline styles.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from brandcouch.model.vocabulary import score_band, score_colour

PALETTE = ("#3457d5", "#e8590c", "#0c8599", "#9c36b5", "#2f9e44", "#c2255c", "#5c940d")
GRID = "#e6e9f0"
MUTED = "#6b7385"


def num(x) -> float | None:
    """A number, or None for anything else (None, a template's undefined, a string)."""
    return float(x) if isinstance(x, int | float) and not isinstance(x, bool) else None


def score_class(score: float | None) -> str:
    """The CSS class of a score's colour band (``c-good``, ``c-ok``, ``c-warn``, ``c-bad``;
    ``c-none`` without a score): the bands of :func:`score_colour`."""
    band = score_band(num(score))
    return "c-none" if band is None else f"c-{band}"


def _f(x: float) -> str:
    return f"{x:.1f}"


def meter(score: float | None, width: int = 120, height: int = 8, label: str = "") -> Markup:
    """A 0..100 horizontal bar, coloured by :func:`score_colour`."""
    score = num(score)
    filled = 0.0 if score is None else max(0.0, min(100.0, float(score))) * width / 100
    title = f"<title>{escape(label)}</title>" if label else ""
    return Markup(
        f'<svg class="meter" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(label or _score_text(score))}">{title}'
        f'<rect width="{width}" height="{height}" rx="{height / 2}" fill="{GRID}"/>'
        f'<rect width="{_f(filled)}" height="{height}" rx="{height / 2}" '
        f'fill="{score_colour(score)}"/></svg>'
    )


def share_bar(share: float | None, width: int = 120, height: int = 8, colour: str = "") -> Markup:
    """A 0..1 share as a bar (answer rates, quality shares)."""
    return _share_bar(share, width, height, colour or PALETTE[0])


def _share_bar(share: float | None, width: int, height: int, colour: str) -> Markup:
    share = num(share)
    filled = 0.0 if share is None else max(0.0, min(1.0, float(share))) * width
    return Markup(
        f'<svg class="meter" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'aria-hidden="true"><rect width="{width}" height="{height}" rx="{height / 2}" '
        f'fill="{GRID}"/><rect width="{_f(filled)}" height="{height}" rx="{height / 2}" '
        f'fill="{colour}"/></svg>'
    )


def _score_text(score: float | None) -> str:
    return "not enough data" if score is None else f"{score:.0f} of 100"


def ring(score: float | None, size: int = 88, label: str = "") -> Markup:
    """A donut gauge with the score in the middle (the health badge)."""
    score = num(score)
    r = size / 2 - 7
    circ = 2 * 3.14159265 * r
    frac = 0.0 if score is None else max(0.0, min(100.0, float(score))) / 100
    text = "–" if score is None else f"{score:.0f}"
    c = size / 2
    return Markup(
        f'<svg class="ring" width="{size}" height="{size}" viewBox="0 0 {size} {size}" role="img" '
        f'aria-label="{escape(label)} {escape(_score_text(score))}">'
        f'<circle cx="{c}" cy="{c}" r="{_f(r)}" fill="none" stroke="{GRID}" stroke-width="8"/>'
        f'<circle cx="{c}" cy="{c}" r="{_f(r)}" fill="none" stroke="{score_colour(score)}" '
        f'stroke-width="8" stroke-linecap="round" stroke-dasharray="{_f(circ * frac)} {_f(circ)}" '
        f'transform="rotate(-90 {c} {c})"/>'
        f'<text x="{c}" y="{c + 7}" text-anchor="middle" font-size="{size // 4}" '
        f'font-weight="700" fill="#1d2433">{text}</text></svg>'
    )


RADAR_MARGIN = 40


def radar(axes: Sequence[tuple[str, float | None]], size: int = 220, colour: str = "") -> Markup:
    """A radar (spider) chart of 0..100 scores; a missing score sits at the centre."""
    import math

    n = len(axes)
    if n < 3:
        return Markup("")
    c, r = size / 2, size / 2 - 48
    colour = colour or PALETTE[0]

    def point(i: int, v: float) -> tuple[float, float]:
        a = -math.pi / 2 + 2 * math.pi * i / n
        return c + r * v / 100 * math.cos(a), c + r * v / 100 * math.sin(a)

    parts = [
        # a margin on both sides so long axis labels ("Transparency", "Mutuality") are not cut
        f'<svg class="radar" width="{size + 2 * RADAR_MARGIN}" height="{size}" '
        f'viewBox="{-RADAR_MARGIN} 0 {size + 2 * RADAR_MARGIN} {size}" '
        'role="img" aria-label="the four elements">'
    ]
    for ring_v in (25, 50, 75, 100):
        pts = " ".join(f"{_f(x)},{_f(y)}" for x, y in (point(i, ring_v) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="{GRID}"/>')
    for i, (label, _) in enumerate(axes):
        x, y = point(i, 100)
        lx, ly = point(i, 118)
        anchor = "middle" if abs(lx - c) < 8 else ("start" if lx > c else "end")
        parts.append(f'<line x1="{c}" y1="{c}" x2="{_f(x)}" y2="{_f(y)}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{_f(lx)}" y="{_f(ly + 4)}" text-anchor="{anchor}" font-size="11" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    pts = " ".join(
        f"{_f(x)},{_f(y)}" for x, y in (point(i, num(v) or 0) for i, (_, v) in enumerate(axes))
    )
    parts.append(
        f'<polygon points="{pts}" fill="{colour}" fill-opacity="0.18" stroke="{colour}" '
        'stroke-width="2"/>'
    )
    parts.append("</svg>")
    return Markup("".join(parts))


def line_chart(
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    width: int = 1000,
    height: int = 240,
    y_max: float = 100,
    y_suffix: str = "",
) -> Markup:
    """Lines over shared x labels (weeks); gaps where a value is ``None``. Responsive via
    ``viewBox``; a legend under the plot."""
    if not x_labels or not series:
        return Markup('<p class="muted">No periods to plot.</p>')
    left, right, top, bottom = 34, 12, 10, 26
    pw, ph = width - left - right, height - top - bottom
    n = len(x_labels)

    def x(i: int) -> float:
        return left + (pw * i / (n - 1) if n > 1 else pw / 2)

    def y(v: float) -> float:
        return top + ph * (1 - max(0.0, min(y_max, v)) / y_max)

    out = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'preserveAspectRatio="xMidYMid meet" aria-label="trend">'
    ]
    for g in range(5):
        gv = y_max * g / 4
        out.append(
            f'<line x1="{left}" x2="{width - right}" y1="{_f(y(gv))}" y2="{_f(y(gv))}" '
            f'stroke="{GRID}"/><text x="{left - 6}" y="{_f(y(gv) + 4)}" text-anchor="end" '
            f'font-size="10" fill="{MUTED}">{gv:.0f}{escape(y_suffix)}</text>'
        )
    step = max(1, n // 8)
    for i in range(0, n, step):
        out.append(
            f'<text x="{_f(x(i))}" y="{height - 8}" text-anchor="middle" font-size="10" '
            f'fill="{MUTED}">{escape(x_labels[i])}</text>'
        )
    for k, (_name, values) in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        out.extend(_polyline(values, x, y, colour))
    out.append("</svg>")
    legend = "".join(
        f'<span class="key"><svg width="12" height="12" aria-hidden="true"><rect width="12" '
        f'height="12" rx="3" fill="{PALETTE[k % len(PALETTE)]}"/></svg>{escape(name)}</span>'
        for k, (name, _) in enumerate(series)
    )
    return Markup("".join(out) + f'<div class="legend">{legend}</div>')


def _polyline(values, x, y, colour) -> list[str]:
    """Segments of consecutive non-null values, plus a dot on every point."""
    parts, run = [], []
    for i, v in enumerate([*values, None]):
        if v is None:
            if len(run) > 1:
                pts = " ".join(f"{_f(x(j))},{_f(y(w))}" for j, w in run)
                parts.append(
                    f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="2.2" '
                    'stroke-linejoin="round" stroke-linecap="round"/>'
                )
            parts.extend(
                f'<circle cx="{_f(x(j))}" cy="{_f(y(w))}" r="2.6" fill="{colour}"/>' for j, w in run
            )
            run = []
        else:
            run.append((i, float(v)))
    return parts


def stacked_bar(
    parts: Sequence[tuple[str, float]], colours: Sequence[str], width: int = 640, height: int = 26
) -> Markup:
    """One 100% bar split into labelled parts (the response-time distribution)."""
    total = sum(v for _, v in parts) or 1
    out = [
        f'<svg class="chart stacked" viewBox="0 0 {width} {height}" role="img" '
        'preserveAspectRatio="none" aria-label="distribution">'
    ]
    x0 = 0.0
    for (label, v), colour in zip(parts, colours, strict=False):
        w = width * v / total
        if w > 0:
            out.append(
                f'<rect x="{_f(x0)}" width="{_f(w)}" height="{height}" fill="{colour}">'
                f"<title>{escape(label)}: {v:,.0f} ({100 * v / total:.0f}%)</title></rect>"
            )
        x0 += w
    out.append("</svg>")
    return Markup("".join(out))


def column_chart(
    bars: Sequence[tuple[str, float | None]],
    *,
    width: int = 360,
    height: int = 160,
    colours: Sequence[str] | None = None,
    value_format: str = "{:.0f}",
    y_max: float | None = None,
) -> Markup:
    """Vertical bars with their value on top (channels side by side, bands)."""
    if not bars:
        return Markup("")
    top, bottom = 16, 34
    ph = height - top - bottom
    vmax = y_max or max((v or 0) for _, v in bars) or 1
    slot = width / len(bars)
    bw = min(46.0, slot * 0.62)
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" aria-label="bars">']
    out.append(f'<line x1="0" x2="{width}" y1="{top + ph}" y2="{top + ph}" stroke="{GRID}"/>')
    for i, (label, v) in enumerate(bars):
        colour = (colours or PALETTE)[i % len(colours or PALETTE)]
        cx = slot * i + slot / 2
        h = 0 if v is None else ph * min(1.0, v / vmax)
        text = "n/a" if v is None else value_format.format(v)
        out.append(
            f'<rect x="{_f(cx - bw / 2)}" y="{_f(top + ph - h)}" width="{_f(bw)}" '
            f'height="{_f(h)}" rx="3" fill="{colour}"/>'
            f'<text x="{_f(cx)}" y="{_f(top + ph - h - 4)}" text-anchor="middle" font-size="11" '
            f'fill="#1d2433">{escape(text)}</text>'
            f'<text x="{_f(cx)}" y="{height - 16}" text-anchor="middle" font-size="11" '
            f'fill="{MUTED}">{escape(label)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))
