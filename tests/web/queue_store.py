"""A tiny TWCS-format store for the queue and CSV tests: two brands, turns that need a reply
(complaints and questions, waiting different times), one answered, one that needs no reply,
one answered outside the data; the last message is at 12:00."""

from __future__ import annotations

from brandcouch import api

HEADER = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
ROWS = [
    (1, "acmecare", "False", "07:30:00", "Our winter menu is here", "", ""),
    (50, "201", "True", "08:00:00", "@acmecare Can you help me change my delivery address?", "", ""),
    (51, "202", "True", "10:00:00", "=HYPERLINK(1) @acmecare Is the store open today?", "", ""),
    (52, "203", "True", "11:00:00", "@acmecare My order arrived broken and this is terrible service", "", ""),
    (53, "204", "True", "09:30:00", "@acmecare still waiting, why is this taking so long?", "", ""),
    (54, "205", "True", "11:30:00", "@acmecare Where is my order? It is two weeks late", "55", ""),
    (55, "acmecare", "False", "11:40:00", "@205 Sorry, it ships today", "", "54"),
    (56, "206", "True", "12:00:00", "@acmecare thanks", "", ""),
    (57, "207", "True", "09:45:00", "@acmecare Can you help me with my bill?", "99", ""),
    (60, "betahelp", "False", "06:00:00", "Welcome to Beta", "", ""),
    (61, "301", "True", "07:00:00", "@betahelp Why was I charged twice this month?", "", ""),
]  # fmt: skip
T = "twitter:twcs:"


def build(folder) -> tuple:
    """The store's path and its analysis (JSON)."""
    src = folder / "twcs.csv"
    src.write_text(
        HEADER
        + "".join(
            f'{i},{a},{b},Tue Oct 31 {t} +0000 2017,"{x}","{r}",{p}\n'
            for i, a, b, t, x, r, p in ROWS
        ),
        "utf-8",
    )
    path = folder / "q.duckdb"
    with api.open_store(path, create=True) as store:
        api.import_paths(store, [src])
        result = api.analyse(store).to_json()
    return path, result
