"""CSV downloads (/download.csv): the queue, messages with their filters, the benchmark and
the brand's care tables, with cells a spreadsheet would run neutralised (CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from brandcouch.web import create_app
from brandcouch.web.downloads import filename, to_csv
from tests.web.queue_store import T, build
from tests.web.test_dashboard import get


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path, result = build(tmp_path_factory.mktemp("csv"))
    return create_app(path, result=result)


def table(r) -> list[list[str]]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/csv; charset=utf-8"
    assert r.headers["content-disposition"].startswith("attachment; filename=")
    return list(csv.reader(io.StringIO(r.text)))


def test_the_queue_as_csv(app):
    r = get(app, "/download.csv?table=queue&brand=acmecare")
    assert (
        r.headers["content-disposition"] == 'attachment; filename="brandcouch-queue-acmecare.csv"'
    )
    rows = table(r)
    assert rows[0][:5] == ["brand", "customer", "waiting_minutes", "kind", "text"]
    assert [(x[6], x[2], x[3]) for x in rows[1:]] == [
        (T + "53", "150.0", "complaint"), (T + "52", "60.0", "complaint"),
        (T + "50", "240.0", "question"), (T + "51", "120.0", "question"),
    ]  # fmt: skip
    # the message starting with "=" is text in a spreadsheet, not a formula
    assert rows[4][4] == "'=HYPERLINK(1) @acmecare Is the store open today?"
    every = table(get(app, "/download.csv?table=queue"))
    assert len(every) == 1 + 5 and every[1][0] == "betahelp"


def test_messages_with_the_filters(app):
    rows = table(get(app, "/download.csv?table=messages&brand=acmecare&answered=0"))
    assert rows[0][:4] == ["id", "created_at", "platform", "author"]
    ids = [x[0] for x in rows[1:]]
    # unanswered inbound, newest first (the /messages order): 56 (12:00) ... 50 (08:00)
    assert ids == [T + "56", T + "52", T + "51", T + "57", T + "53", T + "50"]
    brand_rows = table(get(app, "/download.csv?table=messages&brand=acmecare&role=brand"))
    assert [x[0] for x in brand_rows[1:]] == [T + "55", T + "1"]


def test_benchmark_and_care_tables(app):
    rows = table(get(app, "/download.csv?table=benchmark"))
    assert rows[0][:3] == ["brand", "league_rank", "note"]
    assert sorted(x[0] for x in rows[1:]) == ["acmecare", "betahelp"]
    for t in ("agents", "topics", "volume", "sla"):
        rows = table(get(app, f"/download.csv?table={t}&brand=acmecare"))
        assert rows[0], t
    # one definition: a dashboard care download has the report's CSV columns (reports/tables.py)
    # without its leading brand column
    from brandcouch.reports import tables as report_tables

    heads = {"agents": report_tables.AGENT_COLUMNS, "topics": report_tables.TOPIC_COLUMNS,
             "volume": report_tables.VOLUME_COLUMNS, "sla": report_tables.SLA_MONTH_COLUMNS}
    for t, columns in heads.items():
        rows = table(get(app, f"/download.csv?table={t}&brand=acmecare"))
        acts = [f"act_{a}" for a in report_tables.AGENT_ACTS] if t == "agents" else []
        assert rows[0] == [*columns, *acts], t
    assert table(get(app, "/download.csv?table=sla&brand=acmecare"))[0][:3] == [
        "month", "eligible", "within"]
    volume = table(get(app, "/download.csv?table=volume&brand=acmecare"))
    assert volume[0] == ["date", "inbound", "outbound", "replies"]
    assert volume[1][0] == "2017-10-31" and volume[1][1] == "7"  # 50 51 52 53 54 56 57


def test_bad_requests(app):
    assert get(app, "/download.csv?table=nope").status_code == 400
    assert get(app, "/download.csv?table=agents").status_code == 400  # needs a brand
    assert get(app, "/download.csv?table=queue&brand=nobody").status_code == 404
    assert get(app, "/download.csv?table=messages&brand=acmecare&role=x").status_code == 400


def test_cells_and_file_names():
    text = to_csv(["a", "=b"], [["=1+1", "+x", "-y", "@z", "-5", 3.5, None, True, "ok"]])
    assert list(csv.reader(io.StringIO(text))) == [
        ["a", "'=b"],
        ["'=1+1", "'+x", "'-y", "'@z", "-5", "3.5", "", "true", "ok"],
    ]
    assert filename("queue", 'Ev"il\r\nName/..') == "brandcouch-queue-Ev-il-Name.csv"
    assert filename("benchmark", None) == "brandcouch-benchmark.csv"


def test_download_links_by_the_tables(app):
    assert (
        'href="/download.csv?table=queue&amp;brand=acmecare"'
        in get(app, "/queue?brand=acmecare").text
    )
    assert 'href="/download.csv?table=benchmark"' in get(app, "/benchmark").text
    page = get(app, "/messages?brand=acmecare&answered=0").text
    assert (
        'href="/download.csv?table=messages&amp;brand=acmecare&amp;role=inbound&amp;answered=0"'
        in page
    )
