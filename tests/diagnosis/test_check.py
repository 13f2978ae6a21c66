"""``brandcouch check``: exit codes and messages, and ``brandcouch session`` end to end."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from brandcouch.errors import ConfigError
from tests.conftest import FIXTURES

CSV = FIXTURES / "elements" / "acme_threads.csv"

register_all()
runner = CliRunner()


def _el(score, reason=None):
    d = {"score": score, "status": "ok" if score is not None else "not enough data"}
    if reason:
        d["reason"] = reason
    return d


def _result():
    return {
        "brands": [
            {
                "name": "Good",
                "elements": {e: _el(80) for e in ("empathy", "value", "transparency", "mutuality")},
                "health": _el(80),
            },
            {
                "name": "Weak",
                "elements": {
                    "empathy": _el(41.5),
                    "value": _el(None, "3 brand posts; at least 10 needed"),
                    "transparency": _el(70),
                    "mutuality": _el(70),
                },
                "health": _el(55),
            },
        ]
    }


def test_check_names_each_shortfall_and_by_how_much():
    r = _result()
    assert api.check(r, {"empathy": 60, "health": 50}) == [
        "Weak: empathy 41.5 is below 60 (short by 18.5)"
    ]
    assert api.check(r, {"empathy": 40, "health": 50}) == []
    # not enough data is reported, and fails only when strict
    assert api.check(r, {"value": 50}) == []
    details = api.check_details(r, {"value": 50})
    assert details["not_enough"] == [
        "Weak: value not enough data (3 brand posts; at least 10 needed)"
    ]
    assert api.check(r, {"value": 50}, strict=True) == [
        "Weak: value not enough data (3 brand posts; at least 10 needed) [strict]"
    ]


def test_trust_is_transparency_as_the_tables_call_it():
    r = _result()
    assert api.check_details(r, {"trust": 0}) == api.check_details(r, {"transparency": 0})
    assert api.check_details(r, {"Transparency & trust": 0})["passed"]


def test_check_rejects_bad_thresholds():
    with pytest.raises(ConfigError, match="unknown score 'empathie'"):
        api.check(_result(), {"empathie": 60})
    with pytest.raises(ConfigError, match="between 0 and 100"):
        api.check(_result(), {"health": 150})


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setenv("BRANDCOUCH_MIN_INBOUND", "10")
    monkeypatch.setenv("BRANDCOUCH_MIN_POSTS", "2")
    path = tmp_path / "acme.duckdb"
    with api.open_store(path, create=True) as store:
        api.import_paths(store, [CSV])
    return path


def test_check_command_exit_codes(db):
    with api.open_store(db) as store:
        brand = api.analyse(store).to_json()["brands"][0]
    empathy = brand["elements"]["empathy"]["score"]
    assert empathy is not None
    ok = runner.invoke(app, ["check", "--db", str(db), "--fail-under", f"empathy={empathy - 1}"])
    assert ok.exit_code == 0, ok.output
    assert "ok" in ok.output and "Acme: empathy" in ok.output
    bad = runner.invoke(app, ["check", "--db", str(db), "--fail-under", f"empathy={empathy + 10}"])
    assert bad.exit_code == 1
    assert f"Acme: empathy {empathy:.1f} is below {empathy + 10:g} (short by 10.0)" in bad.output


def test_check_command_not_enough_data_and_strict(db, monkeypatch):
    monkeypatch.setenv("BRANDCOUCH_MIN_POSTS", "10")  # 2 posts: value has not enough data
    args = ["check", "--db", str(db), "--fail-under", "value=10"]
    lenient = runner.invoke(app, args)
    assert lenient.exit_code == 0, lenient.output
    assert "Acme: value not enough data (2 brand posts; at least 10 needed)" in lenient.output
    strict = runner.invoke(app, [*args, "--strict"])
    assert strict.exit_code == 1
    assert "[strict]" in strict.output


def test_check_command_bad_option(db):
    res = runner.invoke(app, ["check", "--db", str(db), "--fail-under", "empathy"])
    assert res.exit_code == 2 and "NAME=NUMBER" in res.output
    res = runner.invoke(app, ["check", "--db", str(db), "--fail-under", "kindness=3"])
    assert res.exit_code == 1 and "unknown score 'kindness'" in res.output


def test_session_command_prints_the_diagnosis(db):
    res = runner.invoke(app, ["session", "--db", str(db), "--brand", "Acme"])
    assert res.exit_code == 0, res.output
    assert "Come in, Acme." in res.output
    assert "What hurts the relationship most" in res.output
    # Acme's three "please DM us your details" replies are one template; its four complaint
    # conversations are too few for transparency (docs/metrics.md: per conversation)
    assert "3 of 5 replies are canned" in res.output and "3 of 5 replies (60%)" in res.output
    assert "not enough for transparency & trust" in " ".join(res.output.split())
    missing = runner.invoke(app, ["session", "--db", str(db), "--brand", "Nobody"])
    assert missing.exit_code == 1 and "no brand named 'Nobody'" in missing.output
