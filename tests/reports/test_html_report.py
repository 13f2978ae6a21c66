"""The HTML report of real results (the demo at a small scale, the TWCS sample, the seed
thread): self-contained, every score linked to its evidence, untrusted text inert."""

from __future__ import annotations

import base64
import hashlib
import re
from html import escape

import pytest

from brandcouch import api
from brandcouch.model.result import Analysis
from brandcouch.reports.html import render_html, safe_url
from tests.model.results import demo_result, seed_result, twcs_result
from tests.reports.payloads import assert_inert, census, payload_store
from tests.test_pinned_numbers import TWCS

#: the demo at tests.model.results.DEMO_SCALE, hand-checked: brand -> (health, customer turns never answered)
DEMO = {"MegaMart Deals": (37.2, 1937), "Nimbus Telecom": (46.0, 464), "Harbor Coffee": (88.9, 104)}
BAND_LABELS = ("≤ 6 min", "≤ 22 min", "≤ 1 h", "≤ 24 h", "later", "answered, time unknown", "never")


@pytest.fixture(scope="module")
def demo():
    return demo_result()


@pytest.fixture(scope="module")
def demo_html(demo):
    return render_html(demo)


def test_no_external_fetch(demo_html):
    c = census(demo_html)
    for tag, attrs in c.tags:
        if tag in ("link", "script", "img", "iframe", "source", "video", "audio"):
            for key in ("src", "href"):
                assert not re.match(r"\s*(https?:)?//", attrs.get(key) or ""), (tag, attrs)
    assert not [a for t, a in c.tags if t == "link" and a.get("rel") == "stylesheet"]
    assert "@import" not in demo_html and "url(http" not in demo_html


def test_csp_meta_allows_only_our_script(demo_html):
    c = census(demo_html)
    csp = next(a["content"] for t, a in c.tags if t == "meta" and a.get("http-equiv"))
    assert "default-src 'none'" in csp
    scripts = re.findall(r"<script>(.*?)</script>", demo_html, re.S)
    assert len(scripts) == 1
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_the_real_numbers_are_drawn(demo, demo_html):
    assert [b["name"] for b in demo["brands"]] == list(DEMO)
    for i, (name, (health, _)) in enumerate(DEMO.items(), 1):
        assert demo["brands"][i - 1]["health"]["score"] == health
        assert f'<a href="#b{i}">{name}</a>' in demo_html
        assert f'aria-label="health {health:.0f} of 100"' in demo_html


def test_every_score_links_to_an_evidence_section(demo, demo_html):
    c = census(demo_html)
    ids = {a.get("id") for _, a in c.tags if a.get("id")}
    ev_links = [a["href"] for t, a in c.tags if t == "a" and "ev-link" in (a.get("class") or "")]
    assert len(ev_links) == len(demo["brands"]) * 5  # four elements and health each
    for href in ev_links:
        assert href.startswith("#") and href[1:] in ids


def test_evidence_is_shown_as_conversations(demo, demo_html):
    b = demo["brands"][0]
    mid = b["elements"]["empathy"]["evidence"]["lowered"][0]["message_id"]
    assert mid in demo["evidence_threads"]
    assert re.findall(r'class="msg[^"]*focus[^"]*"', demo_html)  # the evidence message
    assert 'class="msg brand' in demo_html  # brand replies are drawn distinct


def test_sections_present(demo_html):
    for heading in (
        "The session",
        "Trend per week",
        "Channels",
        "Where to invest",
        "Audience: quality versus",
        "Pitch without listening",
        "Benchmark",
        "Consumer directory",
    ):
        assert heading in demo_html


def test_findings_show_their_numbers_and_prescription(demo, demo_html):
    f = demo["brands"][0]["session"]["findings"][0]
    n = f["numbers"]
    assert f'<span class="chip">score {n["score"]:.0f}</span>' in demo_html
    assert f'<span class="chip">n = {n["n"]:,}</span>' in demo_html
    assert f"Prescription · {f['prescription']['principle']}:" in demo_html


def test_response_bands_drawn_in_order_with_untimed(demo, demo_html):
    start = demo_html.index('<div class="bands">')
    end = demo_html.index("</div>\n</div>", start)
    block = demo_html[start:end]
    pos = [block.index(label) for label in BAND_LABELS]
    assert pos == sorted(pos)
    never = DEMO["MegaMart Deals"][1]
    assert f'never <span class="muted">({never:,})</span>' in block
    assert 'class="band untimed"' in block


def test_without_evidence_threads_evidence_is_single_messages(demo):
    d = {k: v for k, v in demo.items() if k != "evidence_threads"}
    html = render_html(Analysis.from_json(d))
    assert html.count('class="msg focus"') > 0 and "Harbor Coffee" in html


def test_twcs_report_pinned_numbers():
    result = twcs_result()
    html = render_html(result)
    table = html[html.index("<h3>All brands</h3>") :]
    for name in ("ChipotleTweets", "AmazonHelp", "British_Airways"):
        inbound, _answered, median = TWCS[name]
        row = table[table.index(f">{name}</a>") :]
        row = row[: row.index("</tr>")]
        assert f'<td class="n">{inbound}</td>' in row
        assert (
            f'<td class="n">{ {"ChipotleTweets": "9.8 min", "AmazonHelp": "8.9 min", "British_Airways": "5.7 h"}[name] }</td>'
            in row
        )
    assert 'id="imports"' in html and "twcs_head5000.csv" in html


def test_seed_thread_report_without_a_health_score():
    result = seed_result()
    assert result["brands"][0]["health"]["score"] is None
    html = render_html(result)
    assert "Social Steve" in html and "Not enough data" in html


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://x.com/a/status/1", True),
        ("http://example.org/p", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ("//evil.example/x", False),
        ("https:///nohost", False),
        (None, False),
    ],
)
def test_safe_url(url, kept):
    assert (safe_url(url) is not None) is kept


def test_payloads_render_inert_in_the_report(tmp_path):
    store = payload_store(tmp_path / "p.duckdb")
    result = api.analyse(store).to_json()
    store.close()
    html = render_html(result)
    c = assert_inert(html, allowed_scripts=1)
    text = "".join(c.text)
    assert "<script>alert(1)</script>" in text  # the brand name, shown as text
    assert "javascript:" not in " ".join(a.get("href", "") for _, a in c.tags)


def test_a_directory_card_never_claims_a_rate_its_channels_call_too_few():
    """Issue 14: a card said "Answers 100% of questions (2 of 2)" beside "Too few questions to
    say (2)". The card now says the directory's own summary sentence."""
    result = twcs_result()
    few = [
        d for d in result["directory"] if 0 < d["questions"] < 5 and d["answered"] == d["questions"]
    ]
    assert few, "the TWCS sample has brands with a handful of questions, all answered"
    html = render_html(result)
    for d in few:
        card = html.split(f"<h3>{escape(d['brand'])}</h3>", 1)[1].split("</div>", 1)[0]
        headline = card.split('<p class="small">', 1)[1].split("</p>", 1)[0]
        assert headline.startswith("Too few questions"), (d["brand"], headline)
