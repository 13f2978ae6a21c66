"""The change against the previous period in every report (September 2026 against August on
the demo, tests/metrics/periods_demo.py): terminal, HTML, Markdown, CSV; one colour meaning
(green = better for the brand) everywhere; the CLI's window options and their errors."""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest
from rich.console import Console
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from brandcouch.model.result import Analysis
from brandcouch.reports import view
from brandcouch.reports.csv_export import write_csv
from brandcouch.reports.html import render_html
from brandcouch.reports.markdown import render_markdown
from brandcouch.reports.terminal import print_summary
from tests.metrics.periods_demo import demo_store, september


@pytest.fixture(scope="module")
def result() -> Analysis:
    return Analysis.from_json(september())


def _nimbus(result: Analysis):
    return result.brand("Nimbus Telecom")


def test_change_text_and_meaning():
    assert view.change_text("empathy", -12.4) == "▼−12"
    assert view.change_text("health", 3.2) == "▲+3"
    assert view.change_text("health", 0.3) == "±0"
    assert view.change_text("sla_share", -0.3272) == "▼−33 pts"
    assert view.change_text("turn_response_minutes_median", 23.4) == "▲+23.4 min"
    assert view.change_text("inbound", 209) == "▲+209"
    assert view.change_text("empathy", None) == ""
    # green = better for the brand: a longer reply time is worse, more volume is neither
    assert view.change_class("empathy", -12.4) == "worse"
    assert view.change_class("turn_response_minutes_median", 23.4) == "worse"
    assert view.change_class("turn_response_minutes_median", -213.2) == "better"
    assert view.change_class("inbound", 209) == "neutral"
    assert view.change_class("health", 0.3) == "same"


def test_html_summary_shows_each_change(result):
    html = render_html(result)
    nimbus = _nimbus(result)
    d = nimbus.delta("empathy")
    assert "1–30 Sep 2026 vs 1–31 Aug 2026" in html
    # the brand card: "empathy 36 ▼−12 vs 1–31 Aug 2026", coloured worse
    badge = (
        f'<span class="chg worse" title="change vs 1–31 Aug 2026">{view.change_text("empathy", d)}'
    )
    assert badge in html
    assert "What changed since 1–31 Aug 2026" in html
    assert nimbus.change["summary"] in html
    # the set table carries a badge per score and KPI of every brand
    table = html[html.index('<table class="set">') : html.index("</table>")]
    assert table.count('class="chg ') == len(result.brands) * 7
    assert ".chg.better { color: var(--good); }" in html


def test_markdown_summary_shows_each_change(result):
    md = render_markdown(result)
    nimbus = _nimbus(result)
    assert "**Period:** 1–30 Sep 2026, compared with 1–31 Aug 2026" in md
    row = next(line for line in md.splitlines() if line.startswith("| Nimbus Telecom |"))
    assert view.change_text("empathy", nimbus.delta("empathy")) in row
    assert "**What changed since 1–31 Aug 2026**" in md
    assert nimbus.change["summary"] in md
    assert re.search(r"- Turns answered: \d+% \(was \d+%\) ▼−\d+ pts \(worse\)", md)


def test_csv_change_table_has_previous_and_change_columns(result, tmp_path):
    paths = {p.name: p for p in write_csv(result, tmp_path)}
    with paths["change.csv"].open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    keys = ("health", "empathy", "value", "transparency", "mutuality", "inbound",
            "answered_share", "turn_response_minutes_median", "sla_share")  # fmt: skip
    for k in keys:
        assert {k, f"{k}_previous", f"{k}_change"} <= set(rows[0])
    assert [r["brand"] for r in rows] == [b.name for b in result.brands]
    nimbus = next(r for r in rows if r["brand"] == "Nimbus Telecom")
    b = _nimbus(result)
    assert float(nimbus["empathy_change"]) == b.delta("empathy")
    assert float(nimbus["empathy_previous"]) == b.previous["elements"]["empathy"]
    assert int(nimbus["inbound_change"]) == b.delta("inbound")
    assert (nimbus["since"], nimbus["compared_until"]) == ("2026-09-01", "2026-08-31")
    assert nimbus["what_changed"] == b.change["summary"]


def test_no_comparison_no_change_anywhere(tmp_path):
    plain = Analysis.from_json({**september(), "comparison": None, "window": None})
    plain = Analysis.from_json(
        {**plain.to_json(), "brands": [
            {k: v for k, v in b.items() if k not in ("previous", "change")}
            for b in plain.to_json()["brands"]
        ]}
    )  # fmt: skip
    assert 'class="chg ' not in render_html(plain).split("</style>", 1)[1]
    assert "What changed" not in render_markdown(plain)
    assert "change.csv" not in {p.name for p in write_csv(plain, tmp_path)}


def test_terminal_shows_arrows_and_what_changed(result):
    console = Console(width=80, record=True, force_terminal=False)
    print_summary(result, console)
    out = console.export_text()
    assert "Period 1–30 Sep 2026 vs 1–31 Aug 2026" in out
    assert "Nimbus Telecom" in out and "▼−" in out
    assert "Empathy fell" in " ".join(out.split())


def _cli(*args):
    register_all()
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-09-31"], "--since: '2026-09-31' is not a date (YYYY-MM-DD)"),
        (["--since", "2026-09-10", "--until", "2026-09-01"], "is after --until"),
        (["--compare", "previous"], "--compare needs a window"),
        (["--until", "2026-09-01", "--compare", "lastweek"], "neither 'previous' nor"),
    ],
)
@pytest.mark.parametrize("command", ["analyze", "report", "session", "check", "serve"])
def test_cli_window_errors_are_one_line(command, args, message, tmp_path):
    extra = {"report": ["--md", str(tmp_path / "r.md")], "check": ["--fail-under", "health=10"]}
    r = _cli(command, "--db", str(tmp_path / "none.duckdb"), *extra.get(command, []), *args)
    assert r.exit_code == 1, r.output
    lines = [x for x in r.output.splitlines() if x.strip()]
    assert len(lines) == 1 and message in lines[0], r.output


def test_cli_analyze_and_session_with_a_comparison(tmp_path):
    db = str(demo_store())
    out = tmp_path / "sep.json"
    r = _cli("analyze", "--db", db, "--since", "2026-09-01", "--until", "2026-09-30",
             "--compare", "2026-08-01:2026-08-31", "--json", str(out))  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "Period 1–30 Sep 2026 vs 1–31 Aug 2026" in r.output
    r = _cli("session", "--db", db, "--brand", "Nimbus Telecom", "--since", "2026-09-01",
             "--compare", "previous")  # fmt: skip
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert "What changed since 1–31 Aug 2026" in text
    assert "Empathy fell" in text and "turns answered ▼−" in text


def test_session_and_check_show_the_sla_change():
    """session and check give the SLA's within-target share now and before, like the other
    KPIs: the demo's September is worse for Nimbus (tests/metrics/periods_demo.py)."""
    from brandcouch.reports.view import change_text, kpi_text

    nimbus = next(b for b in september()["brands"] if b["name"] == "Nimbus Telecom")
    now = nimbus["care"]["sla"]["wall"]["share"]
    was, d = nimbus["previous"]["kpis"]["sla_share"], nimbus["change"]["kpis"]["sla_share"]
    assert now < was and d == pytest.approx(now - was, abs=0.0051)  # worse in September
    period = ("--since", "2026-09-01", "--until", "2026-09-30", "--compare", "previous")
    db = str(demo_store())

    details = api.check_details(api.open_store(db, read_only=True), {"empathy": 10},
                                brand="Nimbus Telecom", since=date(2026, 9, 1),
                                until=date(2026, 9, 30), compare="previous")  # fmt: skip
    line = details["changes"][0]
    assert f"within 1h {kpi_text('sla_share', now)} ({change_text('sla_share', d)} vs " in line
    assert f"was {kpi_text('sla_share', was)})" in line

    r = _cli("session", "--db", db, "--brand", "Nimbus Telecom", *period)
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert (
        f"answered within target {change_text('sla_share', d)} (was {kpi_text('sla_share', was)})"
        in text
    )

    r = _cli(
        "check", "--db", db, "--brand", "Nimbus Telecom", "--fail-under", "empathy=10", *period
    )
    assert r.exit_code == 0, r.output
    assert f"within 1h {kpi_text('sla_share', now)}" in " ".join(r.output.split())


def test_report_out_writes_every_format(tmp_path):
    """`report --out DIR` (what a new user types, as `demo --out`) writes report.html,
    report.md, report.json and csv/ (with the care tables and, comparing, change.csv);
    `--pdf` with no file name after it means DIR/report.pdf."""
    from brandcouch.cli.report_cmd import PDF_IN_OUT, bare_pdf

    assert bare_pdf(["report", "--out", "d", "--pdf"]) == [
        "report",
        "--out",
        "d",
        "--pdf",
        PDF_IN_OUT,
    ]
    assert bare_pdf(["report", "--pdf", "--out", "d"]) == [
        "report",
        "--pdf",
        PDF_IN_OUT,
        "--out",
        "d",
    ]
    assert bare_pdf(["report", "--pdf", "x.pdf"]) == ["report", "--pdf", "x.pdf"]
    assert bare_pdf(["analyze", "--pdf"]) == ["analyze", "--pdf"]
    out = tmp_path / "r"
    r = _cli("report", "--db", str(demo_store()), "--out", str(out), "--since", "2026-09-01",
             "--until", "2026-09-30", "--compare", "previous")  # fmt: skip
    assert r.exit_code == 0, r.output
    assert {p.name for p in out.iterdir()} == {"report.html", "report.md", "report.json", "csv"}
    csvs = {p.name for p in (out / "csv").iterdir()}
    assert {"change.csv", "sla.csv", "topics.csv", "agents.csv", "volume.csv"} <= csvs
    r = _cli("report", "--db", str(demo_store()), "--pdf", PDF_IN_OUT)
    assert r.exit_code == 1 and "--pdf needs a file name" in r.output
