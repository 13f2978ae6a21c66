"""Every setting declared once: ``Setting(name, default, help)``.

Precedence: command-line flag > environment variable ``BRANDCOUCH_<NAME>`` > ``brandcouch.toml``
(``[settings]`` table) > default. ``docs/settings.md`` lists them all (a test checks it).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from brandcouch.errors import ConfigError


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "brandcouch.duckdb", "path of the DuckDB store"),
    Setting("config", "brandcouch.toml", "path of the configuration file (brands, settings)"),
    Setting("min_inbound", 20, "inbound messages below which a score is 'not enough data'"),
    Setting("min_posts", 10, "brand posts below which post-based components are 'not enough data'"),
    Setting("period", "month", "default period for trends: week or month"),
    Setting("evidence", 5, "messages listed as evidence for and against each score"),
    Setting("canned_min_repeats", 3, "a reply template used this many times or more is canned"),
    Setting(
        "memory_limit",
        "",
        "DuckDB memory limit, e.g. 512MB (empty: DuckDB's default, 80% of RAM); imports stream "
        "and spill to disk, so a low limit bounds memory whatever the file size",
    ),
    Setting(
        "max_record_mb",
        64,
        "largest single record in MiB (a JSON line, a CSV row, an XML item); a bigger one is "
        "refused with a located error (skipped under --skip-bad where the format allows)",
    ),
    Setting(
        "max_document_mb",
        512,
        "largest whole-document JSON file in MiB (tweets.js, a Reddit listing, a pretty-printed "
        "API page): such files are parsed in memory, which takes several times their size",
    ),
    Setting(
        "max_expansion_ratio",
        100,
        "a zip member or .zst stream may decompress to at most this many times its compressed "
        "size (real Pushshift dumps are about 10x); beyond it the file is refused as a bomb",
    ),
    Setting(
        "min_expansion_mb",
        64,
        "a compressed stream may always decompress to this many MiB, whatever its ratio",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}
#: the configuration file last loaded by :func:`load_config` (its [settings], [people], ...)
_ACTIVE: dict = {}


def active_config() -> dict:
    """The configuration loaded by the running command (empty when none)."""
    return _ACTIVE


def load_config(path: str | Path | None) -> dict:
    """Read ``brandcouch.toml`` (missing file → empty config) and make it the active one, so
    its ``[settings]`` apply to every :func:`get` of the running command."""
    if path is None:
        return {}
    p = Path(path)
    if not p.is_file():
        return {}
    try:
        with p.open("rb") as f:
            config = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: invalid TOML ({e})") from e
    _ACTIVE.clear()
    _ACTIVE.update(config)
    return config


def get(name: str, flag: Any = None, config: dict | None = None) -> Any:
    """The value of setting ``name`` by precedence flag > env > config file > default."""
    s = _BY_NAME[name]
    if flag is not None:
        return flag
    env = os.environ.get(f"BRANDCOUCH_{name.upper()}")
    table = (config if config is not None else _ACTIVE).get("settings", {})
    raw = env if env is not None else table.get(name)
    if raw is None:
        return s.default
    try:
        return type(s.default)(raw)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name}: {raw!r} is not a {type(s.default).__name__}") from e
