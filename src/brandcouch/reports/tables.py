"""Every table of the analysis result as plain rows, for the Markdown and CSV exports.

``tables(result)`` returns ``{name: Table}`` in a stable order; empty tables are left out.
Values stay raw (rates 0..1, minutes, scores 0..100): formatting is the writer's. The result
is read typed (:class:`brandcouch.model.result.Analysis`; a JSON dict is coerced).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from brandcouch.metrics.change import KPIS
from brandcouch.model.result import METRIC_FIELDS, Analysis
from brandcouch.model.vocabulary import ELEMENTS, SCORE_KEYS
from brandcouch.reports import view

METRICS = METRIC_FIELDS


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)


def _score_cells(holder) -> list:
    return [(s.score if (s := holder.score(k)) else None) for k in SCORE_KEYS]


def _metric_cells(holder) -> list:
    return [getattr(holder.metrics, k) for k in METRICS]


def brands_table(result: Analysis) -> Table:
    t = Table("Brands", ["brand", "accounts", *METRICS, *SCORE_KEYS])
    for b in result.brands:
        accounts = " ".join(f"{a.platform}:{a.handle or a.id}" for a in b.accounts)
        t.rows.append([b.name, accounts, *_metric_cells(b), *_score_cells(b)])
    return t


#: the values a comparison changes, in the change table's order
CHANGE_KEYS = ("health", *ELEMENTS, *(k for k, _ in KPIS))


def change_table(result: Analysis) -> Table:
    """With a comparison: per brand, each score and KPI with its ``_previous`` value and its
    ``_change`` (this period minus the previous one; rates 0..1, minutes, counts), plus the
    periods and the sentence saying what changed. Empty without a comparison."""
    cols = ["brand", "since", "until", "compared_since", "compared_until"]
    for k in CHANGE_KEYS:
        cols += [k, f"{k}_previous", f"{k}_change"]
    t = Table("Change against the previous period", [*cols, "what_changed"])
    if result.comparison is None or result.window is None:
        return t
    w, c = result.window, result.comparison
    for b in result.brands:
        if b.change is None:
            continue
        by_key = {ch["key"]: ch for ch in view.changes(b)}
        row = [b.name, w.since, w.until, c.since, c.until]
        for k in CHANGE_KEYS:
            ch = by_key.get(k, {})
            row += [ch.get("value"), ch.get("previous"), ch.get("delta")]
        t.rows.append([*row, b.change.get("summary")])
    return t


#: the care tables' columns (the dashboard's downloads are the same, one brand at a time)
SLA_COLUMNS = ("target", "scope", "eligible", "within", "late", "missed", "pending", "share",
               "median_minutes", "business_share")  # fmt: skip
SLA_MONTH_COLUMNS = ("month", "eligible", "within", "late", "missed", "pending", "share",
                     "median_minutes", "business_share")  # fmt: skip
TOPIC_COLUMNS = ("phrase", "kind", "count", "share", "complaints", "questions", "examples")
AGENT_COLUMNS = ("agent", "signed", "replies", "share", "median_response_minutes", "timed",
                 "engagement", "personal", "complaint_conversations", "owned")  # fmt: skip
AGENT_ACTS = ("acknowledge", "diagnose", "inform", "commit", "private")
VOLUME_COLUMNS = ("date", "inbound", "outbound", "replies")


def _cell(value):
    """A list (topic examples: message ids) as one space-separated cell."""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return value


def _care(b) -> dict:
    return dict(b.care) if b.care is not None else {}


def sla_table(result: Analysis) -> Table:
    """Per brand: the share of turns needing a reply answered within the SLA target (wall
    clock; ``business_share`` on business hours when configured)."""
    t = Table("Answered within target (SLA)", ["brand", *SLA_COLUMNS])
    for b in result.brands:
        sla = _care(b).get("sla") or {}
        wall = sla.get("wall") or {}
        if not wall.get("eligible"):
            continue
        business = sla.get("business") or {}
        row = {**wall, "target": sla.get("target"), "scope": sla.get("scope"),
               "business_share": business.get("share")}  # fmt: skip
        t.rows.append([b.name, *(row.get(c) for c in SLA_COLUMNS)])
    return t


def sla_month_table(result: Analysis) -> Table:
    t = Table("Answered within target, by month", ["brand", *SLA_MONTH_COLUMNS])
    for b in result.brands:
        for m in (_care(b).get("sla") or {}).get("by_month") or []:
            t.rows.append([b.name, *(m.get(c) for c in SLA_MONTH_COLUMNS)])
    return t


def topics_table(result: Analysis) -> Table:
    """What people complain about and ask, per brand: each phrase with its counts and the ids
    of example messages."""
    t = Table("Topics", ["brand", *TOPIC_COLUMNS])
    for b in result.brands:
        for x in _care(b).get("topics") or []:
            t.rows.append([b.name, *(_cell(x.get(c)) for c in TOPIC_COLUMNS)])
    return t


def agents_table(result: Analysis) -> Table:
    """The team report: per brand and agent signature, replies, response time, acts (shares
    of the agent's replies), personal share and owned share."""
    t = Table("Agents", ["brand", *AGENT_COLUMNS, *(f"act_{a}" for a in AGENT_ACTS)])
    for b in result.brands:
        for a in _care(b).get("agents") or []:
            acts = a.get("acts") or {}
            t.rows.append(
                [b.name, *(a.get(c) for c in AGENT_COLUMNS), *(acts.get(x) for x in AGENT_ACTS)]
            )
    return t


def volume_table(result: Analysis) -> Table:
    t = Table("Volume per day", ["brand", *VOLUME_COLUMNS])
    for b in result.brands:
        for d in (_care(b).get("volume") or {}).get("by_day") or []:
            t.rows.append([b.name, *(d.get(c) for c in VOLUME_COLUMNS)])
    return t


def channels_table(result: Analysis) -> Table:
    t = Table("Channels", ["brand", "channel", *METRICS, *SCORE_KEYS])
    for b in result.brands:
        for c in b.channels:
            t.rows.append([b.name, c.platform, *_metric_cells(c), *_score_cells(c)])
    return t


def elements_table(result: Analysis) -> Table:
    t = Table(
        "Elements and health",
        ["brand", "channel", "element", "score", "status", "n", "confidence"],
    )
    for b in result.brands:
        for scope, holder in [("all", b), *((c.platform, c) for c in b.channels)]:
            for s in holder.scores():
                t.rows.append([b.name, scope, s.key, s.score, s.status, s.n, s.confidence])
    return t


def components_table(result: Analysis) -> Table:
    t = Table(
        "Score components",
        ["brand", "element", "component", "value", "score", "weight", "n", "formula"],
    )
    for b in result.brands:
        for s in b.scores():
            for c in s.components.values():
                t.rows.append([b.name, s.key, c.name, c.value, c.score, c.weight, c.n, c.formula])
    return t


def periods_table(result: Analysis) -> Table:
    t = Table(
        "Periods",
        ["brand", "period", "start", "inbound", "reply_rate_all",
         "first_response_minutes_median", *SCORE_KEYS],
    )  # fmt: skip
    for b in result.brands:
        for p in b.periods:
            m = p.metrics
            t.rows.append(
                [b.name, p.period, p.start, m.inbound, m.reply_rate_all,
                 m.first_response_minutes_median, *_score_cells(p)]
            )  # fmt: skip
    return t


def bands_table(result: Analysis) -> Table:
    t = Table("Response-time distribution", ["brand", "band", "count", "share"])
    for b in result.brands:
        for band in view.response_bands(b) or []:
            t.rows.append([b.name, band["label"], band["count"], band["share"]])
    return t


def flags_table(result: Analysis) -> Table:
    cols = ["message_id", "author", "kind", "platform", "reason", "text", "permalink"]
    t = Table("Pitch-without-listening flags", ["brand", *cols])
    for b in result.brands:
        for f in b.flags:
            t.rows.append([b.name, *(getattr(f, c) for c in cols)])
    return t


def session_table(result: Analysis) -> Table:
    t = Table(
        "The session: findings", ["brand", "rank", "element", "finding", "numbers", "prescription"]
    )
    for b in result.brands:
        for i, f in enumerate(b.session.findings, 1):
            t.rows.append(
                [b.name, i, f.element, f.title, "; ".join(f.numbers.chips()), f.prescription.text]
            )
    return t


def audience_table(result: Analysis) -> Table:
    t = Table(
        "Audience",
        ["brand", "members", "quality_members", "quality_share", "tie_strength_mean",
         "recommenders_total"],
    )  # fmt: skip
    for b in result.brands:
        a = b.audience
        t.rows.append(
            [b.name, a.members, a.quality_members, a.quality_share, a.tie_strength_mean,
             a.recommenders_total]
        )  # fmt: skip
    return t


def segments_table(result: Analysis) -> Table:
    t = Table("Audience segments", ["brand", "segment", "count", "share"])
    for b in result.brands:
        for s in view.segments(b):
            t.rows.append([b.name, s["name"], s["count"], round(s["share"], 4)])
    return t


def advice_table(result: Analysis) -> Table:
    t = Table("Channel advice", ["brand", "channel", "kind", "advice", "reasons"])
    for b in result.brands:
        for a in b.channel_advice:
            t.rows.append([b.name, a.channel, a.kind, a.advice, "; ".join(a.reasons)])
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


def directory_table(result: Analysis) -> Table:
    """One row per brand and channel (a brand without channels: one row)."""
    rows = []
    for d in result.directory:
        top = {k: v for k, v in d.to_json().items() if k != "channels"}
        for c in d.channels or [None]:
            rows.append(
                {**top, **{f"channel_{k}": v for k, v in (c.to_json() if c else {}).items()}}
            )
    return records_table("Consumer directory", rows)


def tables(result: Analysis | dict) -> dict[str, Table]:
    """Every table, by file-safe name; empty ones are left out (``brands`` always stays)."""
    result = Analysis.coerce(result)
    out = {
        "brands": brands_table(result),
        "change": change_table(result),
        "sla": sla_table(result),
        "sla_by_month": sla_month_table(result),
        "topics": topics_table(result),
        "agents": agents_table(result),
        "volume": volume_table(result),
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
        "benchmark": records_table("Benchmark", view.records(result.benchmark.brands)),
        "directory": directory_table(result),
        "imports": records_table("Imports", view.records(result.imports)),
    }
    return {k: t for k, t in out.items() if t.rows or k == "brands"}
