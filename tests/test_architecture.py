"""The layers of docs/architecture.md, enforced by import-linter (contracts in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_layers_are_kept():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert exe, "import-linter is a dev dependency: pip install -e '.[dev]'"
    proc = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "2 kept, 0 broken" in proc.stdout


#: the layers of the contract, top to bottom (pyproject.toml [tool.importlinter])
LAYERS = [
    "brandcouch.cli",
    "brandcouch.web",
    "brandcouch.api",
    "brandcouch.reports",
    "brandcouch.analysis",
    "brandcouch.diagnosis",
    "brandcouch.audience",
    "brandcouch.metrics",
    "brandcouch.store | brandcouch.importers | brandcouch.signals | brandcouch.demo",
    "brandcouch.brands | brandcouch.settings",
    "brandcouch.model | brandcouch.errors",
]


def test_the_contract_lists_the_layers_in_this_order():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    layers = next(c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers")[
        "layers"
    ]
    assert layers == LAYERS
    # analysis orchestrates diagnosis, the audience, metrics and signal scoring; reports read it
    assert layers.index("brandcouch.reports") < layers.index("brandcouch.analysis")
    assert layers.index("brandcouch.analysis") < layers.index("brandcouch.diagnosis")


#: packages whose modules must form no import cycle among themselves
ACYCLIC = (
    "brandcouch.analysis",
    "brandcouch.diagnosis",
    "brandcouch.audience",
    "brandcouch.metrics",
)


def test_no_module_imports_itself_through_others():
    """No import cycle between the analysis modules (metrics/elements <-> metrics/periods
    was one)."""
    import grimp

    graph = grimp.build_graph("brandcouch")
    cycles = []
    for module in sorted(m for m in graph.modules if m.startswith(ACYCLIC)):
        for imported in graph.find_modules_directly_imported_by(module):
            if module.startswith(imported + ".") or imported.startswith(module + "."):
                continue  # a package and its own modules (``__init__`` re-exports)
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycles.append(" -> ".join((module, *chain)))
    assert cycles == []
