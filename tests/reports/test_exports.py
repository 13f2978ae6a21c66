"""Markdown and CSV exports of every table of a real result (the demo at a small scale);
the result readers they share."""

from __future__ import annotations

import csv

import pytest

from brandcouch import api
from brandcouch.model.result import Analysis
from brandcouch.reports import view
from brandcouch.reports.csv_export import restore_cell, safe_cell, write_csv
from brandcouch.reports.markdown import cell, render_markdown
from brandcouch.reports.pdf import ReportError, write_pdf
from brandcouch.reports.tables import tables
from tests.model.results import demo_result, twcs_result

TABLES = {"brands", "channels", "elements", "components", "periods", "response_bands", "flags",
          "session", "audience", "audience_segments", "channel_advice", "benchmark",
          "directory", "sla", "sla_by_month", "topics", "agents", "volume"}  # fmt: skip


def _result() -> dict:
    return demo_result()


def test_every_table_is_exported():
    t = tables(_result())
    assert set(t) == TABLES  # the demo records no import: no imports table
    assert [r[0] for r in t["brands"].rows] == ["MegaMart Deals", "Nimbus Telecom", "Harbor Coffee"]
    bands = [r for r in t["response_bands"].rows if r[0] == "MegaMart Deals"]
    assert [r[1] for r in bands] == [label for _, label, _ in view.RESPONSE_BANDS]
    assert bands[-1][1:3] == ["never", 1937] and bands[-2][1:3] == ["answered, time unknown", 0]
    segs = [r for r in t["audience_segments"].rows if r[0] == "Harbor Coffee"]
    assert segs[0][1:3] == ["one_off", 178] and [r[2] for r in segs] == sorted(
        (r[2] for r in segs), reverse=True
    )
    f = _result()["brands"][0]["session"]["findings"][0]
    assert t["session"].rows[0][1:] == [
        1,
        f["element"],
        f["title"],
        f"score {f['numbers']['score']:.0f}; target 80; n = {f['numbers']['n']:,}",
        f["prescription"]["text"],
    ]
    assert t["directory"].rows[0][-1] == _result()["directory"][0]["channels"][0]["sentence"]
    assert "values.health" in t["benchmark"].columns


def test_the_twcs_imports_table():
    t = tables(twcs_result())
    (row,) = t["imports"].rows
    cols = t["imports"].columns
    assert row[cols.index("format")] == "twcs" and row[cols.index("imported")] == 5000


def test_markdown_escapes_and_formats():
    md = render_markdown(_result())
    assert "| Harbor Coffee |" in md
    rate = _result()["brands"][2]["metrics"]["reply_rate_all"]
    assert f"| {100 * rate:.1f}% |" in md  # a rate
    assert "## Audience segments" in md and "## Benchmark" in md
    assert cell("<b>x</b>") == "\\<b\\>x\\</b\\>" and cell("a | b") == "a \\| b"
    assert cell(None) == "" and cell(0.5, "reply_rate_all") == "50.0%"


def test_csv_files(tmp_path):
    paths = write_csv(_result(), tmp_path / "csv")
    assert {p.name for p in paths} == {f"{n}.csv" for n in TABLES}
    with (tmp_path / "csv" / "components.csv").open(encoding="utf-8") as fh:
        comp = list(csv.DictReader(fh))[0]
    first = _result()["brands"][0]["elements"]["empathy"]["components"]["response_rate"]
    assert comp["component"] == "response_rate" and comp["formula"] == first["formula"]
    assert float(comp["weight"]) == first["weight"]
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


def test_response_bands_in_vocabulary_order_with_untimed():
    a = Analysis.from_json(_result())
    b = a.brand("Harbor Coffee")
    bands = view.response_bands(b)
    assert [x["key"] for x in bands] == [k for k, _, _ in view.RESPONSE_BANDS]
    speed = b.elements["empathy"].components["speed"]
    assert [x["count"] for x in bands] == [speed.bands[k].count for k, _, _ in view.RESPONSE_BANDS]
    # the bands count customer turns (docs/metrics.md, Turns): every turn falls in one
    assert bands[-1]["count"] == 104 and sum(x["count"] for x in bands) == b.metrics.turns


def test_finding_numbers_as_chips():
    f = Analysis.from_json(_result()).brands[0].session.findings[0]
    assert f.numbers.chips() == (
        f"score {f.numbers.score:.0f}",
        f"target {f.numbers.target:.0f}",
        f"n = {f.numbers.n:,}",
    )


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
    assert len(out["csv"]) == len(TABLES)


def test_report_csv_neutralises_formula_cells(formula_store, tmp_path):
    with api.open_store(formula_store, read_only=True) as store:
        result = api.analyse(store).to_json()
    write_csv(result, tmp_path / "csv")
    (row,) = _read(tmp_path / "csv" / "brands.csv")
    assert row["brand"] == "'@SUM(1)" and restore_cell(row["brand"]) == "@SUM(1)"


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


@pytest.mark.parametrize("which", ["demo", "twcs"])
def test_care_tables_in_csv_and_markdown(which, tmp_path):
    """SLA, topics and agents (and volume per day) are tables of the CSV export and of the
    Markdown appendix (volume: CSV only), row for row the brands' ``care`` of the JSON."""
    from brandcouch.reports.csv_export import restore_cell, write_csv
    from brandcouch.reports.markdown import render_markdown

    result = demo_result() if which == "demo" else twcs_result()
    write_csv(result, tmp_path)

    def rows(name):
        with (tmp_path / f"{name}.csv").open(encoding="utf-8") as fh:
            return [{k: restore_cell(v) for k, v in r.items()} for r in csv.DictReader(fh)]

    brands = {b["name"]: b for b in result["brands"]}
    sla = rows("sla")
    assert sla and len(sla) == sum(
        1 for b in brands.values() if ((b["care"]["sla"] or {}).get("wall") or {}).get("eligible")
    )
    for r in sla:
        wall = brands[r["brand"]]["care"]["sla"]["wall"]
        assert (int(r["within"]), int(r["eligible"])) == (wall["within"], wall["eligible"])
        assert float(r["share"]) == wall["share"] and r["target"] == "1h"
    agents = rows("agents")
    assert len(agents) == sum(len(b["care"]["agents"]) for b in brands.values()) > 0
    first = next(a for a in agents)
    expected = next(
        a for a in brands[first["brand"]]["care"]["agents"] if a["agent"] == first["agent"]
    )
    assert int(first["replies"]) == expected["replies"]
    topics = rows("topics")
    assert len(topics) == sum(len(b["care"]["topics"]) for b in brands.values()) > 0
    t0 = topics[0]
    expected = brands[t0["brand"]]["care"]["topics"][0]
    assert (t0["phrase"], int(t0["count"])) == (expected["phrase"], expected["count"])
    assert t0["examples"] == " ".join(expected["examples"])
    md = render_markdown(result)
    appendix = md[md.index("## Appendix") :]
    for title in ("### Answered within target (SLA)", "### Topics", "### Agents"):
        assert title in appendix
    assert "### Volume per day" not in appendix and "`volume.csv`" in appendix
    if which == "twcs":  # hand-read in the store's report: Chipotle answers 103 of 109 in 1 h
        # (106 of 112 before complaint.v6: three praise tweets, answered within the hour, no
        # longer need a reply; the same three as in test_pinned_numbers' turns 112 -> 109)
        chipotle = next(r for r in sla if r["brand"] == "ChipotleTweets")
        assert (chipotle["within"], chipotle["eligible"]) == ("103", "109")
