"""Open a DuckDB store, apply pending migrations, and funnel every write through one method."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from brandcouch.errors import StoreError
from brandcouch.store.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "brandcouch.duckdb"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A brandcouch store: a DuckDB database with the schema in :mod:`brandcouch.store.schema`."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, created: bool = False):
        self.con = con
        self.path = path
        #: True when :func:`open_store` made this store just now (``create=True``)
        self.created = created

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


def _configure(con: duckdb.DuckDBPyConnection, path: str, config=None) -> None:
    """Memory limit (setting ``memory_limit``) and a place to spill to, also for ``:memory:``."""
    from brandcouch import settings

    limit = settings.get("memory_limit", config=config)
    try:
        if limit:
            con.execute(f"SET memory_limit = '{limit}'")
        if path == ":memory:":
            spill = Path(tempfile.gettempdir()) / "brandcouch-spill"
            con.execute(f"SET temp_directory = '{spill}'")
    except duckdb.Error as e:
        con.close()
        raise StoreError(f"memory_limit {limit!r}: {e}") from e


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


def _connect(path: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    try:
        return duckdb.connect(path, read_only=read_only)
    except duckdb.Error as e:  # locked by another process, a newer storage version, ...
        raise StoreError(f"{path}: cannot open the store ({e})") from e


def _probe(path: str) -> None:
    """Open an existing DuckDB file read-only (so it is never modified) and refuse it unless it
    holds brandcouch's schema. Skipped when this process already has it open for writing."""
    try:
        con = duckdb.connect(path, read_only=True)
    except duckdb.ConnectionException:  # open here already, with another configuration
        return
    except duckdb.Error as e:
        raise StoreError(f"{path}: cannot open the store ({e})") from e
    try:
        ours = _has_schema(con)
    finally:
        con.close()
    if not ours:
        raise _not_ours(path)


def open_store(
    path: str | Path = DEFAULT_DB,
    read_only: bool = False,
    create: bool = False,
    config=None,
) -> Store:
    """Open the brandcouch store at ``path`` and apply pending migrations.

    A missing ``path`` is created only with ``create=True`` (``Store.created`` then says so);
    otherwise it is a :class:`StoreError`, as is any existing file that is not a brandcouch
    store (not a DuckDB file, or a DuckDB database without brandcouch's tables): such a file is
    refused before anything could write to it. ``":memory:"`` gives a throwaway in-memory store.
    """
    path = str(path)
    created = False
    if path != ":memory:":
        p = Path(path)
        if p.exists():
            _refuse_foreign(p)
            if not read_only:
                _probe(path)
        elif not create or read_only:
            raise StoreError(
                f"{path}: no brandcouch store here; create one with `brandcouch import` or "
                "`brandcouch demo`"
            )
        else:
            p.parent.mkdir(parents=True, exist_ok=True)
            created = True
    con = _connect(path, read_only)
    if path != ":memory:" and not created and not _has_schema(con):
        con.close()  # nothing was written
        raise _not_ours(path)
    _configure(con, path, config)
    if not read_only:
        try:
            _migrate(con)
        except duckdb.Error as e:
            con.close()
            raise StoreError(f"{path}: migration failed ({e})") from e
    return Store(con, path, created=created)
