"""Shipped signals are declared ahead of their modules (signals/declared.py): a reader knows
every name and version without compiling any rule, and a declaration that disagrees with its
module's ``@signal`` fails at import."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import numpy as np
import pytest

import brandcouch.signals as signals_pkg
from brandcouch.signals import SIGNALS, registry
from brandcouch.signals.declared import SHIPPED


def _toy(texts, parents=None):
    return np.array([t.count("!") / max(len(t), 1) for t in texts], dtype=float)


@pytest.fixture
def fresh_registry(monkeypatch):
    """An empty registry (the package's own entries untouched)."""
    monkeypatch.setattr(registry, "SIGNALS", {})
    monkeypatch.setattr(registry, "_DECLARED", {})
    monkeypatch.setattr(registry, "_LOADED", {})
    return registry


def test_every_shipped_signal_is_declared_as_its_module_registers_it():
    signals_pkg._discover()  # imports every signal module: a disagreeing row raises here
    shipped = {row[0]: row for row in SHIPPED}
    assert list(SIGNALS)[: len(SHIPPED)] == list(shipped)
    for name, _module, version, requires, kind, help_ in SHIPPED:
        sig = SIGNALS[name]
        assert (sig.version, sig.requires, sig.kind, sig.help) == (version, requires, kind, help_)
        assert name in registry._LOADED
    # every signal module has its rows (so a reader imports none of them), and no other
    # signal is registered (a signal of a shipped module without a row would follow them)
    assert sorted({row[1] for row in SHIPPED}) == sorted(signals_pkg.SIGNAL_MODULES)
    assert [n for n in SIGNALS if n not in shipped] == []


CHILD = """
import importlib, sys
from brandcouch.signals import registry
from brandcouch.signals.declared import SHIPPED
assert not registry._LOADED, sorted(registry._LOADED)
for module in sorted({row[1] for row in SHIPPED}):
    importlib.import_module("brandcouch.signals." + module)
    missing = [row[0] for row in SHIPPED if row[1] == module and row[0] not in registry._LOADED]
    print(module, missing)
"""


def test_importing_a_declared_module_registers_its_signals():
    # in a fresh process: importing the package registers nothing, importing each module
    # (what a declared signal's first compute does) registers the signals of its rows
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.strip().splitlines()
    assert lines == [f"{m} []" for m in sorted({row[1] for row in SHIPPED})]


def test_a_declaration_and_its_module_must_agree(fresh_registry):
    fresh_registry.declare("toy", module=__name__, version="toy.v1", help="share of '!'")
    declared = fresh_registry.SIGNALS["toy"]
    assert (declared.version, declared.kind, declared.requires) == ("toy.v1", "float", ("text",))
    with pytest.raises(ValueError, match="declared as"):
        fresh_registry.signal("toy", version="toy.v2", help="share of '!'")(_toy)
    with pytest.raises(ValueError, match="declared as"):
        fresh_registry.signal("toy", version="toy.v1", help="another help")(_toy)
    with pytest.raises(ValueError, match="declared as"):
        fresh_registry.signal("toy", version="toy.v1", kind="str", help="share of '!'")(_toy)
    fresh_registry.declare("toy2", module="textwrap", version="toy2.v1", help="x")
    with pytest.raises(RuntimeError, match="did not register the signal toy2"):
        fresh_registry.SIGNALS["toy2"].compute(["a"], None)  # textwrap registers no signal
    assert fresh_registry.SIGNALS["toy"] is declared
    fresh_registry.signal("toy", version="toy.v1", help="share of '!'")(_toy)
    assert fresh_registry.SIGNALS["toy"].compute is _toy
    with pytest.raises(ValueError, match="twice"):
        fresh_registry.signal("toy", version="toy.v1", help="share of '!'")(_toy)
    with pytest.raises(ValueError, match="declared twice"):
        fresh_registry.declare("toy", module=__name__, version="toy.v1", help="share of '!'")


TOY_MODULE = """
import numpy as np

from brandcouch.signals.registry import signal


@signal("toy_bang", version="toy_bang.v1", help="share of '!' characters")
def toy_bang(texts, parents):
    return np.array([t.count("!") / max(len(t), 1) for t in texts], dtype=float)
"""


def test_a_declared_signal_imports_its_module_when_it_first_computes(
    fresh_registry, tmp_path, monkeypatch
):
    (tmp_path / "toy_declared_signal.py").write_text(textwrap.dedent(TOY_MODULE), "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    fresh_registry.declare(
        "toy_bang", module="toy_declared_signal", version="toy_bang.v1",
        help="share of '!' characters",
    )  # fmt: skip
    entry = fresh_registry.SIGNALS["toy_bang"]
    try:
        assert "toy_declared_signal" not in sys.modules
        assert entry.compute(["Wow!!", "fine"], None).round(2).tolist() == [0.4, 0.0]
        module = sys.modules["toy_declared_signal"]
        # the entry is now the module's own function, in place
        assert fresh_registry.SIGNALS["toy_bang"].compute is module.toy_bang
        assert entry.compute(["!"], None).tolist() == [1.0]
    finally:
        sys.modules.pop("toy_declared_signal", None)
