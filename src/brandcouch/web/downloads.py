"""The dashboard's CSV downloads (``/download.csv?table=NAME&brand=...``): every table the pages
show, as rows.

``queue``       the unanswered queue (:mod:`brandcouch.web.queue`), every row, of one brand or all
``messages``    a brand's messages with the /messages filters (role, answered, platform, period,
                start), every page
``benchmark``   the benchmark: per brand its league rank, then value, rank and percentile per
                metric
``agents``      the brand's care agents (``brands[].care.agents`` of the analysis JSON)
``topics``      the brand's topics (``brands[].care.topics``)
``volume``      the brand's volume per day (``brands[].care.volume.by_day``)
``sla``         the brand's answered-within-target share per month (``brands[].care.sla.by_month``)
``change``      with ``since``/``until``/``compare``: each score and KPI of the period, its value
                in the previous period and the change (the report's ``change.csv``)

Every cell goes through :func:`brandcouch.reports.csv_export.safe_cell`, the rule the report's
CSV export uses: a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return (and is not a plain number) is prefixed with ``'``, so a spreadsheet shows it as text
instead of running it (CSV injection)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from brandcouch.reports.csv_export import safe_cell
from brandcouch.reports.tables import (
    AGENT_ACTS,
    AGENT_COLUMNS,
    SLA_MONTH_COLUMNS,
    TOPIC_COLUMNS,
    VOLUME_COLUMNS,
)

#: tables that need a brand (the rest take one optionally or not at all)
BRAND_TABLES = ("messages", "agents", "topics", "volume", "sla")
TABLES = ("queue", "benchmark", "change", *BRAND_TABLES)
#: the most messages one download holds
MAX_MESSAGES = 200_000

QUEUE_COLUMNS = (
    "brand", "customer", "waiting_minutes", "kind", "text", "thread_id", "turn_id",
    "n_messages", "first_at", "platform",
)  # fmt: skip
MESSAGE_COLUMNS = (
    "id", "created_at", "platform", "author", "brand", "kind", "text", "parent_id", "root_id",
    "permalink", "deleted", "likes", "reposts", "quotes",
)  # fmt: skip
#: the care tables' columns are the report's (one definition: reports/tables.py), one brand at
#: a time here, so without its leading ``brand`` column
ACTS = AGENT_ACTS
SLA_COLUMNS = SLA_MONTH_COLUMNS

def to_csv(columns: Sequence[str], rows: Iterable[Sequence]) -> str:
    """A header and rows as CSV text, every cell through ``safe_cell``."""
    out = io.StringIO(newline="")
    w = csv.writer(out)
    w.writerow([safe_cell(c) for c in columns])
    w.writerows([safe_cell(_plain(v)) for v in row] for row in rows)
    return out.getvalue()


def _plain(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return " ".join(str(x) for x in v)
    return v


def queue_rows(rows: list[dict]) -> tuple[Sequence[str], list[list]]:
    out = [
        [
            r["brand"],
            r["customer"],
            None if r["waiting_minutes"] is None else round(r["waiting_minutes"], 1),
            r["kind"],
            r["text"],
            r["thread_id"],
            r["turn_id"],
            r["n_messages"],
            r["first_at"],
            r["platform"],
        ]  # fmt: skip
        for r in rows
    ]
    return QUEUE_COLUMNS, out


def message_rows(rows: list[dict]) -> tuple[Sequence[str], list[list]]:
    return MESSAGE_COLUMNS, [[r.get(c) for c in MESSAGE_COLUMNS] for r in rows]


def benchmark_rows(benchmark) -> tuple[Sequence[str], list[list]]:
    """``benchmark`` is the typed :class:`~brandcouch.model.result.Benchmark`."""
    keys = [m.key for m in benchmark.metrics]
    columns = ["brand", "league_rank", "note"]
    for k in keys:
        columns += [k, f"{k}_rank", f"{k}_percentile"]
    rows = []
    for r in benchmark.brands:
        row = [r.brand, r.league_rank, r.note]
        for k in keys:
            row += [r.values.get(k), r.ranks.get(k), r.percentiles.get(k)]
        rows.append(row)
    return columns, rows


def change_rows(result, brand: str | None = None) -> tuple[Sequence[str], list[list]]:
    """The change against the previous period of a windowed analysis (the report's
    ``change.csv``: each score and KPI with ``_previous`` and ``_change``), of one brand or
    all."""
    from brandcouch.reports.tables import change_table

    t = change_table(result)
    return t.columns, [r for r in t.rows if brand is None or r[0] == brand]


def care_rows(care: dict | None, table: str) -> tuple[Sequence[str], list[list]]:
    """One of the care tables (``agents``, ``topics``, ``volume``, ``sla``) of a brand's
    ``care`` (its JSON); no rows when the analysis has none."""
    care = care or {}
    if table == "agents":
        columns = [*AGENT_COLUMNS, *(f"act_{a}" for a in ACTS)]
        rows = [
            [a.get(c) for c in AGENT_COLUMNS] + [(a.get("acts") or {}).get(x) for x in ACTS]
            for a in care.get("agents") or []
        ]
        return columns, rows
    if table == "topics":
        return TOPIC_COLUMNS, [[t.get(c) for c in TOPIC_COLUMNS] for t in care.get("topics") or []]
    if table == "volume":
        days = (care.get("volume") or {}).get("by_day") or []
        return VOLUME_COLUMNS, [[d.get(c) for c in VOLUME_COLUMNS] for d in days]
    if table == "sla":
        months = (care.get("sla") or {}).get("by_month") or []
        return SLA_COLUMNS, [[m.get(c) for c in SLA_COLUMNS] for m in months]
    raise ValueError(table)


def filename(table: str, brand: str | None) -> str:
    """``brandcouch-TABLE[-BRAND].csv`` with the brand name reduced to letters, digits, ``-``
    and ``_`` (a header value must not carry quotes or line breaks from the data)."""
    slug = re.sub(r"[^A-Za-z0-9_-]+", "-", brand or "").strip("-")[:60]
    return f"brandcouch-{table}{'-' + slug if slug else ''}.csv"
