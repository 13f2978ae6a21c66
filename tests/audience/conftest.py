"""The hand-built Acme audience: a CSV of messages plus hand-set signal values per message."""

from __future__ import annotations

import pytest

from brandcouch import api
from tests.conftest import FIXTURES

#: message id → signal values (everything not listed is absent, i.e. NULL)
SIGNALS: dict[str, dict[str, float]] = {
    "a1": {"sentiment": 0.8, "gratitude": 0.9},
    "a2": {"sentiment": 0.6, "gratitude": 0.3},
    "a3": {"sentiment": 0.7, "recommendation": 0.9},
    "b1": {"sentiment": -0.6, "complaint": 0.9},
    "b2": {"sentiment": -0.5, "complaint": 0.8},
    "c1": {"sentiment": 0.0, "question": 0.95},
    "e1": {"sentiment": 0.0, "question": 0.2},
    "e2": {"sentiment": 0.0},
    "f1": {"sentiment": 0.6, "recommendation": 0.9},
    "s1": {"sentiment": 0.0, "self_promotion": 0.95},
    "s2": {"sentiment": 0.0, "self_promotion": 0.9},
    "bot1": {"sentiment": 0.0, "self_promotion": 0.9},  # the same text for bot1..bot6
    "d1": {"sentiment": 0.0, "question": 0.95},
}


def set_signals(store, values: dict[str, dict[str, float]]) -> None:
    """Store signal values for the texts of the given messages (native ids, any platform)."""
    rows = []
    for nid, sig in values.items():
        key = store.scalar("SELECT text_hash FROM messages WHERE native_id = ?", [nid])
        rows += [(key, name, "test", v) for name, v in sig.items()]
    store.con.executemany("INSERT INTO signal_values VALUES (?, ?, ?, ?, NULL)", rows)


@pytest.fixture
def acme(store):
    """The Acme store, signals set, analysed; returns (store, result)."""
    api.import_paths(store, [FIXTURES / "audience" / "acme_audience.csv"])
    set_signals(store, SIGNALS)
    return store, api.analyse(store, signals=False).to_json()
