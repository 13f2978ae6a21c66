"""The elements on real and designed corpora: the TWCS sample's league, the demo's design."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from brandcouch import api
from brandcouch.store import open_store
from tests.conftest import shared_path

ELEMENTS = ("empathy", "value", "transparency", "mutuality")


def pandas_first_response_medians(path) -> pd.Series:
    """Median minutes to the brand's earliest reply per brand, straight from the CSV."""
    df = pd.read_csv(path, dtype={"tweet_id": str, "author_id": str})
    df["t"] = pd.to_datetime(df["created_at"], format="%a %b %d %H:%M:%S %z %Y")
    df["parent"] = df["in_response_to_tweet_id"].dropna().astype("int64").astype(str)
    inbound, outbound = df[df["inbound"]], df[~df["inbound"]]
    pairs = outbound.merge(inbound, left_on="parent", right_on="tweet_id", suffixes=("_b", "_c"))
    pairs["mins"] = (pairs["t_b"] - pairs["t_c"]).dt.total_seconds() / 60
    first = pairs.groupby(["author_id_b", "tweet_id_c"])["mins"].min()
    return first[first >= 0].groupby(level=0).median()


@pytest.fixture(scope="module")
def twcs():
    path = shared_path("data", "twcs", "twcs_head5000.csv")
    store = open_store(":memory:")
    api.import_paths(store, [path])
    result = api.analyse(store).to_json()
    store.close()
    return path, result


def test_twcs_league(twcs):
    path, result = twcs
    league = sorted(
        (b for b in result["brands"] if b["health"]["score"] is not None),
        key=lambda b: -b["health"]["score"],
    )
    # brands with >= 20 customer turns whose replies are mostly in the data (coverage >= 0.5)
    # get a health; the rest say "not enough data". AldiUK's 72 turns are all mince-pie banter
    # addressed to 5 brands (issue 13, fourth pass): none needs a reply, so no health either
    assert len(league) >= 10
    for b in result["brands"]:
        scored = b["health"]["score"] is not None
        m = b["metrics"]
        enough = (
            m["turns"] >= 20
            and m["needs_reply_turns"] > 0
            and (m["coverage"] is None or m["coverage"] >= 0.5)
        )
        assert scored == enough, b["name"]
        # no brand posts to speak of in a care corpus: value is "not enough data", health partial
        # Morrisons' only complaint conversations were praise (2372 pumpkins, 378 palmier vote;
        # complaint.v6, issue 13 fifth pass): transparency has no data for it either
        if scored:
            missing = ["value", "transparency"] if b["name"] == "Morrisons" else ["value"]
            assert b["health"]["status"] == "partial" and b["health"]["missing"] == missing
    medians = pandas_first_response_medians(path)  # per message: the metrics' median
    for b in league:
        speed = b["elements"]["empathy"]["components"]["speed"]  # per customer turn
        assert speed["median_minutes"] == pytest.approx(
            b["metrics"]["turn_response_minutes_median"], abs=1e-3
        ), b["name"]
        assert b["metrics"]["first_response_minutes_median"] == pytest.approx(
            medians[b["name"]], abs=1e-3
        ), b["name"]
    healths = [b["health"]["score"] for b in league]
    assert healths == sorted(healths, reverse=True)
    top = {b["name"] for b in league[:3]}
    bottom = {b["name"] for b in league[-3:]}
    assert not top & bottom


@pytest.fixture(scope="module", params=[0.25, 1.0], ids=["scale-0.25", "full-demo"])
def demo(request):
    """The demo at a quarter and at full scale (what `make demo` shows)."""
    if importlib.util.find_spec("brandcouch.demo") is None:
        pytest.skip("brandcouch.demo is not importable yet (the demo generator is not in)")
    store = open_store(":memory:")
    api.generate_demo(store, scale=request.param)
    result = api.analyse(store).to_json()
    store.close()
    return {b["name"]: b for b in result["brands"]}


def _rank(demo, element):
    return sorted(demo, key=lambda n: -demo[n]["elements"][element]["score"])


def test_demo_brands_rank_as_designed(demo):
    assert set(demo) == {"Harbor Coffee", "MegaMart Deals", "Nimbus Telecom"}
    for name, b in demo.items():
        for e in ELEMENTS:
            assert b["elements"][e]["status"] == "ok", (name, e)
        assert b["health"]["status"] == "ok"
    for e in ELEMENTS:
        assert _rank(demo, e)[0] == "Harbor Coffee", e
    assert _rank(demo, "value")[-1] == "MegaMart Deals"
    assert _rank(demo, "empathy")[-1] == "MegaMart Deals"
    assert _rank(demo, "transparency")[-1] == "Nimbus Telecom"
    health = {n: b["health"]["score"] for n, b in demo.items()}
    assert health["Harbor Coffee"] > max(health["MegaMart Deals"], health["Nimbus Telecom"])


def test_demo_designed_behaviours_show_in_components(demo):
    nimbus = demo["Nimbus Telecom"]
    t = nimbus["elements"]["transparency"]["components"]
    assert t["hidden"]["value"] > 0.05  # Nimbus hides complaints
    hidden = [
        e
        for e in nimbus["elements"]["transparency"]["evidence"]["lowered"]
        if e["component"] == "hidden"
    ]
    assert hidden  # and the hidden complaints are listed as evidence
    assert t["deflection"]["value"] > 0.4  # canned "DM us"
    emp = nimbus["elements"]["empathy"]["components"]
    assert emp["speed"]["score"] > 80 and emp["personal"]["value"] < 0.2  # fast but canned
    mega = demo["MegaMart Deals"]["elements"]
    assert mega["value"]["components"]["pitch_share"]["value"] > 0.6
    assert mega["empathy"]["components"]["response_rate"]["value"] < 0.25
    harbor = demo["Harbor Coffee"]["elements"]["empathy"]["components"]
    assert harbor["response_rate"]["value"] > 0.85 and harbor["personal"]["value"] > 0.6


def test_demo_session_findings(demo):
    for name, b in demo.items():
        s = b["session"]
        assert s["summary"].startswith(f"Come in, {name}.")
        sev = [f["severity"] for f in s["findings"]]
        assert sev == sorted(sev, reverse=True) and len(sev) <= 5
        for f in s["findings"]:
            assert set(f) >= {"id", "element", "title", "detail", "numbers", "evidence",
                              "prescription", "severity"}  # fmt: skip
    nimbus_ids = [f["id"] for f in demo["Nimbus Telecom"]["session"]["findings"]]
    assert "transparency.complaints_owned" in nimbus_ids[:2]
    mega = demo["MegaMart Deals"]["session"]["findings"]
    assert len(mega) >= 3
    assert {"empathy.response_rate", "value.pitch_share"} <= {f["id"] for f in mega}
    pitch = next(f for f in mega if f["id"] == "value.pitch_share")
    assert pitch["prescription"]["principle"] == "value"
    assert all(e["component"] == "pitch_share" for e in pitch["evidence"])
    assert demo["Harbor Coffee"]["session"]["going_well"]
