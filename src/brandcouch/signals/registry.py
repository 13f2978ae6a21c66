"""The signal registry: every text signal declares its name, version, inputs and batch function.

A signal is registered with the :func:`signal` decorator::

    @signal("complaint", version="complaint.v1", requires=("text",), help="...")
    def complaint(texts: list[str], parents: list[str] | None) -> np.ndarray: ...

``SIGNALS`` keeps registration order, which is the column order of
:func:`brandcouch.signals.score_texts`. A stored signal value carries ``version`` so that a
changed model or rule set recomputes only its own column.

A shipped signal is also :func:`declare` d ahead of its module (``brandcouch.signals.declared``):
its entry is in ``SIGNALS`` at once, with a ``compute`` that imports the module on first call,
so a command that only reads stored values (names and versions) never runs the module's rule
compilation (issue 15: a command on a 3-message store). The module's ``@signal`` must say what
the declaration says (version, requires, kind, help): :func:`signal` raises at import
otherwise, so a version bumped in one place only fails every test that scores.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

BatchFn = Callable[[list[str], "list[str] | None"], np.ndarray]

_REQUIRES = {("text",), ("text", "parent_text")}
_KINDS = {"float", "str"}


@dataclass(frozen=True)
class Signal:
    """One text signal: a column of :func:`score_texts`."""

    name: str
    version: str
    requires: tuple[str, ...]
    kind: str
    help: str
    compute: BatchFn

    @property
    def needs_parent(self) -> bool:
        return "parent_text" in self.requires


SIGNALS: dict[str, Signal] = {}
#: the batch function of every declared signal whose module has run, by name
_LOADED: dict[str, BatchFn] = {}
#: the entry :func:`declare` put in ``SIGNALS`` for each declared signal, by name
_DECLARED: dict[str, Signal] = {}


def _check(name: str, version: str, requires: tuple[str, ...], kind: str) -> None:
    if requires not in _REQUIRES:
        raise ValueError(f"signal {name}: requires must be one of {sorted(_REQUIRES)}")
    if kind not in _KINDS:
        raise ValueError(f"signal {name}: kind must be one of {sorted(_KINDS)}")
    if not version.startswith(name + "."):
        raise ValueError(f"signal {name}: version {version!r} must look like '{name}.v1'")


def _deferred(name: str, module: str) -> BatchFn:
    """The ``compute`` of a declared signal: imports ``module`` (which registers the real
    function) on first call, then calls the real function."""

    def compute(texts: list[str], parents: list[str] | None = None) -> np.ndarray:
        if name not in _LOADED:
            importlib.import_module(module)
            if name not in _LOADED:
                raise RuntimeError(
                    f"importing {module} did not register the signal {name}: "
                    "fix its row in brandcouch/signals/declared.py"
                )
        return _LOADED[name](texts, parents)

    compute.__name__ = compute.__qualname__ = name
    compute.__module__ = module
    return compute


def declare(
    name: str,
    *,
    module: str,
    version: str,
    requires: tuple[str, ...] = ("text",),
    kind: str = "float",
    help: str,
) -> None:
    """Put the signal ``name`` of ``module`` in ``SIGNALS`` without importing the module (see
    the module docstring); its ``@signal`` must match, else importing it raises."""
    requires = tuple(requires)
    _check(name, version, requires, kind)
    if name in SIGNALS or name in _DECLARED:
        raise ValueError(f"signal {name} is declared twice")
    sig = Signal(name, version, requires, kind, help, _deferred(name, module))
    _DECLARED[name] = SIGNALS[name] = sig


def signal(
    name: str,
    *,
    version: str,
    requires: tuple[str, ...] = ("text",),
    kind: str = "float",
    help: str = "",
) -> Callable[[BatchFn], BatchFn]:
    """Register a batch function as the signal ``name`` (see the module docstring)."""
    requires = tuple(requires)
    _check(name, version, requires, kind)

    def register(fn: BatchFn) -> BatchFn:
        declared = _DECLARED.get(name)
        if name in (_LOADED if declared is not None else SIGNALS):
            raise ValueError(f"signal {name} is registered twice")
        doc_line = (fn.__doc__ or "").strip().splitlines()
        sig = Signal(
            name=name,
            version=version,
            requires=requires,
            kind=kind,
            help=help or (doc_line[0] if doc_line else name),
            compute=fn,
        )
        if declared is not None:
            said = (declared.version, declared.requires, declared.kind, declared.help)
            says = (sig.version, sig.requires, sig.kind, sig.help)
            if says != said:
                raise ValueError(
                    f"signal {name}: registered as (version, requires, kind, help) = "
                    f"{says!r} but declared as {said!r}: update brandcouch/signals/declared.py"
                )
            _LOADED[name] = fn
        # a declared entry becomes the real one, in place (unless a caller replaced it)
        if declared is None or SIGNALS.get(name) is declared:
            SIGNALS[name] = sig
        return fn

    return register


def order_signals(names: tuple[str, ...]) -> None:
    """Put ``names`` first in ``SIGNALS`` (in place), keeping any others after them."""
    ordered = {n: SIGNALS[n] for n in names if n in SIGNALS}
    ordered.update((n, s) for n, s in SIGNALS.items() if n not in ordered)
    SIGNALS.clear()
    SIGNALS.update(ordered)
