"""Markdown and CSV exports of every table; the result readers they share."""

from __future__ import annotations

import csv

import pytest

from brandcouch import api
from brandcouch.reports import view
from brandcouch.reports.csv_export import restore_cell, safe_cell, write_csv
from brandcouch.reports.markdown import cell, render_markdown
from brandcouch.reports.pdf import ReportError, write_pdf
from brandcouch.reports.tables import tables


def _result():
    """A tiny hand-built result: two brands, one with every optional section."""
    bands = {"le_6min": 5, "le_22min": 3, "le_1h": 1, "le_24h": 1, "later": 0, "never": 10}
    metrics = {
        "inbound": 20,
        "replied": 10,
        "reply_rate_all": 0.5,
        "first_response_minutes_median": 7.0,
        "first_response_minutes_mean": 30.0,
        "timed_responses": 10,
        "inbound_sentiment_mean": 0.1,
        "brand_posts": 4,
        "brand_replies": 10,
        "response_bands": bands,
    }
    score = {
        "score": 61.0,
        "status": "ok",
        "n": 20,
        "confidence": "low",
        "components": {
            "response_rate": {
                "value": 0.5,
                "score": 50.0,
                "weight": 0.6,
                "n": 20,
                "formula": "answered / needing reply",
            }
        },
        "evidence": {"raised": [], "lowered": []},
    }
    full = {
        "name": "Acme | Co",
        "accounts": [],
        "metrics": metrics,
        "channels": [{"platform": "x", "metrics": metrics}],
        "elements": {k: score for k in ("empathy", "value", "transparency", "mutuality")},
        "health": score,
        "periods": [
            {
                "period": "week",
                "start": "2026-01-05",
                "metrics": metrics,
                "elements": {"empathy": score},
                "health": score,
            }
        ],
        "flags": [
            {
                "message_id": "x:1",
                "author": "=cmd|' /C calc'!A0",
                "kind": "comment",
                "reason": "promo",
                "platform": "x",
                "text": "buy now",
                "permalink": None,
            }
        ],
        "session": {
            "findings": [
                {
                    "title": "Questions go unanswered",
                    "numbers": {"score": 12, "n": 40},
                    "prescription": {"principle": "listen", "text": "Listen first."},
                }
            ],
            "going_well": [],
        },
        "audience": {
            "members": 9,
            "segments": {"advocate": 3, "one_off": 6},
            "quality_share": 0.33,
            "recommenders": [],
        },
        "channel_advice": [{"channel": "x", "advice": "invest", "reasons": ["a", "b"]}],
    }
    bare = {
        "name": "Bare",
        "accounts": [],
        "metrics": dict(metrics, response_bands=None),
        "channels": [],
    }
    return {
        "brands": [full, bare],
        "store": {"messages": 40},
        "imports": [{"file": "a.csv", "format": "generic-csv", "imported": 40}],
        "benchmark": {
            "brands": [
                {
                    "brand": "Acme | Co",
                    "league_rank": 1,
                    "values": {"health": 61.0},
                    "ranks": {"health": 1},
                    "percentiles": {"health": 100},
                }
            ]
        },
        "directory": [
            {"brand": "Acme | Co", "channels": [{"platform": "x", "sentence": "answers half"}]}
        ],
    }


def test_every_table_is_exported():
    t = tables(_result())
    assert set(t) == {
        "brands",
        "channels",
        "elements",
        "components",
        "periods",
        "response_bands",
        "flags",
        "session",
        "audience",
        "audience_segments",
        "channel_advice",
        "benchmark",
        "directory",
        "imports",
    }
    assert [r[0] for r in t["brands"].rows] == ["Acme | Co", "Bare"]
    assert t["response_bands"].rows[0] == ["Acme | Co", "≤ 6 min", 5.0, 0.25]
    assert t["audience_segments"].rows == [
        ["Acme | Co", "one_off", 6, 0.6667],
        ["Acme | Co", "advocate", 3, 0.3333],
    ]
    assert t["session"].rows[0][3:] == [
        "Questions go unanswered",
        "score 12; n = 40",
        "Listen first.",
    ]
    assert t["directory"].rows[0][-1] == "answers half"
    assert "values.health" in t["benchmark"].columns


def test_markdown_escapes_and_formats():
    md = render_markdown(_result())
    assert "| Acme \\| Co |" in md
    assert "| 50.0% |" in md  # a rate
    assert "## Audience segments" in md and "## Benchmark" in md
    assert cell("<b>x</b>") == "\\<b\\>x\\</b\\>"
    assert cell(None) == "" and cell(0.5, "reply_rate_all") == "50.0%"


def test_csv_files_and_formula_guard(tmp_path):
    paths = write_csv(_result(), tmp_path / "csv")
    names = {p.name for p in paths}
    assert {"brands.csv", "flags.csv", "components.csv"} <= names
    with (tmp_path / "csv" / "flags.csv").open(encoding="utf-8") as fh:
        row = list(csv.DictReader(fh))[0]
    assert row["author"] == "'=cmd|' /C calc'!A0"
    with (tmp_path / "csv" / "components.csv").open(encoding="utf-8") as fh:
        comp = list(csv.DictReader(fh))[0]
    assert comp["formula"] == "answered / needing reply" and comp["weight"] == "0.6"
    assert safe_cell("+cmd") == "'+cmd" and safe_cell("ok") == "ok" and safe_cell(None) == ""


def test_formula_rule_numbers_and_round_trip():
    """Text starting with = + - @ tab CR (after any quotes) gets one quote; numbers and text
    that is a plain number stay as they are; restore_cell undoes exactly that."""
    cases = {
        "=1+1": "'=1+1",
        "@SUM(1)": "'@SUM(1)",
        "-cmd": "'-cmd",
        "\tx": "'\tx",
        "\rx": "'\rx",
        "'=x": "''=x",  # already quoted by its author: one more, so it round-trips
        "'quoted": "'quoted",
        "-5": "-5",
        "+1.5e3": "+1.5e3",
        "- 5": "'- 5",
        "a=b": "a=b",
        "": "",
    }
    for original, written in cases.items():
        assert safe_cell(original) == written, original
        assert restore_cell(written) == original, original
    assert safe_cell(-5) == -5 and safe_cell(0.25) == 0.25 and safe_cell(float("nan")) == ""


def test_response_bands_read_from_component_shapes():
    emp = {
        "components": {
            "speed": {
                "bands": {
                    "le_6m": {"count": 2, "share": 0.2},
                    "le_22m": {"count": 2, "share": 0.2},
                    "le_1h": {"count": 1, "share": 0.1},
                    "le_24h": {"count": 0, "share": 0},
                    "later": {"count": 0, "share": 0},
                    "never": {"count": 5, "share": 0.5},
                }
            }
        }
    }
    bands = view.response_bands({"metrics": {}, "elements": {"empathy": emp}})
    assert [b["count"] for b in bands] == [2, 2, 1, 0, 0, 5]
    assert bands[-1]["share"] == pytest.approx(0.5)
    assert view.response_bands({"metrics": {}}) is None


def test_finding_shapes():
    f = view.finding(
        {
            "title": "T",
            "numbers": {"score": 3.9, "target": 80, "n": 1735},
            "prescription": {"principle": "fix", "text": "Own it."},
        }
    )
    assert f["numbers"] == ["score 4", "target 80", "n = 1,735"]
    assert (f["prescription"], f["principle"]) == ("Own it.", "fix")
    assert view.finding("plain")["title"] == "plain"


def test_pdf_without_chromium_says_how(monkeypatch, tmp_path):
    monkeypatch.setenv("BRANDCOUCH_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(ReportError, match="needs Chromium"):
        write_pdf(_result(), tmp_path / "r.pdf")


def test_write_reports_writes_each_format(tmp_path):
    out = api.write_reports(
        _result(), html=tmp_path / "r.html", markdown=tmp_path / "r.md", csv_dir=tmp_path / "csv"
    )
    assert out["html"].read_text(encoding="utf-8").startswith("<!doctype html>")
    assert out["markdown"].read_text(encoding="utf-8").startswith("# brandcouch report")
    assert len(out["csv"]) == 14


HYPERLINK = '=HYPERLINK("http://evil.example","x")'


@pytest.fixture(scope="module")
def formula_store(tmp_path_factory):
    """A brand named ``@SUM(1)`` answering three customers, one with a formula handle."""
    import json

    folder = tmp_path_factory.mktemp("formula")
    brand = {"author": "b1", "author_handle": "sumco", "brand": "@SUM(1)"}
    rows = [dict(brand, id="p1", text="Our new menu", created_at="2026-03-02T10:00:00Z")]
    for i in range(3):
        handle = HYPERLINK if i == 0 else f"fan{i}"
        rows.append({"id": f"c{i}", "author": f"u{i}", "author_handle": handle,
                     "text": "Why is my order late?", "parent_id": "p1",
                     "created_at": f"2026-03-02T11:0{i}:00Z"})  # fmt: skip
        rows.append(dict(brand, id=f"r{i}", text="Sorry, checking now", parent_id=f"c{i}",
                         created_at=f"2026-03-02T12:0{i}:00Z"))  # fmt: skip
    src = folder / "m.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    db = folder / "s.duckdb"
    _cli(["import", "--db", str(db), "--format", "generic-jsonl", str(src)])
    return db


def _cli(args: list[str]) -> None:
    from typer.testing import CliRunner

    from brandcouch.cli.app import app, register_all

    register_all()
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output


def _read(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_compare_csv_neutralises_formula_cells(formula_store, tmp_path):
    _cli(["compare", "--db", str(formula_store), "--csv", str(tmp_path / "c.csv")])
    (row,) = _read(tmp_path / "c.csv")
    assert row["brand"] == "'@SUM(1)" and restore_cell(row["brand"]) == "@SUM(1)"
    assert (row["inbound"], row["questions_answered"], row["ranked"]) == ("3", "3", "False")
    assert row["league_rank"] == ""  # None: an empty cell, as before


def test_audience_csv_neutralises_formula_cells(formula_store, tmp_path):
    _cli(["audience", "--db", str(formula_store), "--csv", str(tmp_path / "a.csv")])
    rows = _read(tmp_path / "a.csv")
    assert {r["brand"] for r in rows} == {"'@SUM(1)"}
    by_account = {r["account_id"]: r for r in rows}
    assert by_account["generic:u0"]["handle"] == "'" + HYPERLINK
    assert by_account["generic:u1"]["handle"] == "fan1"
    assert (
        by_account["generic:u1"]["messages"] == "1" and by_account["generic:u1"]["followers"] == ""
    )
    assert 0 <= float(by_account["generic:u1"]["tie_strength"]) <= 100


def test_signals_out_neutralises_the_input_cells(tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["id", "text", "note"])
        w.writerow(["1", HYPERLINK, "-5"])
        w.writerow(["2", "Why is my order late?", "@SUM(1)"])
    _cli(["signals", str(src), "--out", str(out)])
    rows = _read(out)
    assert [r["text"] for r in rows] == ["'" + HYPERLINK, "Why is my order late?"]
    assert [r["note"] for r in rows] == ["-5", "'@SUM(1)"]  # a plain number stays a number
    assert [r["id"] for r in rows] == ["1", "2"]
    assert -1 <= float(rows[1]["sentiment"]) <= 1
    assert [restore_cell(r["text"]) for r in rows][0] == HYPERLINK
