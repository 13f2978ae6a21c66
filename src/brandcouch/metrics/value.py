"""Value: does the brand give more than it sells? (docs/metrics.md#value)

Reads ``bposts``: the brand's top-level posts (not reposts) with the audience's direct
responses counted (``responses``, ``appreciative``), public metrics, the posting account's
follower count and a per-post ``kiss`` score (see elements.py).
"""

from __future__ import annotations

import math

import pandas as pd

from brandcouch.metrics.component import (
    SIGNAL_ON,
    Component,
    ElementSpec,
    inverse_rate_score,
    linear_score,
    log_score,
)
from brandcouch.metrics.evidence import EvidenceQuery
from brandcouch.store import Store

#: appreciative direct responses per post that earn full marks
APPRECIATION_FULL = 1.0
#: share of the audience's direct responses that are appreciative earning full marks
APPRECIATION_SHARE_FULL = 0.5
#: engagement earning full marks (log scale): per 1,000 followers, or per post
ENGAGEMENT_FULL_PER_1000 = 10.0
ENGAGEMENT_FULL_PER_POST = 25.0
#: Keep It Simple and Shareable: Flesch 30 (hard) -> 0, 60 (plain English) -> full marks;
#: length: full marks up to SHORT words, 0 from LONG words (microblogs / long-form channels)
FLESCH_HARD, FLESCH_PLAIN = 30.0, 60.0
LONG_FORM = ("blog", "youtube", "reddit", "facebook", "disqus", "hackernews")
MICRO_LENGTH = (50, 150)
LONG_LENGTH = (800, 3000)


def engagement_score(row_value: float, per_1000: bool) -> float:
    full = ENGAGEMENT_FULL_PER_1000 if per_1000 else ENGAGEMENT_FULL_PER_POST
    return log_score(full)(row_value)


def _engagement_extras(row: dict) -> dict:
    per_1000 = bool(row.get("engagement_per_1000"))
    return {
        "denominator": "(likes + reposts + replies) per post per 1,000 followers"
        if per_1000
        else "(likes + reposts + replies) per post; followers unknown",
        "per_post": _f(row.get("engagement_per_post")),
    }


def _kiss_extras(row: dict) -> dict:
    return {
        "readability_mean": _f(row.get("readability_mean")),
        "length_median": _f(row.get("length_median")),
    }


def _f(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else round(float(x), 4)


COMPONENTS = (
    Component(
        "pitch_share",
        0.45,  # the essay's core test: "forget selling" — the largest single weight
        f"share of brand posts that are sales pitches (sales_pitch >= {SIGNAL_ON}); "
        "score = 100 x (1 - share)",
        inverse_rate_score,
    ),
    Component(
        "appreciation",
        0.15,
        f"appreciative audience responses (replies/comments directly on brand posts with "
        f"gratitude >= {SIGNAL_ON} or sentiment >= 0.5) per post; "
        f"score = 100 x min(1, per_post / {APPRECIATION_FULL})",
        linear_score(0.0, APPRECIATION_FULL),
    ),
    Component(
        "appreciation_share",
        0.10,
        "appreciative responses / all audience responses directly on brand posts (volume-free); "
        f"score = 100 x min(1, share / {APPRECIATION_SHARE_FULL})",
        linear_score(0.0, APPRECIATION_SHARE_FULL),
    ),
    Component(
        "engagement",
        0.15,
        "(likes + reposts + replies) per post with metrics, per 1,000 followers when every "
        "posting account's follower count is known (full marks at 10 = 1%), else per post "
        "(full marks at 25); score = 100 x log(1 + x) / log(1 + full), capped",
        log_score(ENGAGEMENT_FULL_PER_POST),  # per row: see frame()'s engagement_prescore
        missing_note="the source has no likes/reposts/replies counts",
        extras=_engagement_extras,
    ),
    Component(
        "kiss",
        0.15,
        "Keep It Simple and Shareable: mean over posts of 100 x (0.6 x readability part + "
        "0.4 x length part); readability part 0 at Flesch <= 30, 1 at >= 60; length part 1 up "
        "to 50 words (800 on blog/YouTube/Reddit-like channels), 0 from 150 (3,000)",
        lambda v: max(0.0, min(100.0, v)),
        extras=_kiss_extras,
    ),
)


def frame(store: Store, keys: tuple[str, ...]) -> pd.DataFrame:
    k = ", ".join(keys)
    df = store.df(
        f"""
        SELECT {k}, count(*) AS base_n,
               avg((sales_pitch >= {SIGNAL_ON})::INT) AS pitch_share_value,
               count(*) AS pitch_share_n,
               avg(appreciative) AS appreciation_value, count(*) AS appreciation_n,
               sum(appreciative) / nullif(sum(responses), 0) AS appreciation_share_value,
               sum(responses) AS appreciation_share_n,
               count(*) FILTER (WHERE has_metrics) AS engagement_n,
               avg(interactions) FILTER (WHERE has_metrics) AS engagement_per_post,
               count(*) FILTER (WHERE has_metrics AND followers > 0) AS with_followers,
               avg(interactions * 1000.0 / followers) FILTER (WHERE has_metrics AND followers > 0)
                 AS engagement_rate_1000,
               avg(kiss) AS kiss_value, count(kiss) AS kiss_n,
               avg(readability) AS readability_mean, median(length) AS length_median
        FROM bposts GROUP BY {k}
        """
    )
    per_1000 = (df["with_followers"] == df["engagement_n"]) & (df["engagement_n"] > 0)
    df["engagement_per_1000"] = per_1000
    df["engagement_value"] = df["engagement_rate_1000"].where(per_1000, df["engagement_per_post"])
    # the engagement scale depends on the denominator: pre-score it into 0..100
    df["engagement_prescore"] = [
        None if pd.isna(v) else engagement_score(float(v), bool(p))
        for v, p in zip(df["engagement_value"], per_1000, strict=True)
    ]
    return df


EVIDENCE = (
    EvidenceQuery(
        "appreciation",
        "raised",
        "the audience thanked or praised it ({appreciative:.0f} appreciative responses)",
        "bposts",
        f"appreciative > 0 AND sales_pitch < {SIGNAL_ON}",
        "appreciative DESC, interactions DESC NULLS LAST",
        ("appreciative",),
    ),
    EvidenceQuery(
        "pitch_share",
        "lowered",
        "a sales pitch (sales_pitch {sales_pitch:.2f})",
        "bposts",
        f"sales_pitch >= {SIGNAL_ON}",
        "sales_pitch DESC, appreciative ASC, created_at",
        ("sales_pitch",),
    ),
    EvidenceQuery(
        "kiss",
        "lowered",
        "hard to read or long (Flesch {readability:.0f}, {length:.0f} words)",
        "bposts",
        "kiss < 50",
        "kiss ASC, created_at",
        ("readability", "length"),
    ),
)

SPEC = ElementSpec("value", COMPONENTS, "posts", "min_posts", EVIDENCE)
