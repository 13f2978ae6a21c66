"""Coverage: how much of what the source says was answered is in the data (docs/metrics.md).

Over the customer turns that need a reply: ``answered`` (the brand's reply is in the store),
``outside_data`` (the source says a message of the turn was replied to, but no reply of the
brand follows it in the store) and ``coverage = 1 - outside_data / needs_reply``: the share of
the turns needing a reply whose outcome is in the data (answered here, or unanswered with no
reply anywhere). None when no turn needs a reply.
"""

from __future__ import annotations

import pandas as pd

from brandcouch.store import Store


def coverage_frame(store: Store, keys: tuple[str, ...]) -> pd.DataFrame:
    """Per group: turns, needs_reply_turns, answered_turns, outside_data_turns, coverage."""
    k = ", ".join(keys)
    return store.df(
        f"""
        SELECT {k}, count(*) AS turns,
               count(*) FILTER (WHERE needs_reply) AS needs_reply_turns,
               count(*) FILTER (WHERE needs_reply AND answered) AS answered_turns,
               count(*) FILTER (WHERE needs_reply AND answered_outside_data)
                 AS outside_data_turns,
               1 - count(*) FILTER (WHERE needs_reply AND answered_outside_data)
                 / nullif(count(*) FILTER (WHERE needs_reply), 0)
                 AS coverage,
               median(first_response_minutes) AS turn_response_minutes_median
        FROM turns WHERE in_scope(brand) GROUP BY {k}
        """
    )


def coverage_of(row: dict | None) -> dict:
    """``{"value", "answered", "outside_data"}`` of one coverage row (zeros when none)."""
    if not row:
        return {"value": None, "answered": 0, "outside_data": 0}
    v = row.get("coverage")
    return {
        "value": None if v is None or v != v else round(float(v), 4),
        "answered": int(row.get("answered_turns") or 0),
        "outside_data": int(row.get("outside_data_turns") or 0),
    }
