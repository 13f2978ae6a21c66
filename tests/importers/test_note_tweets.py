"""X archive: note-tweet.js gives long posts their full text (issue 17)."""

from __future__ import annotations

from brandcouch import api
from tests.conftest import FIXTURES

A = FIXTURES / "twitter" / "archive_notes"


def test_note_tweet_replaces_the_truncated_text(store):
    reports = api.import_paths(store, [A])
    by_file = {r.file.rsplit("/", 1)[-1]: r for r in reports}
    assert by_file["tweets.js"].imported == 2
    assert by_file["note-tweet.js"].status == "skipped"  # read beside tweets.js, not alone
    text = dict(store.con.execute("SELECT native_id, text FROM messages").fetchall())
    long = text["1700000000000000001"]
    assert long.startswith("Update on yesterday's outage: payments failed")
    assert long.endswith("by Monday. Thank you for your patience.")
    assert "…" not in long and "t.co" not in long
    assert len(long) == 347  # the note text exactly
    # the other tweet of the same second does not begin the note: unchanged
    assert text["1700000000000000002"] == "Short one, same second."


def test_without_note_tweet_js_the_text_stays_truncated(store, tmp_path):
    import shutil

    dst = tmp_path / "a"
    shutil.copytree(A, dst)
    (dst / "data" / "note-tweet.js").unlink()
    api.import_paths(store, [dst])
    t = store.scalar("SELECT text FROM messages WHERE native_id = '1700000000000000001'")
    assert "does not happen ag…" in t
