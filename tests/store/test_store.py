"""The store: migrations recorded, schema version, idempotent imports, rollback on failure."""

from __future__ import annotations

import subprocess
import sys

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError, StoreError
from brandcouch.store import open_store
from tests.conftest import FIXTURES, table_snapshot

THREAD = FIXTURES / "generic" / "thread_missing_time.csv"


def test_migrations_are_recorded_and_not_reapplied(db_path):
    with open_store(db_path, create=True) as s:
        assert s.applied_migrations() == [
            "0001_initial",
            "0002_views",
            "0003_twcs_namespace",
            "0004_message_mentions",
            "0005_message_quotes",
            "0006_signal_values_without_index",
        ]
        assert s.schema_version() == 6
    with open_store(db_path) as s:  # reopening applies nothing twice
        assert s.scalar("SELECT count(*) FROM schema_migrations") == 6


def test_not_a_store_is_a_clear_error(tmp_path):
    bad = tmp_path / "notes.duckdb"
    bad.write_text("this is not a database")
    with pytest.raises(StoreError, match="notes.duckdb"):
        open_store(bad)


def test_import_twice_changes_nothing(store):
    first = api.import_paths(store, [THREAD])[0]
    assert (first.records_read, first.imported, first.duplicates) == (8, 8, 0)
    before = table_snapshot(store)
    before.pop("imports")
    second = api.import_paths(store, [THREAD])[0]
    assert (second.imported, second.duplicates, second.updated) == (0, 8, 0)
    after = table_snapshot(store)
    after.pop("imports")
    assert after == before


def test_broken_file_rolls_back_and_names_the_record(store, tmp_path):
    api.import_paths(store, [THREAD])
    before = table_snapshot(store)
    bad = tmp_path / "bad.csv"
    lines = THREAD.read_text().splitlines()
    # good rows first (they would be staged), then a row with an unreadable time
    bad.write_text(
        "\n".join([*lines[:3], "x9,u9,hello,not-a-time,generic,,,,,", *lines[3:]]) + "\n"
    )
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [bad])
    msg = str(e.value)
    assert "\n" not in msg
    assert "bad.csv" in msg and "line 4" in msg and "not-a-time" in msg
    assert table_snapshot(store) == before


def test_skip_bad_imports_the_good_records(store, tmp_path):
    bad = tmp_path / "bad.csv"
    lines = THREAD.read_text().splitlines()
    bad.write_text(
        "\n".join([*lines[:3], "x9,u9,hello,not-a-time,generic,,,,,", *lines[3:]]) + "\n"
    )
    report = api.import_paths(store, [bad], skip_bad=True)[0]
    assert report.imported == 8
    assert [r for r, _ in report.skipped] == ["line 4"]
    assert store.scalar("SELECT count(*) FROM import_skips") == 1


def test_cli_broken_file_exits_nonzero_with_one_line(tmp_path):
    bad = tmp_path / "broken.csv"
    bad.write_text("id,author,text,created_at\n1,u1,hi,yesterday-ish\n")
    db = tmp_path / "s.duckdb"
    proc = subprocess.run(
        [sys.executable, "-c", "from brandcouch.cli import main; main()", "import", "--db", str(db),
         str(bad)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "broken.csv" in lines[0] and "line 2" in lines[0]
    with open_store(db) as s:
        assert s.counts()["messages"] == 0


def test_a_newer_export_updates_metrics_and_edits_and_adds_only_what_is_new(store, tmp_path):
    head = "id,author,text,created_at,parent_id,likes,edited_at\n"
    old = tmp_path / "export-1.csv"
    old.write_text(
        head + "1,acme,First post,2024-01-01T10:00:00Z,,1,\n"
        "2,ann,Love it,2024-01-01T11:00:00Z,1,0,\n"
        "3,bob,Is it vegan?,2024-01-01T12:00:00Z,1,0,\n"
    )
    new = tmp_path / "export-2.csv"
    new.write_text(
        head + "1,acme,First post,2024-01-01T10:00:00Z,,7,\n"  # more likes now
        "2,ann,Love it!!,2024-01-01T11:00:00Z,1,0,2024-01-02T09:00:00Z\n"  # edited
        "3,bob,Is it vegan?,2024-01-01T12:00:00Z,1,0,\n"  # unchanged
        "4,acme,Yes it is!,2024-01-01T12:05:00Z,3,0,\n"  # new
    )
    api.import_paths(store, [old])
    r = api.import_paths(store, [new])[0]
    assert (r.imported, r.duplicates, r.updated) == (1, 3, 2)
    rows = dict(store.con.execute("SELECT native_id, likes FROM messages").fetchall())
    assert rows == {"1": 7, "2": 0, "3": 0, "4": 0}
    text, edited = store.con.execute(
        "SELECT text, edited_at FROM messages WHERE native_id = '2'"
    ).fetchall()[0]
    assert text == "Love it!!" and edited.isoformat() == "2024-01-02T09:00:00"
    # the older export again changes nothing: an older edit never replaces a newer one
    again = api.import_paths(store, [old])[0]
    assert (again.imported, again.updated) == (0, 0)
    assert store.scalar("SELECT text FROM messages WHERE native_id = '2'") == "Love it!!"
    assert store.scalar("SELECT likes FROM messages WHERE native_id = '1'") == 7


def test_overlapping_twcs_excerpts_share_41_tweets(store, shared):
    head = api.import_paths(store, [shared("data", "twcs", "twcs_head5000.csv")])[0]
    spotify = api.import_paths(
        store, [shared("data", "twcs", "spotifycares_support_requests.csv")]
    )[0]
    # PROVENANCE.md: all 41 customer replies to SpotifyCares present in the head file are in both
    assert (head.imported, spotify.records_read) == (5000, 15096)
    assert (spotify.imported, spotify.duplicates) == (15096 - 41, 41)
    assert store.counts()["messages"] == 5000 + 15096 - 41
