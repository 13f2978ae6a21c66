"""The TWCS corpus's own id space: its sequential tweet ids and anonymised customer ids are
``twitter:twcs:<id>`` (never merged with real tweets and users), brand accounts stay
``twitter:<handle>``; existing stores migrate; errors name records once."""

from __future__ import annotations

import json

import pytest

from brandcouch import api
from brandcouch.errors import MalformedInputError
from brandcouch.importers import twcs
from brandcouch.store import connection, open_store
from brandcouch.store.schema import MIGRATIONS

HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
T0 = "Tue Oct 31 22:10:47 +0000 2017"
SMALL = (
    HEADER
    + f"1,sprintcare,False,{T0},@115712 I understand. Please DM us.,2,3.0\n"
    + f"2,115712,True,{T0},@sprintcare and how do you propose we do that,,1.0\n"
    + f"3,115712,True,{T0},@sprintcare I have sent several private messages,1,\n"
)

#: a real tweet with id 1 by a real user 115712, as the X API v2 returns it
REAL_TWEET = {
    "data": {
        "id": "1",
        "author_id": "115712",
        "created_at": "2023-09-14T08:00:00.000Z",
        "text": "a real tweet, not the corpus's",
        "public_metrics": {"like_count": 3, "retweet_count": 0, "reply_count": 0},
    },
    "includes": {"users": [{"id": "115712", "username": "realperson", "name": "Real"}]},
}


def _rows(store, sql: str) -> list[tuple]:
    return store.con.execute(sql).fetchall()


def test_corpus_ids_have_their_own_namespace(store, tmp_path):
    p = tmp_path / "twcs.csv"
    p.write_text(SMALL)
    report = api.import_paths(store, [p])[0]
    assert (report.format, report.imported, report.brands) == ("twcs", 3, ["sprintcare"])
    msgs = _rows(
        store,
        "SELECT id, platform, native_id, author_id, parent_id, root_id, to_account_id "
        "FROM messages ORDER BY id",
    )
    assert msgs == [
        ("twitter:twcs:1", "twitter", "twcs:1", "twitter:sprintcare", "twitter:twcs:3",
         "twitter:twcs:3", "twitter:twcs:115712"),
        ("twitter:twcs:2", "twitter", "twcs:2", "twitter:twcs:115712", "twitter:twcs:1",
         "twitter:twcs:3", "twitter:sprintcare"),
        ("twitter:twcs:3", "twitter", "twcs:3", "twitter:twcs:115712", None,
         "twitter:twcs:3", "twitter:sprintcare"),
    ]  # fmt: skip
    accs = _rows(store, "SELECT id, platform, native_id, handle FROM accounts ORDER BY id")
    assert accs == [
        ("twitter:sprintcare", "twitter", "sprintcare", "sprintcare"),
        ("twitter:twcs:115712", "twitter", "twcs:115712", None),
    ]
    assert _rows(store, "SELECT * FROM brand_account_map") == [("sprintcare", "twitter:sprintcare")]


@pytest.mark.parametrize("order", ["real first", "corpus first"])
def test_a_real_tweet_1_never_merges_with_corpus_tweet_1(store, tmp_path, order):
    corpus, real = tmp_path / "twcs.csv", tmp_path / "lookup.json"
    corpus.write_text(SMALL)
    real.write_text(json.dumps(REAL_TWEET, indent=1))
    files = [real, corpus] if order == "real first" else [corpus, real]
    reports = api.import_paths(store, files)
    assert [r.duplicates for r in reports] == [0, 0]
    texts = dict(_rows(store, "SELECT id, text FROM messages"))
    assert texts["twitter:1"] == "a real tweet, not the corpus's"
    assert texts["twitter:twcs:1"] == "@115712 I understand. Please DM us."
    assert len(texts) == 4
    accs = dict(_rows(store, "SELECT id, handle FROM accounts WHERE id LIKE '%115712'"))
    assert accs == {"twitter:115712": "realperson", "twitter:twcs:115712": None}
    # the corpus's customer is not the real user: the real tweet has its own author
    assert store.scalar("SELECT author_id FROM messages WHERE id = 'twitter:1'") == "twitter:115712"


def test_the_brand_is_the_same_account_as_in_other_twitter_exports(store, tmp_path):
    corpus, real = tmp_path / "twcs.csv", tmp_path / "lookup.json"
    corpus.write_text(SMALL)
    doc = json.loads(json.dumps(REAL_TWEET))
    doc["data"]["author_id"] = "sprintcare"  # an account whose native id is its handle
    doc["includes"]["users"] = [{"id": "sprintcare", "username": "sprintcare"}]
    real.write_text(json.dumps(doc))
    api.import_paths(store, [corpus, real])
    authors = _rows(
        store, "SELECT DISTINCT author_id FROM messages WHERE author_id LIKE '%sprint%'"
    )
    assert authors == [("twitter:sprintcare",)]


# ---------------------------------------------------------------------- record numbers


def test_a_bad_record_is_named_once(store, tmp_path):
    p = tmp_path / "twcs.csv"
    p.write_text(SMALL + f"4,,True,{T0},no author,,\n")
    with pytest.raises(MalformedInputError) as e:
        api.import_paths(store, [p])
    assert str(e.value) == f"{p}, record 4: empty tweet_id or author_id"
    assert "record record" not in str(e.value)


def test_record_numbers_count_bad_rows_of_earlier_blocks(store, tmp_path, monkeypatch):
    monkeypatch.setattr(twcs, "_BLOCK", 256)  # a few rows per block
    rows = [f"{i},1{i:05d},True,{T0},@sprintcare hello number {i},," for i in range(1, 41)]
    rows[4] = f"5,,True,{T0},no author,,"  # record 5
    rows[29] = f"30,100030,maybe,{T0},bad inbound,,"  # record 30, blocks later
    p = tmp_path / "twcs.csv"
    p.write_text(HEADER + "\n".join(rows) + "\n")
    report = api.import_paths(store, [p], skip_bad=True)[0]
    assert [r for r, _ in report.skipped] == ["5", "30"]
    assert report.imported == 38


# ---------------------------------------------------------------------- migration

#: what importer version 2 wrote: ids without the corpus namespace. Checked once against the
#: version-2 importer on twcs_head5000.csv: identical messages and accounts.
DOWN_TO_V2 = """
UPDATE messages SET id = replace(id, 'twitter:twcs:', 'twitter:'),
    native_id = replace(native_id, 'twcs:', ''),
    author_id = replace(author_id, 'twitter:twcs:', 'twitter:'),
    parent_id = replace(parent_id, 'twitter:twcs:', 'twitter:'),
    root_id = replace(root_id, 'twitter:twcs:', 'twitter:'),
    to_account_id = replace(to_account_id, 'twitter:twcs:', 'twitter:'),
    importer_version = '2'
WHERE importer = 'twcs';
UPDATE accounts SET id = replace(id, 'twitter:twcs:', 'twitter:'),
    native_id = replace(native_id, 'twcs:', ''), importer_version = '2'
WHERE importer = 'twcs';
"""


def _new_store(path):
    try:
        return open_store(path, create=True)
    except TypeError:  # an open_store without the create flag creates anyway
        return open_store(path)


def _old_store(path, monkeypatch, files, merged_sql: str = ""):
    """A store as it was before migration 0003: imported, then given version 2's ids."""
    monkeypatch.setattr(connection, "MIGRATIONS", MIGRATIONS[:2])
    with _new_store(path) as s:
        # today's writer fills message_mentions (migration 0004): a scratch table, dropped so
        # that the migration makes it and fills it from the texts, as on an old store
        s.con.execute(
            "CREATE TABLE message_mentions (message_id VARCHAR, platform VARCHAR, handle VARCHAR)"
        )
        # and messages.quotes (migration 0005): a scratch column, dropped again
        s.con.execute("ALTER TABLE messages ADD COLUMN quotes BIGINT")
        api.import_paths(s, files)
        s.con.execute(
            merged_sql
            + DOWN_TO_V2
            + "DROP TABLE message_mentions; ALTER TABLE messages DROP COLUMN quotes;"
        )
        assert s.applied_migrations() == ["0001_initial", "0002_views"]
    monkeypatch.setattr(connection, "MIGRATIONS", MIGRATIONS)


def _snapshot(store) -> dict:
    out = {}
    for t in ("messages", "accounts"):
        out[t] = _rows(
            store, f"SELECT * EXCLUDE (imported_at, importer_version) FROM {t} ORDER BY ALL"
        )
    for t in ("brands", "brand_accounts", "signal_values", "message_mentions"):
        out[t] = _rows(store, f"SELECT * FROM {t} ORDER BY ALL")
    return out


def _numbers(result) -> dict:
    return {b["name"]: b["metrics"] for b in result["brands"]}


def _same_numbers(a: dict, b: dict) -> None:
    """Counts identical; means equal up to DuckDB's float summation order (4th decimal)."""
    assert a.keys() == b.keys()
    for brand in a:
        assert a[brand].keys() == b[brand].keys()
        for k, v in a[brand].items():
            if isinstance(v, float):
                assert v == pytest.approx(b[brand][k], abs=2e-4), (brand, k)
            else:
                assert v == b[brand][k], (brand, k)


def test_an_existing_store_migrates_to_the_namespace(tmp_path, monkeypatch, shared):
    path = shared("data", "twcs", "twcs_head5000.csv")
    db = tmp_path / "old.duckdb"
    _old_store(db, monkeypatch, [path])
    with open_store(db) as s:
        assert s.applied_migrations()[-4:] == [
            "0003_twcs_namespace",
            "0004_message_mentions",
            "0005_message_quotes",
            "0006_signal_values_without_index",
        ]
        assert s.schema_version() == 6
        migrated = _snapshot(s)
        again = api.import_paths(s, [path])[0]  # the same file again adds nothing
        assert (again.imported, again.duplicates) == (0, 5000)
        numbers = _numbers(api.analyse(s, signals=False).to_json())
    with open_store(":memory:") as fresh:
        api.import_paths(fresh, [path])
        assert migrated == _snapshot(fresh)
        _same_numbers(numbers, _numbers(api.analyse(fresh, signals=False).to_json()))
    assert numbers["AmazonHelp"]["inbound"] == 230 and numbers["AmazonHelp"]["replied"] == 187


def test_migration_moves_only_corpus_rows(tmp_path, monkeypatch):
    corpus, real = tmp_path / "twcs.csv", tmp_path / "lookup.json"
    corpus.write_text(SMALL)
    real_doc = json.loads(json.dumps(REAL_TWEET))
    real_doc["data"]["id"] = "7"  # no clash with the corpus's tweets 1-3 in the old store
    real.write_text(json.dumps(real_doc))
    db = tmp_path / "old.duckdb"
    # before the fix, the corpus customer 115712 and the real user were one account: the real
    # export described it (a handle), so it stays the real user's and the corpus gets its own
    _old_store(
        db, monkeypatch, [real, corpus], "DELETE FROM accounts WHERE id = 'twitter:twcs:115712';"
    )
    with open_store(db) as s:
        msgs = dict(_rows(s, "SELECT id, author_id FROM messages"))
        assert msgs == {
            "twitter:7": "twitter:115712",
            "twitter:twcs:1": "twitter:sprintcare",
            "twitter:twcs:2": "twitter:twcs:115712",
            "twitter:twcs:3": "twitter:twcs:115712",
        }
        accs = dict(_rows(s, "SELECT id, handle FROM accounts"))
        assert accs == {
            "twitter:115712": "realperson",
            "twitter:twcs:115712": None,
            "twitter:sprintcare": "sprintcare",
        }
        roots = dict(_rows(s, "SELECT id, root_id FROM messages"))
        assert roots["twitter:twcs:2"] == "twitter:twcs:3" and roots["twitter:7"] == "twitter:7"
