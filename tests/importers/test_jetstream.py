"""Bluesky Jetstream JSONL through the bluesky importer (issue 17). Events shaped as the
bluesky-social/jetstream README's "Example events" (the like, delete and identity lines are
those examples; the post commits follow the same commit shape with an app.bsky.feed.post
record)."""

from __future__ import annotations

from brandcouch import api
from tests.conftest import FIXTURES

F = FIXTURES / "bluesky" / "jetstream.jsonl"


def test_jetstream_posts_import_and_the_rest_is_ignored_quietly(store):
    rep = api.import_paths(store, [F])[0]
    assert rep.format == "bluesky"
    assert (rep.imported, rep.skipped) == (2, [])
    assert rep.ignored == {"Jetstream events other than posts": 4, "Jetstream post deletes": 1}
    rows = store.con.execute(
        "SELECT native_id, author_id, kind, parent_id, text FROM messages ORDER BY created_at"
    ).fetchall()
    post = "at://did:plc:acmeacmeacmeacmeacmeacme/app.bsky.feed.post/3l3pte3p2e325"
    assert rows[0][:3] == (post, "bluesky:did:plc:acmeacmeacmeacmeacmeacme", "post")
    assert rows[1][2:] == ("reply", f"bluesky:{post}", "Love it, thanks!")
    again = api.import_paths(store, [F])[0]
    assert (again.imported, again.duplicates) == (0, 2)
