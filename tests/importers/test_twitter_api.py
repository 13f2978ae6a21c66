"""X/Twitter API v2 (JSON / twarc JSONL) and v1.1 status importers."""

from __future__ import annotations

import shutil
from datetime import datetime

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import Source, detect
from tests.conftest import FIXTURES, shared_path, table_snapshot

T = FIXTURES / "twitter"
MSG_COLS = (
    "native_id, author_id, kind, parent_id, root_id, to_account_id, created_at, likes, reposts, "
    "replies, views, text, permalink, edited_at"
)


def _msgs(store) -> dict[str, tuple]:
    rows = store.con.execute(f"SELECT {MSG_COLS} FROM messages").fetchall()
    return {r[0]: r for r in rows}


# ---------------------------------------------------------------------------------- v2


def test_v2_real_search_page(store):
    path = shared_path("fixtures", "twitter_api_v2", "noflat.jsonl")
    report = api.import_paths(store, [path])[0]
    assert report.format == "twitter_api_v2"
    # 100 data tweets + 66 includes.tweets, 2 of which are also in data: counted as duplicates
    # (the report adds up: read = imported + duplicates)
    assert (report.records_read, report.imported, report.duplicates) == (166, 164, 2)
    assert report.skipped == [
        ("line 1 errors[0] (gatewaypundit)", "API error: User has been suspended: [gatewaypundit].")
    ]
    m = _msgs(store)
    # a retweet: truncated "RT ... …" text replaced by the full text from includes.tweets
    rt = m["1380242611781386245"]
    assert rt[1:3] == ("twitter:1352661060663336960", "repost")
    assert rt[3] is None and rt[4] == "twitter:1380242611781386245"
    assert rt[6] == datetime(2021, 4, 8, 19, 34, 16)
    assert rt[7:11] == (None, None, None, None)  # the original's counts are not the retweet's
    orig = m["1380175475545362437"]
    assert rt[5] == orig[1]  # addressed to the retweeted author
    assert rt[11] == "RT @williamserafino: " + orig[11]
    assert not rt[11].endswith("…") and orig[11].startswith("De manera simultánea")
    assert rt[12] == "https://twitter.com/Alexandravm12/status/1380242611781386245"
    kinds = dict(store.con.execute("SELECT kind, count(*) FROM messages GROUP BY 1").fetchall())
    assert kinds == {"post": 45, "repost": 47, "reply": 50, "quote": 17, "mention": 5}
    # every reply in `data` has its parent in the file (PROVENANCE: 31 of 31)
    data_replies = _data_reply_ids(path)
    assert len(data_replies) == 31
    assert all(m[t][3].removeprefix("twitter:") in m for t in data_replies)
    # a reply: parent, conversation root, addressed user, public metrics
    r = m["1379592775822422016"]
    assert r[1:6] == (
        "twitter:1339509998838288390", "reply", "twitter:1379527700713517056",
        "twitter:1379527700713517056", "twitter:15764644",
    )  # fmt: skip
    assert r[7:10] == (96, 330, 2)
    acc = store.con.execute(
        "SELECT handle, display_name, followers, created_at FROM accounts "
        "WHERE id = 'twitter:1352661060663336960'"
    ).fetchone()
    assert acc == ("Alexandravm12", "Alexandra Machado", 58, datetime(2021, 1, 22, 16, 55, 15))
    assert store.scalar("SELECT count(*) FROM accounts") == 178


def _data_reply_ids(path) -> list[str]:
    import json

    doc = json.loads(path.read_text().splitlines()[0])
    return [
        t["id"]
        for t in doc["data"]
        if any(r["type"] == "replied_to" for r in t.get("referenced_tweets", []))
    ]


def test_v2_jsonl_pages_edits_mentions_errors(store):
    report = api.import_paths(store, [T / "v2_pages.jsonl"])[0]
    # line 1: 2 data + 2 includes; line 2: the root again (a duplicate across pages)
    assert (report.records_read, report.imported, report.duplicates) == (5, 4, 1)
    assert report.skipped[0][0] == "line 2 errors[0] (1700000000000000099)"
    m = _msgs(store)
    assert m["1700000000000000001"][1:11] == (
        "twitter:12345", "mention", None, "twitter:1700000000000000001", "twitter:9007199254740993",
        datetime(2023, 9, 14, 8, 0), 2, 0, 1, 150,
    )  # fmt: skip
    assert m["1700000000000000001"][11] == "@AcmeHelp my order never arrived & nobody answers"
    # an edited tweet is stored under its first id, edited_at = the version's time
    e = m["1700000000000000002"]
    assert e[2:6] == ("reply", "twitter:1700000000000000001", "twitter:1700000000000000001",
                      "twitter:12345")  # fmt: skip
    assert e[13] == datetime(2023, 9, 14, 8, 30)
    assert e[12] == "https://twitter.com/AcmeHelp/status/1700000000000000005"
    assert "1700000000000000005" not in m
    assert m["1700000000000000007"][11] == (
        "RT @AcmeHelp: Big news: free shipping all week for everyone who orders before Sunday, "
        "no code needed."
    )
    acc = store.con.execute(
        "SELECT handle, followers, bio FROM accounts WHERE id = 'twitter:9007199254740993'"
    ).fetchone()
    assert acc == ("AcmeHelp", 1200, "We fix things")


def test_v2_pretty_json_single_lookup(store):
    report = api.import_paths(store, [T / "v2_lookup.json"])[0]
    assert (report.format, report.imported) == ("twitter_api_v2", 1)
    assert _msgs(store)["1700000000000000006"][1:3] == ("twitter:9007199254740993", "post")


def test_v2_broken_line_names_the_line_and_skip_bad_goes_on(store):
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [T / "v2_badline.jsonl"])
    assert "record line 2: invalid JSON" in str(e.value)
    assert table_snapshot(store) == before
    report = api.import_paths(store, [T / "v2_badline.jsonl"], skip_bad=True)[0]
    assert (
        report.imported == 2
        and ("line 2", "invalid JSON: Invalid control character at (col 201)") in report.skipped
    )


def test_v2_import_twice_adds_nothing(store):
    path = shared_path("fixtures", "twitter_api_v2", "noflat.jsonl")
    first = api.import_paths(store, [path])[0]
    second = api.import_paths(store, [path])[0]
    assert (second.imported, second.duplicates) == (0, first.imported + first.duplicates)


def test_v2_truncated_fails_and_leaves_store_unchanged(store, tmp_path):
    data = shared_path("fixtures", "twitter_api_v2", "noflat.jsonl").read_bytes()
    cut = tmp_path / "noflat.jsonl"
    cut.write_bytes(data[: len(data) // 2])
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [cut], format="twitter_api_v2")
    assert "\n" not in str(e.value) and str(cut) in str(e.value)
    assert table_snapshot(store) == before


# ---------------------------------------------------------------------------------- v1.1


def test_v1_real_statuses(store):
    path = shared_path("fixtures", "twitter_api_v1", "tweets.json")
    report = api.import_paths(store, [path])[0]
    assert report.format == "twitter_api_v1"
    # 3 statuses + the embedded retweeted and quoted statuses
    assert (report.records_read, report.imported) == (3, 5)
    m = _msgs(store)
    # id_str wins over the rounded numeric id (1169246717864136700 in the file)
    rt = m["1169246717864136705"]
    assert rt[1:7] == ("twitter:12497", "repost", None, "twitter:1169246717864136705",
                       "twitter:22737278", datetime(2019, 9, 4, 13, 51, 55))  # fmt: skip
    assert rt[7:10] == (None, None, None)
    assert rt[11].startswith(
        "RT @drvox: My new post: an explainer on “carbon capture & utilization”"
    )
    assert m["1169242008432644097"][1:3] == ("twitter:22737278", "post")
    assert m["1169242008432644097"][7:9] == (86, 42)
    reply = m["1169196446043664385"]
    assert reply[1:7] == (
        "twitter:12497", "reply", "twitter:1169079390577319937", "twitter:1169079390577319937",
        "twitter:82016165", datetime(2019, 9, 4, 10, 32, 10),
    )  # fmt: skip
    assert reply[7:9] == (2, 0)
    q = m["1168529001599533057"]
    assert q[2] == "quote" and q[5] == "twitter:14148390" and q[7:9] == (31, 4)
    assert "/tmp/picblast" in q[11]
    assert m["861696799362478085"][1:3] == ("twitter:14148390", "post")
    acc = store.con.execute(
        "SELECT handle, display_name, followers, created_at FROM accounts WHERE id = 'twitter:12497'"
    ).fetchone()
    assert acc == ("simonw", "Simon Willison", 17754, datetime(2006, 11, 15, 13, 18, 50))
    assert (
        store.scalar("SELECT handle FROM accounts WHERE id = 'twitter:82016165'") == "scientiffic"
    )


def test_v1_search_results_extended_text_and_mentions(store):
    report = api.import_paths(store, [T / "v1_search.json"])[0]
    assert (report.format, report.imported) == ("twitter_api_v1", 2)
    m = _msgs(store)
    first = m["1700000000000000001"]
    assert first[2] == "mention" and first[5] == "twitter:9007199254740993"
    assert first[11].endswith("It has been two weeks & counting.")  # extended_tweet.full_text
    assert first[7:10] == (1, 0, 1)
    assert m["1700000000000000005"][2:6] == (
        "reply",
        "twitter:1700000000000000001",
        "twitter:1700000000000000001",
        "twitter:12345",
    )


def test_v1_broken_record(store):
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [T / "v1_broken_record.json"])
    assert "status 1700000000000000008" in str(e.value) and "user" in str(e.value)
    report = api.import_paths(store, [T / "v1_broken_record.json"], skip_bad=True)[0]
    assert report.imported == 1 and len(report.skipped) == 1


def test_v1_import_twice_adds_nothing(store):
    path = shared_path("fixtures", "twitter_api_v1", "tweets.json")
    first = api.import_paths(store, [path])[0]
    second = api.import_paths(store, [path])[0]
    assert (second.imported, second.duplicates) == (0, first.imported)


def test_v1_truncated_fails_and_leaves_store_unchanged(store, tmp_path):
    data = shared_path("fixtures", "twitter_api_v1", "tweets.json").read_bytes()
    cut = tmp_path / "tweets.json"
    cut.write_bytes(data[: len(data) // 2])
    before = table_snapshot(store)
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [cut])
    assert "\n" not in str(e.value) and str(cut) in str(e.value)
    assert "invalid JSON" in str(e.value)
    assert table_snapshot(store) == before


@pytest.mark.parametrize(
    ("parts", "fmt"),
    [(("twitter_api_v2", "noflat.jsonl"), "twitter_api_v2"),
     (("twitter_api_v1", "tweets.json"), "twitter_api_v1")],
)  # fmt: skip
def test_detection_by_content(tmp_path, parts, fmt):
    real = shared_path("fixtures", *parts)
    assert detect(Source.from_path(real)).name == fmt
    renamed = tmp_path / "data.bin"
    shutil.copy(real, renamed)
    assert detect(Source.from_path(renamed)).name == fmt
    for own in ("v2_pages.jsonl", "v2_lookup.json") if fmt.endswith("v2") else ("v1_search.json",):
        assert detect(Source.from_path(T / own)).name == fmt


# ------------------------------------------------------------------- in-file duplicates


def _two_versions(status: dict, key: str, first: int, last: int) -> list[dict]:
    """The same tweet twice, as two pages of a search would give it, with different counts."""
    import copy

    a, b = copy.deepcopy(status), copy.deepcopy(status)
    a[key], b[key] = first, last
    return [a, b]


@pytest.mark.parametrize(("first", "last"), [(1, 7), (7, 1)])
def test_v1_in_file_duplicate_the_last_wins_and_is_counted(store, tmp_path, first, last):
    import json

    status = json.loads((T / "v1_search.json").read_text())["statuses"][0]
    p = tmp_path / "statuses.json"
    # pretty-printed: read as one document (a JSONL file is read line by line)
    p.write_text(json.dumps(_two_versions(status, "favorite_count", first, last), indent=1))
    report = api.import_paths(store, [p])[0]
    assert report.format == "twitter_api_v1"
    assert (report.records_read, report.imported, report.duplicates) == (2, 1, 1)
    assert store.scalar("SELECT likes FROM messages") == last  # the writer's rule: last wins


@pytest.mark.parametrize(("first", "last"), [(2, 9), (9, 2)])
def test_v2_in_file_duplicate_the_last_wins_and_is_counted(store, tmp_path, first, last):
    import copy
    import json

    doc = json.loads((T / "v2_lookup.json").read_text())
    versions = []
    for likes in (first, last):
        t = copy.deepcopy(doc["data"])
        t["public_metrics"]["like_count"] = likes
        versions.append(t)
    p = tmp_path / "lookup.json"
    p.write_text(json.dumps({**doc, "data": versions}))
    report = api.import_paths(store, [p])[0]
    assert report.format == "twitter_api_v2"
    assert (report.records_read, report.imported, report.duplicates) == (2, 1, 1)
    assert store.scalar("SELECT likes FROM messages") == last
