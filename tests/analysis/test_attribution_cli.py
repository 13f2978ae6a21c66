"""Attribution through the CLI (issue 12): every fixture folder that infers no brand gets a
one-line hint naming candidates and the exact declaration; the Disqus sample with its owner
declared shows one brand and scores the owner's replies."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from tests.conftest import shared_path

register_all()
runner = CliRunner()
ENV = {"COLUMNS": "250", "BRANDCOUCH_BUSY_TIMEOUT": "0"}
NO_BRAND = [
    "bluesky",
    "hackernews",
    "mastodon_api",
    "reddit_api",
    "reddit_pushshift",
    "twitter_api_v1",
    "twitter_api_v2",
]


def _cli(*args: str):
    return runner.invoke(app, list(args), env=ENV, catch_exceptions=False)


@pytest.mark.parametrize("folder", NO_BRAND)
def test_a_store_without_brands_names_candidates(tmp_path, folder):
    db = str(tmp_path / "s.duckdb")
    assert _cli("import", "--db", db, str(shared_path("fixtures", folder))).exit_code == 0
    with api.open_store(db, read_only=True) as store:
        found = api.brand_candidates(store, limit=5)
        brands = store.scalar("SELECT count(*) FROM brands")
    assert brands == 0 and found, folder
    out = _cli("analyze", "--db", db)
    assert out.exit_code == 0
    lines = [line for line in out.output.splitlines() if "no brand found" in line]
    assert len(lines) == 1
    assert f'brandcouch brands --add "{found[0]["spec"]}"' in lines[0]
    assert f"{found[0]['platform']}:{found[0]['ref']}" in lines[0]
    # the declaration the hint names works: that account becomes a brand
    assert _cli("brands", "--db", db, "--add", found[0]["spec"]).exit_code == 0
    again = _cli("analyze", "--db", db)
    assert "no brand found" not in again.output
    assert found[0]["spec"].split("=")[0] in again.output


def test_declared_brands_give_no_hint(tmp_path):
    db = str(tmp_path / "s.duckdb")
    folder = str(shared_path("fixtures", "hackernews"))
    assert _cli("import", "--db", db, "--brand", "HN=hackernews:dhouston", folder).exit_code == 0
    assert "no brand found" not in _cli("analyze", "--db", db).output


def test_disqus_owner_declared_is_one_brand(tmp_path):
    db = str(tmp_path / "s.duckdb")
    src = str(shared_path("fixtures", "disqus", "tl3shi"))
    spec = "tanglei=disqus:anon:tanglei,disqus:forum:hexo-tanglei"
    assert _cli("import", "--db", db, "--brand", spec, src).exit_code == 0
    out_json = tmp_path / "r.json"
    out = _cli("analyze", "--db", db, "--json", str(out_json))
    assert out.exit_code == 0 and "hexo-tanglei" not in out.output.split("report:")[0]
    (brand,) = json.loads(out_json.read_text())["brands"]
    assert brand["name"] == "tanglei"
    assert brand["metrics"]["brand_replies"] >= 20  # the owner's replies are the brand's
    assert brand["metrics"]["inbound"] > 0
    assert brand["health"]["score"] > 1  # was 1: the owner's replies counted as the audience's
    assert brand["elements"]["empathy"]["score"] > 0


def test_spotifycares_declared_receives_its_requests(tmp_path):
    db = str(tmp_path / "s.duckdb")
    src = str(shared_path("data", "twcs", "spotifycares_support_requests.csv"))
    assert _cli("import", "--db", db, "--brand", "Spotify=twitter:SpotifyCares", src).exit_code == 0
    with api.open_store(db, read_only=True) as store:
        (spotify,) = api.analyse(store, signals=False).brands
    assert spotify.name == "Spotify" and spotify.metrics.inbound >= 14_500
