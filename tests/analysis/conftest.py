"""A tiny hand-made store: Acme's post, three audience replies (two answered by Acme, one not),
and one message to nobody. Counted by hand:

    p1  acme   post                                   brand message
    q1  u1     reply to p1  "Can you help me ..."     inbound (answered twice: r1, r2)
    r1  acme   reply to q1, 10 minutes later          brand message
    r2  acme   reply to q1, 70 minutes later          brand message
    q2  u2     reply to p1  "Where is my order?"      inbound, unanswered
    q3  u3     reply to r1  "Thanks that worked"     inbound (on Acme's reply), unanswered
    x1  u5     post, to nobody                        neither

inbound: q1, q2, q3 (3 rows); brand_replies: (q1, Acme), n = 2 (1 row); brand_msgs: p1, r1, r2.
"""

from __future__ import annotations

import pytest

from brandcouch import api

HEADER = "id,author,text,created_at,platform,parent_id,brand,author_handle\n"
ROWS = [
    ("p1", "acme", "Our news this week", "2024-05-01T08:00:00Z", "", "acme"),
    ("q1", "u1", "Can you help me change my delivery address?", "2024-05-01T09:00:00Z", "p1", "u1"),
    ("r1", "acme", "Sure: use the form on your order page", "2024-05-01T09:10:00Z", "q1", "acme"),
    ("r2", "acme", "Did that work for you?", "2024-05-01T10:10:00Z", "q1", "acme"),
    ("q2", "u2", "Where is my order? It is late again", "2024-05-01T11:00:00Z", "p1", "u2"),
    ("q3", "u3", "Thanks that worked", "2024-05-01T12:00:00Z", "r1", "u3"),
    ("x1", "u5", "Lovely weather today", "2024-05-01T13:00:00Z", "", "u5"),
]


def write_csv(path, *, brand_column: bool = True) -> None:
    lines = []
    for mid, author, text, at, parent, handle in ROWS:
        brand = "Acme" if author == "acme" and brand_column else ""
        lines.append(f"{mid},{author},{text},{at},twitter,{parent},{brand},{handle}")
    path.write_text(HEADER + "\n".join(lines) + "\n", "utf-8")


@pytest.fixture
def tiny(tmp_path):
    """An in-memory store holding the tiny corpus with Acme declared by the export."""
    src = tmp_path / "tiny.csv"
    write_csv(src)
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    yield store
    store.close()
