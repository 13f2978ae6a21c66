"""The JSON report's writer (issue 15, speed) gives exactly ``json.dumps(indent=2,
ensure_ascii=False)``'s text."""

from __future__ import annotations

import json
import math

import pytest

from brandcouch.reports.json_report import dumps_indented


class Num(float):
    pass


CASES = [
    {},
    [],
    "plain",
    None,
    True,
    0,
    -1.5,
    {"a": [], "b": {}, "c": [1, [2, [3, {}]]], "d": {"e": None, "f": False}},
    {"text": 'quote " backslash \\ newline \n tab \t ctrl \x01 é 日本 😀 \u2028'},
    {"floats": [0.1, 1e-7, 1e22, -0.0, 3.0, math.nan, math.inf, -math.inf, Num(2.5)]},
    {"big": 10**30, "neg": -(10**20), "bools": [True, False], "tuple": (1, "x")},
    {3: "int key", 2.5: "float key", False: "bool key", None: "none key"},
    [[[[]]], [{}], [[1]], {"x": [{"y": []}]}],
]


@pytest.mark.parametrize("obj", CASES, ids=range(len(CASES)))
def test_same_text_as_json_dumps(obj):
    assert dumps_indented(obj) == json.dumps(obj, indent=2, ensure_ascii=False)


def test_by_hand():
    assert dumps_indented({"a": [1, {"b": None}], "c": {}}) == (
        '{\n  "a": [\n    1,\n    {\n      "b": null\n    }\n  ],\n  "c": {}\n}'
    )


def test_unserialisable_values_fail_like_json():
    with pytest.raises(TypeError):
        dumps_indented({"x": object()})
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): "tuple key"})
