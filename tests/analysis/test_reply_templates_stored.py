"""The canned-reply groups read each reply's ``template`` and ``agent`` signals from the store
(computed once per distinct text by the import) and give what parsing the texts gives; a reply
lacking them is parsed in the analysis."""

from __future__ import annotations

import csv

import pandas as pd

from brandcouch import api
from brandcouch.analysis.steps import Runner, reset
from brandcouch.signals import score_texts
from brandcouch.signals.templates import reply_template, template_groups

HEADER = "id,author,text,created_at,platform,parent_id,brand,author_handle\n"
T = "2024-05-01T{:02d}:{:02d}:00Z"

ROWS = [
    ("c1", "ann", "@acme my parcel never arrived", T.format(9, 0), ""),
    ("r1", "acme", "@ann Hi Ann, so sorry! Please DM us your order number ^JD", T.format(9, 5),
     "c1"),
    ("c2", "bob", "@acme where is my refund", T.format(10, 0), ""),
    ("r2", "acme", "@bob Hi Bob, so sorry! Please DM us your order number ^KL", T.format(10, 5),
     "c2"),
    ("c3", "cat", "@acme the app crashes", T.format(11, 0), ""),
    ("r3", "acme", "@cat Which iOS version are you on? -Katie", T.format(11, 5), "c3"),
    ("c4", "dan", "@acme thanks, it works now", T.format(12, 0), ""),
    ("r4", "acme", "@dan Glad to hear it!", T.format(12, 5), "c4"),
]  # fmt: skip


def _store(tmp_path):
    src = tmp_path / "conv.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        fh.write(HEADER)
        out = csv.writer(fh)
        for mid, author, text, at, parent in ROWS:
            brand = "Acme" if author == "acme" else ""
            out.writerow([mid, author, text, at, "twitter", parent, brand, author])
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    api.run_signals(store)
    return store


def _keys(store) -> pd.DataFrame:
    reset(store)
    Runner(store).ensure("reply_keys")
    df = store.df("SELECT id, template_id, template_uses, canned_p, agent FROM reply_keys")
    df["id"] = df["id"].str.split(":").str[-1]
    df["agent"] = df["agent"].fillna("")  # NULL: the reply is not signed
    return df.sort_values("id").reset_index(drop=True)


def test_the_signals_hold_the_parse_of_each_brand_text_only():
    texts = [r[2] for r in ROWS]
    frame = score_texts(texts, signals=["template", "agent"])
    assert frame["template"].tolist()[1] == "so sorry please dm us your order number"
    assert frame["agent"].tolist()[1] == "JD"
    assert frame["agent"].tolist()[5] == "Katie"
    assert frame["template"].tolist()[5] == "which ios version are you on"
    assert frame["agent"].tolist()[7] == ""  # unsigned: "", not None
    assert reply_template(texts[3]) == ("so sorry please dm us your order number", "KL")
    assert reply_template(None) == ("", None)


def test_stored_values_are_read_and_equal_the_parse(tmp_path):
    store = _store(tmp_path)
    stored = store.df(
        "SELECT m.native_id, v.signal, v.label FROM messages m JOIN signal_values v "
        "ON v.key = m.text_hash AND v.signal IN ('template', 'agent') ORDER BY 1, 2"
    )
    # brand replies only (BRAND_ONLY): four texts, two signals each
    assert sorted(set(stored["native_id"])) == ["r1", "r2", "r3", "r4"]
    assert len(stored) == 8
    got = _keys(store)
    replies = [r for r in ROWS if r[1] == "acme"]
    expected = template_groups(["Acme"] * 4, [r[2] for r in replies])
    assert got["template_id"].tolist() == expected["template_id"].tolist() == [0, 0, 1, 2]
    assert got["template_uses"].tolist() == [2, 2, 1, 1]
    assert got["canned_p"].tolist() == expected["canned_p"].tolist() == [1.0, 1.0, 0.0, 0.0]
    assert got["agent"].tolist() == ["JD", "KL", "Katie", ""]

    # the analysis reads the stored value: a different stored template moves the groups
    store.con.execute(
        "UPDATE signal_values SET label = 'which ios version are you on' WHERE signal = "
        "'template' AND key = (SELECT text_hash FROM messages WHERE native_id = 'r4')"
    )
    moved = _keys(store)
    assert moved["template_id"].tolist() == [0, 0, 1, 1]
    assert moved["template_uses"].tolist() == [2, 2, 2, 2]


def test_a_reply_lacking_its_values_is_parsed_in_the_analysis(tmp_path):
    store = _store(tmp_path)
    before = _keys(store)
    store.con.execute(
        "DELETE FROM signal_values WHERE (signal = 'template' AND key = (SELECT text_hash "
        "FROM messages WHERE native_id = 'r1')) OR (signal = 'agent' AND key = (SELECT "
        "text_hash FROM messages WHERE native_id = 'r3'))"
    )
    after = _keys(store)
    pd.testing.assert_frame_equal(after, before)
    assert after["agent"].tolist() == ["JD", "KL", "Katie", ""]
