"""The four elements on a hand-built pair of threads, every component computed by hand.

tests/fixtures/elements/acme_threads.csv: Acme (1,200 followers) posts a tea guide (p1) and a
sale (p2). Twelve audience messages answer them (c1-c12; c10 is a complaint the brand later
hid: deleted), Acme replies five times (r1, r2 personal; r4, r8, r9 the same "please DM us
your details" template), and two customers write again after Acme's answer (c6 thanks, c7
asks again and is ignored). Each test first checks the signal premises it relies on, so a
change in a signal fails here with a clear message rather than a silent wrong number.
"""

from __future__ import annotations

import csv
import math

import pytest

from brandcouch import api
from brandcouch.metrics import component, fairness
from brandcouch.metrics.health import geometric_health, health
from tests.conftest import FIXTURES

CSV = FIXTURES / "elements" / "acme_threads.csv"


def _signals(store) -> dict[str, dict]:
    rows = store.df(
        "SELECT native_id, sentiment, question, complaint, gratitude, apology, deflection, "
        "sales_pitch, self_promotion, relevance, readability, length, deleted, engagement, "
        "act_private FROM mb"
    )
    return {r["native_id"]: r for r in rows.to_dict("records")}


@pytest.fixture
def acme(store, monkeypatch):
    """(brand dict, signals by native id) with minimums low enough for 12 inbound messages."""
    monkeypatch.setenv("BRANDCOUCH_MIN_INBOUND", "10")
    monkeypatch.setenv("BRANDCOUCH_MIN_POSTS", "2")
    monkeypatch.setattr(component, "COMPONENT_MIN_N", 1)
    api.import_paths(store, [CSV])
    store.con.execute("UPDATE messages SET deleted = true WHERE id = 'generic:c10'")
    result = api.analyse(store).to_json()
    brand = next(b for b in result["brands"] if b["name"] == "Acme")
    return brand, _signals(store)


def test_signal_premises(acme):
    _, s = acme
    on = lambda k, sig: s[k][sig] >= 0.5  # noqa: E731
    needy = {k for k in s if k.startswith("c") and (on(k, "question") or on(k, "complaint"))}
    assert needy == {"c1", "c2", "c4", "c5", "c7", "c8", "c9", "c10", "c11"}
    complaints = {k for k in s if k.startswith("c") and on(k, "complaint")}
    assert complaints == {"c2", "c4", "c5", "c7", "c10", "c11"}
    assert on("p2", "sales_pitch") and not on("p1", "sales_pitch")
    assert on("r2", "apology") and not any(on(r, "apology") for r in ("r1", "r4", "r8", "r9"))
    assert all(on(r, "deflection") for r in ("r4", "r8", "r9"))
    assert on("c3", "gratitude") and on("c6", "gratitude") and on("c12", "self_promotion")
    assert s["c2"]["sentiment"] <= -0.3 and s["c4"]["sentiment"] > -0.3


def test_empathy_by_hand(acme):
    brand, s = acme
    e = brand["elements"]["empathy"]
    c = e["components"]
    assert e["n"] == 12 and e["status"] == "ok"
    # 9 need a reply (c1 c2 c4 c5 c7 c8 c9 c10 c11); answered: c1 c2 c4 c8 c9
    assert (c["response_rate"]["value"], c["response_rate"]["n"]) == (
        pytest.approx(5 / 9, abs=1e-4),
        9,
    )
    assert brand["metrics"]["reply_rate_all"] == pytest.approx(5 / 12, abs=1e-4)
    # first replies after 4 (c1), 30 (c2), 120 (c4), 20 (c8), 120 (c9) minutes
    assert c["speed"]["median_minutes"] == pytest.approx(30.0)
    assert c["speed"]["mean_minutes"] == pytest.approx(58.8)
    bands = {k: v["count"] for k, v in c["speed"]["bands"].items()}
    assert bands == {"le_6m": 1, "le_22m": 1, "le_1h": 1, "le_24h": 2, "later": 0,
                     "untimed": 0, "never": 7}  # fmt: skip
    expected_speed = 100 * (math.log(1440) - math.log(30)) / (math.log(1440) - math.log(6))
    assert c["speed"]["score"] == pytest.approx(expected_speed, abs=0.05)
    # relevance: the mean over the five replies, recomputed through the public signal API
    pairs = [("r1", "c1"), ("r2", "c2"), ("r4", "c4"), ("r8", "c8"), ("r9", "c9")]
    with CSV.open(encoding="utf-8") as f:
        texts = {row["id"]: row["text"] for row in csv.DictReader(f)}
    rel = api.score_texts([texts[r] for r, _ in pairs], [texts[p] for _, p in pairs])["relevance"]
    assert c["relevance"]["value"] == pytest.approx(float(rel.mean()), abs=1e-4)
    # full marks at a mean of 0.35 (docs/metrics.md): score = 100 x min(1, mean / 0.35)
    assert c["relevance"]["score"] == pytest.approx(
        min(100, 100 * float(rel.mean()) / 0.35), abs=0.05
    )
    # r4, r8, r9 share one template (3 uses = canned_min_repeats): 2 of 5 personal
    assert (c["personal"]["value"], c["personal"]["n"]) == (0.4, 5)
    # replies to negative inbound: r2 (to c2, apologises), r4 (to c4, a complaint; does not)
    assert (c["acknowledgement"]["value"], c["acknowledgement"]["n"]) == (0.5, 2)
    # follower bands: only "<100" has 5 askers' messages: not scored
    assert c["fairness"]["score"] is None and "fairness" in e["missing"]
    weights = {"response_rate": 0.3, "speed": 0.2, "relevance": 0.2, "personal": 0.15,
               "acknowledgement": 0.1}  # fmt: skip
    expected = sum(c[k]["score"] * w for k, w in weights.items()) / sum(weights.values())
    assert e["score"] == pytest.approx(expected, abs=0.1)


def test_fairness_with_small_bands(store, monkeypatch):
    monkeypatch.setenv("BRANDCOUCH_MIN_INBOUND", "10")
    monkeypatch.setattr(component, "COMPONENT_MIN_N", 1)
    monkeypatch.setattr(fairness, "MIN_PER_BAND", 1)
    api.import_paths(store, [CSV])
    brand = api.analyse(store).to_json()["brands"][0]
    f = brand["elements"]["empathy"]["components"]["fairness"]
    # "<100": c1 c2 c5 c9 c11 answered 3 of 5 ... plus c10 (gus, 90) unanswered: 3/6;
    # "10k+": eve's c8 answered: 1/1. ratio 0.5, over 6 + 1 messages
    assert (f["value"], f["n"]) == (0.5, 7)
    assert {b["band"]: (b["n"], b["response_rate"]) for b in f["bands"]} == {
        "<100": (6, 0.5),
        "1k-9.9k": (2, 0.5),
        "10k+": (1, 1.0),
    }


def test_value_by_hand(acme):
    brand, s = acme
    v = brand["elements"]["value"]
    c = v["components"]
    assert v["n"] == 2 and v["status"] == "ok"
    assert c["pitch_share"]["value"] == 0.5 and c["pitch_share"]["score"] == 50.0
    # appreciative direct responses: c3 (thanks) on p1; c12 is spam (self-promotion), not
    # counted; c10 is deleted. Responses: p1 c1 c2 c3, p2 c4 c5 c8 c9 c11 = 8
    assert c["appreciation"]["value"] == 0.5
    assert (c["appreciation_share"]["value"], c["appreciation_share"]["n"]) == (0.125, 8)
    # (likes + reposts + replies): p1 30, p2 15; per 1,000 of 1,200 followers: 25 and 12.5
    assert c["engagement"]["value"] == pytest.approx(18.75)
    assert c["engagement"]["per_post"] == pytest.approx(22.5)
    assert "1,000 followers" in c["engagement"]["denominator"]
    assert c["engagement"]["score"] == 100.0  # above 10 per 1,000
    # both posts: Flesch >= 60 and <= 50 words on a microblog-like channel: 100
    assert s["p1"]["readability"] > 60 and s["p2"]["readability"] > 60
    assert c["kiss"]["value"] == pytest.approx(100.0)


def test_transparency_by_hand(acme):
    brand, s = acme
    c = brand["elements"]["transparency"]["components"]
    assert s["r2"]["engagement"] >= 0.5  # "a replacement is on its way": a concrete step
    assert s["r4"]["engagement"] < 0.5 and s["r4"]["act_private"] >= 0.5  # "please DM us"
    # complaint conversations (a customer's conversation with Acme in one thread): bob (c2),
    # dan (c4 c7), eli (c5 c11, never answered), gus (c10, hidden); owned: bob's (r2 engages)
    assert (c["complaints_owned"]["value"], c["complaints_owned"]["n"]) == (0.25, 4)
    # c10 hidden: 1 of 6 complaint turns on a channel that records deletions
    assert c["hidden"]["value"] == pytest.approx(1 / 6, abs=1e-4)
    assert c["hidden"]["score"] == pytest.approx(100 * (1 - (1 / 6) / 0.25), abs=0.05)
    # answered complaint conversations: bob (owned), dan (only "please DM us"): 1 of 2
    assert (c["deflection"]["value"], c["deflection"]["score"]) == (0.5, 50.0)
    # outcomes: bob's "Thanks, that is kind of you!" is the same (no resolution said), dan's
    # "I did DM you, why no answer yet?" worse (no answer): (0 + 0.5 x 1) / 2
    assert (c["outcome"]["value"], c["outcome"]["n"], c["outcome"]["score"]) == (0.25, 2, 25.0)
    assert (c["disclosure"]["value"], c["disclosure"]["n"]) == (0.0, 1)
    ev = brand["elements"]["transparency"]["evidence"]
    lowered = {(e["component"], e["message_id"]) for e in ev["lowered"]}
    assert ("hidden", "generic:c10") in lowered
    assert ("deflection", "generic:r4") in lowered
    assert ("outcome", "generic:c7") in lowered
    assert ("complaints_owned", "generic:r2") in {
        (e["component"], e["message_id"]) for e in ev["raised"]
    }


def test_mutuality_by_hand(acme):
    brand, _ = acme
    c = brand["elements"]["mutuality"]["components"]
    # wrote twice: bob (answered), dan (answered), eli (never)
    assert (c["reciprocity"]["value"], c["reciprocity"]["n"]) == (pytest.approx(2 / 3, abs=1e-4), 3)
    # follow-ups needing a reply after the brand answered: c7 (ignored); c6 is a thank-you
    assert (c["follow_ups"]["value"], c["follow_ups"]["n"]) == (0.0, 1)
    # conversations: ann 2, bob 3 (c2 r2 c6), dan 3 (c4 r4 c7), eve 2, fay 2
    assert (c["depth"]["value"], c["depth"]["n"]) == (2.4, 5)
    assert c["depth"]["score"] == pytest.approx(100 * 1.4 / 3, abs=0.05)
    assert c["addressed"]["value"] == pytest.approx(5 / 7, abs=1e-4)


def test_evidence_points_at_the_right_messages(acme):
    brand, _ = acme
    emp = brand["elements"]["empathy"]["evidence"]
    raised = [e["message_id"] for e in emp["raised"]]
    assert raised[0] == "generic:c1"  # ann's question, answered within 4 minutes (a turn)
    lowered = {e["message_id"]: e for e in emp["lowered"]}
    assert "generic:c5" in lowered or "generic:c11" in lowered  # eli's unanswered refund
    canned = [e for e in emp["lowered"] if e["component"] == "personal"]
    assert len(canned) == 1 and "used 3 times" in canned[0]["reason"]  # one per template
    for e in emp["lowered"]:
        assert set(e) >= {"message_id", "platform", "author", "text", "created_at",
                          "permalink", "thread_root", "reason"}  # fmt: skip


def test_not_enough_data_below_the_minimum(store):
    api.import_paths(store, [CSV])  # 12 inbound, 2 posts: below the defaults (20, 10)
    brand = api.analyse(store).to_json()["brands"][0]
    for name in ("empathy", "transparency", "mutuality"):
        el = brand["elements"][name]
        assert (el["score"], el["status"], el["n"]) == (None, "not enough data", 12)
        assert el["reason"] == "12 customer turns; at least 20 needed"
        assert all(c["score"] is None for c in el["components"].values())
    assert brand["elements"]["value"]["reason"] == "2 brand posts; at least 10 needed"
    assert brand["health"]["score"] is None and brand["health"]["status"] == "not enough data"
    assert brand["session"]["findings"] == []
    assert "not enough data" in brand["session"]["summary"]


def test_health_punishes_imbalance():
    balanced = geometric_health(
        dict.fromkeys(("empathy", "value", "transparency", "mutuality"), 70)
    )
    lopsided = geometric_health({"empathy": 90, "value": 90, "transparency": 90, "mutuality": 10})
    assert balanced == pytest.approx(70.0)
    assert lopsided == pytest.approx((90**3 * 10) ** 0.25)  # 51.96
    # the arithmetic mean would call them equal (70 = 70): the geometric mean does not
    assert (90 * 3 + 10) / 4 == 70 and lopsided < balanced - 15


def _el(score, n=100, conf="medium"):
    return {"score": score, "n": n, "confidence": conf, "evidence": {"raised": [], "lowered": []}}


def test_health_partial_and_missing():
    h = health(
        {"empathy": _el(80), "value": _el(None), "transparency": _el(20), "mutuality": _el(80)}
    )
    assert h["status"] == "partial" and h["missing"] == ["value"]
    assert h["score"] == pytest.approx((80 * 20 * 80) ** (1 / 3), abs=0.05)
    assert h["weakest"] == "transparency" and h["strongest"] == "empathy"
    h = health({"empathy": _el(80), "value": _el(None), "transparency": _el(None),
                "mutuality": _el(None)})  # fmt: skip
    assert h["score"] is None and h["status"] == "not enough data"


def test_periods_are_scored_like_the_whole(acme):
    brand, _ = acme
    periods = {(p["period"], p["start"]): p for p in brand["periods"]}
    # 2024-03-01 is a Friday: week of Monday 2024-02-26; everything but c11 (03-02) that week
    assert set(periods) == {("week", "2024-02-26"), ("month", "2024-03-01")}
    month = periods[("month", "2024-03-01")]
    assert month["metrics"]["inbound"] == 12
    assert month["elements"]["empathy"]["score"] == brand["elements"]["empathy"]["score"]
    assert month["health"]["score"] == brand["health"]["score"]


def test_channels_carry_elements(acme):
    brand, _ = acme
    (ch,) = brand["channels"]
    assert ch["platform"] == "generic"
    assert ch["elements"]["empathy"]["score"] == brand["elements"]["empathy"]["score"]
    assert ch["health"]["score"] == brand["health"]["score"]
