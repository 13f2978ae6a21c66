"""The typed result: an exact JSON round trip of real results, immutability, typed access."""

from __future__ import annotations

import dataclasses
import json
import pickle

import pytest

from brandcouch.model.result import Analysis, ElementScore, FrozenMap, HealthScore
from brandcouch.model.vocabulary import ELEMENTS, RESPONSE_BANDS
from tests.model.results import REAL, demo_result


@pytest.mark.parametrize("name", sorted(REAL))
def test_exact_round_trip_of_real_results(name):
    d = REAL[name]()
    a = Analysis.from_json(d)
    assert a.to_json() == d
    # and through JSON text (what a JSON report holds)
    text = json.loads(json.dumps(d))
    assert Analysis.from_json(text).to_json() == text


@pytest.mark.parametrize("name", sorted(REAL))
def test_every_component_of_every_element_is_typed(name):
    a = Analysis.from_json(REAL[name]())
    holders = [h for b in a.brands for h in (b, *b.channels, *b.periods)]
    for h in holders:
        assert tuple(h.elements) == ELEMENTS
        assert isinstance(h.health, HealthScore)
        for el in h.elements.values():
            assert type(el) is ElementScore and el.components
            for c in el.components.values():
                assert c.status in ("ok", "not enough data") and c.weight_used is not None
        assert set(h.health.components) == set(ELEMENTS)
        speed = h.elements["empathy"].components["speed"]
        assert tuple(speed.bands) == tuple(k for k, _, _ in RESPONSE_BANDS)
        assert "median_minutes" in speed.extra
        fairness = h.elements["empathy"].components["fairness"]
        assert fairness.bands is None and isinstance(fairness.follower_bands, tuple)


def test_typed_access_to_the_demo():
    a = Analysis.from_json(demo_result())
    assert a.brand_names() == ("MegaMart Deals", "Nimbus Telecom", "Harbor Coffee")
    harbor = a.brand("Harbor Coffee")
    assert harbor.health.score == 88.9 and harbor.health.status == "ok"
    assert harbor.score("health") is harbor.health
    assert [s.key for s in harbor.scores()] == [*ELEMENTS, "health"]
    assert harbor.elements["transparency"].label == "Transparency & trust"
    m = harbor.metrics  # the speed bands count customer turns (outside the data aside)
    assert m.turns - m.outside_data_turns == sum(b.count for b in harbor.response_bands().values())
    assert {c.platform for c in harbor.channels} == {"blog", "mastodon", "twitter", "youtube"}
    assert harbor.period_kinds == ("week", "month")
    weeks = harbor.periods_of("week")
    assert [p.start for p in weeks] == sorted(p.start for p in weeks)
    finding = a.brand("MegaMart Deals").session.findings[0]
    assert finding.id == f"{finding.element}.{finding.component}"
    assert finding.numbers.chips()[0].startswith("score ")
    assert a.benchmark.brands[0].brand == "Harbor Coffee"
    assert [d.brand for d in a.directory] == list(a.brand_names())
    mid = harbor.elements["empathy"].evidence.raised[0].message_id
    assert any(m.focus and m.id == mid for m in a.thread(mid))


def test_immutable():
    a = Analysis.from_json(demo_result())
    b = a.brands[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        b.name = "x"  # type: ignore[misc]
    assert isinstance(b.channels, tuple) and isinstance(b.elements, FrozenMap)
    with pytest.raises(TypeError):
        b.elements["empathy"] = None  # type: ignore[index]
    with pytest.raises(AttributeError):
        b.elements._d = {}  # type: ignore[misc]
    assert isinstance(b.audience.segments, FrozenMap)
    # the typed result does not share mutable state with the dict it was read from
    d = json.loads(json.dumps(demo_result()))
    typed = Analysis.from_json(d)
    d["brands"][0]["metrics"]["inbound"] = -1
    d["brands"][0]["audience"]["segments"]["spam"] = -1
    assert typed.brands[0].metrics.inbound >= 0 and typed.brands[0].audience.segments["spam"] >= 0
    assert pickle.loads(pickle.dumps(a)) == a


def test_coerce_and_rejects_other_documents():
    d = demo_result()
    a = Analysis.coerce(d)
    assert Analysis.coerce(a) is a
    with pytest.raises(ValueError, match="not a brandcouch analysis"):
        Analysis.from_json({"brands": []})


def test_evidence_threads_may_be_absent():
    d = {k: v for k, v in demo_result().items() if k != "evidence_threads"}
    a = Analysis.from_json(d)
    assert a.evidence_threads is None and a.thread("anything") == ()
    assert a.to_json() == d
