"""Care-team volume over time: inbound and outbound messages per day and per hour of day, in
the configured time zone (docs/output.md, "Care team").

``inbound`` counts the audience messages addressed to the brand (the ``inbound`` step: one
row per message and brand it addresses, reposts aside); ``outbound`` the brand's own messages
(reposts aside), of which ``replies`` answer someone (they have a parent). Messages without a
time are not counted. Days run from the brand's first to its last dated message, days without
a message included (zeros); hours are 0..23, all 24 always listed.
"""

from __future__ import annotations

import pandas as pd

from brandcouch.metrics.sla import zone
from brandcouch.store import Store

VOLUME = """
WITH ev AS (
    SELECT brand, timezone(?, timezone('UTC', created_at)) AS local_at, 1 AS inbound, 0 AS outbound, 0 AS replies
    FROM inbound WHERE created_at IS NOT NULL AND in_scope(brand)
    UNION ALL
    SELECT brand, timezone(?, timezone('UTC', created_at)), 0, 1, (parent_id IS NOT NULL)::INT
    FROM brand_msgs WHERE created_at IS NOT NULL AND kind <> 'repost' AND in_scope(brand)
      {before}
)
SELECT brand, {key} AS k, sum(inbound)::BIGINT AS inbound, sum(outbound)::BIGINT AS outbound,
       sum(replies)::BIGINT AS replies
FROM ev GROUP BY ALL ORDER BY brand, k
"""


def volume_by_brand(store: Store, tz: str = "UTC", until=None) -> dict[str, dict]:
    """``{brand: {"by_day": [{date, inbound, outbound, replies}], "by_hour": [{hour, ...}]}}``;
    needs the ``inbound`` and ``brand_msgs`` steps. ``until`` (a naive UTC datetime, exclusive:
    a run's window end) leaves out the brand's answers written after the window, which the
    window's steps follow so that a message of the window counts as answered: the volume is
    what was written in the window."""
    name = zone(tz).key
    before = ""
    if until is not None:
        before = f"AND created_at < TIMESTAMP '{until.strftime('%Y-%m-%d %H:%M:%S')}'"
    days = store.df(VOLUME.format(key="local_at::DATE", before=before), [name, name])
    hours = store.df(
        VOLUME.format(key="extract('hour' FROM local_at)::INT", before=before), [name, name]
    )
    out: dict[str, dict] = {}
    cols = ["inbound", "outbound", "replies"]
    for brand, g in days.groupby("brand", sort=True):
        g = g.assign(k=pd.to_datetime(g["k"])).set_index("k")[cols]
        full = pd.date_range(g.index.min(), g.index.max(), freq="D")
        g = g.reindex(full, fill_value=0)
        out[brand] = {
            "by_day": [
                {"date": d.strftime("%Y-%m-%d"), **{c: int(r[c]) for c in cols}}
                for d, r in zip(g.index, g.to_dict("records"), strict=True)
            ],
            "by_hour": [],
        }
    for brand, g in hours.groupby("brand", sort=True):
        g = g.set_index("k")[cols].reindex(range(24), fill_value=0)
        out.setdefault(brand, {"by_day": [], "by_hour": []})["by_hour"] = [
            {"hour": int(h), **{c: int(r[c]) for c in cols}}
            for h, r in zip(g.index, g.to_dict("records"), strict=True)
        ]
    return out
