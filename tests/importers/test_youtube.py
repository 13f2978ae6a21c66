"""YouTube Data API v3 importer: commentThreads.list, comments.list, videos.list."""

from __future__ import annotations

import re
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import Source, detect
from tests.conftest import FIXTURES, shared_path, table_snapshot

YT = ("fixtures", "youtube")
EDGE = FIXTURES / "youtube"


def msg(store, native_id: str) -> dict:
    cur = store.con.execute("SELECT * FROM messages WHERE id = ?", [f"youtube:{native_id}"])
    row = cur.fetchone()
    assert row is not None, f"youtube:{native_id} not imported"
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def import_one(store, path, **kw):
    (rep,) = api.import_paths(store, [path], **kw)
    return rep


def test_comment_threads_page_real(store):
    rep = import_one(store, shared_path(*YT, "comment_threads_by_video_paged_1.json"))
    assert rep.format == "youtube"
    assert (rep.records_read, rep.imported) == (5, 5)
    m = msg(store, "UgwI_ylXVnzPS8Q-oAV4AaABAg")
    assert m["author_id"] == "youtube:UCACHW4qVHoE4zqhHxcVE3Kw"
    # textOriginal is preferred over the HTML textDisplay (&#39; and <a> tags)
    assert m["text"].startswith("Lot's of good light coming in from here #ChromeDevSummit the web")
    assert "<a" not in m["text"]
    assert m["kind"] == "comment"
    assert m["parent_id"] == "youtube:F1UP7wRCPH8" and m["root_id"] == "youtube:F1UP7wRCPH8"
    assert m["created_at"] == datetime(2019, 11, 14, 23, 31, 33)
    assert (m["likes"], m["replies"]) == (0, 2)  # totalReplyCount
    assert m["edited_at"] is None
    assert (
        m["permalink"]
        == "https://www.youtube.com/watch?v=F1UP7wRCPH8&lc=UgwI_ylXVnzPS8Q-oAV4AaABAg"
    )
    assert msg(store, "UgysQP-vp089eFP0Stl4AaABAg")["likes"] == 4
    assert msg(store, "UgyZ1jqkHKYvi1-ruOZ4AaABAg")["text"] == "Google.com"
    acc = store.con.execute(
        "SELECT display_name FROM accounts WHERE id = 'youtube:UCzZ87J8wYVpOADFviqyFKhw'"
    ).fetchone()
    assert acc == ("Andres Jorquera",)


def test_comment_thread_with_replies_real(store):
    rep = import_one(store, shared_path(*YT, "comment_thread_info.json"))
    assert rep.imported == 2
    top = msg(store, "UgydxWWoeA7F1OdqypJ4AaABAg")
    assert top["text"] == "Actions.ai" and top["likes"] == 0 and top["replies"] == 1
    r = msg(store, "UgydxWWoeA7F1OdqypJ4AaABAg.8wWQ3tdHcFx8xcDheui-qb")
    assert r["kind"] == "reply"
    assert r["parent_id"] == "youtube:UgydxWWoeA7F1OdqypJ4AaABAg"
    assert r["root_id"] == "youtube:D-lhorsDlUQ"
    assert r["author_id"] == "youtube:UCsl2A_QzcSnFD2hpCyVwXxA"
    assert r["to_account_id"] == "youtube:UCe9i1nJCcevTa6KJa55KYog"
    assert r["likes"] == 1 and r["text"] == "#"
    assert r["created_at"] == datetime(2019, 7, 20, 20, 22, 27)


def test_comments_by_parent_real(store):
    rep = import_one(store, shared_path(*YT, "comments_by_parent_paged_1.json"))
    assert rep.imported == 2
    r = msg(store, "Ugw5zYU6n9pmIgAZWvN4AaABAg.91zT3cYb5B291za6voUoRh")
    assert r["kind"] == "reply" and r["text"] == "this is the third reply!"
    assert r["parent_id"] == "youtube:Ugw5zYU6n9pmIgAZWvN4AaABAg"
    assert r["author_id"] == "youtube:UCNvMBmCASzTNNX8lW3JRMbw"
    assert r["created_at"] == datetime(2019, 12, 1, 4, 46, 31)
    assert r["permalink"] is None  # comments.list replies carry no videoId


def test_video_real(store):
    rep = import_one(store, shared_path(*YT, "videos_info_single.json"))
    assert rep.imported == 1 and rep.brands == ["Google Developers"]
    v = msg(store, "D-lhorsDlUQ")
    assert v["kind"] == "post" and v["author_id"] == "youtube:UC_x5XG1OV2P6uZZ5FSM9Ttw"
    assert v["title"] == "What are Actions on Google (Assistant on Air)"
    assert v["text"].startswith("In the first episode of Assistant on Air, Luke Davis")
    assert v["created_at"] == datetime(2019, 3, 21, 20, 37, 49)
    assert v["permalink"] == "https://www.youtube.com/watch?v=D-lhorsDlUQ"
    assert (v["likes"], v["views"], v["replies"]) == (None, None, None)  # no statistics part
    assert store.con.execute("SELECT * FROM brand_accounts").fetchall() == [
        ("Google Developers", "youtube", "UC_x5XG1OV2P6uZZ5FSM9Ttw", "inferred:youtube")
    ]


def test_video_then_threads_brand_reply(store):
    rep = import_one(store, EDGE / "video_and_threads.json")
    assert rep.imported == 4 and rep.brands == ["Acme Appliances"]
    v = msg(store, "vid00000001")
    assert (v["views"], v["likes"], v["replies"]) == (12345, 321, 3)
    assert v["title"] == "Acme & you: setup guide"
    top = msg(store, "UgxThreadA")
    assert top["text"] == "My blender <b>leaks</b>"  # textOriginal, kept verbatim
    assert top["to_account_id"] == "youtube:UCacme"
    assert top["edited_at"] == datetime(2024, 1, 3, 9, 30)  # updatedAt != publishedAt
    reply = msg(store, "UgxThreadA.reply1")
    assert reply["author_id"] == "youtube:UCacme" and reply["kind"] == "reply"
    assert reply["to_account_id"] == "youtube:UCjane"
    # no textOriginal: HTML textDisplay to text; author id from authorChannelUrl
    b = msg(store, "UgxThreadB")
    assert b["text"] == "Great\xa0video link\nthanks"
    assert b["author_id"] == "youtube:UCbob"
    assert b["to_account_id"] == "youtube:UCacme"  # owner known from the video in the file
    handle = store.con.execute("SELECT handle FROM accounts WHERE id = 'youtube:UCjane'")
    assert handle.fetchone() == ("jane",)


def test_jsonl_pages_and_bad_record(store):
    path = EDGE / "pages.jsonl"
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, path)
    assert re.fullmatch(
        rf"{re.escape(str(path))}, (record )?line 2\.items\[0\] \(comment UgxThreadA\.reply3\): "
        r"no `authorChannelId\.value` \(author unknown\)",
        str(ei.value),
    )
    assert table_snapshot(store) == before
    rep = import_one(store, path, skip_bad=True)
    assert rep.imported == 2 and len(rep.skipped) == 1
    assert msg(store, "UgxThreadA.reply4")["parent_id"] == "youtube:UgxThreadA"


REAL = [
    "comment_threads_by_video_paged_1.json",
    "comment_thread_info.json",
    "comments_by_parent_paged_1.json",
    "videos_info_single.json",
]


@pytest.mark.parametrize("name", REAL)
def test_detection_by_content(name, tmp_path):
    real = shared_path(*YT, name)
    assert detect(Source.from_path(real)).name == "youtube"
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == "youtube"


@pytest.mark.parametrize("name", REAL[:2])
def test_import_twice_adds_nothing(store, name):
    path = shared_path(*YT, name)
    first = import_one(store, path)
    second = import_one(store, path)
    assert first.imported > 0
    assert second.imported == 0 and second.duplicates == first.imported


def test_truncated_file_fails_cleanly(store, tmp_path):
    data = Path(shared_path(*YT, REAL[0])).read_bytes()
    cut = tmp_path / REAL[0]
    cut.write_bytes(data[: len(data) // 2])
    import_one(store, shared_path(*YT, REAL[3]))
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, cut)
    assert str(cut) in str(ei.value) and "\n" not in str(ei.value)
    assert "invalid JSON" in str(ei.value)
    assert table_snapshot(store) == before
