"""SQL spellings that mean the same on DuckDB and on Spark (the analysis runs on both from one
SQL source: :mod:`brandcouch.analysis.engine`; tests/analysis/test_spark_sql.py lints every
statement). Each returns a DuckDB expression whose value DuckDB computes exactly as the
shorter spelling it replaces.

- ``date_diff('second', a, b)`` counts second *boundaries* on DuckDB but whole elapsed seconds
  on Spark (they differ on millisecond timestamps: Bluesky, Mastodon): both engines agree once
  both sides are truncated to the second, which is what DuckDB counts anyway.
- ``epoch(x)`` becomes ``unix_timestamp`` on Spark (whole seconds): milliseconds since 1970
  are counted the same way on both.
- ``strftime`` with literal letters (``T``, ``Z``) is mistranslated into a Spark pattern:
  concatenate the letters.
"""

from __future__ import annotations


def seconds_between(a: str, b: str) -> str:
    """Seconds from ``a`` to ``b`` as DuckDB's ``date_diff('second', a, b)`` counts them."""
    return f"date_diff('second', date_trunc('second', {a}), date_trunc('second', {b}))"


def epoch_ms(x: str) -> str:
    """Milliseconds from 1970-01-01 (UTC) to the timestamp ``x``."""
    return f"date_diff('millisecond', TIMESTAMP '1970-01-01', date_trunc('millisecond', {x}))"


def iso_utc(x: str) -> str:
    """``x`` as ``YYYY-MM-DDTHH:MM:SSZ`` (what ``strftime(x, '%Y-%m-%dT%H:%M:%SZ')`` writes)."""
    return f"(strftime({x}, '%Y-%m-%d') || 'T' || strftime({x}, '%H:%M:%S') || 'Z')"
