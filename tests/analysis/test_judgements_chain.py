"""Attribution of an answered chain (issue 13): a customer's earlier messages in a reply chain
the brand answers address the brand, even when they never name it by a known handle (TWCS:
"I'm sick of @116136 internet", then a follow-up, then the brand's answer to the follow-up)."""

from __future__ import annotations

from tests.analysis.test_judgements import T, _store


def _turn_ids(store, customer: str) -> list[str]:
    rows = store.df(
        "SELECT list_sort(flatten(list(message_ids))) AS ids FROM turns "
        "WHERE customer_id LIKE '%' || ? GROUP BY customer_id",
        [customer],
    ).to_dict("records")
    return [i.split(":")[-1] for i in rows[0]["ids"]] if rows else []


def test_the_customers_earlier_messages_join_the_answered_conversation(tmp_path):
    store = _store(
        tmp_path,
        [
            # names the brand only by an unknown (anonymised) handle, no reply to the brand
            ("c1", "eve", "I'm so sick of @99999 internet, it drops every hour", T.format(9, 0),
             ""),
            ("c2", "eve", "@99999 still down, fix your internet", T.format(9, 1), "c1"),
            # a friend joins; the brand never answers the friend
            ("f1", "fay", "@eve did you try restarting the router?", T.format(9, 5), "c2"),
            ("c3", "eve", "@fay yes, twice", T.format(9, 6), "f1"),
            ("r1", "acme", "@eve Sorry your internet keeps dropping! Which modem do you have?",
             T.format(9, 30), "c3"),
        ],
    )  # fmt: skip
    # every message of eve above the answered one is hers to the brand; fay's are not
    assert _turn_ids(store, "eve") == ["c1", "c2", "c3"]
    assert _turn_ids(store, "fay") == []
    rows = store.df("SELECT * FROM conv_judgements").to_dict("records")
    eve = [r for r in rows if r["customer_id"].endswith("eve")]
    assert len(eve) == 1 and eve[0]["owned"] and eve[0]["id"].endswith(":c1")


def test_a_later_message_below_the_answer_is_not_pulled_in(tmp_path):
    store = _store(
        tmp_path,
        [
            ("c1", "gus", "@acme my card was charged twice, not happy", T.format(9, 0), ""),
            ("r1", "acme", "@gus Sorry about the double charge! Which card did you use?",
             T.format(9, 10), "c1"),
            ("g1", "hal", "@gus same happened to me", T.format(9, 20), "r1"),
            ("c2", "gus", "@hal ugh, annoying", T.format(9, 25), "g1"),
        ],
    )  # fmt: skip
    # c2 answers another customer below the brand's reply: not an earlier message of a chain
    # the brand answered, and it names no brand, so it stays out of gus's conversation
    assert "c2" not in _turn_ids(store, "gus")
