"""``brandcouch export parquet``: the store's tables as Parquet files, one per table, with a
``manifest.json`` (schema version, migrations, row counts), through DuckDB's ``COPY ... TO``.

The directory is the input of ``brandcouch analyze --engine spark --input DIR`` (locally, or
copied to HDFS / S3 / DBFS for a cluster: docs/scale.md). Signal values computed on Spark for
texts the store had not scored are written beside them (``signal_values_spark.parquet``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from brandcouch.errors import BrandcouchError, StoreError

#: what the analysis reads (signal_values is the signal cache of brandcouch.store.signal_cache)
TABLES = (
    "messages",
    "accounts",
    "brands",
    "brand_accounts",
    "message_mentions",
    "signal_values",
    "imports",
)
MANIFEST = "manifest.json"
FORMAT = "brandcouch.parquet"
FORMAT_VERSION = 1


class ExportError(BrandcouchError):
    """The Parquet directory cannot be written."""


def export_parquet(db: str | Path, out: str | Path) -> dict:
    """Write every table of :data:`TABLES` of the store at ``db`` to ``out/<table>.parquet``
    and ``out/manifest.json``; returns the manifest. The store is opened read-only."""
    from brandcouch.store import open_store

    db, out = Path(db), Path(out)
    if not db.exists():
        raise StoreError(f"{db}: no such store; make one with brandcouch import or demo")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a directory")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ExportError(f"{out}: cannot create the directory ({e.strerror or e})") from None
    with open_store(str(db), read_only=True) as store:
        counts = {}
        for table in TABLES:
            target = out / f"{table}.parquet"
            quoted = str(target).replace("'", "''")
            try:
                store.con.execute(
                    f"COPY (SELECT * FROM {table}) TO '{quoted}' (FORMAT parquet, COMPRESSION zstd)"
                )
            except Exception as e:  # duckdb.IOException and kin: one line
                raise ExportError(f"{target}: cannot write ({str(e).splitlines()[0]})") from None
            counts[table] = int(store.scalar(f"SELECT count(*) FROM {table}"))
        from brandcouch import __version__

        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "schema_version": store.schema_version(),
            "migrations": store.applied_migrations(),
            "brandcouch_version": __version__,
            "source": str(db),
            "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "tables": counts,
        }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    return manifest


def read_manifest(directory: str | Path) -> dict:
    """The manifest of an exported directory (local paths only)."""
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ExportError(
            f"{directory}: no {MANIFEST}; write one with brandcouch export parquet --db DB DIR"
        ) from None
    except (OSError, ValueError) as e:
        raise ExportError(f"{path}: unreadable ({e})") from None
    if manifest.get("format") != FORMAT:
        raise ExportError(f"{path}: not a brandcouch Parquet export")
    return manifest
