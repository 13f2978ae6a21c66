"""Settings precedence: flag > environment > brandcouch.toml > default."""

from __future__ import annotations

import pytest

from brandcouch import settings
from brandcouch.errors import ConfigError


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.delenv("BRANDCOUCH_MIN_INBOUND", raising=False)
    saved = dict(settings.active_config())
    yield
    settings.active_config().clear()
    settings.active_config().update(saved)


def test_precedence(tmp_path, monkeypatch):
    cfg = tmp_path / "brandcouch.toml"
    cfg.write_text("[settings]\nmin_inbound = 30\n")
    assert settings.get("min_inbound") == 20  # default
    settings.load_config(cfg)
    assert settings.get("min_inbound") == 30  # the file, once loaded, applies everywhere
    monkeypatch.setenv("BRANDCOUCH_MIN_INBOUND", "40")
    assert settings.get("min_inbound") == 40  # the environment beats the file
    assert settings.get("min_inbound", flag=50) == 50  # a flag beats everything


def test_bad_values_are_clear_errors(tmp_path, monkeypatch):
    monkeypatch.setenv("BRANDCOUCH_MIN_INBOUND", "lots")
    with pytest.raises(ConfigError, match="min_inbound"):
        settings.get("min_inbound")
    bad = tmp_path / "brandcouch.toml"
    bad.write_text("[settings\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        settings.load_config(bad)


def test_missing_config_file_is_empty(tmp_path):
    assert settings.load_config(tmp_path / "nope.toml") == {}
