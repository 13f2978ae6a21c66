"""Evidence: the messages that most raised and most lowered each score.

Each element declares :class:`EvidenceQuery` rules: a frame table, a condition, an order and a
reason template. For every group, each rule's top messages are taken in SQL (a window over the
grouping keys); the element's ``raised`` and ``lowered`` lists then take the rules' messages in
turn (first of each rule, then second of each, ...), so a list shows the different reasons
rather than five copies of one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import pandas as pd

from brandcouch.metrics.portable import iso_utc
from brandcouch.store import Store

TEXT_CHARS = 280


@dataclass(frozen=True)
class EvidenceQuery:
    component: str
    direction: str  # "raised" or "lowered"
    reason: str  # str.format template over ``fields``
    table: str
    where: str
    order: str
    fields: tuple[str, ...] = ()
    dedupe: str | None = None  # one message per value of this column (e.g. a template key)


MAX_FIELDS = 2


def _rule_sql(i: int, q: EvidenceQuery, keys: tuple[str, ...], limit: int) -> str:
    k = ", ".join(keys)
    fields = [f"{f}::DOUBLE" for f in q.fields] + ["NULL::DOUBLE"] * (MAX_FIELDS - len(q.fields))
    rows = f"SELECT * FROM {q.table} WHERE ({q.where}) AND brand IS NOT NULL"
    if q.dedupe:  # one message per value (no SELECT * ... QUALIFY: its helper leaks on Spark)
        rows = (
            f"SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY {k}, {q.dedupe} "
            f"ORDER BY {q.order}, id) AS _dedupe FROM ({rows})) WHERE _dedupe = 1"
        )
    return f"""
        SELECT {k}, id, {i} AS rule, {", ".join(f"{f} AS f{j}" for j, f in enumerate(fields))},
               row_number() OVER (PARTITION BY {k} ORDER BY {q.order}, id) AS r
        FROM ({rows})
        QUALIFY r <= {limit}
    """


def _all_rule_rows(store: Store, rules, keys: tuple[str, ...], limit: int) -> pd.DataFrame:
    """Every rule's top messages per group, in one query (UNION ALL of the rules)."""
    sql = " UNION ALL ".join(f"({_rule_sql(i, q, keys, limit)})" for i, (_, q) in enumerate(rules))
    return store.df(sql + " ORDER BY rule, r")


def _reason(q: EvidenceQuery, row: dict) -> str:
    try:
        return q.reason.format(**{f: row[f"f{j}"] for j, f in enumerate(q.fields)})
    except (TypeError, ValueError, KeyError):
        return q.reason.split("{")[0].strip(" (")


def _details(store: Store, ids: list[str]) -> dict[str, dict]:
    if not ids:
        return {}
    rows = store.con.execute(
        f"""
        SELECT m.id, m.platform, coalesce(a.handle, a.display_name, m.author_id),
               left(m.text, {TEXT_CHARS}), {iso_utc("m.created_at")},
               m.permalink, coalesce(m.root_id, m.id)
        FROM (SELECT unnest(CAST(? AS VARCHAR[])) AS id) e
        JOIN messages m ON m.id = e.id LEFT JOIN accounts a ON a.id = m.author_id
        """,
        [ids],
    ).fetchall()
    keys = ("message_id", "platform", "author", "text", "created_at", "permalink", "thread_root")
    return {r[0]: dict(zip(keys, r, strict=True)) for r in rows}


def collect_evidence(
    store: Store, specs, keys: tuple[str, ...], limit: int
) -> dict[tuple, dict[str, dict[str, list[dict]]]]:
    """``{group key tuple: {element: {"raised": [...], "lowered": [...]}}}``."""
    # (group, element, direction) -> list of per-rule ranked lists
    ranked: dict[tuple, list[list[dict]]] = defaultdict(list)
    ids: set[str] = set()
    rules = [(spec.name, q) for spec in specs for q in spec.evidence]
    rows = _all_rule_rows(store, rules, keys, limit)
    per_rule: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows.to_dict("records"):
        per_rule[(tuple(row[c] for c in keys), int(row["rule"]))].append(row)
        ids.add(row["id"])
    for (group, i), items in sorted(per_rule.items(), key=lambda kv: kv[0][1]):
        element, q = rules[i]
        ranked[(group, element, q.direction)].append(
            [{"id": r["id"], "component": q.component, "reason": _reason(q, r)} for r in items]
        )
    details = _details(store, sorted(ids))
    out: dict[tuple, dict] = defaultdict(lambda: defaultdict(lambda: {"raised": [], "lowered": []}))
    for (group, element, direction), lists in ranked.items():
        chosen, seen = [], set()
        for i in range(limit):
            for items in lists:
                if i < len(items) and items[i]["id"] not in seen and len(chosen) < limit:
                    seen.add(items[i]["id"])
                    d = details.get(items[i]["id"])
                    if d:
                        chosen.append(
                            {**d, "component": items[i]["component"], "reason": items[i]["reason"]}
                        )
        out[group][element][direction] = chosen
    return out
