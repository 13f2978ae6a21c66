"""Reddit importers: Pushshift (NDJSON dumps, .zst, API responses) and Reddit API listings."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import zstandard

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import Source, detect
from brandcouch.importers.reddit import base36
from tests.conftest import FIXTURES, shared_path, table_snapshot

PS = ("fixtures", "reddit_pushshift")
API = ("fixtures", "reddit_api")
EDGE = FIXTURES / "reddit"


def _ts(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)


def msg(store, native_id: str) -> dict:
    cur = store.con.execute("SELECT * FROM messages WHERE id = ?", [f"reddit:{native_id}"])
    row = cur.fetchone()
    assert row is not None, f"reddit:{native_id} not imported"
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def count(store, where: str = "true") -> int:
    return store.con.execute(f"SELECT count(*) FROM messages WHERE {where}").fetchone()[0]


def import_one(store, path, **kw):
    reports = api.import_paths(store, [path], **kw)
    assert len(reports) == 1
    return reports[0]


# ---------------------------------------------------------------- Pushshift, real fixtures


def test_pushshift_classic_schema_real(store):
    rep = import_one(store, shared_path(*PS, "test_comment_search_ids.body.json"))
    assert rep.format == "pushshift"
    assert (rep.records_read, rep.imported, rep.skipped) == (10, 10, [])
    m = msg(store, "gjacwx5")
    assert m["author_id"] == "reddit:AVrandomusic"
    assert m["text"] == "Who's complaining? I'm a thigh stand!"
    assert m["kind"] == "comment"
    assert m["parent_id"] == "reddit:kxi2w8" and m["root_id"] == "reddit:kxi2w8"
    assert m["created_at"] == datetime(2021, 1, 14, 23, 51, 50)
    assert m["likes"] == 6
    assert m["permalink"] == (
        "https://www.reddit.com/r/anime/comments/kxi2w8/stop_complaining_about_the_thighs_in/gjacwx5/"
    )
    assert m["deleted"] is False and m["edited_at"] is None
    # a reply to a reply, whose parent is in the file: addressed to the parent's author
    r = msg(store, "gjadphb")
    assert r["kind"] == "reply"
    assert r["parent_id"] == "reddit:gjadc7w" and r["root_id"] == "reddit:kxi2w8"
    assert r["to_account_id"] == "reddit:nf_hades"
    assert r["likes"] == 5
    assert count(store, "kind = 'comment'") == 5 and count(store, "kind = 'reply'") == 5
    acc = store.con.execute(
        "SELECT handle FROM accounts WHERE id = 'reddit:AVrandomusic'"
    ).fetchone()
    assert acc == ("AVrandomusic",)


def test_pushshift_2022_schema_real(store):
    rep = import_one(store, shared_path(*PS, "test_comment_search_limit.body.json"))
    assert (rep.records_read, rep.imported) == (100, 100)
    # integer parent_id = base-10 value of the parent's base36 id
    m = msg(store, "haflnk8")
    assert m["parent_id"] == "reddit:haf7mc4"  # 37635511252 in base36
    assert m["root_id"] == "reddit:pbkq8f"
    assert m["kind"] == "reply" and m["likes"] == 3
    assert m["author_id"] == "reddit:a-corsican-pimp"
    assert m["created_at"] == datetime(2021, 8, 26, 15, 12, 17)
    # null parent_id = top-level comment on the submission
    top = msg(store, "haflpmt")
    assert top["kind"] == "comment" and top["parent_id"] == "reddit:pbkq8f"
    assert top["created_at"] == datetime(2021, 8, 26, 15, 12, 41)
    assert count(store, "kind = 'comment'") == 28
    # [deleted] author + [removed] body: kept as given, flagged deleted
    d = msg(store, "haflhfi")
    assert d["author_id"] == "reddit:[deleted]" and d["text"] == "[removed]" and d["deleted"]
    assert count(store, "deleted") == 39
    # edited: true + edited_on epoch
    e = msg(store, "hafl7oy")
    assert e["edited_at"] == datetime(2021, 9, 3, 20, 30, 17)
    assert count(store, "edited_at IS NOT NULL") == 6
    # author_created_utc becomes the account's creation time; no account for [deleted]
    created = store.con.execute(
        "SELECT created_at FROM accounts WHERE id = 'reddit:SparkySailor'"
    ).fetchone()[0]
    assert created == _ts(1468779362)
    assert store.con.execute(
        "SELECT handle FROM accounts WHERE id = 'reddit:[deleted]'"
    ).fetchone() == (None,)


def test_pushshift_submissions_real(store):
    rep = import_one(store, shared_path(*PS, "test_submission_search_ids.body.json"))
    assert rep.imported == 10
    m = msg(store, "ztkr6z")
    assert m["kind"] == "post" and m["title"] == "Meio perdido"
    assert m["author_id"] == "reddit:Realholder"
    assert m["text"].startswith("Bom dia, boa tarde e boa noite aos leito")
    assert (m["likes"], m["replies"]) == (1, 1)
    assert m["parent_id"] is None and m["root_id"] == "reddit:ztkr6z"
    assert m["permalink"] == "https://www.reddit.com/r/conversas/comments/ztkr6z/meio_perdido/"
    first = msg(store, "ztksvq")
    assert first["text"] == "" and first["created_at"] == datetime(2022, 12, 23, 16, 10, 25)
    assert count(store, "kind = 'post'") == 10


# ---------------------------------------------------------------- Pushshift, edge cases


def _check_edge_dump(store):
    post = msg(store, "abc123")
    assert post["kind"] == "post" and post["title"] == "We&#39;re here: ask us anything & more"
    assert post["text"] == "Post your order problems below > we answer"
    assert post["created_at"] == _ts(1600000000)  # created_utc as a string
    assert (post["likes"], post["replies"]) == (42, 4)
    c1 = msg(store, "c1")
    assert c1["kind"] == "comment" and c1["to_account_id"] == "reddit:AcmeSupport"
    assert c1["text"] == "My order never arrived <3 help"
    assert c1["edited_at"] == datetime(2020, 9, 13, 12, 30, 0, 500000)
    # no permalink in the line: built from the submission seen earlier in the file
    assert c1["permalink"] == "https://www.reddit.com/r/acme/comments/abc123/ama/c1/"
    c2 = msg(store, "c2")
    assert c2["kind"] == "reply" and c2["parent_id"] == "reddit:c1"
    assert c2["to_account_id"] == "reddit:alice" and c2["root_id"] == "reddit:abc123"
    c3 = msg(store, "c3")
    assert c3["deleted"] and c3["author_id"] == "reddit:[deleted]" and c3["text"] == "[removed]"
    assert c3["to_account_id"] == "reddit:AcmeSupport"
    b = msg(store, "ltoxyxxi")
    assert b["parent_id"] == "reddit:c1" and b["kind"] == "reply"  # 433 = base36 "c1"
    assert b["edited_at"] == _ts(1600000600)
    c5 = msg(store, "c5")
    assert c5["kind"] == "comment" and c5["parent_id"] == "reddit:abc123"
    # an integer id above 2**53 stays exact (never through float)
    assert msg(store, "c6")["parent_id"] == "reddit:" + base36(9007199254740993)
    assert count(store) == 7


def test_pushshift_ndjson_edge_cases(store):
    rep = import_one(store, EDGE / "dump_edge.ndjson")
    assert rep.format == "pushshift" and rep.records_read == 7
    _check_edge_dump(store)


def test_pushshift_zst_dump_streams(store, tmp_path):
    raw = (EDGE / "dump_edge.ndjson").read_bytes()
    p = tmp_path / "RC_2020-09.zst"
    p.write_bytes(zstandard.ZstdCompressor().compress(raw))
    assert detect(Source.from_path(p)).name == "pushshift"
    rep = import_one(store, p)
    assert rep.imported == 7
    _check_edge_dump(store)


def test_pushshift_corrupt_zst_fails_cleanly(store, tmp_path):
    p = tmp_path / "RC_broken.zst"
    p.write_bytes(b"\x28\xb5\x2f\xfd" + b"\x00garbage" * 10)
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, p, format="pushshift")
    assert "RC_broken.zst" in str(ei.value) and "\n" not in str(ei.value)
    assert table_snapshot(store) == before


def test_pushshift_bad_lines(store):
    path = EDGE / "bad_lines.ndjson"
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, path, format="pushshift")
    assert re.match(rf"{re.escape(str(path))}, (record )?line 2: invalid JSON", str(ei.value))
    assert "invalid JSON" in str(ei.value)
    assert table_snapshot(store) == before
    rep = import_one(store, path, format="pushshift", skip_bad=True)
    assert rep.imported == 2
    reasons = dict(rep.skipped)
    assert set(reasons) == {"line 2", "line 3 (id noauthor)", "line 4 (id ok2)"}
    assert "author" in reasons["line 3 (id noauthor)"]
    assert "not a time" in reasons["line 4 (id ok2)"]


# ---------------------------------------------------------------- Reddit API listing


def test_listing_real_small(store):
    rep = import_one(
        store, shared_path(*API, "TestCommentForest.test_replace__all_with_comment_limit.body.json")
    )
    assert rep.format == "reddit_api"
    assert rep.imported == 11  # 1 submission + 10 comments
    # the 11 `more` stubs are counted quietly, not reported as skipped records (issue 17)
    assert rep.skipped == [] and rep.ignored == {"'more' stubs": 11}
    post = msg(store, "3hahrw")
    assert post["kind"] == "post" and post["title"] == "Ba Dum Tsss"
    assert post["author_id"] == "reddit:your_local_librarian"
    assert (post["likes"], post["replies"]) == (29790, 537)
    assert post["created_at"] == datetime(2015, 8, 17, 7, 44, 40)
    top = msg(store, "cu5pebp")
    assert top["kind"] == "comment" and top["parent_id"] == "reddit:3hahrw"
    assert top["to_account_id"] == "reddit:your_local_librarian"
    assert top["likes"] == 1127 and top["created_at"] == datetime(2015, 8, 17, 8, 45, 51)
    deep = msg(store, "cu5tgzu")
    assert deep["kind"] == "reply" and deep["parent_id"] == "reddit:cu5sye5"
    assert deep["root_id"] == "reddit:3hahrw" and deep["to_account_id"] == "reddit:Lommo97"
    assert deep["text"] == ">I have a glandular problem! "
    assert deep["created_at"] == datetime(2015, 8, 17, 12, 58, 17)
    assert (
        deep["permalink"] == "https://www.reddit.com/r/funny/comments/3hahrw/ba_dum_tsss/cu5tgzu/"
    )
    gone = msg(store, "cu5th6m")
    assert gone["deleted"] and gone["author_id"] == "reddit:[deleted]"
    assert gone["text"].startswith("With that kind of comedic timing")


def test_listing_real_deep(store):
    rep = import_one(store, shared_path(*API, "TestMore.test_comments.body.json"))
    assert rep.imported == 477  # 1 submission + 476 comments, 11 levels
    assert rep.skipped == [] and rep.ignored == {"'more' stubs": 18}
    assert count(store, "kind = 'comment'") == 137
    assert count(store, "kind = 'reply'") == 339
    assert count(store, "deleted") == 16
    assert count(store, "edited_at IS NOT NULL") == 10
    e = msg(store, "cu5uxy9")
    assert e["edited_at"] == _ts(1439820212) and e["created_at"] == _ts(1439819640)
    # every comment's root is the submission
    assert count(store, "root_id = 'reddit:3hahrw'") == 477


def test_listing_edge_cases(store):
    rep = import_one(store, EDGE / "listing_edge.json")
    assert rep.imported == 5
    # both `more` stubs (one with 7 unloaded comments, one "continue this thread") are
    # counted quietly (issue 17)
    assert rep.ignored == {"'more' stubs": 2}
    k2 = msg(store, "k2")
    assert k2["text"] == "Sorry & thanks, fixed now" and k2["to_account_id"] == "reddit:alice"
    k3 = msg(store, "k3")
    assert k3["deleted"] and k3["parent_id"] == "reddit:k2" and k3["kind"] == "reply"
    k4 = msg(store, "k4")
    assert k4["kind"] == "comment" and k4["to_account_id"] == "reddit:AcmeSupport"
    assert msg(store, "k1")["edited_at"] == _ts(1600000150)


# ---------------------------------------------------------------- shared behaviour


REAL = [
    (PS, "test_comment_search_ids.body.json", "pushshift"),
    (PS, "test_comment_search_limit.body.json", "pushshift"),
    (PS, "test_submission_search_ids.body.json", "pushshift"),
    (API, "TestCommentForest.test_replace__all_with_comment_limit.body.json", "reddit_api"),
    (API, "TestMore.test_comments.body.json", "reddit_api"),
]


@pytest.mark.parametrize(("folder", "name", "fmt"), REAL)
def test_detection_by_content(folder, name, fmt, tmp_path):
    real = shared_path(*folder, name)
    assert detect(Source.from_path(real)).name == fmt
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == fmt


@pytest.mark.parametrize(("folder", "name", "fmt"), REAL[::3] + [REAL[4]])
def test_import_twice_adds_nothing(store, folder, name, fmt):
    path = shared_path(*folder, name)
    first = import_one(store, path)
    second = import_one(store, path)
    assert first.imported > 0
    assert second.imported == 0 and second.duplicates == first.imported


@pytest.mark.parametrize(("folder", "name", "fmt"), REAL[::3])
def test_truncated_file_fails_cleanly(store, tmp_path, folder, name, fmt):
    data = Path(shared_path(*folder, name)).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) // 2])
    import_one(store, EDGE / "dump_edge.ndjson")  # the store is not empty
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, cut)
    text = str(ei.value)
    assert str(cut) in text and "\n" not in text and "JSON" in text
    assert table_snapshot(store) == before


def test_truncated_edge_dump_fails_cleanly(store, tmp_path):
    data = (EDGE / "dump_edge.ndjson").read_bytes()
    cut = tmp_path / "cut.ndjson"
    cut.write_bytes(data[: len(data) // 2])
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, cut, format="pushshift")
    assert str(cut) in str(ei.value) and "\n" not in str(ei.value)
    assert table_snapshot(store) == before


def test_base36():
    assert base36(37635511252) == "haf7mc4"
    assert base36(int("gjacwx5", 36)) == "gjacwx5"
    assert base36(0) == "0"
