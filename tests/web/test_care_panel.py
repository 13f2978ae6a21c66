"""The brand page's care-team panel on the demo: SLA share, volume per day as an inline SVG,
top topics and agents, each table with its CSV download; and on the hand-built store."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import quote, quote_plus

from brandcouch.web import create_app
from brandcouch.web.care import volume_chart
from tests.web.queue_store import build
from tests.web.test_dashboard import app, demo, get  # noqa: F401  (module fixtures)


def section(html: str, table_id: str) -> str:
    m = re.search(rf'<table class="data" id="{table_id}">(.*?)</table>', html, re.S)
    assert m, table_id
    return m.group(1)


def test_the_panel_on_the_demo(app, demo):  # noqa: F811
    _, result = demo
    b = result["brands"][0]
    care = b["care"]
    html = get(app, f"/brand?name={quote(b['name'])}").text
    assert '<h3 id="care">Care team' in html
    wall = care["sla"]["wall"]
    assert f"<b>{round(100 * wall['share'])}%</b>" in html
    assert f"of {wall['eligible']:,} customer turns that need a reply" in html
    days = care["volume"]["by_day"]
    assert html.count("<g><title>") == len(days)
    assert section(html, "care-agents").count("<tr>") == 1 + len(care["agents"])
    assert section(html, "care-topics").count("<tr>") == 1 + len(care["topics"])
    for t in ("volume", "sla", "topics", "agents"):
        assert f'href="/download.csv?table={t}&amp;brand={quote_plus(b["name"])}"' in html
    assert "style=" not in html  # the CSP allows no inline style


def test_care_csv_on_the_demo(app, demo):  # noqa: F811
    _, result = demo
    b = result["brands"][0]
    r = get(app, f"/download.csv?table=agents&brand={quote(b['name'])}")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert [x[0] for x in rows[1:]] == [a["agent"] for a in b["care"]["agents"]]
    assert rows[1][2] == str(b["care"]["agents"][0]["replies"])
    r = get(app, f"/download.csv?table=topics&brand={quote(b['name'])}")
    rows = list(csv.reader(io.StringIO(r.text)))
    assert [x[0] for x in rows[1:]] == [t["phrase"] for t in b["care"]["topics"]]


def test_the_volume_chart_by_hand():
    svg = volume_chart(
        [
            {"date": "2017-10-30", "inbound": 4, "outbound": 1, "replies": 2},
            {"date": "2017-10-31", "inbound": 2, "outbound": 0, "replies": 0},
        ],
        width=100,
        height=130,
    )
    # plot height 130 - 8 - 22 = 100, the top value 4: heights 100 and 50 (replies 50 and 0)
    assert '<rect x="5.0" y="8.0" width="40.0" height="100.0"' in svg
    assert '<rect x="55.0" y="58.0" width="40.0" height="50.0"' in svg
    assert '<rect x="15.0" y="58.0" width="20.0" height="50.0"' in svg
    assert "<title>2017-10-30: 4 inbound, 2 replies, 1 by the brand</title>" in svg
    assert volume_chart([]) == ""


def test_on_a_small_store(tmp_path):
    path, result = build(tmp_path)
    small = create_app(path, result=result)
    html = get(small, "/brand?name=acmecare").text
    assert '<h3 id="care">Care team' in html
    assert 'href="/queue?brand=acmecare"' in html
