"""The JSON report: the analysis result as documented in docs/output.md."""

from __future__ import annotations

import json
from pathlib import Path


def write_json(result: dict, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(json.dumps(result, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    tmp.replace(p)  # never a half-written report
    return p
