"""The JSON report: the analysis result as documented in docs/output.md (and validated by
docs/output.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from brandcouch.model.result import Analysis


def write_json(result: Analysis | dict, path: str | Path) -> Path:
    """Write ``result`` (an :class:`Analysis` or its JSON dict, read through the typed result so
    only the documented shape is written)."""
    data = Analysis.coerce(result).to_json()
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(dumps_indented(data), encoding="utf-8")
    tmp.replace(p)  # never a half-written report
    return p


def dumps_indented(obj) -> str:
    """The report's text: ``json.dumps(obj, indent=2, ensure_ascii=False)``."""
    return json.dumps(obj, indent=2, ensure_ascii=False)
