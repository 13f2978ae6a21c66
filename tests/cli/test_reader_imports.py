"""A command that only reads a scored store loads no signal rules and no report template
engine (issue 15: a command on a 3-message store in <= 1.5 s, bench/bench_tiny.py): every
stored value is current, so the signals' names and versions (signals/declared.py) are all it
needs, and ``analyze`` without ``--html`` renders no HTML."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from brandcouch.cli.app import app, register_all
from brandcouch.signals.declared import SHIPPED
from tests.conftest import python_stdout

register_all()

EXPORT = (
    "id,author,text,created_at,brand,parent_id\n"
    "q1,ann,@acme is my order on its way? it is late,2026-01-05T10:00:00Z,,\n"
    "a1,acme,Sorry Ann! Please DM us your order number.,2026-01-05T10:20:00Z,Acme,q1\n"
    "q2,ann,@acme done! thanks,2026-01-05T10:40:00Z,,a1\n"
)
RULE_MODULES = sorted({f"brandcouch.signals.{row[1]}" for row in SHIPPED})
CHILD = """
import sys
from brandcouch.cli import main
sys.argv = ["brandcouch", *sys.argv[1:]]
try:
    main()
except SystemExit as e:
    assert not e.code, e.code
watch = set(WATCH.split(","))
loaded = sorted(m for m in sys.modules if m in watch or m.split(".")[0] in ("jinja2", "sklearn"))
print("LOADED", loaded)
"""


@pytest.fixture(scope="module")
def scored(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tiny")
    (tmp / "tiny.csv").write_text(EXPORT, "utf-8")
    db = tmp / "tiny.duckdb"
    r = CliRunner().invoke(app, ["import", "--db", str(db), str(tmp / "tiny.csv")])
    assert r.exit_code == 0, r.output
    return db


@pytest.mark.parametrize("command", [["analyze"], ["session"], ["brands"]], ids=lambda c: c[0])
def test_a_reader_on_a_scored_store_loads_no_signal_rules(scored, command):
    args = [*command, "--db", str(scored)]
    proc = subprocess.run(
        [sys.executable, "-c", CHILD.replace("WATCH", repr(",".join(RULE_MODULES))),
         *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "note:" not in proc.stderr  # nothing was scored for this run only
    last = proc.stdout.strip().splitlines()[-1]
    assert last == "LOADED []", last


def test_the_rules_load_when_a_signal_computes():
    code = (
        "import sys\n"
        "from brandcouch.signals import score_texts\n"
        "assert 'brandcouch.signals.acts' not in sys.modules\n"
        "frame = score_texts(['Please DM us your order number'])\n"
        "print(frame['act_private'].tolist(), 'brandcouch.signals.acts' in sys.modules)\n"
    )
    assert python_stdout(code) == "[1.0] True"
