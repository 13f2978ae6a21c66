"""The X/Twitter account archive importer (tweets.js / tweet.js with manifest.js, account.js)."""

from __future__ import annotations

import shutil
import zipfile
from datetime import datetime

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import Source, detect
from tests.conftest import FIXTURES, shared_path, table_snapshot

T = FIXTURES / "twitter"
MSG_COLS = (
    "native_id, author_id, kind, parent_id, root_id, to_account_id, created_at, likes, reposts, "
    "replies, views, text, permalink, edited_at, deleted"
)


def _msgs(store) -> dict[str, tuple]:
    rows = store.con.execute(f"SELECT {MSG_COLS} FROM messages").fetchall()
    return {r[0]: r for r in rows}


def _archive_copy(tmp_path, *names: str):
    src = shared_path("fixtures", "twitter_archive")
    dst = tmp_path / "archive"
    dst.mkdir()
    for n in names:
        shutil.copy(src / n, dst / n)
    return dst


def test_tweet_js_2020_layout_with_manifest(store, tmp_path):
    folder = _archive_copy(tmp_path, "tweet.js", "manifest.js")
    report = api.import_paths(store, [folder / "tweet.js"])[0]
    assert report.format == "twitter_archive"
    assert (report.records_read, report.imported, report.brands) == (22, 22, ["LumenInferius"])
    m = _msgs(store)
    owner = "twitter:1153674767859441664"
    # the newest tweet: counts are strings in the file
    assert m["1221130902635458567"] == (
        "1221130902635458567", owner, "post", None, "twitter:1221130902635458567", None,
        datetime(2020, 1, 25, 18, 1, 9), 35, 6, None, None,
        "Passing through the Cathedral will be quite a challenge... #screenshotsaturday "
        "#indiegame #gamedev #madewithunity #madewithspine #lumeninferiush https://t.co/3mty6RE1PW",
        "https://twitter.com/LumenInferius/status/1221130902635458567", None, False,
    )  # fmt: skip
    # a reply to another account whose tweet is not in the archive
    r = m["1208381411750809600"]
    assert r[1:7] == (
        owner, "reply", "twitter:1208375591025758209", "twitter:1208375591025758209",
        "twitter:772053892225966080", datetime(2019, 12, 21, 13, 39, 13),
    )  # fmt: skip
    assert (r[7], r[8], r[11]) == (1, 0, "@SquireofTwitch why not?")
    kinds = store.con.execute(
        "SELECT kind, count(*) FROM messages GROUP BY 1 ORDER BY 1"
    ).fetchall()
    assert kinds == [("post", 13), ("reply", 9)]
    acc = store.con.execute(
        "SELECT handle, display_name, followers FROM accounts WHERE id = ?", [owner]
    ).fetchone()
    assert acc == ("LumenInferius", "Lumen Inferius", 463)  # followers: manifest's follower count
    # replied-to accounts get their handle, so --brand "X=twitter:SquireofTwitch" can match
    assert (
        store.scalar("SELECT handle FROM accounts WHERE id = 'twitter:772053892225966080'")
        == "SquireofTwitch"
    )
    assert store.con.execute("SELECT * FROM brand_accounts").fetchall() == [
        ("LumenInferius", "twitter", "1153674767859441664", "inferred:twitter_archive")
    ]


def test_tweets_js_2022_layout_owner_inferred_from_self_replies(store, tmp_path):
    # manifest.js beside it belongs to another archive (it lists YTD.tweet.part0, not
    # YTD.tweets.part0): it must not be trusted; the owner comes from the self-reply chains
    folder = _archive_copy(tmp_path, "tweets.js", "manifest.js")
    report = api.import_paths(store, [folder / "tweets.js"])[0]
    assert (report.records_read, report.imported, report.brands) == (48, 48, ["smithjd"])
    m = _msgs(store)
    assert {r[1] for r in m.values()} == {"twitter:5838832"}
    kinds = dict(store.con.execute("SELECT kind, count(*) FROM messages GROUP BY 1").fetchall())
    assert kinds == {"post": 16, "reply": 25, "repost": 4, "mention": 3}
    # self-reply chain: 1224482337536106498 -> 1224482001027100672 -> 1224481853588918272
    assert m["1224482337536106498"][2:6] == (
        "reply",
        "twitter:1224482001027100672",
        "twitter:1224481853588918272",
        "twitter:5838832",
    )
    assert m["1224482001027100672"][4] == "twitter:1224481853588918272"
    # the 7-reply thread all resolve to its root
    n = store.scalar(
        "SELECT count(*) FROM messages WHERE root_id = 'twitter:1222539833458868224' "
        "AND id <> root_id"
    )
    assert n == 7
    # a retweet: kind repost, addressed to the retweeted account, no borrowed counts
    rt = m["1477817865344479233"]
    assert rt[2] == "repost" and rt[3] is None and rt[5] == "twitter:9263412"
    assert rt[7:10] == (None, None, None)
    assert rt[11].startswith("RT @szpak: Evolution is highly uneven")
    # in_reply_to_user_id without a status id: a mention of that account, not a reply
    assert m["695847821207941120"][2:6] == ("mention", None, "twitter:695847821207941120",
                                            "twitter:47826715")  # fmt: skip
    # HTML entities decoded, the 2007 ids kept
    assert m["684939945409028097"][11].startswith("Tech & usability triumph")
    assert m["53567512"][6] == datetime(2007, 5, 7, 17, 50, 4)
    assert m["1552679756239441920"][7:9] == (14, 5)


def test_archive_with_account_js_edits_and_bare_entries(store):
    report = api.import_paths(store, [T / "archive" / "data" / "tweets.js"])[0]
    # 5 entries, the first version of the edited tweet is superseded by the second
    assert (report.records_read, report.imported) == (5, 4)
    assert report.skipped == [
        ("tweet 1600000000000000001", "earlier version of edited tweet 1600000000000000001")
    ]
    assert report.brands == ["AcmeHelp"]
    m = _msgs(store)
    owner = "twitter:9007199254740993"  # > 2^53: kept exactly
    e = m["1600000000000000001"]
    assert e[1:3] == (owner, "post")
    assert e[6] == datetime(2022, 12, 6, 10, 0)  # the initial version's time
    assert e[13] == datetime(2022, 12, 6, 10, 20)  # edited_at: the latest version's time
    assert e[11] == "Our new app is out: tell us what you think & what breaks!"
    assert e[7:9] == (7, 2)
    # a bare (unwrapped) entry is read the same way
    assert m["1600000000000000200"][2:6] == (
        "reply", "twitter:1600000000000000100", "twitter:1600000000000000100", "twitter:12345"
    )  # fmt: skip
    assert m["1600000000000000300"][2] == "repost"
    assert m["1600000000000000300"][5] == "twitter:777"
    assert m["1600000000000000300"][11] == "RT @partnerco: Acme > everyone else"
    # a reply to the edited tweet's id lands under it
    assert m["1600000000000000400"][3:6] == (
        "twitter:1600000000000000001",
        "twitter:1600000000000000001",
        owner,
    )
    acc = store.con.execute(
        "SELECT handle, display_name, followers, bio, created_at FROM accounts WHERE id = ?",
        [owner],
    ).fetchone()
    assert acc == ("AcmeHelp", "Acme Support", 1200, "We fix things & answer fast.",
                   datetime(2012, 3, 4, 5, 6, 7))  # fmt: skip


def test_owner_files_alone_give_account_and_brand(store):
    reports = api.import_paths(store, [T / "archive" / "manifest.js"])
    assert reports[0].format == "twitter_archive_owner"
    assert (reports[0].imported, reports[0].brands) == (0, ["AcmeHelp"])
    acc = store.con.execute("SELECT id, handle, followers, created_at FROM accounts").fetchall()
    assert acc == [("twitter:9007199254740993", "AcmeHelp", 1200, datetime(2012, 3, 4, 5, 6, 7))]


def test_no_owner_anywhere_fails_clearly(store):
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [T / "noowner" / "tweet.js"])
    assert "owner is unknown" in str(e.value) and "tweet.js" in str(e.value)
    assert table_snapshot(store) == before


def test_zip_of_archive_folder_imports_in_one_command(store, tmp_path):
    src = shared_path("fixtures", "twitter_archive")
    z = tmp_path / "twitter-archive.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in sorted(src.iterdir()):
            zf.write(p, f"twitter-2020/{p.name}")
    reports = api.import_paths(store, [z])
    by_name = {r.file.rsplit("/", 1)[-1]: r for r in reports}
    assert by_name["manifest.js"].format == "twitter_archive_owner"
    assert by_name["PROVENANCE.md"].status == "skipped"
    assert by_name["tweet.js"].imported == 22 and by_name["tweets.js"].imported == 48
    assert by_name["tweet.js"].brands == ["LumenInferius"]
    brands = store.con.execute("SELECT brand, ref FROM brand_accounts ORDER BY brand").fetchall()
    assert ("LumenInferius", "1153674767859441664") in brands
    assert (
        store.scalar(
            "SELECT count(*) FROM messages WHERE author_id = 'twitter:1153674767859441664'"
        )
        == 22
    )
    # the brand view resolves the owner account
    assert (
        store.scalar(
            "SELECT brand FROM brand_account_map WHERE account_id = 'twitter:1153674767859441664'"
        )
        == "LumenInferius"
    )


def test_import_twice_adds_nothing(store, tmp_path):
    folder = _archive_copy(tmp_path, "tweet.js", "manifest.js")
    first = api.import_paths(store, [folder / "tweet.js"])[0]
    second = api.import_paths(store, [folder / "tweet.js"])[0]
    assert first.imported == 22
    assert (second.imported, second.duplicates) == (0, first.imported)


def test_truncated_archive_fails_and_leaves_store_unchanged(store, tmp_path):
    folder = _archive_copy(tmp_path, "tweets.js")
    data = (folder / "tweets.js").read_bytes()
    cut = tmp_path / "tweets.js"
    cut.write_bytes(data[: len(data) // 2])
    api.import_paths(store, [T / "archive" / "manifest.js"])
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [cut])
    msg = str(e.value)
    assert "\n" not in msg and str(cut) in msg and "invalid JSON" in msg
    assert table_snapshot(store) == before


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("tweet.js", "twitter_archive"), ("tweets.js", "twitter_archive"),
     ("manifest.js", "twitter_archive_owner")],
)  # fmt: skip
def test_detection_by_content(tmp_path, name, fmt):
    real = shared_path("fixtures", "twitter_archive", name)
    assert detect(Source.from_path(real)).name == fmt
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == fmt


def test_zip_with_real_archive_layout(store, tmp_path):
    # manifest.js at the root, tweets in data/: the tweets find their owner via data/account.js
    src = T / "archive"
    z = tmp_path / "twitter-2023.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in sorted(src.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(src).as_posix())
    reports = {r.file.rsplit("!", 1)[-1]: r for r in api.import_paths(store, [z])}
    assert reports["data/tweets.js"].format == "twitter_archive"
    assert reports["data/tweets.js"].imported == 4
    assert reports["data/tweets.js"].brands == ["AcmeHelp"]
    assert reports["manifest.js"].brands == ["AcmeHelp"]
    assert reports["data/profile.js"].status == "skipped"
    assert store.scalar("SELECT DISTINCT author_id FROM messages") == "twitter:9007199254740993"
    assert store.con.execute(
        "SELECT followers, bio FROM accounts WHERE id = 'twitter:9007199254740993'"
    ).fetchone() == (1200, "We fix things & answer fast.")
