"""The CLI: --version, --help on every command, the import → analyze flow."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from brandcouch import __version__, api
from brandcouch.cli.app import app, register_all
from tests.conftest import FIXTURES

register_all()
runner = CliRunner()
COMMANDS = sorted(c.name for c in app.registered_commands if not c.hidden)


def test_version():
    r = runner.invoke(app, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output


def test_python_dash_m_runs_the_same_cli():
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "brandcouch", "--version"], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 0 and r.stdout.strip() == f"brandcouch {__version__}", r
    # the entry point's argument rewrite is there too: a bare --pdf needs --out
    r = subprocess.run([sys.executable, "-m", "brandcouch", "report", "--db", "nowhere.duckdb",
                        "--pdf"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "--pdf needs a file name (or --out DIR" in r.stdout + r.stderr, r


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    r = runner.invoke(app, [command, "--help"])
    assert r.exit_code == 0
    assert "Usage" in r.output


def test_expected_commands_exist():
    assert {"import", "analyze", "demo", "brands", "formats"} <= set(COMMANDS)


def test_import_then_analyze_writes_json(tmp_path):
    db = tmp_path / "s.duckdb"
    r = runner.invoke(
        app, ["import", "--db", str(db), str(FIXTURES / "generic" / "thread_missing_time.csv")]
    )
    assert r.exit_code == 0, r.output
    out = tmp_path / "out.json"
    r = runner.invoke(app, ["analyze", "--db", str(db), "--json", str(out)])
    assert r.exit_code == 0, r.output
    data = json.loads(out.read_text())
    acme = data["brands"][0]
    assert acme["name"] == "Acme"
    assert acme["metrics"]["reply_rate_all"] == 1.0
    assert acme["channels"][0]["platform"] == "generic"
    assert acme["channels"][0]["metrics"]["first_response_minutes_median"] == 51.0


def test_out_of_memory_is_one_line_naming_the_setting(tmp_path, monkeypatch):
    """DuckDB's own out-of-memory error is a page of advice and a traceback: the CLI says in one
    line which limit was hit and which setting raises it, exits 1, and writes nothing."""
    db = tmp_path / "s.duckdb"
    r = runner.invoke(
        app, ["import", "--db", str(db), str(FIXTURES / "generic" / "thread_missing_time.csv")]
    )
    assert r.exit_code == 0, r.output
    out = tmp_path / "out.json"
    monkeypatch.setenv("BRANDCOUCH_MEMORY_LIMIT", "2MB")  # a real DuckDB limit, far too low
    r = runner.invoke(app, ["analyze", "--db", str(db), "--json", str(out)])
    assert r.exit_code == 1
    lines = [x for x in r.output.splitlines() if x.strip()]
    assert len(lines) == 1, r.output
    assert lines[0].startswith("error: out of memory under DuckDB's memory_limit (")
    assert "BRANDCOUCH_MEMORY_LIMIT" in lines[0] and "Traceback" not in r.output
    assert not out.exists()
    monkeypatch.delenv("BRANDCOUCH_MEMORY_LIMIT")
    assert runner.invoke(app, ["analyze", "--db", str(db), "--json", str(out)]).exit_code == 0


def test_brand_option_declares_a_brand(tmp_path):
    db = tmp_path / "s.duckdb"
    f = tmp_path / "m.csv"
    f.write_text("id,author,text,parent_id\n1,fan,@shop hello?,\n2,shop,hi!,1\n")
    r = runner.invoke(app, ["import", "--db", str(db), "--brand", "Shop=generic:shop", str(f)])
    assert r.exit_code == 0, r.output
    out = tmp_path / "o.json"
    runner.invoke(app, ["analyze", "--db", str(db), "--json", str(out)])
    shop = json.loads(out.read_text())["brands"][0]
    assert shop["name"] == "Shop" and shop["metrics"]["replied"] == 1


def test_bad_brand_spec_is_a_clear_error(tmp_path):
    api.open_store(tmp_path / "s.duckdb", create=True).close()
    r = runner.invoke(app, ["brands", "--db", str(tmp_path / "s.duckdb"), "--add", "Acme"])
    assert r.exit_code == 1
    assert "NAME=PLATFORM:HANDLE" in r.output


def test_analyze_on_an_empty_store_says_what_to_do(tmp_path):
    api.open_store(tmp_path / "empty.duckdb", create=True).close()
    r = runner.invoke(app, ["analyze", "--db", str(tmp_path / "empty.duckdb")])
    assert r.exit_code == 1
    assert "no messages yet" in r.output and "brandcouch import" in r.output


def test_a_brand_with_only_posts_is_not_enough_data_not_a_crash(tmp_path):
    db, f, out = tmp_path / "s.duckdb", tmp_path / "p.csv", tmp_path / "o.json"
    f.write_text("id,author,text,created_at,brand\n1,acme,Our new menu,2024-01-01T10:00:00Z,Acme\n")
    assert runner.invoke(app, ["import", "--db", str(db), str(f)]).exit_code == 0
    r = runner.invoke(app, ["analyze", "--db", str(db), "--json", str(out)])
    assert r.exit_code == 0, r.output
    acme = json.loads(out.read_text())["brands"][0]
    assert acme["metrics"]["inbound"] == 0 and acme["metrics"]["brand_posts"] == 1
    assert acme["elements"]["empathy"]["score"] is None
    assert acme["elements"]["empathy"]["status"] == "not enough data"


def test_a_reader_says_when_it_scored_in_memory_and_rescore_stores(tmp_path):
    # a store whose deflection values an older brandcouch wrote: readers (read-only) score those
    # texts again for each run and say so; `rescore` stores them once
    import duckdb

    db = tmp_path / "s.duckdb"
    f = tmp_path / "m.csv"
    f.write_text("id,author,text,parent_id\n1,fan,@shop my order is late,\n"
                 "2,shop,Sorry! Please DM us your order number.,1\n3,shop,New menu today,\n")
    r = runner.invoke(app, ["import", "--db", str(db), "--brand", "Shop=generic:shop", str(f)])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["analyze", "--db", str(db)])
    assert r.exit_code == 0 and "note:" not in r.output, r.output  # import stored everything
    con = duckdb.connect(str(db))
    # the two brand messages' deflection values as an older version left them
    old = con.execute(
        "UPDATE signal_values SET version = 'deflection.v0' WHERE signal = 'deflection'"
    ).fetchall()[0][0]
    con.close()
    assert old == 2
    r = runner.invoke(app, ["analyze", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "note: 2 texts and reply pairs had no current signal values" in r.output
    assert f"brandcouch rescore --db {db}" in " ".join(r.output.split())
    r = runner.invoke(app, ["rescore", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "scored and stored 2 texts and 0 reply pairs" in r.output
    r = runner.invoke(app, ["analyze", "--db", str(db)])
    assert r.exit_code == 0 and "note:" not in r.output, r.output
    r = runner.invoke(app, ["rescore", "--db", str(tmp_path / "none.duckdb")])
    assert r.exit_code == 1 and "none.duckdb: no such store" in r.output
