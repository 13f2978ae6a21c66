"""Pitch-without-listening flags and the session on the essay's own comment thread."""

from __future__ import annotations

import pytest

from brandcouch import api
from brandcouch.diagnosis.flags import LOW_RELEVANCE, answers_offer, audience_pitch, pitch_flags
from tests.conftest import shared_path

STEVE = "%/user/socialsteve"


@pytest.fixture
def essay(store):
    api.import_paths(store, [shared_path("seed", "seed-thread.wxr")])
    result = api.analyse(store).to_json()
    return store, next(b for b in result["brands"] if b["name"] == "Social Steve")


def test_elias_and_only_elias_is_flagged(essay):
    store, brand = essay
    flags = brand["flags"]
    assert [f["author"] for f in flags] == ["Elias"]
    (f,) = flags
    assert f["kind"] == "audience_comment" and f["platform"] == "blog"
    assert f["relevance"] < LOW_RELEVANCE and f["promotion"] >= 0.5
    assert "self-promotion" in f["reason"] and "low relevance" in f["reason"]
    assert f["text"].startswith("It’s no brainer")
    assert f["message_id"].startswith("blog:")


def test_the_reply_to_migdalia_is_relevant(essay):
    store, _ = essay
    rel = store.con.execute(
        f"""
        SELECT r.relevance FROM mb r JOIN mb p ON p.id = r.parent_id
        JOIN accounts a ON a.id = p.author_id
        WHERE r.author_id LIKE '{STEVE}' AND a.display_name = 'Migdalia'
        """
    ).fetchall()
    assert len(rel) == 1 and rel[0][0] >= LOW_RELEVANCE


def test_the_blog_author_answered_two_of_seven(essay):
    _, brand = essay
    assert (brand["metrics"]["inbound"], brand["metrics"]["replied"]) == (7, 2)
    # seven comments are too few for a confident score: every element says so, with the count
    for name in ("empathy", "transparency", "mutuality"):
        el = brand["elements"][name]
        assert el["score"] is None and el["reason"].startswith("7 customer turns")
    assert brand["session"]["findings"] == [] and "not enough data" in brand["session"]["summary"]


def test_session_api_selects_a_brand(store):
    api.import_paths(store, [shared_path("seed", "seed-thread.wxr")])
    (s,) = api.session(store, "social steve")
    assert s["brand"] == "Social Steve" and set(s) >= {"summary", "findings", "going_well"}
    from brandcouch.errors import ConfigError

    with pytest.raises(ConfigError, match="no brand named 'Nobody'"):
        api.session(store, "Nobody")


# --- care context (issue 13) ------------------------------------------------------------------

CARE_THREAD = """tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
1,9001,True,Tue Oct 31 10:00:00 +0000 2017,@BrandCare my order 12345 never arrived,2,
2,BrandCare,False,Tue Oct 31 10:05:00 +0000 2017,@9001 Sorry! Can you send us a screenshot of the order page?,"3,4,9",1
3,9001,True,Tue Oct 31 10:07:00 +0000 2017,@BrandCare Yes. https://t.co/abc123XYZ,,2
4,9002,True,Tue Oct 31 10:08:00 +0000 2017,@BrandCare @9001 listen to my new single guys https://t.co/zzz999QQ,,2
5,9003,True,Tue Oct 31 11:00:00 +0000 2017,@BrandCare do you have any deals on coffee this week?,6,
6,BrandCare,False,Tue Oct 31 11:05:00 +0000 2017,@9003 Yes! Shop now: buy one get one free until Sunday.,,5
7,9004,True,Tue Oct 31 12:00:00 +0000 2017,@BrandCare is the app down again?,8,
8,BrandCare,False,Tue Oct 31 12:05:00 +0000 2017,@9004 Shop now: 20% off everything this weekend with code FALL20!,,7
9,9001,True,Tue Oct 31 10:09:00 +0000 2017,ok I will check out the website later then,,2
"""


def test_pitch_flags_read_the_care_context(store, tmp_path):
    path = tmp_path / "care.csv"
    path.write_text(CARE_THREAD, encoding="utf-8")
    api.import_paths(store, [path])
    api.analyse(store)
    promo = dict(store.con.execute("SELECT native_id, self_promotion FROM mb").fetchall())
    flags = {f["message_id"]: f for f in pitch_flags(store)["BrandCare"]}
    # 4: a stranger in the care thread plugs their single -> flagged with the cue in the reason
    # 8: the customer asked whether the app is down, the brand pushes a code -> flagged
    assert sorted(flags) == ["twitter:twcs:4", "twitter:twcs:8"]
    assert "care conversation" in flags["twitter:twcs:4"]["reason"]
    assert flags["twitter:twcs:8"]["kind"] == "brand_reply"
    # 3: the customer's screenshot scores below 0.5 (model damped in care form)
    assert promo["twcs:3"] < 0.5
    # 9: "check out the website" scores >= 0.5 (v2 rule) but answers the brand's request in a
    # care conversation with no own-promotion cue -> not flagged
    assert promo["twcs:9"] >= 0.5
    # 6: a sales reply (>= 0.5, low relevance) answering the customer's own deals question
    assert answers_offer("@BrandCare do you have any deals on coffee this week?")
    assert not answers_offer("@BrandCare is the app down again?")


def test_audience_pitch_rule_by_hand():
    got = audience_pitch([0.9, 0.9, 0.4, 0.9], [0.1, 0.5, 0.1, float("nan")])
    assert got.tolist() == [True, False, False, False]
