"""The write path under faults of the environment and odd data: full disks (staging in TMPDIR,
the store's own disk), imports killed with ``kill -9``, reply cycles and self-replies, and a
WordPress export declaring a DOCTYPE."""

from __future__ import annotations

import csv
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError, StoreError
from brandcouch.store import open_store, writer
from tests.conftest import FIXTURES, ROOT, table_snapshot

THREAD = FIXTURES / "generic" / "thread_missing_time.csv"
STAGE_PREFIX = "brandcouch-stage-"  # writer.STAGE_PREFIX
TWCS_HEADER = [
    "tweet_id", "author_id", "inbound", "created_at", "text", "response_tweet_id",
    "in_response_to_tweet_id",
]  # fmt: skip


def _write_twcs(path: Path, n_threads: int) -> Path:
    """A TWCS-shaped corpus: ``n_threads`` customer tweets, each answered by the brand."""
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(TWCS_HEADER)
        for i in range(n_threads):
            ask, reply = 2 * i + 1, 2 * i + 2
            w.writerow(
                [ask, f"{100000 + i}", "True", "Tue Oct 31 22:10:47 +0000 2017",
                 f"@AcmeCare my order {i} never arrived and nobody answers my messages, why?",
                 reply, ""]
            )  # fmt: skip
            w.writerow(
                [reply, "AcmeCare", "False", "Tue Oct 31 22:12:47 +0000 2017",
                 f"@{100000 + i} So sorry about order {i}! Please DM us your address and we will "
                 "look into it.", "", f"{ask}.0"]
            )  # fmt: skip
    return path


def _new_store(path: Path):
    """A new store file (``create=True`` where open_store asks for it)."""
    try:
        return open_store(path, create=True)
    except TypeError:  # an open_store without the create flag creates anyway
        return open_store(path)


@pytest.fixture
def tiny_disk(tmp_path):
    """``make(name, size)`` mounts a tmpfs of ``size`` (e.g. "1m") to fill; skips unless the
    test may mount (root with CAP_SYS_ADMIN)."""
    mounted: list[Path] = []

    def make(name: str, size: str) -> Path:
        d = tmp_path / name
        d.mkdir()
        if not shutil.which("mount") or os.geteuid() != 0:
            pytest.skip("filling a disk needs a small tmpfs: run as root to mount one")
        r = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size},mode=1777", "tmpfs", str(d)],
            capture_output=True,
            text=True,
        )
        if r.returncode:
            pytest.skip(f"cannot mount a small tmpfs to fill ({r.stderr.strip()})")
        mounted.append(d)
        return d

    yield make
    for d in mounted:
        subprocess.run(["umount", "-l", str(d)], capture_output=True)


@pytest.fixture
def tmpdir_at(monkeypatch):
    """Point staging (``tempfile.gettempdir()``) at a folder for this test."""

    def point(folder: Path) -> None:
        monkeypatch.setenv("TMPDIR", str(folder))
        monkeypatch.setattr(tempfile, "tempdir", str(folder))

    return point


def _stages(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(STAGE_PREFIX))


# ------------------------------------------------------------------ a full staging TMPDIR


def test_full_tmpdir_is_one_clean_error_after_earlier_files_committed(
    store, tmp_path, tiny_disk, tmpdir_at
):
    full = tiny_disk("tmp", "1m")
    tmpdir_at(full)
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(THREAD, folder / "a_thread.csv")
    _write_twcs(folder / "b_twcs.csv", 10_000)  # ~2.6 MB: cannot be staged in 1 MB
    with pytest.raises(StoreError) as e:
        api.import_paths(store, [folder])
    msg = str(e.value)
    # the clean error, not DuckDB's "CHECKPOINT during DETACH failed" raised while cleaning up
    assert "\n" not in msg and "DETACH" not in msg and "record" not in msg
    assert msg.startswith(f"{folder / 'b_twcs.csv'}: cannot stage the import in {full}")
    assert "No space left on device" in msg and "TMPDIR" in msg
    # the earlier file is committed, nothing of the failing one is
    assert store.scalar("SELECT count(*) FROM messages") == 8
    assert store.scalar("SELECT list(file) FROM imports") == [str(folder / "a_thread.csv")]
    assert _stages(full) == []  # the scratch folder is gone too
    # and the store still takes imports once there is room
    tmpdir_at(tmp_path)
    assert api.import_paths(store, [folder / "b_twcs.csv"])[0].imported == 20_000


def test_full_tmpdir_cli_exits_nonzero_with_one_line(tmp_path, tiny_disk):
    full = tiny_disk("tmp", "1m")
    data = _write_twcs(tmp_path / "twcs.csv", 10_000)
    db = tmp_path / "s.duckdb"
    _new_store(db).close()
    proc = subprocess.run(
        [sys.executable, "-c", "from brandcouch.cli import main; main()", "import", "--db",
         str(db), str(data)],
        capture_output=True, text=True, timeout=300, env={**os.environ, "TMPDIR": str(full)},
    )  # fmt: skip
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "twcs.csv" in lines[0] and "cannot stage the import" in lines[0]
    assert "Traceback" not in proc.stderr and "record" not in lines[0]
    with open_store(db) as s:
        assert s.counts()["messages"] == 0


# ------------------------------------------------------------------ the store's disk full


def test_full_store_disk_names_the_store_not_a_record(tiny_disk):
    disk = tiny_disk("store", "2m")
    data = _write_twcs(disk.parent / "twcs.csv", 10_000)
    store = _new_store(disk / "s.duckdb")
    try:
        api.import_paths(store, [THREAD])
        before = table_snapshot(store)
        with pytest.raises(StoreError) as e:
            api.import_paths(store, [data])
        msg = str(e.value)
        assert "\n" not in msg and "record" not in msg
        assert msg.startswith(f"{data}: cannot write the store {disk / 's.duckdb'}")
        assert "No space left on device" in msg
        assert table_snapshot(store) == before  # nothing of the failing file
    finally:
        store.close()


def test_a_data_error_in_the_merge_is_still_a_record_error(store, monkeypatch):
    """Only faults of the disk become StoreError: a broken record stays a located error."""

    def broken_finish(self):
        self.con.execute("SELECT CAST('x' AS INTEGER)")  # a conversion error, not a disk fault

    monkeypatch.setattr(writer.ImportWriter, "finish", broken_finish)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [THREAD])
    assert "record" in str(e.value) and "Conversion" in str(e.value)


# ------------------------------------------------------------------ kill -9 while staging

KILLED_SCRIPT = """
import sys
from brandcouch import api
store = api.open_store(":memory:")
print("START", flush=True)
api.import_paths(store, [sys.argv[1]])
"""


def test_staging_folders_of_killed_imports_are_removed_by_the_next_import(tmp_path, tmpdir_at):
    stage_tmp = tmp_path / "tmp"
    stage_tmp.mkdir()
    data = _write_twcs(tmp_path / "big.csv", 100_000)
    script = tmp_path / "imp.py"
    script.write_text(textwrap.dedent(KILLED_SCRIPT))
    proc = subprocess.Popen(
        [sys.executable, str(script), str(data)],
        env={**os.environ, "TMPDIR": str(stage_tmp), "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not any((stage_tmp / d / "stage.duckdb").exists() for d in _stages(stage_tmp)):
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
            assert time.monotonic() < deadline, "the import never started staging"
            time.sleep(0.01)
        time.sleep(0.3)  # well into staging
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    leaked = _stages(stage_tmp)
    assert len(leaked) == 1 and leaked[0].startswith(f"{STAGE_PREFIX}{proc.pid}-")
    # a live import's folder is never touched; a foreign name is left alone
    live = stage_tmp / f"{STAGE_PREFIX}{os.getpid()}-live"
    live.mkdir()
    (stage_tmp / "brandcouch-stage-notapid").mkdir()
    tmpdir_at(stage_tmp)
    with open_store(":memory:") as s:
        assert api.import_paths(s, [THREAD])[0].imported == 8
    assert _stages(stage_tmp) == sorted(["brandcouch-stage-notapid", live.name])


def test_remove_stale_stages_keeps_live_processes(tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()  # fmt: skip
    (tmp_path / f"{STAGE_PREFIX}{dead}-abc").mkdir()
    (tmp_path / f"{STAGE_PREFIX}1-init").mkdir()  # pid 1 is always alive
    removed = writer.remove_stale_stages(tmp_path)
    assert [p.name for p in removed] == [f"{STAGE_PREFIX}{dead}-abc"]
    assert _stages(tmp_path) == [f"{STAGE_PREFIX}1-init"]


# ------------------------------------------------------------------ reply cycles


def _roots(store) -> dict[str, str | None]:
    rows = store.con.execute("SELECT native_id, root_id FROM messages").fetchall()
    return {n: r for n, r in rows}


def test_self_replies_and_reply_cycles_get_a_root(store, tmp_path):
    p = tmp_path / "cycles.csv"
    p.write_text(
        "id,author,text,created_at,parent_id\n"
        "a,u1,I answer myself,2024-03-01T10:00:00Z,a\n"
        "b,u2,cycle one,2024-03-01T10:02:00Z,c\n"
        "c,u3,cycle two (earlier),2024-03-01T10:01:00Z,b\n"
        "d,u4,hangs off the cycle,2024-03-01T10:03:00Z,c\n"
        "e,u5,answers d,2024-03-01T10:04:00Z,d\n"
        "f,u6,a plain post,2024-03-01T10:05:00Z,\n"
    )
    api.import_paths(store, [p])
    assert _roots(store) == {
        "a": "generic:a",  # a self-reply is its own root
        "b": "generic:c", "c": "generic:c",  # a cycle's root: its earliest message
        "d": "generic:c", "e": "generic:c",  # messages hanging off it share it
        "f": "generic:f",
    }  # fmt: skip
    assert store.scalar("SELECT count(*) FROM threads") == 3


def test_a_cycle_closed_by_a_later_import(store, tmp_path):
    first = tmp_path / "one.csv"
    first.write_text("id,author,text,created_at,parent_id\nx,u1,hi,2024-03-01T10:00:00Z,y\n")
    api.import_paths(store, [first])
    assert _roots(store) == {"x": "generic:y"}  # the missing parent stands in
    second = tmp_path / "two.csv"
    second.write_text("id,author,text,created_at,parent_id\ny,u2,yo,2024-03-01T10:01:00Z,x\n")
    api.import_paths(store, [second])
    assert _roots(store) == {"x": "generic:x", "y": "generic:x"}


def test_chains_deeper_than_the_passes_are_resolved(store, tmp_path):
    p = tmp_path / "deep.csv"
    rows = ["id,author,text,created_at,parent_id", "m0,u0,top,2024-03-01T10:00:00Z,"]
    rows += [f"m{i},u{i % 7},reply {i},2024-03-01T10:00:00Z,m{i - 1}" for i in range(1, 450)]
    p.write_text("\n".join(rows) + "\n")
    api.import_paths(store, [p])
    assert set(_roots(store).values()) == {"generic:m0"}


def test_resolve_roots_is_idempotent_on_cycles(store, tmp_path):
    p = tmp_path / "c.csv"
    p.write_text(
        "id,author,text,created_at,parent_id\n"
        "b,u2,one,2024-03-01T10:02:00Z,c\nc,u3,two,2024-03-01T10:01:00Z,b\n"
    )
    api.import_paths(store, [p])
    before = _roots(store)
    with store.transaction() as con:
        writer.resolve_roots(con)
    assert _roots(store) == before == {"b": "generic:c", "c": "generic:c"}


# ------------------------------------------------------------------ WordPress DOCTYPE

WXR_WITH_DOCTYPE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [ <!ELEMENT rss ANY> ]>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Acme blog</title><link>https://acme.example</link>
<item><title>Hello</title><link>https://acme.example/hello</link><dc:creator>acme</dc:creator>
<content:encoded>Hi</content:encoded><wp:post_id>1</wp:post_id><wp:post_type>post</wp:post_type>
<wp:status>publish</wp:status><wp:post_date_gmt>2024-01-01 10:00:00</wp:post_date_gmt></item>
</channel></rss>
"""


@pytest.mark.parametrize("fmt", [None, "wordpress"])
def test_wordpress_with_a_doctype_is_refused(store, tmp_path, fmt):
    p = tmp_path / "export.xml"
    p.write_text(WXR_WITH_DOCTYPE)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [p], format=fmt)
    assert str(e.value).startswith(f"{p}: refused: the file declares a DTD or entities")
    assert store.counts()["messages"] == 0
    # without the DOCTYPE the same file imports
    p.write_text(WXR_WITH_DOCTYPE.replace("<!DOCTYPE rss [ <!ELEMENT rss ANY> ]>\n", ""))
    assert api.import_paths(store, [p], format=fmt)[0].imported == 1
