"""The run computes only the sections asked for, and a section for one brand gives the same
numbers as the full run; the notebook API takes a store or a result the same way."""

from __future__ import annotations

import pytest

from brandcouch import api
from brandcouch.errors import ConfigError
from tests.audience.test_commands import three_brands_csv


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    """Quick (4 questions, all answered in 5 min), Slow (2 of 4 after 2 h), Silent (0 of 4),
    Tiny (1 question): one store, analysed in full once."""
    tmp = tmp_path_factory.mktemp("three")
    three_brands_csv(tmp / "three.csv")
    store = api.open_store(":memory:")
    api.import_paths(store, [tmp / "three.csv"])
    yield store, api.analyse(store).to_json()
    store.close()


def test_the_full_run_has_every_section_but_evidence_threads(three):
    _, full = three
    assert "evidence_threads" not in full
    assert {"directory", "benchmark", "brands"} <= set(full)
    quick = next(b for b in full["brands"] if b["name"] == "Quick")
    assert {
        "elements",
        "health",
        "periods",
        "flags",
        "session",
        "audience",
        "channel_advice",
    } <= set(quick)
    assert quick["metrics"]["inbound"] == 4 and quick["metrics"]["replied"] == 4
    assert quick["metrics"]["first_response_minutes_median"] == 5.0


def test_only_the_sections_asked_for(three):
    store, full = three
    part = api.analyse_sections(store, ["brands"], signals=False)
    assert "directory" not in part and "benchmark" not in part
    b = part["brands"][0]
    assert set(b) == {"name", "accounts", "metrics", "channels", "elements", "health"}
    assert set(b["channels"][0]) == {"platform", "metrics"}
    assert [x["name"] for x in part["brands"]] == [x["name"] for x in full["brands"]]
    for a, f in zip(part["brands"], full["brands"], strict=True):
        assert a["elements"] == f["elements"] and a["health"] == f["health"]
    with pytest.raises(ConfigError, match="unknown section"):
        api.analyse_sections(store, ["nonsense"])


def test_one_brand_equals_that_brand_of_the_full_run(three):
    store, full = three
    slow_full = next(b for b in full["brands"] if b["name"] == "Slow")
    one = api.analyse_sections(store, ["diagnosis"], brands=["slow"], signals=False)
    (slow,) = one["brands"]
    assert slow["metrics"] == slow_full["metrics"]
    assert slow["elements"] == slow_full["elements"] and slow["health"] == slow_full["health"]
    assert slow["session"] == slow_full["session"] and slow["flags"] == slow_full["flags"]
    # the run's temp tables now hold only Slow's rows; a full run rebuilds them
    assert store.scalar("SELECT count(DISTINCT brand) FROM inbound") == 1
    again = api.analyse(store, signals=False).to_json()
    assert [b["metrics"] for b in again["brands"]] == [b["metrics"] for b in full["brands"]]


def test_the_result_is_new_and_not_changed_afterwards(three):
    store, full = three
    before = repr(full)
    api.session(full, "Quick")
    api.check(full, {"health": 10})
    api.compare(full, min_inbound=1)
    api.directory(full)
    assert repr(full) == before


@pytest.mark.parametrize("fn", ["session", "check", "compare", "directory"])
def test_a_store_or_a_result_give_the_same_answer(three, fn):
    store, full = three
    calls = {
        "session": lambda src: (
            api.session(src, "Slow", signals=False) if src is store else api.session(src, "Slow")
        ),
        "check": lambda src: api.check_details(src, {"health": 50, "empathy": 40}),
        "compare": lambda src: api.compare(src),
        "directory": lambda src: api.directory(src),
    }
    assert calls[fn](store) == calls[fn](full)


def test_session_names_the_brands_when_one_is_unknown(three):
    store, full = three
    for src in (store, full):
        with pytest.raises(ConfigError, match="no brand named 'Nope'.*Quick"):
            api.session(src, "Nope")


def test_a_wrong_source_is_a_type_error():
    with pytest.raises(TypeError, match="Store or an analysis result"):
        api.session(["not", "a", "store"])


def test_evidence_threads_are_built_when_asked(three):
    store, full = three
    with_threads = api.analyse(store, evidence=True).to_json()
    assert with_threads["evidence_threads"]
    assert (
        api.with_evidence_threads(store, full)["evidence_threads"]
        == with_threads["evidence_threads"]
    )
    assert "evidence_threads" not in full  # a new dict, the result is unchanged
