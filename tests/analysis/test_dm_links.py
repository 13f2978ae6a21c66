"""The DM-link rule (brandcouch.analysis.dm_links, docs/metrics.md): a link a brand attaches to
its DM requests makes a bare "We'd love to help. <link>" a push, on a hand-built store.

Acme uses https://t.co/AcmeDm01 with "DM us" in three replies, so it is Acme's private-channel
link; https://t.co/AcmeOne1 is used once with a DM request (and once more, bare) and is not; a reply that gives a
fix next to the DM link stays engaged."""

from __future__ import annotations

import csv

from brandcouch import api
from brandcouch.analysis.dm_links import reply_push_sql
from brandcouch.analysis.steps import Runner

HEADER = "id,author,text,created_at,platform,parent_id,brand,author_handle\n"
T = "2024-05-01T{:02d}:{:02d}:00Z"
DM = "https://t.co/AcmeDm01"
ONCE = "https://t.co/AcmeOne1"

ROWS = [
    # three customers sent to DM with the same link: the rules read each as a push
    ("c1", "ann", "@acme my order never arrived, terrible", T.format(9, 0), ""),
    ("r1", "acme", f"@ann Please DM us your order number. {DM}", T.format(9, 5), "c1"),
    ("c2", "bob", "@acme my card was charged twice, awful", T.format(9, 10), ""),
    ("r2", "acme", f"@bob DM us and we'll take a look. {DM}", T.format(9, 15), "c2"),
    ("c3", "cat", "@acme the app keeps crashing, useless", T.format(9, 20), ""),
    ("r3", "acme", f"@cat Send us a DM with the details. {DM}", T.format(9, 25), "c3"),
    # the bare reply with the DM link: no words of a push
    ("c4", "dan", "@acme my parcel is lost, this is terrible", T.format(10, 0), ""),
    ("r4", "acme", f"@dan We'd love to help. {DM}", T.format(10, 5), "c4"),
    # a link used once, with a DM request; the same bare wording with it is not a push
    ("c5", "eve", "@acme my refund never came, awful", T.format(10, 10), ""),
    ("r5", "acme", f"@eve Please DM us. {ONCE}", T.format(10, 15), "c5"),
    ("c6", "fay", "@acme my order is late, terrible service", T.format(10, 20), ""),
    ("r6", "acme", f"@fay We'd love to help. {ONCE}", T.format(10, 25), "c6"),
    # an engaging reply with the DM link: a fix, so it stays engaged
    ("c7", "gus", "@acme my phone keeps crashing when I open the app, useless",
     T.format(11, 0), ""),
    ("r7", "acme", "@gus Which iOS version are you on? Try deleting and reinstalling the app "
     f"from Settings > General. {DM}", T.format(11, 5), "c7"),
    # routing on request (tenth pass): a phone line under "how can I contact you?" answers it;
    # a DM request under "who can I complain to?" does not; the same line unasked is a push
    ("c8", "hal", "@acme How can I contact you? Your website form is broken", T.format(12, 0),
     ""),
    ("r8", "acme", "@hal Please call our support line at 1-800-555-0100.", T.format(12, 5), "c8"),
    ("c9", "ivy", "@acme who can I complain to about a rude driver?", T.format(12, 10), ""),
    ("r9", "acme", "@ivy Please send us a DM so we can help.", T.format(12, 15), "c9"),
    ("c10", "jo", "@acme my bill is wrong again, awful", T.format(12, 20), ""),
    ("r10", "acme", "@jo Please call our support line at 1-800-555-0100.", T.format(12, 25),
     "c10"),
    # eleventh pass: the brand's own push with its purpose under the question is no routing
    # (acts_more3 2421); "send through the private link" is a DM (1296); a web form named in
    # words answers the question (acts_more4 1487)
    ("c11", "kim", "@acme my burrito never came. Who should I contact?", T.format(13, 0), ""),
    ("r11", "acme", "@kim We can definitely take a look! Send us a note via "
     "https://t.co/AcmeForm1 so we can assist.", T.format(13, 5), "c11"),
    ("c12", "lee", "@acme how can I get in touch with someone at corporate", T.format(13, 10),
     ""),
    ("r12", "acme", "@lee Do you have a good contact number where you can be reached? Please "
     "send through the private link.", T.format(13, 15), "c12"),
    ("c13", "max", "@acme I would like to speak to a technician", T.format(13, 20), ""),
    ("r13", "acme", "@max Fill the web form using this link to reach them- "
     "https://t.co/AcmeWeb01 Thanks!", T.format(13, 25), "c13"),
]  # fmt: skip


def write_rows(path):
    """The fixture as an importable CSV (also read by tests/spark/test_engines.py)."""
    with path.open("w", newline="", encoding="utf-8") as fh:
        fh.write(HEADER)
        out = csv.writer(fh)
        for mid, author, text, at, parent in ROWS:
            brand = "Acme" if author == "acme" else ""
            out.writerow([mid, author, text, at, "twitter", parent, brand, author])


def _store(tmp_path):
    src = tmp_path / "conv.csv"
    write_rows(src)
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    api.run_signals(store)
    Runner(store).ensure("reply_push", "conv_judgements")
    return store


def _by_local_id(store, sql: str) -> dict[str, dict]:
    return {r["id"].split(":")[-1]: r for r in store.df(sql).to_dict("records")}


def test_the_text_rules_alone_miss_the_bare_link(tmp_path):
    store = _store(tmp_path)
    text = _by_local_id(store, "SELECT id, deflection, act_private FROM mb")
    assert all(text[r]["deflection"] >= 0.5 for r in ("r1", "r2", "r3", "r5"))
    assert text["r4"]["deflection"] < 0.5 and text["r4"]["act_private"] < 0.5
    assert text["r6"]["deflection"] < 0.5


def test_a_link_used_with_dm_requests_makes_the_bare_reply_a_push(tmp_path):
    store = _store(tmp_path)
    rp = _by_local_id(store, "SELECT * FROM reply_push")
    assert set(rp) == {f"r{k}" for k in range(1, 14)}
    assert {k for k, r in rp.items() if r["dm_link"]} == {"r1", "r2", "r3", "r4", "r7"}
    assert {k for k, r in rp.items() if r["link_push"]} == {"r1", "r2", "r3", "r4"}
    assert (rp["r4"]["act_private"], rp["r4"]["deflection"]) == (1.0, 1.0)
    # a link used once is no private-channel link: the same bare wording is not a push
    assert not rp["r6"]["dm_link"] and rp["r6"]["deflection"] < 0.5
    assert not rp["r5"]["dm_link"] and rp["r5"]["deflection"] >= 0.5  # its own words push
    # the engaging reply holds the link but stays engaged
    assert rp["r7"]["dm_link"] and not rp["r7"]["link_push"] and rp["r7"]["deflection"] < 0.5


def test_conversations_read_the_rule(tmp_path):
    store = _store(tmp_path)
    u = {
        r["customer_id"].split(":")[-1]: r
        for r in store.df("SELECT * FROM conv_judgements").to_dict("records")
    }
    assert all(u[c]["complaint"] for c in ("dan", "fay", "gus"))
    assert (u["dan"]["deflected_only"], u["dan"]["owned"]) == (True, False)
    assert u["dan"]["push_reply_id"].endswith(":r4")
    assert (u["fay"]["deflected_only"], u["fay"]["pushed"]) == (False, False)
    assert (u["gus"]["owned"], u["gus"]["deflected_only"]) == (True, False)


def test_thresholds(tmp_path):
    store = _store(tmp_path)
    # the DM link has 5 uses (r1-r4, r7), 3 of them read as pushes by the text rules: 0.6
    strict = _by_local_id(store, reply_push_sql(min_uses=3, min_share=0.61))
    assert not strict["r4"]["dm_link"] and strict["r4"]["deflection"] < 0.5
    loose = _by_local_id(store, reply_push_sql(min_uses=5, min_share=0.6))
    assert loose["r4"]["link_push"]
    assert not _by_local_id(store, reply_push_sql(min_uses=6, min_share=0.0))["r4"]["dm_link"]


def test_a_channel_given_when_asked_for_is_no_deflection(tmp_path):
    store = _store(tmp_path)
    text = _by_local_id(store, "SELECT id, deflection, act_private FROM mb")
    # the text rules read all three as pushes that engage with nothing
    assert all(text[r]["deflection"] >= 0.5 for r in ("r8", "r9", "r10"))
    rp = _by_local_id(store, "SELECT * FROM reply_push")
    assert {k for k, r in rp.items() if r["routed"]} == {"r8", "r13"}
    assert (rp["r8"]["act_private"], rp["r8"]["deflection"]) == (1.0, 0.0)
    assert rp["r13"]["deflection"] == 0.0
    assert rp["r11"]["deflection"] == 1.0  # "Send us a note … so we can assist": its own push
    assert rp["r12"]["deflection"] == 1.0  # the private link is a DM
    assert rp["r9"]["deflection"] == 1.0  # a DM request does not answer "who can I complain to"
    assert rp["r10"]["deflection"] == 1.0  # nobody asked for a channel
