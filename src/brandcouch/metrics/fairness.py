"""Fairness: does the brand answer people regardless of how many followers they have?

Studies of brand care on Twitter found brands answer well-followed askers more often. For the
customer turns that need a reply, whose authors' follower counts are known, the response rate
is computed per follower band; ``fairness`` = the rate of the least-followed band / the rate of
the most-followed band, over bands with at least MIN_PER_BAND askers' messages (capped at 1:
answering small accounts more is not penalised). Needs two such bands, else it is not scored.
"""

from __future__ import annotations

import json

import pandas as pd

from brandcouch.store import Store

#: follower bands: (label, lower bound)
FOLLOWER_BANDS = (("<100", 0), ("100-999", 100), ("1k-9.9k", 1_000), ("10k+", 10_000))
MIN_PER_BAND = 5


def _band_case() -> str:
    parts = " ".join(
        f"WHEN a.followers >= {lo} THEN {i}"
        for i, (_, lo) in reversed(list(enumerate(FOLLOWER_BANDS)))
    )
    return f"CASE {parts} END"


def fairness_frame(store: Store, keys: tuple[str, ...]) -> pd.DataFrame:
    """Per group: ``fairness_value``, ``fairness_n`` (customer turns in the compared bands) and
    ``fairness_bands`` (JSON of every band's n and response rate), over the turns that need a
    reply (those answered outside the data left out)."""
    k = ", ".join(f"i.{c}" for c in keys)
    rows = store.df(
        f"""
        SELECT {k}, {_band_case()} AS band, count(*) AS n, avg(i.answered::INT) AS rate
        FROM (SELECT * FROM turn_facts WHERE needs_reply AND NOT answered_outside_data) i
        JOIN accounts a ON a.id = i.author_id
        WHERE a.followers IS NOT NULL
        GROUP BY ALL ORDER BY ALL
        """
    )
    out = []
    for group, g in rows.groupby(list(keys), sort=False):
        group = group if isinstance(group, tuple) else (group,)
        bands = [
            {"band": FOLLOWER_BANDS[int(b)][0], "n": int(n), "response_rate": round(float(r), 4)}
            for b, n, r in zip(g["band"], g["n"], g["rate"], strict=True)
        ]
        enough = g[g["n"] >= MIN_PER_BAND].sort_values("band")
        value, n = None, 0
        if len(enough) >= 2 and enough["rate"].iloc[-1] > 0:
            value = min(1.0, float(enough["rate"].iloc[0] / enough["rate"].iloc[-1]))
            n = int(enough["n"].iloc[0] + enough["n"].iloc[-1])
        out.append((*group, value, n, json.dumps(bands)))
    frame = pd.DataFrame(out, columns=[*keys, "fairness_value", "fairness_n", "fairness_bands"])
    for c in keys:  # keep the key types (dates) even when no group has follower counts
        frame[c] = frame[c].astype(rows[c].dtype)
    return frame


def fairness_extras(row: dict) -> dict:
    raw = row.get("fairness_bands")
    return {"bands": json.loads(raw) if isinstance(raw, str) else []}
