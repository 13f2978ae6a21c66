"""Quote counts (``messages.quotes``): read where a source counts them, NULL (unknown, never 0)
where it does not, the larger count kept on re-import, and migration 0005 on an old store.

The expected counts were read by hand from the files under ../shared/fixtures."""

from __future__ import annotations

import json

from brandcouch import api
from brandcouch.store import connection, open_store
from brandcouch.store.schema import MIGRATIONS


def _quotes(store) -> dict[str, int | None]:
    rows = store.con.execute("SELECT native_id, quotes FROM messages").fetchall()
    return dict(rows)


def _counted(store) -> tuple[int, int]:
    """(messages, messages with a quote count)."""
    return store.con.execute("SELECT count(*), count(quotes) FROM messages").fetchall()[0]


def _by_kind(store) -> dict[str, tuple[int, int, int | None]]:
    """kind -> (messages, with a quote count, sum of the counts)."""
    rows = store.con.execute(
        "SELECT kind, count(*), count(quotes), sum(quotes) FROM messages GROUP BY kind"
    ).fetchall()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


# ------------------------------------------------------------------------------- X / Twitter


def test_x_api_v2_public_metrics_quote_count(store, shared):
    api.import_paths(store, [shared("fixtures", "twitter_api_v2", "noflat.jsonl")])
    q = _quotes(store)
    # includes.tweets: Breaking911's video post, public_metrics.quote_count 106
    assert q["1380226330034372610"] == 106
    # includes.tweets: "What's the best presidential convention speech ..." quote_count 23
    assert q["1380010236363300872"] == 23
    # data[1]: an original post ("Barack Obama used NASA ..."), quote_count 0: a real zero
    assert q["1380242597881409537"] == 0
    # data[3]: a reply, quote_count 0
    assert q["1380242586288328707"] == 0
    # data[0]: a retweet ("RT @williamserafino: ..."): its metrics are the original's, unknown
    assert q["1380242611781386245"] is None
    # 164 tweets (data + includes, 2 in both), 47 retweets without counts; the other 117 carry
    # public_metrics, whose quote_count add up to 726 (summed over the JSON independently)
    kinds = _by_kind(store)
    assert kinds["repost"] == (47, 0, None)
    assert sum(n for n, _, _ in kinds.values()) == 164
    assert sum(c for _, c, _ in kinds.values()) == 117
    assert sum(s or 0 for _, _, s in kinds.values()) == 726


def test_x_archive_and_v1_statuses_have_no_quote_count(store, shared):
    # the 2022 archive layout has favorite_count / retweet_count only; the v1.1 sample statuses
    # have no quote_count either
    api.import_paths(store, [shared("fixtures", "twitter_archive", "tweets.js")])
    api.import_paths(store, [shared("fixtures", "twitter_api_v1", "tweets.json")])
    n, with_quotes = _counted(store)
    assert (n, with_quotes) == (53, 0)  # 48 archive tweets + 5 statuses, all unknown


def test_x_v1_quote_count_when_present(store, shared, tmp_path):
    """v1.1 statuses from the premium/enterprise APIs carry ``quote_count``: the real quote
    status of tweets.json, with ``quote_count`` added (the only change)."""
    statuses = json.loads(shared("fixtures", "twitter_api_v1", "tweets.json").read_text())
    quote = next(s for s in statuses if s.get("is_quote_status") and "retweeted_status" not in s)
    quote["quote_count"] = 4
    path = tmp_path / "tweets.json"
    path.write_text(json.dumps([quote]))
    api.import_paths(store, [path], format="twitter_api_v1")
    assert _quotes(store)[quote["id_str"]] == 4


# ---------------------------------------------------------------------------------- Mastodon


def test_mastodon_quotes_count(store, shared):
    for name in (
        "Status.example.json",
        "statuses_get.example.json",
        "test_status_reply.parent.json",
        "test_status_reply.reply.json",
    ):
        api.import_paths(store, [shared("fixtures", "mastodon_api", name)])
    q = _quotes(store)
    assert q["103270115826048975"] == 2  # the docs' Status example: "quotes_count": 2
    assert q["117020583245459824"] == 0  # a live 2026 server: "quotes_count":0
    assert q["117020583258292382"] == 0  # its reply
    assert q["1"] is None  # the older field set of statuses_get: no quotes_count, unknown


def test_mastodon_archive_has_no_counts(store, shared):
    api.import_paths(store, [shared("fixtures", "mastodon_archive", "outbox.json")])
    n, with_quotes = _counted(store)
    assert (n, with_quotes) == (32, 0)


# ----------------------------------------------------------------------------------- Bluesky

THREAD = ("fixtures", "bluesky", "thread_view_post_with_embed_media.json")
POST = "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3kaheyt6vpc22"
QUOTED = "at://did:plc:kvwvcn5iqfooopmyzvb4qzba/app.bsky.feed.post/3kahesw26il2z"


def test_bluesky_view_without_quote_count_is_unknown(store, shared):
    # the real 2023 getPostThread response has replyCount/repostCount/likeCount 0 but no
    # quoteCount (added to postView later): unknown, not 0
    api.import_paths(store, [shared(*THREAD)])
    assert _quotes(store) == {POST: None, QUOTED: None}
    likes = dict(store.con.execute("SELECT native_id, likes FROM messages").fetchall())
    assert likes == {POST: 0, QUOTED: 0}  # the other counts are there


def test_bluesky_quote_count(store, shared, tmp_path):
    """The real thread with ``quoteCount`` added to the post view and to the quoted post's
    ``viewRecord`` (the only change; the field as the lexicon defines it:
    https://docs.bsky.app/docs/api/app-bsky-feed-get-post-thread, postView.quoteCount)."""
    page = json.loads(shared(*THREAD).read_text())
    post = page["thread"]["post"]
    post["quoteCount"] = 3
    post["embed"]["record"]["record"]["quoteCount"] = 12
    path = tmp_path / "thread.json"
    path.write_text(json.dumps(page))
    api.import_paths(store, [path])
    assert _quotes(store) == {POST: 3, QUOTED: 12}


# -------------------------------------------------------------------------------------- TWCS


def test_twcs_has_no_counts(store, shared):
    api.import_paths(store, [shared("data", "twcs", "twcs_head5000.csv")])
    n, with_quotes = _counted(store)
    assert n > 4000 and with_quotes == 0


# ----------------------------------------------------------------------------------- generic


def _csv(path, rows: list[str], header: str = "id,author,text,likes,quotes") -> None:
    path.write_text(header + "\n" + "\n".join(rows) + "\n")


def test_generic_quotes_column(store, tmp_path):
    f = tmp_path / "posts.csv"
    _csv(f, ["1,ann,hello,3,7", "2,bob,hi,0,0", "3,cat,hey,1,"])
    api.import_paths(store, [f])
    assert _quotes(store) == {"1": 7, "2": 0, "3": None}  # an empty cell is unknown


def test_generic_quotes_mapped_and_absent(store, tmp_path):
    f = tmp_path / "mapped.csv"
    _csv(f, ["1,ann,hello,5"], header="id,author,text,Quote Count")
    g = tmp_path / "plain.csv"
    _csv(g, ["9,bob,hi"], header="id,author,text")
    api.import_paths(store, [f], mapping={"quotes": "Quote Count"})
    api.import_paths(store, [g])
    assert _quotes(store) == {"1": 5, "9": None}


def test_reimport_keeps_the_larger_count(store, tmp_path):
    """As for likes and reposts: counts only grow; an older export, or one without the
    column, never turns them back or erases them."""
    f = tmp_path / "a.csv"
    _csv(f, ["1,ann,hello,3,5", "2,bob,hi,1,"])
    api.import_paths(store, [f])
    _csv(f, ["1,ann,hello,3,2", "2,bob,hi,1,"])  # older: fewer quotes
    r = api.import_paths(store, [f])[0]
    assert r.updated == 0 and _quotes(store) == {"1": 5, "2": None}
    _csv(f, ["1,ann,hello,3,9", "2,bob,hi,1,4"])  # newer: more, and a first count
    r = api.import_paths(store, [f])[0]
    assert r.updated == 2 and _quotes(store) == {"1": 9, "2": 4}
    _csv(f, ["1,ann,hello,3", "2,bob,hi,1"], header="id,author,text,likes")  # no column
    r = api.import_paths(store, [f])[0]
    assert r.updated == 0 and _quotes(store) == {"1": 9, "2": 4}


# --------------------------------------------------------------------------------- migration


def test_a_v4_store_migrates_with_its_rows_intact(tmp_path, monkeypatch, shared):
    """A store made at schema 4 (migrations 0001-0004, no ``quotes`` column) gains the column
    on open, every row as it was, quotes NULL; the next import fills them."""
    db = tmp_path / "v4.duckdb"
    status = shared("fixtures", "mastodon_api", "Status.example.json")
    outbox = shared("fixtures", "mastodon_archive", "outbox.json")
    monkeypatch.setattr(connection, "MIGRATIONS", MIGRATIONS[:4])
    monkeypatch.setattr(connection, "SCHEMA_VERSION", 4)
    with open_store(db, create=True) as s:
        # today's writer names messages.quotes: a scratch column while importing, then
        # dropped, so that the table is exactly schema 4's
        s.con.execute("ALTER TABLE messages ADD COLUMN quotes BIGINT")
        api.import_paths(s, [status, outbox])
        s.con.execute("ALTER TABLE messages DROP COLUMN quotes")
        assert s.schema_version() == 4
        assert s.applied_migrations()[-1] == "0004_message_mentions"
        cols = [r[0] for r in s.con.execute("DESCRIBE messages").fetchall()]
        assert "quotes" not in cols
        before = s.con.execute("SELECT * FROM messages ORDER BY id").fetchall()
        other = {
            t: s.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
            for t in ("accounts", "message_mentions", "imports", "brands")
        }
    monkeypatch.setattr(connection, "MIGRATIONS", MIGRATIONS[:5])
    monkeypatch.setattr(connection, "SCHEMA_VERSION", 5)
    with open_store(db) as s:
        assert s.schema_version() == 5
        assert s.applied_migrations()[-1] == "0005_message_quotes"
        cols = [r[0] for r in s.con.execute("DESCRIBE messages").fetchall()]
        assert cols[-1] == "quotes" and "quotes" not in cols[:-1]
        after = s.con.execute(f"SELECT {', '.join(cols[:-1])} FROM messages ORDER BY id")
        assert after.fetchall() == before
        assert len(before) == 33  # 1 status + 32 outbox activities
        assert s.scalar("SELECT count(quotes) FROM messages") == 0
        for t, rows in other.items():
            assert s.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() == rows
        # re-importing the status fills its count; nothing else changes
        r = api.import_paths(s, [status])[0]
        assert (r.imported, r.updated) == (0, 1)
        assert s.scalar("SELECT quotes FROM messages WHERE native_id = '103270115826048975'") == 2
        assert s.scalar("SELECT count(quotes) FROM messages") == 1
    with open_store(db) as s:  # reopening applies nothing twice
        assert s.scalar("SELECT count(*) FROM schema_migrations") == 5


def test_a_new_store_has_the_column_last(tmp_path):
    with open_store(tmp_path / "new.duckdb", create=True) as s:
        cols = s.con.execute("DESCRIBE messages").fetchall()
        assert (cols[-1][0], cols[-1][1]) == ("quotes", "BIGINT")
        assert cols[-2][0] == "imported_at"


def test_quote_counts_reach_the_thread_messages_of_the_json(store, shared):
    """The conversation excerpt (JSON ``evidence_threads``, the dashboard's thread page and its
    message download) carries ``quotes`` beside likes and reposts."""
    from brandcouch.reports.conversations import thread
    from brandcouch.web.downloads import MESSAGE_COLUMNS

    api.import_paths(store, [shared("fixtures", "twitter_api_v2", "noflat.jsonl")])
    ids = dict(store.con.execute("SELECT native_id, id FROM messages").fetchall())
    rows = {r["id"]: r for r in thread(store, ids["1380226330034372610"])}
    assert rows[ids["1380226330034372610"]]["quotes"] == 106
    rows = {r["id"]: r for r in thread(store, ids["1380242611781386245"])}
    assert rows[ids["1380242611781386245"]]["quotes"] is None  # a retweet: unknown
    assert "quotes" in MESSAGE_COLUMNS
