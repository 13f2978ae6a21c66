"""docs/output.schema.json: the real results validate; the schema catches drift; the schema and
the dataclasses of brandcouch.model.result agree."""

from __future__ import annotations

import copy
import dataclasses
import json
import re

import jsonschema
import pytest

from brandcouch.model import result as model
from tests.conftest import ROOT
from tests.model.results import REAL, demo_result

SCHEMA = json.loads((ROOT / "docs" / "output.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def errors(doc) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in VALIDATOR.iter_errors(doc)]


def test_the_schema_is_draft_2020_12():
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("name", ["demo", "twcs", "seed"])
def test_real_results_validate(name):
    """The demo (small scale), the TWCS sample and the seed thread, as api.analyse returns
    them (the shared files: skipped when ../shared is absent)."""
    assert errors(REAL[name]()) == []


def test_without_evidence_threads_still_valid():
    d = {k: v for k, v in demo_result().items() if k != "evidence_threads"}
    assert errors(d) == []


def _mutated(fn):
    d = copy.deepcopy(demo_result())
    fn(d)
    return errors(d)


@pytest.mark.parametrize(
    "drift",
    [
        lambda d: d["brands"][0]["metrics"].pop("inbound"),  # a required key gone
        lambda d: d["brands"][0]["metrics"].update(response_bands={}),  # an unknown key
        lambda d: d["brands"][0]["health"].update(status="meh"),  # a status out of its enum
        lambda d: d["brands"][0]["elements"]["value"].update(confidence="certain"),
        lambda d: d["brands"][0]["elements"].pop("value"),  # an element gone
        lambda d: d["brands"][0]["elements"].update(trust=d["brands"][0]["elements"]["value"]),
        lambda d: (
            b := d["brands"][0]["elements"]["empathy"]["components"]["speed"]["bands"]
        ).update(le_6min=b.pop("le_6m")),  # a band renamed
        lambda d: d["brands"][0]["elements"]["empathy"].update(score=140),  # out of 0..100
        lambda d: d["brands"][0]["session"]["findings"][0].update(numbers=["score 4"]),
        lambda d: d["benchmark"].update(rows=d["benchmark"].pop("brands")),
        lambda d: d["brands"][0]["audience"]["segments"].update(advocates=1),
        lambda d: d.update(schema_version=2),
    ],
)
def test_the_schema_catches_drift(drift):
    assert _mutated(drift)


def _defs_by_class() -> dict[type, dict]:
    out = {}
    for d in SCHEMA["$defs"].values():
        m = re.search(r"model: (\w+)", d.get("description", ""))
        if m:
            out[getattr(model, m.group(1))] = d
    return out


def _json_keys(cls) -> set[str]:
    keys: set[str] = set()
    for f in dataclasses.fields(cls):
        k = model.JSON_KEYS.get((cls, f.name), f.name)
        if k is None:
            continue
        keys.update((k,) if isinstance(k, str) else k)
    return keys


def test_every_result_dataclass_has_its_schema_definition():
    defs = _defs_by_class()
    classes = {
        obj
        for obj in vars(model).values()
        if isinstance(obj, type)
        and dataclasses.is_dataclass(obj)
        and obj.__module__ == model.__name__
    }
    assert classes - {model.Analysis} <= set(defs), classes - set(defs)
    defs[model.Analysis] = SCHEMA
    for cls, d in defs.items():
        props = set(d["properties"])
        assert _json_keys(cls) == props, cls.__name__
        required = set(d["required"])
        # a field with a default is optional in the JSON (omitted when None) or a subclass's
        for f in dataclasses.fields(cls):
            key = model.JSON_KEYS.get((cls, f.name), f.name)
            if isinstance(key, str) and key in required:
                continue
            if isinstance(key, str):
                assert (
                    f.default is None
                    or f.default == ()
                    or cls
                    in (
                        model.HealthScore,
                        model.AudienceSummary,
                    )
                ), (cls.__name__, f.name)


def test_the_docs_point_to_the_schema_and_the_dataclasses():
    doc = (ROOT / "docs" / "output.md").read_text(encoding="utf-8")
    assert "output.schema.json" in doc and "brandcouch.model.result" in doc
