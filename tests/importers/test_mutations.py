"""Hypothesis mutates the real fixtures: every import ends in a clean import or a clean one-line
error naming the file, never a traceback, never a partial store; and with ``--skip-bad`` a broken
*record* never fails the whole file.

Mutations: truncate, flip bytes, drop a field, change a field's type, and the hostile values of
issue 10: Rich markup (``[/dim]``, ``[bold red]x``), huge tokens (a 100,000-character id, a
100,000-digit number), out-of-range times (``99999999999999999999``,
``9999-12-31T23:59:59-05:00``) and ids or authors called ``nan``/``None``/``null``. Values are
put into JSON documents, JSON Lines, the JSON of Twitter archive ``.js`` files, XML text and CSV
cells. The fixtures are the real third-party files of ``../shared/fixtures`` (plus a TWCS excerpt
from ``../shared/data`` and the team's generic CSV/JSONL examples); without ../shared the tests
are skipped.
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import math
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.errors import BrandcouchError
from brandcouch.store import open_store
from tests.conftest import FIXTURES as LOCAL
from tests.conftest import SHARED, table_snapshot

FIXTURES = SHARED / "fixtures"
_DOCS = {".md", ".txt"}
TWCS_EXCERPT = SHARED / "data" / "twcs" / "twcs_head5000.csv"


def _files() -> list[Path]:
    if not FIXTURES.exists():
        return []
    files = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix not in _DOCS]
    seed = SHARED / "seed" / "seed-thread.wxr"
    if seed.exists():
        files.append(seed)
    if TWCS_EXCERPT.exists():
        files.append(TWCS_EXCERPT)
    # generic CSV / JSON Lines have no third-party samples: the team's own examples
    files += sorted((LOCAL / "generic").glob("*"))
    return files


FILES = _files()
IDS = [str(p.relative_to(SHARED if SHARED in p.parents else LOCAL.parent)) for p in FILES]
requires_shared = pytest.mark.skipif(not FILES, reason="../shared not present: no fixtures")

_HYPOTHESIS = {
    "deadline": None,
    "derandomize": True,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}

# ---------------------------------------------------------------- hostile values

MARKUP = ["[/dim]", "[bold red]x", "[/]", "[link=https://x.invalid]y[/link]"]
_HUGE_NUMBER = "@@HUGE_NUMBER@@"  # replaced by 100,000 digits after json.dumps (which refuses)
HUGE = ["k" * 100_000, "9" * 100_000, _HUGE_NUMBER]
TIMES = [
    99999999999999999999,
    "99999999999999999999",
    "9999-12-31T23:59:59-05:00",
    -(10**20),
    "0001-01-01T00:00:00+01:00",
    1e300,
    math.inf,
]
NANS = ["nan", "NaN", "None", "null", "NULL", math.nan]
TEXT_TIMES = ["99999999999999999999", "9999-12-31T23:59:59-05:00", "Fri Dec 31 23:59:59 -0500 9999"]

_TIME_KEY = re.compile(r"time|date|created|published|updated|indexedAt|At$|utc|^ts$", re.I)
_ID_KEY = re.compile(r"(^|_)(id|id_str|by|author|username|did|acct|login|name|uri)$|Id$", re.I)
_LEAF = (str, int, float, bool, type(None))


class Mutation:
    """A mutated file (a plain class: Hypothesis prints its short repr, not the bytes)."""

    def __init__(self, data: bytes, record_level: bool, what: str):
        self.data = data
        #: True when only one record is touched: then --skip-bad must never fail the whole file
        self.record_level = record_level
        self.what = what

    def __repr__(self) -> str:
        return f"Mutation({self.what[:300]!r}, {len(self.data)} bytes)"


def _codec(path: Path) -> str:
    head = path.read_bytes()[:200].lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.suffix in (".xml", ".wxr"):
        return "xml"
    if path.suffix == ".csv":
        return "csv"
    if head.startswith(b"window."):
        return "js"
    if path.suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    return "json"


def _walk(node, path=()):
    """Every (path, value) in a JSON document."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*path, i))


def _set(doc, path, value, drop=False):
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if drop:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value


def _dumps(doc) -> str:
    return json.dumps(doc).replace(f'"{_HUGE_NUMBER}"', "9" * 100_000)


def _inside_a_record(path) -> bool:
    """A path through a list element below the document's top (``data[3].author``,
    ``[0].data.children[2].data.body``): one record of a whole-document file."""
    return any(isinstance(k, int) for k in path[1:])


def _json_mutation(draw, doc, kind: str) -> tuple[object, tuple]:
    """Mutate one place of a parsed JSON document; returns (document, path)."""
    paths = [p for p, _ in _walk(doc) if p]
    if not paths:
        return doc, ()
    leaves = [p for p, v in _walk(doc) if p and isinstance(v, _LEAF)] or paths
    if kind == "drop":
        path = draw(st.sampled_from(paths))
        _set(doc, path, None, drop=True)
        return doc, path
    if kind == "retype":
        path = draw(st.sampled_from(paths))
        _set(doc, path, draw(st.sampled_from([None, 0, -1, 2**70, "", "x", [], {}, True, 1.5])))
        return doc, path
    if kind == "time":
        keyed = [p for p in leaves if isinstance(p[-1], str) and _TIME_KEY.search(p[-1])]
        values = TIMES
    elif kind == "nan":
        keyed = [p for p in leaves if isinstance(p[-1], str) and _ID_KEY.search(p[-1])]
        values = NANS
    elif kind == "huge":
        keyed = [p for p in leaves if isinstance(p[-1], str) and _ID_KEY.search(p[-1])]
        values = HUGE
    else:  # markup: into any text
        keyed = [p for p, v in _walk(doc) if p and isinstance(v, str)]
        values = MARKUP
    path = draw(st.sampled_from(keyed or leaves))
    _set(doc, path, draw(st.sampled_from(values)))
    return doc, path


_XML_TEXT = re.compile(rb"<([A-Za-z][\w:.-]*)>([^<>&]+)</\1>")
_XML_TIME = re.compile(rb"date|createdAt|pubDate", re.I)
_XML_ID = re.compile(rb"id$|author|login|name|username|email|forum|creator", re.I)


def _xml_mutation(draw, data: bytes, kind: str) -> bytes:
    spots = list(_XML_TEXT.finditer(data))
    if not spots:
        return data
    if kind == "time":
        keyed, values = [m for m in spots if _XML_TIME.search(m.group(1))], TEXT_TIMES
    elif kind in ("nan", "huge"):
        keyed = [m for m in spots if _XML_ID.search(m.group(1))]
        values = [v for v in (NANS if kind == "nan" else HUGE) if isinstance(v, str)]
        values = [v.replace(_HUGE_NUMBER, "9" * 100_000) for v in values]
    else:
        keyed, values = spots, MARKUP
    m = draw(st.sampled_from(keyed or spots))
    value = draw(st.sampled_from(values)).encode()
    return data[: m.start(2)] + value + data[m.end(2) :]


def _csv_mutation(draw, data: bytes, kind: str) -> bytes:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    header, body = rows[0], rows[1:]
    if not body:
        return data
    r = draw(st.integers(0, len(body) - 1))
    cols = list(range(len(header)))
    if kind == "time":
        cols = [i for i, h in enumerate(header) if _TIME_KEY.search(h)] or cols
        values = TEXT_TIMES
    elif kind in ("nan", "huge"):
        cols = [i for i, h in enumerate(header) if _ID_KEY.search(h)] or cols
        values = [v for v in (NANS if kind == "nan" else HUGE) if isinstance(v, str)]
        values = [v.replace(_HUGE_NUMBER, "9" * 100_000) for v in values]
    elif kind == "drop":
        values = [""]
    elif kind == "retype":
        values = ["x", "-1", "1.5", "True", "{}"]
    else:
        values = MARKUP
    c = draw(st.sampled_from([i for i in cols if i < len(body[r])] or [0]))
    body[r][c] = draw(st.sampled_from(values))
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows([header, *body])
    return out.getvalue().encode()


@functools.cache
def _load(fixture: Path) -> tuple[bytes, str]:
    """The fixture's bytes (the TWCS excerpt cut to its first 300 tweets) and its codec."""
    data, codec = fixture.read_bytes(), _codec(fixture)
    if fixture == TWCS_EXCERPT:
        rows = list(itertools.islice(csv.reader(io.StringIO(data.decode(), newline="")), 301))
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        data = out.getvalue().encode()
    return data, codec


@st.composite
def mutations(draw, fixture: Path, kinds: tuple[str, ...] | None = None):
    data, codec = _load(fixture)
    kinds = kinds or ("truncate", "flip", "drop", "retype", "markup", "huge", "time", "nan")
    kind = draw(st.sampled_from(kinds))
    if kind == "truncate":
        return Mutation(data[: draw(st.integers(0, max(len(data) - 1, 0)))], False, kind)
    if kind == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(out) - 1))
            out[i] = draw(st.integers(0, 255))
        return Mutation(bytes(out), False, kind)
    if codec == "xml":
        if kind in ("drop", "retype"):  # no JSON fields to drop: truncate instead
            return Mutation(data[: draw(st.integers(0, max(len(data) - 1, 0)))], False, kind)
        return Mutation(_xml_mutation(draw, data, kind), True, kind)
    if codec == "csv":
        return Mutation(_csv_mutation(draw, data, kind), True, kind)
    if codec == "jsonl":
        lines = data.decode("utf-8").splitlines()
        nonempty = [i for i, line in enumerate(lines) if line.strip()]
        i = draw(st.sampled_from(nonempty))
        doc, path = _json_mutation(draw, json.loads(lines[i]), kind)
        lines[i] = _dumps(doc)
        return Mutation(("\n".join(lines) + "\n").encode(), True, f"{kind} line {i + 1} {path}")
    text = data.decode("utf-8-sig")
    prefix = ""
    if codec == "js":
        eq = text.index("=")
        prefix, text = text[: eq + 1] + " ", text[eq + 1 :].strip().rstrip(";")
    doc, path = _json_mutation(draw, json.loads(text), kind)
    return Mutation((prefix + _dumps(doc)).encode(), _inside_a_record(path), f"{kind} {path}")


#: fixtures that are read with a column mapping (as tests/importers/test_generic.py does)
_MAPPINGS = {
    "body_mapping.jsonl": {
        "id": "msg_id",
        "author": "user",
        "text": "body",
        "created_at": "ts",
        "platform": "channel",
        "parent_id": "reply_to",
    }
}


def _import_args(fixture: Path) -> dict:
    """``format`` (and ``mapping``) for importing the fixture: the format the unmutated file is
    detected as (mutations may break detection; forcing the format keeps the test about the
    importer, not about the sniffer)."""
    from brandcouch.errors import UnknownFormatError
    from brandcouch.importers import Source, detect

    if fixture.name in _MAPPINGS:
        return {"format": "generic-jsonl", "mapping": _MAPPINGS[fixture.name]}
    try:
        return {"format": detect(Source.from_path(fixture)).name}
    except UnknownFormatError:
        return {"format": None}


def _write(fixture: Path, data: bytes, tmp: Path) -> Path:
    """The mutated file in a folder of its own, beside unmutated copies of its siblings (a
    tweets.js reads the manifest.js next to it)."""
    for sib in fixture.parent.iterdir():
        if sib.is_file() and sib.suffix in (".js", ".json") and sib != fixture:
            shutil.copy(sib, tmp / sib.name)
    path = tmp / fixture.name
    path.write_bytes(data)
    return path


def _assert_clean_error(e: BrandcouchError, path: Path) -> None:
    text = str(e)
    assert "\n" not in text, text[:500]
    assert text.startswith(str(path)), text[:500]
    assert len(text) < 1500, f"{len(text)} characters: {text[:300]}"


@requires_shared
@pytest.mark.parametrize("fixture", FILES, ids=IDS)
def test_mutated_fixture_imports_cleanly_or_fails_cleanly(fixture: Path, tmp_path_factory):
    args = _import_args(fixture)

    @settings(max_examples=8, **_HYPOTHESIS)
    @given(mut=mutations(fixture))
    def check(mut: Mutation):
        path = _write(fixture, mut.data, tmp_path_factory.mktemp("mut"))
        with open_store(":memory:") as store:
            before = table_snapshot(store)
            try:
                api.import_paths(store, [path], **args)
            except BrandcouchError as e:
                _assert_clean_error(e, path)
                assert table_snapshot(store) == before
            else:
                assert store.counts()["imports"] == 1

    check()


#: whole-file problems a mutated record can legitimately cause (nothing of the file is usable)
_FILE_LEVEL = ("the archive owner is unknown",)


@requires_shared
@pytest.mark.parametrize("fixture", FILES, ids=IDS)
def test_with_skip_bad_a_bad_record_never_fails_the_whole_file(fixture: Path, tmp_path_factory):
    """The property of issue 10: a record with a hostile value (markup, a huge token, an
    out-of-range time, a `nan` id or author, a dropped or retyped field) is imported or listed
    as skipped, and every other record is imported."""
    args = _import_args(fixture)
    kinds = ("drop", "retype", "markup", "huge", "time", "nan")

    @settings(max_examples=6, **_HYPOTHESIS)
    @given(mut=mutations(fixture, kinds))
    def check(mut: Mutation):
        if not mut.record_level:
            return
        path = _write(fixture, mut.data, tmp_path_factory.mktemp("skip"))
        with open_store(":memory:") as store:
            try:
                (report,) = api.import_paths(store, [path], skip_bad=True, **args)
            except BrandcouchError as e:
                _assert_clean_error(e, path)
                assert any(why in str(e) for why in _FILE_LEVEL), f"{mut.what}: {e}"
                return
            assert report.status == "imported"
            for record, why in report.skipped:
                assert "\n" not in record + why and len(record + why) < 1500

    check()


# ---------------------------------------------------------------- named cases

NDJSON = '{"id": "%s", "author": "%s", "text": "t", "created_at": %s}\n'


@pytest.mark.parametrize(
    "created",
    ["99999999999999999999", '"99999999999999999999"', '"9999-12-31T23:59:59-05:00"', "1e400"],
)
def test_an_out_of_range_time_is_one_bad_record(store, tmp_path, created):
    p = tmp_path / "g.jsonl"
    p.write_text(NDJSON % ("1", "ann", "1700000000") + NDJSON % ("2", "bob", created))
    with pytest.raises(BrandcouchError) as ei:
        api.import_paths(store, [p])
    assert str(ei.value).startswith(f"{p}, record line 2: time out of range")
    (rep,) = api.import_paths(store, [p], skip_bad=True)
    assert (rep.imported, [r for r, _ in rep.skipped]) == (1, ["line 2"])


@pytest.mark.parametrize("name", ["nan", "NaN", "None", "null", "NULL"])
def test_a_user_or_id_named_nan_is_imported(store, tmp_path, name):
    p = tmp_path / "g.jsonl"
    p.write_text(NDJSON % (name, name, "1700000000"))
    (rep,) = api.import_paths(store, [p])
    assert rep.imported == 1 and not rep.skipped
    row = store.con.execute("SELECT native_id, author_id FROM messages").fetchall()
    assert row == [(name, f"generic:{name}")]


def test_a_twcs_author_named_nan_is_imported(store, tmp_path):
    p = tmp_path / "twcs.csv"
    p.write_text(
        "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
        "1,nan,True,Tue Oct 31 22:10:47 +0000 2017,@AcmeHelp hi,2,\n"
        "2,AcmeHelp,False,Tue Oct 31 22:11:47 +0000 2017,@nan hello,,1\n"
        "3,NULL,True,Fri Dec 31 23:59:59 -0500 9999,@AcmeHelp late,,\n"
    )
    with pytest.raises(BrandcouchError, match=r"record 3: unreadable or out-of-range time"):
        api.import_paths(store, [p])
    (rep,) = api.import_paths(store, [p], skip_bad=True)
    assert rep.imported == 2 and [r for r, _ in rep.skipped] == ["3"]
    authors = store.con.execute("SELECT author_id FROM messages ORDER BY native_id").fetchall()
    assert [a for (a,) in authors][0].endswith(":nan")


def test_an_unexpected_failure_names_the_record_being_read(store, tmp_path, monkeypatch):
    """Not `records_read`: the line of the record being read when something unforeseen broke."""
    from brandcouch.importers import hackernews

    real = hackernews._item

    def explode(obj, ref, ctx, known):
        if obj.get("id") == 3:
            raise RuntimeError("unforeseen")
        return real(obj, ref, ctx, known)

    monkeypatch.setattr(hackernews, "_item", explode)
    p = tmp_path / "items.jsonl"
    items = [{"id": i, "type": "story", "by": "u", "time": 1700000000 + i} for i in (1, 2)]
    items.insert(0, {"id": 3, "type": "story", "by": "u", "time": 1700000000})
    p.write_text("\n\n" + "\n".join(json.dumps(i) for i in reversed(items)) + "\n")
    with pytest.raises(BrandcouchError) as ei:
        api.import_paths(store, [p], format="hackernews")
    assert str(ei.value) == f"{p}, record line 5: RuntimeError: unforeseen"


# ---------------------------------------------------------------- through the CLI (Rich)

runner = CliRunner()


#: one fixture per folder (format): the CLI is slower to drive than the API
ONE_PER_FOLDER = list({p.parent: p for p in reversed(FILES)}.values())[::-1]


@requires_shared
@pytest.mark.parametrize(
    "fixture", ONE_PER_FOLDER, ids=[IDS[FILES.index(p)] for p in ONE_PER_FOLDER]
)
def test_markup_in_data_is_printed_as_text_by_the_cli(fixture: Path, tmp_path_factory):
    """Rich markup in a record (`[/dim]`) is shown literally in errors and skip lists, never
    parsed (a MarkupError traceback) or applied."""
    from brandcouch.cli.app import app, register_all

    register_all()
    args = _import_args(fixture)

    @settings(max_examples=1, **_HYPOTHESIS)
    @given(mut=mutations(fixture, ("markup",)))
    def check(mut: Mutation):
        tmp = tmp_path_factory.mktemp("cli")
        path = _write(fixture, mut.data, tmp)
        fmt = args["format"]
        maps = [f"--map={k}={v}" for k, v in (args.get("mapping") or {}).items()]
        for extra in ([], ["--skip-bad"]):
            argv = ["import", "--db", str(tmp / "s.duckdb"), str(path), *extra, *maps]
            out = runner.invoke(app, [*argv, *(["--format", fmt] if fmt else [])])
            assert out.exit_code in (0, 1), out.output[-2000:]
            assert out.exception is None or isinstance(out.exception, SystemExit), out.output

    check()
