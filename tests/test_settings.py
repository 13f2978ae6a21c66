"""Settings precedence: flag > environment > brandcouch.toml > default."""

from __future__ import annotations

import pytest

from brandcouch import settings
from brandcouch.errors import ConfigError


@pytest.fixture(autouse=True)
def _clean(monkeypatch):
    monkeypatch.delenv("BRANDCOUCH_MIN_INBOUND", raising=False)


def test_precedence(tmp_path, monkeypatch):
    path = tmp_path / "brandcouch.toml"
    path.write_text("[settings]\nmin_inbound = 30\n")
    assert settings.get("min_inbound") == 20  # default
    cfg = settings.load_config(path)
    assert cfg.setting("min_inbound") == 30  # the file, where it is passed
    assert settings.get("min_inbound") == 20  # loading it changed nothing global
    monkeypatch.setenv("BRANDCOUCH_MIN_INBOUND", "40")
    assert cfg.setting("min_inbound") == 40  # the environment beats the file
    assert cfg.setting("min_inbound", flag=50) == 50  # a flag beats everything
    assert cfg.with_flags(min_inbound=60).setting("min_inbound") == 60


def test_config_is_immutable(tmp_path):
    path = tmp_path / "brandcouch.toml"
    path.write_text('[brands]\nAcme = ["twitter:acme"]\n[people]\nann = ["twitter:ann"]\n')
    cfg = settings.load_config(path)
    assert cfg["brands"]["Acme"] == ("twitter:acme",)
    with pytest.raises(TypeError):
        cfg["brands"]["Other"] = ["twitter:x"]
    with pytest.raises(AttributeError):
        cfg.path = "elsewhere"
    people = cfg.people
    people["bob"] = ["twitter:bob"]  # a plain copy: the config itself does not change
    assert cfg.people == {"ann": ["twitter:ann"]}
    with pytest.raises(ConfigError, match="unknown setting"):
        cfg.with_flags(no_such_setting=1)


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
