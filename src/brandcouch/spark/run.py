"""The analysis on Spark: :func:`analyse_parquet` runs the same sections as
:func:`brandcouch.api.analyse` over a Parquet export (``brandcouch export parquet``), the
SQL transpiled from the one DuckDB source (:mod:`brandcouch.analysis.engine`).

Texts the export has no current signal values for are scored on the executors with
``mapInArrow`` by the same signal functions (:func:`brandcouch.signals.pipeline.compute_unique`)
and written back beside the export as ``signal_values_spark.parquet`` (or into ``output``), so
the next run reads them instead of scoring again.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from brandcouch.analysis.engine import EngineStore
from brandcouch.spark.engine import SPARK_SIGNALS, SparkEngine, _join
from brandcouch.spark.session import get_session

_OUT_SCHEMA = "key STRING, signal STRING, version STRING, value DOUBLE, label STRING"


def _score_batches(batches: Iterator, pairs: bool) -> Iterator:
    """mapInArrow: (key, text[, parent_text], missing) batches → signal value rows."""
    import numpy as np
    import pyarrow as pa

    from brandcouch.signals import SIGNALS
    from brandcouch.signals.pipeline import compute_unique

    for batch in batches:
        d = batch.to_pydict()
        groups: dict[str, list[int]] = {}
        for i, m in enumerate(d["missing"]):
            groups.setdefault(m, []).append(i)
        for missing, idx in groups.items():
            names = missing.split(",")
            texts = [d["text"][i] or "" for i in idx]
            parents = [d["parent_text"][i] or "" for i in idx] if pairs else None
            cols = compute_unique(texts, names, parents)
            keys = [d["key"][i] for i in idx]
            for name in names:
                sig, col = SIGNALS[name], cols[name]
                n = len(keys)
                text_col = sig.kind == "str"
                yield pa.RecordBatch.from_pydict(
                    {
                        "key": keys,
                        "signal": [name] * n,
                        "version": [sig.version] * n,
                        "value": pa.nulls(n, pa.float64())
                        if text_col
                        else pa.array(np.asarray(col, dtype=np.float64)),
                        "label": pa.array([str(v) for v in col], pa.string())
                        if text_col
                        else pa.nulls(n, pa.string()),
                    },
                    schema=pa.schema(
                        [
                            ("key", pa.string()),
                            ("signal", pa.string()),
                            ("version", pa.string()),
                            ("value", pa.float64()),
                            ("label", pa.string()),
                        ]  # fmt: skip
                    ),
                )


def score_missing(engine: SparkEngine, runner, output: str) -> dict:
    """Score on Spark every text (and reply pair) lacking a current signal value; the values
    join the run's ``temp_signal_values`` and are written to ``output``. Returns counts."""
    from brandcouch.analysis import signals as S
    from brandcouch.analysis.steps import invalidate

    spark, store = engine.spark, runner.store
    parts, counts = [], {"texts": 0, "pairs": 0}
    for role in S.ROLES:
        table = f"todo_texts_{role}"
        runner.ensure(table)
        todo = spark.table(table)
        n = todo.count()
        if n:
            counts["texts"] += n
            parts.append(
                todo.select("key", "text", "missing").mapInArrow(
                    lambda it: _score_batches(it, False), _OUT_SCHEMA
                )
            )
    for sig in S._pair_signals():
        table = S._pair_step(sig)
        runner.ensure(table)
        todo = spark.table(table)
        n = todo.count()
        if n:
            counts["pairs"] += n
            from pyspark.sql import functions as F

            parts.append(
                todo.select(
                    "key", "text", "parent_text", F.lit(sig.name).alias("missing")
                ).mapInArrow(lambda it: _score_batches(it, True), _OUT_SCHEMA)
            )
    for table in [*(f"todo_texts_{r}" for r in S.ROLES), *S._PAIR_STEPS]:
        if spark.catalog.tableExists(table):
            engine.drop(table)
        invalidate(store, table)
    if not parts:
        return counts
    scored = parts[0]
    for p in parts[1:]:
        scored = scored.unionByName(p)
    scored = scored.localCheckpoint()
    scored.write.mode("append").parquet(_join(output, f"{SPARK_SIGNALS}.parquet"))
    old = spark.table("temp_signal_values")
    keep = old.join(scored.select("key", "signal"), ["key", "signal"], "left_anti")
    keep.unionByName(scored).localCheckpoint().createOrReplaceTempView("temp_signal_values")
    invalidate(store, "signal_values_all")
    return counts


def analyse_parquet(
    source: str,
    *,
    master: str | None = None,
    config=None,
    people: dict | None = None,
    output: str | None = None,
    spark=None,
    signals: bool = True,
    timings: dict | None = None,
):
    """Analyse the Parquet export at ``source`` on Spark: the typed
    :class:`~brandcouch.model.result.Analysis`, as :func:`brandcouch.api.analyse` gives for
    the store. ``spark`` reuses a session (else one for ``master``, default ``local[2]``);
    ``output`` receives the signal values computed here (default: ``source``). ``timings``
    (a dict) receives the seconds per phase: startup, signals, steps, queries, register,
    total."""
    from brandcouch import api
    from brandcouch.analysis.run import prepare
    from brandcouch.spark.export import read_manifest

    t0 = time.perf_counter()
    if "://" not in source and not source.startswith("dbfs:"):
        read_manifest(source)  # a local directory must be an export
    spark = spark if spark is not None else get_session(master)
    t1 = time.perf_counter()
    engine = SparkEngine(spark, source)
    store = EngineStore(engine, source)
    counts = {"texts": 0, "pairs": 0}
    if signals:
        runner = prepare(store, config, people=people, signals=False)
        counts = score_missing(engine, runner, output or source)
    t2 = time.perf_counter()
    result = api.analyse(store, signals=False, config=config, people=people)
    t3 = time.perf_counter()
    if timings is not None:
        timings.update(
            startup=t1 - t0,
            signals=t2 - t1,
            analysis=t3 - t2,
            total=t3 - t0,
            scored_texts=counts["texts"],
            scored_pairs=counts["pairs"],
            **{k: round(v, 3) for k, v in engine.times.items()},
        )
    return result
