"""Open a DuckDB store, apply pending migrations, and funnel every write through one method."""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from brandcouch.errors import StoreError, clip
from brandcouch.store.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "brandcouch.duckdb"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class StoreBusyError(StoreError):
    """The store is held by another process (DuckDB: one writer, or several readers) for
    longer than the ``busy_timeout`` setting. ``holder`` says who, when DuckDB named it."""

    def __init__(self, path: str, holder: LockHolder, waited: float):
        self.path = path
        self.holder = holder
        self.waited = waited
        super().__init__(
            f"{path}: the store is busy, held by {holder.describe()}; waited {waited:g} s "
            "(setting busy_timeout). Try again when that process has finished"
        )


@dataclass(frozen=True)
class LockHolder:
    """The process DuckDB names in its lock error (``Conflicting lock is held in PROGRAM
    (PID N)``), with its command line from ``/proc`` when this system has one."""

    pid: int | None
    program: str | None = None
    command: str | None = None

    def describe(self) -> str:
        what = self.command or self.program
        if self.pid is None:
            return "another process"
        return f"PID {self.pid}" + (f" ({clip(what, 120)})" if what else "")


_LOCK_ERROR = re.compile(r"Could not set lock on file|Conflicting lock is held")
_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def _command_line(pid: int) -> str | None:
    """``brandcouch import x.csv`` for a process running the ``brandcouch`` script (its
    interpreter left out), else its argv joined; None where /proc is not readable."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    argv = [a.decode("utf-8", "replace") for a in raw.split(b"\0") if a]
    if not argv:
        return None
    if len(argv) > 1 and Path(argv[0]).name.startswith("python") and not argv[1].startswith("-"):
        argv = argv[1:]  # python /venv/bin/brandcouch import ... -> brandcouch import ...
    argv[0] = Path(argv[0]).name
    return " ".join(argv)


def lock_holder(error: BaseException) -> LockHolder | None:
    """Who holds the lock, when ``error`` is DuckDB's "could not set lock" error; None for
    any other error."""
    text = str(error)
    if not isinstance(error, duckdb.IOException) or not _LOCK_ERROR.search(text):
        return None
    m = _LOCK_HOLDER.search(text)
    if not m:
        return LockHolder(None)
    pid = int(m["pid"])
    return LockHolder(pid, m["program"], _command_line(pid))


def _say(line: str) -> None:
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


#: called once with a one-line message when a command starts waiting for a busy store
BusyFn = Callable[[str], None]


class Store:
    """A brandcouch store: a DuckDB database with the schema in :mod:`brandcouch.store.schema`."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: str,
        created: bool = False,
        spill: Path | None = None,
        default_limit: int | None = None,
    ):
        self.con = con
        self.path = path
        #: DuckDB's temp directory (:func:`spill_directory`), removed on close when empty
        self.spill = spill
        #: the default memory limit in bytes when the user set none (:func:`make_room_for_index`)
        self.default_limit = default_limit
        #: the limit in bytes :func:`make_room_for_index` set last (the default at first)
        self.limit_set = default_limit
        #: True when :func:`open_store` made this store just now (``create=True``)
        self.created = created
        #: texts and reply pairs scored on this connection but not stored (a read-only store
        #: whose signal values are missing or from an older version: ``brandcouch rescore``)
        self.scored_in_memory = 0

    # -- reading -----------------------------------------------------------------------------
    def query(self, sql: str, params: list | None = None):
        """Run a read query; returns a DuckDB relation result (use .fetchall() / .df())."""
        return self.con.execute(sql, params or [])

    def df(self, sql: str, params: list | None = None):
        return self.con.execute(sql, params or []).df()

    def scalar(self, sql: str, params: list | None = None):
        rows = self.con.execute(sql, params or []).fetchall()  # fetch all: frees the result
        return rows[0][0] if rows else None

    # -- writing -----------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The one write path: everything inside commits together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    def close(self) -> None:
        self.con.close()
        if self.spill is not None:
            # only when empty: another process may be spilling there
            with suppress(OSError):
                self.spill.rmdir()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- facts -------------------------------------------------------------------------------
    def schema_version(self) -> int:
        return int(self.scalar("SELECT value FROM meta WHERE key = 'schema_version'"))

    def applied_migrations(self) -> list[str]:
        rows = self.con.execute("SELECT name FROM schema_migrations ORDER BY name").fetchall()
        return [r[0] for r in rows]

    def counts(self) -> dict[str, int]:
        return {
            t: int(self.scalar(f"SELECT count(*) FROM {t}"))
            for t in ("messages", "accounts", "brands", "imports")
        }


def _migrate(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)"
    )
    done = {r[0] for r in con.execute("SELECT name FROM schema_migrations").fetchall()}
    for name, sql in MIGRATIONS:
        if name in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [name, _now()])
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise


#: the default ``memory_limit`` when the setting is empty: this share of the machine's memory
#: (or of the cgroup's limit), at most :data:`DEFAULT_MEMORY_CAP` bytes, plus
#: :data:`DEFAULT_STORE_SHARE` of the store file's size (some analysis steps cannot spill: at
#: 1M TWCS messages, a 1.95 GB store before migration 0006, 512 MiB failed and 1 GB did; at 3M,
#: a 1.93 GB store since 0006 (6.2 GB before: signal_values' index was most of the file), the
#: ``turns`` step failed under 512 MiB + half the file and passed under 3.6 GiB; so 1.5 times
#: the file, which keeps the limit of the old layout's half), the whole at most
#: :data:`DEFAULT_MEMORY_MAX_SHARE` of the memory. bench/RESULTS.md, issue 15 fourth pass:
#: DuckDB's own default, 80% of RAM, let an analysis of 200k messages hold 725 MB of
#: materialised steps; past the limit DuckDB spills them to its temp directory.
DEFAULT_MEMORY_SHARE = 0.25
DEFAULT_MEMORY_CAP = 512 * 1024**2
DEFAULT_STORE_SHARE = 1.5
DEFAULT_MEMORY_MAX_SHARE = 0.5
#: the smallest default, on a machine with very little memory
DEFAULT_MEMORY_FLOOR = 128 * 1024**2


def _machine_memory() -> int | None:
    """Bytes of memory this process may use: physical memory, or the cgroup (v2 or v1) limit
    when that is smaller; None when neither is known."""
    sizes = []
    with suppress(AttributeError, OSError, ValueError):
        sizes.append(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    for path in ("/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"):
        try:
            raw = Path(path).read_text().strip()
        except OSError:
            continue
        if raw.isdigit() and 0 < int(raw) < 1 << 60:  # "max" or v1's huge "no limit"
            sizes.append(int(raw))
    sizes = [s for s in sizes if s > 0]
    return min(sizes) if sizes else None


def default_memory_limit(store_bytes: int = 0) -> str:
    """DuckDB's ``memory_limit`` when the setting is empty, for a store file of
    ``store_bytes``: :data:`DEFAULT_MEMORY_SHARE` of the memory (:func:`_machine_memory`),
    between :data:`DEFAULT_MEMORY_FLOOR` and :data:`DEFAULT_MEMORY_CAP`, plus
    :data:`DEFAULT_STORE_SHARE` of the store, at most :data:`DEFAULT_MEMORY_MAX_SHARE` of the
    memory (never below the first part), in whole MiB (``"512MiB"``)."""
    return f"{_default_limit_bytes(store_bytes) // 1024**2}MiB"


def _default_limit_bytes(store_bytes: int = 0) -> int:
    total = _machine_memory()
    base = DEFAULT_MEMORY_CAP if total is None else int(total * DEFAULT_MEMORY_SHARE)
    base = max(DEFAULT_MEMORY_FLOOR, min(DEFAULT_MEMORY_CAP, base))
    limit = base + int(DEFAULT_STORE_SHARE * max(0, store_bytes))
    if total is not None:
        limit = min(limit, int(total * DEFAULT_MEMORY_MAX_SHARE))
    return max(base, limit)


def _file_size(path: str) -> int:
    try:
        return 0 if path == ":memory:" else Path(path).stat().st_size
    except OSError:
        return 0


#: bytes per row that a primary-key index (DuckDB's ART, which is not spilled) may need beyond
#: the default limit: a (VARCHAR, VARCHAR) index measured 27 B/row (signal_values' before
#: migration 0006 dropped it, bench/RESULTS.md issue 15 fourth pass), with a margin; the
#: writer's messages, accounts and mentions keep theirs
INDEX_BYTES_PER_ROW = 48


def make_room_for_index(store: Store, rows: int) -> None:
    """Before a writer inserts into a table whose primary-key index will hold ``rows`` rows:
    when the limit is brandcouch's default (the user set none), raise it to the default plus
    :data:`INDEX_BYTES_PER_ROW` per row, so a large import does not fail for the index it
    must keep in memory (at 1M TWCS messages signal_values' ~15M rows, before migration 0006,
    did not fit in the default limit alone). A user's ``memory_limit`` is never changed."""
    default = getattr(store, "default_limit", None)
    if default is None:  # the user's limit (or not a DuckDB store)
        return
    want = default + INDEX_BYTES_PER_ROW * max(0, int(rows))
    if want > (store.limit_set or 0):
        store.con.execute(f"SET memory_limit = '{want // 1024**2 + 1}MiB'")
        store.limit_set = want


def spill_directory(path: str) -> Path:
    """Where DuckDB spills past ``memory_limit``: beside the store (``STORE.tmp``, DuckDB's own
    default) when its folder is writable, else (an in-memory store or snapshot, a store in a
    read-only folder) ``brandcouch-spill`` in the system temp folder. DuckDB names its files
    there by process id and removes them on close; :meth:`Store.close` removes the folder when
    it is left empty."""
    if path != ":memory:":
        p = Path(path).resolve()
        if os.access(p.parent, os.W_OK):
            return p.with_name(p.name + ".tmp")
    return Path(tempfile.gettempdir()) / "brandcouch-spill"


def _configure(
    con: duckdb.DuckDBPyConnection, path: str, config=None, store_bytes: int | None = None
) -> tuple[Path, int | None]:
    """Memory limit (setting ``memory_limit``, else :func:`default_memory_limit`) and the place
    to spill to (:func:`spill_directory`), also for ``:memory:``. Returns that place and the
    default limit in bytes (None when the setting gave the limit)."""
    from brandcouch import settings

    if isinstance(config, settings.Config):  # its flags too
        limit = config.setting("memory_limit")
    else:
        limit = settings.get("memory_limit", config=config)
    size = _file_size(path) if store_bytes is None else store_bytes
    default = None if limit else _default_limit_bytes(size)
    limit = limit or f"{default // 1024**2}MiB"
    spill = spill_directory(path)
    try:
        con.execute(f"SET memory_limit = '{limit}'")
    except duckdb.Error as e:
        con.close()
        raise StoreError(f"memory_limit {limit!r}: {e}") from e
    try:
        # (a second connection to a database this process has open shares its settings: the
        # directory is set once, DuckDB refuses to move it once used)
        if con.execute("SELECT current_setting('temp_directory')").fetchall()[0][0] != str(spill):
            quoted = str(spill).replace("'", "''")
            con.execute(f"SET temp_directory = '{quoted}'")
    except duckdb.Error as e:
        con.close()
        raise StoreError(f"temp_directory {str(spill)!r}: {e}") from e
    return spill, default


#: a DuckDB database file has this magic at byte 8 (after the header checksum)
_DUCKDB_MAGIC = b"DUCK"


def _refuse_foreign(path: Path) -> None:
    """Refuse an existing ``path`` that is not a DuckDB file, judged by its bytes alone."""
    if path.is_dir():
        raise StoreError(f"{path} is not a brandcouch store (it is a folder)")
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except OSError as e:
        raise StoreError(f"{path}: cannot read the store ({e.strerror or e})") from e
    if not head:
        raise StoreError(f"{path} is not a brandcouch store (an empty file)")
    if head[8:12] != _DUCKDB_MAGIC:
        raise StoreError(f"{path} is not a brandcouch store (not a DuckDB database file)")


def _has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    rows = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database() "
        "AND schema_name = 'main' AND table_name = 'schema_migrations'"
    ).fetchall()
    return bool(rows[0][0])


def _not_ours(path: str) -> StoreError:
    return StoreError(
        f"{path} is not a brandcouch store (a DuckDB database without brandcouch's tables)"
    )


class _Wait:
    """The bounded wait for a store another process holds: retries until ``timeout`` seconds
    have passed, telling ``on_busy`` once who holds it."""

    def __init__(self, path: str, timeout: float, on_busy: BusyFn | None):
        self.path = path
        self.timeout = max(0.0, float(timeout))
        self.deadline = time.monotonic() + self.timeout
        self.on_busy = on_busy
        self.told = False
        self.pause = 0.05

    def connect(self, target: str, read_only: bool) -> duckdb.DuckDBPyConnection:
        while True:
            try:
                return duckdb.connect(target, read_only=read_only)
            except duckdb.ConnectionException:
                raise  # open in this process already, with another configuration
            except duckdb.Error as e:
                holder = lock_holder(e)
                if holder is None:  # a newer storage version, a damaged file, ...
                    raise StoreError(f"{self.path}: cannot open the store ({clip(e, 300)})") from e
                self.wait(holder)

    def wait(self, holder: LockHolder) -> None:
        """Sleep a little before the next try, or raise :class:`StoreBusyError` when the time
        is up."""
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise StoreBusyError(self.path, holder, self.timeout) from None
        if not self.told and self.on_busy is not None:
            self.told = True
            self.on_busy(
                f"{self.path} is busy, held by {holder.describe()}; waiting up to "
                f"{self.timeout:g} s…"
            )
        time.sleep(min(self.pause, left))
        self.pause = min(self.pause * 2, 0.5)


def _connect(path: str, read_only: bool, wait: _Wait) -> duckdb.DuckDBPyConnection:
    try:
        return wait.connect(path, read_only)
    except duckdb.Error as e:
        raise StoreError(f"{path}: cannot open the store ({clip(e, 300)})") from e


def _probe(path: str, wait: _Wait) -> None:
    """Open an existing DuckDB file read-only (so it is never modified) and refuse it unless it
    holds brandcouch's schema. Skipped when this process already has it open for writing."""
    try:
        con = wait.connect(path, True)
    except duckdb.ConnectionException:  # open here already, with another configuration
        return
    except duckdb.Error as e:
        raise StoreError(f"{path}: cannot open the store ({clip(e, 300)})") from e
    try:
        ours = _has_schema(con)
    finally:
        con.close()
    if not ours:
        raise _not_ours(path)


def _busy_wait(path: str, config, busy_timeout: float | None, on_busy: BusyFn | None) -> _Wait:
    from brandcouch import settings

    timeout = settings.get("busy_timeout", busy_timeout, config=config)
    return _Wait(path, timeout, on_busy)


def open_store(
    path: str | Path = DEFAULT_DB,
    read_only: bool = False,
    create: bool = False,
    config=None,
    *,
    busy_timeout: float | None = None,
    on_busy: BusyFn | None = _say,
    snapshot: bool = False,
) -> Store:
    """Open the brandcouch store at ``path`` and apply pending migrations.

    A missing ``path`` is created only with ``create=True`` (``Store.created`` then says so);
    otherwise it is a :class:`StoreError`, as is any existing file that is not a brandcouch
    store (not a DuckDB file, or a DuckDB database without brandcouch's tables): such a file is
    refused before anything could write to it. ``":memory:"`` gives a throwaway in-memory store.

    DuckDB lets one process write a file or several read it, not both. When another process
    holds it, this waits up to ``busy_timeout`` seconds (default: the setting), telling
    ``on_busy`` once who holds it (default: one line on stderr), then raises
    :class:`StoreBusyError`.

    ``snapshot=True`` gives an in-memory copy of an existing store instead, holding no lock on
    the file once it returns (:func:`open_snapshot`; the dashboard reads through one).
    """
    if snapshot:
        return open_snapshot(path, config, busy_timeout=busy_timeout, on_busy=on_busy)
    path = str(path)
    created = False
    wait = _busy_wait(path, config, busy_timeout, on_busy)
    if path != ":memory:":
        p = Path(path)
        if p.exists():
            _refuse_foreign(p)
            if not read_only:
                _probe(path, wait)
        elif not create or read_only:
            raise StoreError(
                f"{path}: no brandcouch store here; create one with `brandcouch import` or "
                "`brandcouch demo`"
            )
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            created = True
    con = _connect(path, read_only, wait)
    if path != ":memory:" and not created and not _has_schema(con):
        con.close()  # nothing was written
        raise _not_ours(path)
    spill, default = _configure(con, path, config)
    if not read_only:
        try:
            _migrate(con)
        except duckdb.Error as e:
            con.close()
            raise StoreError(f"{path}: migration failed ({e})") from e
    return Store(con, path, created=created, spill=spill, default_limit=default)


def open_snapshot(
    path: str | Path,
    config=None,
    *,
    busy_timeout: float | None = None,
    on_busy: BusyFn | None = _say,
) -> Store:
    """An in-memory copy of the store at ``path``: the file is opened read-only just long
    enough to copy it (about 0.3 s for the demo store) and closed, so other processes can
    write it meanwhile. Writes to the copy (temp tables, signals scored in memory) never reach
    the file. Memory is about four times the file's size; past ``memory_limit`` DuckDB spills
    to its temp directory. ``Store.path`` is ``path``. Busy: as :func:`open_store`."""
    path = str(path)
    p = Path(path)
    if not p.exists():
        raise StoreError(
            f"{path}: no brandcouch store here; create one with `brandcouch import` or "
            "`brandcouch demo`"
        )
    _refuse_foreign(p)
    wait = _busy_wait(path, config, busy_timeout, on_busy)
    con = duckdb.connect(":memory:")
    try:
        spill, default = _configure(con, ":memory:", config, store_bytes=_file_size(path))
        quoted = path.replace("'", "''")
        while True:
            try:
                con.execute(f"ATTACH '{quoted}' AS snapshot_source (READ_ONLY)")
                break
            except duckdb.Error as e:
                holder = lock_holder(e)
                if holder is None:
                    raise StoreError(f"{path}: cannot open the store ({clip(e, 300)})") from e
                wait.wait(holder)
        try:
            ours = con.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE database_name = 'snapshot_source' "
                "AND schema_name = 'main' AND table_name = 'schema_migrations'"
            ).fetchall()[0][0]
            if not ours:
                raise _not_ours(path)
            con.execute("COPY FROM DATABASE snapshot_source TO memory")
        finally:
            con.execute("DETACH snapshot_source")
    except BaseException:
        con.close()
        raise
    return Store(con, path, spill=spill, default_limit=default)
