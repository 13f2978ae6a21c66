"""The ``audience`` sections of the result: per brand and per channel (docs/output.md)."""

from __future__ import annotations

import pandas as pd

from brandcouch.audience.recommenders import recommenders
from brandcouch.audience.segments import SEGMENTS
from brandcouch.metrics.summary import clean
from brandcouch.store import Store

#: members below which ``quality_share`` is "not enough data"
MIN_MEMBERS = 10
#: (members below, confidence)
CONFIDENCE = ((30, "low"), (300, "medium"))
STRONGEST = 10
EXAMPLE_CHARS = 280


def confidence(n: int) -> str:
    return next((label for limit, label in CONFIDENCE if n < limit), "high")


def _group_stats(store: Store, keys: str, source: str) -> pd.DataFrame:
    return store.df(
        f"""
        SELECT {keys}, segment, count(*) AS n, count(*) FILTER (WHERE quality) AS q,
               sum(tie_strength) AS tie_sum
        FROM {source} GROUP BY {keys}, segment
        """
    )


def _followers(store: Store) -> pd.DataFrame:
    return store.df(
        """
        SELECT bm.brand, a.platform, sum(a.followers) AS followers
        FROM brand_map bm JOIN accounts a ON a.id = bm.account_id
        GROUP BY bm.brand, a.platform
        """
    )


def _section(rows: pd.DataFrame, followers: float | None, min_members: int) -> dict:
    members = int(rows["n"].sum()) if len(rows) else 0
    quality = int(rows["q"].sum()) if len(rows) else 0
    counts = dict.fromkeys(SEGMENTS, 0)
    for seg, n in zip(rows.get("segment", []), rows.get("n", []), strict=True):
        counts[seg] = int(n)
    enough = members >= min_members
    share = quality / members if members and enough else None
    return {
        "members": members,
        "status": "ok" if enough else "not enough data",
        "confidence": confidence(members),
        "segments": counts,
        "quality_members": quality,
        "quality_share": clean(share),
        "tie_strength_mean": clean(rows["tie_sum"].sum() / members) if members else None,
        "followers": clean(followers),
        "quality_per_1k_followers": (
            clean(1000 * quality / followers) if followers and enough else None
        ),
    }


def _recommender_dicts(df: pd.DataFrame) -> list[dict]:
    out = []
    for r in df.itertuples(index=False):
        text = r.example_text or ""
        out.append(
            {
                "account_id": r.account_id,
                "handle": clean(r.handle),
                "platform": r.platform,
                "followers": clean(r.followers),
                "messages": int(r.messages),
                "example_text": text[:EXAMPLE_CHARS],
                "message_ids": list(r.message_ids),
                "member": bool(r.member),
                "segment": clean(r.segment),
            }
        )
    return out


def _strongest(store: Store) -> dict[str, list[dict]]:
    df = store.df(
        f"""
        SELECT brand, account_id, handle, platforms, messages, answered, tie_strength, segment
        FROM aud_members
        QUALIFY row_number() OVER (PARTITION BY brand
                                   ORDER BY tie_strength DESC, messages DESC, account_id)
                <= {STRONGEST}
        ORDER BY brand, tie_strength DESC, messages DESC, account_id
        """
    )
    out: dict[str, list[dict]] = {}
    for r in df.itertuples(index=False):
        out.setdefault(r.brand, []).append(
            {
                "account_id": r.account_id,
                "handle": clean(r.handle),
                "platforms": list(r.platforms),
                "messages": int(r.messages),
                "answered": int(r.answered),
                "tie_strength": clean(r.tie_strength),
                "segment": r.segment,
            }
        )
    return out


def _by(df: pd.DataFrame, keys: list[str]) -> dict:
    """Rows of ``df`` grouped by ``keys`` (one pass, instead of filtering per brand)."""
    if df.empty:
        return {}
    return {k if len(keys) > 1 else k[0]: g for k, g in df.groupby(keys, sort=False)}


def audience_sections(
    store: Store, brands: list[dict], min_members: int = MIN_MEMBERS
) -> dict[str, dict]:
    """``{brand name: {"audience": section, "channels": {platform: section}}}`` for the given
    brand dicts (``name`` and ``channels[].platform`` are read). Reads the audience steps
    (``aud_members``, ``aud_msgs``, ``aud_recs``, ``aud_person``)."""
    overall = _by(_group_stats(store, "brand", "aud_members"), ["brand"])
    per_channel = _by(
        _group_stats(
            store,
            "brand, platform",
            "(SELECT DISTINCT brand, platform, person FROM aud_msgs) JOIN aud_members "
            "USING (brand, person)",
        ),
        ["brand", "platform"],
    )
    fol = _followers(store).dropna(subset=["followers"])
    fol_brand = fol.groupby("brand")["followers"].sum().to_dict()
    fol_channel = fol.set_index(["brand", "platform"])["followers"].to_dict()
    recs = _by(recommenders(store), ["brand"])
    strongest = _strongest(store)
    empty = pd.DataFrame({"segment": [], "n": [], "q": [], "tie_sum": []})
    out = {}
    for b in brands:
        name = b["name"]
        section = _section(overall.get(name, empty), fol_brand.get(name), min_members)
        mine = recs.get(name)
        section["recommenders"] = [] if mine is None else _recommender_dicts(mine)
        section["recommenders_total"] = 0 if mine is None else int(mine["n_recommenders"].max())
        section["recommenders_reach"] = None if mine is None else clean(mine["reach_total"].max())
        section["strongest"] = strongest.get(name, [])
        channels = {}
        for ch in b.get("channels", []):
            key = (name, ch["platform"])
            channels[ch["platform"]] = _section(
                per_channel.get(key, empty), fol_channel.get(key), min_members
            )
        out[name] = {"audience": section, "channels": channels}
    return out
