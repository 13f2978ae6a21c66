"""`make demo` runs `brandcouch demo`: at 80 columns and piped into a file (no terminal: Rich
assumes 80 columns) its summary shows every brand name whole (issue 14). The demo is
generated at a tenth of its size so the test stays short; the table is the same code."""

from __future__ import annotations

import subprocess
import sys


def test_demo_piped_at_80_columns_shows_every_brand(tmp_path):
    code = (
        "import functools, sys\n"
        "from brandcouch import api\n"
        "api.generate_demo = functools.partial(api.generate_demo, scale=0.1)\n"
        "from brandcouch.cli.app import main\n"
        f"sys.argv = ['brandcouch', 'demo', '--out', {str(tmp_path / 'out')!r}]\n"
        "main()\n"
    )
    env = {"PATH": "/usr/bin:/bin", "TERM": "dumb"}  # no COLUMNS: a pipe is 80 wide
    import os

    env.update({k: v for k, v in os.environ.items() if k.startswith(("BRANDCOUCH_", "PYTHON"))})
    env.pop("COLUMNS", None)
    with (tmp_path / "demo.txt").open("w") as piped:
        done = subprocess.run([sys.executable, "-c", code], stdout=piped, stderr=subprocess.STDOUT,
                              env=env, timeout=600, check=False)  # fmt: skip
    text = (tmp_path / "demo.txt").read_text(encoding="utf-8")
    assert done.returncode == 0, text
    lines = text.splitlines()
    assert max(len(x) for x in lines) <= 80, max(lines, key=len)
    for name in ("MegaMart Deals", "Nimbus Telecom", "Harbor Coffee"):
        assert any(line.startswith(f"│ {name} ") for line in lines), (name, text)
