"""Benchmark ranks and percentiles on three hand-made brands (plus one too small to rank)."""

from __future__ import annotations

import pandas as pd
import pytest

from brandcouch.metrics.benchmark import compare_brands, rank_and_percentile, wilson_lower


def brand(name, inbound, reply, median, quality, empathy=None):
    b = {
        "name": name,
        "metrics": {"inbound": inbound, "reply_rate_all": reply,
                    "first_response_minutes_median": median},
        "audience": {"quality_share": quality, "members": inbound // 2},
    }  # fmt: skip
    if empathy is not None:
        b["elements"] = {"empathy": {"score": empathy, "status": "ok"}}
    return b


def entry(name, questions, answered, median=None):
    return {"brand": name, "basis": "questions", "questions": questions, "answered": answered,
            "answers_questions_rate": answered / questions, "median_minutes": median}  # fmt: skip


BRANDS = [
    brand("A", 100, 0.9, 10.0, 0.4, empathy=80),
    brand("B", 200, 0.5, 30.0, 0.4, empathy=60),
    brand("C", 50, 0.7, 5.0, 0.1),
    brand("D", 5, 1.0, 1.0, 0.9),
]
DIRECTORY = [entry("A", 50, 45), entry("B", 40, 20), entry("C", 10, 9), entry("D", 2, 2)]


def bench():
    out = compare_brands(BRANDS, DIRECTORY, min_inbound=20)
    return out, {b["brand"]: b for b in out["brands"]}


def test_league_order_questions_answered_then_speed():
    out, _ = bench()
    # A and C both answer 90% of questions, but A on 50 questions (Wilson 95% lower bound 0.786)
    # and C on 10 (0.596): A proves more, so it leads despite C's speed; B answers 50%
    assert [b["brand"] for b in out["brands"]] == ["A", "C", "B", "D"]
    assert [b["league_rank"] for b in out["brands"]] == [1, 2, 3, None]
    assert out["ranked"] == 3 and out["listed"] == 4


def test_ranks_share_ties_and_lower_is_better_for_time():
    _, by = bench()
    assert {n: by[n]["ranks"]["questions_answered_rate"] for n in "ABC"} == {"A": 1, "B": 3, "C": 1}
    assert {n: by[n]["ranks"]["first_response_minutes_median"] for n in "ABC"} == {
        "A": 2, "B": 3, "C": 1}  # fmt: skip
    assert {n: by[n]["ranks"]["inbound"] for n in "ABC"} == {"A": 2, "B": 1, "C": 3}
    assert {n: by[n]["ranks"]["quality_share"] for n in "ABC"} == {"A": 1, "B": 1, "C": 3}


def test_percentiles_by_hand():
    _, by = bench()
    # percentile = (mid-rank from the bottom - 1) / (n - 1): tied A and C sit at 2.5 → 75
    assert {n: by[n]["percentiles"]["questions_answered_rate"] for n in "ABC"} == {
        "A": 75, "B": 0, "C": 75}  # fmt: skip
    assert {n: by[n]["percentiles"]["reply_rate_all"] for n in "ABC"} == {"A": 100, "B": 0, "C": 50}
    assert {n: by[n]["percentiles"]["first_response_minutes_median"] for n in "ABC"} == {
        "A": 50, "B": 0, "C": 100}  # fmt: skip


def test_elements_are_ranked_where_present():
    out, by = bench()
    assert {"key": "empathy", "better": "higher"} in out["metrics"]
    assert by["A"]["ranks"]["empathy"] == 1 and by["A"]["percentiles"]["empathy"] == 100
    assert by["B"]["ranks"]["empathy"] == 2 and by["B"]["percentiles"]["empathy"] == 0
    assert by["C"]["ranks"]["empathy"] is None  # no score: not ranked on it
    assert all(m["key"] != "value" for m in out["metrics"])  # no brand has it


def test_small_brands_are_listed_not_ranked():
    _, by = bench()
    d = by["D"]
    assert d["ranked"] is False and d["ranks"] == {} and d["percentiles"] == {}
    assert d["note"] == "not ranked: 5 inbound messages (< 20)"
    assert d["values"]["questions_answered_rate"] == 1


def test_questions_answered_versus_ignored():
    _, by = bench()
    v = by["B"]["values"]
    assert (v["questions"], v["questions_answered"], v["questions_ignored"]) == (40, 20, 20)


def test_a_single_brand_has_rank_one_and_no_percentile():
    import pandas as pd

    ranks, pcts = rank_and_percentile(pd.Series([3.0]), True)
    assert ranks.tolist() == [1.0] and pcts.isna().all()


def test_wilson_lower_bound_by_hand():
    # (p + z²/2n - z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), z = 1.96
    got = wilson_lower(pd.Series([4, 95, 45, 9]), pd.Series([4, 100, 50, 10]))
    assert list(got.round(4)) == [0.5101, 0.8882, 0.7864, 0.5958]
    assert pd.isna(wilson_lower(pd.Series([0]), pd.Series([0]))[0])


def test_speed_breaks_ties_on_equal_evidence():
    # the tie breaks on the median reply to questions (the directory's), not to all inbound
    brands = [brand("P", 100, 0.9, 5.0, 0.4), brand("Q", 100, 0.9, 10.0, 0.4)]
    out = compare_brands(
        brands, [entry("P", 40, 36, 12.0), entry("Q", 40, 36, 6.0)], min_inbound=20
    )
    assert [b["brand"] for b in out["brands"]] == ["Q", "P"]
    assert out["brands"][0]["values"]["questions_median_minutes"] == 6.0
    assert out["brands"][0]["league_rank"] == 1
    assert pytest.approx(out["brands"][0]["values"]["questions_answered_rate"]) == 0.9
