"""``brandcouch conversations`` and ``api.conversations`` on a hand-built store: every column of
``--csv`` and ``--turns``, the identities, booleans / empties / one-decimal minutes, the order,
``--brand`` filtering, the JSON against docs/conversations.schema.json, and the summary table.

The corpus (TWCS format; ids ``twitter:twcs:<n>``), counted by hand:

    conversation 29 (its root, tweet 29, is not in the file)          brand acmecare
      30  104 07:00:00  "Is the store open today?"   reply to 29      turn 30: needs a reply
      31  acmecare 07:01:05 reply to 30                               answers it: 1.083 → 1.1 min
    conversation 1                                                    brand acmecare
      1   acmecare 08:00  post
      2   101 09:00 "Where is my order? ..."          reply to 1      turn 2,3 (a burst): needs a
      3   101 09:03 "... arrived broken ... terrible"  reply to 2     reply, a complaint
      4   acmecare 09:20 reply to 3                                   answers turn 2,3: 20.0 min
      5   101 10:00 "thanks"                           reply to 4     turn 5: needs no reply
    conversation 10                                                   brand acmecare
      10  102 11:00 "Can you help me ...?"  lists reply 11, not in the file: outside the data
    conversation 20                                                   brand betahelp
      20  103 12:00 "Why was I charged twice ...?"  (a complaint)     turn 20, answered by 21
      21  betahelp 12:30 reply to 20                                  30.0 min
      22  103 12:40 "still waiting, why ...?"  reply to 21            turn 22: unanswered

Conversation order is by the first message's time: acmecare 29 (07:00), 1 (08:00), 10 (11:00).
"""

from __future__ import annotations

import csv
import json

import jsonschema
import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all
from brandcouch.reports.conversation_export import (
    CONVERSATION_COLUMNS,
    TURN_COLUMNS,
    write_table_csv,
)
from tests.conftest import ROOT, shared_path

register_all()
runner = CliRunner()
WIDE = {"COLUMNS": "250"}

HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
ROWS = [
    (1, "acmecare", "False", "08:00:00", "Our winter menu is here", "2", ""),
    (2, "101", "True", "09:00:00", "@acmecare Where is my order? It is two weeks late", "3", "1"),
    (3, "101", "True", "09:03:00", "@acmecare My order arrived broken and this is terrible service", "4", "2"),
    (4, "acmecare", "False", "09:20:00", "@101 Sorry about that, we will send a new one today", "5", "3"),
    (5, "101", "True", "10:00:00", "@acmecare thanks", "", "4"),
    (10, "102", "True", "11:00:00", "@acmecare Can you help me change my delivery address?", "11", ""),
    (20, "103", "True", "12:00:00", "@betahelp Why was I charged twice this month?", "21", ""),
    (21, "betahelp", "False", "12:30:00", "@103 We are looking into it", "22", "20"),
    (22, "103", "True", "12:40:00", "@betahelp still waiting, why is this taking so long?", "", "21"),
    (30, "104", "True", "07:00:00", "@acmecare Is the store open today?", "31", "29"),
    (31, "acmecare", "False", "07:01:05", "@104 Yes, until 9pm", "", "30"),
]  # fmt: skip

T = "twitter:twcs:"
CONVERSATIONS = [
    # owned / deflected_only apply to complaint conversations, personal to answered ones:
    # "we will send a new one today" engages (owned; "thanks" after it: same); "We are looking
    # into it" neither engages nor pushes to a private channel, and "still waiting" is worse
    ["acmecare", T + "29", "1", "1", "1", "0", "0", "1.1", "false", "", "", "true", "unknown"],
    ["acmecare", T + "1", "2", "1", "1", "0", "0", "20.0", "true", "true", "false", "true", "same"],
    ["acmecare", T + "10", "1", "1", "0", "0", "1", "", "false", "", "", "", "unknown"],
    [
        "betahelp",
        T + "20",
        "2",
        "2",
        "1",
        "1",
        "0",
        "30.0",
        "true",
        "false",
        "false",
        "true",
        "worse",
    ],
]
TURNS = [
    ["acmecare", T + "29", T + "30", T + "30", "true", "true", "false", "1.1", "false"],
    ["acmecare", T + "1", T + "2", f"{T}2 {T}3", "true", "true", "false", "20.0", "true"],
    ["acmecare", T + "1", T + "5", T + "5", "false", "false", "false", "", "false"],
    ["acmecare", T + "10", T + "10", T + "10", "true", "false", "true", "", "false"],
    ["betahelp", T + "20", T + "20", T + "20", "true", "true", "false", "30.0", "true"],
    ["betahelp", T + "20", T + "22", T + "22", "true", "false", "false", "", "true"],
]
SCHEMA = json.loads((ROOT / "docs" / "conversations.schema.json").read_text(encoding="utf-8"))


pytestmark = pytest.mark.usefixtures("wide_consoles")  # tests/cli/conftest.py


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("conv")
    src = folder / "twcs.csv"
    src.write_text(
        HEADER
        + "".join(
            f'{i},{a},{b},Tue Oct 31 {t} +0000 2017,"{x}","{r}",{p}\n'
            for i, a, b, t, x, r, p in ROWS
        ),
        "utf-8",
    )
    path = folder / "conv.duckdb"
    store = api.open_store(path, create=True)
    api.import_paths(store, [src])
    api.run_signals(store)
    store.close()
    return path


def invoke(*args):
    return runner.invoke(app, ["conversations", *(str(a) for a in args)], env=WIDE)


def read_csv(path) -> tuple[list[str], list[list[str]]]:
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


def test_csv_has_every_column_in_order_and_the_hand_counted_rows(db, tmp_path):
    res = invoke("--db", db, "--csv", tmp_path / "c.csv")
    assert res.exit_code == 0, res.output
    header, rows = read_csv(tmp_path / "c.csv")
    assert header == list(CONVERSATION_COLUMNS) == [
        "brand", "thread_id", "customer_turns", "needs_reply_turns", "answered_turns",
        "unanswered_turns", "outside_data_turns", "first_response_minutes", "complaint",
        "owned", "deflected_only", "personal", "outcome",
    ]  # fmt: skip
    assert rows == CONVERSATIONS


def test_turns_csv_has_every_column_in_order_and_the_hand_counted_rows(db, tmp_path):
    res = invoke("--db", db, "--turns", tmp_path / "t.csv")
    assert res.exit_code == 0, res.output
    header, rows = read_csv(tmp_path / "t.csv")
    assert header == list(TURN_COLUMNS) == [
        "brand", "thread_id", "turn_id", "message_ids", "needs_reply", "answered",
        "answered_outside_data", "first_response_minutes", "complaint",
    ]  # fmt: skip
    assert rows == TURNS


def _identities(conv: list[dict], turns: list[dict]) -> None:
    by_conv: dict[tuple, list[dict]] = {}
    for t in turns:
        by_conv.setdefault((t["brand"], t["thread_id"]), []).append(t)
    assert set(by_conv) == {(c["brand"], c["thread_id"]) for c in conv}
    for c in conv:
        assert c["needs_reply_turns"] == (
            c["answered_turns"] + c["unanswered_turns"] + c["outside_data_turns"]
        ), c
        mine = by_conv[(c["brand"], c["thread_id"])]
        assert c["customer_turns"] == len(mine) >= 1
        need = [t for t in mine if t["needs_reply"]]
        assert c["needs_reply_turns"] == len(need)
        assert c["answered_turns"] == sum(t["answered"] for t in need)
        assert c["outside_data_turns"] == sum(t["answered_outside_data"] for t in need)
        assert c["complaint"] == any(t["complaint"] for t in mine)
        first = next((t for t in need if t["answered"]), None)
        assert c["first_response_minutes"] == (first and first["first_response_minutes"])
    for t in turns:
        assert not (t["answered"] and t["answered_outside_data"])
        assert (t["first_response_minutes"] is None) == (not t["answered"])
        if t["first_response_minutes"] is not None:
            assert round(t["first_response_minutes"], 1) == t["first_response_minutes"]
        assert t["turn_id"] == t["message_ids"][0]
    assert len({(c["brand"], c["thread_id"]) for c in conv}) == len(conv)


def test_json_validates_carries_json_types_and_the_same_rows(db, tmp_path):
    res = invoke("--db", db, "--json", tmp_path / "c.json", "--csv", tmp_path / "c.csv")
    assert res.exit_code == 0, res.output
    doc = json.loads((tmp_path / "c.json").read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc)) == []
    assert list(doc) == ["conversations", "turns"]
    assert [list(c) for c in doc["conversations"]] == [list(CONVERSATION_COLUMNS)] * 4
    assert [list(t) for t in doc["turns"]] == [list(TURN_COLUMNS)] * 6
    assert doc["conversations"][2] == {
        "brand": "acmecare", "thread_id": T + "10", "customer_turns": 1,
        "needs_reply_turns": 1, "answered_turns": 0, "unanswered_turns": 0,
        "outside_data_turns": 1, "first_response_minutes": None, "complaint": False,
        "owned": None, "deflected_only": None, "personal": None, "outcome": "unknown",
    }  # fmt: skip
    assert doc["turns"][1]["message_ids"] == [T + "2", T + "3"]
    assert doc["turns"][0]["first_response_minutes"] == 1.1
    _identities(doc["conversations"], doc["turns"])
    # the CSV says the same as the JSON
    _, rows = read_csv(tmp_path / "c.csv")
    assert [r[1] for r in rows] == [c["thread_id"] for c in doc["conversations"]]


def test_the_schema_rejects_drift():
    validator = jsonschema.Draft202012Validator(SCHEMA)
    turn = dict(zip(TURN_COLUMNS, TURNS[0], strict=True))
    good = {
        **turn, "message_ids": [T + "30"], "needs_reply": True, "answered": True,
        "answered_outside_data": False, "first_response_minutes": 1.1, "complaint": False,
    }  # fmt: skip
    assert validator.is_valid({"conversations": [], "turns": [good]})
    for bad in (
        {**good, "answered_outside_data": True},  # both answered and outside the data
        {**good, "answered": False},  # minutes for an unanswered turn
        {**good, "message_ids": f"{T}30"},  # a string, not an array
        {**good, "owned": True},  # a column the judgements issue has not added
    ):
        assert not validator.is_valid({"conversations": [], "turns": [bad]}), bad


@pytest.mark.parametrize("spelling", ["betahelp", "BETAHELP"])
def test_brand_filters_by_name_case_insensitively(db, tmp_path, spelling):
    res = invoke("--db", db, "--brand", spelling, "--csv", tmp_path / "c.csv")
    assert res.exit_code == 0, res.output
    assert read_csv(tmp_path / "c.csv")[1] == CONVERSATIONS[3:]


def test_brand_is_repeatable(db, tmp_path):
    res = invoke(
        "--db", db, "--brand", "acmecare", "--brand", "betahelp", "--turns", tmp_path / "t.csv"
    )
    assert res.exit_code == 0, res.output
    assert read_csv(tmp_path / "t.csv")[1] == TURNS
    res = invoke("--db", db, "--brand", "acmecare", "--turns", tmp_path / "t.csv")
    assert read_csv(tmp_path / "t.csv")[1] == TURNS[:4]


def test_an_unknown_brand_is_one_line_naming_the_brands(db):
    res = invoke("--db", db, "--brand", "nobody")
    assert res.exit_code == 1
    assert "no brand named 'nobody'" in res.output and "acmecare, betahelp" in res.output


def test_summary_table_without_a_file_option(db):
    res = invoke("--db", db)
    assert res.exit_code == 0, res.output
    lines = [" ".join(line.split()) for line in res.output.splitlines()]
    assert (
        "brand conversations turns need a reply answered unanswered outside the data median first response"
        in lines
    )  # noqa: E501
    # acmecare: 3 conversations, 4 turns, 3 need a reply: 2 answered, 0 unanswered, 1 outside;
    # median of 1.1 and 20.0
    assert "acmecare 3 4 3 2 0 1 10.6 min" in lines
    assert "betahelp 1 2 2 1 1 0 30.0 min" in lines


def test_the_reader_does_not_write_the_store(db):
    store = api.open_store(db, read_only=True)
    before = store.con.execute("SELECT count(*) FROM messages").fetchone()
    store.close()
    res = invoke("--db", db, "--brand", "acmecare")
    assert res.exit_code == 0
    store = api.open_store(db, read_only=True)
    assert store.con.execute("SELECT count(*) FROM messages").fetchone() == before
    store.close()


def test_api_conversations_frames(db):
    store = api.open_store(db, read_only=True)
    try:
        conv, turns = api.conversations(store, brands=["ACMECARE"])
    finally:
        store.close()
    assert list(conv.columns) == list(CONVERSATION_COLUMNS)
    assert list(turns.columns) == list(TURN_COLUMNS)
    assert conv["thread_id"].tolist() == [T + "29", T + "1", T + "10"]
    assert turns["message_ids"].tolist()[1] == [T + "2", T + "3"]
    assert conv["customer_turns"].dtype.kind == "i" and turns["answered"].dtype == bool


def test_cells_go_through_the_neutralising_writer(tmp_path):
    import pandas as pd

    df = pd.DataFrame([{"brand": "=HYPERLINK(1)", "thread_id": "@x", "complaint": True}])
    header, rows = read_csv(write_table_csv(tmp_path / "x.csv", df))
    assert rows == [["'=HYPERLINK(1)", "'@x", "true"]]


def test_identities_hold_on_the_twcs_sample(tmp_path):
    path = shared_path("data", "twcs", "twcs_head5000.csv")
    store = api.open_store(tmp_path / "twcs.duckdb", create=True)
    try:
        api.import_paths(store, [path])
        conv, turns = api.conversations(store)
    finally:
        store.close()
    from brandcouch.reports.conversation_export import to_json

    doc = to_json(conv, turns)
    assert list(jsonschema.Draft202012Validator(SCHEMA).iter_errors(doc)) == []
    _identities(doc["conversations"], doc["turns"])
    # ordered by brand, then each brand's conversations keep one block each
    keys = [(c["brand"], c["thread_id"]) for c in doc["conversations"]]
    assert [k[0] for k in keys] == sorted(k[0] for k in keys)
