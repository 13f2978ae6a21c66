"""Mastodon account archive (outbox.json + actor.json) and REST API status importers."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import Source, detect
from tests.conftest import FIXTURES, shared_path, table_snapshot

M = FIXTURES / "mastodon"
OWNER = "https://indieweb.social/users/dealingwith"
MSG_COLS = (
    "native_id, author_id, kind, parent_id, root_id, to_account_id, created_at, likes, reposts, "
    "replies, text, permalink, title, edited_at"
)


def _msgs(store) -> dict[str, tuple]:
    rows = store.con.execute(f"SELECT {MSG_COLS} FROM messages").fetchall()
    return {r[0]: r for r in rows}


def _st(n: str) -> str:
    return f"{OWNER}/statuses/{n}"


def test_real_archive_folder(store):
    reports = api.import_paths(store, [shared_path("fixtures", "mastodon_archive")])
    by_name = {r.file.rsplit("/", 1)[-1]: r for r in reports}
    assert by_name["actor.json"].format == "mastodon_archive_actor"
    out = by_name["outbox.json"]
    assert out.format == "mastodon_archive"
    # the duplicate `orderedItems` key: the empty first list does not hide the real one
    assert (out.records_read, out.imported, out.brands) == (32, 32, ["dealingwith"])
    kinds = dict(store.con.execute("SELECT kind, count(*) FROM messages GROUP BY 1").fetchall())
    assert kinds == {"post": 12, "reply": 17, "repost": 3}
    m = _msgs(store)
    o = f"mastodon:{OWNER}"
    # a reply to another server's note: parent/root stand-in, addressed to that actor
    r = m[_st("109309145334822499")]
    assert r[1:7] == (
        o, "reply", "mastodon:https://social.lol/users/mcg/statuses/109308078398027392",
        "mastodon:https://social.lol/users/mcg/statuses/109308078398027392",
        "mastodon:https://social.lol/users/mcg", datetime(2022, 11, 8, 16, 33, 11),
    )  # fmt: skip
    assert r[7:10] == (None, None, None)  # the archive has no counts
    assert r[10] == "@mcg 😜"
    assert r[11] == "https://indieweb.social/@dealingwith/109309145334822499"
    # a 6-post self-thread: every reply resolves to the first post
    chain = store.scalar(
        f"SELECT count(*) FROM messages WHERE root_id = 'mastodon:{_st('109965523804841935')}'"
    )
    assert chain == 6
    assert m[_st("109965543795002758")][3:6] == (
        f"mastodon:{_st('109965535953712681')}",
        f"mastodon:{_st('109965523804841935')}",
        o,
    )
    # an edited post, HTML entities decoded
    e = m[_st("109559452693184721")]
    assert e[2] == "post" and e[13] == datetime(2022, 12, 22, 21, 30, 4)
    assert e[10].startswith("We all know MS Teams is bad, but what's remarkable")
    # content warning as title; <br /> and <p> become line breaks
    cw = m[_st("110810206659204987")]
    assert cw[12] == "Complaining" and cw[10].startswith(
        "Current plan:\n\n- Just survive until EOD"
    )
    # a boost
    b = m[_st("109449999597967268") + "/activity"]
    assert b[1:7] == (o, "repost", None, b[4], "mastodon:https://mastodon.social/users/s0mmer",
                      datetime(2022, 12, 3, 13, 34, 16))  # fmt: skip
    assert (
        b[10] == "" and b[11] == "https://mastodon.social/users/s0mmer/statuses/109440048909776763"
    )
    acc = store.con.execute(
        "SELECT handle, display_name, bio, created_at FROM accounts WHERE id = ?", [o]
    ).fetchone()
    assert acc == ("dealingwith@indieweb.social", "dealingwith",
                   "ennui. far too much more info at link below", datetime(2022, 11, 7))  # fmt: skip
    assert (
        store.scalar(
            "SELECT handle FROM accounts WHERE id = 'mastodon:https://social.lol/users/mcg'"
        )
        == "mcg@social.lol"
    )
    assert store.con.execute("SELECT brand, platform, ref FROM brand_accounts").fetchall() == [
        ("dealingwith", "mastodon", OWNER)
    ]


def test_outbox_without_actor_json_skips_direct_and_non_messages(store):
    report = api.import_paths(store, [M / "outbox_noactor.json"])[0]
    assert (report.records_read, report.imported, report.brands) == (4, 2, ["acme"])
    assert report.skipped == [
        ("orderedItems[1] (https://social.example/users/acme/statuses/2)",
         "direct message (private), not imported"),
        ("orderedItems[2]", "Like activity is not a message"),
    ]  # fmt: skip
    m = _msgs(store)
    first = m["https://social.example/users/acme/statuses/1"]
    assert first[2] == "mention" and first[5] == "mastodon:https://other.example/users/jo"
    assert first[10] == "Hello @jo welcome"
    assert (
        store.scalar(
            "SELECT handle FROM accounts WHERE id = 'mastodon:https://social.example/users/acme'"
        )
        == "acme@social.example"
    )


def test_real_api_statuses(store):
    folder = shared_path("fixtures", "mastodon_api")
    reports = [r for r in api.import_paths(store, [folder]) if r.status == "imported"]
    assert {r.format for r in reports} == {"mastodon_api"}
    assert sum(r.imported for r in reports) == 4
    m = _msgs(store)
    g = m["103270115826048975"]
    assert g[1:10] == ("mastodon:1", "post", None, "mastodon:103270115826048975", None,
                       datetime(2019, 12, 8, 3, 48, 33, 901000), 11, 6, 5)  # fmt: skip
    assert g[10].startswith('"I lost my inheritance with one wrong digit on my sort code"')
    assert g[11] == "https://mastodon.social/@Gargron/103270115826048975"
    reply = m["117020583258292382"]
    assert reply[1:7] == (
        "mastodon:117020565693913441", "reply", "mastodon:117020583245459824",
        "mastodon:117020583245459824", "mastodon:117020566092212359",
        datetime(2026, 8, 1, 13, 53, 15, 910000),
    )  # fmt: skip
    assert reply[10] == "@mastodonpy_test_2 same!"
    assert m["1"][10] == "Hello world" and m["1"][7:10] == (112, 98, 7)
    acc = store.con.execute(
        "SELECT handle, display_name, created_at FROM accounts WHERE id = 'mastodon:1'"
    ).fetchone()
    assert acc == ("Gargron@mastodon.social", "Eugen", datetime(2016, 3, 16, 14, 34, 26, 392000))
    # files are imported in name order: statuses_get.example.json's count is the last seen
    assert store.scalar("SELECT followers FROM accounts WHERE id = 'mastodon:1'") == 320472


def test_api_context_with_boost_edit_and_direct(store):
    report = api.import_paths(store, [M / "context.json"])[0]
    assert (report.format, report.records_read, report.imported) == ("mastodon_api", 5, 4)
    assert report.skipped == [
        ("status 111000000000000005", "direct message (private), not imported")
    ]
    m = _msgs(store)
    assert m["111000000000000002"][2:6] == (
        "reply", "mastodon:111000000000000001", "mastodon:111000000000000001",
        "mastodon:110000000000000001",
    )  # fmt: skip
    assert m["111000000000000002"][10] == "@acme login is broken <again>"
    ans = m["111000000000000003"]
    assert ans[4] == "mastodon:111000000000000001"  # root resolved through the chain
    assert ans[12:14] == ("support", datetime(2023, 9, 1, 10, 25))
    boost = m["111000000000000004"]
    assert boost[1:3] == ("mastodon:110000000000000002", "repost")
    assert boost[5] == "mastodon:110000000000000001" and boost[7:10] == (None, None, None)
    assert m["111000000000000001"][7:10] == (17, 4, 2)
    accs = dict(store.con.execute("SELECT id, handle FROM accounts").fetchall())
    assert accs["mastodon:110000000000000002"] == "jo@other.example"
    assert accs["mastodon:110000000000000001"] == "acme@social.example"


def test_import_twice_adds_nothing(store):
    path = shared_path("fixtures", "mastodon_archive", "outbox.json")
    first = api.import_paths(store, [path])[0]
    second = api.import_paths(store, [path])[0]
    assert first.imported == 32
    assert (second.imported, second.duplicates) == (0, first.imported)
    api_path = shared_path("fixtures", "mastodon_api", "Status.example.json")
    first = api.import_paths(store, [api_path])[0]
    second = api.import_paths(store, [api_path])[0]
    assert (first.imported, second.imported, second.duplicates) == (1, 0, 1)


@pytest.mark.parametrize(
    "parts", [("mastodon_archive", "outbox.json"), ("mastodon_api", "Status.example.json")]
)
def test_truncated_fails_and_leaves_store_unchanged(store, tmp_path, parts):
    data = shared_path("fixtures", *parts).read_bytes()
    cut = tmp_path / parts[1]
    cut.write_bytes(data[: len(data) // 2])
    api.import_paths(store, [M / "context.json"])
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [cut])
    assert "\n" not in str(e.value) and str(cut) in str(e.value)
    assert "invalid JSON" in str(e.value)
    assert table_snapshot(store) == before


@pytest.mark.parametrize(
    ("parts", "fmt"),
    [(("mastodon_archive", "outbox.json"), "mastodon_archive"),
     (("mastodon_archive", "actor.json"), "mastodon_archive_actor"),
     (("mastodon_api", "Status.example.json"), "mastodon_api"),
     (("mastodon_api", "test_status_reply.reply.json"), "mastodon_api")],
)  # fmt: skip
def test_detection_by_content(tmp_path, parts, fmt):
    real = shared_path("fixtures", *parts)
    assert detect(Source.from_path(real)).name == fmt
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == fmt


def test_detection_of_own_fixtures():
    assert detect(Source.from_path(M / "context.json")).name == "mastodon_api"
    assert detect(Source.from_path(M / "outbox_noactor.json")).name == "mastodon_archive"
