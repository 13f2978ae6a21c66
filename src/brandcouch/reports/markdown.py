"""The Markdown export: every table of the result (see :mod:`brandcouch.reports.tables`)."""

from __future__ import annotations

from pathlib import Path

from brandcouch.model.result import Analysis
from brandcouch.reports.tables import Table, tables

_RATE_COLUMNS = {"reply_rate_all", "quality_share", "share"}


def cell(value, column: str = "") -> str:
    """A Markdown-safe cell: pipes escaped, newlines flattened, numbers formatted plainly."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if column in _RATE_COLUMNS or column.endswith("_rate") or column.endswith("_share"):
            return f"{100 * value:.1f}%"
        return f"{value:,.1f}" if abs(value) >= 100 else f"{value:.3g}"
    if isinstance(value, int):
        return f"{value:,}" if column != "rank" else str(value)
    text = " ".join(str(value).split())
    for ch in ("\\", "|", "<", ">", "`", "*", "_", "[", "]"):
        text = text.replace(ch, "\\" + ch)
    return text


def table_markdown(t: Table) -> str:
    head = "| " + " | ".join(c.replace("_", " ") for c in t.columns) + " |"
    rule = "| " + " | ".join("---" for _ in t.columns) + " |"
    body = [
        "| " + " | ".join(cell(v, c) for v, c in zip(r, t.columns, strict=False)) + " |"
        for r in t.rows
    ]
    return "\n".join([f"## {t.title}", "", head, rule, *body, ""])


def render_markdown(result: Analysis | dict) -> str:
    result = Analysis.coerce(result)
    intro = (
        f"# brandcouch report\n\nGenerated {result.generated_at or ''} by brandcouch "
        f"{result.brandcouch_version} from {result.store.messages:,} messages "
        f"({len(result.brands)} brands). Rates are percentages, times minutes, "
        "scores 0-100; an empty cell means not enough data.\n"
    )
    return intro + "\n" + "\n".join(table_markdown(t) for t in tables(result).values())


def write_markdown(result: Analysis | dict, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(render_markdown(result), encoding="utf-8")
    tmp.replace(p)
    return p
