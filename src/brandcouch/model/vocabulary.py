"""One vocabulary for every layer: the four elements and their labels, the thresholds every
judgement shares, and how durations and scores are written.

Metrics, diagnosis, reports and the dashboard import these instead of spelling them out; a
test (tests/test_vocabulary.py) fails when an element list or a formatter reappears elsewhere.
"""

from __future__ import annotations

#: the four elements, in the order every table, chart and finding uses
ELEMENTS: tuple[str, ...] = ("empathy", "value", "transparency", "mutuality")
HEALTH = "health"
#: the four elements and health: every 0..100 score a brand, channel or period carries
SCORE_KEYS: tuple[str, ...] = (*ELEMENTS, HEALTH)

LABELS: dict[str, str] = {
    "empathy": "Empathy",
    "value": "Value",
    "transparency": "Transparency & trust",
    "mutuality": "Mutuality",
    "health": "Relationship health",
}
#: one-word labels for narrow tables (the terminal, the benchmark)
SHORT_LABELS: dict[str, str] = {
    "empathy": "empathy",
    "value": "value",
    "transparency": "trust",
    "mutuality": "mutuality",
    "health": "health",
}
HINTS: dict[str, str] = {
    "empathy": "listening: answering what people ask, fast, personally, relevantly",
    "value": "giving rather than selling: useful posts people thank you for",
    "transparency": "fix it, don't hide it: complaints acknowledged in public",
    "mutuality": "two-sided: people come back and are answered again",
    "health": "the four together; a one-sided relationship scores low",
}
_ALIASES = {
    "trust": "transparency",
    "transparency_trust": "transparency",
    "transparency&trust": "transparency",
    "listening": "empathy",
    "relationship_health": "health",
}


def score_key(name: str) -> str | None:
    """The canonical key of an element or health as a user may write it (``trust``,
    ``Transparency & trust``, ``EMPATHY``); None when it names none of them."""
    k = name.strip().lower().replace(" ", "_").replace("-", "_")
    k = k.replace("_&_", "&")
    if k in SCORE_KEYS:
        return k
    return _ALIASES.get(k) or next(
        (key for key, lab in LABELS.items() if lab.lower() == name.strip().lower()), None
    )


#: a 0..1 signal at or above this counts as present (a question, a complaint, an apology ...)
SIGNAL_ON = 0.5

#: first-response bands (docs/metrics.md): key, label, upper bound in minutes (None: no bound)
RESPONSE_BANDS: tuple[tuple[str, str, float | None], ...] = (
    ("le_6m", "≤ 6 min", 6),
    ("le_22m", "≤ 22 min", 22),
    ("le_1h", "≤ 1 h", 60),
    ("le_24h", "≤ 24 h", 1440),
    ("later", "later", None),
    ("untimed", "answered, time unknown", None),
    ("never", "never", None),
)

#: score bands for colour and wording: (lower bound, band name, colour); a missing score is grey
SCORE_BANDS: tuple[tuple[float, str, str], ...] = (
    (75.0, "good", "#2b8a3e"),
    (60.0, "ok", "#5c940d"),
    (40.0, "warn", "#e67700"),
    (0.0, "bad", "#c92a2a"),
)
NO_SCORE_COLOUR = "#adb5bd"
#: the terminal's colour names for the same bands
TERMINAL_COLOURS = {"good": "green", "ok": "green", "warn": "yellow", "bad": "red"}


def _number(x) -> float | None:
    if isinstance(x, bool) or not isinstance(x, int | float):
        return None
    return None if x != x else float(x)


def score_band(score) -> str | None:
    """``good``/``ok``/``warn``/``bad`` for a 0..100 score; None when there is no score."""
    s = _number(score)
    if s is None:
        return None
    return next(name for low, name, _ in SCORE_BANDS if s >= low or low == 0.0)


def score_colour(score) -> str:
    """The one colour scale for every 0..100 score (grey when there is none)."""
    band = score_band(score)
    return NO_SCORE_COLOUR if band is None else next(c for _, n, c in SCORE_BANDS if n == band)


def format_score(score) -> str:
    """``72.35`` → ``72``; no score → ``n/a``."""
    s = _number(score)
    return "n/a" if s is None else f"{s:.0f}"


def format_duration(minutes, *, long: bool = False) -> str:
    """One set of cut-offs for every duration: under 60 minutes in minutes, under 48 hours in
    hours, then days. ``7.5`` → ``7.5 min`` (long: ``8 minutes``), ``344`` → ``5.7 h``
    (``5.7 hours``), ``4000`` → ``2.8 d`` (``2.8 days``); unknown → ``n/a``
    (``unknown time``)."""
    m = _number(minutes)
    if m is None:
        return "unknown time" if long else "n/a"
    if m < 60:
        if not long:
            return f"{m:.1f} min"
        if m < 1:
            return "under a minute"
        n = round(m)
        return f"{n} minute" if n == 1 else f"{n} minutes"
    if m < 48 * 60:
        return f"{m / 60:.1f} {'hours' if long else 'h'}"
    return f"{m / 1440:.1f} {'days' if long else 'd'}"


def format_share(x) -> str:
    """``0.4231`` → ``42%``; none → ``n/a``."""
    s = _number(x)
    return "n/a" if s is None else f"{100 * s:.0f}%"
