"""DuckDB's memory limit: a bounded default when the ``memory_limit`` setting is empty (a share
of the machine's memory, capped), the user's setting when given, and the spill folder beside
the store (or in the system temp folder), removed once empty."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from brandcouch import api
from brandcouch.settings import Config
from brandcouch.store import connection
from brandcouch.store.connection import default_memory_limit, open_store, spill_directory
from tests.analysis.conftest import write_csv

GIB = 1024**3


def _limit(store) -> str:
    return store.scalar("SELECT current_setting('memory_limit')")


@pytest.fixture(autouse=True)
def _no_env_limit(monkeypatch):
    monkeypatch.delenv("BRANDCOUCH_MEMORY_LIMIT", raising=False)


@pytest.mark.parametrize(
    ("memory", "store", "expected"),
    [
        (1 * GIB, 0, "256MiB"),  # a quarter of 1 GiB
        (24 * GIB, 0, "512MiB"),  # a quarter would be 6 GiB: the cap
        (256 * 1024**2, 0, "128MiB"),  # a quarter would be 64 MiB: the floor
        (None, 0, "512MiB"),  # memory unknown: the cap
        (24 * GIB, 1 * GIB, "2048MiB"),  # 512 MiB + 1.5 times a 1 GiB store
        (None, 1 * GIB, "2048MiB"),
        (24 * GIB, 10 * GIB, "12288MiB"),  # 512 MiB + 15 GiB, at most half the memory
        (1 * GIB, 2 * GIB, "512MiB"),  # 256 MiB + 3 GiB, at most half the memory
        (256 * 1024**2, 2 * GIB, "128MiB"),  # half the memory is below the floor: the floor
    ],
)
def test_default_limit_is_a_capped_share_of_memory(monkeypatch, memory, store, expected):
    monkeypatch.setattr(connection, "_machine_memory", lambda: memory)
    assert default_memory_limit(store) == expected


def test_machine_memory_is_known_here():
    total = connection._machine_memory()
    assert total is not None and total > 64 * 1024**2


def _tiny_store(tmp_path, config=None):
    src = tmp_path / "tiny.csv"
    write_csv(src)
    path = tmp_path / "s.duckdb"
    with open_store(path, create=True) as store:
        api.import_paths(store, [src])
        api.run_signals(store)
    return path


def test_the_analysis_connection_gets_the_default_limit(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "_machine_memory", lambda: 2 * GIB)  # a quarter: 512 MiB
    path = _tiny_store(tmp_path)
    with api.open_store(path, read_only=True) as store:
        result = api.analyse(store)
        assert [b.name for b in result.brands] == ["Acme"]
        # 512 MiB + 1.5 times the store's file, in whole MiB, at most half of the 2 GiB (not
        # DuckDB's 80% of RAM)
        mib = min(512 * 1024**2 + path.stat().st_size * 3 // 2, GIB) // 1024**2
        assert 513 <= mib < 700 and _limit(store) == f"{mib}.0 MiB"
        spill = store.scalar("SELECT current_setting('temp_directory')")
        assert spill == str(path.resolve()) + ".tmp"


def test_a_users_setting_overrides_the_default(tmp_path, monkeypatch):
    monkeypatch.setattr(connection, "_machine_memory", lambda: 2 * GIB)
    path = _tiny_store(tmp_path)
    config = Config({"settings": {"memory_limit": "300MB"}})
    with api.open_store(path, read_only=True, config=config) as store:
        api.analyse(store, config=config)
        assert _limit(store) == "286.1 MiB"  # 300,000,000 bytes
    monkeypatch.setenv("BRANDCOUCH_MEMORY_LIMIT", "1GB")  # the environment beats the file
    with api.open_store(path, read_only=True, config=config) as store:
        assert _limit(store) == "953.6 MiB"
    with api.open_store(":memory:", config=config.with_flags(memory_limit="2GiB")) as store:
        assert _limit(store) == "2.0 GiB"  # a flag beats both


def test_spill_folder_beside_the_store_or_in_the_temp_folder(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    store_path = tmp_path / "a" / "s.duckdb"
    assert spill_directory(str(store_path)) == tmp_path / "a" / "s.duckdb.tmp"
    tmp_spill = Path(tempfile.gettempdir()) / "brandcouch-spill"
    assert spill_directory(":memory:") == tmp_spill
    monkeypatch.setattr(connection.os, "access", lambda p, mode: False)  # a read-only folder
    assert spill_directory(str(store_path)) == tmp_spill


def test_a_spill_is_removed_on_close(tmp_path):
    path = tmp_path / "s.duckdb"
    config = Config({"settings": {"memory_limit": "32MB"}})
    with open_store(path, create=True, config=config) as store:
        store.con.execute("SET threads TO 1")
        # ~100 MB of rows in a temp table: past 32 MB they go to the spill folder
        store.con.execute(
            "CREATE TEMP TABLE big AS SELECT i, repeat('x', 200) || i AS t FROM range(500000) r(i)"
        )
        spill = tmp_path / "s.duckdb.tmp"
        assert any(spill.iterdir())  # DuckDB spilled there
        assert store.scalar("SELECT count(*) FROM big") == 500_000
    assert not spill.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.duckdb"]


def test_a_writer_makes_room_for_its_primary_key_indexes(tmp_path, monkeypatch):
    """DuckDB keeps a primary-key index (ART) in memory: with the default limit, a writer adds
    48 bytes per row the index will hold; a user's limit is left alone."""
    monkeypatch.setattr(connection, "_machine_memory", lambda: 2 * GIB)  # default 512 MiB
    with open_store(tmp_path / "s.duckdb", create=True) as store:
        # 512 MiB + half the new file (DuckDB's header blocks, a few KiB)
        assert 512 * 1024**2 <= store.default_limit < 513 * 1024**2
        connection.make_room_for_index(store, 10_000_000)
        # 536,870,912 + 480,000,000 bytes = 969.8 MiB, rounded up to a whole MiB
        assert _limit(store) == "970.0 MiB"
        connection.make_room_for_index(store, 1_000)  # never lowered
        assert _limit(store) == "970.0 MiB"
    config = Config({"settings": {"memory_limit": "300MB"}})
    with open_store(tmp_path / "s.duckdb", config=config) as store:
        assert store.default_limit is None
        connection.make_room_for_index(store, 10_000_000)
        assert _limit(store) == "286.1 MiB"
