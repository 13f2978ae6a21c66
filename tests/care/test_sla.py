"""The care-team SLA, by hand: durations and business hours parsed, business time across a
night and a weekend, and the counts of a tiny store on the wall clock and on business hours
(docs/output.md, "Care team")."""

from __future__ import annotations

import csv

import numpy as np
import pandas as pd
import pytest

from brandcouch import api
from brandcouch.analysis.steps import Runner
from brandcouch.errors import ConfigError
from brandcouch.metrics.care import CARE_TABLES
from brandcouch.metrics.sla import (
    Clock,
    business_minutes,
    format_target,
    parse_days,
    parse_duration,
    parse_hours,
    sla_by_brand,
)
from brandcouch.metrics.volume import volume_by_brand
from brandcouch.settings import Config

MON_FRI = (True,) * 5 + (False,) * 2


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("30m", 30), ("1h", 60), ("2h", 120), ("1d", 1440), ("2h30m", 150), ("1.5h", 90),
     ("45", 45), ("90 min", 90), (15, 15)],
)  # fmt: skip
def test_durations(text, minutes):
    assert parse_duration(text) == minutes


@pytest.mark.parametrize("bad", ["", "soon", "1w", "0m", "-1h"])
def test_bad_durations_are_config_errors(bad):
    with pytest.raises(ConfigError):
        parse_duration(bad)


def test_targets_are_written_back_short():
    assert [format_target(m) for m in (60, 90, 1440, 45, 150)] == ["1h", "1h30m", "1d", "45m",
                                                                   "2h30m"]  # fmt: skip


def test_business_hours_and_days():
    assert parse_hours("09:00-17:00") == (9 * 3600, 17 * 3600)
    assert parse_hours("8-18") == (8 * 3600, 18 * 3600)
    assert parse_hours("") is None
    for bad in ("17:00-09:00", "9am-5pm", "09:00"):
        with pytest.raises(ConfigError):
            parse_hours(bad)
    assert parse_days("Mon-Fri") == MON_FRI
    assert parse_days("Sun-Thu") == (True, True, True, True, False, False, True)
    assert parse_days("Mon,Wed,Fri") == (True, False, True, False, True, False, False)
    assert parse_days("mon-sun") == (True,) * 7
    with pytest.raises(ConfigError):
        parse_days("Mon-Funday")


def _bm(pairs, clock):
    start = pd.to_datetime([a for a, _ in pairs], utc=True)
    end = pd.to_datetime([b for _, b in pairs], utc=True)
    return business_minutes(start, end, clock).tolist()


def test_business_time_across_a_night_and_a_weekend():
    clock = Clock(60, "UTC", (9 * 3600, 17 * 3600), MON_FRI)
    # 2024-05-03 is a Friday
    assert _bm(
        [
            ("2024-05-01T10:00Z", "2024-05-01T10:20Z"),  # within the day: 20
            ("2024-05-03T16:30Z", "2024-05-06T09:15Z"),  # Fri 16:30 -> Mon 09:15: 30 + 15
            ("2024-05-07T20:00Z", "2024-05-08T09:40Z"),  # after hours -> next morning: 40
            ("2024-05-04T10:00Z", "2024-05-05T22:00Z"),  # all weekend: 0
            ("2024-05-04T10:00Z", "2024-05-06T10:00Z"),  # Sat -> Mon 10:00: 60
            ("2024-05-01T06:00Z", "2024-05-01T08:00Z"),  # before opening: 0
            ("2024-05-01T10:00Z", "2024-05-08T10:00Z"),  # a week: 5 working days
        ],
        clock,
    ) == [20.0, 45.0, 40.0, 0.0, 60.0, 0.0, 5 * 480.0]


def test_business_time_is_local_time():
    # New York is UTC-4 in May: 13:00-21:00 UTC are its 09:00-17:00
    ny = Clock(60, "America/New_York", (9 * 3600, 17 * 3600), MON_FRI)
    assert _bm([("2024-05-03T20:30Z", "2024-05-06T13:15Z")], ny) == [45.0]
    assert np.isnan(business_minutes(pd.Series([pd.NaT]), pd.Series([pd.NaT]), ny)[0])


HEADER = "id,author,text,created_at,platform,parent_id,brand,author_handle,replies\n"


@pytest.fixture
def tiny(tmp_path):
    """Six customers under one Acme post (2024-05-03 is a Friday); the data ends with Acme's
    post p2 on Wednesday 2024-05-08 at 11:30."""
    rows = [
        ("p1", "acme", "Our spring range is out", "2024-05-01T08:00:00Z", "", ""),
        ("q1", "u1", "My order has not arrived, can you help?", "2024-05-01T10:00:00Z", "p1", ""),
        ("r1", "acme", "Sorry, it ships today", "2024-05-01T10:20:00Z", "q1", ""),
        ("q2", "u2", "Where is my refund? Can you check?", "2024-05-03T16:30:00Z", "p1", ""),
        ("r2", "acme", "The refund went out this morning", "2024-05-06T09:15:00Z", "q2", ""),
        ("q3", "u3", "Why was my card charged twice?", "2024-05-07T20:00:00Z", "p1", ""),
        ("r3", "acme", "Sorry, the second charge is reversed", "2024-05-08T09:40:00Z", "q3", ""),
        ("q6", "u6", "How do I change my delivery address?", "2024-05-07T09:00:00Z", "p1", ""),
        ("q5", "u5", "Can I return a gift without a receipt?", "2024-05-06T12:00:00Z", "p1", "1"),
        ("q4", "u4", "The app keeps crashing, what do I do?", "2024-05-08T11:00:00Z", "p1", ""),
        ("p2", "acme", "New opening hours from June", "2024-05-08T11:30:00Z", "", ""),
    ]
    src = tmp_path / "sla.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        fh.write(HEADER)
        out = csv.writer(fh)
        for mid, author, text, at, parent, replies in rows:
            brand = "Acme" if author == "acme" else ""
            out.writerow([mid, author, text, at, "twitter", parent, brand, author, replies])
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    api.run_signals(store)
    Runner(store).ensure(*CARE_TABLES)
    yield store
    store.close()


def test_the_tiny_store_needs_six_replies(tiny):
    got = tiny.df("SELECT turn_id, needs_reply FROM turns ORDER BY turn_id")
    assert [t.split(":")[-1] for t in got["turn_id"]] == ["q1", "q2", "q3", "q4", "q5", "q6"]
    assert got["needs_reply"].all()


def test_sla_on_the_wall_clock_and_on_business_hours(tiny):
    clock = Clock(60, "UTC", (9 * 3600, 17 * 3600), MON_FRI)
    sla = sla_by_brand(tiny, clock)["Acme"]
    assert sla["end"] == "2024-05-08T11:30:00+00:00"
    assert (sla["turns"], sla["outside_data"], sla["untimed"]) == (6, 1, 0)  # q5 outside
    # wall: q1 in 20 min; q2 (3,885 min) and q3 (820 min) late; q6 unanswered for 26.5 h:
    # missed; q4 unanswered for 30 min at the end: pending
    assert sla["wall"] == {"eligible": 4, "within": 1, "late": 2, "missed": 1, "pending": 1,
                           "share": 0.25, "median_minutes": 820.0}  # fmt: skip
    # business: q1 20, q2 45, q3 40 working minutes: all within; q6 waited Tue 09:00 ->
    # Wed 11:30 = 480 + 150 working minutes: missed; q4 30: pending
    assert sla["business"] == {"hours": "09:00-17:00", "days": "Mon,Tue,Wed,Thu,Fri",
                               "eligible": 4, "within": 3, "late": 0, "missed": 1,
                               "pending": 1, "share": 0.75, "median_minutes": 40.0}  # fmt: skip
    assert sla["by_month"] == [
        {"month": "2024-05-01", "eligible": 4, "within": 1, "late": 2, "missed": 1,
         "pending": 1, "share": 0.25, "median_minutes": 820.0, "business_share": 0.75}
    ]  # fmt: skip


def test_a_longer_target_and_no_business_hours(tiny):
    cfg = Config({"settings": {"sla_target": "1d"}})
    sla = sla_by_brand(tiny, Clock.from_config(cfg))["Acme"]
    # 1 day: q1 and q3 (820 min) within, q2 late; q6 (1,590 min) missed; q4 pending
    assert (sla["target"], sla["target_minutes"]) == ("1d", 1440.0)
    assert {k: sla["wall"][k] for k in ("within", "late", "missed", "pending", "share")} == {
        "within": 2, "late": 1, "missed": 1, "pending": 1, "share": 0.5}  # fmt: skip
    assert sla["business"] is None


def test_bad_settings_are_config_errors():
    with pytest.raises(ConfigError):
        Clock.from_config(Config({"settings": {"timezone": "Mars/Olympus"}}))
    with pytest.raises(ConfigError):
        Clock.from_config(Config({"settings": {"business_hours": "late"}}))


def test_volume_by_day_and_hour_in_the_time_zone(tiny):
    utc = volume_by_brand(tiny, "UTC")["Acme"]
    days = {d["date"]: (d["inbound"], d["outbound"], d["replies"]) for d in utc["by_day"]}
    assert list(days)[0] == "2024-05-01" and list(days)[-1] == "2024-05-08"
    assert len(days) == 8  # every day from the first to the last, quiet days as zeros
    assert days["2024-05-01"] == (1, 2, 1)  # q1; p1 and r1
    assert days["2024-05-02"] == (0, 0, 0)
    assert days["2024-05-08"] == (1, 2, 1)  # q4; r3 and p2
    hours = {h["hour"]: h["inbound"] for h in utc["by_hour"]}
    assert len(hours) == 24 and hours[20] == 1 and hours[10] == 1 and sum(hours.values()) == 6
    # Tokyo is UTC+9: q3 (Tue 20:00 UTC) is Wednesday 05:00 there
    tokyo = volume_by_brand(tiny, "Asia/Tokyo")["Acme"]
    tdays = {d["date"]: d["inbound"] for d in tokyo["by_day"]}
    assert (
        tdays["2024-05-08"] == 2 and tdays["2024-05-07"] == 1
    )  # q3 (05:00) and q4 (20:00); q6 (Tue 18:00)
    assert {h["hour"]: h["inbound"] for h in tokyo["by_hour"]}[5] == 1


def test_brands_and_months_are_counted_apart_in_interleaved_rows(monkeypatch):
    """Rows of two brands and two months, interleaved, plus one without a time: each brand's
    and each month's counts and medians come from its own rows only (target 60 minutes,
    end of data 2024-03-01 00:00 UTC)."""
    from brandcouch.metrics import sla as sla_mod

    def at(s):
        return pd.Timestamp(s, tz="UTC") if s else pd.NaT

    rows = [  # brand, first_at, answered, outside, minutes
        ("Bravo", "2024-01-10 10:00", True, False, 30.0),
        ("Alpha", "2024-02-01 09:00", True, False, 120.0),
        ("Bravo", "2024-02-03 08:00", False, False, None),  # waited weeks: missed
        ("Alpha", "2024-01-15 12:00", True, False, 10.0),
        ("Alpha", None, True, False, None),  # no time: untimed, in no month
        ("Bravo", "2024-01-20 18:00", True, False, 90.0),
        ("Alpha", "2024-02-10 07:00", False, True, None),  # answered outside the data
        ("Alpha", "2024-01-31 23:00", True, False, 50.0),
        ("Bravo", "2024-02-29 23:30", False, False, None),  # 30 min before the end: pending
    ]
    frame = pd.DataFrame(
        {
            "brand": [r[0] for r in rows],
            "turn_id": [f"t{i}" for i in range(len(rows))],
            "first_at": [at(r[1]) for r in rows],
            "answered": [r[2] for r in rows],
            "answered_outside_data": [r[3] for r in rows],
            "first_reply_at": [
                at(r[1]) + pd.Timedelta(minutes=r[4]) if r[1] and r[4] else pd.NaT for r in rows
            ],
            "first_response_minutes": [np.nan if r[4] is None else r[4] for r in rows],
            "complaint": [False] * len(rows),
        }
    )
    monkeypatch.setattr(sla_mod, "sla_frame", lambda _store: frame)
    got = sla_by_brand(None, Clock(60, "UTC"), end=pd.Timestamp("2024-03-01 00:00"))
    assert sorted(got) == ["Alpha", "Bravo"]
    a, b = got["Alpha"], got["Bravo"]
    assert (a["turns"], a["outside_data"], a["untimed"]) == (5, 1, 1)
    assert (b["turns"], b["outside_data"], b["untimed"]) == (4, 0, 0)
    # Alpha: 10 and 50 within, 120 late; median of 10, 50, 120 = 50
    assert a["wall"] == {"eligible": 3, "within": 2, "late": 1, "missed": 0, "pending": 0,
                         "share": 0.6667, "median_minutes": 50.0}  # fmt: skip
    # Bravo: 30 within, 90 late, one missed, one pending; median of 30, 90 = 60
    assert b["wall"] == {"eligible": 3, "within": 1, "late": 1, "missed": 1, "pending": 1,
                         "share": 0.3333, "median_minutes": 60.0}  # fmt: skip
    months = {(m["month"], m["eligible"], m["within"], m["late"], m["missed"], m["pending"],
               m["median_minutes"]) for m in a["by_month"]}  # fmt: skip
    assert [m["month"] for m in a["by_month"]] == ["2024-01-01", "2024-02-01"]
    assert months == {("2024-01-01", 2, 2, 0, 0, 0, 30.0), ("2024-02-01", 1, 0, 1, 0, 0, 120.0)}
    assert [(m["month"], m["eligible"], m["within"], m["late"], m["missed"], m["pending"],
             m["median_minutes"], m["share"]) for m in b["by_month"]] == [
        ("2024-01-01", 2, 1, 1, 0, 0, 60.0, 0.5),
        ("2024-02-01", 1, 0, 0, 1, 1, None, 0.0),
    ]  # fmt: skip
