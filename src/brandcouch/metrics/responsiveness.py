"""First-response metrics per brand, per brand and channel, and per brand and period.

``reply_rate_all`` = inbound messages with at least one direct brand reply / all inbound.
``first_response_minutes`` of an inbound message = minutes from it to the brand's earliest
direct reply to it (answered messages with both times present and in order; see docs/metrics.md).
"""

from __future__ import annotations

import pandas as pd

from brandcouch.store import Store

#: how a metric table is grouped: the key columns and the GROUPING SETS they take
GROUPINGS = {
    "brand": ("brand",),
    "channel": ("brand", "platform"),
    "week": ("brand", "week"),
    "month": ("brand", "month"),
}


def response_metrics(store: Store, grouping: str = "brand") -> pd.DataFrame:
    """One row per group: inbound, replied, reply_rate_all, first response median and mean
    (minutes), answered-with-time count, and mean inbound sentiment."""
    keys = ", ".join(GROUPINGS[grouping])
    return store.df(
        f"""
        SELECT {keys},
               count(*) AS inbound,
               count(*) FILTER (WHERE replied) AS replied,
               count(*) FILTER (WHERE replied) / count(*) AS reply_rate_all,
               median(response_minutes) AS first_response_minutes_median,
               avg(response_minutes) AS first_response_minutes_mean,
               count(response_minutes) AS timed_responses,
               avg(sentiment) AS inbound_sentiment_mean
        FROM inbound
        GROUP BY {keys}
        ORDER BY {keys}
        """
    )


def brand_activity(store: Store, grouping: str = "brand") -> pd.DataFrame:
    """Brand-side counts per group: posts (top-level) and replies written."""
    keys = ", ".join(GROUPINGS[grouping])
    return store.df(
        f"""
        SELECT {keys},
               count(*) FILTER (WHERE parent_id IS NULL) AS brand_posts,
               count(*) FILTER (WHERE parent_id IS NOT NULL) AS brand_replies
        FROM brand_msgs
        GROUP BY {keys}
        ORDER BY {keys}
        """
    )
