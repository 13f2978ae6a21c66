"""Size caps (issue 10 item 5): one record, one document and one decompressed stream are bounded
by settings (docs/settings.md), refused with a located one-line error, and skipped under
``--skip-bad`` where the format allows; and the values of item 4 (out-of-range times, `nan`
names, empty ids) are bad records, never a failed file.

The caps are lowered to 1-2 MiB through the environment so that the files stay small; the 1 GiB
case is measured by bench/bench_huge_record.py (bench/RESULTS.md)."""

from __future__ import annotations

import io
import json
import tracemalloc
import zipfile
from datetime import UTC, datetime

import pytest

from brandcouch import api
from brandcouch.errors import BrandcouchError, ConfigError, MalformedInputError
from brandcouch.importers import ImportContext, ImportReport, Source
from brandcouch.importers.base import Limits, TooLargeError, check_item
from brandcouch.importers.common import (
    OverlongLine,
    capped_lines,
    parse_time,
    str_id,
    to_int,
)
from brandcouch.model import Account, Kind, Message
from tests.conftest import table_snapshot

MiB = 2**20


@pytest.fixture
def caps(monkeypatch):
    """Set the caps (MiB) for this test through the environment, as a user would."""

    def set_caps(**values):
        for name, value in values.items():
            monkeypatch.setenv(f"BRANDCOUCH_{name.upper()}", str(value))

    return set_caps


def _line(i: int, text: str = "hi", **extra) -> str:
    return json.dumps({"id": str(i), "author": f"u{i}", "text": text, **extra}) + "\n"


# ---------------------------------------------------------------- the bounded line reader


class _Endless(io.RawIOBase):
    """``size`` bytes of ``x`` without a newline, then ``tail``: never a file on disk."""

    def __init__(self, size: int, tail: bytes = b""):
        self.left, self.tail = size, tail

    def readable(self):
        return True

    def readinto(self, b):
        if self.left <= 0:
            n = min(len(b), len(self.tail))
            b[:n], self.tail = self.tail[:n], self.tail[n:]
            return n
        n = min(len(b), self.left)
        b[:n] = b"x" * n
        self.left -= n
        return n


def test_an_overlong_line_is_never_held_in_memory():
    """200 MiB without a newline with a 1 MiB cap: the reader gives up at the cap, skips the
    rest unbuffered, and reads on after the next newline."""
    f = io.BufferedReader(_Endless(200 * MiB, b"\n" + b'{"next": 1}\n'))
    tracemalloc.start()
    try:
        lines = list(capped_lines(f, MiB))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(lines[0], OverlongLine) and lines[0].size == 200 * MiB
    assert lines[1:] == [b'{"next": 1}\n']
    assert peak < 8 * MiB, f"peak {peak / MiB:.1f} MiB"


def test_lines_up_to_the_cap_are_read_whole():
    data = b"a\n" + b"y" * (MiB - 1) + b"\n" + b"last"
    lines = list(capped_lines(io.BytesIO(data), MiB))
    assert lines == [b"a\n", b"y" * (MiB - 1) + b"\n", b"last"]
    # one byte more and the line is over
    lines = list(capped_lines(io.BytesIO(b"y" * (MiB + 1) + b"\nz\n"), MiB))
    assert isinstance(lines[0], OverlongLine) and lines[1:] == [b"z\n"]


# ---------------------------------------------------------------- JSON Lines


def test_an_overlong_json_line_is_refused_with_its_line(store, tmp_path, caps):
    caps(max_record_mb=1)
    p = tmp_path / "big.jsonl"
    p.write_text(_line(1) + _line(2, "y" * (3 * MiB)) + _line(3))
    with pytest.raises(TooLargeError) as ei:
        api.import_paths(store, [p])
    assert str(ei.value) == f"{p}, record line 2: the record is over 1 MiB (max_record_mb)"
    (rep,) = api.import_paths(store, [p], skip_bad=True)
    assert rep.imported == 2
    assert rep.skipped == [("line 2", "the record is over 1 MiB (max_record_mb): skipped unread")]


@pytest.mark.parametrize("fmt", ["pushshift", "hackernews", "youtube", "twitter_api_v2"])
def test_every_json_lines_reader_caps_a_line(store, tmp_path, caps, fmt):
    caps(max_record_mb=1, max_document_mb=1)
    p = tmp_path / "lines.jsonl"
    p.write_text('{"id": "1"}\n' + json.dumps({"body": "y" * (2 * MiB)}) + "\n")
    (rep,) = api.import_paths(store, [p], format=fmt, skip_bad=True)
    assert ("line 2", "the record is over 1 MiB (max_record_mb): skipped unread") in rep.skipped


def test_a_one_line_document_may_be_as_long_as_a_document(store, tmp_path, caps):
    """A page saved on one line (json.dump) is a document, not a record: up to
    max_document_mb. In a file bigger than that, the first line too is a record."""
    caps(max_record_mb=1, max_document_mb=4)
    comments = [
        {"id": f"c{i}", "author": "ann", "body": "z" * 2000, "created_utc": 1700000000,
         "link_id": "t3_x", "parent_id": "t3_x", "subreddit": "s"}
        for i in range(1000)
    ]  # fmt: skip
    p = tmp_path / "page.json"
    p.write_text(json.dumps({"data": comments}))  # ~2 MiB on one line
    (rep,) = api.import_paths(store, [p], format="pushshift")
    assert rep.imported == 1000
    caps(max_document_mb=1)
    with pytest.raises(TooLargeError, match=r"record line 1: the record is over 1 MiB"):
        api.import_paths(store, [p], format="pushshift")


def test_a_whole_document_is_capped(store, tmp_path, caps):
    caps(max_document_mb=1)
    p = tmp_path / "listing.json"
    listing = {"kind": "Listing", "data": {"children": [{"kind": "t1", "data": {}}]}}
    p.write_text(json.dumps(listing, indent=1) + " " * (2 * MiB))
    before = table_snapshot(store)
    with pytest.raises(TooLargeError) as ei:
        api.import_paths(store, [p], format="reddit_api", skip_bad=True)
    assert str(ei.value) == f"{p}: the document is over 1 MiB (max_document_mb)"
    assert table_snapshot(store) == before


def test_a_twitter_archive_is_a_capped_document(store, tmp_path, caps):
    caps(max_document_mb=1)
    p = tmp_path / "tweets.js"
    p.write_text("window.YTD.tweets.part0 = [" + " " * (2 * MiB) + "]")
    with pytest.raises(TooLargeError, match="the document is over 1 MiB"):
        api.import_paths(store, [p])


# ---------------------------------------------------------------- compressed streams


def _zip(tmp_path, name: str, payload: bytes):
    p = tmp_path / "export.zip"
    with zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, payload)
    return p


def test_a_zip_bomb_member_is_refused_early(store, tmp_path, caps):
    """5 MiB of one repeated line deflates ~1000x: refused once it passes max(100 x its size,
    min_expansion_mb), without decompressing the rest."""
    caps(min_expansion_mb=1)
    p = _zip(tmp_path, "a.jsonl", _line(1).encode() * (5 * MiB // len(_line(1))))
    with pytest.raises(TooLargeError) as ei:
        api.import_paths(store, [p], format="generic-jsonl", skip_bad=True)
    text = str(ei.value)
    assert text.startswith(f"{p}!a.jsonl: refused: decompresses to over ")
    assert "max_expansion_ratio" in text and "\n" not in text
    caps(min_expansion_mb=64)  # the default floor: the same member is fine
    (rep,) = api.import_paths(store, [p], format="generic-jsonl")
    assert rep.imported == 1 and rep.duplicates > 0


def test_a_zst_bomb_is_refused(store, tmp_path, caps):
    import zstandard

    caps(min_expansion_mb=1, max_expansion_ratio=10)
    p = tmp_path / "RC_bomb.ndjson.zst"
    p.write_bytes(zstandard.ZstdCompressor().compress(_line(1).encode() * 200_000))
    with pytest.raises(TooLargeError, match=r"more than 10x its compressed size"):
        api.import_paths(store, [p], format="generic-jsonl")


def test_a_normal_zip_and_zst_are_read(store, tmp_path):
    import zstandard

    lines = "".join(_line(i, f"message number {i} about tea") for i in range(2000))
    (rep,) = api.import_paths(store, [_zip(tmp_path, "a.jsonl", lines.encode())])
    assert rep.imported == 2000
    z = tmp_path / "b.jsonl.zst"
    z.write_bytes(
        zstandard.ZstdCompressor().compress(lines.replace('"id": "', '"id": "z').encode())
    )
    (rep,) = api.import_paths(store, [z])
    assert rep.imported == 2000


def test_a_plain_file_has_no_expansion_cap(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text(_line(1))
    assert Source.from_path(p).compressed_size is None
    z = _zip(tmp_path, "a.jsonl", b"x" * 1000)
    with zipfile.ZipFile(z) as zf:
        src = Source.from_zip(z, zf, zf.getinfo("a.jsonl"))
        assert src.compressed_size == zf.getinfo("a.jsonl").compress_size < 1000


# ---------------------------------------------------------------- CSV and XML


def test_a_generic_csv_row_is_capped(store, tmp_path, caps):
    caps(max_record_mb=1)
    p = tmp_path / "g.csv"
    p.write_text(f'id,author,text\n1,ann,hi\n2,bob,"{"y" * (2 * MiB)}"\n3,cy,ok\n')
    with pytest.raises(TooLargeError, match=r"record line 3: the record is over 1 MiB"):
        api.import_paths(store, [p])
    # a quoted field spanning many short lines is one row, capped as a whole
    q = tmp_path / "q.csv"
    q.write_text('id,author,text\n1,ann,"' + "y\n" * (MiB // 2 + 10) + '"\n')
    with pytest.raises(TooLargeError, match=r"record line 2: a CSV row is over 1 MiB"):
        api.import_paths(store, [q])


def test_a_twcs_row_longer_than_its_block_is_located(store, tmp_path, caps):
    caps(max_record_mb=1)
    p = tmp_path / "twcs.csv"
    p.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,115712,True,Tue Oct 31 22:10:47 +0000 2017,@sprintcare hi,,\n"
        f'2,sprintcare,False,Tue Oct 31 22:11:47 +0000 2017,"{"y" * (2 * MiB)}",,1\n'
    )
    with pytest.raises(TooLargeError) as ei:
        api.import_paths(store, [p])
    assert "a CSV row is over 1 MiB (the TWCS block, at most max_record_mb)" in str(ei.value)


_DISQUS = (
    '<?xml version="1.0" encoding="utf-8"?>\n'
    '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n'
    '<thread dsq:id="1"><forum>f</forum><title>t</title><link>http://x/</link></thread>\n'
    '<post dsq:id="2"><message>{msg}</message><thread dsq:id="1"/>'
    "<author><name>a</name></author></post>\n</disqus>\n"
)


def test_an_xml_element_is_capped(store, tmp_path, caps):
    caps(max_record_mb=1)
    p = tmp_path / "disqus.xml"
    p.write_text(_DISQUS.format(msg="y" * (2 * MiB)))
    with pytest.raises(TooLargeError) as ei:
        api.import_paths(store, [p], skip_bad=True)
    assert str(ei.value).startswith(f"{p}, record after record 1: an XML element over 1 MiB")
    p.write_text(_DISQUS.format(msg="y" * (MiB // 2)))  # under the cap: read
    (rep,) = api.import_paths(store, [p])
    assert rep.imported == 2


def test_a_wordpress_item_is_capped(store, tmp_path, caps):
    caps(max_record_mb=1)
    p = tmp_path / "blog.xml"
    p.write_text(
        '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>B</title>'
        "<link>http://b.example</link><item><title>p</title><wp:post_id>1</wp:post_id>"
        f"<content:encoded>{'y' * (2 * MiB)}</content:encoded></item></channel></rss>\n"
    )
    with pytest.raises(TooLargeError, match=r"an XML element over 1 MiB \(max_record_mb\)"):
        api.import_paths(store, [p])


# ---------------------------------------------------------------- settings


def test_caps_are_settings_with_documented_defaults(monkeypatch):
    for name in ("MAX_RECORD_MB", "MAX_DOCUMENT_MB", "MAX_EXPANSION_RATIO", "MIN_EXPANSION_MB"):
        monkeypatch.delenv(f"BRANDCOUCH_{name}", raising=False)
    assert Limits.from_settings() == Limits(64 * MiB, 512 * MiB, 100, 64 * MiB)
    monkeypatch.setenv("BRANDCOUCH_MAX_RECORD_MB", "0")
    with pytest.raises(ConfigError, match="max_record_mb"):
        Limits.from_settings()


# ---------------------------------------------------------------- item 4: values


@pytest.mark.parametrize(
    "value",
    [
        99999999999999999999,
        "99999999999999999999",
        "9999-12-31T23:59:59-05:00",
        "0001-01-01T00:00:00+01:00",
        -(10**20),
        float("inf"),
        float("nan"),
        "9" * 100_000,
    ],
)
def test_an_out_of_range_time_is_a_value_error(value):
    with pytest.raises(ValueError, match="out of range") as ei:
        parse_time(value)
    assert len(str(ei.value)) < 100


def test_times_at_the_edges_of_the_range_are_read():
    assert parse_time("9999-12-31T23:59:59Z") == datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
    assert parse_time(253402300799000) == datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)  # ms
    assert parse_time(1700000000000) == parse_time(1700000000)  # milliseconds


def test_nan_strings_are_ids_and_huge_counts_are_none():
    assert [str_id(v) for v in ("nan", "NaN", "None", "null")] == ["nan", "NaN", "None", "null"]
    assert str_id(float("nan")) is None and str_id("  ") is None
    assert [to_int(v) for v in ("1e400", 2**70, float("inf"), "12")] == [None, None, None, 12]


def test_every_item_is_checked_before_the_store():
    ok = Message("generic", "1", "ann", "hi", Kind.POST)
    assert check_item(ok) is None
    assert check_item(Message("generic", "1", " ", "hi", Kind.POST)) == "author is empty"
    assert check_item(Message("generic", "", "a", "hi", Kind.POST)) == "id is empty"
    assert "out of range" in check_item(Message("generic", "1", "a", "t", Kind.POST, likes=2**70))
    assert "lone surrogate" in check_item(Message("generic", "1", "a", "\ud800", Kind.POST))
    assert check_item(Account("generic", None)) == "account id is empty"


def test_an_empty_author_is_one_bad_record_not_a_failed_write(store, tmp_path):
    p = tmp_path / "g.csv"
    p.write_text("id,author,text\n1,ann,hi\n2,   ,blank author\n3,bob,ok\n")
    with pytest.raises(MalformedInputError) as ei:
        api.import_paths(store, [p])
    assert str(ei.value) == f"{p}, record line 3: author is empty"
    (rep,) = api.import_paths(store, [p], skip_bad=True)
    assert rep.imported == 2 and rep.skipped == [("line 3", "author is empty")]


def test_a_100000_digit_number_is_one_record_of_a_document(store, tmp_path):
    """Python refuses to read an integer of 4300+ digits; one such value must not make the
    whole document unreadable."""
    items = [{"id": i, "type": "story", "by": "u", "time": 1700000000} for i in (1, 2)]
    p = tmp_path / "items.json"
    p.write_text(
        json.dumps(items).replace('"time": 1700000000}]', '"time": ' + "9" * 100_000 + "}]")
    )
    (rep,) = api.import_paths(store, [p], format="hackernews", skip_bad=True)
    assert rep.imported == 1
    assert [why for _, why in rep.skipped][0].startswith("time out of range")


def test_context_names_the_current_record():
    src = Source("x.jsonl", lambda: io.BytesIO(b""))
    ctx = ImportContext(src, ImportReport("x.jsonl"))
    assert ctx.where() == 1
    ctx.read(3)
    assert ctx.where() == 3
    ctx.read(ref="line 7")
    assert ctx.where() == "line 7"
    ctx.read()  # records inside line 7: still line 7
    assert ctx.where() == "line 7"
    with pytest.raises(BrandcouchError):
        ctx.bad(ctx.where(), "x")


def test_a_line_that_is_not_utf8_is_one_bad_record(store, tmp_path):
    p = tmp_path / "g.jsonl"
    latin1 = '{"id": "2", "author": "u2", "text": "café"}\n'.encode("latin-1")
    p.write_bytes(_line(1).encode() + latin1 + _line(3).encode())
    with pytest.raises(MalformedInputError, match=r"record line 2: not UTF-8 text"):
        api.import_paths(store, [p])
    (rep,) = api.import_paths(store, [p], skip_bad=True)
    assert rep.imported == 2 and [r for r, _ in rep.skipped] == ["line 2"]


def test_a_document_that_is_not_utf8_fails_as_a_whole(store, tmp_path):
    """Not line by line: a pretty-printed document in another encoding is one broken file."""
    p = tmp_path / "items.json"
    items = [{"id": 1, "type": "story", "by": "José", "time": 1700000000}]
    p.write_bytes(json.dumps(items, indent=1, ensure_ascii=False).encode("latin-1"))
    with pytest.raises(MalformedInputError, match=r"items.json: not UTF-8 text \(byte"):
        api.import_paths(store, [p], format="hackernews", skip_bad=True)


# ---------------------------------------------------------------- caps from brandcouch.toml


def _toml(tmp_path, **values):
    from brandcouch.settings import load_config

    p = tmp_path / "brandcouch.toml"
    p.write_text("[settings]\n" + "".join(f"{k} = {v}\n" for k, v in values.items()))
    return load_config(p)


def test_the_config_files_caps_apply(store, tmp_path, monkeypatch):
    for name in ("MAX_RECORD_MB", "MAX_DOCUMENT_MB", "MIN_EXPANSION_MB"):
        monkeypatch.delenv(f"BRANDCOUCH_{name}", raising=False)
    p = tmp_path / "big.jsonl"
    p.write_text(_line(1) + _line(2, "y" * (2 * MiB)))
    cfg = _toml(tmp_path, max_record_mb=1)
    with pytest.raises(TooLargeError, match=r"record line 2: the record is over 1 MiB"):
        api.import_paths(store, [p], config=cfg)
    zipped = _zip(tmp_path, "a.jsonl", _line(1).encode() * (5 * MiB // len(_line(1))))
    with pytest.raises(TooLargeError, match="max_expansion_ratio"):
        api.import_paths(store, [zipped], format="generic-jsonl", config=_toml(
            tmp_path, min_expansion_mb=1))  # fmt: skip
    (rep,) = api.import_paths(store, [p])  # without the file: the defaults
    assert rep.imported == 2


def test_sources_and_their_siblings_carry_the_imports_limits(tmp_path):
    from brandcouch.importers.detect import iter_sources

    limits = Limits(record=MiB, document=MiB)
    folder = tmp_path / "export"
    (folder / "data").mkdir(parents=True)
    (folder / "data" / "tweets.js").write_text("x")
    (folder / "data" / "account.js").write_text("x")
    with zipfile.ZipFile(tmp_path / "e.zip", "w") as z:
        z.writestr("data/tweets.js", "x")
        z.writestr("manifest.js", "x")
    for path in (folder, folder / "data" / "tweets.js", tmp_path / "e.zip"):
        sources = list(iter_sources(path, limits))
        assert sources and all(s.limits == limits for s in sources)
    (tweets,) = [s for s in iter_sources(tmp_path / "e.zip", limits) if "tweets" in s.name]
    assert tweets.sibling("../manifest.js").limits == limits
    assert tweets.caps() == limits and tweets.caps(Limits()) == Limits()
    (plain,) = iter_sources(folder / "data" / "tweets.js")
    assert plain.limits is None and plain.sibling("account.js").limits is None


def test_a_twitter_archives_siblings_obey_the_config_files_cap(tmp_path, monkeypatch):
    """manifest.js, account.js and profile.js beside tweets.js are read under the import's
    max_document_mb, from brandcouch.toml too (they were read under the defaults)."""
    import shutil

    from tests.conftest import FIXTURES

    monkeypatch.delenv("BRANDCOUCH_MAX_DOCUMENT_MB", raising=False)
    archive = tmp_path / "archive"
    shutil.copytree(FIXTURES / "twitter" / "archive", archive)
    for name in ("manifest.js", "data/account.js", "data/profile.js"):
        p = archive / name
        p.write_text(p.read_text() + " " * (2 * MiB))  # over 1 MiB, valid all the same
    bios = []
    for cfg in (None, _toml(tmp_path, max_document_mb=1)):
        with api.open_store(":memory:") as s:
            (rep,) = api.import_paths(s, [archive / "data" / "tweets.js"], config=cfg)
            assert rep.imported == 4
            bios.append(s.scalar("SELECT max(bio) FROM accounts"))
    assert bios[0] == "We fix things & answer fast." and bios[1] is None
