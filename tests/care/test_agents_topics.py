"""Agents and topics of the care section on a tiny hand-written store (docs/output.md, "Care
team"): who signed which reply, their response times, and what the customers wrote about."""

from __future__ import annotations

import csv

import pytest

from brandcouch import api
from brandcouch.analysis.steps import Runner
from brandcouch.metrics.agents import agents_by_brand
from brandcouch.metrics.care import CARE_TABLES
from brandcouch.metrics.topics import topics_by_brand

HEADER = ["id", "author", "text", "created_at", "platform", "parent_id", "brand", "author_handle"]

ROWS = [
    ("q1", "u1", "My parcel is lost and the tracking has not moved, can you help?", "10:00", ""),
    ("r1", "acme", "Sorry about the parcel, which tracking number is it? ^RS", "10:10", "q1"),
    ("q2", "u2", "The parcel never arrived and the tracking is stuck", "11:00", ""),
    ("r2", "acme", "I've passed your parcel to our courier team today -Katie", "11:30", "q2"),
    ("q3", "u3", "Why is the tracking stuck for my parcel?", "12:00", ""),
    ("r3", "acme", "Please DM us your order number ^RS", "12:20", "q3"),
    ("q4", "u4", "My refund is missing, where is it?", "13:00", ""),
    ("r4", "acme", "Sorry for the wait, the refund went out today", "14:00", "q4"),
    ("q5", "u4", "Still no refund after two weeks, this is unacceptable", "15:00", "r4"),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    src = tmp_path_factory.mktemp("care") / "agents.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(HEADER)
        for mid, author, text, at, parent in ROWS:
            brand = "Acme" if author == "acme" else ""
            to = f"@acme {text}" if author != "acme" else text
            out.writerow([mid, author, to, f"2024-05-01T{at}:00Z", "twitter", parent, brand,
                          author])  # fmt: skip
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    api.run_signals(store)
    Runner(store).ensure(*CARE_TABLES)
    yield store
    store.close()


def test_agents_are_the_signatures_with_their_replies_and_times(tiny):
    agents = {a["agent"]: a for a in agents_by_brand(tiny)["Acme"]}
    assert list(agents) == ["RS", "Katie", "unsigned"]  # signed by replies, unsigned last
    rs, katie, unsigned = agents["RS"], agents["Katie"], agents["unsigned"]
    assert (rs["replies"], rs["share"], rs["median_response_minutes"]) == (2, 0.5, 15.0)
    assert (katie["replies"], katie["median_response_minutes"]) == (1, 30.0)
    assert (unsigned["replies"], unsigned["signed"], unsigned["median_response_minutes"]) == (
        1, False, 60.0)  # fmt: skip
    # RS: r1 names the problem (a tracking number is an identifier, not a diagnosis), r3
    # pushes to DM
    assert rs["acts"]["acknowledge"] == 0.5 and rs["acts"]["private"] == 0.5
    assert (rs["complaint_conversations"], rs["owned"]) == (2, 0.5)  # q1 owned, q3 not
    assert katie["acts"]["commit"] == 1.0


def test_topics_count_the_messages_that_mention_them(tiny):
    topics = {t["phrase"]: t for t in topics_by_brand(tiny, "UTC")["Acme"]}
    # "parcel" and "tracking" are both in exactly q1, q2, q3: one topic (the same messages);
    # "refund" is in q4 and q5 (the same customer, below r4); "weeks" (q5 only) is below the minimum of 2 messages
    assert sorted(topics) == ["parcel", "refund"]
    assert (topics["parcel"]["count"], topics["refund"]["count"]) == (3, 2)
    assert topics["refund"]["kind"] == "complaint"
    assert topics["parcel"]["examples"] == ["twitter:q1", "twitter:q2"]
    assert topics["parcel"]["trend"] == [{"month": "2024-05-01", "count": 3}]


def test_topics_in_a_process_of_their_own_are_the_same(tiny, monkeypatch):
    """From BACKGROUND_ROWS messages the run computes the topics in a loky worker while it
    goes on: the same topics as in this process."""
    from brandcouch.metrics import topics as T

    calls = []
    real = T._in_background

    def spy(*args):
        got = real(*args)
        calls.append(got)
        return got

    monkeypatch.setattr(T, "BACKGROUND_ROWS", 1)
    monkeypatch.setattr(T, "_in_background", spy)
    later = T.topics_later(tiny, "UTC")
    assert calls and calls[0] is later  # the worker's future, not the in-process fallback
    got = later()
    assert got == topics_by_brand(tiny, "UTC")
    assert sorted(t["phrase"] for t in got["Acme"]) == ["parcel", "refund"]


def test_small_corpora_compute_the_topics_here(tiny, monkeypatch):
    from brandcouch.metrics import topics as T

    def no_worker(*args):
        raise AssertionError("a small corpus must not start a worker")

    monkeypatch.setattr(T, "_in_background", no_worker)
    assert T.topics_later(tiny, "UTC")() == topics_by_brand(tiny, "UTC")


def test_no_worker_without_memory_for_it_or_below_the_threshold(tiny, monkeypatch):
    """The worker adds its memory to the run's: not started when the machine lacks
    WORKER_MEMORY_MARGIN x WORKER_BYTES_PER_ROW per message, nor below the threshold (the
    environment variable overrides it)."""
    from brandcouch.metrics import topics as T

    n = len(tiny.df(T.TOPIC_TEXTS))
    assert n == 5
    started = []
    monkeypatch.setattr(T, "_in_background", lambda *a: started.append(a) or None)
    monkeypatch.setenv("BRANDCOUCH_TOPICS_BACKGROUND_ROWS", "1")
    monkeypatch.setattr(T, "_available_memory", lambda: 4 * 1_200 * 5 - 1)
    assert T.topics_later(tiny, "UTC")() == topics_by_brand(tiny, "UTC") and not started
    monkeypatch.setattr(T, "_available_memory", lambda: 4 * 1_200 * 5)
    T.topics_later(tiny, "UTC")()
    assert len(started) == 1  # room: the worker is asked for (here it declines: computed here)
    monkeypatch.setenv("BRANDCOUCH_TOPICS_BACKGROUND_ROWS", "6")
    T.topics_later(tiny, "UTC")()
    assert len(started) == 1
