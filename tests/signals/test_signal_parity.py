"""Every registered signal gives today's values on real shared texts (the speed work's guard).

The golden (tests/golden/signals_twcs.npz) is written by scripts/make_signal_golden.py from
the TWCS head (5,000 tweets, with parents) and the 19,500 VADER ground-truth snippets. A
changed value fails here with the first differing sample texts; a deliberate change bumps the
signal's version and rewrites the golden.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import shared_path

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden" / "signals_twcs.npz"


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_signal_golden", ROOT / "scripts" / "make_signal_golden.py"
    )
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def computed():
    shared = shared_path("data", "twcs", "twcs_head5000.csv").parents[2]
    shared_path("data", "vader-groundtruth")
    mod = _script()
    texts, parents = mod.load_inputs(shared)
    return mod, texts, mod.compute(texts, parents)


def test_golden_covers_every_registered_signal():
    from brandcouch.signals import SIGNALS

    golden = np.load(GOLDEN)
    assert list(golden["names"]) == list(SIGNALS)
    assert list(golden["versions"]) == [s.version for s in SIGNALS.values()]


def test_every_signal_value_is_unchanged(computed):
    mod, texts, cols = computed
    golden = np.load(GOLDEN)
    assert int(golden["n_texts"]) == len(texts)
    idx = golden["sample_index"]
    failures = []
    for name in golden["names"]:
        values = cols[name]
        if mod.digest(values) == str(golden[f"sha256__{name}"]):
            continue
        expected = golden[f"sample__{name}"]
        got = values[idx].astype(str) if values.dtype == object else values[idx]
        if values.dtype == object:
            bad = np.flatnonzero(got != expected)
        else:
            bad = np.flatnonzero(~np.isclose(got, expected, rtol=0, atol=1e-9, equal_nan=True))
        shown = [(texts[idx[i]][:60], expected[i], got[i]) for i in bad[:3]]
        failures.append(f"{name}: digest differs; sample diffs {len(bad)}: {shown}")
    assert not failures, "\n".join(failures)
