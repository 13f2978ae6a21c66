"""Shipped signals are declared ahead of their modules (signals/declared.py): a reader knows
every name and version without compiling any rule, and a declaration that disagrees with its
module's ``@signal`` fails at import."""

from __future__ import annotations

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
    for name, module, version, requires, kind, help_ in SHIPPED:
        sig = SIGNALS[name]
        assert (sig.version, sig.requires, sig.kind, sig.help) == (version, requires, kind, help_)
        assert sig.compute.__module__ == f"brandcouch.signals.{module}"
    # no shipped module registers a signal it does not declare
    modules = {f"brandcouch.signals.{row[1]}" for row in SHIPPED}
    extra = [n for n, s in SIGNALS.items() if s.compute.__module__ in modules and n not in shipped]
    assert extra == []
    assert sorted({row[1] for row in SHIPPED}) == sorted(signals_pkg.SIGNAL_MODULES)


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
    fresh_registry.declare("toy2", module="brandcouch.signals.acts", version="toy2.v1", help="x")
    with pytest.raises(ValueError, match="declared as"):  # registered by another module
        fresh_registry.signal("toy2", version="toy2.v1", help="x")(_toy)
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
