"""Conversation judgements on hand-built stores (docs/metrics.md, "Conversation judgements"):
a complaint owned by troubleshooting without an apology, one only sent to DMs despite an
apology, a diagnostic question followed by a DM request (owned), two customers in one thread
judged apart, and the outcomes better / worse / unknown (DM sent) / same."""

from __future__ import annotations

import csv

import pandas as pd

from brandcouch import api
from brandcouch.analysis.steps import Runner

HEADER = "id,author,text,created_at,platform,parent_id,brand,author_handle\n"


def _store(tmp_path, rows):
    """``rows``: (id, author, text, created_at, parent_id); ``acme`` is the brand."""
    src = tmp_path / "conv.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        fh.write(HEADER)
        out = csv.writer(fh)
        for mid, author, text, at, parent in rows:
            brand = "Acme" if author == "acme" else ""
            out.writerow([mid, author, text, at, "twitter", parent, brand, author])
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    api.run_signals(store)
    Runner(store).ensure("conv_judgements", "conv_evidence")
    return store


def _units(store) -> dict[str, dict]:
    rows = store.df("SELECT * FROM conv_judgements").to_dict("records")
    return {r["customer_id"].split(":")[-1]: r for r in rows}


T = "2024-05-01T{:02d}:{:02d}:00Z"


def test_troubleshooting_without_sorry_owns_and_sorry_plus_dm_deflects(tmp_path):
    store = _store(
        tmp_path,
        [
            ("c1", "ann", "@acme my phone keeps crashing when I open the app, useless",
             T.format(9, 0), ""),
            ("r1", "acme", "@ann Which iOS version are you on? Try deleting and reinstalling "
             "the app from Settings > General.", T.format(9, 10), "c1"),
            ("c2", "bob", "@acme my parcel never arrived, this is terrible", T.format(10, 0), ""),
            ("r2", "acme", "@bob Sorry for the trouble. Please DM us your order number.",
             T.format(10, 5), "c2"),
        ],
    )  # fmt: skip
    u = _units(store)
    assert u["ann"]["complaint"] and u["bob"]["complaint"]
    assert (u["ann"]["owned"], u["ann"]["deflected_only"]) == (True, False)
    assert (u["bob"]["owned"], u["bob"]["deflected_only"]) == (False, True)
    assert u["ann"]["best_reply_id"].endswith(":r1")
    assert u["bob"]["push_reply_id"].endswith(":r2")
    ev = store.df("SELECT role, id FROM conv_evidence ORDER BY role, id").to_dict("records")
    roles = {(e["role"], e["id"].split(":")[-1]) for e in ev}
    assert ("owned_reply", "r1") in roles and ("deflected_reply", "r2") in roles
    assert ("not_owned", "c2") in roles


def test_a_diagnostic_question_then_a_dm_request_is_owned(tmp_path):
    store = _store(
        tmp_path,
        [
            ("c1", "cat", "@acme my wifi drops every evening, so annoying", T.format(9, 0), ""),
            ("r1", "acme", "@cat Does this happen on every device or just your laptop?",
             T.format(9, 10), "c1"),
            ("c2", "cat", "@acme every device", T.format(9, 20), "r1"),
            ("r2", "acme", "@cat Thanks. Please DM us your account number.", T.format(9, 30),
             "c2"),
        ],
    )  # fmt: skip
    u = _units(store)["cat"]
    assert u["n_replies"] == 2
    assert (u["owned"], u["deflected_only"]) == (True, False)


def test_two_customers_in_one_thread_are_judged_apart(tmp_path):
    store = _store(
        tmp_path,
        [
            ("c1", "dan", "@acme the checkout page is broken, I can't pay", T.format(9, 0), ""),
            ("c2", "eve", "@acme @dan same here, checkout is broken for me too", T.format(9, 5),
             "c1"),
            ("r1", "acme", "@dan Sorry! Please send us a DM.", T.format(9, 10), "c1"),
            ("r2", "acme", "@eve We're aware the checkout page is down and our engineers are "
             "fixing it now.", T.format(9, 12), "c2"),
        ],
    )  # fmt: skip
    u = _units(store)
    assert u["dan"]["thread_id"] == u["eve"]["thread_id"]
    assert (u["dan"]["owned"], u["dan"]["deflected_only"]) == (False, True)
    assert (u["eve"]["owned"], u["eve"]["deflected_only"]) == (True, False)


def test_outcomes_from_the_customers_later_turns(tmp_path):
    rows = []
    later = {
        "fay": "@acme that fixed it, thank you so much!",  # better
        "gus": "@acme still not working, this is ridiculous",  # worse
        "hal": "@acme DM sent",  # unknown: moved to a private channel
        "ida": "@acme it is an iPhone 12",  # same: answers the question
    }
    for i, (who, text) in enumerate(later.items()):
        rows += [
            (f"c{i}", who, "@acme my app crashes on login, it's broken", T.format(9 + i, 0), ""),
            (
                f"r{i}",
                "acme",
                f"@{who} Which phone are you using? Try reinstalling the app.",
                T.format(9 + i, 10),
                f"c{i}",
            ),
            (f"d{i}", who, text, T.format(9 + i, 20), f"r{i}"),
        ]
    rows.append(("c9", "jon", "@acme my app crashes on login, it's broken", T.format(20, 0), ""))
    rows.append(("r9", "acme", "@jon Which phone are you using?", T.format(20, 5), "c9"))
    store = _store(tmp_path, rows)
    u = _units(store)
    got = {who: u[who]["outcome"] for who in ("fay", "gus", "hal", "ida", "jon")}
    assert got == {
        "fay": "better", "gus": "worse", "hal": "unknown", "ida": "same", "jon": "unknown"
    }  # fmt: skip
    assert u["fay"]["outcome_id"].endswith(":d0") and u["gus"]["outcome_id"].endswith(":d1")
    assert pd.isna(u["hal"]["outcome_id"])


def test_a_neutral_follow_up_after_a_polite_first_turn_is_not_worse(tmp_path):
    # TWCS 5553/5554: "who can I complain to … Thanks" (VADER +0.88) then "Thanks I filled in an
    # online complaint via your website, hoe long does it normally take to reply?" (+0.18): a drop
    # of 0.70, but the last message is not negative, so no anger rose (outcome "same");
    # a negative last message (anger rising) stays "worse"
    first = (
        "@acme who can I complain to about poor quality with food packs? Have spoken to store in "
        "question but they aren\u2019t helpful at all? Do you have an email or phone number of "
        "someone who may be able to help? Thanks"
    )
    later = {
        "kim": "@acme Thanks I filled in an online complaint via your website, hoe long does it "
        "normally take to reply?",
        "lou": "@acme this is useless and awful, I hate this",
    }
    rows = []
    for i, (who, text) in enumerate(later.items()):
        rows += [
            (f"k{i}", who, first, T.format(9 + i, 0), ""),
            (f"s{i}", "acme", f"@{who} Sorry to hear this - you can get in touch with us here "
             "https://t.co/x or DM us some more info", T.format(9 + i, 10), f"k{i}"),
            (f"l{i}", who, text, T.format(9 + i, 20), f"s{i}"),
        ]  # fmt: skip
    store = _store(tmp_path, rows)
    u = _units(store)
    assert {who: u[who]["outcome"] for who in later} == {"kim": "same", "lou": "worse"}
