"""open_store creates a store only when asked, and refuses (untouched) anything that is not one."""

from __future__ import annotations

import duckdb
import pytest

from brandcouch.errors import StoreError
from brandcouch.store import open_store
from brandcouch.store.schema import MIGRATIONS


def _foreign_duckdb(path):
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE orders (id INTEGER, total DOUBLE)")
    con.execute("INSERT INTO orders VALUES (1, 9.5)")
    con.close()
    return path


def test_a_missing_store_is_refused_and_nothing_is_created(tmp_path):
    typo = tmp_path / "sub" / "brandcuoch.duckdb"
    with pytest.raises(StoreError) as e:
        open_store(typo)
    assert str(e.value) == (
        f"{typo}: no brandcouch store here; create one with `brandcouch import` or "
        "`brandcouch demo`"
    )
    assert not (tmp_path / "sub").exists()  # not even the folder
    with pytest.raises(StoreError, match="no brandcouch store here"):
        open_store(typo, read_only=True)
    with pytest.raises(StoreError, match="no brandcouch store here"):
        open_store(typo, read_only=True, create=True)  # a read-only store cannot be created
    assert list(tmp_path.iterdir()) == []


def test_create_makes_the_store_and_says_so_only_the_first_time(tmp_path):
    path = tmp_path / "new" / "s.duckdb"
    with open_store(path, create=True) as s:
        assert s.created is True
        assert s.applied_migrations() == [name for name, _ in MIGRATIONS]  # all of them
    with open_store(path, create=True) as s:
        assert s.created is False
    with open_store(path) as s:
        assert s.created is False and s.counts()["messages"] == 0
    with open_store(path, read_only=True) as s:
        assert s.created is False


def test_memory_needs_no_create():
    with open_store(":memory:") as s:
        assert s.counts() == {"messages": 0, "accounts": 0, "brands": 0, "imports": 0}


@pytest.mark.parametrize("kwargs", [{}, {"create": True}, {"read_only": True}])
def test_a_csv_given_as_the_store_is_refused_and_left_byte_identical(tmp_path, kwargs):
    csv = tmp_path / "export.csv"
    csv.write_bytes(b"id,author,text\n1,ann,hello\n")
    before = csv.read_bytes()
    with pytest.raises(StoreError) as e:
        open_store(csv, **kwargs)
    assert str(e.value) == f"{csv} is not a brandcouch store (not a DuckDB database file)"
    assert csv.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv"]  # no .wal beside it


def test_an_empty_file_and_a_folder_are_refused(tmp_path):
    empty = tmp_path / "empty.duckdb"
    empty.touch()
    with pytest.raises(StoreError) as e:
        open_store(empty, create=True)
    assert str(e.value) == f"{empty} is not a brandcouch store (an empty file)"
    assert empty.read_bytes() == b""
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(StoreError) as e:
        open_store(folder, create=True)
    assert str(e.value) == f"{folder} is not a brandcouch store (it is a folder)"
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize("kwargs", [{}, {"create": True}, {"read_only": True}])
def test_another_duckdb_database_is_refused_and_never_modified(tmp_path, kwargs):
    other = _foreign_duckdb(tmp_path / "shop.duckdb")
    before = other.read_bytes()
    with pytest.raises(StoreError) as e:
        open_store(other, **kwargs)
    assert str(e.value) == (
        f"{other} is not a brandcouch store (a DuckDB database without brandcouch's tables)"
    )
    assert other.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shop.duckdb"]
    con = duckdb.connect(str(other), read_only=True)
    assert con.execute("SELECT * FROM orders").fetchall() == [(1, 9.5)]
    assert con.execute("SELECT count(*) FROM duckdb_tables()").fetchall() == [(1,)]
    con.close()


def test_a_store_open_twice_in_one_process_still_opens(tmp_path):
    path = tmp_path / "s.duckdb"
    with open_store(path, create=True) as first:
        first.con.execute("INSERT INTO brands VALUES ('Acme', 'config')")
        with open_store(path) as second:  # the read-only check cannot run here: still opens
            assert second.scalar("SELECT name FROM brands") == "Acme"
