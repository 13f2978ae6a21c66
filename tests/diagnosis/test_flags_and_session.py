"""Pitch-without-listening flags and the session on the essay's own comment thread."""

from __future__ import annotations

import pytest

from brandcouch import api
from brandcouch.diagnosis.flags import LOW_RELEVANCE
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
