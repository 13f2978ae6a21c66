"""The member table ``aud_members`` (statistics, tie strength and its parts, segment; the
analysis step of that name builds it) as a data frame."""

from __future__ import annotations

import pandas as pd

from brandcouch.audience.ties import WEIGHTS
from brandcouch.store import Store

#: columns of :func:`audience_members`, in order
MEMBER_COLUMNS = [
    "brand", "account_id", "handle", "accounts", "platforms", "n_platforms", "followers",
    "messages", "answered", "first_at", "last_at", "days_since_last", "depth_max", "depth_mean",
    "sentiment_mean", *(f"{p}_score" for p in WEIGHTS), "tie_strength", "segment", "quality",
    "complaints", "unresolved_complaints", "questions", "promo_messages", "recommendations",
    "grateful_messages", "bot_reason", "person",
]  # fmt: skip


def audience_members(store: Store, brand: str | None = None) -> pd.DataFrame:
    """One row per member (strongest tie first within each brand). Reads the
    step ``aud_members``."""
    where = "WHERE brand = $brand" if brand is not None else ""
    cols = ", ".join(MEMBER_COLUMNS)
    return store.df(
        f"SELECT {cols} FROM aud_members {where} "
        "ORDER BY brand, tie_strength DESC, messages DESC, account_id",
        {"brand": brand} if brand is not None else None,
    )
