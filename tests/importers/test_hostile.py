"""Hostile inputs: XML bombs and external entities are refused; large dumps stream in bounded
memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from tests.conftest import FIXTURES, ROOT, table_snapshot

DISQUS_OPEN = '<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">'

BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE disqus [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
{DISQUS_OPEN}
  <thread dsq:id="1"><forum>evil</forum><title>&lol9;</title><link>http://x/</link></thread>
  <post dsq:id="2"><message>&lol9;</message><thread dsq:id="1"/>
    <author><name>x</name></author></post>
</disqus>
"""

XXE = f"""<?xml version="1.0"?>
<!DOCTYPE disqus [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
{DISQUS_OPEN}
  <thread dsq:id="1"><forum>evil</forum><title>t</title><link>http://x/</link></thread>
  <post dsq:id="2"><message>&xxe;</message><thread dsq:id="1"/>
    <author><name>x</name></author></post>
</disqus>
"""

EXTERNAL_DTD = f"""<?xml version="1.0"?>
<!DOCTYPE disqus SYSTEM "http://attacker.invalid/evil.dtd">
{DISQUS_OPEN}<thread dsq:id="1"><forum>evil</forum></thread></disqus>
"""


@pytest.mark.parametrize(
    ("name", "content"),
    [("bomb.xml", BILLION_LAUGHS), ("xxe.xml", XXE), ("dtd.xml", EXTERNAL_DTD)],
)
@pytest.mark.parametrize("fmt", [None, "disqus"])
def test_hostile_xml_refused(store, tmp_path, name, content, fmt):
    api.import_paths(store, [FIXTURES / "disqus" / "edge.xml"], skip_bad=True)
    before = table_snapshot(store)
    p = tmp_path / name
    p.write_text(content)
    with pytest.raises(MalformedInputError) as ei:
        api.import_paths(store, [p], format=fmt)
    text = str(ei.value)
    assert text.startswith(f"{p}: refused: the file declares a DTD or entities")
    assert "\n" not in text and "root:" not in text and "lollol" not in text
    assert table_snapshot(store) == before


# ---------------------------------------------------------------- bounded memory

#: a realistic Pushshift comment line (the 2022 API schema, ~1.3 KB), varied per record
_LINE = json.dumps(
    {
        "all_awardings": [], "archived": True, "associated_award": None, "author": "@A@",
        "author_created_utc": 1468779362, "author_flair_background_color": None,
        "author_flair_css_class": None, "author_flair_richtext": [],
        "author_flair_template_id": None, "author_flair_text": None,
        "author_flair_text_color": None, "author_flair_type": "text", "author_fullname": "t2_zl1sl",
        "author_patreon_flair": False, "author_premium": False, "body": "@B@", "can_gild": True,
        "collapsed": False, "collapsed_because_crowd_control": None, "collapsed_reason": None,
        "collapsed_reason_code": None, "comment_type": None, "controversiality": 0,
        "created_utc": 1629990761, "distinguished": None, "edited": False, "gilded": 0,
        "gildings": {}, "id": "@I@", "is_submitter": False, "link_id": "t3_pbkq8f",
        "locked": False, "no_follow": True, "parent_id": 37635511252,
        "permalink": "/r/science/comments/pbkq8f/covid19_rule_breakers_characterized_by/@I@/",
        "score": 3, "score_hidden": False, "send_replies": True, "stickied": False,
        "subreddit": "science", "subreddit_id": "t5_mouw", "subreddit_name_prefixed": "r/science",
        "subreddit_type": "public", "top_awarded_type": None, "total_awards_received": 0,
        "treatment_tags": [], "unrepliable_reason": None, "retrieved_utc": 1650510223,
        "updated_utc": 1668650585, "body_sha1": "b7bd77588b973ede87d535d4331e994ff81e2c0d",
        "utc_datetime_str": "2021-08-26 15:12:41",
    }
)  # fmt: skip
_WORDS = [
    "the",
    "brand",
    "answered",
    "my",
    "question",
    "about",
    "the",
    "order",
    "and",
    "I",
    "am",
    "happy",
    "or",
    "not",
    "sure",
]
TARGET_BYTES = 150 * 2**20


def _write_dump(path, target_bytes: int) -> int:
    """Pushshift NDJSON of about ``target_bytes``, written in chunks; returns the record count."""
    written, i = 0, 0
    with open(path, "w", encoding="utf-8") as f:
        while written < target_bytes:
            chunk = []
            for _ in range(5000):
                i += 1
                body = " ".join(_WORDS[(i + k) % len(_WORDS)] for k in range(10 + i % 70))
                chunk.append(
                    _LINE.replace("@A@", f"user{i % 150_000}")
                    .replace("@B@", f"{body} #{i}")
                    .replace("@I@", f"z{i:08x}")
                )
            s = "\n".join(chunk) + "\n"
            f.write(s)
            written += len(s)
    return i


@pytest.fixture(scope="module")
def big_dump(tmp_path_factory):
    """~150 MB of Pushshift NDJSON."""
    path = tmp_path_factory.mktemp("bigdump") / "RC_big.ndjson"
    return path, _write_dump(path, TARGET_BYTES)


@pytest.fixture(scope="module")
def small_dump(tmp_path_factory):
    """~40 MB of the same."""
    path = tmp_path_factory.mktemp("smalldump") / "RC_small.ndjson"
    return path, _write_dump(path, 40 * 2**20)


_CHILD = textwrap.dedent(
    """
    import json, resource, sys
    from pathlib import Path
    from brandcouch import api
    from brandcouch.importers import ImportContext, ImportReport, Source, get_importer

    def peak_kb():
        # VmHWM: this process's own peak RSS (ru_maxrss can carry the parent's over fork+exec)
        try:
            with open("/proc/self/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    mode, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
    store = api.open_store(db, create=True) if mode == "store" else None
    base = peak_kb()
    if mode == "store":
        n = api.import_paths(store, [path])[0].imported
    else:
        src = Source.from_path(Path(path))
        ctx = ImportContext(src, ImportReport(src.name))
        n = sum(1 for _ in get_importer("pushshift").read(src, ctx))
    peak = peak_kb()
    print(json.dumps({"n": n, "base_kb": base, "peak_kb": peak}))
    """
)


def _run_child(mode: str, path, db, env: dict | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path), str(db)],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_pushshift_reader_streams_in_bounded_memory(big_dump, tmp_path):
    path, records = big_dump
    size = path.stat().st_size
    res = _run_child("reader", path, tmp_path / "unused.duckdb")
    assert res["n"] >= records  # every record read (plus one Account per new author)
    growth = (res["peak_kb"] - res["base_kb"]) * 1024
    # 34 MB on the 155 MB dump alone, up to 39 MB under a loaded CI run: the reader keeps the
    # set of authors it has seen (grows with distinct authors) and checks each item; a reader
    # that buffered the file would grow by its size
    assert growth < 0.3 * size, f"reader grew {growth / 2**20:.0f} MB on {size / 2**20:.0f} MB"
    assert res["peak_kb"] * 1024 < 200 * 2**20


def test_pushshift_import_end_to_end_memory_does_not_grow_with_the_file(
    big_dump, small_dump, tmp_path
):
    """The whole import (staging, merge, roots) with DuckDB capped at 64 MB: a file almost
    four times bigger costs almost no more memory, so a 1 GB dump does not need 1 GB of RAM."""
    (big, n_big), (small, n_small) = big_dump, small_dump
    env = {"BRANDCOUCH_MEMORY_LIMIT": "64MB"}
    res_big = _run_child("store", big, tmp_path / "big.duckdb", env)
    res_small = _run_child("store", small, tmp_path / "small.duckdb", env)
    assert (res_big["n"], res_small["n"]) == (n_big, n_small)
    growth_big = (res_big["peak_kb"] - res_big["base_kb"]) * 1024
    growth_small = (res_small["peak_kb"] - res_small["base_kb"]) * 1024
    extra_bytes = big.stat().st_size - small.stat().st_size
    detail = (
        f"growth {growth_small / 2**20:.0f} MB for {small.stat().st_size / 2**20:.0f} MB, "
        f"{growth_big / 2**20:.0f} MB for {big.stat().st_size / 2**20:.0f} MB"
    )
    # the marginal memory per extra byte of input is small (the importer's bounded id maps
    # and DuckDB's capped buffer pool still fill up at these sizes); measured 0.2-0.31 of the
    # extra bytes on the shared 2-core machine (allocator arenas move with load), a file that
    # were held in memory would cost well over 1.0
    assert growth_big - growth_small < 0.5 * extra_bytes, detail
    # ...and the whole import stays well under the size of the file it read
    assert res_big["peak_kb"] * 1024 < 400 * 2**20, detail
