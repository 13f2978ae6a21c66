"""Real analysis results, computed once per test process: the demo at a small scale, the
TWCS sample and the seed thread (both from ../shared; a test using them is skipped with the
reason when ../shared is absent), every section computed, ``evidence_threads`` (built for
the HTML report) included. Do not mutate what these return: it is shared."""

from __future__ import annotations

import functools

from brandcouch import api
from tests.conftest import shared_path

#: the demo at this scale still has every section (flags, findings, advice, periods ...)
DEMO_SCALE = 0.3
TWCS = ("data", "twcs", "twcs_head5000.csv")
SEED = ("seed", "seed-thread.wxr")


@functools.cache
def demo_result() -> dict:
    store = api.open_store(":memory:")
    try:
        api.generate_demo(store, scale=DEMO_SCALE)
        return api.analyse(store, evidence=True).to_json()
    finally:
        store.close()


@functools.cache
def _imported(parts: tuple[str, ...]) -> dict:
    path = shared_path(*parts)
    store = api.open_store(":memory:")
    try:
        api.import_paths(store, [path])
        return api.analyse(store, evidence=True).to_json()
    finally:
        store.close()


def twcs_result() -> dict:
    return _imported(TWCS)


def seed_result() -> dict:
    return _imported(SEED)


REAL = {"demo": demo_result, "twcs": twcs_result, "seed": seed_result}
