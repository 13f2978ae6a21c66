"""The notebook data frames of the typed result: flat columns, values hand-checked against the
demo at tests.model.results.DEMO_SCALE."""

from __future__ import annotations

import pytest

from brandcouch.model.result import Analysis
from tests.model.results import demo_result


@pytest.fixture(scope="module")
def a():
    return Analysis.from_json(demo_result())


def _flat(df):
    for col in df.columns:
        assert not df[col].map(lambda v: isinstance(v, dict | list | tuple)).any(), col


def test_brands_frame(a):
    df = a.brands_frame()
    _flat(df)
    assert list(df["brand"]) == ["MegaMart Deals", "Nimbus Telecom", "Harbor Coffee"]
    harbor = df.set_index("brand").loc["Harbor Coffee"]
    assert harbor["health"] == 88.9 and harbor["health_status"] == "ok"
    assert harbor["inbound"] == 841 and harbor["reply_rate_all"] == 0.8383
    assert {"empathy", "empathy_status", "mutuality", "first_response_minutes_median"} <= set(df)


def test_channels_periods_findings_flags_audience_frames(a):
    ch = a.channels_frame()
    _flat(ch)
    assert set(ch[ch["brand"] == "Harbor Coffee"]["channel"]) == {
        "blog",
        "mastodon",
        "twitter",
        "youtube",
    }
    pe = a.periods_frame()
    _flat(pe)
    assert set(pe["period"]) == {"week", "month"} and str(pe["start"].dtype).startswith("datetime")
    fi = a.findings_frame()
    _flat(fi)
    first = fi[fi["brand"] == "MegaMart Deals"].iloc[0]
    assert (first["rank"], first["score"], first["n"], first["target"]) == (1, 1.2, 429, 80.0)
    fl = a.flags_frame()
    _flat(fl)
    assert len(fl[fl["brand"] == "MegaMart Deals"]) == 235
    au = a.audience_frame()
    _flat(au)
    harbor = au[au["brand"] == "Harbor Coffee"]
    assert (harbor["role"] == "strongest").sum() == 10 and (
        harbor["role"] == "recommender"
    ).sum() == 20
