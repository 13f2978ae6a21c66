"""Which paths an import reads: a path given directly must be a file, a folder or a zip (a FIFO,
a device or a socket is refused at once instead of blocking); inside a folder, FIFOs, broken
symlinks, symlinked and unreadable folders and symlinks leading out of the folder are listed as
skipped with the reason and never followed; an unreadable file is a one-line error naming it."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from brandcouch import api
from brandcouch.errors import ConfigError, UnreadableSourceError
from brandcouch.importers import base
from brandcouch.store import open_store
from tests.conftest import FIXTURES, ROOT, table_snapshot

THREAD = FIXTURES / "generic" / "thread_missing_time.csv"
CLI = [sys.executable, "-c", "from brandcouch.cli import main; main()"]


def _new_store(path: Path):
    try:
        return open_store(path, create=True)
    except TypeError:  # an open_store without the create flag creates anyway
        return open_store(path)


def _cli_import(args: list[str], timeout: int = 60, user: list[str] | None = None):
    """``brandcouch import ARGS``; a hang (reading a FIFO or /dev/zero) fails the test."""
    try:
        return subprocess.run(
            [*(user or []), *CLI, "import", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=ROOT,
            env={**os.environ, "COLUMNS": "400"},  # report lines unwrapped
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"brandcouch import {' '.join(args)} did not return in {timeout}s")


def _one_error_line(proc) -> str:
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    return lines[0]


# ------------------------------------------------------------------ paths given directly


@pytest.mark.parametrize("what", ["fifo", "/dev/zero"])
def test_a_fifo_or_device_given_directly_is_refused_not_read(tmp_path, what):
    if what == "fifo":
        target = tmp_path / "export.csv"
        os.mkfifo(target)  # nobody writes to it: opening it would block forever
        expected = "a FIFO (named pipe), not a file to import"
    else:
        target = Path(what)
        if not target.exists():
            pytest.skip("no /dev/zero here")
        expected = "a device, not a file to import"
    db = tmp_path / "s.duckdb"
    _new_store(db).close()
    for extra in ([], ["--format", "generic-csv"]):
        line = _one_error_line(_cli_import(["--db", str(db), *extra, str(target)]))
        assert line == f"error: {target}: {expected}"
    with open_store(db) as s:
        assert s.counts()["messages"] == 0


def test_a_socket_given_directly_is_refused(store, tmp_path):
    path = tmp_path / "s.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(path))
        with pytest.raises(UnreadableSourceError, match=r"s\.sock: a socket, not a file"):
            api.import_paths(store, [path])
    finally:
        sock.close()


def test_a_broken_symlink_given_directly_names_its_target(store, tmp_path):
    link = tmp_path / "export.csv"
    link.symlink_to(tmp_path / "gone.csv")
    with pytest.raises(ConfigError) as e:
        api.import_paths(store, [link])
    assert (
        str(e.value)
        == f"{link}: broken symbolic link (points to {tmp_path / 'gone.csv'}, which does not exist)"
    )  # noqa: E501


def test_a_symlink_given_directly_is_followed(store, tmp_path):
    link = tmp_path / "named.csv"
    link.symlink_to(THREAD)
    assert api.import_paths(store, [link])[0].imported == 8


# ------------------------------------------------------------------ inside a folder


@pytest.fixture
def odd_folder(tmp_path):
    """An export folder with every kind of entry that must not be read, beside good files."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    # a file outside the folder that WOULD import (like /etc/passwd would be read)
    (outside / "secret.csv").write_text(
        "id,author,text,created_at\ns1,root,the secret outside,2024-01-01T00:00:00Z\n"
    )
    (outside / "more.csv").write_text(THREAD.read_text())
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(THREAD, folder / "a_thread.csv")
    (folder / "b_passwd.csv").symlink_to(outside / "secret.csv")
    (folder / "c_broken.csv").symlink_to(tmp_path / "missing.csv")
    os.mkfifo(folder / "d_pipe.csv")
    (folder / "e_linked_folder").symlink_to(outside)
    (folder / "f_sub").mkdir()
    (folder / "f_sub" / "g_inner_link.csv").symlink_to(folder / "a_thread.csv")
    (folder / "h_locked").mkdir()
    (folder / "h_locked" / "x.csv").write_text(THREAD.read_text())
    return folder


def _skips(reports) -> dict[str, str]:
    return {Path(r.file).name: r.error for r in reports if r.status == "skipped"}


@pytest.mark.parametrize("fmt", [None, "generic-csv"])
def test_folder_entries_not_read_are_reported_and_never_followed(
    store, odd_folder, monkeypatch, fmt
):
    locked = odd_folder / "h_locked"
    real_scandir = os.scandir

    def scandir(path="."):  # root reads any folder: make one unreadable the way a user sees it
        if isinstance(path, str | os.PathLike) and Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    reports = api.import_paths(store, [odd_folder], format=fmt)
    assert _skips(reports) == {
        "b_passwd.csv": "symbolic link to a file outside the folder (not followed)",
        "c_broken.csv": f"broken symbolic link (to {odd_folder.parent / 'missing.csv'})",
        "d_pipe.csv": "a FIFO (named pipe), not a file to import",
        "e_linked_folder": "symbolic link to a folder (not followed)",
        "h_locked": "unreadable folder (Permission denied)",
    }
    imported = [(Path(r.file).name, r.imported) for r in reports if r.status != "skipped"]
    # a symlink to a file inside the folder is read like the file (a duplicate of it here)
    assert imported == [("a_thread.csv", 8), ("g_inner_link.csv", 0)]
    texts = [r[0] for r in store.con.execute("SELECT text FROM messages").fetchall()]
    assert "the secret outside" not in texts and len(texts) == 8
    # skipped entries are in the ImportReport list as skipped, with their reasons
    assert all(r.format == "-" for r in reports if r.status == "skipped")


def test_cli_lists_the_skipped_entries(tmp_path, odd_folder):
    db = tmp_path / "s.duckdb"
    _new_store(db).close()
    proc = _cli_import(["--db", str(db), str(odd_folder)])
    assert proc.returncode == 0, proc.stderr
    out = " ".join(proc.stdout.split())
    for name, why in [
        ("b_passwd.csv", "symbolic link to a file outside the folder (not followed)"),
        ("d_pipe.csv", "a FIFO (named pipe), not a file to import"),
        ("e_linked_folder", "symbolic link to a folder (not followed)"),
    ]:
        assert f"{odd_folder / name}: {why}" in out, out


# ------------------------------------------------------------------ unreadable files


def test_unreadable_file_in_a_folder_after_earlier_files_committed(store, tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    folder.mkdir()
    shutil.copy(THREAD, folder / "a_thread.csv")
    secret = folder / "b_secret.csv"
    secret.write_text(THREAD.read_text().replace("p1,", "q1,"))
    real_open = open

    def fake_open(file, *args, **kwargs):  # as root, chmod 000 does not stop reads
        if Path(file) == secret:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(base, "open", fake_open, raising=False)
    for fmt in (None, "generic-csv"):
        api.import_paths(store, [folder / "a_thread.csv"])
        before = table_snapshot(store)
        with pytest.raises(UnreadableSourceError) as e:
            api.import_paths(store, [folder], format=fmt)
        assert str(e.value) == f"{secret}: cannot read: Permission denied"
        # the earlier file was committed again as a duplicate, the unreadable one left nothing
        assert table_snapshot(store)["messages"] == before["messages"]
        assert store.scalar("SELECT count(*) FROM imports WHERE file = ?", [str(secret)]) == 0


def _as_nobody() -> list[str]:
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or not setpriv:
        pytest.skip("needs root and setpriv to run an import as `nobody`")
    return [setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def test_really_unreadable_file_and_folder_as_another_user():
    user = _as_nobody()
    base_dir = Path(tempfile.mkdtemp(prefix="bc-paths-", dir="/tmp"))
    try:
        base_dir.chmod(0o777)
        folder = base_dir / "exports"
        folder.mkdir()
        folder.chmod(0o755)
        shutil.copy(THREAD, folder / "a_thread.csv")
        (folder / "a_thread.csv").chmod(0o644)
        locked = folder / "b_locked"
        locked.mkdir()
        shutil.copy(THREAD, locked / "x.csv")
        locked.chmod(0o700)  # root's, unreadable for nobody
        db = base_dir / "s.duckdb"
        _new_store(db).close()
        os.chown(db, *_nobody_ids())
        proc = _cli_import(["--db", str(db), str(folder)], timeout=120, user=user)
        assert proc.returncode == 0, proc.stderr
        assert f"{locked}: unreadable folder (Permission denied)" in " ".join(proc.stdout.split())
        secret = folder / "c_secret.csv"
        shutil.copy(THREAD, secret)
        secret.chmod(0o600)
        line = _one_error_line(_cli_import(["--db", str(db), str(folder)], timeout=120, user=user))
        assert line == f"error: {secret}: cannot read: Permission denied"
        with open_store(db) as s:
            assert s.counts()["messages"] == 8  # a_thread.csv, from the first run
            assert s.scalar("SELECT count(*) FROM imports") == 2  # a_thread.csv twice
    finally:
        shutil.rmtree(base_dir, ignore_errors=True)


def _nobody_ids() -> tuple[int, int]:
    import grp
    import pwd

    return pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid
