"""``brandcouch compare``, ``audience`` and ``directory`` through the CLI (CliRunner)."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from brandcouch import api
from brandcouch.cli.app import app, register_all

register_all()
HEADER = "id,author,text,created_at,platform,parent_id,brand,author_handle\n"


def three_brands_csv(path) -> None:
    """Quick answers all 4 questions in 5 minutes; Slow answers 2 of 4 after 2 hours; Silent
    answers none; Tiny got a single question (too few to rank with --min-inbound 3)."""
    rows = []
    plan = {"Quick": (4, [5, 5, 5, 5]), "Slow": (4, [120, 120]), "Silent": (4, []), "Tiny": (1, [])}
    for b, (n, delays) in plan.items():
        rows.append(f"{b}-p,{b.lower()},Our news this week,2024-05-01T08:00:00Z,twitter,,{b},"
                    f"{b.lower()}")  # fmt: skip
        for i in range(n):
            rows.append(f"{b}-q{i},u{b}{i},Can you help me change my delivery address?,"
                        f"2024-05-01T1{i}:00:00Z,twitter,{b}-p,,user{b}{i}")  # fmt: skip
        for i, d in enumerate(delays):
            rows.append(
                f"{b}-r{i},{b.lower()},Sure: use the form on your order page,"
                f"2024-05-01T1{i}:{d % 60:02d}:00Z,twitter,{b}-q{i},{b},{b.lower()}"
            )
            if d >= 60:  # fix the hour for 2-hour delays
                rows[-1] = rows[-1].replace(f"T1{i}:00:00Z", f"T1{i + d // 60}:00:00Z")
    path.write_text(HEADER + "\n".join(rows) + "\n", "utf-8")


@pytest.fixture
def db(tmp_path):
    src = tmp_path / "three.csv"
    three_brands_csv(src)
    db = tmp_path / "three.duckdb"
    with api.open_store(db, create=True) as store:
        api.import_paths(store, [src])
    return db


def test_compare_prints_the_league_and_writes_json_and_csv(db, tmp_path):
    out, table = tmp_path / "bench.json", tmp_path / "bench.csv"
    r = CliRunner().invoke(
        app,
        ["compare", "--db", str(db), "--json", str(out), "--csv", str(table),
         "--min-inbound", "3", "--config", str(tmp_path / "none.toml")],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    assert "Quick" in r.output and "4/4" in r.output and "2/4" in r.output
    bench = json.loads(out.read_text("utf-8"))
    assert bench["min_inbound"] == 3
    assert [b["brand"] for b in bench["brands"]] == ["Quick", "Slow", "Silent", "Tiny"]
    quick, slow, silent, tiny = bench["brands"]
    assert quick["values"]["questions_answered_rate"] == 1
    assert quick["values"]["first_response_minutes_median"] == 5
    assert slow["values"]["first_response_minutes_median"] == 120
    assert (slow["values"]["questions_answered"], slow["values"]["questions_ignored"]) == (2, 2)
    assert [b["ranks"]["questions_answered_rate"] for b in (quick, slow, silent)] == [1, 2, 3]
    assert [b["percentiles"]["reply_rate_all"] for b in (quick, slow, silent)] == [100, 50, 0]
    assert tiny["ranked"] is False and tiny["league_rank"] is None
    rows = list(csv.DictReader(table.open(encoding="utf-8")))
    assert [row["brand"] for row in rows] == ["Quick", "Slow", "Silent", "Tiny"]
    assert rows[1]["first_response_minutes_median_rank"] == "2"


def test_audience_command_filters_and_writes_csv(db, tmp_path):
    out = tmp_path / "members.csv"
    r = CliRunner().invoke(app, ["audience", "--db", str(db), "--brand", "Slow",
                                 "--segment", "one_off", "--csv", str(out)])  # fmt: skip
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert len(rows) == 4 and {row["segment"] for row in rows} == {"one_off"}
    assert sorted(row["answered"] for row in rows) == ["0", "0", "1", "1"]


def test_audience_command_rejects_an_unknown_segment(db):
    r = CliRunner().invoke(app, ["audience", "--db", str(db), "--segment", "fans"])
    assert r.exit_code == 1
    assert "unknown segment 'fans'" in r.output


def test_directory_command(db, tmp_path):
    out = tmp_path / "dir.json"
    r = CliRunner().invoke(app, ["directory", "--db", str(db), "--json", str(out)])
    assert r.exit_code == 0, r.output
    entries = {e["brand"]: e for e in json.loads(out.read_text("utf-8"))}
    assert entries["Silent"]["answered"] == 0
    assert "Quick" in r.output
