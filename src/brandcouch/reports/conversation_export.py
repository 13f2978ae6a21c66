"""Conversations as a first-class output (``brandcouch conversations``, docs/output.md,
"Conversations"): per (brand, conversation) and per customer turn, read from the analysis step
``turns`` (:mod:`brandcouch.analysis.turns`) with SQL, and written as CSV (through the
neutralising writer of :mod:`brandcouch.reports.csv_export`) or JSON
(docs/conversations.schema.json).

A contract other tools read; the columns, their order and their formats are fixed:

``CONVERSATION_COLUMNS``  one row per (brand, conversation) with at least one customer turn
                          for that brand, by brand then the conversation's first message time
``TURN_COLUMNS``          one row per customer turn, in the same order, then conversation order

``answered_turns``, ``unanswered_turns`` and ``outside_data_turns`` count the turns that need a
reply, so ``needs_reply_turns = answered + unanswered + outside_data``; ``customer_turns``
counts every turn. A conversation's ``first_response_minutes`` is that of its first answered
turn needing a reply (conversation order); ``complaint`` is true when any turn complains.
Minutes have one decimal; a value that does not apply is empty (``None``/``null``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from brandcouch.errors import ConfigError
from brandcouch.reports.csv_export import write_rows
from brandcouch.settings import Config
from brandcouch.store import Store

CONVERSATION_COLUMNS = (
    "brand", "thread_id", "customer_turns", "needs_reply_turns", "answered_turns",
    "unanswered_turns", "outside_data_turns", "first_response_minutes", "complaint",
    "owned", "deflected_only", "personal", "outcome",
)  # fmt: skip
TURN_COLUMNS = (
    "brand", "thread_id", "turn_id", "message_ids", "needs_reply", "answered",
    "answered_outside_data", "first_response_minutes", "complaint",
)  # fmt: skip
BOOLEAN_COLUMNS = frozenset(
    {"complaint", "needs_reply", "answered", "answered_outside_data", "owned", "deflected_only",
     "personal"}
)  # fmt: skip
SUMMARY_COLUMNS = (
    "brand", "conversations", "customer_turns", "needs_reply_turns", "answered_turns",
    "unanswered_turns", "outside_data_turns", "median_first_response_minutes",
)  # fmt: skip

#: the turns of the brands asked for, each with its conversation's first message time and its
#: place in conversation order (by time where the conversation is timed, else the reply tree)
_ORDERED_TURNS = """
WITH conv_start AS (
    SELECT coalesce(root_id, id) AS thread_id, min(created_at) AS started_at
    FROM messages GROUP BY 1
)
SELECT t.*, cs.started_at,
       row_number() OVER (
           PARTITION BY t.brand, t.thread_id
           ORDER BY CASE WHEN t.timed THEN t.first_at END NULLS LAST,
                    CASE WHEN t.timed THEN mt.depth END,
                    CASE WHEN NOT t.timed THEN mt.path END,
                    t.turn_id) AS conv_pos
FROM turns t
LEFT JOIN msg_tree mt ON mt.id = t.turn_id
LEFT JOIN conv_start cs ON cs.thread_id = t.thread_id
WHERE t.brand IN (SELECT unnest(?::VARCHAR[]))
  AND (?::VARCHAR IS NULL OR t.thread_id = ?::VARCHAR)
"""

TURNS_SQL = f"""
SELECT brand, thread_id, turn_id, message_ids, needs_reply, answered,
       answered_outside_data AND NOT answered AS answered_outside_data,
       CASE WHEN answered THEN round(first_response_minutes, 1) END AS first_response_minutes,
       complaint
FROM ({_ORDERED_TURNS}) o
ORDER BY brand, started_at NULLS LAST, thread_id, conv_pos
"""

CONVERSATIONS_SQL = f"""
WITH o AS ({_ORDERED_TURNS}), v AS (
    SELECT *,
           needs_reply AND answered AS a,
           needs_reply AND NOT answered AND answered_outside_data AS x,
           needs_reply AND NOT answered AND NOT answered_outside_data AS u
    FROM o
), c AS (
SELECT brand, thread_id, any_value(started_at) AS started_at,
       count(*) AS customer_turns,
       count(*) FILTER (WHERE needs_reply) AS needs_reply_turns,
       count(*) FILTER (WHERE a) AS answered_turns,
       count(*) FILTER (WHERE u) AS unanswered_turns,
       count(*) FILTER (WHERE x) AS outside_data_turns,
       round(arg_min(first_response_minutes, conv_pos) FILTER (WHERE a), 1)
         AS first_response_minutes,
       bool_or(complaint) AS complaint
FROM v
GROUP BY brand, thread_id
), j AS (
    SELECT brand, thread_id,
           bool_or(complaint AND NOT outside_data) AS judged,
           bool_or(owned) AS owned,
           bool_or(deflected_only) AS deflected_only,
           bool_or(n_replies > 0) AS replied,
           bool_or(personal) AS personal,
           arg_min(outcome, (NOT complaint, first_at, customer_id)) AS outcome
    FROM conv_judgements GROUP BY brand, thread_id
)
SELECT c.* EXCLUDE (started_at),
       CASE WHEN j.judged THEN j.owned END AS owned,
       CASE WHEN j.judged AND j.replied THEN j.deflected_only AND NOT j.owned END
         AS deflected_only,
       CASE WHEN j.replied THEN j.personal END AS personal,
       coalesce(j.outcome, 'unknown') AS outcome
FROM c LEFT JOIN j ON j.brand = c.brand AND j.thread_id = c.thread_id
ORDER BY c.brand, c.started_at NULLS LAST, c.thread_id
"""


def _prepare(store: Store, config: Config | None, signals: bool):
    from brandcouch.analysis.run import prepare

    runner = prepare(store, config, signals=signals)
    runner.ensure("turns", "msg_tree", "brand_names", "conv_judgements")
    return runner


def brand_names(store: Store, brands: Iterable[str] | None) -> list[str]:
    """The store's brand names (the configuration's included) that ``brands`` names, matched
    case-insensitively; every brand when ``brands`` is None. An unknown name is an error that
    lists the brands."""
    every = sorted(r[0] for r in store.con.execute("SELECT name FROM brand_names").fetchall())
    if brands is None:
        return every
    wanted = list(dict.fromkeys(brands))
    by_lower = {n.lower(): n for n in every}
    unknown = [b for b in wanted if b.lower() not in by_lower]
    if unknown:
        names = ", ".join(every[:20]) or "none"
        raise ConfigError(f"no brand named {', '.join(map(repr, unknown))}; brands: {names}")
    return sorted({by_lower[b.lower()] for b in wanted})


def _frame(
    store: Store, sql: str, names: list[str], columns: tuple[str, ...], thread: str | None = None
) -> pd.DataFrame:
    df = store.con.execute(sql, [names, thread, thread]).df()
    df = df[list(columns)]
    for c in df.columns:
        if c.endswith("_turns") or c == "conversations":
            df[c] = df[c].astype("int64")
    if "message_ids" in df.columns:
        df["message_ids"] = df["message_ids"].map(list)
    return df.reset_index(drop=True)


def conversation_frames(
    store: Store,
    brands: Iterable[str] | None = None,
    config: Config | None = None,
    *,
    signals: bool = True,
    thread: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(conversations, turns)``: the two tables of the contract as data frames (columns
    :data:`CONVERSATION_COLUMNS` and :data:`TURN_COLUMNS`; minutes rounded to one decimal,
    NaN where they do not apply; ``message_ids`` a list of ids). With ``thread`` (a root id),
    only that conversation, read from the steps already built on the connection (a drill-down
    after a run, like the dashboard's thread page: nothing is reset or rescored)."""
    if thread is None:
        _prepare(store, config, signals)
    else:
        from brandcouch.analysis.steps import Runner

        Runner(store, config).ensure("turns", "msg_tree", "brand_names", "conv_judgements")
    names = brand_names(store, brands)
    conv = _frame(store, CONVERSATIONS_SQL, names, CONVERSATION_COLUMNS, thread)
    turns = _frame(store, TURNS_SQL, names, TURN_COLUMNS, thread)
    return conv, turns


def summary_frame(conversations: pd.DataFrame, turns: pd.DataFrame) -> pd.DataFrame:
    """Per brand (:data:`SUMMARY_COLUMNS`): conversations, customer turns, turns needing a
    reply and of those answered, unanswered and answered outside the data, and the median
    first response of the answered ones, from the two exported tables (a reader of the files
    gets the same numbers; the median is of the one-decimal minutes)."""
    counts = conversations.groupby("brand", sort=True).agg(
        conversations=("thread_id", "size"),
        customer_turns=("customer_turns", "sum"),
        needs_reply_turns=("needs_reply_turns", "sum"),
        answered_turns=("answered_turns", "sum"),
        unanswered_turns=("unanswered_turns", "sum"),
        outside_data_turns=("outside_data_turns", "sum"),
    )
    answered = turns[turns["needs_reply"] & turns["answered"]]
    median = answered.groupby("brand")["first_response_minutes"].median().round(1)
    out = counts.join(median.rename("median_first_response_minutes")).reset_index()
    return out[list(SUMMARY_COLUMNS)]


# -- formats ---------------------------------------------------------------------------------


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and v != v) or v is pd.NA


def csv_value(column: str, v):
    """One cell: booleans ``true``/``false``, minutes with one decimal, ids space-separated,
    empty where a value does not apply."""
    if _missing(v):
        return None
    if column in BOOLEAN_COLUMNS:
        return "true" if bool(v) else "false"
    if column.endswith("_minutes"):
        return f"{float(v):.1f}"
    if column == "message_ids":
        return " ".join(v)
    if column.endswith("_turns") or column == "conversations":
        return int(v)
    return v


def json_value(column: str, v):
    if _missing(v):
        return None
    if column in BOOLEAN_COLUMNS:
        return bool(v)
    if column.endswith("_minutes"):
        return round(float(v), 1)
    if column == "message_ids":
        return [str(i) for i in v]
    if column.endswith("_turns") or column == "conversations":
        return int(v)
    return str(v)


def _rows(df: pd.DataFrame, fmt) -> list[list]:
    cols = list(df.columns)
    return [
        [fmt(c, v) for c, v in zip(cols, row, strict=True)] for row in df.itertuples(index=False)
    ]


def write_table_csv(path: str | Path, df: pd.DataFrame) -> Path:
    """``--csv`` / ``--turns``: the frame's columns in order, cells as :func:`csv_value`."""
    return write_rows(path, list(df.columns), _rows(df, csv_value))


def records(df: pd.DataFrame) -> list[dict]:
    cols = list(df.columns)
    return [dict(zip(cols, r, strict=True)) for r in _rows(df, json_value)]


def to_json(conversations: pd.DataFrame, turns: pd.DataFrame) -> dict:
    """``{"conversations": [...], "turns": [...]}`` (docs/conversations.schema.json)."""
    return {"conversations": records(conversations), "turns": records(turns)}


def write_json(path: str | Path, conversations: pd.DataFrame, turns: pd.DataFrame) -> Path:
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(
        json.dumps(to_json(conversations, turns), ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    return p
