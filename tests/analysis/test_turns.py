"""Customer turns on hand-built stores (docs/metrics.md, "Turns"): a three-message burst
answered once, two brands in one thread, tied timestamps, missing timestamps (reply-tree
order) and a reply the source mentions that is not in the store (answered outside the data)."""

from __future__ import annotations

import csv

import pytest

from brandcouch import api
from brandcouch.analysis.steps import Runner

HEADER = "id,author,text,created_at,platform,parent_id,brand,author_handle,replies\n"
BRANDS = {"acme": "Acme", "beta": "Beta"}


def _store(tmp_path, rows):
    """``rows``: (id, author, text, created_at, parent_id[, replies]); acme/beta are brands."""
    src = tmp_path / "turns.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        fh.write(HEADER)
        out = csv.writer(fh)
        for row in rows:
            mid, author, text, at, parent, *rest = row
            replies = rest[0] if rest else ""
            out.writerow(
                [mid, author, text, at, "twitter", parent, BRANDS.get(author, ""), author, replies]
            )
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    api.run_signals(store)  # needs_reply and complaint read them
    Runner(store).ensure("turns")
    return store


def _turns(store, brand="Acme"):
    rows = store.df(
        "SELECT * FROM turns WHERE brand = ? ORDER BY first_at NULLS LAST, turn_id", [brand]
    ).to_dict("records")
    for r in rows:
        r["message_ids"] = [m.split(":")[-1] for m in r["message_ids"]]
        r["turn_id"] = r["turn_id"].split(":")[-1]
        if isinstance(r["first_reply_id"], str):
            r["first_reply_id"] = r["first_reply_id"].split(":")[-1]
    return rows


def _pick(rows, *cols):
    return [tuple(None if r[c] != r[c] else r[c] for c in cols) for r in rows]  # NaN -> None


COLS = ("turn_id", "message_ids", "n_messages", "turn_index", "answered",
        "answered_outside_data", "first_reply_id", "first_response_minutes")  # fmt: skip


def test_a_three_message_burst_answered_once_is_one_answered_turn(tmp_path):
    store = _store(
        tmp_path,
        [
            ("p1", "acme", "Our news", "2024-05-01T08:00:00Z", ""),
            ("q1", "u1", "My order is late", "2024-05-01T09:00:00Z", "p1"),
            ("q2", "u1", "It was due Monday", "2024-05-01T09:01:00Z", "q1"),
            ("q3", "u1", "Can you help?", "2024-05-01T09:02:00Z", "q2"),
            ("r1", "acme", "Sorry, we are on it", "2024-05-01T09:12:00Z", "q3"),
        ],
    )
    assert _pick(_turns(store), *COLS) == [
        ("q1", ["q1", "q2", "q3"], 3, 1, True, False, "r1", 12.0)
    ]
    row = store.df("SELECT * FROM turns").iloc[0]
    assert row["thread_id"].endswith(":p1") and row["customer_id"].endswith(":u1")
    assert row["needs_reply"]  # the question needs a reply, so the turn does


def test_two_brands_in_one_thread_each_see_their_own_turns(tmp_path):
    store = _store(
        tmp_path,
        [
            ("p1", "acme", "Our news", "2024-05-01T08:00:00Z", ""),
            ("q1", "u1", "Who handles my refund?", "2024-05-01T09:00:00Z", "p1"),
            ("b1", "beta", "We do, DM us", "2024-05-01T09:05:00Z", "q1"),
            ("q2", "u1", "Done, still nothing", "2024-05-01T09:10:00Z", "b1"),
            ("a1", "acme", "Acme here: refunded", "2024-05-01T09:20:00Z", "q2"),
        ],
    )
    # Beta's message does not split Acme's turn: q1, q2 is one turn, answered by a1
    assert _pick(_turns(store, "Acme"), *COLS) == [
        ("q1", ["q1", "q2"], 2, 1, True, False, "a1", 20.0)
    ]
    # for Beta, its reply b1 splits them: q1 answered after 5 min, q2 (the customer's second
    # turn) unanswered by Beta (Acme's later reply is not Beta's)
    assert _pick(_turns(store, "Beta"), *COLS) == [
        ("q1", ["q1"], 1, 1, True, False, "b1", 5.0),
        ("q2", ["q2"], 1, 2, False, False, None, None),
    ]


def test_tied_timestamps_order_by_depth_then_id(tmp_path):
    at = "2024-05-01T09:00:00Z"
    store = _store(
        tmp_path,
        [
            ("p1", "acme", "Our news", "2024-05-01T08:00:00Z", ""),
            ("q1", "u1", "Is the shop open?", at, "p1"),
            ("r1", "acme", "Yes until 6", at, "q1"),  # same second, one level deeper
            ("q2", "u1", "And on Sunday?", at, "r1"),
        ],
    )
    assert _pick(_turns(store), *COLS) == [
        ("q1", ["q1"], 1, 1, True, False, "r1", 0.0),
        ("q2", ["q2"], 1, 2, False, False, None, None),
    ]


def test_missing_timestamps_follow_the_reply_tree(tmp_path):
    store = _store(
        tmp_path,
        [
            ("p1", "acme", "Our news", "", ""),
            ("q1", "u1", "My card was charged twice", "", "p1"),
            ("q2", "u1", "Hello?", "", "q1"),
            ("r1", "acme", "We refunded one", "", "q1"),  # sibling of q2, after it by id
            ("q3", "u1", "Why no answer here?", "", "p1"),  # another branch: r1 is not below
        ],
    )
    rows = _turns(store)
    assert _pick(rows, *COLS) == [
        ("q1", ["q1", "q2"], 2, 1, True, False, "r1", None),
        ("q3", ["q3"], 1, 2, False, False, None, None),
    ]
    assert not any(r["timed"] for r in rows)


def test_a_reply_outside_the_data_is_neither_answered_nor_unanswered(tmp_path):
    store = _store(
        tmp_path,
        [
            ("p1", "acme", "Our news", "2024-05-01T08:00:00Z", ""),
            ("q1", "u1", "Where is my parcel?", "2024-05-01T09:00:00Z", "p1", 1),
            ("q2", "u2", "Where is mine?", "2024-05-01T09:30:00Z", "p1", 0),
            ("q3", "u3", "Mine too?", "2024-05-01T09:40:00Z", "p1", 1),
            ("r3", "acme", "On its way", "2024-05-01T09:50:00Z", "q3"),
        ],
    )
    assert _pick(_turns(store), "turn_id", "answered", "answered_outside_data") == [
        ("q1", False, True),  # the source says it was replied to; the reply is not here
        ("q2", False, False),  # unanswered
        ("q3", True, False),  # the reply the source counts is in the store
    ]


@pytest.mark.parametrize(
    "col,typ",
    [("message_ids", "VARCHAR[]"), ("needs_reply", "BOOLEAN"), ("answered", "BOOLEAN"),
     ("answered_outside_data", "BOOLEAN"), ("complaint", "BOOLEAN"),
     ("first_response_minutes", "DOUBLE")],
)  # fmt: skip
def test_the_contract_columns_and_types(tmp_path, col, typ):
    store = _store(tmp_path, [("p1", "acme", "x", "2024-05-01T08:00:00Z", "")])
    types = dict(
        store.con.execute("SELECT column_name, column_type FROM (DESCRIBE turns)").fetchall()
    )
    assert types[col] == typ
    contract = ["brand", "platform", "thread_id", "turn_id", "customer_id", "message_ids",
                "n_messages", "turn_index", "first_at", "last_at", "needs_reply", "complaint",
                "answered", "answered_outside_data", "first_reply_id", "first_reply_at",
                "first_response_minutes"]  # fmt: skip
    assert list(types)[: len(contract)] == contract
