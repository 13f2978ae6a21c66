"""TWCS ``response_tweet_id`` as coverage evidence: ``messages.replies`` holds how many reply
ids the corpus lists for a tweet (null when the file has no such column)."""

from __future__ import annotations

from brandcouch import api

T0 = "Tue Oct 31 22:10:47 +0000 2017"
HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"


def _replies(store) -> dict:
    return dict(store.con.execute("SELECT native_id, replies FROM messages").fetchall())


def test_replies_count_response_tweet_ids(store, tmp_path):
    p = tmp_path / "twcs.csv"
    p.write_text(
        HEADER
        + f"1,sprintcare,False,{T0},@115712 Please DM us.,2,3.0\n"
        + f"2,115712,True,{T0},@sprintcare how,,1.0\n"
        + f'3,115712,True,{T0},@sprintcare I have sent several messages,"1,4,5",\n'
    )
    api.import_paths(store, [p])
    assert _replies(store) == {"twcs:1": 1, "twcs:2": 0, "twcs:3": 3}


def test_replies_null_without_the_column(store, tmp_path):
    p = tmp_path / "twcs.csv"
    p.write_text(
        "tweet_id,author_id,inbound,created_at,text,in_response_to_tweet_id\n"
        + f"1,sprintcare,False,{T0},@115712 Please DM us.,3.0\n"
    )
    api.import_paths(store, [p])
    assert _replies(store) == {"twcs:1": None}


def test_replies_on_the_real_sample(store, shared):
    api.import_paths(store, [shared("data", "twcs", "twcs_head5000.csv")])
    n, answered, total = store.con.execute(
        "SELECT count(*), count(*) FILTER (WHERE replies > 0), sum(replies) FROM messages"
    ).fetchone()
    assert n == 5000 and answered > 0 and total >= answered
