"""Every setting declared once: ``Setting(name, default, help)``.

Precedence: command-line flag > environment variable ``BRANDCOUCH_<NAME>`` > ``brandcouch.toml``
(``[settings]`` table) > default. ``docs/settings.md`` lists them all (a test checks it).
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
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
    Setting(
        "canned_min_repeats",
        2,
        "a group of near-duplicate brand replies this large or larger is canned",
    ),
    Setting(
        "sla_target",
        "1h",
        "the care team's response target for a customer turn that needs a reply: minutes, "
        "hours or days (30m, 1h, 2h30m, 1d); the SLA share counts the turns answered within it",
    ),
    Setting(
        "timezone",
        "UTC",
        "IANA time zone of dates, days and hours of day (periods, volume by day and hour, "
        "business hours), e.g. Europe/London",
    ),
    Setting(
        "business_hours",
        "",
        "the care team's opening hours in the timezone, e.g. 09:00-17:00 (empty: no "
        "business-hours SLA, only the wall clock)",
    ),
    Setting(
        "business_days",
        "Mon-Fri",
        "the care team's working days for business_hours: a range or list of Mon..Sun "
        "(Mon-Fri, Sun-Thu, Mon,Wed,Fri)",
    ),
    Setting(
        "min_coverage",
        0.5,
        "share of the customer turns needing a reply whose reply is in the data (answered / "
        "answered + answered outside the data) below which reply-based scores are 'not enough "
        "data' (most replies are not in this export)",
    ),
    Setting(
        "memory_limit",
        "",
        "DuckDB memory limit, e.g. 512MB (empty: a quarter of the memory, 128 MiB to 512 MiB); "
        "past it DuckDB spills to STORE.duckdb.tmp, so a low limit bounds memory whatever the "
        "data size",
    ),
    Setting(
        "busy_timeout",
        10.0,
        "seconds a command waits for a store another process holds (an import writing, or a "
        "reader while this command writes) before failing with a one-line error",
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


def _frozen(value: Any) -> Any:
    if isinstance(value, Mapping):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_frozen(v) for v in value)
    return value


def _thawed(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thawed(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return [_thawed(v) for v in value]
    return value


class Config(Mapping):
    """One immutable configuration, loaded at the edge (the CLI command, ``serve``, a notebook)
    and passed into the analysis: the tables of ``brandcouch.toml`` (read-only, as a mapping:
    ``config["brands"]``, ``config.get("people")``) and flag overrides.

    :meth:`setting` resolves a setting by precedence flag > ``BRANDCOUCH_<NAME>`` environment
    variable > the file's ``[settings]`` table > default. There is no module-level active
    configuration: code that needs a setting is given the Config.
    """

    __slots__ = ("_tables", "_flags", "path")

    def __init__(
        self,
        tables: Mapping | None = None,
        *,
        flags: Mapping | None = None,
        path: str | Path | None = None,
    ):
        for name in flags or {}:
            if name not in _BY_NAME:
                raise ConfigError(f"unknown setting {name!r}")
        object.__setattr__(self, "_tables", _frozen(dict(tables or {})))
        object.__setattr__(
            self,
            "_flags",
            MappingProxyType({k: v for k, v in (flags or {}).items() if v is not None}),
        )
        object.__setattr__(self, "path", None if path is None else str(path))

    def __setattr__(self, name, value):
        raise AttributeError("Config is immutable; use with_flags()")

    def __getitem__(self, key):
        return self._tables[key]

    def __iter__(self):
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)

    def __eq__(self, other) -> bool:
        if isinstance(other, Config):
            return self.to_dict() == other.to_dict() and dict(self._flags) == dict(other._flags)
        return isinstance(other, Mapping) and self.to_dict() == _thawed(other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Config(path={self.path!r}, tables={sorted(self._tables)}, flags={dict(self._flags)})"
        )

    def with_flags(self, **flags: Any) -> Config:
        """A copy with command-line flags set (None values are ignored)."""
        return Config(self._tables, flags={**self._flags, **flags}, path=self.path)

    def setting(self, name: str, flag: Any = None) -> Any:
        """The value of setting ``name``: flag > env > ``[settings]`` > default."""
        if flag is None:
            flag = self._flags.get(name)
        return get(name, flag, self)

    @property
    def people(self) -> dict:
        """The ``[people]`` table (one person's accounts across platforms), as a plain dict."""
        return _thawed(self._tables.get("people") or {})

    def to_dict(self) -> dict:
        """The file's tables as plain (mutable) dicts and lists."""
        return _thawed(self._tables)


#: defaults and environment only: what a caller that loads no file gets
DEFAULT = Config()


def load_config(path: str | Path | None) -> Config:
    """Read ``brandcouch.toml`` into a :class:`Config` (a missing file gives an empty one).
    Nothing global changes: pass the Config to whatever needs it."""
    if path is None:
        return Config()
    p = Path(path)
    if not p.is_file():
        return Config(path=p)
    try:
        with p.open("rb") as f:
            tables = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{p}: invalid TOML ({e})") from e
    if not isinstance(tables.get("settings", {}), dict):
        raise ConfigError(f"{p}: [settings] must be a table")
    return Config(tables, path=p)


def get(name: str, flag: Any = None, config: Mapping | None = None) -> Any:
    """The value of setting ``name`` by precedence flag > env > config file > default
    (``config`` is a :class:`Config` or the file's tables; None: defaults and environment)."""
    s = _BY_NAME[name]
    if flag is not None:
        return flag
    env = os.environ.get(f"BRANDCOUCH_{name.upper()}")
    table = (config or {}).get("settings", {}) or {}
    raw = env if env is not None else table.get(name)
    if raw is None:
        return s.default
    try:
        return type(s.default)(raw)
    except (TypeError, ValueError) as e:
        raise ConfigError(f"setting {name}: {raw!r} is not a {type(s.default).__name__}") from e
