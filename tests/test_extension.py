"""Extension in one place (docs/architecture.md, "How to add …"): a toy importer and a toy
signal, each written as the one module the guide says to add, reach the store, the signal
cache and the analysis without touching any other module."""

from __future__ import annotations

import sys
import textwrap

import pytest

import brandcouch.importers as importers_pkg
import brandcouch.signals as signals_pkg
from brandcouch import api
from brandcouch.importers.registry import importers
from brandcouch.signals.registry import SIGNALS

TOY_IMPORTER = '''
"""Toy format: lines ``author|text`` after a ``#toy`` first line (a test of the guide)."""

from brandcouch.importers.base import Importer
from brandcouch.model import Account, Kind, Message


def sniff(source, head):
    return 90 if head.startswith(b"#toy\\n") else 0


def read(source, ctx):
    with source.open() as f:
        for n, line in enumerate(f.read().decode("utf-8").splitlines()[1:], start=1):
            ctx.read(1, f"line {n + 1}")
            author, text = line.split("|", 1)
            yield Account("toy", author, handle=author)
            yield Message("toy", str(n), author, text, Kind.POST)


IMPORTER = Importer("toy", "1", "toy", "a test format", sniff, read)
'''

TOY_SIGNAL = '''
"""Toy signal: the share of characters that are exclamation marks."""

import numpy as np

from brandcouch.signals.registry import signal


@signal("toy_bang", version="toy_bang.v1", help="share of '!' characters")
def toy_bang(texts, parents):
    return np.array([t.count("!") / max(len(t), 1) for t in texts], dtype=float)
'''


@pytest.fixture
def toy_module(tmp_path, monkeypatch):
    """Write one module into a package's search path, as a developer adds a file."""
    added: list[str] = []

    def add(package, name: str, source: str) -> str:
        folder = tmp_path / package.__name__.replace(".", "_")
        folder.mkdir(exist_ok=True)
        (folder / f"{name}.py").write_text(textwrap.dedent(source), "utf-8")
        monkeypatch.setattr(package, "__path__", [*package.__path__, str(folder)])
        added.append(f"{package.__name__}.{name}")
        return added[-1]

    yield add
    for mod in added:
        sys.modules.pop(mod, None)
    SIGNALS.pop("toy_bang", None)
    importers.cache_clear()


def test_a_new_importer_module_is_discovered_detected_and_imported(toy_module, tmp_path):
    toy_module(importers_pkg, "toyformat", TOY_IMPORTER)
    importers.cache_clear()
    assert "toy" in {f["name"] for f in api.formats()}
    src = tmp_path / "export.txt"
    src.write_text("#toy\nann|Hello there!\nbob|Why is my order late?\n", "utf-8")
    store = api.open_store(":memory:")
    [report] = api.import_paths(store, [src])
    assert (report.format, report.imported, report.records_read) == ("toy", 2, 2)
    rows = store.con.execute("SELECT id, author_id, text FROM messages ORDER BY id").fetchall()
    assert rows == [
        ("toy:1", "toy:ann", "Hello there!"),
        ("toy:2", "toy:bob", "Why is my order late?"),
    ]


def test_a_new_signal_module_is_registered_scored_and_cached(toy_module, tmp_path):
    name = toy_module(signals_pkg, "toy_bang", TOY_SIGNAL)
    found = signals_pkg._discover()
    assert "toy_bang" in found and name in sys.modules
    assert SIGNALS["toy_bang"].version == "toy_bang.v1"
    scores = api.score_texts(["Wow!!", "fine"])
    assert scores["toy_bang"].round(2).tolist() == [0.4, 0.0]
    src = tmp_path / "messages.csv"
    src.write_text("id,author,text,created_at\n1,ann,Great!!,2026-01-05T10:00:00Z\n", "utf-8")
    store = api.open_store(":memory:")
    api.import_paths(store, [src])
    api.run_signals(store)
    value = store.scalar(
        "SELECT value FROM signal_values WHERE signal = 'toy_bang' AND key = md5('Great!!')"
    )
    assert value == pytest.approx(2 / 7)
    # and it is a column of the conversation frame every metric reads
    from brandcouch.analysis.steps import Runner

    Runner(store, None).ensure("mb")
    assert store.scalar("SELECT toy_bang FROM mb") == pytest.approx(2 / 7)


def test_a_new_component_in_its_element_module_is_scored(monkeypatch):
    """A component is one ``Component`` in its element's ``COMPONENTS`` plus its
    ``<name>_value``/``<name>_n`` columns in that module's ``frame()``: here a toy one, the
    share of brand posts that ask a question, added to value."""
    from dataclasses import replace

    from brandcouch.metrics import elements, value
    from brandcouch.metrics.component import Component, rate_score

    toy = Component("toy_questions", 0.1, "share of brand posts asking a question", rate_score)
    spec = replace(value.SPEC, components=(*value.SPEC.components, toy))

    def frame(store, keys):
        df = value.frame(store, keys)
        k = ", ".join(keys)
        extra = store.df(
            f"SELECT {k}, avg((question >= 0.5)::INT) AS toy_questions_value, "
            f"count(*) AS toy_questions_n FROM bposts GROUP BY {k}"
        )
        return df.merge(extra, on=list(keys), how="left")

    monkeypatch.setattr(
        elements, "SPECS", tuple(spec if s.name == "value" else s for s in elements.SPECS)
    )
    monkeypatch.setitem(elements.FRAMES, "value", frame)
    store = api.open_store(":memory:")
    api.generate_demo(store, scale=0.1)
    result = api.analyse_sections(store, ["brands"])
    expected = dict(
        store.con.execute(
            "SELECT brand, round(avg((question >= 0.5)::INT), 4) FROM bposts GROUP BY brand"
        ).fetchall()
    )
    for b in result["brands"]:
        got = b["elements"]["value"]["components"]["toy_questions"]
        assert got["value"] == expected[b["name"]]
        assert got["score"] == round(100 * expected[b["name"]], 1)  # scores have one decimal
        assert got["weight"] == 0.1
