"""The Spark engine behind :class:`brandcouch.analysis.engine.EngineStore`: the steps'
and metrics' DuckDB SQL, transpiled by sqlglot, run on a SparkSession over the Parquet export
(:mod:`brandcouch.spark.export`). Steps are materialised as temp views of locally checkpointed
DataFrames; results come back through Arrow and DuckDB's own conversion, so the metrics see
the same Python and pandas types on both engines."""

from __future__ import annotations

import time
from collections import defaultdict
from contextlib import contextmanager

import pandas as pd

from brandcouch.analysis.engine import parse_macro, to_spark
from brandcouch.spark.export import TABLES

#: DuckDB type names of registered tables → Spark DDL
_TYPES = {"VARCHAR": "STRING", "INTEGER": "INT", "BIGINT": "BIGINT", "DOUBLE": "DOUBLE",
          "BOOLEAN": "BOOLEAN", "TIMESTAMP": "TIMESTAMP_NTZ"}  # fmt: skip
#: signal values computed on Spark for texts the export had not scored
SPARK_SIGNALS = "signal_values_spark"


def _join(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/{name}"


class SparkEngine:
    """Runs DuckDB-dialect SQL on ``spark`` over the tables of the export at ``source`` (a
    local directory or a URI Spark reads: ``hdfs://``, ``s3a://``, ``dbfs:/``)."""

    name = "spark"

    def __init__(self, spark, source: str):
        self.spark = spark
        self.source = source
        self.macros: dict = {}
        #: seconds spent per kind of work (``steps``, ``queries``, ``register``)
        self.times: dict[str, float] = defaultdict(float)
        #: the Spark SQL of every statement run (for debugging and the docs)
        self.sent: list[str] = []
        spark.catalog.dropTempView("temp_signal_values")  # a session's earlier run's values
        for table in TABLES:
            spark.read.parquet(_join(source, f"{table}.parquet")).createOrReplaceTempView(table)
        self._add_spark_signals()

    def _add_spark_signals(self) -> None:
        """Values computed by an earlier Spark run (``signal_values_spark.parquet``) join the
        export's: the newest (key, signal) wins."""
        path = _join(self.source, f"{SPARK_SIGNALS}.parquet")
        if not _exists(self.spark, path):
            return
        extra = self.spark.read.parquet(path)
        extra.createOrReplaceTempView("_bc_spark_signals")
        self.spark.sql(
            "SELECT * FROM signal_values v LEFT ANTI JOIN _bc_spark_signals s "
            "ON s.key = v.key AND s.signal = v.signal "
            "UNION ALL SELECT key, signal, version, value, label "
            "FROM _bc_spark_signals"
        ).localCheckpoint().createOrReplaceTempView("signal_values")

    @contextmanager
    def _timed(self, kind: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.times[kind] += time.perf_counter() - t

    def _df(self, sql: str, params=None):
        text = to_spark(sql, self.macros, params)
        self.sent.append(text)
        return self.spark.sql(text)

    def _arrow(self, sdf):
        """A Spark DataFrame as Arrow: decimals as DOUBLE (DuckDB divides into DOUBLE),
        session-time-zone timestamps as plain timestamps (the store's are UTC wall times)."""
        from pyspark.sql import functions as F
        from pyspark.sql import types as T

        names, seen = [], {}
        for f in sdf.schema.fields:  # duplicate names (SELECT a.kind, b.kind): kind, kind_1
            n = seen.get(f.name.lower(), 0)
            seen[f.name.lower()] = n + 1
            names.append(f.name if n == 0 else f"{f.name}_{n}")
        if len(set(names)) != len(sdf.columns) or names != sdf.columns:
            sdf = sdf.toDF(*names)
        cols = []
        for f in sdf.schema.fields:
            c = F.col(f"`{f.name}`")
            if isinstance(f.dataType, T.DecimalType):
                c = c.cast("double")
            elif isinstance(f.dataType, T.TimestampType):
                c = c.cast("timestamp_ntz")
            cols.append(c.alias(f.name))
        return sdf.select(*cols).toArrow() if cols else sdf.toArrow()

    def _duck(self, sql: str, params=None):
        import duckdb

        table = self._arrow(self._df(sql, params))
        return duckdb.from_arrow(table)

    def execute(self, sql: str, params=None) -> pd.DataFrame:
        with self._timed("queries"):
            return self._duck(sql, params).df()

    def rows(self, sql: str, params=None) -> list[tuple]:
        with self._timed("queries"):
            return self._duck(sql, params).fetchall()

    def arrow(self, sql: str, params=None):
        with self._timed("queries"):
            return self._arrow(self._df(sql, params))

    def materialise(self, name: str, sql: str, view: bool = False) -> None:
        with self._timed("steps"):
            sdf = self._df(sql)
            if not view:
                sdf = sdf.localCheckpoint()
            sdf.createOrReplaceTempView(name)

    def register(self, name: str, frame: pd.DataFrame, schema, replace: bool = True) -> None:
        if not replace and self.spark.catalog.tableExists(name):
            return
        with self._timed("register"):
            ddl = ", ".join(f"`{c}` {_TYPES[t]}" for c, t in schema)
            cols = [c for c, _ in schema]
            records = [
                tuple(None if _missing(v) else v for v in row)
                for row in frame[cols].itertuples(index=False, name=None)
            ]
            self.spark.createDataFrame(records, schema=ddl).createOrReplaceTempView(name)

    def macro(self, sql: str) -> None:
        name, params, body = parse_macro(sql)
        self.macros[name] = (name, params, body)

    def append(self, name: str, table) -> None:
        """INSERT OR REPLACE of ``table`` (Arrow) into the temp table ``name`` (by key,
        signal: temp_signal_values)."""
        with self._timed("register"):
            old = self.spark.table(name)
            new = self.spark.createDataFrame(table.to_pandas(), schema=old.schema)
            keep = old.join(new.select("key", "signal"), ["key", "signal"], "left_anti")
            keep.unionByName(new).localCheckpoint().createOrReplaceTempView(name)

    def drop(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)


def _exists(spark, path: str) -> bool:
    """Whether ``path`` exists, through Hadoop's file system API (local, HDFS, S3 ...)."""
    try:
        jvm = spark.sparkContext._jvm
        p = jvm.org.apache.hadoop.fs.Path(path)
        return bool(p.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration()).exists(p))
    except Exception:  # no JVM access (Spark Connect): try to read it
        try:
            spark.read.parquet(path).schema  # noqa: B018
            return True
        except Exception:
            return False


def _missing(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
