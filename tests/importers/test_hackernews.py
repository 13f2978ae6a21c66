"""Hacker News API items importer."""

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

HN = ("fixtures", "hackernews")
EDGE = FIXTURES / "hackernews"


def msg(store, native_id: str) -> dict:
    cur = store.con.execute("SELECT * FROM messages WHERE id = ?", [f"hackernews:{native_id}"])
    row = cur.fetchone()
    assert row is not None, f"hackernews:{native_id} not imported"
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def import_one(store, path, **kw):
    (rep,) = api.import_paths(store, [path], **kw)
    return rep


def test_story_real(store):
    rep = import_one(store, shared_path(*HN, "item_8863.json"))
    assert rep.format == "hackernews" and rep.imported == 1
    m = msg(store, "8863")
    assert m["author_id"] == "hackernews:dhouston"
    assert m["title"] == "My YC app: Dropbox - Throw away your USB drive"
    assert m["kind"] == "post" and m["parent_id"] is None and m["root_id"] == "hackernews:8863"
    assert (m["likes"], m["replies"]) == (111, 71)  # score, descendants
    assert m["created_at"] == datetime(2007, 4, 4, 19, 16, 40)
    assert m["permalink"] == "https://news.ycombinator.com/item?id=8863"
    assert m["text"] == "" and m["deleted"] is False
    assert store.con.execute(
        "SELECT handle FROM accounts WHERE id = 'hackernews:dhouston'"
    ).fetchone() == ("dhouston",)


def test_comment_real(store):
    import_one(store, shared_path(*HN, "item_2921983.json"))
    m = msg(store, "2921983")
    assert m["author_id"] == "hackernews:norvig"
    assert m["parent_id"] == "hackernews:2921506"
    assert m["kind"] == "reply"  # the parent is not in the file: its type is unknown
    assert m["text"] == (
        "Aw shucks, guys ... you make me blush with your compliments.\n"
        "Tell you what, Ill make a deal: I'll keep writing if you keep reading. K?"
    )
    assert m["created_at"] == datetime(2011, 8, 24, 18, 38, 47)
    assert m["replies"] == 7  # direct kids


def test_ask_story_with_html_text_real(store):
    import_one(store, shared_path(*HN, "item_121003.json"))
    m = msg(store, "121003")
    assert m["title"] == "Ask HN: The Arc Effect" and m["author_id"] == "hackernews:tel"
    assert m["text"].startswith("or HN: the Next Iteration\nI get the impression that with Arc")
    assert "<i>" not in m["text"] and "<p>" not in m["text"]
    assert (m["likes"], m["replies"]) == (25, 16)
    assert m["created_at"] == datetime(2008, 2, 22, 2, 33, 40)


def test_jsonl_crawl_edge_cases(store):
    rep = import_one(store, EDGE / "crawl.jsonl")
    assert rep.records_read == 8 and rep.imported == 7
    assert rep.skipped == [
        ("line 6 (item 9000006)", "poll option (a choice of a poll, not a message)")
    ]
    story = msg(store, "9000001")
    assert story["title"] == "Launch HN: Acme (YC W24) \u2013 blenders that talk back"
    c = msg(store, "9000002")
    assert c["kind"] == "comment" and c["to_account_id"] == "hackernews:acmehq"
    assert c["root_id"] == "hackernews:9000001"
    assert c["text"] == 'Mine leaks. Is there a fix?\nAlso: "support" never answered.'
    r = msg(store, "9000003")
    assert r["kind"] == "reply" and r["to_account_id"] == "hackernews:jane"
    assert r["root_id"] == "hackernews:9000001"  # resolved by the store from the parent chain
    d = msg(store, "9000004")
    assert d["deleted"] and d["author_id"] == "hackernews:[deleted]" and d["text"] == ""
    dead = msg(store, "9000005")
    assert dead["deleted"] and dead["text"] == "spam spam"
    job = msg(store, "9000007")
    assert job["kind"] == "post" and job["title"] == "Acme is hiring"
    orphan = msg(store, "9000008")
    assert orphan["kind"] == "reply" and orphan["parent_id"] == "hackernews:8999999"


def test_json_array(store):
    rep = import_one(store, EDGE / "items.json")
    assert rep.imported == 3
    assert msg(store, "15")["text"].startswith('"the rising star of venture capital"')
    assert msg(store, "17")["to_account_id"] == "hackernews:sama"


def test_bad_items(store, tmp_path):
    p = tmp_path / "bad.jsonl"
    p.write_text(
        '{"by": "a", "id": 1, "time": 1700000000, "type": "story", "title": "ok"}\n'
        '{"id": 2, "time": 1700000000, "type": "comment", "parent": 1, "text": "no author"}\n'
        '{"by": "b", "id": 3, "time": 1700000000, "type": "weird"}\n'
    )
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, p, format="hackernews")
    assert re.fullmatch(
        rf"{re.escape(str(p))}, (record )?line 2 \(item 2\): item without `by` .*", str(ei.value)
    )
    assert table_snapshot(store) == before
    rep = import_one(store, p, format="hackernews", skip_bad=True)
    assert rep.imported == 1
    assert "unknown item type 'weird'" in dict(rep.skipped)["line 3 (item 3)"]


REAL = ["item_8863.json", "item_2921983.json", "item_121003.json"]


@pytest.mark.parametrize("name", REAL)
def test_detection_by_content(name, tmp_path):
    real = shared_path(*HN, name)
    assert detect(Source.from_path(real)).name == "hackernews"
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == "hackernews"


def test_import_twice_adds_nothing(store):
    first = import_one(store, shared_path(*HN, "item_121003.json"))
    second = import_one(store, shared_path(*HN, "item_121003.json"))
    assert first.imported == 1
    assert second.imported == 0 and second.duplicates == 1


def test_truncated_file_fails_cleanly(store, tmp_path):
    data = Path(shared_path(*HN, "item_8863.json")).read_bytes()
    cut = tmp_path / "item_8863.json"
    cut.write_bytes(data[: len(data) // 2])
    import_one(store, EDGE / "items.json")
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, cut)
    text = str(ei.value)
    assert str(cut) in text and "\n" not in text and "invalid JSON" in text
    assert table_snapshot(store) == before
