"""The HTML report: self-contained, every score linked to its evidence, untrusted text inert."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from brandcouch import api
from brandcouch.reports.html import render_html, safe_url
from tests.reports.payloads import assert_inert, census, payload_store
from tests.reports.sample import full_result


@pytest.fixture(scope="module")
def demo_result():
    store = api.open_store(":memory:")
    api.generate_demo(store, scale=0.25)
    result = full_result(store)
    store.close()
    return result


@pytest.fixture(scope="module")
def demo_html(demo_result):
    return render_html(demo_result)


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


def test_every_score_links_to_an_evidence_section(demo_result, demo_html):
    c = census(demo_html)
    ids = {a.get("id") for _, a in c.tags if a.get("id")}
    ev_links = [a["href"] for t, a in c.tags if t == "a" and "ev-link" in (a.get("class") or "")]
    n_scores = sum(1 for b in demo_result["brands"] for k in ("health",) if b.get(k)) * 5
    assert len(ev_links) == n_scores
    for href in ev_links:
        assert href.startswith("#") and href[1:] in ids


def test_evidence_is_shown_as_conversations(demo_result, demo_html):
    b = demo_result["brands"][0]
    mid = b["elements"]["empathy"]["evidence"]["lowered"][0]["message_id"]
    assert mid in demo_result["evidence_threads"]
    # the evidence message is outlined and its conversation is around it
    focus = re.findall(r'class="msg[^"]*focus[^"]*"', demo_html)
    assert focus
    assert 'class="msg brand' in demo_html  # brand replies are drawn distinct


def test_sections_present_with_full_result(demo_html):
    for heading in (
        "The session",
        "Trend per week",
        "Channels",
        "Audience: quality versus",
        "Pitch without listening",
        "Benchmark",
        "Consumer directory",
    ):
        assert heading in demo_html


def test_partial_result_renders_without_optional_sections(demo_result):
    partial = {k: v for k, v in demo_result.items() if k not in ("benchmark", "directory")}
    partial["brands"] = [
        {k: b[k] for k in ("name", "accounts", "metrics", "channels")}
        for b in demo_result["brands"]
    ]
    for b in partial["brands"]:
        b["channels"] = [
            {"platform": c["platform"], "metrics": c["metrics"]} for c in b["channels"]
        ]
    html = render_html(partial)
    assert "The session" not in html and 'id="benchmark"' not in html
    assert "response metrics only" in html
    assert html.count('class="section brand-section"') == len(partial["brands"])


def test_response_bands_drawn_in_order(demo_result, demo_html):
    bands = demo_result["brands"][0]["metrics"]["response_bands"]
    assert sum(bands.values()) == demo_result["brands"][0]["metrics"]["inbound"]
    start = demo_html.index('<div class="bands">')
    labels = ("≤ 6 min", "≤ 22 min", "≤ 1 h", "≤ 24 h", "later", "never")
    pos = [demo_html.index(label, start) for label in labels]
    assert pos == sorted(pos)


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
    result = api.analyse(store)
    store.close()
    html = render_html(result)
    c = assert_inert(html, allowed_scripts=1)
    text = "".join(c.text)
    assert "<script>alert(1)</script>" in text  # the brand name, shown as text
    assert "javascript:" not in " ".join(a.get("href", "") for _, a in c.tags)
