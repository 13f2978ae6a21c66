"""Data never reaches Rich as markup, is never highlighted, and is clipped in every message
(issue 10: a `[/dim]` in a file name crashed the CLI; an 80,000-character token hung it).
Also: `--db` must name a brandcouch store; only `import` and `demo` create one."""

from __future__ import annotations

import json
import zipfile

import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from brandcouch.errors import MalformedInputError, clip
from brandcouch.reports.terminal import literal, plain

register_all()
runner = CliRunner()
WIDE = {"COLUMNS": "250"}


pytestmark = pytest.mark.usefixtures("wide_consoles")  # tests/cli/conftest.py


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], env=WIDE)


def flat(output: str) -> str:
    return " ".join(output.split())


def messages(db) -> int:
    with api.open_store(db, read_only=True) as s:
        return s.counts()["messages"]


# -- the helpers -----------------------------------------------------------------------------
def test_clip_keeps_short_values_and_counts_what_it_cuts():
    assert clip("Acme [/dim]") == "Acme [/dim]"
    assert clip("a\n\tb\x1b[2J  c ") == "a b [2J c"  # one line, no terminal control codes
    long = "k" * 80_000
    assert clip(long) == "k" * 200 + "… (+79,800 chars)"
    assert clip(long, 10) == "kkkkkkkkkk… (+79,990 chars)"
    assert clip("x" * 200) == "x" * 200  # exactly the limit: nothing cut


def test_plain_escapes_markup_and_literal_is_never_parsed():
    assert plain("x[/dim].jsonl") == "x\\[/dim].jsonl"
    assert plain("[bold red]boo") == "\\[bold red]boo"
    assert literal(":smile: [b]", style="bold").plain == ":smile: [b]"


def test_malformed_input_error_clips_the_record_and_the_problem():
    e = MalformedInputError("f.jsonl", "r" * 1000, "p" * 1000)
    assert e.problem == "p" * 300 + "… (+700 chars)"
    assert str(e) == f"f.jsonl, record {'r' * 200}… (+800 chars): {'p' * 300}… (+700 chars)"


# -- the reproducers -------------------------------------------------------------------------
def _record(i, author="fan", text="hello?", when="2024-01-01T10:00:00Z"):
    return json.dumps({"id": str(i), "author": author, "text": text, "created_at": when})


def test_a_file_name_with_markup_is_imported_and_printed_literally(tmp_path):
    (tmp_path / "x[").mkdir()
    f = tmp_path / "x[/dim].jsonl"  # the folder `x[` and the file `dim].jsonl`
    f.write_text(_record(1) + "\n" + _record(2, text="more") + "\n")
    db = tmp_path / "s.duckdb"
    r = invoke("import", "--db", db, f)
    assert r.exit_code == 0, r.output
    assert "x[/dim].jsonl" in flat(r.output)
    assert messages(db) == 2


def test_a_zip_member_with_markup_and_the_members_after_it_are_imported(tmp_path):
    z = tmp_path / "export.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a[/dim].csv", "id,author,text\n1,fan,hello?\n")
        zf.writestr("b.csv", "id,author,text\n2,fan,still there?\n")
    db = tmp_path / "s.duckdb"
    r = invoke("import", "--db", db, z)
    assert r.exit_code == 0, r.output
    assert "export.zip!a[/dim].csv" in r.output and "export.zip!b.csv" in r.output
    assert messages(db) == 2


def test_a_skipped_record_with_markup_prints_literally_and_exits_0(tmp_path):
    f = tmp_path / "v.jsonl"
    f.write_text(_record(1) + "\n" + _record(2, when="[/dim] when [bold red]") + "\n")
    db = tmp_path / "s.duckdb"
    r = invoke("import", "--db", db, "--skip-bad", f)
    assert r.exit_code == 0, r.output
    assert "v.jsonl: skipped line 2:" in r.output
    assert "[/dim] when [bold red]" in r.output
    assert messages(db) == 1


def test_an_80000_character_token_in_a_skip_reason_is_clipped(tmp_path):
    """A skip reason quoting a huge token: Rich's highlighter took 357 s on 80,000 characters
    (it was a Reddit `more` stub's parent_id; those are now counted quietly, issue 17, so an
    unknown thing kind carries the token). The reason is not a comment or submission (kind
    '<80,000 chars>') (35 + 80,000 + 2 = 80,037 chars): 200 are shown, 79,837 counted."""
    kind = "k" * 80_000
    listing = [{"kind": "Listing", "data": {"children": [
        {"kind": "t3", "data": {"id": "post1", "name": "t3_post1", "author": "AcmeSupport",
                                "title": "Outage", "selftext": "We are on it.",
                                "subreddit": "acme", "created_utc": 1600000000.0}},
        {"kind": kind, "data": {"id": "m"}},
    ]}}]  # fmt: skip
    f = tmp_path / "long.json"
    f.write_text(json.dumps(listing))
    r = invoke("import", "--db", tmp_path / "s.duckdb", f)
    assert r.exit_code == 0, r.output
    out = r.output.replace("\n", "")
    assert "(kind '" + "k" * 165 + "… (+79,837 chars)" in out  # 35 + 165 = 200
    assert "k" * 166 not in out
    assert len(r.output) < 5_000


def test_an_error_naming_a_path_with_markup_is_one_literal_line(tmp_path):
    r = invoke("import", "--db", tmp_path / "s.duckdb", tmp_path / "nothere[/x].csv")
    assert r.exit_code == 1
    assert r.output.splitlines()[-1] == f"error: {tmp_path}/nothere[/x].csv: no such file or folder"


MARKUP_BRAND = "Sh[/dim]op :smile: [bold red]"


@pytest.fixture
def markup_store(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text(
        "id,author,text,parent_id,created_at\n"
        "1,fan[/dim],@shop hello? is it open,,2024-01-01T10:00:00Z\n"
        "2,shop,yes [bold red]open[/dim],1,2024-01-01T10:05:00Z\n"
        "3,fan[/dim],thanks :smile:,2,2024-01-01T10:06:00Z\n"
    )
    db = tmp_path / "s.duckdb"
    r = invoke("import", "--db", db, "--brand", f"{MARKUP_BRAND}=generic:shop", f)
    assert r.exit_code == 0, r.output
    return db


@pytest.mark.parametrize(
    "command", ["analyze", "session", "compare", "audience", "directory", "brands"]
)
def test_a_brand_name_with_markup_and_emoji_codes_prints_literally(markup_store, command):
    r = invoke(command, "--db", markup_store)
    assert r.exit_code == 0, r.output
    assert MARKUP_BRAND in r.output
    assert "😄" not in r.output
    if command == "audience":
        assert "generic:fan[/dim]" in r.output


# -- --db must be a brandcouch store ---------------------------------------------------------
def test_a_db_typo_is_refused_in_one_line_and_creates_nothing(tmp_path):
    for command in (["analyze"], ["session"], ["brands", "--add", "Acme=generic:acme"]):
        r = invoke(*command, "--db", tmp_path / "typo.duckdb")
        assert r.exit_code == 1
        assert r.output == (
            f"error: {tmp_path}/typo.duckdb: no brandcouch store here; create one with "
            "`brandcouch import` or `brandcouch demo`\n"
        )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", [["import"], ["analyze"], ["demo"]])
def test_a_csv_given_as_db_is_refused_and_left_byte_identical(tmp_path, command):
    export = tmp_path / "export.csv"
    export.write_text("id,author,text\n1,fan,hello?\n2,fan,anyone?\n")
    before = export.read_bytes()
    args = [*command, "--db", export]
    if command == ["import"]:
        args.append(export)
    if command == ["demo"]:
        args += ["--out", tmp_path / "out"]
    r = invoke(*args)
    assert r.exit_code == 1
    assert r.output == f"error: {export} is not a brandcouch store (not a DuckDB database file)\n"
    assert export.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["export.csv"]


def test_import_says_when_it_creates_the_store(tmp_path):
    f = tmp_path / "m.csv"
    f.write_text("id,author,text\n1,fan,hello?\n")
    db = tmp_path / "new" / "s.duckdb"
    first = invoke("import", "--db", db, f)
    assert first.exit_code == 0, first.output
    assert first.output.splitlines()[0] == f"created a new store at {db}"
    again = invoke("import", "--db", db, f)
    assert again.exit_code == 0 and "created a new store" not in again.output
