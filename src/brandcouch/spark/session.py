"""The SparkSession brandcouch runs on: ``local[2]`` by default (a laptop), or the master given
(``spark://host:7077``, ``yarn``, ``k8s://...``; under ``spark-submit`` the session it made).

Settings that make results the same as DuckDB's and keep a local run off the network: UTC
session time zone, ANSI mode off (division by zero is NULL, as in DuckDB), no web UI, the
driver bound to 127.0.0.1 for a local master, a small number of shuffle partitions, and the
workers running this Python (``PYSPARK_PYTHON``) so that they import the same brandcouch.
"""

from __future__ import annotations

import os
import sys

from brandcouch.errors import BrandcouchError


class SparkUnavailableError(BrandcouchError):
    """PySpark or Java is missing."""


#: the settings every brandcouch session gets (a cluster's own settings may add to them)
CONF = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.ansi.enabled": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
    "spark.sql.parquet.inferTimestampNTZ.enabled": "true",
    "spark.sql.caseSensitive": "false",
    # reply chains and trees are climbed by recursive CTEs (DuckDB has no such limits)
    "spark.sql.cteRecursionLevelLimit": "1100",
    "spark.sql.cteRecursionRowLimit": "-1",
}
LOCAL_CONF = {"spark.driver.host": "127.0.0.1", "spark.driver.bindAddress": "127.0.0.1"}


def spark_missing() -> str | None:
    """Why Spark cannot run here (None when it can): the ``spark`` extra or Java missing."""
    import shutil

    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "PySpark is not installed: pip install 'brandcouch[spark]'"
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        return "Java (17 or later) is not installed or not on PATH: Spark needs it"
    return None


def get_session(master: str | None = None, app: str = "brandcouch"):
    """A SparkSession for ``master`` (default: the active session under spark-submit, else
    ``local[2]``)."""
    why = spark_missing()
    if why:
        raise SparkUnavailableError(why)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        # the settings results depend on are SQL settings a running session takes; the others
        # (the web UI, ...) are fixed when its context started and are left as they are
        for k, v in CONF.items():
            if active.conf.isModifiable(k):
                active.conf.set(k, v)
        return active
    url = master or "local[2]"
    builder = SparkSession.builder.master(url).appName(app)
    for k, v in {**CONF, **(LOCAL_CONF if url.startswith("local") else {})}.items():
        builder = builder.config(k, v)
    try:
        session = builder.getOrCreate()
    except Exception as e:  # a JVM that does not start: one line
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise SparkUnavailableError(f"Spark did not start on {url}: {first}") from None
    if url.startswith("local"):  # a laptop: no performance advice on every window
        session.sparkContext.setLogLevel("ERROR")
    return session
