"""Every account a message names is kept (``message_mentions``: lower-cased handles without
"@"), by every importer whose source has mentions: X API v2 ``entities.mentions``, v1.1 and the
archive ``entities.user_mentions``, Mastodon ``mentions`` (and ActivityPub ``Mention`` tags),
Bluesky mention facets, TWCS ``@handles`` in the text."""

from __future__ import annotations

import pytest

from brandcouch import api
from brandcouch.importers.common import mention_handles
from tests.conftest import FIXTURES, shared_path


def _mentions(store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for mid, h in store.con.execute("SELECT message_id, handle FROM message_mentions").fetchall():
        out.setdefault(mid, set()).add(h)
    return out


def test_mention_handles_helper():
    assert mention_handles(["@Delta", "delta", " @United ", None, "", "@"]) == ("Delta", "United")


@pytest.mark.parametrize(
    ("folder", "at_least", "example"),
    [
        ("twitter_api_v1", 2, "wikipedia"),
        ("twitter_api_v2", 90, "jackposobiec"),
        ("twitter_archive", 20, None),
        ("mastodon_api", 1, "mastodonpy_test_2@localhost"),
        ("mastodon_archive", 5, None),
    ],
)
def test_real_fixtures_keep_every_mention(store, folder, at_least, example):
    api.import_paths(store, [shared_path("fixtures", folder)])
    got = _mentions(store)
    assert len(got) >= at_least
    handles = set().union(*got.values())
    assert all(h == h.lower() and not h.startswith("@") for h in handles)
    if example:
        assert example in handles
    # a message's mentions are handles its text shows (up to case)
    texts = dict(store.con.execute("SELECT id, lower(text) FROM messages").fetchall())
    shown = sum(1 for mid, hs in got.items() for h in hs if h.split("@")[0] in texts[mid])
    assert shown >= 0.8 * sum(len(hs) for hs in got.values())


def test_v2_mentions_in_text_order_and_case(store, tmp_path):
    import json

    doc = {
        "data": [
            {
                "id": "10",
                "author_id": "1",
                "text": "@DeltaAssist and @united help",
                "entities": {
                    "mentions": [
                        {"start": 17, "end": 24, "username": "united", "id": "3"},
                        {"start": 0, "end": 12, "username": "DeltaAssist", "id": "2"},
                    ]
                },
            }
        ],
        "includes": {"users": [{"id": "1", "username": "cust"}]},
    }
    p = tmp_path / "v2.json"
    p.write_text(json.dumps(doc))
    api.import_paths(store, [p])
    assert _mentions(store) == {"twitter:10": {"deltaassist", "united"}}


def test_bluesky_facets(store):
    api.import_paths(store, [FIXTURES / "bluesky" / "record_with_uri.json"])
    assert "snarfed.org" in set().union(*_mentions(store).values())


def test_twcs_every_handle(store, shared):
    api.import_paths(store, [shared("data", "twcs", "twcs_head5000.csv")])
    got = _mentions(store)
    n = sum(len(v) for v in got.values())
    # the same rule in DuckDB over the stored texts
    expect = store.scalar(
        "SELECT count(*) FROM (SELECT DISTINCT id, lower(unnest("
        "regexp_extract_all(text, '@(\\w{1,30})', 1))) FROM messages)"
    )
    assert n == expect and n > 5000
    # a later mention is kept: the tweet that names a brand after a customer
    assert any(len(v) > 1 for v in got.values())
