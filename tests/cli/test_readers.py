"""Readers and writers: `import` and `demo` score the signals of what they add; every command
that only reads opens the store read-only, so it runs while another process reads it (a
read-write open would then fail at once under busy_timeout 0); serve and the CLI share the
Config (`[settings] min_inbound` agrees)."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
import sys

import httpx
import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from brandcouch.settings import load_config
from brandcouch.web import create_app

register_all()
runner = CliRunner()
ENV = {"COLUMNS": "250", "BRANDCOUCH_BUSY_TIMEOUT": "0"}

EXPORT = (
    "id,author,text,created_at,brand,parent_id\n"
    "q1,ann,@acme is my order on its way? it is late,2026-01-05T10:00:00Z,,\n"
    "a1,acme,Sorry Ann! It ships today.,2026-01-05T10:20:00Z,Acme,q1\n"
    "q2,bob,@acme thanks for the quick help!,2026-01-06T09:00:00Z,,\n"
    "a2,acme,Happy to help Bob,2026-01-06T09:30:00Z,Acme,q2\n"
)
READERS = [
    ["analyze"],
    ["session"],
    ["check", "--fail-under", "health=0"],
    ["audience"],
    ["compare"],
    ["directory"],
    ["brands"],
]


pytestmark = pytest.mark.usefixtures("wide_consoles")  # tests/cli/conftest.py


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], env=ENV)


def _missing(db) -> int:
    with api.open_store(db, read_only=True) as s:
        return int(
            s.scalar(
                "SELECT count(*) FROM messages m WHERE NOT EXISTS "
                "(SELECT 1 FROM signal_values v WHERE v.key = m.text_hash)"
            )
        )


@pytest.fixture
def imported(tmp_path):
    export = tmp_path / "today.csv"
    export.write_text(EXPORT)
    db = tmp_path / "s.duckdb"
    r = invoke("import", "--db", db, "--config", tmp_path / "none.toml", export)
    assert r.exit_code == 0, r.output
    return db


def test_import_scores_what_it_added(imported, tmp_path):
    assert _missing(imported) == 0
    more = tmp_path / "more.csv"
    more.write_text("id,author,text\nq9,cat,@acme where is the refund?\n")
    assert invoke("import", "--db", imported, more).exit_code == 0
    assert _missing(imported) == 0


HOLD_READ = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print("holding", flush=True)
sys.stdin.readline()
"""


@pytest.fixture
def read_by_another_process(imported):
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_READ, str(imported)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "holding"
    yield imported, child
    child.stdin.close()
    child.wait(20)


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_readers_open_read_only(read_by_another_process, command, tmp_path):
    db, child = read_by_another_process
    r = invoke(*command, "--db", db, *([] if command[0] == "brands" else ["--config", "x.toml"]))
    assert r.exit_code == 0, r.output
    assert "busy" not in r.output


def test_report_opens_read_only(read_by_another_process, tmp_path):
    db, _ = read_by_another_process
    r = invoke("report", "--db", db, "--json", tmp_path / "r.json", "--config", "x.toml")
    assert r.exit_code == 0, r.output


def test_writers_wait_for_readers_and_fail_in_one_line(read_by_another_process, tmp_path):
    db, child = read_by_another_process
    r = invoke("brands", "--db", db, "--add", "Other=twitter:other")
    assert r.exit_code == 1
    lines = [line for line in r.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), r.output
    assert f"PID {child.pid}" in r.output and "busy" in r.output
    assert "IO Error" not in r.output and "brandcouch DuckDB file" not in r.output


def test_a_config_brand_the_store_lacks_counts_without_being_written(imported, tmp_path):
    toml = tmp_path / "brandcouch.toml"
    toml.write_text('[brands]\nAnn = ["generic:ann"]\n')
    out_json = tmp_path / "o.json"
    r = invoke("analyze", "--db", imported, "--config", toml, "--json", out_json)
    assert r.exit_code == 0, r.output
    assert "Ann" in {b["name"] for b in json.loads(out_json.read_text())["brands"]}
    with api.open_store(imported, read_only=True) as s:  # applied, not written
        assert s.scalar("SELECT count(*) FROM brands WHERE name = 'Ann'") == 0


def _get(web_app, url: str) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=web_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8765") as c:
            return await c.get(url)

    return asyncio.run(go())


def test_serve_and_the_cli_agree_on_the_config(tmp_path):
    db = tmp_path / "demo.duckdb"
    with api.open_store(db, create=True) as store:
        api.generate_demo(store, scale=0.1)
        api.run_signals(store)
    toml = tmp_path / "brandcouch.toml"
    toml.write_text("[settings]\nmin_inbound = 100000\n")
    out_json = tmp_path / "cli.json"
    r = invoke("analyze", "--db", db, "--config", toml, "--json", out_json)
    assert r.exit_code == 0, r.output
    cli_health = [b["health"]["score"] for b in json.loads(out_json.read_text())["brands"]]
    web_app = create_app(db, config=load_config(toml))
    web = _get(web_app, "/api/brands").json()
    web_health = [b.health.score for b in web_app.state.dash.result.brands]
    assert cli_health and set(cli_health) == {None}
    assert web_health == cli_health
    assert web  # the API answers
    default = create_app(db)  # without the config: scores
    assert any(b.health.score is not None for b in default.state.dash.result.brands)


def test_a_store_without_signals_is_scored_in_memory_not_written(tmp_path):
    """A store filled through the Python API has no signals: readers score them for the run
    only (read-only: nothing written) and give the numbers a scored store gives."""
    export = tmp_path / "today.csv"
    export.write_text(EXPORT)
    db = tmp_path / "api.duckdb"
    with api.open_store(db, create=True) as store:
        api.import_paths(store, [export])
    assert _missing(db) == 4
    before = invoke("session", "--db", db, "--config", "x.toml")
    assert before.exit_code == 0, before.output
    assert _missing(db) == 4  # not written
    with api.open_store(db) as store:
        api.run_signals(store)
    after = invoke("session", "--db", db, "--config", "x.toml")
    # the same diagnosis; only the reader that scored in memory says so (and how to store them)
    note = re.search(r"note: .*?so the next run starts at once\n", before.output, re.S)
    assert note and "brandcouch rescore --db" in " ".join(note.group().split())
    assert "note: " not in after.output
    assert before.output.replace(note.group(), "") == after.output


@pytest.mark.parametrize("command", [["analyze"], ["report"]])
def test_html_from_a_read_only_store_carries_the_conversations(imported, tmp_path, command):
    """The HTML report's excerpts are read while the reader has the store open: the JSON
    written beside it carries them, and the page shows the conversation of the evidence."""
    db = imported
    html, out_json = tmp_path / "r.html", tmp_path / "r.json"
    r = invoke(*command, "--db", db, "--html", html, "--json", out_json)
    assert r.exit_code == 0, r.output
    threads = json.loads(out_json.read_text("utf-8"))["evidence_threads"]
    assert threads, "no evidence conversations in the report"
    page = html.read_text("utf-8")
    assert 'class="convo"' in page and "It ships today." in page


def test_session_shows_confidence_and_names_anonymous_authors(imported):
    r = invoke("session", "--db", imported)
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    row = next(line for line in lines if line.strip().startswith("confidence"))
    assert len(row.split()) == 6  # the label, then health and the four elements
    # two customers are far below min_inbound: the scores are n/a, and the line says what n/a is
    assert "n/a: not enough data" in r.output
    from brandcouch.cli.session_cmd import _evidence_lines

    [line] = _evidence_lines(
        [{"text": "hi", "author": "twitter:twcs:116101", "message_id": "twitter:twcs:1768"}]
    )
    assert "— a customer (twitter:twcs:116101), message twitter:twcs:1768" in line
    [line] = _evidence_lines([{"text": "hi", "author": "acme", "permalink": "https://x.example/1"}])
    assert "— acme, https://x.example/1" in line
