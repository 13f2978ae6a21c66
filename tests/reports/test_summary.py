"""The executive summary: first in the HTML report, the Markdown and the PDF, holding each
brand's health, elements, top findings (one quote each), what goes well, the care SLA and
topics; the details follow as a collapsed appendix; ``report --brand`` scopes a report; the PDF
fits its page budget (demo at most 6 pages, the TWCS sample 2 + 1 per brand with a score)."""

from __future__ import annotations

import os
import re
from html import unescape
from pathlib import Path

import pytest

from brandcouch import api
from brandcouch.errors import ConfigError
from brandcouch.reports import scope, view
from brandcouch.reports.html import render_html
from brandcouch.reports.markdown import render_markdown
from tests.model.results import demo_result, twcs_result
from tests.reports.payloads import census

#: the demo at tests.model.results.DEMO_SCALE, read off its JSON by hand: brand -> (health,
#: (empathy, value, transparency, mutuality), SLA within 1h: (within, eligible))
DEMO = {
    "MegaMart Deals": (37.2, (23.9, 48.2, 42.1, 39.3), (0, 1039)),
    "Nimbus Telecom": (46.0, (46.9, 50.6, 27.4, 68.7), (625, 988)),
    # complaint.v6 (issue 13 fifth pass): "Pier 9 baristas remembered my order after one visit 😍
    # You made my day." (0.51) is praise, no longer needs a reply: empathy 89.0 -> 89.1, SLA
    # 321/364 -> 320/363
    "Harbor Coffee": (88.9, (89.1, 91.7, 85.8, 89.2), (320, 363)),
}
SCREENSHOTS = Path(
    os.environ.get("BRANDCOUCH_SCREENSHOTS") or Path(__file__).resolve().parents[1] / "output"
)


@pytest.fixture(scope="module")
def demo():
    return demo_result()


@pytest.fixture(scope="module")
def demo_html(demo):
    return render_html(demo)


def _summary_part(html: str) -> str:
    return html[html.index('id="summary"') : html.index('id="appendix"')]


def _quotable(brand: dict, finding: dict) -> bool:
    """A finding is quoted when it has evidence, or its element has a message that lowered it
    through the finding's component."""
    lowered = brand["elements"][finding["element"]]["evidence"]["lowered"]
    return bool(finding["evidence"]) or any(e["component"] == finding["component"] for e in lowered)


def _card(html: str, i: int) -> str:
    start = html.index(f'<section class="section brief" id="s{i}">')
    return html[start : html.index("</section>", start)]


def test_the_summary_comes_first(demo_html):
    pos = [demo_html.index(x) for x in ('id="summary"', 'id="s1"', 'id="s3"', 'id="appendix"')]
    assert pos == sorted(pos)
    assert demo_html.index('id="appendix"') < demo_html.index('id="overview"')
    assert demo_html.index('id="appendix"') < demo_html.index('id="b1"')


def test_the_set_table_holds_every_brand_side_by_side(demo, demo_html):
    summary = _summary_part(demo_html)
    table = summary[summary.index("<tbody>") : summary.index("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)
    assert len(rows) == 3
    for row, b, (name, (health, elements, (within, eligible))) in zip(
        rows, demo["brands"], DEMO.items(), strict=True
    ):
        cells = [
            unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        assert cells[0] == name
        assert cells[1:6] == [f"{health:.0f}", *(f"{e:.0f}" for e in elements)]
        assert cells[7] == f"{round(100 * within / eligible)}%"
        assert cells[8] == b["health"]["confidence"]


def test_one_card_per_brand_with_health_findings_quote_and_care(demo, demo_html):
    for i, (b, (name, (health, elements, (within, eligible)))) in enumerate(
        zip(demo["brands"], DEMO.items(), strict=True), 1
    ):
        assert b["name"] == name and b["health"]["score"] == health  # the JSON itself
        card = unescape(_card(demo_html, i))
        assert f"<h2>{name}</h2>" in card
        assert f"Relationship health {health:.0f} / 100" in card
        assert f'aria-label="health {health:.0f} of 100"' in card
        for key, value in zip(view.ELEMENTS, elements, strict=True):
            assert f'href="#ev-{i}-{key}">{value:.0f}</a>' in card  # drill-down to evidence
        top = sorted(b["session"]["findings"], key=lambda f: -f["severity"])[:3]
        assert (
            card.count('<div class="title">') == len(top) == min(3, len(b["session"]["findings"]))
        )
        for f in top:
            assert f["title"] in card
        first_quote = top[0]["evidence"][0]["text"]
        assert f"“{view.quote(first_quote)}”" in card
        assert card.count("<blockquote") == sum(_quotable(b, f) for f in top)  # one each
        for g in b["session"]["going_well"][:3]:
            assert g["title"] in card
        assert f"({within:,} of {eligible:,})" in card and "Answered within 1h" in card
        for t in b["care"]["topics"][:3]:
            assert f"{t['phrase']} · {t['count']:,}" in card
        assert f'href="#b{i}"' in card  # details in the appendix


@pytest.fixture(scope="module")
def twcs():
    return twcs_result()  # skips with the reason when ../shared is absent


def test_the_twcs_report_opens_at_its_summary_with_details_collapsed(twcs):
    html = render_html(twcs)
    c = census(html)
    sections = [a.get("id") for t, a in c.tags if t == "section" and a.get("id")]
    assert sections[0] == "summary", sections[:3]  # the first thing a reader sees
    scored = [i for i, b in enumerate(twcs["brands"], 1) if b["health"]["score"] is not None]
    # 34 of the 76 brands have a health score; AldiUK (10th by inbound: 72 messages, the
    # mince-pie banter tagging five brands, which needs no reply) has none
    assert len(twcs["brands"]) == 76 and scored == [i for i in range(1, 36) if i != 10]
    apx = {a.get("id"): a for t, a in c.tags if t == "details" and "apx" in (a.get("class") or "")}
    # a closed part for each of the 35 brands with the most inbound messages (every scored
    # brand among them), plus the overview, benchmark, directory, imports and method
    assert set(apx) == {f"apx-b{i}" for i in range(1, 36)} | {
        "apx-overview", "apx-benchmark", "apx-directory", "apx-imports", "apx-method"}
    assert all("open" not in a for a in apx.values())
    summary = _summary_part(html)
    assert "<details" not in summary
    assert all(f'id="s{i}"' in summary for i in scored) and 'id="s10"' not in summary
    # every in-page link lands somewhere (a card's "Details →" and its score links too)
    ids = {a.get("id") for _, a in c.tags if a.get("id")}
    targets = {a["href"][1:] for t, a in c.tags if t == "a" and (a.get("href") or "").startswith("#")}
    assert targets - ids == set()
    # the summary is what shows before a click: a small part of the 3 MB report
    assert len(summary) < len(html) / 10


def test_the_appendix_is_collapsed_and_keeps_the_anchors(demo_html):
    c = census(demo_html)
    apx = [a for t, a in c.tags if t == "details" and "apx" in (a.get("class") or "")]
    assert len(apx) >= 3 + 2  # overview, three brands, benchmark, directory, method
    assert all("open" not in a for a in apx)
    assert "<details" not in _summary_part(demo_html)  # the summary shows without a click
    ids = {a.get("id") for _, a in c.tags if a.get("id")}
    for i in (1, 2, 3):
        assert {f"b{i}", f"ev-{i}-empathy", f"s{i}"} <= ids
    # a link into a closed part opens it: the script (the one the CSP allows) does that
    assert "hashchange" in demo_html and "e.open=true" in demo_html


def test_the_summary_only_page(demo):
    html = render_html(demo, appendix=False)
    assert 'id="summary"' in html and 'id="s3"' in html
    assert 'id="appendix"' not in html and "<details" not in html
    assert 'href="#ev-' not in html and 'href="#b1"' not in html  # no link to what is not there
    assert len(html) < len(render_html(demo)) / 5


def test_markdown_summary_first_then_appendix(demo):
    md = render_markdown(demo)
    lines = md.splitlines()
    summary, appendix = lines.index("## Executive summary"), lines.index("## Appendix")
    assert summary < appendix
    assert (
        lines.index("### Brands") > appendix
        and lines.index("### Pitch-without-listening flags") > appendix
    )
    for name, (health, elements, (within, eligible)) in DEMO.items():
        scores = " | ".join(f"{e:.0f}" for e in elements)
        assert f"| {name} | {health:.0f} | {scores} |" in md
        heading = lines.index(f"### {name}: health {health:.0f} / 100")
        assert summary < heading < appendix
        assert f"({within:,} of {eligible:,})" in md
    assert md.count("   > “") == sum(
        _quotable(b, f)
        for b in demo["brands"]
        for f in sorted(b["session"]["findings"], key=lambda f: -f["severity"])[:3]
    )


def test_twcs_brands_with_too_little_data_get_a_row_not_a_card():
    result = twcs_result()
    html = render_html(result, appendix=False)
    with_score = [b for b in result["brands"] if b["health"]["score"] is not None]
    assert 0 < len(with_score) < len(result["brands"])
    assert html.count('<section class="section brief"') == len(with_score)
    assert html.count('<tr class="thin">') == len(result["brands"]) - len(with_score)
    assert "ChipotleTweets" in _card(html, 1)  # the most inbound, with a score


def test_scope_keeps_only_the_brands_asked(demo):
    r = scope.scope(demo, ["harbor coffee", "HARBOR COFFEE"])
    assert [b.name for b in r.brands] == ["Harbor Coffee"]
    assert [row.brand for row in r.benchmark.brands] == ["Harbor Coffee"]
    assert {e.brand for e in r.directory} == {"Harbor Coffee"}
    with pytest.raises(ConfigError) as e:
        scope.scope(demo, ["Nope"])
    assert str(e.value) == (
        "no brand named 'Nope' in the store; known brands: "
        "MegaMart Deals, Nimbus Telecom, Harbor Coffee"
    )


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("summary") / "demo.duckdb"
    with api.open_store(path, create=True) as store:
        api.generate_demo(store, scale=0.1)
    return path


def _cli(args: list[str]):
    from typer.testing import CliRunner

    from brandcouch.cli.app import app, register_all

    register_all()
    return CliRunner().invoke(app, args)


def test_report_brand_scopes_every_format(demo_store, tmp_path):
    r = _cli(["report", "--db", str(demo_store), "--brand", "nimbus telecom",
              "--md", str(tmp_path / "r.md"), "--html", str(tmp_path / "r.html")])  # fmt: skip
    assert r.exit_code == 0, r.output
    md = (tmp_path / "r.md").read_text(encoding="utf-8")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    for text in (md, html):
        assert "Nimbus Telecom" in text
        assert "MegaMart Deals" not in text and "Harbor Coffee" not in text


def test_report_unknown_brand_is_one_line_and_exit_1(demo_store, tmp_path):
    r = _cli(["report", "--db", str(demo_store), "--brand", "Acme", "--md", str(tmp_path / "r.md")])
    assert r.exit_code == 1
    assert (
        "no brand named 'Acme' in the store; known brands: MegaMart Deals, Nimbus Telecom, "
        "Harbor Coffee" in " ".join(r.output.split())
    )
    assert not (tmp_path / "r.md").exists()


# -- the PDF and a look at the page (Chromium, offline) -------------------------------------


def _pages(pdf: Path) -> int:
    try:
        import pypdf
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))
    return len(pypdf.PdfReader(str(pdf)).pages)


@pytest.fixture(scope="module")
def chromium():
    from tests.browser.support import chromium_or_skip

    return chromium_or_skip()


@pytest.mark.browser
def test_demo_pdf_is_the_summary(chromium, demo, tmp_path):
    from brandcouch.reports.pdf import write_pdf

    short = write_pdf(demo, tmp_path / "summary.pdf")
    full = write_pdf(demo, tmp_path / "full.pdf", appendix=True)
    assert _pages(short) <= 6
    assert _pages(short) == 1 + len(demo["brands"])  # the set, then a page per brand
    assert _pages(full) > 3 * _pages(short)


@pytest.mark.browser
def test_twcs_pdf_page_budget(chromium, tmp_path):
    from brandcouch.reports.pdf import write_pdf

    result = twcs_result()
    enough = sum(1 for b in result["brands"] if b["health"]["score"] is not None)
    assert _pages(write_pdf(result, tmp_path / "twcs.pdf")) <= 2 + enough


@pytest.mark.browser
def test_summary_screenshot_and_drill_down(chromium, demo, tmp_path):
    from brandcouch.reports.chromium import launch_chromium

    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(demo), encoding="utf-8")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with launch_chromium(chromium) as browser:
        for name, size in {"desktop": (1366, 900), "phone": (390, 844)}.items():
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            requests: list[str] = []
            page.on("request", lambda r, seen=requests: seen.append(r.url))
            page.goto(page_file.as_uri())
            page.screenshot(path=str(SCREENSHOTS / f"report-summary-{name}.png"))
            assert page.locator("#s1").is_visible() and not page.locator("#b1").is_visible()
            page.close()
            assert all(u.startswith("file:") for u in requests), requests
        page = browser.new_page(viewport={"width": 1366, "height": 900})
        page.goto(page_file.as_uri())
        page.locator('#s2 a[href="#ev-2-empathy"]').click()  # a score of the summary
        assert page.locator("#ev-2-empathy").is_visible()  # its evidence, opened
        assert page.evaluate("document.getElementById('apx-b2').open")
        page.close()


def test_quote_and_its_author():
    from brandcouch.model.result import EvidenceItem

    def item(author: str) -> EvidenceItem:
        return EvidenceItem(message_id="m", component="c", reason="r", text="t", author=author,
                            platform="twitter", created_at=None, permalink=None, thread_root="m")  # fmt: skip

    assert view.quoted_author(item("walsh_a")) == "walsh_a"
    assert view.quoted_author(item("twitter:twcs:115870")) == "a customer (twitter)"
    assert view.quoted_author(item("twitter:twcs:AppleSupport")) == "AppleSupport"
    assert view.quote("a  b\n c") == "a b c"
    long = "word " * 60
    assert view.quote(long) == ("word " * 40).strip() + " …" and len(view.quote(long)) == 201
