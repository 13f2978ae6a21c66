"""One definition per label (issue 14): on the TWCS sample, `compare` and `directory` give the
same number for the same label — questions asked, questions answered, the share answered and
the median first reply to a question — and `compare` prints the directory's numbers."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from tests.conftest import shared_path


@pytest.fixture(scope="module")
def twcs(tmp_path_factory):
    db = tmp_path_factory.mktemp("defs") / "twcs.duckdb"
    store = api.open_store(db, create=True)
    api.import_paths(store, [shared_path("data", "twcs", "twcs_head5000.csv")])
    result = api.analyse_sections(store, ["brands", "audience", "directory", "benchmark"])
    store.close()
    return db, result


def test_compare_and_directory_agree_label_by_label(twcs):
    _, result = twcs
    directory = {d["brand"]: d for d in result["directory"]}
    compared = 0
    for row in result["benchmark"]["brands"]:
        d, v = directory[row["brand"]], row["values"]
        if d["basis"] != "questions":
            assert v["questions"] is None and v["questions_median_minutes"] is None
            continue
        compared += 1
        assert (v["questions"], v["questions_answered"]) == (d["questions"], d["answered"])
        assert v["questions_answered_rate"] == d["answers_questions_rate"]
        assert v["questions_median_minutes"] == d["median_minutes"]
    assert compared >= 40
    # the two measures the old table mixed up: comcastcares answers questions in a median of
    # 6.4 minutes, all its inbound in 8.4 (hand-checked in the store)
    comcast = next(
        r["values"] for r in result["benchmark"]["brands"] if r["brand"] == "comcastcares"
    )
    assert comcast["first_response_minutes_median"] == pytest.approx(8.3833)
    assert comcast["questions_median_minutes"] == directory["comcastcares"]["median_minutes"]
    assert comcast["questions_median_minutes"] < 7


def test_the_compare_table_prints_the_directory_numbers(twcs):
    db, result = twcs
    register_all()
    out = CliRunner().invoke(app, ["compare", "--db", str(db)], env={"COLUMNS": "140"}).output
    line = next(x for x in out.splitlines() if " comcastcares " in x)
    d = next(d for d in result["directory"] if d["brand"] == "comcastcares")
    assert f"{d['answered']}/{d['questions']}" in line
    assert "q.median" in out and "median first reply to an answered question" in " ".join(
        out.split()
    )


def test_report_and_dashboard_say_the_same_as_directory_and_compare(twcs):
    """The report (HTML, Markdown, CSV) and the dashboard (page and API) give each brand the
    directory's sentence and numbers, the ones `compare` prints (tests above)."""
    import asyncio
    from html import unescape

    import httpx

    from brandcouch.reports.html import render_html
    from brandcouch.reports.markdown import render_markdown
    from brandcouch.reports.tables import tables
    from brandcouch.web import create_app

    db, result = twcs
    full = api.analyse(api.open_store(db, read_only=True)).to_json()
    html, md = unescape(render_html(full)), render_markdown(full)

    async def fetch(*urls):
        app = create_app(db)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as c:
            return [await c.get(u) for u in urls]

    page, data = asyncio.run(fetch("/directory", "/api/directory"))
    page_text = unescape(page.text)
    by_brand = {d["brand"]: d for d in data.json()["directory"]}
    rows = {r[0]: r for r in tables(full)["directory"].rows}
    cols = tables(full)["directory"].columns
    for d in result["directory"]:
        dash = by_brand[d["brand"]]
        assert (dash["questions"], dash["answered"], dash["median_minutes"]) == (
            d["questions"], d["answered"], d["median_minutes"])  # fmt: skip
        assert d["summary"] in html and d["summary"] in page_text
        row = dict(zip(cols, rows[d["brand"]], strict=True))
        assert (row["questions"], row["answered"]) == (d["questions"], d["answered"])
    assert "### Consumer directory" in md  # the Markdown appendix lists the same table
