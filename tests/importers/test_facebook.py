"""Facebook and Instagram Graph API importers."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import Source, detect
from tests.conftest import FIXTURES, shared_path, table_snapshot

FB = ("fixtures", "facebook_graph_api")
IG = ("fixtures", "instagram_graph_api")
EDGE = FIXTURES / "facebook"
POST = "19292868552_10158407654328553"


def msg(store, platform: str, native_id: str) -> dict:
    cur = store.con.execute("SELECT * FROM messages WHERE id = ?", [f"{platform}:{native_id}"])
    row = cur.fetchone()
    assert row is not None, f"{platform}:{native_id} not imported"
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def count(store, where: str = "true") -> int:
    return store.con.execute(f"SELECT count(*) FROM messages WHERE {where}").fetchone()[0]


def import_one(store, path, **kw):
    (rep,) = api.import_paths(store, [path], **kw)
    return rep


# ---------------------------------------------------------------- Facebook


def test_page_feed_real(store):
    rep = import_one(store, shared_path(*FB, "feeds_default_fields_p1.json"))
    assert rep.format == "facebook_graph"
    assert (rep.records_read, rep.imported) == (5, 5)
    assert rep.brands == ["19292868552"]  # the page, named by its id: the file has no name
    m = msg(store, "facebook", "19292868552_10158349356748553")
    assert m["kind"] == "post" and m["author_id"] == "facebook:19292868552"
    assert m["text"].startswith("Singaporean logistics company Ninja Van Singapore provides")
    assert m["created_at"] == datetime(2021, 7, 9, 19, 9, 52)
    assert (m["likes"], m["reposts"], m["replies"]) == (125, 10, 13)
    assert m["permalink"] == "https://www.facebook.com/19292868552/posts/10158349356748553/"
    assert m["root_id"] == m["id"] and m["parent_id"] is None
    last = msg(store, "facebook", "19292868552_10158333323653553")
    assert (last["likes"], last["reposts"], last["replies"]) == (179, 15, 49)


def test_comments_page_without_ids_real(store):
    rep = import_one(store, shared_path(*FB, "comments_p1.json"))
    assert (rep.records_read, rep.imported) == (10, 10)
    # no `id` and no `from`: ids rebuilt from permalink_url, author unknown
    c = msg(store, "facebook", "10158407654328553_10158407903973553")
    assert c["kind"] == "comment"
    assert c["author_id"] == "facebook:[unknown]"
    assert c["parent_id"] == f"facebook:{POST}" and c["root_id"] == f"facebook:{POST}"
    assert c["to_account_id"] == "facebook:19292868552"
    assert c["text"].startswith("Can someone from Instagram please assist me")
    assert c["created_at"] == datetime(2021, 8, 10, 19, 38, 44)
    assert (c["likes"], c["replies"]) == (0, 2)
    r = msg(store, "facebook", "10158407654328553_10158409983033553")
    assert r["kind"] == "reply"
    assert r["parent_id"] == "facebook:10158407654328553_10158407903973553"
    assert r["root_id"] == f"facebook:{POST}"
    assert r["text"].startswith("Hi, please access the Instagram Help Center")
    assert r["permalink"].endswith("reply_comment_id=10158409983033553")
    assert count(store, "kind = 'comment'") == 6 and count(store, "kind = 'reply'") == 4


def test_single_comment_real(store):
    rep = import_one(store, shared_path(*FB, "comment.json"))
    assert rep.imported == 1
    c = msg(store, "facebook", "2954961744718970_2966313500250461")
    assert c["author_id"] == "facebook:2711636948859886" and c["text"] == "My Nice Car"
    assert c["parent_id"] == "facebook:2121008874780932_2954961744718970"
    assert c["to_account_id"] == "facebook:2121008874780932"
    assert c["created_at"] == datetime(2021, 7, 23, 8, 35, 18)
    names = store.con.execute(
        "SELECT display_name FROM accounts WHERE id = 'facebook:2711636948859886'"
    ).fetchone()
    assert names == ("Kun Liu",)


def test_feed_with_nested_comments_and_page_replies(store):
    rep = import_one(store, EDGE / "page_feed_with_comments.json")
    assert rep.imported == 5 and rep.brands == ["Acme Blenders"]
    p = msg(store, "facebook", "111_222")
    assert (p["likes"], p["reposts"], p["replies"]) == (40, 3, 3)  # likes.summary fallback
    assert p["edited_at"] is None  # updated_time changes with new comments: not an edit
    c = msg(store, "facebook", "222_901")
    assert c["kind"] == "comment" and c["parent_id"] == "facebook:111_222"
    assert c["to_account_id"] == "facebook:111" and c["author_id"] == "facebook:501"
    r = msg(store, "facebook", "222_902")
    assert r["kind"] == "reply" and r["author_id"] == "facebook:111"
    assert r["parent_id"] == "facebook:222_901" and r["to_account_id"] == "facebook:501"
    assert r["root_id"] == "facebook:111_222"
    no_from = msg(store, "facebook", "111_223")
    assert no_from["author_id"] == "facebook:111" and no_from["likes"] == 7


def test_comments_page_with_parent_field_and_paging(store):
    path = EDGE / "comments_with_parent.json"
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, path)
    assert str(ei.value).endswith(
        "data[2]: comment without `id` or a `permalink_url` with comment_id"
    )
    assert table_snapshot(store) == before
    rep = import_one(store, path, skip_bad=True)
    assert rep.imported == 2 and len(rep.skipped) == 1
    top = msg(store, "facebook", "222_904")  # its post comes from the paging URL
    assert top["parent_id"] == "facebook:111_222" and top["kind"] == "comment"
    r = msg(store, "facebook", "222_905")
    assert r["kind"] == "reply" and r["parent_id"] == "facebook:222_904"
    assert r["to_account_id"] == "facebook:503" and r["root_id"] == "facebook:111_222"


# ---------------------------------------------------------------- Instagram


def test_ig_comment_with_replies_real(store):
    rep = import_one(store, shared_path(*IG, "ig_comment.json"))
    assert rep.format == "instagram_graph"
    assert rep.imported == 2
    # `user` is only returned for the account making the query: the brand
    assert rep.brands == ["ikroskun"]
    c = msg(store, "instagram", "17892250648466172")
    assert c["author_id"] == "instagram:ikroskun" and c["text"] == "@ikroskun  Hey, guys"
    assert c["kind"] == "comment" and c["parent_id"] == "instagram:17846368219941692"
    assert c["likes"] == 1 and c["created_at"] == datetime(2020, 2, 24, 9, 15, 16)
    r = msg(store, "instagram", "17845747489952795")
    assert r["kind"] == "reply" and r["parent_id"] == "instagram:17892250648466172"
    assert r["root_id"] == "instagram:17846368219941692"
    assert r["to_account_id"] == "instagram:ikroskun" and r["author_id"] == "instagram:[unknown]"


def test_ig_comments_page_real(store):
    rep = import_one(store, shared_path(*IG, "comments_p1.json"))
    assert rep.imported == 2
    c = msg(store, "instagram", "17858154961981086")
    # the media id comes from the paging URL /v11.0/{media-id}/comments
    assert c["parent_id"] == "instagram:17846368219941692" and c["kind"] == "comment"
    assert c["text"] == "Beautiful!" and c["created_at"] == datetime(2020, 6, 1, 10, 56, 52)


def test_ig_bare_replies_page_real(store):
    rep = import_one(store, shared_path(*IG, "replies.json"))
    assert rep.imported == 1
    c = msg(store, "instagram", "17847314687296283")
    assert c["parent_id"] is None  # a replies page without paging names no parent
    assert c["text"] == "@lixiangguodu123 nihao"


def test_ig_media_list(store):
    rep = import_one(store, EDGE / "ig_media.json")
    assert rep.format == "instagram_graph" and rep.imported == 3
    assert rep.brands == ["acme.blenders"]
    m = msg(store, "instagram", "17900000000000001")
    assert m["kind"] == "post" and (m["likes"], m["replies"]) == (120, 2)
    assert m["permalink"] == "https://www.instagram.com/p/Cabc123/"
    r = msg(store, "instagram", "17800000000000002")
    assert r["author_id"] == "instagram:acme.blenders" and r["to_account_id"] == "instagram:jane_d"
    assert r["root_id"] == "instagram:17900000000000001"


# ---------------------------------------------------------------- shared behaviour

REAL = [
    (FB, "feeds_default_fields_p1.json", "facebook_graph"),
    (FB, "comments_p1.json", "facebook_graph"),
    (FB, "comment.json", "facebook_graph"),
    (IG, "comments_p1.json", "instagram_graph"),
    (IG, "ig_comment.json", "instagram_graph"),
    (IG, "replies.json", "instagram_graph"),
]


@pytest.mark.parametrize(("folder", "name", "fmt"), REAL)
def test_detection_by_content(folder, name, fmt, tmp_path):
    real = shared_path(*folder, name)
    assert detect(Source.from_path(real)).name == fmt
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == fmt


@pytest.mark.parametrize(("folder", "name", "fmt"), [REAL[0], REAL[1], REAL[4]])
def test_import_twice_adds_nothing(store, folder, name, fmt):
    path = shared_path(*folder, name)
    first = import_one(store, path)
    second = import_one(store, path)
    assert first.imported > 0
    assert second.imported == 0 and second.duplicates == first.imported


@pytest.mark.parametrize(("folder", "name", "fmt"), [REAL[0], REAL[1], REAL[4]])
def test_truncated_file_fails_cleanly(store, tmp_path, folder, name, fmt):
    data = Path(shared_path(*folder, name)).read_bytes()
    cut = tmp_path / name
    cut.write_bytes(data[: len(data) // 2])
    import_one(store, EDGE / "page_feed_with_comments.json")
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, cut)
    text = str(ei.value)
    assert str(cut) in text and "\n" not in text and "invalid JSON" in text
    assert table_snapshot(store) == before
