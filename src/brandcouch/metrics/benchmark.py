"""The benchmark: brands side by side, with ranks and percentiles per metric (docs/audience.md).

Only brands with at least ``min_inbound`` inbound messages are ranked; the others are listed
with the reason. For each metric, over the ranked brands that have a value:

* ``rank``: 1 is best; ties share the best rank of their group (1, 2, 2, 4);
* ``percentile``: ``100 * (brands worse + half the other brands tied) / (brands - 1)``: the
  share of the other brands this brand does better than (best 100, worst 0; null alone).

The league (``league_rank``) orders ranked brands as the old "Socially Devoted" ranking did:
share of questions answered (desc), then median first response to questions (asc), then reply
rate (desc). The question numbers are the directory's (one definition: a question is an inbound
message with ``question >= 0.5``; its median is over the minutes to the first direct reply of
the answered ones), so ``compare`` and ``directory`` say the same for the same label.
The share is taken at the lower bound of its 95% Wilson interval, so that 4 of 4 questions
answered does not outrank 95 of 100: small samples rank by what they prove, not by luck.
"""

from __future__ import annotations

import pandas as pd

from brandcouch.model.vocabulary import ELEMENTS

#: metric → True when higher is better
BASE_METRICS: dict[str, bool] = {
    "questions_answered_rate": True,
    "reply_rate_all": True,
    "first_response_minutes_median": False,
    "questions_median_minutes": False,
    "inbound": True,
    "quality_share": True,
}
#: shown beside the ranked metrics, not ranked
COUNTS = ("questions", "questions_answered", "questions_ignored", "members")
LEAGUE_ORDER = ["questions_answered_rate desc", "questions_median_minutes asc",
                "reply_rate_all desc"]  # fmt: skip


def _score(section) -> float | None:
    return section.get("score") if isinstance(section, dict) else None


def brand_values(brand: dict, entry: dict | None) -> dict:
    """The benchmark's values for one brand dict and its directory entry."""
    m, aud = brand.get("metrics") or {}, brand.get("audience") or {}
    q = (entry or {}).get("questions") if (entry or {}).get("basis") == "questions" else None
    a = (entry or {}).get("answered") if q is not None else None
    values = {
        "questions_answered_rate": (entry or {}).get("answers_questions_rate")
        if q is not None else None,
        "reply_rate_all": m.get("reply_rate_all"),
        "first_response_minutes_median": m.get("first_response_minutes_median"),
        "questions_median_minutes": (entry or {}).get("median_minutes") if q is not None else None,
        "inbound": m.get("inbound"),
        "quality_share": aud.get("quality_share"),
        "questions": q,
        "questions_answered": a,
        "questions_ignored": None if q is None else q - a,
        "members": aud.get("members"),
    }  # fmt: skip
    for e in ELEMENTS:
        values[e] = _score((brand.get("elements") or {}).get(e))
    values["health"] = _score(brand.get("health"))
    return values


def rank_and_percentile(values: pd.Series, higher_is_better: bool) -> tuple[pd.Series, pd.Series]:
    """Ranks (1 best, ties share the best) and percentiles (mid-rank) over non-null values."""
    v = values.dropna().astype(float)
    if higher_is_better is False:
        v = -v
    ranks = v.rank(method="min", ascending=False)
    n = len(v)
    pct = (
        (v.rank(method="average", ascending=True) - 1) / (n - 1) * 100
        if n > 1
        else v * float("nan")
    )
    return ranks.reindex(values.index), pct.reindex(values.index)


def wilson_lower(successes: pd.Series, trials: pd.Series, z: float = 1.96) -> pd.Series:
    """Lower bound of the Wilson score interval for ``successes / trials`` (NaN when 0 trials)."""
    n = trials.astype(float)
    p = successes.astype(float) / n.where(n > 0)
    centre = p + z * z / (2 * n)
    spread = z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return (centre - spread) / (1 + z * z / n)


def _league(df: pd.DataFrame) -> list[str]:
    key = df.assign(
        _q=wilson_lower(df["questions_answered"].fillna(0), df["questions"].fillna(0)).fillna(-1.0),
        _t=df["questions_median_minutes"].fillna(float("inf")),
        _r=df["reply_rate_all"].fillna(-1.0),
    )
    key = key.sort_values(["_q", "_t", "_r", "brand"], ascending=[False, True, False, True])
    return list(key["brand"])


def _num(x):
    if x is None or pd.isna(x):
        return None
    return round(float(x), 4) if not float(x).is_integer() else int(x)


def compare_brands(brands: list[dict], directory: list[dict], min_inbound: int) -> dict:
    """The ``benchmark`` section: ranked brands in league order, then the unranked."""
    entries = {d["brand"]: d for d in directory or []}
    rows = [{"brand": b["name"], **brand_values(b, entries.get(b["name"]))} for b in brands]
    metrics = dict(BASE_METRICS)
    for extra in (*ELEMENTS, "health"):
        if any(r[extra] is not None for r in rows):
            metrics[extra] = True
    df = pd.DataFrame(rows, columns=["brand", *metrics, *COUNTS]).set_index("brand", drop=False)
    df = df.astype({c: "float64" for c in [*metrics, *COUNTS]})
    df.index.name = None
    ranked = df[df["inbound"].fillna(0) >= min_inbound]
    ranks, pcts = {}, {}
    for key, higher in metrics.items():
        ranks[key], pcts[key] = rank_and_percentile(ranked[key], higher)
    league = _league(ranked)
    out = []
    for pos, name in enumerate(league, start=1):
        out.append(_brand_row(df.loc[name], metrics, pos, ranks, pcts))
    rest = df[df["inbound"].fillna(0) < min_inbound].sort_values(
        ["inbound", "brand"], ascending=[False, True]
    )
    for name in rest.index:
        out.append(_brand_row(df.loc[name], metrics, None, None, None, min_inbound))
    return {
        "min_inbound": min_inbound,
        "ranked": len(league),
        "listed": len(out),
        "metrics": [{"key": k, "better": "higher" if h else "lower"} for k, h in metrics.items()],
        "league_order": LEAGUE_ORDER,
        "brands": out,
    }


def _brand_row(row, metrics, pos, ranks, pcts, min_inbound=None) -> dict:
    name = row["brand"]
    ranked = pos is not None
    return {
        "brand": name,
        "ranked": ranked,
        "note": None if ranked else
        f"not ranked: {_num(row['inbound']) or 0} inbound messages (< {min_inbound})",
        "league_rank": pos,
        "values": {k: _num(row[k]) for k in [*metrics, *COUNTS]},
        "ranks": {k: _num(ranks[k].get(name)) for k in metrics} if ranked else {},
        "percentiles": {k: _num(pcts[k].get(name)) for k in metrics} if ranked else {},
    }  # fmt: skip
