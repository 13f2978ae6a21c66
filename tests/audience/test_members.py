"""Tie strength and segments of the hand-built Acme audience, computed by hand."""

from __future__ import annotations

import math

import pytest

from brandcouch import api
from brandcouch.audience import WEIGHTS, audience_sections
from tests.audience.conftest import set_signals
from tests.conftest import FIXTURES

# the newest message in the store is Acme's post p3 at 2024-03-10 10:00 UTC


def tie(freq, rec, recip, depth, sent, multi) -> float:
    parts = dict(zip(WEIGHTS, (freq, rec, recip, depth, sent, multi), strict=True))
    return 100 * sum(WEIGHTS[k] * v for k, v in parts.items())


def members(store):
    df = api.audience(store, "Acme", signals=False)
    return df.set_index("account_id")


def test_every_member_gets_exactly_one_segment(acme):
    store, _ = acme
    df = members(store)
    assert df["segment"].to_dict() == {
        "twitter:ann": "advocate",  # 3 positive messages incl. a recommendation, answered
        "twitter:bob": "critic_at_risk",  # 2 complaints, unanswered
        "mastodon:sam": "spam",  # self-promotion on 2 of 2
        "mastodon:dealz": "likely_bot",  # the same text every 60 minutes (and promotional)
        "twitter:carl": "one_off",
        "mastodon:dana": "one_off",
        "mastodon:eve_m": "regular",  # eve on mastodon + eve on twitter: one person
    }
    assert "twitter:fay" not in df.index  # recommends Acme to a friend, never wrote to it


def test_the_advocates_tie_strength_by_hand(acme):
    store, _ = acme
    ann = members(store).loc["twitter:ann"]
    # 3 messages, all answered; one thread: a1, a2, a3 each answered (+3), replies (+3) = 6 turns
    # last message 2024-03-09 10:00 → 1 day before the newest message
    assert ann["messages"] == 3 and ann["answered"] == 3 and ann["depth_max"] == 6
    assert ann["days_since_last"] == pytest.approx(1.0)
    expected = tie(math.log10(3), 0.5 ** (1 / 30), 1.0, 1.0, (0.7 + 1) / 2, 0.0)
    assert ann["tie_strength"] == pytest.approx(expected, abs=1e-6)
    # 25·0.4771 + 15·0.9772 + 25·1 + 15·1 + 10·0.85 + 10·0 = 75.09
    assert ann["tie_strength"] == pytest.approx(75.09, abs=0.01)
    assert ann["quality"]


def test_the_critics_tie_strength_by_hand(acme):
    store, _ = acme
    bob = members(store).loc["twitter:bob"]
    # last message 2024-03-06 11:00 → 3 days 23 hours; nobody answered: 1 turn → depth 0
    days = 3 + 23 / 24
    assert bob["days_since_last"] == pytest.approx(days)
    assert bob["unresolved_complaints"] == 2
    expected = tie(math.log10(2), 0.5 ** (days / 30), 0.0, 0.0, (-0.55 + 1) / 2, 0.0)
    assert bob["tie_strength"] == pytest.approx(expected, abs=1e-6)
    assert not bob["quality"]


def test_one_person_on_two_channels(acme):
    store, _ = acme
    eve = members(store).loc["mastodon:eve_m"]
    assert list(eve["accounts"]) == ["mastodon:eve_m", "twitter:eve_t"]
    assert list(eve["platforms"]) == ["mastodon", "twitter"]
    assert eve["followers"] == 200  # 80 + 120
    # twitter thread: e1 answered + reply = 2 turns; mastodon: 1; last 2024-03-08 12:00
    days = 1 + 22 / 24
    expected = tie(math.log10(2), 0.5 ** (days / 30), 0.5, 0.2, 0.5, 0.5)
    assert eve["tie_strength"] == pytest.approx(expected, abs=1e-6)
    assert eve["quality"]  # 2 messages, answered once, no complaint


def test_the_bot_is_caught_by_its_cadence(acme):
    store, _ = acme
    bot = members(store).loc["mastodon:dealz"]
    assert bot["messages"] == 6
    assert bot["bot_reason"] == "regular cadence: 6 messages every 60.0 min (variation 0.0%)"


def test_one_off_with_an_answer(acme):
    store, _ = acme
    carl = members(store).loc["twitter:carl"]
    days = 6 + 1 / 24
    expected = tie(0.0, 0.5 ** (days / 30), 1.0, 0.2, 0.5, 0.0)
    assert carl["tie_strength"] == pytest.approx(expected, abs=1e-6)
    assert not carl["quality"]  # never came back


def test_brand_audience_section(acme):
    store, result = acme
    a = result["brands"][0]["audience"]
    assert a["members"] == 7
    assert a["segments"] == {"likely_bot": 1, "spam": 1, "critic_at_risk": 1, "advocate": 1,
                             "regular": 1, "one_off": 2}  # fmt: skip
    # 7 members are below the 10 a share needs: counted, but no confident share
    assert a["status"] == "not enough data" and a["quality_share"] is None
    assert a["quality_members"] == 2  # ann, eve
    brands = [{"name": "Acme", "channels": [{"platform": "twitter"}, {"platform": "mastodon"}]}]
    sections = audience_sections(store, brands, min_members=1)["Acme"]
    assert "audience" not in brands[0]  # returned, not attached
    a = sections["audience"]
    assert a["quality_share"] == pytest.approx(2 / 7, abs=1e-4)
    assert a["followers"] == 2500
    assert a["quality_per_1k_followers"] == pytest.approx(0.8)
    tw, ma = sections["channels"]["twitter"], sections["channels"]["mastodon"]
    assert (tw["members"], tw["quality_members"]) == (4, 2)  # ann, bob, carl, eve
    assert (ma["members"], ma["quality_members"]) == (4, 1)  # sam, bot, dana, eve
    assert ma["segments"]["likely_bot"] == 1 and ma["segments"]["spam"] == 1


def test_recommenders_with_reach(acme):
    _, result = acme
    a = result["brands"][0]["audience"]
    recs = a["recommenders"]
    assert [r["account_id"] for r in recs] == ["twitter:fay", "twitter:ann"]  # reach first
    fay, ann = recs
    assert fay["followers"] == 5000 and fay["member"] is False and fay["segment"] is None
    assert fay["example_text"] == "@gus you have to try Acme, their tea is the best"
    assert fay["message_ids"] == ["twitter:f1"]
    assert ann["followers"] == 300 and ann["member"] and ann["segment"] == "advocate"
    assert ann["messages"] == 1 and ann["message_ids"] == ["twitter:a3"]
    assert a["recommenders_total"] == 2 and a["recommenders_reach"] == 5300


def test_questions_and_warnings_are_not_recommendations(store):
    api.import_paths(store, [FIXTURES / "audience" / "acme_audience.csv"])
    signals = {
        "f1": {"recommendation": 0.9, "question": 0.9},  # "which would you recommend?"
        "a3": {"recommendation": 0.9, "sentiment": 0.7},
    }
    set_signals(store, signals)
    store.con.execute("UPDATE messages SET text = 'Never try Acme, avoid' WHERE native_id = 'a3'")
    result = api.analyse(store, signals=False).to_json()
    assert result["brands"][0]["audience"]["recommenders"] == []


def test_people_linked_by_configuration(acme):
    store, _ = acme
    df = api.audience(
        store, "Acme", people={"Bob K": ["twitter:bob_k", "mastodon:dana_o"]}, signals=False
    )
    bob = df.set_index("account_id").loc["twitter:bob"]
    assert list(bob["accounts"]) == ["mastodon:dana", "twitter:bob"]
    assert bob["messages"] == 3 and bob["multichannel_score"] == pytest.approx(0.5)
    assert len(df) == 6
