"""Every table of the analysis result as plain rows, for the Markdown and CSV exports.

``tables(result)`` returns ``{name: Table}`` in a stable order; sections absent from the result
are left out. Values stay raw (rates 0..1, minutes, scores 0..100): formatting is the writer's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brandcouch.metrics.summary import METRIC_COLUMNS
from brandcouch.reports import view

METRICS = METRIC_COLUMNS


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)


def _score_cells(holder: dict) -> list:
    return [(view.element_score(holder, k) or {}).get("score") for k in view.SCORE_KEYS]


def _metric_cells(holder: dict) -> list:
    m = holder.get("metrics") or {}
    return [m.get(k) for k in METRICS]


def brands_table(result: dict) -> Table:
    t = Table("Brands", ["brand", "accounts", *METRICS, *view.SCORE_KEYS])
    for b in result.get("brands") or []:
        accounts = " ".join(
            f"{a.get('platform')}:{a.get('handle') or a.get('id')}" for a in b.get("accounts") or []
        )
        t.rows.append([b["name"], accounts, *_metric_cells(b), *_score_cells(b)])
    return t


def channels_table(result: dict) -> Table:
    t = Table("Channels", ["brand", "channel", *METRICS, *view.SCORE_KEYS])
    for b in result.get("brands") or []:
        for c in b.get("channels") or []:
            t.rows.append([b["name"], c.get("platform"), *_metric_cells(c), *_score_cells(c)])
    return t


def elements_table(result: dict) -> Table:
    t = Table(
        "Elements and health", ["brand", "channel", "element", "score", "status", "n", "confidence"]
    )
    for b in result.get("brands") or []:
        for scope, holder in [("all", b)] + [
            (c.get("platform"), c) for c in b.get("channels") or []
        ]:
            for s in view.scores(holder):
                t.rows.append(
                    [b["name"], scope, s["key"], s["score"], s["status"], s["n"], s["confidence"]]
                )
    return t


def components_table(result: dict) -> Table:
    t = Table(
        "Score components",
        ["brand", "element", "component", "value", "score", "weight", "n", "formula"],
    )
    for b in result.get("brands") or []:
        for s in view.scores(b):
            for c in s["components"]:
                value = c["value"] if not isinstance(c["value"], dict | list) else str(c["value"])
                t.rows.append(
                    [
                        b["name"],
                        s["key"],
                        c["name"],
                        value,
                        c["score"],
                        c["weight"],
                        c["n"],
                        c["formula"],
                    ]
                )
    return t


def periods_table(result: dict) -> Table:
    t = Table(
        "Periods",
        [
            "brand",
            "period",
            "start",
            "inbound",
            "reply_rate_all",
            "first_response_minutes_median",
            *view.SCORE_KEYS,
        ],
    )
    for b in result.get("brands") or []:
        for p in b.get("periods") or []:
            m = p.get("metrics") or {}
            t.rows.append(
                [
                    b["name"],
                    p.get("period"),
                    p.get("start"),
                    m.get("inbound"),
                    m.get("reply_rate_all"),
                    m.get("first_response_minutes_median"),
                    *_score_cells(p),
                ]
            )
    return t


def bands_table(result: dict) -> Table:
    t = Table("Response-time distribution", ["brand", "band", "count", "share"])
    for b in result.get("brands") or []:
        for band in view.response_bands(b) or []:
            t.rows.append([b["name"], band["label"], band["count"], round(band["share"], 4)])
    return t


def flags_table(result: dict) -> Table:
    cols = ["message_id", "author", "kind", "platform", "reason", "text", "permalink"]
    t = Table("Pitch-without-listening flags", ["brand", *cols])
    for b in result.get("brands") or []:
        for f in b.get("flags") or []:
            t.rows.append([b["name"], *(f.get(c) for c in cols)])
    return t


def session_table(result: dict) -> Table:
    t = Table(
        "The session: findings", ["brand", "rank", "element", "finding", "numbers", "prescription"]
    )
    for b in result.get("brands") or []:
        for i, f in enumerate((view.session(b) or {}).get("findings") or [], 1):
            t.rows.append(
                [b["name"], i, f["element"], f["title"], "; ".join(f["numbers"]), f["prescription"]]
            )
    return t


def audience_table(result: dict) -> Table:
    t = Table("Audience", ["brand", "members", "quality_share", "recommenders"])
    for b in result.get("brands") or []:
        a = b.get("audience")
        if isinstance(a, dict):
            recs = a.get("recommenders") or []
            t.rows.append(
                [
                    b["name"],
                    a.get("members"),
                    a.get("quality_share"),
                    len(recs) if isinstance(recs, list) else recs,
                ]
            )
    return t


def segments_table(result: dict) -> Table:
    t = Table("Audience segments", ["brand", "segment", "count", "share"])
    for b in result.get("brands") or []:
        for s in view.segments(b):
            t.rows.append([b["name"], s["name"], s["count"], round(s["share"], 4)])
    return t


def advice_table(result: dict) -> Table:
    t = Table("Channel advice", ["brand", "channel", "advice", "reasons"])
    for b in result.get("brands") or []:
        for a in view.advice(b):
            t.rows.append([b["name"], a["channel"], a["advice"], "; ".join(a["reasons"])])
    return t


def flatten(row: dict, prefix: str = "") -> dict:
    """``{"a": {"b": 1}}`` → ``{"a.b": 1}``; lists of scalars are joined with ``; ``."""
    out: dict = {}
    for k, v in row.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            out.update(flatten(v, f"{key}."))
        elif isinstance(v, list):
            out[key] = "; ".join(str(x) for x in v if not isinstance(x, dict | list))
        else:
            out[key] = v
    return out


def records_table(title: str, records) -> Table:
    """A table from a list of (possibly nested) dicts; columns in first-seen order."""
    flat = [flatten(r) for r in records or [] if isinstance(r, dict)]
    cols: list[str] = []
    for r in flat:
        cols.extend(k for k in r if k not in cols)
    return Table(title, cols, [[r.get(c) for c in cols] for r in flat])


def directory_table(directory) -> Table:
    """One row per brand and channel when entries list their channels, else flattened."""
    entries = view.directory_entries(directory)
    if entries is None:
        return records_table("Consumer directory", directory)
    rows = []
    for d in entries:
        top = {k: v for k, v in d.items() if k != "channels"}
        for c in d.get("channels") or [{}]:
            rows.append({**top, **{f"channel_{k}": v for k, v in c.items()}})
    return records_table("Consumer directory", rows)


def tables(result: dict) -> dict[str, Table]:
    """Every table, by file-safe name; empty ones are left out (``brands`` always stays)."""
    out = {
        "brands": brands_table(result),
        "channels": channels_table(result),
        "elements": elements_table(result),
        "components": components_table(result),
        "periods": periods_table(result),
        "response_bands": bands_table(result),
        "flags": flags_table(result),
        "session": session_table(result),
        "audience": audience_table(result),
        "audience_segments": segments_table(result),
        "channel_advice": advice_table(result),
        "benchmark": records_table("Benchmark", view.benchmark_rows(result.get("benchmark"))),
        "directory": directory_table(result.get("directory")),
        "imports": records_table("Imports", result.get("imports")),
    }
    return {k: t for k, t in out.items() if t.rows or k == "brands"}
