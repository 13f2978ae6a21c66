"""The import write path: stage an importer's items in batches, then merge them into the store in
one transaction per file. A failure anywhere rolls the whole file back."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from brandcouch.errors import BrandcouchError, StoreError
from brandcouch.model import Account, Batch, BrandHint, Message, make_id
from brandcouch.store.connection import Store, make_room_for_index

BATCH = 10_000
STAGE = "bc_stage"  # the scratch database attached while a file is staged
#: staging folders are ``<TMPDIR>/brandcouch-stage-<pid>-<random>``: a folder whose process is
#: gone (killed with ``kill -9``, a power cut) is removed by the next import
STAGE_PREFIX = "brandcouch-stage-"

#: what a fault of the disk or the machine (not of the data) looks like in a DuckDB message
_FAULT = re.compile(
    r"IO Error|Could not (?:write|read|open|create|truncate|sync|fsync)|No space left|"
    r"Disk quota|Read-only file system|Input/output error|Out of Memory|Permission denied",
    re.IGNORECASE,
)

MESSAGE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("platform", pa.string()),
        ("native_id", pa.string()),
        ("author_id", pa.string()),
        ("created_at", pa.timestamp("us")),
        ("text", pa.string()),
        ("kind", pa.string()),
        ("parent_id", pa.string()),
        ("root_id", pa.string()),
        ("to_account_id", pa.string()),
        ("likes", pa.int64()),
        ("reposts", pa.int64()),
        ("replies", pa.int64()),
        ("views", pa.int64()),
        ("quotes", pa.int64()),
        ("permalink", pa.string()),
        ("title", pa.string()),
        ("deleted", pa.bool_()),
        ("edited_at", pa.timestamp("us")),
    ]
)
#: one row per (message, mentioned handle); the merge lower-cases and drops a leading "@"
MENTION_SCHEMA = pa.schema(
    [("message_id", pa.string()), ("platform", pa.string()), ("handle", pa.string())]
)
ACCOUNT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("platform", pa.string()),
        ("native_id", pa.string()),
        ("handle", pa.string()),
        ("display_name", pa.string()),
        ("followers", pa.int64()),
        ("bio", pa.string()),
        ("created_at", pa.timestamp("us")),
    ]
)


def brand_refs_cte(overlay: str | None = None) -> str:
    """The CTEs ``brand_refs_all``, ``brand_ref_accounts``, ``replaced`` and ``brand_refs``
    (to follow a ``WITH``): every account reference of a brand (brand, platform, ref, key =
    lower(ref) without "@", declared), from ``brand_accounts`` and ``overlay`` (a SELECT of
    brand, platform, ref: declared brands not written to the store), and the inferred brands a
    declared one replaces.

    A reference is inferred when its ``brand_accounts.source`` is ``inferred:<importer>``. An
    inferred brand (one without a declared reference) is replaced by a declared one
    (any other source, or the overlay) that shares a reference with it (same platform, same
    ref in any case), shares an account with it (one ref by id, the other by handle), or is
    declared with a reference named after it (``disqus:forum:hexo-tanglei`` replaces the
    forum's inferred brand ``hexo-tanglei``). A declared brand is never replaced."""
    extra = (
        f"UNION ALL SELECT brand, platform, ref, lower(ltrim(ref, '@')), true FROM ({overlay})"
        if overlay
        else ""
    )
    return f"""
brand_refs_all AS (
    SELECT ba.brand, ba.platform, ba.ref, lower(ltrim(ba.ref, '@')) AS key,
           ba.source NOT LIKE 'inferred:%' AS declared
    FROM brand_accounts ba
    {extra}
), brand_ref_accounts AS (
    SELECT r.brand, r.declared, a.id AS account_id
    FROM brand_refs_all r JOIN accounts a
      ON a.platform = r.platform
     AND (a.native_id = r.ref OR lower(a.handle) = r.key OR lower(a.native_id) = r.key)
), replaced AS (
    SELECT DISTINCT i.brand FROM brand_refs_all i JOIN brand_refs_all d
      ON d.declared AND NOT i.declared AND d.brand <> i.brand AND d.platform = i.platform
     AND (d.key = i.key OR lower(i.brand) = regexp_extract(d.key, '([^:/]+)$', 1))
    UNION
    SELECT i.brand FROM brand_ref_accounts i JOIN brand_ref_accounts d
      ON d.declared AND NOT i.declared AND d.brand <> i.brand AND d.account_id = i.account_id
    EXCEPT
    SELECT brand FROM brand_refs_all WHERE declared
), brand_refs AS (
    SELECT * FROM brand_refs_all WHERE brand NOT IN (SELECT brand FROM replaced)
)
"""


def drop_replaced_brands(con) -> list[str]:
    """Remove from the store the inferred brands a declared brand replaces (see
    :func:`brand_refs_cte`); returns their names. Run after declaring brands and after an
    import's brand hints, so a declared brand never leaves an empty inferred ghost beside it."""
    names = [
        r[0] for r in con.execute(f"WITH {brand_refs_cte()} SELECT brand FROM replaced").fetchall()
    ]
    if names:
        con.execute("DELETE FROM brand_accounts WHERE list_contains(?, brand)", [names])
        con.execute("DELETE FROM brands WHERE list_contains(?, name)", [names])
    return sorted(names)


def _naive(dt: datetime | None) -> datetime | None:
    return None if dt is None else dt.astimezone(UTC).replace(tzinfo=None)


def _ref(platform: str, native: str | None) -> str | None:
    return None if native is None else make_id(platform, native)


def _msg_row(m: Message) -> tuple:
    return (
        m.id,
        m.platform,
        m.native_id,
        m.author_id,
        _naive(m.created_at),
        m.text or "",
        str(m.kind),
        _ref(m.platform, m.parent_native_id),
        _ref(m.platform, m.root_native_id),
        _ref(m.platform, m.to_native_id),
        m.likes,
        m.reposts,
        m.replies,
        m.views,
        m.quotes,
        m.permalink,
        m.title,
        bool(m.deleted),
        _naive(m.edited_at),
    )


def _acc_row(a: Account) -> tuple:
    return (
        a.id,
        a.platform,
        a.native_id,
        a.handle.lstrip("@") if a.handle else None,
        a.display_name,
        a.followers,
        a.bio,
        _naive(a.created_at),
    )


def _table(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    cols = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
    return pa.table([pa.array(c, type=f.type) for c, f in zip(cols, schema, strict=True)], schema)


class ImportWriter:
    """Stage an importer's items, then merge them into the store in one transaction.

    Used as::

        writer = ImportWriter(store, source_file, importer, version)
        try:
            writer.add_all(items)            # staged batch by batch, outside the transaction
            with store.transaction():
                counts = writer.finish()     # one set-based merge: all of the file or nothing
        finally:
            writer.close()

    Staging goes to a scratch DuckDB file attached beside the store, committed every ``BATCH``
    rows, so memory stays bounded whatever the file's size; the merge is a few ``INSERT ...
    SELECT`` statements, which DuckDB streams to disk. Within a file the last version of a
    message wins.
    """

    def __init__(self, store: Store, source_file: str, importer: str, importer_version: str):
        self.con = store.con
        self._store = store
        self.prov = [
            source_file,
            importer,
            importer_version,
            datetime.now(UTC).replace(tzinfo=None),
        ]
        self.importer = importer
        self._msgs: list[tuple] = []
        self._accs: list[tuple] = []
        self._mentions: list[tuple] = []
        self._seq = 0
        self.hints: dict[tuple[str, str, str], None] = {}
        self.source_file = source_file
        self.prepare(store)
        tmp = tempfile.gettempdir()
        self._where = tmp
        self._dir = None
        with self._staging():
            remove_stale_stages(tmp)
            self._dir = tempfile.mkdtemp(prefix=f"{STAGE_PREFIX}{os.getpid()}-", dir=tmp)
            try:
                self.con.execute(f"ATTACH '{Path(self._dir, 'stage.duckdb')}' AS {STAGE}")
                self.con.execute(
                    f"CREATE TABLE {STAGE}.m AS SELECT 0::BIGINT AS seq, * FROM _msg_empty LIMIT 0"
                )
                self.con.execute(
                    f"CREATE TABLE {STAGE}.a AS SELECT 0::BIGINT AS seq, * FROM _acc_empty LIMIT 0"
                )
                self.con.execute(
                    f"CREATE TABLE {STAGE}.mm AS SELECT 0::BIGINT AS seq, * FROM _mm_empty LIMIT 0"
                )
            except BaseException:
                self.close()
                raise

    @staticmethod
    def prepare(store: Store) -> None:
        """Register the empty staging shapes once per connection."""
        store.con.register("_msg_empty", _table([], MESSAGE_SCHEMA))
        store.con.register("_acc_empty", _table([], ACCOUNT_SCHEMA))
        store.con.register("_mm_empty", _table([], MENTION_SCHEMA))

    def close(self) -> None:
        """Drop the scratch database (always call, also after a failure). Never raises: the
        scratch database is thrown away, and an error here (DuckDB checkpoints on ``DETACH``,
        which fails again on a full disk) must not hide the one that ended the import."""
        try:
            self.con.execute(f"DETACH DATABASE IF EXISTS {STAGE}")
        except duckdb.Error:  # "Detached database ..., but CHECKPOINT during DETACH failed"
            with contextlib.suppress(duckdb.Error):
                self.con.execute(f"DETACH DATABASE IF EXISTS {STAGE}")
        finally:
            if self._dir:
                shutil.rmtree(self._dir, ignore_errors=True)

    @contextlib.contextmanager
    def _staging(self) -> Iterator[None]:
        """A failure to write the scratch database (a full or read-only TMPDIR) becomes a
        :class:`StoreError` naming the file and the folder, not a located record error."""
        try:
            yield
        except BrandcouchError:
            raise
        except (OSError, duckdb.Error) as e:
            raise StoreError(
                f"{self.source_file}: cannot stage the import in {self._where} ({_reason(e)}); "
                "nothing of this file was stored - free space there or set TMPDIR to a folder "
                "on a larger disk"
            ) from e

    @contextlib.contextmanager
    def store_faults(self, store: Store) -> Iterator[None]:
        """Wrap the merge transaction: a fault of the store's disk (full, read-only, I/O error)
        becomes a :class:`StoreError` naming the store, not a located record error. The
        transaction is rolled back by then: the store holds nothing of this file."""
        try:
            yield
        except BrandcouchError:
            raise
        except (OSError, duckdb.Error) as e:
            if isinstance(e, duckdb.Error) and not (
                isinstance(e, duckdb.IOException) or _FAULT.search(str(e))
            ):
                raise  # a data problem: reported with its record by the caller
            raise StoreError(
                f"{self.source_file}: cannot write the store {store.path} ({_reason(e)}); "
                "nothing of this file was stored - free space on the store's disk and import "
                "it again"
            ) from e

    def add_all(self, items: Iterable) -> None:
        for item in items:
            if isinstance(item, Message):
                self._msgs.append(_msg_row(item))
                if item.mentions:
                    self._mentions.extend((item.id, item.platform, h) for h in item.mentions)
                if len(self._msgs) >= BATCH:
                    self._flush_messages()
            elif isinstance(item, Account):
                self._accs.append(_acc_row(item))
                if len(self._accs) >= BATCH:
                    self._flush_accounts()
            elif isinstance(item, BrandHint):
                self.hints[(item.brand, item.platform, item.native_id)] = None
            elif isinstance(item, Batch):
                if item.accounts is not None:
                    self._stage("a", item.accounts.select(ACCOUNT_SCHEMA.names), ACCOUNT_SCHEMA)
                if item.messages is not None:
                    self._stage("m", item.messages.select(MESSAGE_SCHEMA.names), MESSAGE_SCHEMA)
                if item.mentions is not None:
                    self._stage("mm", item.mentions.select(MENTION_SCHEMA.names), MENTION_SCHEMA)
            else:  # pragma: no cover - an importer bug
                raise TypeError(f"importer yielded {type(item).__name__}")
        self._flush_accounts()
        self._flush_messages()
        with self._staging():
            self._dedupe()

    def _dedupe(self) -> None:
        """The last version of each message and account, still in the scratch database (on
        disk, outside the store's transaction)."""
        con = self.con
        self._in_file = con.execute(f"SELECT count(*) FROM {STAGE}.m").fetchall()[0][0]
        for t in ("m", "a"):
            # narrow key table first: wide rows are then streamed through a semi join
            con.execute(
                f"CREATE TABLE {STAGE}.{t}_last AS SELECT * EXCLUDE (seq) FROM {STAGE}.{t} "
                f"SEMI JOIN (SELECT id, max(seq) AS seq FROM {STAGE}.{t} GROUP BY id) k "
                "USING (id, seq)"
            )
            con.execute(f"DROP TABLE {STAGE}.{t}")

    def _stage(self, table: str, rows: pa.Table, schema: pa.Schema) -> None:
        if rows.num_rows == 0:
            return
        seq = pa.array(range(self._seq, self._seq + rows.num_rows), pa.int64())
        self._seq += rows.num_rows
        staged = rows.cast(schema).add_column(0, "seq", seq)  # noqa: F841 - read by DuckDB
        with self._staging():
            self.con.execute(f"INSERT INTO {STAGE}.{table} SELECT * FROM staged")

    def _flush_messages(self) -> None:
        if self._msgs:
            self._stage("m", _table(self._msgs, MESSAGE_SCHEMA), MESSAGE_SCHEMA)
            self._msgs = []
        if self._mentions:
            self._stage("mm", _table(self._mentions, MENTION_SCHEMA), MENTION_SCHEMA)
            self._mentions = []

    def _flush_accounts(self) -> None:
        if self._accs:
            self._stage("a", _table(self._accs, ACCOUNT_SCHEMA), ACCOUNT_SCHEMA)
            self._accs = []

    def finish(self) -> dict:
        """Merge everything staged (call inside ``store.transaction()``). Returns counts:
        in_file, imported, duplicates, updated, accounts, brands."""
        con = self.con
        in_file = self._in_file
        # the primary-key indexes of messages, accounts and mentions grow with the store
        have = con.execute("SELECT count(*) FROM messages").fetchall()[0][0]
        make_room_for_index(self._store, 3 * (int(have) + int(in_file)))
        accounts = self._merge_accounts()
        updated, imported = self._merge_messages()
        self._merge_mentions()
        accounts += con.execute(
            f"""
            INSERT INTO accounts (id, platform, native_id, source_file, importer,
                                  importer_version, imported_at)
            SELECT DISTINCT s.author_id, s.platform, substr(s.author_id, length(s.platform) + 2),
                   ?, ?, ?, ?
            FROM {STAGE}.m_last s ANTI JOIN accounts a ON a.id = s.author_id
            """,
            self.prov,
        ).fetchall()[0][0]
        source = f"inferred:{self.importer}"
        for brand, platform, native in self.hints:
            con.execute("INSERT OR IGNORE INTO brands VALUES (?, ?)", [brand, source])
            con.execute(
                "INSERT OR IGNORE INTO brand_accounts VALUES (?, ?, ?, ?)",
                [brand, platform, native, source],
            )
        dropped = set(drop_replaced_brands(con))
        resolve_roots(con)
        return {
            "in_file": int(in_file),
            "imported": int(imported),
            "duplicates": int(in_file - imported),
            "updated": int(updated),
            "accounts": int(accounts),
            "brands": sorted({b for b, _, _ in self.hints} - dropped),
        }

    def _merge_messages(self) -> tuple[int, int]:
        con = self.con
        # a newer export updates public metrics (counts only grow: re-importing an older export
        # never turns them back) and edits of messages already in the store
        updated = con.execute(
            f"""
            UPDATE messages m SET
              likes = greatest(s.likes, m.likes), reposts = greatest(s.reposts, m.reposts),
              replies = greatest(s.replies, m.replies), views = greatest(s.views, m.views),
              quotes = greatest(s.quotes, m.quotes),
              text = CASE WHEN s.edited_at > coalesce(m.edited_at, TIMESTAMP '1900-01-01')
                          THEN s.text ELSE m.text END,
              text_hash = CASE WHEN s.edited_at > coalesce(m.edited_at, TIMESTAMP '1900-01-01')
                          THEN md5(s.text) ELSE m.text_hash END,
              edited_at = greatest(s.edited_at, m.edited_at)
            FROM {STAGE}.m_last s
            WHERE m.id = s.id AND (
              s.likes > coalesce(m.likes, -1) OR s.reposts > coalesce(m.reposts, -1)
              OR s.replies > coalesce(m.replies, -1) OR s.views > coalesce(m.views, -1)
              OR s.quotes > coalesce(m.quotes, -1)
              OR s.edited_at > coalesce(m.edited_at, TIMESTAMP '1900-01-01'))
            """
        ).fetchall()[0][0]
        imported = con.execute(
            f"""
            INSERT INTO messages (id, platform, native_id, author_id, created_at, text,
                   text_hash, kind, parent_id, root_id, to_account_id, likes, reposts, replies,
                   views, permalink, title, deleted, edited_at, source_file, importer,
                   importer_version, imported_at, quotes)
            SELECT s.id, s.platform, s.native_id, s.author_id, s.created_at, s.text, md5(s.text),
                   s.kind, s.parent_id, s.root_id, s.to_account_id, s.likes, s.reposts, s.replies,
                   s.views, s.permalink, s.title, s.deleted, s.edited_at, ?, ?, ?, ?, s.quotes
            FROM {STAGE}.m_last s ANTI JOIN messages m USING (id)
            """,
            self.prov,
        ).fetchall()[0][0]
        return updated, imported

    def _merge_mentions(self) -> None:
        """Every handle a message names, lower-cased, without "@"; a re-import adds the ones
        the store lacks (so messages stored before mentions were kept get theirs)."""
        self.con.execute(
            f"""
            INSERT INTO message_mentions
            SELECT DISTINCT message_id, platform, lower(ltrim(trim(handle), '@')) AS handle
            FROM {STAGE}.mm
            WHERE handle IS NOT NULL AND ltrim(trim(handle), '@') <> ''
            EXCEPT
            SELECT message_id, platform, handle FROM message_mentions
            """
        )

    def _merge_accounts(self) -> int:
        """Insert new accounts; fill in what a newer export says about known ones."""
        con = self.con
        con.execute(
            f"""
            UPDATE accounts b SET
              handle = coalesce(a.handle, b.handle),
              display_name = coalesce(a.display_name, b.display_name),
              followers = coalesce(a.followers, b.followers),
              bio = coalesce(a.bio, b.bio),
              created_at = coalesce(a.created_at, b.created_at)
            FROM {STAGE}.a_last a
            WHERE a.id = b.id
            """
        )
        return con.execute(
            f"INSERT INTO accounts SELECT a.*, ?, ?, ?, ? FROM {STAGE}.a_last a "
            "ANTI JOIN accounts b USING (id)",
            self.prov,
        ).fetchall()[0][0]


def _reason(e: BaseException) -> str:
    """The gist of an OS or DuckDB error, on one line."""
    if isinstance(e, OSError) and e.strerror:
        text = f"{e.strerror}: {e.filename}" if e.filename else e.strerror
    else:
        text = str(e).splitlines()[0] if str(e) else type(e).__name__
    for prefix in ("TransactionContext Error: ", "IO Error: ", "Failed to commit: "):
        text = text.removeprefix(prefix)
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:299] + "…"


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: alive, someone else's
        return True
    return True


def remove_stale_stages(tmp: str | Path) -> list[Path]:
    """Remove this user's staging folders in ``tmp`` whose process is gone (an import killed
    with ``kill -9`` cannot clean up after itself). Returns the folders removed."""
    removed = []
    try:
        entries = list(os.scandir(tmp))
    except OSError:
        return removed
    uid = os.getuid() if hasattr(os, "getuid") else None
    for entry in entries:
        if not entry.name.startswith(STAGE_PREFIX):
            continue
        pid = entry.name[len(STAGE_PREFIX) :].split("-", 1)[0]
        try:
            if not pid.isdigit() or not entry.is_dir(follow_symlinks=False):
                continue
            if uid is not None and entry.stat(follow_symlinks=False).st_uid != uid:
                continue
        except OSError:
            continue
        if not _pid_alive(int(pid)):
            shutil.rmtree(entry.path, ignore_errors=True)
            removed.append(Path(entry.path))
    return removed


def resolve_roots(con) -> None:
    """Give every message without a thread root the root of its parent chain (iteratively, in
    SQL: each pass climbs one more level for all messages at once).

    The passes run on a temporary table of the messages still without a root and the parents
    they hang from (the same rows the passes over the whole store would update, pass for pass),
    then the roots are written back once: adding 1% to a large store climbs its new threads
    without scanning the whole store on every pass."""
    # a root that was a stand-in for a then-missing ancestor is recomputed once it arrives
    con.execute(
        """
        UPDATE messages SET root_id = NULL
        WHERE parent_id IS NOT NULL
          AND root_id IN (SELECT id FROM messages WHERE parent_id IS NOT NULL)
        """
    )
    con.execute(
        """
        UPDATE messages SET root_id = id
        WHERE root_id IS NULL AND parent_id IS NULL
        """
    )
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _bc_roots AS
        SELECT id, parent_id, root_id FROM messages WHERE root_id IS NULL
        """
    )
    # the messages with a root that the rows above hang from directly (every other message with
    # a root is no parent of a row without one)
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _bc_root_parents AS
        SELECT id, parent_id, root_id FROM messages
        WHERE root_id IS NOT NULL AND id IN (SELECT parent_id FROM _bc_roots)
        """
    )
    parents = "(SELECT * FROM _bc_roots UNION ALL SELECT * FROM _bc_root_parents)"
    try:
        for _ in range(200):  # deeper reply chains than this stop at the deepest known ancestor
            n = con.execute(
                f"""
                UPDATE _bc_roots m SET root_id = coalesce(p.root_id, p.id)
                FROM {parents} p
                WHERE m.root_id IS NULL AND m.parent_id = p.id
                  AND (p.root_id IS NOT NULL OR p.parent_id IS NULL)
                """
            ).fetchall()[0][0]
            if n == 0:
                break
        # parents outside the store: the earliest known ancestor stands in as the root
        con.execute(
            """
            UPDATE _bc_roots SET root_id = parent_id
            WHERE root_id IS NULL AND parent_id IS NOT NULL
              AND parent_id NOT IN (SELECT id FROM messages)
            """
        )
        for _ in range(200):
            n = con.execute(
                f"""
                UPDATE _bc_roots m SET root_id = p.root_id
                FROM {parents} p
                WHERE m.root_id IS NULL AND m.parent_id = p.id AND p.root_id IS NOT NULL
                """
            ).fetchall()[0][0]
            if n == 0:
                break
        con.execute(
            """
            UPDATE messages m SET root_id = r.root_id
            FROM _bc_roots r
            WHERE m.id = r.id AND r.root_id IS NOT NULL
            """
        )
    finally:
        con.execute("DROP TABLE IF EXISTS _bc_roots")
        con.execute("DROP TABLE IF EXISTS _bc_root_parents")
    _resolve_leftovers(con)


def _resolve_leftovers(con) -> None:
    """What the passes cannot reach: reply cycles (a self-reply, A answers B answers A; the
    parent chain never ends) and chains deeper than the passes. Walked once in Python over these
    rows only (usually none). A cycle's root is its earliest message (then the smallest id), and
    messages hanging off a cycle share it."""
    rows = con.execute(
        """
        SELECT m.id, m.parent_id, m.created_at, p.root_id
        FROM messages m JOIN messages p ON p.id = m.parent_id
        WHERE m.root_id IS NULL
        """
    ).fetchall()
    if not rows:
        return
    parent = {r[0]: r[1] for r in rows}
    created = {r[0]: r[2] for r in rows}
    root = {r[0]: r[3] for r in rows if r[3] is not None}
    for start in parent:
        path: list[str] = []
        on_path: dict[str, int] = {}
        cur = start
        while cur not in root:
            if cur in on_path:  # back on the path: a cycle
                cycle = path[on_path[cur] :]
                first = min(cycle, key=lambda i: (created[i] is None, created[i] or 0, i))
                for c in cycle:
                    root[c] = first
                break
            on_path[cur] = len(path)
            path.append(cur)
            if parent[cur] not in parent and parent[cur] not in root:  # pragma: no cover
                root[parent[cur]] = parent[cur]  # cannot happen: the passes resolved it
            cur = parent[cur]
        for node in path:
            root.setdefault(node, root[cur])
    fix = pa.table(  # noqa: F841 - read by DuckDB
        {"id": pa.array(list(parent), pa.string()), "root": [root[i] for i in parent]}
    )
    con.execute("UPDATE messages m SET root_id = f.root FROM fix f WHERE m.id = f.id")
