"""Threshold checks for automation (``brandcouch check --fail-under empathy=60,health=50``).

Each brand's element or health score is compared with its threshold. A score below it is a
shortfall (named with the amount). A score that is "not enough data" is reported but is a
shortfall only with ``strict``. A partial health (some elements without data) is compared.
"""

from __future__ import annotations

from brandcouch.errors import ConfigError
from brandcouch.model.vocabulary import SCORE_KEYS, score_key

ELEMENT_KEYS = SCORE_KEYS


def validate(thresholds: dict[str, float]) -> dict[str, float]:
    if not thresholds:
        raise ConfigError(
            f"no thresholds given; use e.g. empathy=60,health=50 ({', '.join(ELEMENT_KEYS)})"
        )
    out = {}
    for name, value in thresholds.items():
        key = score_key(name)  # "trust" (the tables' header) is transparency
        if key is None:
            raise ConfigError(
                f"unknown score {name!r}; known: {', '.join(ELEMENT_KEYS)} (trust = transparency)"
            )
        try:
            v = float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"threshold for {key} must be a number, got {value!r}") from None
        if not 0 <= v <= 100:
            raise ConfigError(f"threshold for {key} must be between 0 and 100, got {v:g}")
        out[key] = v
    return out


def _score(brand: dict, key: str) -> dict:
    return brand["health"] if key == "health" else brand["elements"][key]


def check_brands(
    brands: list[dict], thresholds: dict[str, float], strict: bool = False
) -> dict[str, list[str]]:
    """``{"shortfalls": [...], "not_enough": [...], "passed": [...]}``, one line each."""
    thresholds = validate(thresholds)
    out: dict[str, list[str]] = {"shortfalls": [], "not_enough": [], "passed": []}
    for b in brands:
        for key, limit in thresholds.items():
            s = _score(b, key)
            if s["score"] is None:
                line = f"{b['name']}: {key} not enough data ({s.get('reason', 'too little data')})"
                out["not_enough"].append(line)
                if strict:
                    out["shortfalls"].append(line + " [strict]")
            elif s["score"] < limit:
                out["shortfalls"].append(
                    f"{b['name']}: {key} {s['score']:.1f} is below {limit:g} "
                    f"(short by {limit - s['score']:.1f})"
                )
            else:
                out["passed"].append(f"{b['name']}: {key} {s['score']:.1f} >= {limit:g}")
    return out
