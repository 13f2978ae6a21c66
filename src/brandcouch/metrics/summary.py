"""Assemble per-brand results: the brand's accounts, its metrics overall and per channel.

The analysis run (:mod:`brandcouch.analysis.run`) builds the full brand dicts from these and the
other sections (each a new dict); nothing here is changed afterwards.
"""

from __future__ import annotations

import math

import pandas as pd

from brandcouch.metrics.coverage import coverage_frame
from brandcouch.metrics.responsiveness import GROUPINGS, brand_activity, response_metrics
from brandcouch.store import Store

METRIC_COLUMNS = (
    "inbound",
    "replied",
    "reply_rate_all",
    "first_response_minutes_median",
    "first_response_minutes_mean",
    "timed_responses",
    "inbound_sentiment_mean",
    "brand_posts",
    "brand_replies",
    "turns",
    "needs_reply_turns",
    "answered_turns",
    "outside_data_turns",
    "coverage",
    "turn_response_minutes_median",
)
#: the integer counts among them
COUNTS = (
    "inbound",
    "replied",
    "timed_responses",
    "brand_posts",
    "brand_replies",
    "turns",
    "needs_reply_turns",
    "answered_turns",
    "outside_data_turns",
)


def clean(value):
    """JSON-safe scalars: NaN/NA → None, numpy → Python, floats rounded to 4 places."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    return value


def _metrics(row: pd.Series | None) -> dict:
    if row is None:
        return {c: 0 if c in COUNTS else None for c in METRIC_COLUMNS}
    out = {c: clean(row.get(c)) for c in METRIC_COLUMNS}
    for c in COUNTS:
        out[c] = int(out[c] or 0)
    return out


def _merged(store: Store, grouping: str, keys: list[str]) -> pd.DataFrame:
    resp = response_metrics(store, grouping)
    act = brand_activity(store, grouping)
    cov = coverage_frame(store, GROUPINGS[grouping])
    return resp.merge(act, on=keys, how="outer").merge(cov, on=keys, how="outer")


def brand_accounts(store: Store) -> dict[str, list[dict]]:
    rows = store.con.execute(
        """
        SELECT bm.brand, a.id, a.platform, a.handle, a.display_name, a.followers
        FROM brand_map bm JOIN accounts a ON a.id = bm.account_id
        ORDER BY bm.brand, a.platform, a.id
        """
    ).fetchall()
    out: dict[str, list[dict]] = {}
    for brand, aid, platform, handle, name, followers in rows:
        out.setdefault(brand, []).append(
            {
                "id": aid,
                "platform": platform,
                "handle": handle,
                "display_name": name,
                "followers": followers,
            }
        )
    return out


def summarise(store: Store) -> list[dict]:
    """One dict per brand (sorted by inbound volume, then name) with ``metrics`` and
    ``channels[]``. Reads the frame (``inbound``, ``brand_msgs``, ``brand_map``, ``brand_names``)."""
    overall = _merged(store, "brand", ["brand"]).set_index("brand")
    channels = _merged(store, "channel", ["brand", "platform"])
    accounts = brand_accounts(store)
    names = sorted(set(store.df("SELECT name FROM brand_names")["name"]) | set(overall.index))
    brands = []
    for name in names:
        row = overall.loc[name] if name in overall.index else None
        chans = channels[channels["brand"] == name]
        brands.append(
            {
                "name": name,
                "accounts": accounts.get(name, []),
                "metrics": _metrics(row),
                "channels": [
                    {"platform": r["platform"], "metrics": _metrics(r)}
                    for _, r in chans.sort_values("platform").iterrows()
                ],
            }
        )
    brands.sort(key=lambda b: (-b["metrics"]["inbound"], b["name"]))
    return brands
