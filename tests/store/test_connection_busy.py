"""A store another process holds: open_store waits a bounded time, says who holds it, and
fails with one line (never DuckDB's text); open_snapshot copies and lets go of the file."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest

from brandcouch.errors import StoreError
from brandcouch.store import open_store
from brandcouch.store.connection import LockHolder, StoreBusyError, lock_holder, open_snapshot

HOLD = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1], read_only=sys.argv[2] == "ro")
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
con.close()
"""


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path, create=True) as s:
        s.con.execute("INSERT INTO brands VALUES ('Acme', 'config')")
    return path


def _hold(path, mode: str, seconds: float) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path), mode, str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "holding"
    return child


def test_a_held_store_fails_after_the_timeout_naming_the_holder(store_path):
    child = _hold(store_path, "rw", 30)
    told = []
    try:
        started = time.monotonic()
        with pytest.raises(StoreBusyError) as e:
            open_store(store_path, read_only=True, busy_timeout=0.6, on_busy=told.append)
        waited = time.monotonic() - started
    finally:
        child.kill()
        child.wait()
    assert 0.5 <= waited < 5
    message = str(e.value)
    assert "\n" not in message
    assert f"PID {child.pid}" in message and "busy" in message
    assert "IO Error" not in message and "Conflicting lock" not in message
    assert "is it a brandcouch" not in message and "not a brandcouch store" not in message
    assert isinstance(e.value, StoreError) and e.value.holder.pid == child.pid
    assert len(told) == 1 and f"PID {child.pid}" in told[0] and "waiting up to 0.6 s" in told[0]


def test_the_wait_ends_when_the_holder_lets_go(store_path):
    child = _hold(store_path, "rw", 0.8)
    told = []
    try:
        with open_store(store_path, read_only=True, busy_timeout=20, on_busy=told.append) as s:
            assert s.counts()["brands"] == 1
    finally:
        child.wait()
    assert len(told) == 1


def test_a_writer_waits_for_a_reader_too(store_path):
    child = _hold(store_path, "ro", 0.8)
    try:
        with open_store(store_path, busy_timeout=20, on_busy=lambda _: None) as s:
            assert s.counts()["brands"] == 1
    finally:
        child.wait()


def test_zero_fails_at_once_without_a_waiting_line(store_path):
    child = _hold(store_path, "rw", 30)
    told = []
    try:
        with pytest.raises(StoreBusyError):
            open_store(store_path, busy_timeout=0, on_busy=told.append)
    finally:
        child.kill()
        child.wait()
    assert told == []


def test_the_setting_gives_the_default(store_path, monkeypatch):
    monkeypatch.setenv("BRANDCOUCH_BUSY_TIMEOUT", "0.3")
    child = _hold(store_path, "rw", 30)
    try:
        started = time.monotonic()
        with pytest.raises(StoreBusyError, match="waited 0.3 s"):
            open_store(store_path, read_only=True, on_busy=None)
        assert time.monotonic() - started < 5
    finally:
        child.kill()
        child.wait()


def test_lock_holder_parses_duckdbs_message():
    e = duckdb.IOException(
        'IO Error: Could not set lock on file "/x/s.duckdb": Conflicting lock is held in '
        "/usr/bin/python3.11 (PID 4242). See also https://duckdb.org/docs/current/connect/"
    )
    assert lock_holder(e).pid == 4242 and lock_holder(e).program == "/usr/bin/python3.11"
    assert lock_holder(duckdb.IOException("IO Error: disk full")) is None
    assert lock_holder(ValueError("Conflicting lock is held in x (PID 1)")) is None
    assert LockHolder(None).describe() == "another process"


def test_a_snapshot_is_a_copy_and_holds_no_lock(store_path):
    snap = open_snapshot(store_path)
    try:
        assert snap.path == str(store_path)
        assert snap.counts()["brands"] == 1
        with open_store(store_path, busy_timeout=0) as writer:  # the file is free
            writer.con.execute("INSERT INTO brands VALUES ('Other', 'config')")
        assert snap.counts()["brands"] == 1  # the copy does not change
        snap.con.execute("INSERT INTO brands VALUES ('InMemory', 'config')")
    finally:
        snap.close()
    with open_store(store_path, read_only=True) as s:
        assert s.counts()["brands"] == 2  # writes to the copy never reach the file


def test_a_snapshot_of_a_held_store_waits_then_fails(store_path):
    child = _hold(store_path, "rw", 30)
    try:
        with pytest.raises(StoreBusyError, match=f"PID {child.pid}"):
            open_snapshot(store_path, busy_timeout=0.3, on_busy=None)
    finally:
        child.kill()
        child.wait()


def test_a_snapshot_refuses_what_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="no brandcouch store here"):
        open_snapshot(tmp_path / "missing.duckdb")
    foreign = tmp_path / "f.duckdb"
    duckdb.connect(str(foreign)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(StoreError, match="without brandcouch's tables"):
        open_snapshot(foreign)


def test_open_store_gives_a_snapshot_too(store_path):
    with open_store(store_path, snapshot=True) as snap:
        assert snap.path == str(store_path) and snap.counts()["brands"] == 1
        with open_store(store_path, busy_timeout=0) as writer:  # the file is free
            assert writer.counts()["brands"] == 1
