"""The DuckDB store: one connection, named migrations, one write path."""

from brandcouch.store.connection import DEFAULT_DB, Store, open_store

__all__ = ["DEFAULT_DB", "Store", "open_store"]
