"""Comparing two analysis JSONs: exactly (floats to 1e-9), with the rounded floats that differ
by one unit in their last place counted apart (a value on a rounding boundary, 5.075 to two
places, whose last bit depends on the order floats were added in: DuckDB alone shows it
between two row orders of the same table)."""

from __future__ import annotations

import math


def _last_place(x: float) -> float:
    """One unit in the last decimal place the JSON shows (5.07 -> 0.01)."""
    text = repr(float(x))
    if "e" in text or "." not in text:
        return 0.0
    return 10.0 ** -len(text.split(".")[1])


def last_place_flips(a, b, path: str = "") -> list[str]:
    """The rounded floats that differ by exactly one unit in their last place: a value that
    sits on a rounding boundary (5.075 to 2 places) whose last bit depends on the order the
    engine adds floats in (DuckDB in row order, Spark per partition)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return [
            f for k in sorted(set(a) & set(b)) for f in last_place_flips(a[k], b[k], f"{path}.{k}")
        ]
    if isinstance(a, list) and isinstance(b, list):
        return [f for i, (x, y) in enumerate(zip(a, b, strict=False))
                for f in last_place_flips(x, y, f"{path}[{i}]")]  # fmt: skip
    if isinstance(a, float) and isinstance(b, float) and a != b:
        unit = min(u for u in (_last_place(a), _last_place(b)) if u) if a and b else 0.0
        if unit and math.isclose(abs(a - b), unit, rel_tol=1e-6):
            return [f"{path}: {a!r} vs {b!r}"]
    return []


def count_numbers(a) -> int:
    if isinstance(a, dict):
        return sum(count_numbers(v) for v in a.values())
    if isinstance(a, list):
        return sum(count_numbers(v) for v in a)
    return int(isinstance(a, float))


def differences(a, b, path: str = "", flips: bool = False) -> list[str]:
    """Where two JSON values differ: dict keys, list lengths and order, floats beyond 1e-9
    (``flips``: also a rounded float one unit off in its last place)."""
    if isinstance(a, dict) and isinstance(b, dict):
        out = [f"{path}.{k}: on one side only" for k in sorted(set(a) ^ set(b))]
        for k in sorted(set(a) & set(b)):
            out += differences(a[k], b[k], f"{path}.{k}", flips)
        return out
    if isinstance(a, list) and isinstance(b, list):
        out = [f"{path}: {len(a)} items vs {len(b)}"] if len(a) != len(b) else []
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            out += differences(x, y, f"{path}[{i}]", flips)
        return out
    if not flips and last_place_flips(a, b, path):
        return []
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and bool not in (type(a), type(b)):
        ok = math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
        return [] if ok else [f"{path}: {a!r} vs {b!r}"]
    return [] if a == b else [f"{path}: {str(a)[:80]!r} vs {str(b)[:80]!r}"]
