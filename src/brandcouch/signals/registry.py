"""The signal registry: every text signal declares its name, version, inputs and batch function.

A signal is registered with the :func:`signal` decorator::

    @signal("complaint", version="complaint.v1", requires=("text",), help="...")
    def complaint(texts: list[str], parents: list[str] | None) -> np.ndarray: ...

``SIGNALS`` keeps registration order, which is the column order of
:func:`brandcouch.signals.score_texts`. A stored signal value carries ``version`` so that a
changed model or rule set recomputes only its own column.
"""

from __future__ import annotations

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
    if requires not in _REQUIRES:
        raise ValueError(f"signal {name}: requires must be one of {sorted(_REQUIRES)}")
    if kind not in _KINDS:
        raise ValueError(f"signal {name}: kind must be one of {sorted(_KINDS)}")
    if not version.startswith(name + "."):
        raise ValueError(f"signal {name}: version {version!r} must look like '{name}.v1'")

    def register(fn: BatchFn) -> BatchFn:
        if name in SIGNALS:
            raise ValueError(f"signal {name} is registered twice")
        doc_line = (fn.__doc__ or "").strip().splitlines()
        SIGNALS[name] = Signal(
            name=name,
            version=version,
            requires=requires,
            kind=kind,
            help=help or (doc_line[0] if doc_line else name),
            compute=fn,
        )
        return fn

    return register


def order_signals(names: tuple[str, ...]) -> None:
    """Put ``names`` first in ``SIGNALS`` (in place), keeping any others after them."""
    ordered = {n: SIGNALS[n] for n in names if n in SIGNALS}
    ordered.update((n, s) for n, s in SIGNALS.items() if n not in ordered)
    SIGNALS.clear()
    SIGNALS.update(ordered)
