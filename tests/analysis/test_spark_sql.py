"""The analysis SQL is one source in the DuckDB dialect, transpiled for Spark at run time
(brandcouch.analysis.engine): every statement an analysis sends must transpile, and none may
use a construct sqlglot translates silently wrong (issue 16). Needs only sqlglot (no Spark)."""

from __future__ import annotations

import pytest

from brandcouch import api
from brandcouch.analysis.engine import (
    DuckEngine,
    EngineStore,
    parse_macro,
    spark_problems,
    to_spark,
)
from brandcouch.analysis.steps import IN_SCOPE
from brandcouch.metrics.predicates import MACROS
from brandcouch.settings import Config
from tests.spark.compare import count_numbers, differences, last_place_flips

pytest.importorskip("sqlglot", reason="sqlglot is in the dev extra: pip install -e '.[dev]'")


def _macros() -> dict:
    return {m[0]: m for m in (parse_macro(sql) for sql in (*MACROS, IN_SCOPE))}


def _recorded(store, sections=None, **kw) -> tuple[list, dict]:
    """Every statement one analysis sends through the engine seam (the statements Spark would
    receive), and the result."""
    record: list = []
    seam = EngineStore(DuckEngine(store.con, record), store.path)
    if sections is not None:
        return record, api.analyse_sections(seam, sections, **kw)
    return record, api.analyse(seam, **kw).to_json()


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    store = api.open_store(tmp_path_factory.mktemp("lint") / "demo.duckdb", create=True)
    api.generate_demo(store, scale=0.1)
    api.run_signals(store)
    yield store
    store.close()


@pytest.fixture(scope="module")
def statements(demo_store) -> list:
    people = {"Sam Lee": ["twitter:sam", "mastodon:sam@example.social"]}
    full, _ = _recorded(demo_store, people=people)
    # one brand's session: in_scope(brand)
    one, _ = _recorded(
        demo_store, ("brands", "diagnosis"), brands=["Nimbus Telecom"], config=Config()
    )
    return full + one


def test_every_statement_transpiles_without_a_known_trap(statements):
    macros = _macros()
    seen: dict[str, list] = {}
    for sql, params in statements:
        if sql in seen:
            continue
        seen[sql] = spark_problems(sql)
        to_spark(sql, macros, params)  # parses and writes Spark SQL
    assert len(seen) > 90  # the steps, the metrics, the audience and the diagnosis
    bad = {" ".join(sql.split())[:160]: p for sql, p in seen.items() if p}
    assert bad == {}


def test_the_engine_seam_on_duckdb_gives_the_same_result(demo_store):
    plain = api.analyse(demo_store).to_json()
    _, seam = _recorded(demo_store)
    for r in (plain, seam):
        r.pop("generated_at")
    assert differences(plain, seam) == []
    # the seam rebuilds the same tables (rows in another order): a mean on an exact rounding
    # boundary may round the other way, on DuckDB alone too
    assert len(last_place_flips(plain, seam)) <= 0.002 * count_numbers(plain)


def test_macros_are_expanded_and_parameters_filled():
    sql = "SELECT id FROM inb WHERE needs_reply(i.question, i.complaint) AND brand = ?"
    out = to_spark(sql, _macros(), ["Acme"])
    assert "needs_reply" not in out.lower()
    assert (
        "COALESCE(((i.question) >= CAST(0.5 AS DOUBLE) OR (i.complaint) >= CAST(0.5 AS DOUBLE))"
        in out
    )
    assert out.endswith("brand = 'Acme'")
    named = to_spark("SELECT * FROM t WHERE r.brand = $brand", {}, {"brand": "O'Neil"})
    assert named.endswith("r.brand = 'O\\'Neil'")  # Spark escapes with a backslash


@pytest.mark.parametrize(
    ("sql", "problem"),
    [
        ("SELECT list(id ORDER BY t) FROM m GROUP BY a", "ORDER BY inside list()"),
        ("SELECT array_agg(id ORDER BY t) FROM m GROUP BY a", "ORDER BY inside list()"),
        ("CREATE OR REPLACE TEMP TABLE x AS SELECT 1", "CREATE OR REPLACE TEMP TABLE"),
        ("SELECT * FROM m QUALIFY row_number() OVER (ORDER BY t) = 1", "SELECT * with QUALIFY"),
        ("SELECT arg_min(id, created_at) FROM m", "without a tie-break"),
        ("SELECT arg_max(id, created_at) FROM m", "without a tie-break"),
        ("SELECT first(id ORDER BY created_at) FROM m", "first/last"),
        ("SELECT strftime(t, '%Y-%m-%dT%H:%M:%SZ') FROM m", "strftime with literal"),
        ("SELECT date_diff('second', a, b) FROM m", "date_diff"),
        ("SELECT date_diff('day', a, b) FROM m", "date_diff"),
        ("SELECT quantile_cont(x, 0.9) FROM m", "percentile_cont"),
        ("SELECT epoch(created_at) FROM m", "epoch"),
        ("SELECT len(platforms) FROM m", "array_length"),
        ("SELECT t.* REPLACE (1 AS id) FROM t", "REPLACE"),
        ("SELECT path[k] FROM m", "literal indexes"),
        ("SELECT generate_subscripts(path, 1) FROM m", "no Spark equivalent"),
        ("SELECT timezone('Europe/Paris', created_at) FROM m", "TIMEZONE"),
    ],
)
def test_the_lint_catches_each_known_trap(sql, problem):
    found = spark_problems(sql)
    assert any(problem in p for p in found), found


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT arg_min(id, (created_at, id)) FROM m",
        "SELECT date_diff('second', date_trunc('second', a), date_trunc('second', b)) FROM m",
        "SELECT strftime(t, '%Y-%m-%d') || 'T' || strftime(t, '%H:%M:%S') || 'Z' FROM m",
        "SELECT percentile_cont(0.9) WITHIN GROUP (ORDER BY x) FROM m",
        "SELECT median(x), array_length(l), path[1] FROM m",
        "SELECT timezone('Europe/Paris', timezone('UTC', created_at)) FROM m",
        "SELECT list_has_any(a, b) FROM m",
        "SELECT a, row_number() OVER (ORDER BY t) AS r FROM m QUALIFY r = 1",
        "SELECT 'len(x) and strftime(%Y T)' AS note",  # string literals are not code
    ],
)
def test_the_portable_spellings_pass(sql):
    assert spark_problems(sql) == []
