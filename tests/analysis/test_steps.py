"""The analysis steps: declared needs exist, no cycles, each step builds on a tiny store, the
core tables hold the hand-counted rows, and a runner builds each step once."""

from __future__ import annotations

import pytest

from brandcouch.analysis import signals  # noqa: F401 - registers the signal scoring steps
from brandcouch.analysis.steps import STEPS, Runner, Step, dependants, ensure, invalidate, order
from brandcouch.settings import Config


def test_every_need_is_a_declared_step():
    for step in STEPS.values():
        for need in step.needs:
            assert need in STEPS, f"{step.name} needs undeclared {need}"
        assert (step.sql is None) != (step.build is None), step.name


def test_the_steps_form_no_cycle_and_order_puts_needs_first():
    names = order()
    assert sorted(names) == sorted(STEPS)
    pos = {n: i for i, n in enumerate(names)}
    for step in STEPS.values():
        assert all(pos[n] < pos[step.name] for n in step.needs)


def test_a_cycle_is_reported(monkeypatch, tiny):
    monkeypatch.setitem(STEPS, "loop_a", Step("loop_a", "SELECT 1", needs=("loop_b",)))
    monkeypatch.setitem(STEPS, "loop_b", Step("loop_b", "SELECT 1", needs=("loop_a",)))
    with pytest.raises(ValueError, match="cycle"):
        order(["loop_a"])
    with pytest.raises(ValueError, match="cycle: loop_a -> loop_b -> loop_a"):
        ensure(tiny, "loop_a")


@pytest.mark.parametrize("name", sorted(STEPS))
def test_each_step_builds_on_the_tiny_store(tiny, name):
    Runner(tiny).ensure(name)
    if name in ("predicates",):  # macros, not a table
        assert tiny.scalar("SELECT needs_reply(0.9, NULL)") is True
        return
    # every step leaves a temp table (or view) of its name that can be read
    assert tiny.scalar(f"SELECT count(*) FROM {name}") >= 0


def _count(store, table: str) -> int:
    return int(store.scalar(f"SELECT count(*) FROM {table}"))


def test_core_tables_hold_the_hand_counted_rows(tiny):
    ensure(tiny, "inbound", "brand_msgs")
    assert _count(tiny, "inbound") == 3
    assert sorted(r[0] for r in tiny.con.execute("SELECT native_id FROM inbound").fetchall()) == [
        "q1", "q2", "q3"
    ]  # fmt: skip
    assert tiny.con.execute(
        "SELECT native_id, brand, n_replies, replied, response_minutes FROM inbound "
        "WHERE native_id = 'q1'"
    ).fetchall() == [("q1", "Acme", 2, True, 10.0)]
    assert _count(tiny, "brand_replies") == 1
    assert tiny.con.execute("SELECT brand, n FROM brand_replies").fetchall() == [("Acme", 2)]
    assert _count(tiny, "brand_msgs") == 3
    # q3 answers Acme's reply r1: inbound, and a follow-up in the element tables
    ensure(tiny, "inb", "breply", "bposts")
    assert tiny.con.execute(
        "SELECT native_id, is_followup FROM inb ORDER BY native_id"
    ).fetchall() == [("q1", False), ("q2", False), ("q3", True)]
    assert _count(tiny, "breply") == 2  # r1, r2 (both to inbound q1)
    assert _count(tiny, "bposts") == 1  # p1


def test_a_runner_builds_each_step_once_and_rebuilds_what_depends_on_a_change(tiny):
    first = Runner(tiny).ensure("inbound")
    assert first.log == [
        "config_brand_accounts", "brand_map", "temp_signal_values", "signal_values_all", "sig",
        "mb", "to_brand", "brand_replies", "run_scope", "inbound",
    ]  # fmt: skip
    again = Runner(tiny).ensure("inbound", "brand_msgs")
    assert again.log == ["brand_msgs"]  # the rest was built already on this connection
    invalidate(tiny, "sig")
    third = Runner(tiny).ensure("inbound")
    assert third.log == ["sig", "mb", "to_brand", "brand_replies", "inbound"]
    scoped = Runner(tiny, scope=["Nobody"]).ensure("inbound")
    assert scoped.log == ["run_scope", "inbound"] and _count(tiny, "inbound") == 0
    assert "inbound" in dependants("brand_map") and "aud_members" in dependants("mb")


def test_another_config_rebuilds_the_steps_it_changes(tiny):
    Runner(tiny).ensure("breply")
    cfg = Config({"settings": {"canned_min_repeats": 3}})
    r = Runner(tiny, cfg).ensure("breply", "inbound")
    assert r.log == ["run_settings", "breply"]  # the frame does not read that setting
