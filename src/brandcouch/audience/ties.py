"""Tie strength: how strong each member's relationship with the brand is, 0..100.

Six parts, each normalised to 0..1 (formulas in docs/audience.md), combined with
:data:`WEIGHTS`. A part that cannot be computed (no timestamps → no recency; no sentiment
signal → no sentiment) is left out and the remaining weights are rescaled to sum to 1.

===============  ======================================================================
part             transform
===============  ======================================================================
frequency        ``min(1, log10(messages) / log10(10))``: 1 message → 0, 10+ → 1
recency          ``0.5 ** (days since their last message / 30)``; days counted back from
                 the newest message in the store (not the clock), so results reproduce
reciprocity      ``answered / messages``: the share of their messages the brand answered
depth            ``min(1, (max turns in one thread - 1) / 5)``; turns = the brand's direct
                 replies to them + their messages that were answered or answer a brand
                 reply (at least 1): 1 → 0, 6+ → 1
sentiment        ``(mean VADER compound + 1) / 2``
multichannel     ``min(1, (platforms they wrote to the brand on - 1) / 2)``: 1 → 0, 3+ → 1
===============  ======================================================================
"""

from __future__ import annotations

from brandcouch.metrics.portable import seconds_between

WEIGHTS: dict[str, float] = {
    "frequency": 0.25,
    "recency": 0.15,
    "reciprocity": 0.25,
    "depth": 0.15,
    "sentiment": 0.10,
    "multichannel": 0.10,
}
FREQUENCY_FULL = 10  # messages for a full frequency score
RECENCY_HALF_LIFE_DAYS = 30.0
DEPTH_FULL_TURNS = 6
CHANNELS_FULL = 3

#: SQL for each part over ``aud_stats`` columns plus ``days_since_last``
PART_SQL: dict[str, str] = {
    "frequency": f"least(1.0, log10(messages) / log10({FREQUENCY_FULL}))",
    "recency": f"pow(0.5, days_since_last / {RECENCY_HALF_LIFE_DAYS})",
    "reciprocity": "answered / messages",
    "depth": f"least(1.0, (depth_max - 1) / {DEPTH_FULL_TURNS - 1}.0)",
    "sentiment": "(sentiment_mean + 1) / 2",
    "multichannel": f"least(1.0, (n_platforms - 1) / {CHANNELS_FULL - 1}.0)",
}


def part_columns_sql() -> str:
    """``<part>_score`` columns, each 0..1 or NULL."""
    return ",\n".join(f"{sql} AS {name}_score" for name, sql in PART_SQL.items())


def tie_strength_sql() -> str:
    """0..100 from the ``<part>_score`` columns: the weighted mean over the parts present."""
    num = " + ".join(f"{w} * coalesce({p}_score, 0)" for p, w in WEIGHTS.items())
    den = " + ".join(f"CASE WHEN {p}_score IS NULL THEN 0 ELSE {w} END" for p, w in WEIGHTS.items())
    return f"100.0 * ({num}) / ({den})"


def days_since_last_sql() -> str:
    """Days from the member's last message to the newest message in the store."""
    return f"{seconds_between('last_at', '(SELECT max(created_at) FROM messages)')} / 86400.0"
