"""Build the member table ``aud_members``: statistics, tie strength and its parts, segment."""

from __future__ import annotations

import pandas as pd

from brandcouch.audience.members import build_member_stats, link_people
from brandcouch.audience.recommenders import build_recommendations
from brandcouch.audience.segments import bot_reason_sql, quality_sql, segment_sql
from brandcouch.audience.ties import (
    WEIGHTS,
    days_since_last_sql,
    part_columns_sql,
    tie_strength_sql,
)
from brandcouch.store import Store

#: columns of :func:`audience_members`, in order
MEMBER_COLUMNS = [
    "brand", "account_id", "handle", "accounts", "platforms", "n_platforms", "followers",
    "messages", "answered", "first_at", "last_at", "days_since_last", "depth_max", "depth_mean",
    "sentiment_mean", *(f"{p}_score" for p in WEIGHTS), "tie_strength", "segment", "quality",
    "complaints", "unresolved_complaints", "questions", "promo_messages", "recommendations",
    "grateful_messages", "bot_reason", "person",
]  # fmt: skip


def build_audience(store: Store, people: dict | None = None) -> None:
    """Build every audience temp table; the frame must exist. ``people`` (the ``[people]``
    configuration table) links accounts of one person across platforms."""
    if people is not None:
        link_people(store, people)
    build_member_stats(store)
    build_recommendations(store)
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE aud_members AS
        WITH base AS (
            SELECT s.* EXCLUDE (recommendations),
                   s.recommendations + coalesce(r.elsewhere, 0) AS recommendations,
                   {days_since_last_sql()} AS days_since_last
            FROM aud_stats s
            LEFT JOIN (SELECT brand, person, count(*) AS elsewhere FROM aud_recs
                       WHERE NOT inbound GROUP BY brand, person) r USING (brand, person)
        ), parts AS (
            SELECT *, {part_columns_sql()}, {segment_sql()} AS segment, {bot_reason_sql()}
                   AS bot_reason
            FROM base
        )
        SELECT *, {tie_strength_sql()} AS tie_strength, {quality_sql()} AS quality FROM parts
        """
    )


def audience_members(store: Store, brand: str | None = None) -> pd.DataFrame:
    """One row per member (strongest tie first within each brand). Expects
    :func:`build_audience`."""
    where = "WHERE brand = $brand" if brand is not None else ""
    cols = ", ".join(MEMBER_COLUMNS)
    return store.df(
        f"SELECT {cols} FROM aud_members {where} "
        "ORDER BY brand, tie_strength DESC, messages DESC, account_id",
        {"brand": brand} if brand is not None else None,
    )
