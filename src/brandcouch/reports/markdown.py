"""The Markdown export: the executive summary first (the set of brands side by side, then a
card per brand with enough data), then every table of the result after an "Appendix" heading
(see :mod:`brandcouch.reports.tables`)."""

from __future__ import annotations

from pathlib import Path

from brandcouch.model.result import Analysis
from brandcouch.model.vocabulary import ELEMENTS, LABELS
from brandcouch.reports import view
from brandcouch.reports.format import pct
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


def table_markdown(t: Table, level: int = 3) -> str:
    head = "| " + " | ".join(c.replace("_", " ") for c in t.columns) + " |"
    rule = "| " + " | ".join("---" for _ in t.columns) + " |"
    body = [
        "| " + " | ".join(cell(v, c) for v, c in zip(r, t.columns, strict=False)) + " |"
        for r in t.rows
    ]
    return "\n".join([f"{'#' * level} {t.title}", "", head, rule, *body, ""])


def _score(x) -> str:
    return "–" if x is None else f"{x:.0f}"


def _count(x) -> str:
    return "n/a" if x is None else f"{x:,}"


def _chg(b, key: str) -> str:
    """`` ▼−12`` after a value when the result has a comparison ("" otherwise)."""
    text = view.change_text(key, b.delta(key))
    return f" {text}" if text else ""


def period_line(result: Analysis) -> str:
    """ "**Period:** 1–30 Sep 2026, compared with 1–31 Aug 2026 (▲ better, ▼ worse for the
    brand)." or "" without a window."""
    if result.window is None:
        return ""
    line = f"**Period:** {view.window_label(result)}"
    if result.window.timezone and result.window.timezone != "UTC":
        line += f" ({result.window.timezone})"
    if result.comparison is not None:
        line += (
            f", compared with {view.previous_label(result)}: ▲ up, ▼ down; every change is "
            "read as better or worse for the brand (a shorter reply time is better)"
        )
    return line + ".\n"


def change_summary(b, against: str | None) -> list[str]:
    """A brand card's "What changed" lines (empty without a comparison)."""
    if b.change is None:
        return []
    out = ["", f"**What changed since {cell(against or 'the previous period')}**", ""]
    if b.change.get("summary"):
        out += [cell(b.change["summary"]), ""]
    for c in view.changes(b):
        if c["key"] in ELEMENTS:
            continue
        tail = f" {c['text']} ({c['cls']})" if c["text"] else ""
        out.append(
            f"- {c['label'].capitalize()}: {view.kpi_text(c['key'], c['value'])} (was "
            f"{view.kpi_text(c['key'], c['previous'])}){tail}"
        )
    return out


def summary_table(result: Analysis) -> str:
    """The set of brands side by side: health, the four elements, inbound, SLA, confidence."""
    head = ["Brand", "Health", *(LABELS[k].split(" ")[0] for k in ELEMENTS)]
    head += ["Inbound", "Within target", "Confidence"]
    lines = [
        "| " + " | ".join(head) + " |",
        "| " + " | ".join(["---"] + ["---:"] * 7 + ["---"]) + " |",
    ]
    for b in result.brands:
        care = view.care_summary(b)
        share = care["share"] if care else None
        enough = view.has_enough_data(b)
        row = [cell(b.name), _score(b.health.score) + _chg(b, "health")]
        row += [_score(e.score if (e := b.score(k)) else None) + _chg(b, k) for k in ELEMENTS]
        row += [
            _count(b.metrics.inbound) + _chg(b, "inbound"),
            ("–" if share is None else pct(share)) + _chg(b, "sla_share"),
        ]
        row.append(b.health.confidence or ("" if enough else "too little data"))
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"


def brand_summary(b, against: str | None = None) -> str:
    """A brand's card: health, elements (with their change against ``against``, the
    previous period), what changed, top findings with one quote each, what is going well, the
    care figures, coverage and confidence."""
    br = view.brief(b)
    elements = " · ".join(
        f"{LABELS[k]} {_score(e.score if (e := b.score(k)) else None)}{_chg(b, k)}"
        for k in ELEMENTS
    )
    head = f"### {cell(b.name)}: health {_score(b.health.score)} / 100{_chg(b, 'health')}"
    out = [head, "", elements, *change_summary(b, against), ""]
    out += ["**Top findings**", ""]
    for i, item in enumerate(br["findings"], 1):
        f = item["finding"]
        out.append(f"{i}. **{cell(f.title)}.** {cell(f.detail)}".rstrip())
        if item["quote"]:
            who = cell(item["author"]) + (f", {item['when']}" if item["when"] else "")
            out.append(f"   > “{cell(item['quote'])}” — {who}")
    if not br["findings"]:
        out.append("No finding stands out.")
    out += ["", "**What is going well**", ""]
    out += [f"- **{cell(g.title)}.** {cell(g.detail)}".rstrip() for g in br["going_well"]]
    if not br["going_well"]:
        out.append("Nothing stands out yet.")
    care = br["care"]
    if care:
        sla = (
            "n/a"
            if care["share"] is None
            else f"{pct(care['share'])} answered within {care['target']} "
            f"({care['within']:,} of {care['eligible']:,})"
        )
        if care["business_hours"]:
            sla += f"; {pct(care['business_share'])} in business hours ({care['business_hours']})"
        topics = ", ".join(f"{cell(t['phrase'])} ({t['count']:,})" for t in care["topics"])
        out += ["", f"**Care team:** {sla}." + (f" Top topics: {topics}." if topics else "")]
    out += [
        "",
        f"**Coverage and confidence:** {br['confidence'] or 'n/a'} confidence; "
        f"{_count(br['n'])} messages behind the score; {_count(br['answered'])} of "
        f"{_count(br['turns'])} customer turns answered; coverage {pct(br['coverage'])}.",
        "",
    ]
    return "\n".join(out)


def render_markdown(result: Analysis | dict) -> str:
    result = Analysis.coerce(result)
    intro = (
        f"# brandcouch report\n\nGenerated {result.generated_at or ''} by brandcouch "
        f"{result.brandcouch_version} from {result.store.messages:,} messages "
        f"({len(result.brands)} brands). Rates are percentages, times minutes, "
        "scores 0-100; an empty cell means not enough data.\n"
    )
    briefed = view.briefed(result.brands)
    summary = ["## Executive summary", ""]
    if result.window is not None:
        summary.append(period_line(result))
    summary.append(summary_table(result))
    if len(briefed) < len(result.brands):
        summary.append(
            f"{len(briefed)} of {len(result.brands)} brands have enough data for a score and "
            "a card; the others have a row above only.\n"
        )
    against = view.previous_label(result)
    summary += [brand_summary(b, against) for _, b in briefed]
    appendix = ["## Appendix", "", "Every table of the analysis.", ""]
    every = tables(result)
    appendix += [table_markdown(t) for k, t in every.items() if k not in CSV_ONLY]
    if any(k in every for k in CSV_ONLY):
        appendix.append("Volume per day (one row per brand and day): `volume.csv` of `--csv`.\n")
    return intro + "\n" + "\n".join(summary) + "\n" + "\n".join(appendix)


#: tables too long to read in Markdown: the CSV export has them
CSV_ONLY = ("volume",)


def write_markdown(result: Analysis | dict, path: str | Path) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(render_markdown(result), encoding="utf-8")
    tmp.replace(p)
    return p
