"""The engine seam: the analysis steps and the metrics run on an *engine*, DuckDB (the store's
own connection, the default) or Apache Spark (:mod:`brandcouch.spark`), from ONE SQL source in
the DuckDB dialect.

Everything the analysis reads goes through a store-shaped object (``store.df(sql)``,
``store.scalar(sql)``, ``store.con.execute(sql).fetchall()``), and every step is built through
:meth:`DuckEngine.materialise`. On a :class:`~brandcouch.store.Store` nothing changes: the
statements run on its DuckDB connection exactly as before. :class:`EngineStore` gives the same
shape over any engine: on Spark each statement is transpiled at run time with sqlglot
(``read="duckdb", write="spark"``, :func:`to_spark`), the few Python-built tables are
registered from pandas (:meth:`register`) and the SQL macros are expanded in the statements
that call them (Spark has no macros). :func:`spark_problems` lists the constructs sqlglot
translates silently wrong (tests/analysis/test_spark_sql.py runs it over every statement of an
analysis).

Engine methods: ``execute(sql, params) -> pandas.DataFrame``, ``rows(sql, params) -> list of
tuples``, ``arrow(sql) -> pyarrow.Table``, ``materialise(name, sql, view)``,
``register(name, frame, schema, replace=True)``, ``macro(sql)``, ``append(name, arrow_table)``,
``drop(name)``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

#: (column, DuckDB type) of a table registered from Python
Schema = Sequence[tuple[str, str]]


def engine_of(store: Any) -> Any:
    """The engine behind ``store``: an :class:`EngineStore`'s own, else DuckDB on the store's
    connection."""
    eng = getattr(store, "engine", None)
    return eng if eng is not None else DuckEngine(store.con)


def is_engine_store(store: Any) -> bool:
    """True for an :class:`EngineStore` (the Python-built steps then register through it)."""
    return getattr(store, "engine", None) is not None


def _select_typed(source: str, schema: Schema) -> str:
    cols = ", ".join(f'"{c}"::{t} AS "{c}"' for c, t in schema)
    return f"SELECT {cols} FROM {source}"


class DuckEngine:
    """DuckDB: the statements run on ``con`` as written. ``record`` (a list) collects every
    statement the analysis sends, as ``(sql, params)`` (DuckDB dialect), for the transpile
    lint."""

    name = "duckdb"

    def __init__(self, con, record: list[str] | None = None):
        self.con = con
        self.record = record

    def _log(self, sql: str, params=None) -> None:
        if self.record is not None:
            self.record.append((sql, params))

    def execute(self, sql: str, params: list | None = None) -> pd.DataFrame:
        self._log(sql, params)
        return self.con.execute(sql, params or []).df()

    def rows(self, sql: str, params: list | None = None) -> list[tuple]:
        self._log(sql, params)
        return self.con.execute(sql, params or []).fetchall()

    def arrow(self, sql: str, params: list | None = None):
        self._log(sql, params)
        return self.con.execute(sql, params or []).to_arrow_table()

    def materialise(self, name: str, sql: str, view: bool = False) -> None:
        self._log(sql)
        kind = "VIEW" if view else "TABLE"
        self.con.execute(f"CREATE OR REPLACE TEMP {kind} {name} AS {sql}")

    def register(self, name: str, frame: pd.DataFrame, schema: Schema, replace: bool = True):
        if (
            not replace
            and self.con.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = ?", [name]
            ).fetchall()[0][0]
        ):
            return
        view = f"_bc_reg_{name}"
        self.con.register(view, frame[[c for c, _ in schema]] if len(schema) else frame)
        try:
            self.con.execute(
                f"CREATE OR REPLACE TEMP TABLE {name} AS {_select_typed(view, schema)}"
            )
        finally:
            self.con.unregister(view)

    def macro(self, sql: str) -> None:
        self.con.execute(sql)

    def append(self, name: str, table) -> None:
        view = f"_bc_app_{name}"
        self.con.register(view, table)
        try:
            self.con.execute(f"INSERT OR REPLACE INTO {name} SELECT * FROM {view}")
        finally:
            self.con.unregister(view)

    def drop(self, name: str) -> None:
        self.con.execute(f"DROP TABLE IF EXISTS {name}")


class _Result:
    def __init__(self, engine, sql: str, params: list | None):
        self._engine, self._sql, self._params = engine, sql, params

    def fetchall(self) -> list[tuple]:
        return self._engine.rows(self._sql, self._params)

    def fetchone(self):
        rows = self.fetchall()
        return rows[0] if rows else None

    def df(self) -> pd.DataFrame:
        return self._engine.execute(self._sql, self._params)

    fetchdf = df

    def to_arrow_table(self):
        return self._engine.arrow(self._sql, self._params)


class _Con:
    """The part of a DuckDB connection the analysis calls, over an engine."""

    def __init__(self, engine):
        self._engine = engine

    def execute(self, sql: str, params: list | None = None) -> _Result:
        return _Result(self._engine, sql, params)

    sql = execute


class EngineStore:
    """A read-only store over an engine: what the Runner, the metrics, the audience and the
    diagnosis call (``df``, ``scalar``, ``query``, ``con.execute(...).fetchall()``,
    ``counts``). ``path`` names the input (a Parquet directory or URI)."""

    read_only = True
    created = False

    def __init__(self, engine, path: str):
        self.engine = engine
        self.path = path
        self.con = _Con(engine)

    def query(self, sql: str, params: list | None = None) -> _Result:
        return self.con.execute(sql, params)

    def df(self, sql: str, params: list | None = None) -> pd.DataFrame:
        return self.engine.execute(sql, params)

    def scalar(self, sql: str, params: list | None = None):
        rows = self.engine.rows(sql, params)
        return rows[0][0] if rows else None

    def counts(self) -> dict[str, int]:
        return {
            t: int(self.scalar(f"SELECT count(*) FROM {t}"))
            for t in ("messages", "accounts", "brands", "imports")
        }

    def close(self) -> None:
        close = getattr(self.engine, "close", None)
        if close is not None:
            close()

    def __enter__(self) -> EngineStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# -- DuckDB SQL on Spark ----------------------------------------------------------------------


def parse_macro(sql: str) -> tuple[str, list[str], Any]:
    """``CREATE [OR REPLACE] TEMP MACRO name(a, b) AS expr`` → (name, params, expr AST)."""
    import sqlglot

    m = re.match(
        r"\s*CREATE\s+(?:OR\s+REPLACE\s+)?TEMP(?:ORARY)?\s+MACRO\s+(\w+)\s*\(([^)]*)\)\s+AS\s+(.*)$",
        sql,
        re.S | re.I,
    )
    if not m:
        raise ValueError(f"not a macro: {sql[:80]!r}")
    params = [p.strip() for p in m.group(2).split(",") if p.strip()]
    return m.group(1).lower(), params, sqlglot.parse_one(m.group(3), read="duckdb")


def _literal(value: Any):
    from sqlglot import exp

    if isinstance(value, list | tuple):
        return exp.Array(expressions=[_literal(v) for v in value])
    if value is None:
        return exp.Null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float):
        return exp.Literal.number(value)
    return exp.Literal.string(str(value))


def expand(tree, macros: dict, params: list | None = None):
    """Substitute ``?`` placeholders by literals and macro calls by their bodies."""
    from sqlglot import exp

    values = iter(params or []) if not isinstance(params, dict) else iter(())

    def fill(node):
        if isinstance(node, exp.Placeholder):
            if node.this and isinstance(params, dict):  # $name
                return _literal(params[str(node.this)])
            return _literal(next(values))
        return node

    if params:
        tree = tree.transform(fill)

    def call(node):
        if isinstance(node, exp.Anonymous) and str(node.this).lower() in macros:
            _, names, body = macros[str(node.this).lower()]
            args = dict(zip(names, node.expressions, strict=True))

            def sub(n):
                if isinstance(n, exp.Column) and not n.table and n.name in args:
                    return exp.paren(args[n.name].copy())
                return n

            return exp.paren(body.copy().transform(sub))
        return node

    return tree.transform(call) if macros else tree


def _spark_fixes(node):
    """What sqlglot writes that Spark does not read."""
    from sqlglot import exp

    if isinstance(node, exp.Literal) and not node.is_string and re.search(r"[.eE]", node.this):
        # 60.0 is a DECIMAL on both engines, but DuckDB divides into DOUBLE and Spark into a
        # DECIMAL of limited scale (305 / 60.0 = 5.083333): a DOUBLE literal on Spark
        return exp.Cast(this=node, to=exp.DataType.build("double"))
    if (
        isinstance(node, exp.WithinGroup)
        and isinstance(node.this, exp.PercentileCont)
        and isinstance(node.expression, exp.Order)
        and len(node.expression.expressions) == 1
    ):  # sqlglot writes percentile_approx: Spark's exact one is percentile(x, q)
        key = node.expression.expressions[0]
        if not key.args.get("desc"):
            return exp.Anonymous(this="percentile", expressions=[key.this, node.this.this])
    if isinstance(node, exp.ArrayOverlaps):  # list_has_any(a, b): sqlglot writes a && b
        return exp.Anonymous(this="arrays_overlap", expressions=[node.this, node.expression])
    if _is_call(node, "timezone") and len(node.expressions) == 2:
        # timezone(tz, timezone('UTC', ts)): the UTC wall time ts as wall time in tz
        tz, inner = node.expressions
        if _is_call(inner, "timezone") and len(inner.expressions) == 2:
            utc, ts = inner.expressions
            if isinstance(utc, exp.Literal) and utc.this.upper() == "UTC":
                return exp.Anonymous(this="from_utc_timestamp", expressions=[ts, tz])
    return node


def _is_call(node, name: str) -> bool:
    from sqlglot import exp

    return isinstance(node, exp.Anonymous) and str(node.this).lower() == name


def to_spark(sql: str, macros: dict | None = None, params: list | dict | None = None) -> str:
    """One DuckDB statement in Spark SQL (macros expanded, ``?`` / ``$name`` filled)."""
    import sqlglot

    tree = sqlglot.parse_one(sql, read="duckdb")
    tree = expand(tree, macros or {}, params).transform(_spark_fixes)
    return tree.sql(dialect="spark")


#: the constructs sqlglot translates wrong or differently without a warning (issue 16)
_BAD: tuple[tuple[str, Callable], ...] = ()


def spark_problems(sql: str) -> list[str]:
    """What in ``sql`` (DuckDB dialect) would not mean the same on Spark: an empty list when
    it transpiles faithfully and deterministically."""
    import sqlglot
    from sqlglot import exp

    out: list[str] = []
    text = re.sub(r"'(?:[^']|'')*'", "''", sql)  # ignore string literals' contents
    text = re.sub(r"--[^\n]*", "", text)
    if re.search(r"\blen\s*\(", text, re.I):
        out.append("len(): Spark's length() is for strings; write array_length(list)")
    if re.search(r"\*\s*REPLACE\s*\(", text, re.I):
        out.append("SELECT * REPLACE (...): write * EXCLUDE (col), expr AS col")
    if re.search(r"CREATE\s+OR\s+REPLACE\s+TEMP(ORARY)?\s+TABLE", text, re.I):
        out.append("CREATE OR REPLACE TEMP TABLE (Spark makes it a view without OR REPLACE)")
    tree = sqlglot.parse_one(sql, read="duckdb")
    for node in tree.walk():
        if isinstance(node, exp.ArrayAgg | exp.GroupConcat) and isinstance(node.this, exp.Order):
            out.append("ORDER BY inside list()/array_agg() (sqlglot drops it)")
        if isinstance(node, exp.ArgMin | exp.ArgMax) and not _tie_broken(node):
            out.append(f"{node.sql('duckdb')}: arg_min/arg_max without a tie-break key")
        if isinstance(node, exp.First | exp.Last | exp.AnyValue) and node.find(exp.Order):
            out.append("first/last(x ORDER BY ...): write arg_min(x, (key, id))")
        if isinstance(node, exp.Anonymous) and str(node.this).lower() in ("first", "last"):
            out.append("first()/last(): no defined row on Spark")
        if isinstance(node, exp.TimeToStr | exp.Anonymous) and (
            node.key == "timetostr" or str(node.this).lower() == "strftime"
        ):
            fmt = node.args.get("format") or (
                node.expressions[1] if len(node.expressions) > 1 else None
            )
            if isinstance(fmt, exp.Literal) and re.search(r"[A-Za-z](?<!%.)", _strip_pct(fmt)):
                out.append("strftime with literal letters: concatenate them")
        if isinstance(node, exp.DateDiff | exp.TimestampDiff) and not _truncated(node):
            out.append(
                "date_diff(unit, a, b) on untruncated timestamps: Spark counts elapsed units,"
                " DuckDB boundaries; write metrics.portable.seconds_between(a, b)"
            )
        if isinstance(node, exp.TimeToUnix):
            out.append("epoch(x): whole seconds on Spark; write metrics.portable.epoch_ms(x)")
        if isinstance(node, exp.Bracket) and not all(
            isinstance(e, exp.Literal | exp.Slice) for e in node.expressions
        ):
            out.append("list[expr]: sqlglot shifts literal indexes only (1-based vs 0-based)")
        if isinstance(node, exp.Anonymous) and str(node.this).lower() in _NOT_ON_SPARK:
            out.append(f"{node.this}(): no Spark equivalent")
        if isinstance(node, exp.Quantile | exp.PercentileCont | exp.PercentileDisc) and not (
            isinstance(node.parent, exp.WithinGroup)
        ):
            out.append("quantile_cont(x, q): write percentile_cont(q) WITHIN GROUP (ORDER BY x)")
        if isinstance(node, exp.Anonymous) and str(node.this).lower() in (
            "quantile_cont", "quantile", "quantile_disc",
        ):  # fmt: skip
            out.append("quantile/median: write percentile_cont(q) WITHIN GROUP (ORDER BY x)")
        if (
            isinstance(node, exp.Select)
            and node.args.get("qualify") is not None
            and any(
                isinstance(e, exp.Star)
                or (isinstance(e, exp.Column) and isinstance(e.this, exp.Star))
                for e in node.expressions
            )
        ):
            out.append("SELECT * with QUALIFY (a helper column leaks on Spark)")
    written = to_spark(sql)  # what sqlglot passes through that Spark has not
    for bad in _SPARK_LACKS:
        if re.search(bad, written, re.I):
            out.append(f"{bad!r} in the Spark SQL: Spark has no such function or operator")
    return out


#: what may remain in sqlglot's Spark SQL that Spark does not read (engine fixes aside)
_SPARK_LACKS = (
    r"\bTIMEZONE\(",
    r"\bPERCENTILE_APPROX\(",
    r"\bGENERATE_SUBSCRIPTS\(",
    r"\bLIST_\w+\(",
    r" && ",
)
#: DuckDB functions sqlglot passes through unchanged that Spark does not have
_NOT_ON_SPARK = frozenset({"generate_subscripts", "list_zip", "regexp_full_match"})


def _truncated(node) -> bool:
    """date_diff(unit, a, b) means the same on both engines when both sides are truncated to
    the unit (or are constants)."""
    from sqlglot import exp

    unit = str(node.args.get("unit") or "").strip("'\"").upper()

    def ok(side) -> bool:
        if isinstance(side, exp.Cast | exp.Literal) and not side.find(exp.Column):
            return True
        return isinstance(side, exp.TimestampTrunc | exp.DateTrunc) and (
            str(side.args.get("unit") or "").strip("'\"").upper() == unit
        )

    return ok(node.this) and ok(node.expression)


def _strip_pct(fmt) -> str:
    return re.sub(r"%.", "", str(fmt.this))


def _tie_broken(node) -> bool:
    """arg_min(x, key) is deterministic when the key is a struct/row of several values (the
    id as the last one), or the value itself is the key's tie-break (arg_min(id, (t, id)))."""
    from sqlglot import exp

    key = node.expression
    return (
        isinstance(key, exp.Tuple | exp.Struct)
        and len(key.expressions) >= 2
        or (
            isinstance(key, exp.Anonymous | exp.Func)
            and str(getattr(key, "this", "")).lower() in ("row", "struct_pack")
        )
    )
