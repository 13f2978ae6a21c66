"""Disqus XML export importer."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import Source, detect
from tests.conftest import FIXTURES, shared_path, table_snapshot

TL3 = ("fixtures", "disqus", "tl3shi", "disqus.xml")
ISSO = ("fixtures", "disqus", "isso", "disqus.xml")
EDGE = FIXTURES / "disqus"


def msg(store, native_id: str) -> dict:
    cur = store.con.execute("SELECT * FROM messages WHERE id = ?", [f"disqus:{native_id}"])
    row = cur.fetchone()
    assert row is not None, f"disqus:{native_id} not imported"
    return dict(zip([d[0] for d in cur.description], row, strict=True))


def count(store, where: str = "true") -> int:
    return store.con.execute(f"SELECT count(*) FROM messages WHERE {where}").fetchone()[0]


def import_one(store, path, **kw):
    (rep,) = api.import_paths(store, [path], **kw)
    return rep


def test_real_blog_export(store):
    rep = import_one(store, shared_path(*TL3))
    assert rep.format == "disqus"
    assert (rep.records_read, rep.imported, rep.skipped) == (74, 74, [])  # 6 threads + 68 posts
    assert rep.brands == ["hexo-tanglei"]
    assert count(store, "kind = 'post'") == 6
    assert count(store, "kind = 'comment'") == 37
    assert count(store, "kind = 'reply'") == 31
    assert count(store, "deleted") == 4
    t = msg(store, "thread:4517921392")
    assert t["kind"] == "post" and t["author_id"] == "disqus:forum:hexo-tanglei"
    assert t["title"] == "BibTex Batch Export|latex论文引用批量导出"
    assert t["permalink"] == "http://www.tanglei.name/blog/bibtex-batch-export.html"
    assert t["created_at"] == datetime(2016, 1, 24, 3, 11, 36)
    # a title escaped twice in the export (&amp;amp;#8220;) is decoded to the quotes
    assert msg(store, "thread:4517935764")["title"] == "围住神经猫 1步玩法-“作弊”"
    c = msg(store, "2473620886")
    assert c["kind"] == "comment" and c["author_id"] == "disqus:anon:游侠UFO"
    assert c["text"] == "还可以用 vi 自己编辑源文件来玩儿 - - 囧~ 妥妥的犀利了~"
    assert c["parent_id"] == "disqus:thread:4516577229"
    assert c["root_id"] == "disqus:thread:4516577229"
    assert c["to_account_id"] == "disqus:forum:hexo-tanglei"
    assert c["created_at"] == datetime(2011, 5, 21, 13, 59, 16)
    assert c["permalink"] == "http://www.tanglei.name/linux-in-web/#comment-2473620886"
    # a 5-hop reply chain: parent from <parent dsq:id>, addressed to the parent's author
    r = msg(store, "2521128643")
    assert r["kind"] == "reply" and r["parent_id"] == "disqus:2521128272"
    assert r["author_id"] == "disqus:anon:tanglei"
    assert r["to_account_id"] == "disqus:anon:david_the_smanist"
    assert r["root_id"] == "disqus:thread:4517921392"
    assert r["created_at"] == datetime(2013, 9, 7, 13, 3, 32)
    d = msg(store, "2473620884")
    assert d["deleted"] and d["text"].startswith("K9FDMc")  # deleted: text kept as given
    assert store.con.execute(
        "SELECT ref FROM brand_accounts WHERE brand = 'hexo-tanglei' ORDER BY 1"
    ).fetchall() == [("forum:hexo-tanglei",), ("tangleithu",)]
    acc = store.con.execute(
        "SELECT handle, display_name FROM accounts WHERE id = 'disqus:tangleithu'"
    ).fetchone()
    assert acc == ("tangleithu", "tanglei")


def test_isso_edge_cases_real(store):
    rep = import_one(store, shared_path(*ISSO))
    assert rep.imported == 9  # 3 threads + 6 posts
    # orphan: its thread 1337 is not in the file; kept under thread:1337
    o = msg(store, "6")
    assert o["parent_id"] == "disqus:thread:1337" and o["root_id"] == "disqus:thread:1337"
    assert o["author_id"] == "disqus:anon:where am I?" and o["permalink"] is None
    # the thread with empty <id/> and <title />
    t7 = msg(store, "thread:7")
    assert t7["title"] is None and t7["author_id"] == "disqus:forum:redacted"
    assert msg(store, "8")["parent_id"] == "disqus:thread:7"
    # a deleted post with an empty message, and the reply to it
    d = msg(store, "9")
    assert d["deleted"] and d["text"] == ""
    r = msg(store, "11")
    assert r["parent_id"] == "disqus:9" and r["kind"] == "reply"
    assert r["to_account_id"] == "disqus:anon:peter" and r["author_id"] == "disqus:user"
    assert r["text"] == "Hello, World."
    # a thread with nothing but an id: forum from the file's <category>
    assert msg(store, "thread:3")["author_id"] == "disqus:forum:disqusdev"


def test_edge_spam_and_brand_reply(store):
    path = EDGE / "edge.xml"
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, path)
    assert str(ei.value).endswith("post 1005: no <thread dsq:id=...> (the page it belongs to)")
    assert "\n" not in str(ei.value) and str(path) in str(ei.value)
    assert table_snapshot(store) == before
    rep = import_one(store, path, skip_bad=True)
    assert rep.imported == 4
    assert dict(rep.skipped)["post 1003"].startswith("marked as spam")
    assert rep.brands == ["acme-blog"]
    t = msg(store, "thread:100")
    assert t["title"] == "We launched “Blend”" and t["text"] == "Our new blender is out."
    c = msg(store, "1001")
    assert c["text"] == "Mine arrived broken & late.\n\nWhat now?"
    b = msg(store, "1002")
    assert b["author_id"] == "disqus:acme_official" and b["to_account_id"] == "disqus:janed"
    hinted = store.con.execute(
        "SELECT ref FROM brand_accounts WHERE brand = 'acme-blog' ORDER BY 1"
    ).fetchall()
    assert hinted == [("acme_official",), ("forum:acme-blog",)]


def test_not_a_disqus_root(store, tmp_path):
    p = tmp_path / "other.xml"
    p.write_text('<?xml version="1.0"?><rss xmlns:x="http://disqus.com"><channel/></rss>')
    with pytest.raises(MalformedInputError, match="not a Disqus export: root element <rss>"):
        import_one(store, p, format="disqus")


@pytest.mark.parametrize("parts", [TL3, ISSO])
def test_detection_by_content(parts, tmp_path):
    real = shared_path(*parts)
    assert detect(Source.from_path(real)).name == "disqus"
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == "disqus"


def test_import_twice_adds_nothing(store):
    first = import_one(store, shared_path(*TL3))
    second = import_one(store, shared_path(*TL3))
    assert first.imported == 74
    assert second.imported == 0 and second.duplicates == 74


def test_truncated_file_fails_cleanly(store, tmp_path):
    data = Path(shared_path(*TL3)).read_bytes()
    cut = tmp_path / "disqus.xml"
    cut.write_bytes(data[: len(data) // 2])
    import_one(store, shared_path(*ISSO))
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as ei:
        import_one(store, cut)
    text = str(ei.value)
    assert str(cut) in text and "\n" not in text and "broken XML" in text
    assert table_snapshot(store) == before
