"""Windows and comparisons in the API (docs/wip/periods.md): ``api.analyse(since=, until=,
compare=)`` on the demo, checked against counts made here with DuckDB straight from the
``messages`` table; the comparison against a separate run of the earlier period; errors."""

from __future__ import annotations

import json
from datetime import date, datetime

import jsonschema
import pytest

from brandcouch import api
from brandcouch.analysis.run import previous_window, window_utc
from brandcouch.errors import ConfigError
from brandcouch.model.result import Analysis
from brandcouch.settings import Config
from tests.conftest import ROOT, shared_path
from tests.metrics.periods_demo import demo_store, september

SCHEMA = json.loads((ROOT / "docs" / "output.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)

#: a brand's own messages, by brand (its accounts are ``platform:ref`` ids)
BRAND_MSGS = """
SELECT m.id, m.parent_id, m.created_at, m.kind, ba.brand
FROM messages m JOIN brand_accounts ba ON m.author_id = ba.platform || ':' || ba.ref
"""


def _counts(store, sql: str, params: list) -> dict[str, int]:
    return dict(store.con.execute(sql, params).fetchall())


@pytest.fixture(scope="module")
def store():
    with api.open_store(demo_store(), read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def august(store):
    return api.analyse(store, since=date(2026, 8, 1), until=date(2026, 8, 31)).to_json()


def test_the_window_keeps_the_brands_posts_written_in_it(store, august):
    posts = _counts(
        store,
        f"""SELECT brand, count(*) FROM ({BRAND_MSGS}) b
            WHERE parent_id IS NULL AND kind <> 'repost'
              AND created_at >= ? AND created_at < ? GROUP BY 1""",
        [datetime(2026, 8, 1), datetime(2026, 9, 1)],
    )
    got = {b["name"]: b["metrics"]["brand_posts"] for b in august["brands"]}
    assert got == posts
    assert sum(posts.values()) > 50  # the demo posts every week


def test_answers_written_after_the_window_are_followed(store, august):
    """A brand reply in the window counts, and so does the answer written after the window
    to a message of it; a reply after the window to anything else does not."""
    since, until = datetime(2026, 8, 1), datetime(2026, 9, 1)
    replies = _counts(
        store,
        f"""SELECT b.brand, count(*) FROM ({BRAND_MSGS}) b
            LEFT JOIN messages p ON p.id = b.parent_id
            WHERE b.parent_id IS NOT NULL AND b.kind <> 'repost'
              AND ((b.created_at >= ? AND b.created_at < ?)
                   OR (b.created_at >= ? AND p.created_at >= ? AND p.created_at < ?))
            GROUP BY 1""",
        [since, until, until, since, until],
    )
    followed = store.scalar(
        f"""SELECT count(*) FROM ({BRAND_MSGS}) b JOIN messages p ON p.id = b.parent_id
            WHERE b.created_at >= ? AND p.created_at >= ? AND p.created_at < ?""",
        [until, since, until],
    )
    assert followed > 0  # late-August messages answered on September 1st or later
    got = {b["name"]: b["metrics"]["brand_replies"] for b in august["brands"]}
    assert got == replies


def test_the_care_volume_is_what_was_written_in_the_window(store, august):
    """The followed answers count for the window's turns, not for its volume: the brand's
    outbound per day stops at the window's last day and equals its messages written that day
    (reposts aside), counted here from the messages table."""
    since, until = datetime(2026, 8, 1), datetime(2026, 9, 1)
    per_day = store.con.execute(
        f"""SELECT b.brand, b.created_at::DATE AS day, count(*) FROM ({BRAND_MSGS}) b
            WHERE b.kind <> 'repost' AND b.created_at >= ? AND b.created_at < ?
            GROUP BY ALL""",
        [since, until],
    ).fetchall()
    expected = {(brand, day.isoformat()): n for brand, day, n in per_day}
    got = {}
    for b in august["brands"]:
        for row in b["care"]["volume"]["by_day"]:
            assert "2026-08-01" <= row["date"] <= "2026-08-31", (b["name"], row["date"])
            if row["outbound"]:
                got[(b["name"], row["date"])] = row["outbound"]
    assert got == expected and len(got) > 40


def test_inbound_in_the_window_is_the_inbound_written_in_it(store, august):
    """The window's inbound messages are the whole analysis's inbound messages written in the
    window (attribution does not depend on the window: the demo addresses every message)."""
    api.analyse_sections(store, ["brands"])
    whole = _counts(
        store,
        "SELECT brand, count(*) FROM inbound WHERE created_at >= ? AND created_at < ? GROUP BY 1",
        [datetime(2026, 8, 1), datetime(2026, 9, 1)],
    )
    got = {b["name"]: b["metrics"]["inbound"] for b in august["brands"]}
    assert got == whole
    assert august["window"] == {"since": "2026-08-01", "until": "2026-08-31", "timezone": "UTC"}


def test_the_window_is_read_in_the_configured_timezone(store):
    cfg = Config({"settings": {"timezone": "America/New_York"}})
    result = api.analyse_sections(
        store, ["brands"], config=cfg, since=date(2026, 8, 1), until=date(2026, 8, 31)
    )
    # 1 August 00:00 in New York (EDT, UTC-4) is 04:00 UTC; 1 September 00:00 is 04:00 UTC
    assert window_utc(date(2026, 8, 1), date(2026, 8, 31), "America/New_York") == (
        datetime(2026, 8, 1, 4),
        datetime(2026, 9, 1, 4),
    )
    posts = _counts(
        store,
        f"""SELECT brand, count(*) FROM ({BRAND_MSGS}) b
            WHERE parent_id IS NULL AND kind <> 'repost'
              AND created_at >= ? AND created_at < ? GROUP BY 1""",
        [datetime(2026, 8, 1, 4), datetime(2026, 9, 1, 4)],
    )
    assert {b["name"]: b["metrics"]["brand_posts"] for b in result["brands"]} == posts
    assert result["window"]["timezone"] == "America/New_York"


def test_since_alone_runs_to_the_last_message_and_until_alone_from_the_first(store):
    late = api.analyse_sections(store, ["brands"], since=date(2026, 9, 20))
    assert late["window"]["until"] == "2026-09-30"  # the demo ends on 1 October 00:00 UTC
    early = api.analyse_sections(store, ["brands"], until=date(2026, 6, 10))
    assert early["window"]["since"] == "2026-06-01"


def test_compare_previous_is_the_month_before_and_its_own_run(august):
    result = september()
    assert result["window"] == {"since": "2026-09-01", "until": "2026-09-30", "timezone": "UTC"}
    assert result["comparison"] == {"since": "2026-08-01", "until": "2026-08-31"}
    before = {b["name"]: b for b in august["brands"]}
    for b in result["brands"]:
        prev, change, a = b["previous"], b["change"], before[b["name"]]
        assert prev["health"] == a["health"]["score"]
        assert prev["kpis"]["inbound"] == a["metrics"]["inbound"]
        assert change["kpis"]["inbound"] == b["metrics"]["inbound"] - a["metrics"]["inbound"]
        for k, e in b["elements"].items():
            assert prev["elements"][k] == a["elements"][k]["score"]
            if e["score"] is not None and prev["elements"][k] is not None:
                assert change["elements"][k] == round(e["score"] - prev["elements"][k], 1)
    # Nimbus Telecom's September got worse (demo/styles.py: decline): fewer turns answered,
    # slower replies, lower empathy; the sentence says so with both months' numbers
    nimbus = next(b for b in result["brands"] if b["name"] == "Nimbus Telecom")
    assert nimbus["change"]["kpis"]["answered_share"] < -0.1
    assert nimbus["change"]["kpis"]["turn_response_minutes_median"] > 5
    assert nimbus["change"]["elements"]["empathy"] < -5
    assert nimbus["change"]["why"]["element"] == "empathy"
    summary = nimbus["change"]["summary"]
    assert summary.startswith("Empathy fell ")
    assert "in 1–30 Sep 2026 against" in summary and "in 1–31 Aug 2026" in summary


def test_the_result_with_a_comparison_validates_and_round_trips():
    result = september()
    errors = [e.message for e in VALIDATOR.iter_errors(result)]
    assert errors == []
    typed = Analysis.from_json(result)
    assert typed.to_json() == result
    assert typed.window.days == 30 and typed.comparison.since == "2026-08-01"
    raw = next(b for b in result["brands"] if b["name"] == "Nimbus Telecom")
    nimbus = typed.brand("Nimbus Telecom")
    assert nimbus.delta("empathy") == raw["change"]["elements"]["empathy"]
    assert nimbus.delta("health") == raw["change"]["health"]
    assert nimbus.delta("sla_share") == raw["change"]["kpis"]["sla_share"]


def test_previous_windows():
    def prev(a, b):
        p = previous_window({"since": a, "until": b, "timezone": "UTC"})
        return p["since"], p["until"]

    assert prev("2026-09-01", "2026-09-30") == ("2026-08-01", "2026-08-31")  # a month
    assert prev("2026-03-01", "2026-03-31") == ("2026-02-01", "2026-02-28")
    assert prev("2026-01-01", "2026-03-31") == ("2025-10-01", "2025-12-31")  # a quarter
    assert prev("2026-09-10", "2026-09-16") == ("2026-09-03", "2026-09-09")  # a week
    assert prev("2026-09-10", "2026-09-10") == ("2026-09-09", "2026-09-09")  # a day


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"since": date(2026, 9, 30), "until": date(2026, 9, 1)}, "is after --until"),
        ({"compare": "previous"}, "--compare needs a window"),
        ({"since": "2026-02-30"}, "is not a date"),
        ({"since": date(2026, 9, 1), "compare": "last month"}, "neither 'previous' nor"),
        (
            {"since": date(2026, 9, 1), "compare": (date(2026, 8, 31), date(2026, 8, 1))},
            "is after",
        ),
        ({"since": date(2026, 9, 1), "compare": "2026-08-01:2026-08-3x"}, "is not a date"),
    ],
)
def test_bad_windows_are_config_errors(store, kwargs, message):
    with pytest.raises(ConfigError, match=message):
        api.windows(store, None, kwargs.get("since"), kwargs.get("until"), kwargs.get("compare"))


def test_an_explicit_comparison(store):
    result = api.analyse_sections(
        store, ["brands"], since=date(2026, 9, 1), until=date(2026, 9, 30),
        compare=(date(2026, 6, 1), date(2026, 6, 30)),
    )  # fmt: skip
    assert result["comparison"] == {"since": "2026-06-01", "until": "2026-06-30"}
    june = api.analyse_sections(store, ["brands"], since=date(2026, 6, 1), until=date(2026, 6, 30))
    before = {b["name"]: b["health"]["score"] for b in june["brands"]}
    assert {b["name"]: b["previous"]["health"] for b in result["brands"]} == before
    # a partial run (no care section): the SLA share is null on both sides, so is its change
    assert all(b["change"]["kpis"]["sla_share"] is None for b in result["brands"])


def test_a_period_without_data_has_null_changes(store):
    result = api.analyse_sections(
        store, ["brands"], since=date(2026, 6, 1), until=date(2026, 6, 30), compare="previous"
    )
    assert result["comparison"] == {"since": "2026-05-01", "until": "2026-05-31"}
    for b in result["brands"]:  # May 2026 is before the demo starts
        assert b["previous"]["health"] is None
        assert b["change"]["health"] is None
        assert b["change"]["why"] is None and b["change"]["summary"] is None
        assert all(v is None for v in b["change"]["elements"].values())


def test_twcs_sample_window_and_previous(tmp_path):
    """November 2017 of the TWCS sample against October (the sample's big day, 31 October,
    is in October): the window's inbound messages, brand by brand, are the whole analysis's
    inbound messages written in November; the result validates."""
    path = shared_path("data", "twcs", "twcs_head5000.csv")
    with api.open_store(tmp_path / "twcs.duckdb", create=True) as store:
        api.import_paths(store, [path])
        result = api.analyse(
            store, since=date(2017, 11, 1), until=date(2017, 11, 30), compare="previous"
        ).to_json()
        api.analyse_sections(store, ["brands"])
        whole = _counts(
            store,
            "SELECT brand, count(*) FROM inbound WHERE created_at >= ? AND created_at < ? "
            "GROUP BY 1",
            [datetime(2017, 11, 1), datetime(2017, 12, 1)],
        )
        in_november = store.scalar(
            "SELECT count(*) FROM messages WHERE created_at >= ? AND created_at < ?",
            [datetime(2017, 11, 1), datetime(2017, 12, 1)],
        )
    assert result["comparison"] == {"since": "2017-10-01", "until": "2017-10-31"}
    got = {b["name"]: b["metrics"]["inbound"] for b in result["brands"] if b["metrics"]["inbound"]}
    assert got == whole
    assert 0 < sum(got.values()) <= in_november
    assert VALIDATOR.is_valid(result)
    tesco = next(b for b in result["brands"] if b["name"] == "Tesco")
    assert tesco["previous"]["health"] is not None and tesco["change"]["health"] is not None
    assert tesco["change"]["summary"].endswith("in 1–31 Oct 2017.")
