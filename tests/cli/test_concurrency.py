"""Real processes: a running `brandcouch serve` blocks nobody — `import` of a new file,
`session`, `check` and `audience` in other processes succeed, and a recompute shows the new
data; a store another process is writing makes a reader wait (one line naming the holder),
then fail in one line, or go on when the holder finishes in time."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from brandcouch import api

BRANDCOUCH = str(Path(sys.executable).parent / "brandcouch")
EXPORT = (
    "id,author,text,created_at,brand,parent_id\n"
    "n1,dana,@newco is my parcel lost? nobody answers,2026-02-01T10:00:00Z,,\n"
    "n2,newco_help,Sorry Dana! It is on its way.,2026-02-01T10:15:00Z,Newco,n1\n"
    "n3,eli,@newco thanks a lot for the refund,2026-02-02T08:00:00Z,,\n"
    "n4,newco_help,You are welcome Eli,2026-02-02T08:40:00Z,Newco,n3\n"
)
HOLD_WRITE = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def _env(**extra) -> dict:
    env = dict(os.environ, COLUMNS="250", **extra)
    env.pop("BRANDCOUCH_DB", None)
    return env


def brandcouch(*args, timeout: float = 240, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [BRANDCOUCH, *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=_env(**env),
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("conc") / "demo.duckdb"
    with api.open_store(db, create=True) as store:
        api.generate_demo(store, scale=0.2)
        api.run_signals(store)
    return db


@pytest.fixture
def served(demo_store, tmp_path):
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [BRANDCOUCH, "serve", "--db", str(demo_store), "--port", str(port),
         "--config", str(tmp_path / "none.toml")],
        stdout=log, stderr=subprocess.STDOUT, env=_env(),
    )  # fmt: skip
    deadline = time.monotonic() + 120
    try:
        while True:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                if httpx.get(base + "/", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "serve did not answer"
            time.sleep(0.2)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_serve_blocks_nobody_and_recompute_shows_new_data(served, demo_store, tmp_path):
    base, proc = served
    brands = {b["name"] for b in httpx.get(base + "/api/brands").json()["brands"]}
    assert "Newco" not in brands
    export = tmp_path / "today.csv"
    export.write_text(EXPORT)

    started = time.monotonic()
    r = brandcouch("import", "--db", demo_store, export, "--config", tmp_path / "none.toml")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "busy" not in r.stderr  # the dashboard holds no lock: no wait at all
    for command in (
        ["session", "--brand", "Newco"],
        ["check", "--fail-under", "health=0"],
        ["audience"],
        ["analyze"],
    ):
        r = brandcouch(*command, "--db", demo_store, "--config", tmp_path / "none.toml")
        assert r.returncode == 0, (command, r.stdout + r.stderr)
        assert "busy" not in r.stderr, command
    assert "Newco" in brandcouch("session", "--db", demo_store, "--brand", "Newco").stdout
    assert time.monotonic() - started < 200
    assert proc.poll() is None  # serve still running

    # pages still answer from the last analysis; a same-origin recompute picks up the import
    assert httpx.get(base + "/api/brands").status_code == 200
    r = httpx.post(base + "/refresh", headers={"Origin": base}, follow_redirects=False)
    assert r.status_code == 303
    brands = {b["name"] for b in httpx.get(base + "/api/brands").json()["brands"]}
    assert "Newco" in brands
    files = [i["file"] for i in httpx.get(base + "/api/imports").json()["imports"]]
    assert any(f.endswith("today.csv") for f in files)
    assert httpx.get(base + "/brand", params={"name": "Newco"}).status_code == 200
    # a cross-site POST is still refused
    evil = httpx.post(base + "/refresh", headers={"Origin": "http://evil.example"})
    assert evil.status_code == 403


def _hold(db: Path, seconds: float) -> subprocess.Popen:
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_WRITE, str(db), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "holding"
    return child


def test_a_reader_waits_for_a_writer_then_fails_in_one_line(demo_store):
    child = _hold(demo_store, 60)
    try:
        started = time.monotonic()
        r = brandcouch("session", "--db", demo_store, BRANDCOUCH_BUSY_TIMEOUT="1.5")
        waited = time.monotonic() - started
    finally:
        child.kill()
        child.wait()
    assert r.returncode == 1
    assert 1.5 <= waited < 60
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 2, r.stderr  # "busy, held by ...; waiting" then the error
    assert f"is busy, held by PID {child.pid}" in lines[0] and "waiting up to 1.5 s" in lines[0]
    assert lines[1].startswith("error:") and f"PID {child.pid}" in lines[1]
    assert "-c" in lines[0]  # the holder's command line, from /proc
    for raw in ("IO Error", "Conflicting lock", "brandcouch DuckDB file", "not a brandcouch"):
        assert raw not in r.stderr
    assert r.stdout == ""


def test_a_reader_goes_on_when_the_writer_finishes_within_the_wait(demo_store):
    # held long enough that the reader, whose start alone takes seconds on a loaded machine,
    # meets the lock (held 2 s, a slow start found the store free and the test failed)
    child = _hold(demo_store, 10)
    try:
        r = brandcouch("check", "--db", demo_store, "--fail-under", "health=0",
                       BRANDCOUCH_BUSY_TIMEOUT="60")  # fmt: skip
    finally:
        child.wait(30)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"busy, held by PID {child.pid}" in r.stderr
    assert "error" not in r.stderr


def test_import_waits_for_a_writer_too(demo_store, tmp_path):
    export = tmp_path / "other.csv"
    export.write_text("id,author,text\nz1,zoe,@newco hello?\n")
    child = _hold(demo_store, 60)
    try:
        r = brandcouch("import", "--db", demo_store, export, BRANDCOUCH_BUSY_TIMEOUT="0.5")
    finally:
        child.kill()
        child.wait()
    assert r.returncode == 1
    assert f"PID {child.pid}" in r.stderr and "IO Error" not in r.stderr
