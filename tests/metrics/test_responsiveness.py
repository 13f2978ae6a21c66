"""First metrics on hand-built threads, the essay's own thread, and the TWCS sample."""

from __future__ import annotations

import pandas as pd
import pytest

from brandcouch import api
from tests.conftest import FIXTURES, shared_path


def brand(result, name):
    return next(b for b in result["brands"] if b["name"] == name)


def test_response_time_arithmetic_with_a_missing_timestamp(store):
    api.import_paths(store, [FIXTURES / "generic" / "thread_missing_time.csv"])
    m = brand(api.analyse(store, signals=False).to_json(), "Acme")["metrics"]
    # c1 answered after 12 min (the earlier of two replies); c2 was sent 11:00+01:00 = 10:00Z
    # and answered 11:30Z: 90 min; c3 has no time: answered, but not timed
    assert m["inbound"] == 3
    assert m["replied"] == 3
    assert m["reply_rate_all"] == 1.0
    assert m["timed_responses"] == 2
    assert m["first_response_minutes_median"] == pytest.approx(51.0)
    assert m["first_response_minutes_mean"] == pytest.approx(51.0)
    assert m["brand_posts"] == 1 and m["brand_replies"] == 4


def test_the_essay_thread(store):
    api.import_paths(store, [shared_path("seed", "seed-thread.wxr")])
    counts = store.con.execute(
        "SELECT count(*) FILTER (WHERE kind <> 'post'), "
        "count(*) FILTER (WHERE kind <> 'post' AND author_id NOT LIKE '%/user/socialsteve') "
        "FROM messages"
    ).fetchall()[0]
    assert counts == (9, 7)
    answered = store.con.execute(
        """
        SELECT p.text FROM messages r JOIN messages p ON p.id = r.parent_id
        WHERE r.author_id LIKE '%/user/socialsteve' AND r.kind = 'reply' ORDER BY p.created_at
        """
    ).fetchall()
    assert [t[0][:12] for t in answered] == ["It’s no brai", "Steve, I so "]
    names = store.con.execute(
        """
        SELECT a.display_name FROM messages r JOIN messages p ON p.id = r.parent_id
        JOIN accounts a ON a.id = p.author_id
        WHERE r.author_id LIKE '%/user/socialsteve' ORDER BY p.created_at
        """
    ).fetchall()
    assert [n[0] for n in names] == ["Elias", "Migdalia"]
    m = brand(api.analyse(store, signals=False).to_json(), "Social Steve")["metrics"]
    assert m["inbound"] == 7 and m["replied"] == 2
    assert m["reply_rate_all"] == pytest.approx(2 / 7, abs=1e-4)


def test_twcs_medians_match_an_independent_pandas_computation(store):
    path = shared_path("data", "twcs", "twcs_head5000.csv")
    report = api.import_paths(store, [path])[0]
    assert (report.records_read, report.imported) == (5000, 5000)
    assert len(report.brands) == 76
    result = api.analyse(store, signals=False).to_json()
    mine = {b["name"]: b["metrics"]["first_response_minutes_median"] for b in result["brands"]}

    df = pd.read_csv(path, dtype={"tweet_id": str, "author_id": str})
    df["t"] = pd.to_datetime(df["created_at"], format="%a %b %d %H:%M:%S %z %Y")
    df["parent"] = df["in_response_to_tweet_id"].dropna().astype("int64").astype(str)
    inbound, outbound = df[df["inbound"]], df[~df["inbound"]]
    pairs = outbound.merge(inbound, left_on="parent", right_on="tweet_id", suffixes=("_b", "_c"))
    pairs["mins"] = (pairs["t_b"] - pairs["t_c"]).dt.total_seconds() / 60
    first = pairs.groupby(["author_id_b", "tweet_id_c"])["mins"].min()
    medians = first[first >= 0].groupby(level=0).median()
    assert len(medians) == 76
    for name, expected in medians.items():
        assert mine[name] == pytest.approx(expected, abs=1e-3), name
    assert mine["AmazonHelp"] == pytest.approx(8.8833, abs=1e-3)
