"""A customer message addressed to MANY_BRANDS (4) brands or more needs no reply and is no
complaint for any of them (issue 13, fourth pass; docs/metrics.md "needs a reply"). In TWCS
the supermarkets' mince-pie banter tags 5 brand handles in each of its 107 messages; no other
customer message of twcs_head5000 names more than 2 brands."""

from __future__ import annotations

import csv

from brandcouch import api
from brandcouch.analysis.steps import MANY_BRANDS, Runner

HEADER = "id,author,text,created_at,platform,parent_id,brand,author_handle,replies\n"
BRANDS = {b: b.title() for b in ("acme", "beta", "gamma", "delta", "eps")}
COMPLAINT = "this is terrible, my order never arrived and nobody helps. Fix it now!"


def _store(tmp_path, rows):
    src = tmp_path / "many.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        fh.write(HEADER)
        out = csv.writer(fh)
        for mid, author, text, at, parent in rows:
            out.writerow([mid, author, text, at, "twitter", parent, BRANDS.get(author, ""),
                          author, ""])  # fmt: skip
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    api.run_signals(store)
    Runner(store).ensure("turn_facts")
    return store


def _rows(tmp_path):
    posts = [(f"p{i}", b, f"{b} news", f"2024-05-01T0{i}:00:00Z", "") for i, b in
             enumerate(BRANDS, 1)]  # fmt: skip
    return posts + [
        # four brands tagged: banter / a broadcast, not a care request to any of them
        ("m4", "u1", f"@acme @beta @gamma @delta {COMPLAINT}", "2024-05-02T09:00:00Z", ""),
        ("m4b", "u1", f"@acme @beta @gamma @delta {COMPLAINT}", "2024-05-02T10:00:00Z", ""),
        # three brands tagged: still a complaint to each
        ("m3", "u2", f"@acme @beta @gamma {COMPLAINT}", "2024-05-02T09:30:00Z", ""),
    ]


def test_the_threshold_is_four():
    assert MANY_BRANDS == 4


def test_a_message_to_four_brands_needs_no_reply_and_is_no_complaint(tmp_path):
    store = _store(tmp_path, _rows(tmp_path))
    raw = store.df("SELECT id, complaint FROM mb WHERE id LIKE '%m4'").iloc[0]
    assert raw["complaint"] >= 0.5  # the signal itself reads the text as a complaint
    inb = store.df(
        "SELECT split_part(id, ':', -1) AS mid, brand, n_brands, to_many_brands, complaint, "
        "needs_reply(question, complaint) AS needs FROM inbound ORDER BY mid, brand"
    )
    m4 = inb[inb.mid == "m4"]
    assert sorted(m4.brand) == ["Acme", "Beta", "Delta", "Gamma"]
    assert set(m4.n_brands) == {4} and m4.to_many_brands.all()
    assert (m4.complaint == 0).all() and not m4.needs.any()
    m3 = inb[inb.mid == "m3"]
    assert sorted(m3.brand) == ["Acme", "Beta", "Gamma"]
    assert set(m3.n_brands) == {3} and not m3.to_many_brands.any()
    assert (m3.complaint >= 0.5).all() and m3.needs.all()


def test_turns_of_many_brand_messages_need_no_reply_and_are_not_regular_turns(tmp_path):
    store = _store(tmp_path, _rows(tmp_path))
    t = store.df(
        "SELECT split_part(turn_id, ':', -1) AS tid, brand, needs_reply, complaint, "
        "to_many_brands, member_turns FROM turn_facts WHERE brand = 'Acme' ORDER BY tid"
    )
    assert list(t.tid) == ["m3", "m4", "m4b"]
    by = t.set_index("tid")
    assert not by.loc["m4", "needs_reply"] and not by.loc["m4", "complaint"]
    assert by.loc["m4", "to_many_brands"] and by.loc["m4b", "to_many_brands"]
    assert by.loc["m3", "needs_reply"] and by.loc["m3", "complaint"]
    # u1 wrote twice, both times to four brands: not a regular left unanswered (0 turns count)
    assert by.loc["m4", "member_turns"] == 0
    assert by.loc["m3", "member_turns"] == 1
