"""Hypothesis mutates the real fixtures (truncate, flip bytes, drop fields, change types): every
import ends in a clean import or a clean one-line error, never a traceback, never a partial store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brandcouch import api
from brandcouch.errors import BrandcouchError
from brandcouch.store import open_store
from tests.conftest import SHARED, table_snapshot

FIXTURES = SHARED / "fixtures"
_DOCS = {".md", ".txt"}


def _files() -> list[Path]:
    if not FIXTURES.exists():
        return []
    files = [p for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.suffix not in _DOCS]
    seed = SHARED / "seed" / "seed-thread.wxr"
    return [*files, seed] if seed.exists() else files


FILES = _files()
IDS = [str(p.relative_to(SHARED)) for p in FILES]
requires_shared = pytest.mark.skipif(not FILES, reason="../shared not present: no fixtures")


def _walk(node, path=()):
    """Every (path, value) in a JSON document."""
    yield path, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _walk(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, (*path, i))


def _set(doc, path, value, drop=False):
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if drop:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value


@st.composite
def mutations(draw, data: bytes):
    kind = draw(st.sampled_from(["truncate", "flip", "drop", "retype"]))
    if kind == "truncate":
        return data[: draw(st.integers(0, max(len(data) - 1, 0)))]
    if kind == "flip":
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(out) - 1))
            out[i] = draw(st.integers(0, 255))
        return bytes(out)
    try:
        doc = json.loads(data)
    except ValueError:  # not a JSON fixture: truncate instead
        return data[: draw(st.integers(0, max(len(data) - 1, 0)))]
    paths = [p for p, _ in _walk(doc) if p]
    if not paths:
        return data
    path = draw(st.sampled_from(paths))
    if kind == "drop":
        _set(doc, path, None, drop=True)
    else:
        new = draw(st.sampled_from([None, 0, -1, 2**70, "", "x", [], {}, True, 1.5]))
        _set(doc, path, new)
    return json.dumps(doc).encode()


@requires_shared
@pytest.mark.parametrize("fixture", FILES, ids=IDS)
def test_mutated_fixture_imports_cleanly_or_fails_cleanly(fixture: Path, tmp_path_factory):
    data = fixture.read_bytes()
    fmt = _detected_format(fixture)

    @settings(
        max_examples=12,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(mutated=mutations(data))
    def check(mutated: bytes):
        path = tmp_path_factory.mktemp("mut") / fixture.name
        path.write_bytes(mutated)
        with open_store(":memory:") as store:
            before = table_snapshot(store)
            try:
                api.import_paths(store, [path], format=fmt)
            except BrandcouchError as e:
                assert "\n" not in str(e)
                assert fixture.name in str(e)
                assert table_snapshot(store) == before
            else:
                counts = store.counts()
                assert counts["imports"] == 1

    check()


def _detected_format(fixture: Path) -> str | None:
    """The format the unmutated file is detected as (mutations may break detection; forcing the
    format keeps the test about the importer, not about the sniffer)."""
    from brandcouch.errors import UnknownFormatError
    from brandcouch.importers import Source, detect

    try:
        return detect(Source.from_path(fixture)).name
    except UnknownFormatError:
        return None
