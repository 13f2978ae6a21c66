"""Docs that tests check: every command, setting, format and signal is documented."""

from __future__ import annotations

import re
from pathlib import Path

from brandcouch.cli.app import app, register_all
from brandcouch.importers import importers
from brandcouch.settings import SETTINGS
from brandcouch.signals import SIGNALS

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"


def read(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def test_every_setting_is_in_the_settings_page():
    text = read("settings.md")
    missing = [s.name for s in SETTINGS if f"`{s.name}`" not in text]
    assert not missing, f"docs/settings.md lacks {missing}"


def test_every_command_is_in_the_cli_page_and_the_readme_shows_both_make_targets():
    register_all()
    text = read("cli.md")
    names = [c.name for c in app.registered_commands if not c.hidden]
    missing = [n for n in names if f"brandcouch {n}" not in text]
    assert not missing, f"docs/cli.md lacks {missing}"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make demo" in readme and "make test" in readme


def test_every_format_is_in_the_formats_page():
    text = read("formats.md")
    missing = [name for name in importers() if f"`{name}`" not in text]
    assert not missing, f"docs/formats.md lacks {missing}"


def test_every_signal_is_in_the_signals_page():
    text = read("signals.md")
    missing = [name for name in SIGNALS if not re.search(rf"`{name}`|\b{name}\b", text)]
    assert not missing, f"docs/signals.md lacks {missing}"
