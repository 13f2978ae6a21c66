"""The analysis run: the sections asked for, computed from the steps they need, assembled into
a new result (docs/output.md). Each part returns its values; nothing changes a dict once it is
part of the result.

Sections (:data:`SECTIONS`) and what each brings:

``brands``     per brand: accounts, metrics, elements and health; each channel's metrics
``channels``   each channel's elements and health
``periods``    the brand's weeks and months (metrics, elements, health)
``diagnosis``  pitch-without-listening ``flags`` and the ``session`` (findings)
``audience``   the brand's and each channel's ``audience``, and ``channel_advice``
``directory``  the consumer directory (top level)
``benchmark``  brands side by side (top level; needs the directory)
``care``       the brand's ``care`` team section: SLA, volume, topics, agents
               (:mod:`brandcouch.metrics.care`)

A section pulls in what it needs (:data:`NEEDS`): ``audience`` brings ``channels``,
``benchmark`` brings ``audience`` and ``directory``; the directory needs only the brands' names. ``brands=`` limits the brand sections to some brands (the
session of one brand; the directory then covers those brands; the benchmark needs them all).
The HTML-only ``evidence_threads`` are built by the caller that writes HTML (:mod:`brandcouch.api`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from brandcouch.analysis.signals import run_signals
from brandcouch.analysis.steps import (
    AUDIENCE_TABLES,
    ELEMENT_TABLES,
    FRAME,
    Runner,
    reset,
)
from brandcouch.audience import audience_sections
from brandcouch.diagnosis import brand_diagnosis, pitch_flags
from brandcouch.errors import ConfigError, NotEnoughDataError
from brandcouch.metrics.benchmark import compare_brands
from brandcouch.metrics.care import CARE_TABLES, care_sections, empty_care
from brandcouch.metrics.channels import channel_advice
from brandcouch.metrics.directory import build_directory
from brandcouch.metrics.elements import element_scores, element_settings, empty_scores
from brandcouch.metrics.periods import brand_periods
from brandcouch.metrics.sla import Clock
from brandcouch.metrics.summary import summarise
from brandcouch.metrics.topics import topics_later
from brandcouch.settings import DEFAULT as DEFAULT_CONFIG
from brandcouch.settings import Config
from brandcouch.store import Store

SECTIONS = (
    "brands", "channels", "periods", "diagnosis", "audience", "directory", "benchmark", "care",
)  # fmt: skip
#: what each section needs besides itself
NEEDS = {
    "brands": (),
    "channels": ("brands",),
    "periods": ("brands",),
    "diagnosis": ("brands",),
    "audience": ("brands", "channels"),
    "directory": (),
    "benchmark": ("brands", "audience", "directory"),
    "care": ("brands",),
}
#: the default (full) run
FULL = SECTIONS


def closure(sections: Iterable[str]) -> set[str]:
    """``sections`` and everything they need."""
    out: set[str] = set()
    todo = list(sections)
    while todo:
        s = todo.pop()
        if s not in NEEDS:
            raise ValueError(f"unknown section {s!r}; sections: {', '.join(SECTIONS)}")
        if s not in out:
            out.add(s)
            todo.extend(NEEDS[s])
    return out


def imports_log(store: Store) -> list[dict]:
    """What has been imported: one dict per import (file, format, counts, imported_at)."""
    rows = store.con.execute(
        """
        SELECT id, file, format, importer_version, records_read, imported, duplicates,
               updated, skipped, imported_at
        FROM imports ORDER BY id
        """
    ).fetchall()
    keys = ("id", "file", "format", "importer_version", "records_read", "imported",
            "duplicates", "updated", "skipped", "imported_at")  # fmt: skip
    out = []
    for row in rows:
        d = dict(zip(keys, row, strict=True))
        d["imported_at"] = d["imported_at"].isoformat() if d["imported_at"] else None
        out.append(d)
    return out


def _header(store: Store) -> dict:
    from brandcouch import __version__

    return {
        "schema": "brandcouch.analysis",
        "schema_version": 1,
        "brandcouch_version": __version__,
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "store": {"path": store.path, **store.counts()},
        "imports": imports_log(store),
    }


def _channel(ch: dict, scores: dict | None, audience: dict | None) -> dict:
    out = dict(ch)
    if scores is not None:
        out["elements"], out["health"] = scores["elements"], scores["health"]
    if audience is not None:
        out["audience"] = audience
    return out


def brand_results(
    store: Store,
    runner: Runner,
    sections: set[str],
    names: Iterable[str] | None = None,
) -> list[dict]:
    """The brand dicts of a run (sorted by inbound volume, then name), with the brand sections
    asked for; ``names`` keeps only those brands (matched case-insensitively)."""
    runner.ensure("brand_names")
    if names is not None:  # one brand's session builds that brand's rows only
        wanted = {n.lower() for n in names}
        every = [r[0] for r in store.con.execute("SELECT name FROM brand_names").fetchall()]
        runner.scope = tuple(sorted(n for n in every if n.lower() in wanted))
        if not runner.scope:
            return []
    else:
        runner.scope = None
    runner.ensure(*FRAME)
    base = summarise(store)
    if names is not None:
        base = [b for b in base if b["name"] in runner.scope]
    if "brands" not in sections or (names is not None and not base):
        return base
    later = None
    if "care" in sections:
        # the topics read only the inbound texts: computed beside the other sections
        runner.ensure("inbound", "predicates", "run_scope", "brand_names", "brand_map")
        later = topics_later(store, Clock.from_config(runner.config).tz)
    try:
        return _brand_sections(store, runner, sections, base, later)
    except BaseException:
        close = getattr(later, "close", None)
        if close is not None:
            close()
        raise


def _brand_sections(store: Store, runner: Runner, sections: set[str], base: list[dict],
                    later) -> list[dict]:  # fmt: skip
    """:func:`brand_results`' brand sections; ``later`` returns the topics started early
    (:func:`brandcouch.metrics.topics.topics_later`), None without the care section."""
    cfg = element_settings(runner.config)
    runner.ensure(*ELEMENT_TABLES)
    groupings = ("brand", "channel") if "channels" in sections else ("brand",)
    scores = element_scores(store, cfg, groupings)
    overall = {g[0]: s for g, s in scores["brand"].items()}
    channels = scores.get("channel")
    periods = brand_periods(store, cfg) if "periods" in sections else None
    flags = pitch_flags(store) if "diagnosis" in sections else None
    audience = None
    if "audience" in sections:
        runner.ensure(*AUDIENCE_TABLES)
        audience = audience_sections(store, base)
    care = None
    if "care" in sections:
        care_cfg = runner.ensure(*CARE_TABLES).config
        care = care_sections(store, care_cfg, window=runner.window, topics=later())
    empty = empty_scores(cfg)
    out = []
    for b in base:
        name = b["name"]
        s = overall.get(name) or empty
        aud = audience.get(name) if audience is not None else None
        brand = {
            "name": name,
            "accounts": b["accounts"],
            "metrics": b["metrics"],
            "channels": [
                _channel(
                    ch,
                    None if channels is None else channels.get((name, ch["platform"])) or empty,
                    None if aud is None else aud["channels"][ch["platform"]],
                )
                for ch in b["channels"]
            ],
            "elements": s["elements"],
            "health": s["health"],
        }
        if periods is not None:
            brand["periods"] = periods.get(name, [])
        if flags is not None:
            brand.update(brand_diagnosis(brand, flags.get(name, [])))
        if aud is not None:
            brand["audience"] = aud["audience"]
            brand["channel_advice"] = channel_advice(brand)
        if care is not None:
            brand["care"] = care.get(name) or empty_care()
        out.append(brand)
    return out


# -- windows (docs/wip/periods.md) ------------------------------------------------------------


def window_zone(config: Config | None) -> str:
    """The configured ``timezone`` (UTC by default), checked."""
    name = str((config or DEFAULT_CONFIG).setting("timezone") or "UTC").strip() or "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ConfigError(f"timezone {name!r} is not an IANA time zone (e.g. Europe/London)") from e
    return name


def window_utc(since: date, until: date, tz: str) -> tuple[datetime, datetime]:
    """``[since 00:00, until 24:00)`` in ``tz`` as naive UTC datetimes (the store's times)."""
    zone = ZoneInfo(tz)

    def start(d: date) -> datetime:
        local = datetime(d.year, d.month, d.day, tzinfo=zone)
        return local.astimezone(UTC).replace(tzinfo=None)

    return start(since), start(until + timedelta(days=1))


def _local_day(store: Store, agg: str, tz: str) -> date | None:
    at = store.scalar(f"SELECT {agg}(created_at) FROM messages")
    if at is None:
        return None
    return at.replace(tzinfo=UTC).astimezone(ZoneInfo(tz)).date()


def resolve_window(
    store: Store,
    config: Config | None,
    since: date | None,
    until: date | None,
) -> dict | None:
    """The window of a run: ``{since, until, timezone}`` (ISO dates, both inclusive) or None
    when neither is given. ``since`` alone runs to the day of the last message, ``until``
    alone from the day of the first (in the configured timezone)."""
    if since is None and until is None:
        return None
    tz = window_zone(config)
    since = since if since is not None else _local_day(store, "min", tz)
    until = until if until is not None else _local_day(store, "max", tz)
    if since is None or until is None:
        raise NotEnoughDataError(f"{store.path}: no message has a time; a window needs times")
    if since > until:
        raise ConfigError(f"--since {since.isoformat()} is after --until {until.isoformat()}")
    return {"since": since.isoformat(), "until": until.isoformat(), "timezone": tz}


def previous_window(window: dict) -> dict:
    """The equally long period just before ``window`` (same timezone). A window of whole
    calendar months is compared with as many calendar months before it (September with
    August, 1-31, not 2-31); any other window with the same number of days before it."""
    since, until = date.fromisoformat(window["since"]), date.fromisoformat(window["until"])
    end = since - timedelta(days=1)
    if since.day == 1 and (until + timedelta(days=1)).day == 1:
        months = (until.year - since.year) * 12 + until.month - since.month + 1
        index = since.year * 12 + since.month - 1 - months
        start = date(index // 12, index % 12 + 1, 1)
    else:
        start = since - timedelta(days=(until - since).days + 1)
    return {"since": start.isoformat(), "until": end.isoformat(), "timezone": window["timezone"]}


def _utc(window: dict | None) -> tuple[datetime, datetime] | None:
    if window is None:
        return None
    return window_utc(
        date.fromisoformat(window["since"]), date.fromisoformat(window["until"]),
        window["timezone"],
    )  # fmt: skip


def prepare(
    store: Store,
    config: Config | None = None,
    *,
    people: dict | None = None,
    signals: bool = True,
    progress: Callable[[int, int], None] | None = None,
    window: dict | None = None,
) -> Runner:
    """Start a run: forget the steps built before (the store may have changed), and score the
    texts that lack signal values (``signals``). ``window`` (``{since, until, timezone}``,
    :func:`resolve_window`) limits the frame to that period. Returns the run's
    :class:`Runner`."""
    reset(store)  # a run reads the store as it is now
    runner = Runner(
        store, config if config is not None else DEFAULT_CONFIG, people=people,
        window=_utc(window),
    )  # fmt: skip
    if signals:
        run_signals(store, progress, runner=runner)
    return runner


def run(
    store: Store,
    config: Config | None = None,
    sections: Iterable[str] = FULL,
    *,
    brands: Iterable[str] | None = None,
    people: dict | None = None,
    signals: bool = True,
    progress: Callable[[int, int], None] | None = None,
    window: dict | None = None,
) -> dict:
    """Analyse ``store`` for the ``sections`` asked for (see the module docstring); returns a
    new result dict (docs/output.md). ``config`` gives the settings, ``[brands]`` (applied for
    this run, never written to the store) and ``[people]`` (``people`` overrides it).
    ``signals`` first scores the texts that lack signal values (kept for the connection only
    when the store is read-only). ``window`` (:func:`resolve_window`) analyses only that
    period and is written as the result's ``window``."""
    config = config if config is not None else DEFAULT_CONFIG
    wanted = closure(sections)
    if not store.scalar("SELECT count(*) FROM messages"):
        raise NotEnoughDataError(
            f"{store.path}: the store holds no messages yet; import exports first "
            "(brandcouch import FILE…), or run brandcouch demo"
        )
    runner = prepare(
        store, config, people=people, signals=signals, progress=progress, window=window
    )
    result = _header(store)
    if window is not None:
        result["window"] = dict(window)
    every = brand_results(store, runner, wanted, None if brands is None else list(brands))
    result["brands"] = every
    if "directory" in wanted:
        result["directory"] = build_directory(store, every)
    if "benchmark" in wanted:
        if brands is not None:
            raise ValueError("the benchmark compares every brand: run it without brands=")
        result["benchmark"] = compare_brands(
            every, result["directory"], int(config.setting("min_inbound"))
        )
    return result
