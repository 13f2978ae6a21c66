"""Elements and health per brand and period (ISO week starting Monday, calendar month, UTC).

``brands[].periods[]`` = ``{period: "week"|"month", start: "YYYY-MM-DD", metrics, elements,
health}``, oldest first, weeks before months. Each period is scored exactly like the whole
(same components, same minimum data), so a quiet week is honestly "not enough data".
Messages without a time belong to no period.
"""

from __future__ import annotations

import pandas as pd

from brandcouch.metrics.elements import empty_scores, group_scores
from brandcouch.metrics.summary import _merged, _metrics
from brandcouch.store import Store

PERIODS = ("week", "month")


def _day(value) -> str | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).strftime("%Y-%m-%d")


def brand_periods(store: Store, cfg: dict) -> dict[str, list[dict]]:
    """``{brand: [period dict, ...]}`` for every brand with dated activity."""
    out: dict[str, list[dict]] = {}
    for period in PERIODS:
        keys = ["brand", period]
        metrics = _merged(store, period, keys)
        metric_rows = {
            (r["brand"], _day(r[period])): r for _, r in metrics.iterrows() if _day(r[period])
        }
        scores = {(b, _day(p)): s for (b, p), s in group_scores(store, period, cfg).items()}
        for brand, start in sorted(k for k in set(metric_rows) | set(scores) if k[1]):
            s = scores.get((brand, start)) or empty_scores(cfg)
            out.setdefault(brand, []).append(
                {
                    "period": period,
                    "start": start,
                    "metrics": _metrics(metric_rows.get((brand, start))),
                    "elements": s["elements"],
                    "health": s["health"],
                }
            )
    return out
