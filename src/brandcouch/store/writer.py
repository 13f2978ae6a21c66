"""The import write path: stage an importer's items in batches, then merge them into the store in
one transaction per file. A failure anywhere rolls the whole file back."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import pyarrow as pa

from brandcouch.model import Account, Batch, BrandHint, Message, make_id
from brandcouch.store.connection import Store

BATCH = 50_000

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
        ("permalink", pa.string()),
        ("title", pa.string()),
        ("deleted", pa.bool_()),
        ("edited_at", pa.timestamp("us")),
    ]
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
    """Used as: ``with store.transaction(): w = ImportWriter(store, ...); w.add_all(items);
    counts = w.finish()``."""

    def __init__(self, store: Store, source_file: str, importer: str, importer_version: str):
        self.con = store.con
        self.source_file = source_file
        self.importer = importer
        self.importer_version = importer_version
        self.now = datetime.now(UTC).replace(tzinfo=None)
        self._msgs: list[tuple] = []
        self._accs: list[tuple] = []
        self.hints: dict[tuple[str, str, str], None] = {}
        self.con.execute("CREATE OR REPLACE TEMP TABLE stage_messages AS SELECT * FROM _msg_empty")
        self.con.execute("CREATE OR REPLACE TEMP TABLE stage_accounts AS SELECT * FROM _acc_empty")

    @staticmethod
    def prepare(store: Store) -> None:
        """Register the empty staging shapes once per connection."""
        store.con.register("_msg_empty", _table([], MESSAGE_SCHEMA))
        store.con.register("_acc_empty", _table([], ACCOUNT_SCHEMA))

    def add_all(self, items: Iterable) -> None:
        for item in items:
            if isinstance(item, Message):
                self._msgs.append(_msg_row(item))
                if len(self._msgs) >= BATCH:
                    self._flush_messages()
            elif isinstance(item, Account):
                self._accs.append(_acc_row(item))
                if len(self._accs) >= BATCH:
                    self._flush_accounts()
            elif isinstance(item, BrandHint):
                self.hints[(item.brand, item.platform, item.native_id)] = None
            elif isinstance(item, Batch):
                self._add_batch(item)
            else:  # pragma: no cover - an importer bug
                raise TypeError(f"importer yielded {type(item).__name__}")
        self._flush_messages()
        self._flush_accounts()

    def _add_batch(self, item: Batch) -> None:
        if item.messages is not None and item.messages.num_rows:
            batch = item.messages.select(MESSAGE_SCHEMA.names).cast(MESSAGE_SCHEMA)  # noqa: F841
            self.con.execute("INSERT INTO stage_messages SELECT * FROM batch")
        if item.accounts is not None and item.accounts.num_rows:
            batch = item.accounts.select(ACCOUNT_SCHEMA.names).cast(ACCOUNT_SCHEMA)  # noqa: F841
            self.con.execute("INSERT INTO stage_accounts SELECT * FROM batch")

    def _flush_messages(self) -> None:
        if self._msgs:
            batch = _table(self._msgs, MESSAGE_SCHEMA)  # noqa: F841 - read by DuckDB below
            self.con.execute("INSERT INTO stage_messages SELECT * FROM batch")
            self._msgs = []

    def _flush_accounts(self) -> None:
        if self._accs:
            batch = _table(self._accs, ACCOUNT_SCHEMA)  # noqa: F841 - read by DuckDB below
            self.con.execute("INSERT INTO stage_accounts SELECT * FROM batch")
            self._accs = []

    def finish(self) -> dict[str, int]:
        """Merge the staged rows. Returns counts: imported, duplicates, updated, accounts."""
        con = self.con
        prov = [self.source_file, self.importer, self.importer_version, self.now]
        # the last record wins inside one file (an edited tweet appears twice in some dumps)
        con.execute(
            "CREATE OR REPLACE TEMP TABLE stage_m AS "
            "SELECT DISTINCT ON (id) * FROM stage_messages ORDER BY id"
        )
        in_file = con.execute("SELECT count(*) FROM stage_messages").fetchall()[0][0]
        unique = con.execute("SELECT count(*) FROM stage_m").fetchall()[0][0]
        existing = con.execute(
            "SELECT count(*) FROM stage_m s JOIN messages m USING (id)"
        ).fetchall()[0][0]
        # a newer export updates public metrics and edits of messages already in the store
        updated = con.execute(
            """
            UPDATE messages m SET
              likes = coalesce(s.likes, m.likes), reposts = coalesce(s.reposts, m.reposts),
              replies = coalesce(s.replies, m.replies), views = coalesce(s.views, m.views),
              text = CASE WHEN s.edited_at > coalesce(m.edited_at, TIMESTAMP '1900-01-01')
                          THEN s.text ELSE m.text END,
              text_hash = CASE WHEN s.edited_at > coalesce(m.edited_at, TIMESTAMP '1900-01-01')
                          THEN md5(s.text) ELSE m.text_hash END,
              edited_at = greatest(s.edited_at, m.edited_at)
            FROM stage_m s
            WHERE m.id = s.id AND (
              s.likes IS DISTINCT FROM m.likes AND s.likes IS NOT NULL
              OR s.reposts IS DISTINCT FROM m.reposts AND s.reposts IS NOT NULL
              OR s.replies IS DISTINCT FROM m.replies AND s.replies IS NOT NULL
              OR s.views IS DISTINCT FROM m.views AND s.views IS NOT NULL
              OR s.edited_at > coalesce(m.edited_at, TIMESTAMP '1900-01-01'))
            """
        ).fetchall()[0][0]
        con.execute(
            """
            INSERT INTO messages
            SELECT s.id, s.platform, s.native_id, s.author_id, s.created_at, s.text, md5(s.text),
                   s.kind, s.parent_id, s.root_id, s.to_account_id, s.likes, s.reposts, s.replies,
                   s.views, s.permalink, s.title, s.deleted, s.edited_at, ?, ?, ?, ?
            FROM stage_m s ANTI JOIN messages m USING (id)
            """,
            prov,
        )
        # accounts: given ones (last wins), then bare ones for authors never described
        con.execute(
            """
            INSERT INTO accounts
            SELECT a.*, ?, ?, ?, ? FROM (
              SELECT DISTINCT ON (id) * FROM stage_accounts ORDER BY id) a
            ANTI JOIN accounts b USING (id)
            """,
            prov,
        )
        con.execute(
            """
            UPDATE accounts b SET
              handle = coalesce(a.handle, b.handle),
              display_name = coalesce(a.display_name, b.display_name),
              followers = coalesce(a.followers, b.followers),
              bio = coalesce(a.bio, b.bio),
              created_at = coalesce(a.created_at, b.created_at)
            FROM (SELECT DISTINCT ON (id) * FROM stage_accounts ORDER BY id) a
            WHERE a.id = b.id
            """
        )
        accounts_new = con.execute(
            """
            INSERT INTO accounts (id, platform, native_id, source_file, importer,
                                  importer_version, imported_at)
            SELECT DISTINCT s.author_id, s.platform, substr(s.author_id, length(s.platform) + 2),
                   ?, ?, ?, ?
            FROM stage_m s ANTI JOIN accounts a ON a.id = s.author_id
            """,
            prov,
        ).fetchall()[0][0]
        brands = sorted({b for b, _, _ in self.hints})
        for brand, platform, native in self.hints:
            con.execute(
                "INSERT OR IGNORE INTO brands VALUES (?, ?)", [brand, f"inferred:{self.importer}"]
            )
            con.execute(
                "INSERT OR IGNORE INTO brand_accounts VALUES (?, ?, ?, ?)",
                [brand, platform, native, f"inferred:{self.importer}"],
            )
        resolve_roots(con)
        con.execute("DROP TABLE stage_m")
        return {
            "in_file": int(in_file),
            "imported": int(unique - existing),
            "duplicates": int(in_file - unique + existing),
            "updated": int(updated),
            "accounts": int(accounts_new),
            "brands": brands,
        }


def resolve_roots(con) -> None:
    """Give every message without a thread root the root of its parent chain (iteratively, in
    SQL: each pass climbs one more level for all messages at once)."""
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
    for _ in range(200):  # deeper reply chains than this stop at the deepest known ancestor
        n = con.execute(
            """
            UPDATE messages m SET root_id = coalesce(p.root_id, p.id)
            FROM messages p
            WHERE m.root_id IS NULL AND m.parent_id = p.id
              AND (p.root_id IS NOT NULL OR p.parent_id IS NULL)
            """
        ).fetchall()[0][0]
        if n == 0:
            break
    # parents outside the store: the earliest known ancestor stands in as the root
    con.execute(
        """
        UPDATE messages SET root_id = parent_id
        WHERE root_id IS NULL AND parent_id IS NOT NULL
          AND parent_id NOT IN (SELECT id FROM messages)
        """
    )
    for _ in range(200):
        n = con.execute(
            """
            UPDATE messages m SET root_id = p.root_id
            FROM messages p
            WHERE m.root_id IS NULL AND m.parent_id = p.id AND p.root_id IS NOT NULL
            """
        ).fetchall()[0][0]
        if n == 0:
            break
