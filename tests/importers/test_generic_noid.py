"""Generic CSV without an id column: content-hash ids, the ``social`` preset, no duplicates."""

from __future__ import annotations

import hashlib

import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from brandcouch.errors import ConfigError
from brandcouch.importers.generic import content_id
from tests.conftest import FIXTURES

G = FIXTURES / "generic"
register_all()


def _ids(store):
    return [r[0] for r in store.con.execute("SELECT native_id FROM messages").fetchall()]


def test_social_export_is_detected_and_imports(store):
    report = api.import_paths(store, [G / "social_export.csv"])[0]
    assert report.format == "generic-csv"
    assert (report.records_read, report.imported, report.duplicates) == (5, 5, 0)
    rows = store.con.execute(
        "SELECT platform, author_id, text, created_at FROM messages ORDER BY created_at, native_id"
    ).fetchall()
    assert rows[0][:3] == (
        "twitter", "twitter:jdoe", "@AcmeCo my order #4411 never arrived, two weeks now"
    )  # fmt: skip
    assert str(rows[0][3]) == "2024-05-02 09:15:00"
    assert {r[0] for r in rows} == {"twitter", "facebook", "instagram"}
    ids = _ids(store)
    # the two identical Facebook rows are two messages: occurrence 0 and 1 of one hash
    dup = [i for i in ids if i.endswith("-1")]
    assert len(dup) == 1 and dup[0][:-2] + "-0" in ids


def test_reimport_and_newer_export_add_no_duplicates(store):
    api.import_paths(store, [G / "social_export.csv"])
    before = set(_ids(store))
    again = api.import_paths(store, [G / "social_export.csv"])[0]
    assert (again.imported, again.duplicates) == (0, 5)
    newer = api.import_paths(store, [G / "social_export_newer.csv"])[0]
    # two new rows prepended (one is a third "Love the new blender" at another time)
    assert (newer.records_read, newer.imported, newer.duplicates) == (7, 2, 5)
    after = set(_ids(store))
    assert before < after and len(after) == 7


def test_map_preset_alone_via_cli(tmp_path):
    db = tmp_path / "s.duckdb"
    r = CliRunner().invoke(
        app, ["import", "--db", str(db), "--format", "generic-csv", "--map", "preset=social",
              str(G / "social_export.csv")],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(
        app, ["import", "--db", str(db), "--map", "preset=social", str(G / "social_export.csv")]
    )
    assert r.exit_code == 0, r.output
    with api.open_store(db) as s:
        assert s.con.execute("SELECT count(*) FROM messages").fetchone()[0] == 5


def test_unknown_preset_is_a_config_error(store):
    with pytest.raises(ConfigError, match="unknown preset"):
        api.import_paths(store, [G / "social_export.csv"], mapping={"preset": "nope"})


def test_content_id_rule_by_hand():
    row = {"platform": "Twitter", "author": "jdoe", "created_at": "2024-05-02 09:15",
           "text": "  hi   there ", "parent_id": None, "to": None}  # fmt: skip
    seen: dict[str, int] = {}
    first = content_id(row.get, seen)
    second = content_id(row.get, seen)
    raw = "\x1f".join(["twitter", "jdoe", "2024-05-02T09:15:00+00:00", "", "", "hi there"])
    digest = hashlib.sha256(raw.encode()).hexdigest()[:24]
    assert (first, second) == (f"h{digest}-0", f"h{digest}-1")


def test_an_at_handle_in_a_generic_export_addresses_the_brand(tmp_path):
    """A customer who names the brand (@acme) without a reply from it is still inbound to it;
    an e-mail address is not a mention."""
    src = tmp_path / "mentions.csv"
    src.write_text(
        "id,author,text,created_at,platform,parent_id,brand,author_handle\n"
        "p1,acme,Our spring range is out,2024-05-01T08:00:00Z,twitter,,Acme,acme\n"
        "q1,u1,@acme my parcel is lost,2024-05-01T09:00:00Z,twitter,,,u1\n"
        "q2,u2,wrote to care@acme.com twice,2024-05-01T10:00:00Z,twitter,,,u2\n",
        encoding="utf-8",
    )
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    got = store.df("SELECT message_id, handle FROM message_mentions ORDER BY 1")
    assert got.values.tolist() == [["twitter:q1", "acme"]]
    result = api.analyse_sections(store, ["brands"], signals=False)
    assert result["brands"][0]["metrics"]["inbound"] == 1
    store.close()
