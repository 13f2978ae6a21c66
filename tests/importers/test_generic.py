"""The generic CSV/JSONL importer: field mapping, time zones, big ids, HTML."""

from __future__ import annotations

from datetime import datetime

from brandcouch import api
from tests.conftest import FIXTURES

G = FIXTURES / "generic"


def test_csv_fields_are_mapped(store):
    report = api.import_paths(store, [G / "thread_missing_time.csv"])[0]
    assert report.format == "generic-csv"
    assert report.brands == ["Acme"]
    rows = store.con.execute(
        "SELECT id, author_id, kind, parent_id, root_id, created_at, likes FROM messages ORDER BY id"
    ).fetchall()
    by_id = {r[0]: r for r in rows}
    assert by_id["generic:p1"] == (
        "generic:p1", "generic:acme", "post", None, "generic:p1", datetime(2024, 3, 1, 9, 0), 14
    )  # fmt: skip
    # +01:00 is converted to UTC
    assert by_id["generic:c2"][5] == datetime(2024, 3, 1, 10, 0)
    assert by_id["generic:c3"][5] is None
    assert by_id["generic:r1"][2:5] == ("reply", "generic:c1", "generic:p1")
    acc = store.con.execute(
        "SELECT handle, followers FROM accounts WHERE id = 'generic:u1'"
    ).fetchall()
    assert acc == [("ann", 35)]


def test_jsonl_with_mapping_keeps_big_ids_and_strips_html(store):
    mapping = {"id": "msg_id", "author": "user", "text": "body", "created_at": "ts",
               "platform": "channel", "parent_id": "reply_to"}  # fmt: skip
    report = api.import_paths(
        store, [G / "body_mapping.jsonl"], format="generic-jsonl", mapping=mapping
    )[0]
    assert report.imported == 2
    rows = store.con.execute(
        "SELECT native_id, text, created_at, parent_id FROM messages ORDER BY native_id"
    ).fetchall()
    assert rows[0] == (
        "9007199254740993",
        "Hello & welcome",
        datetime(2023, 11, 14, 22, 13, 20),
        None,
    )
    assert rows[1][0] == "9007199254740995"  # > 2^53, kept exactly
    assert rows[1][2] == datetime(2023, 11, 14, 22, 14, 20)  # epoch milliseconds
    assert rows[1][3] == "forum:9007199254740993"
