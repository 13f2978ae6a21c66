"""Bluesky / AT Protocol importer: getPostThread, getAuthorFeed, getRecord, bare records."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import Source, detect
from brandcouch.importers.bluesky import facet_mentions
from tests.conftest import FIXTURES, shared_path, table_snapshot

B = FIXTURES / "bluesky"
BRAND = "did:plc:brandbrandbrandbrandbran"
CUST = "did:plc:customercustomercustomer"
THIRD = "did:plc:thirdthirdthirdthirdthird"
MSG_COLS = (
    "native_id, author_id, kind, parent_id, root_id, to_account_id, created_at, likes, reposts, "
    "replies, text, permalink"
)


def _msgs(store) -> dict[str, tuple]:
    rows = store.con.execute(f"SELECT {MSG_COLS} FROM messages").fetchall()
    return {r[0]: r for r in rows}


def _uri(did: str, rkey: str) -> str:
    return f"at://{did}/app.bsky.feed.post/{rkey}"


def test_real_get_post_thread(store):
    path = shared_path("fixtures", "bluesky", "thread_view_post_with_embed_media.json")
    report = api.import_paths(store, [path])[0]
    assert report.format == "bluesky"
    # the focal post and the post it quotes (hydrated in the embed view)
    assert (report.records_read, report.imported) == (1, 2)
    did = "did:plc:kvwvcn5iqfooopmyzvb4qzba"
    m = _msgs(store)
    focal = m[_uri(did, "3kaheyt6vpc22")]
    assert focal == (
        _uri(did, "3kaheyt6vpc22"), f"bluesky:{did}", "quote", None,
        f"bluesky:{_uri(did, '3kaheyt6vpc22')}", f"bluesky:{did}",
        datetime(2023, 9, 28, 12, 49, 36, 735000), 0, 0, 0, "",
        "https://bsky.app/profile/test.marshal.dev/post/3kaheyt6vpc22",
    )  # fmt: skip
    quoted = m[_uri(did, "3kahesw26il2z")]
    assert quoted[2] == "post" and quoted[10] == "test"
    assert quoted[6] == datetime(2023, 9, 28, 12, 46, 18, 414000)
    acc = store.con.execute(
        "SELECT handle, display_name, created_at FROM accounts WHERE id = ?", [f"bluesky:{did}"]
    ).fetchone()
    assert acc == ("test.marshal.dev", "Python SDK", datetime(2023, 4, 26, 19, 5, 34, 249000))


def test_real_get_record_with_python_style_offset(store):
    report = api.import_paths(store, [shared_path("fixtures", "bluesky", "post_record.json")])[0]
    assert report.imported == 1
    uri = "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3k2yihcrp6f2c"
    m = _msgs(store)[uri]
    assert m[1:3] == ("bluesky:did:plc:kvwvcn5iqfooopmyzvb4qzba", "post")
    assert m[6] == datetime(2024, 2, 22, 19, 58, 13, 903293)  # "+00:00" with microseconds
    assert m[10] == "new text114"
    assert m[11] == "https://bsky.app/profile/did:plc:kvwvcn5iqfooopmyzvb4qzba/post/3k2yihcrp6f2c"


def test_real_bare_record_without_uri_is_skipped_not_invented(store):
    path = shared_path("fixtures", "bluesky", "atproto_embed_post.json")
    report = api.import_paths(store, [path])[0]
    assert (report.format, report.imported) == ("bluesky", 0)
    assert report.skipped == [
        ("document", "bare post record without its at:// URI: author and id unknown")
    ]


def test_record_facets_use_byte_offsets(store):
    # the real record above, wrapped as a getRecord response with a uri
    report = api.import_paths(store, [B / "record_with_uri.json"])[0]
    assert report.imported == 1
    m = _msgs(store)[_uri("did:plc:z72i7hdynmk6r22z27h6tvur", "3kfqkmkx4sz2p")]
    assert m[2:6] == (
        "reply",
        "bluesky:at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3kfqklhpalh2c",
        "bluesky:at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3kfqkkjdkic2e",
        "bluesky:did:plc:ewvi7nxzyoun6zhxrhs64oiz",
    )
    # the text has a multi-byte em dash before the mention: byte offsets give "@snarfed.org"
    assert (
        store.scalar(
            "SELECT handle FROM accounts WHERE id = 'bluesky:did:plc:fdme4gb7mu7zrie7peay7tst'"
        )
        == "snarfed.org"
    )


def test_facet_mentions_helper_multibyte():
    text = "Ça marche pas — @acme.bsky.social help!"
    start = len("Ça marche pas — ".encode())
    rec = {"text": text, "facets": [{"index": {"byteStart": start, "byteEnd": start + 17},
           "features": [{"$type": "app.bsky.richtext.facet#mention", "did": BRAND}]}]}  # fmt: skip
    assert facet_mentions(rec) == [(BRAND, "@acme.bsky.social")]


def test_threaded_get_post_thread(store):
    report = api.import_paths(store, [B / "thread.json"])[0]
    # parent, focal, 2 replies, 1 nested reply, 1 notFoundPost
    assert (report.records_read, report.imported) == (6, 5)
    assert report.skipped == [
        (f"document thread replies[2] ({_uri(THIRD, '3gone')})", "post not found (deleted)")
    ]
    m = _msgs(store)
    root = f"bluesky:{_uri(BRAND, '3root')}"
    assert m[_uri(BRAND, "3root")][1:10] == (
        f"bluesky:{BRAND}",
        "post",
        None,
        root,
        None,
        datetime(2024, 3, 1, 10),
        10,
        3,
        2,
    )
    focal = m[_uri(CUST, "3focal")]
    assert focal[1:6] == (f"bluesky:{CUST}", "reply", root, root, f"bluesky:{BRAND}")
    assert focal[10] == "Ça marche pas — @acme.bsky.social help!"
    ans = m[_uri(BRAND, "3answer")]
    assert ans[2:6] == ("reply", f"bluesky:{_uri(CUST, '3focal')}", root, f"bluesky:{CUST}")
    thanks = m[_uri(CUST, "3thanks")]
    assert thanks[3:6] == (f"bluesky:{_uri(BRAND, '3answer')}", root, f"bluesky:{BRAND}")
    # an invalid handle is not used in the permalink
    assert m[_uri(THIRD, "3other")][11] == (f"https://bsky.app/profile/{THIRD}/post/3other")
    assert store.scalar(f"SELECT handle FROM accounts WHERE id = 'bluesky:{THIRD}'") is None
    assert store.scalar("SELECT count(*) FROM messages WHERE root_id = ?", [root]) == 5


def test_author_feed_with_reply_context_and_repost(store):
    report = api.import_paths(store, [B / "author_feed.json"])[0]
    # 4 feed items: the mention, the answer (+ its root and parent), the repost (+ the post)
    assert (report.records_read, report.imported, report.duplicates) == (4, 5, 0)
    m = _msgs(store)
    mention = m[_uri(BRAND, "3mention")]
    assert mention[2:6] == (
        "mention",
        None,
        f"bluesky:{_uri(BRAND, '3mention')}",
        f"bluesky:{CUST}",
    )
    repost = m[f"{_uri(BRAND, '3root')}#repost:{CUST}"]
    assert repost[1:7] == (f"bluesky:{CUST}", "repost", None, repost[4], f"bluesky:{BRAND}",
                           datetime(2024, 3, 1, 12))  # fmt: skip
    assert repost[10] == "" and repost[7:10] == (None, None, None)
    assert m[_uri(CUST, "3focal")][2] == "reply"  # reply.parent hydrated from the feed item
    assert store.scalar(f"SELECT handle FROM accounts WHERE id = 'bluesky:{CUST}'") == (
        "jo.example.com"
    )


def test_import_twice_adds_nothing(store):
    path = shared_path("fixtures", "bluesky", "thread_view_post_with_embed_media.json")
    first = api.import_paths(store, [path])[0]
    second = api.import_paths(store, [path])[0]
    assert (second.imported, second.duplicates) == (0, first.imported)
    first = api.import_paths(store, [B / "thread.json"])[0]
    second = api.import_paths(store, [B / "thread.json"])[0]
    assert (first.imported, second.imported, second.duplicates) == (5, 0, 5)


def test_truncated_fails_and_leaves_store_unchanged(store, tmp_path):
    data = shared_path("fixtures", "bluesky", "thread_view_post_with_embed_media.json").read_bytes()
    cut = tmp_path / "thread.json"
    cut.write_bytes(data[: len(data) // 2])
    api.import_paths(store, [B / "author_feed.json"])
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [cut])
    assert "\n" not in str(e.value) and str(cut) in str(e.value)
    assert "invalid JSON" in str(e.value)
    assert table_snapshot(store) == before


@pytest.mark.parametrize(
    "name",
    ["thread_view_post_with_embed_media.json", "post_record.json", "atproto_embed_post.json"],
)
def test_detection_by_content(tmp_path, name):
    real = shared_path("fixtures", "bluesky", name)
    assert detect(Source.from_path(real)).name == "bluesky"
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == "bluesky"
    for own in ("thread.json", "author_feed.json", "record_with_uri.json"):
        assert detect(Source.from_path(B / own)).name == "bluesky"
