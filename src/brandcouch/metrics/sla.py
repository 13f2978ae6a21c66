"""Care-team SLA: the share of customer turns that need a reply answered within a target
(docs/output.md, "Care team").

The unit is the customer turn of :mod:`brandcouch.analysis.turns` that **needs a reply**
(a question or a complaint: the turns ``metrics.needs_reply_turns`` counts). For a target ``T``
(setting ``sla_target``) and the end of the data ``E`` (the latest message of the store):

- **within**: answered and the first reply came at most ``T`` after the turn's first message;
- **late**: answered, after more than ``T``;
- **missed**: not answered and ``E`` is more than ``T`` after the turn's first message;
- **pending**: not answered and not yet ``T`` old at ``E`` (left out of the share);
- **outside_data**: answered outside the export (a reply the store does not hold; left out);
- **untimed**: the turn or its reply has no time (left out).

``share = within / (within + late + missed)``. On the **business clock** (settings
``business_hours``, ``business_days``, ``timezone``) every elapsed time is the working time
between the two instants: the working seconds of each day in between, in local time.
Everything is computed on whole columns (pandas/numpy), never row by row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import pandas as pd

from brandcouch.errors import ConfigError
from brandcouch.store import Store

_DURATION = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(minutes?|mins?|hours?|days?|d|h|m)?\s*", re.I)
_UNIT = {"d": 1440.0, "h": 60.0, "m": 1.0}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def parse_duration(text: str | float | int) -> float:
    """Minutes of ``30m``, ``1h``, ``2h30m``, ``1.5h``, ``1d`` (a bare number: minutes)."""
    if isinstance(text, int | float):
        minutes = float(text)
    else:
        s = str(text).strip()
        pos, minutes = 0, 0.0
        if not s:
            raise ConfigError("sla_target is empty; give e.g. 30m, 1h, 2h or 1d")
        while pos < len(s):
            m = _DURATION.match(s, pos)
            if m is None or m.end() == pos:
                raise ConfigError(f"sla_target {text!r}: give e.g. 30m, 1h, 2h30m or 1d")
            unit = (m.group(2) or "m")[0].lower()
            minutes += float(m.group(1)) * _UNIT[unit]
            pos = m.end()
    if not minutes > 0:
        raise ConfigError(f"sla_target {text!r} must be longer than zero")
    return minutes


def format_target(minutes: float) -> str:
    """``60`` → ``1h``, ``90`` → ``1h30m``, ``1440`` → ``1d``, ``45`` → ``45m``."""
    m = round(minutes)
    if m % 1440 == 0:
        return f"{m // 1440}d"
    h, r = divmod(m, 60)
    return (f"{h}h" if h else "") + (f"{r}m" if r or not h else "")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(name).strip() or "UTC")
    except (ZoneInfoNotFoundError, ValueError) as e:
        raise ConfigError(f"timezone {name!r} is not an IANA time zone (e.g. Europe/London)") from e


def _clock(text: str) -> int:
    m = re.fullmatch(r"\s*(\d{1,2})(?::(\d{2}))?\s*", text)
    if m is None or int(m.group(1)) > 24 or int(m.group(2) or 0) > 59:
        raise ConfigError(f"business_hours: {text!r} is not a time of day (HH:MM)")
    secs = int(m.group(1)) * 3600 + int(m.group(2) or 0) * 60
    if secs > 86400:
        raise ConfigError(f"business_hours: {text!r} is after 24:00")
    return secs


def parse_hours(text: str) -> tuple[int, int] | None:
    """``09:00-17:00`` → ``(32400, 61200)`` seconds of the day; empty → None."""
    s = str(text or "").strip()
    if not s:
        return None
    parts = re.split(r"\s*[-–]\s*", s)
    if len(parts) != 2:
        raise ConfigError(f"business_hours {text!r}: give HH:MM-HH:MM, e.g. 09:00-17:00")
    start, end = _clock(parts[0]), _clock(parts[1])
    if end <= start:
        raise ConfigError(f"business_hours {text!r}: the end must be after the start")
    return start, end


def _day(token: str) -> int:
    t = token.strip()[:3].title()
    if t not in DAYS:
        raise ConfigError(f"business_days: {token!r} is not a day (Mon..Sun)")
    return DAYS.index(t)


def parse_days(text: str) -> tuple[bool, ...]:
    """``Mon-Fri`` → the numpy weekmask (Monday first) as 7 booleans; lists and wrapping
    ranges work (``Mon,Wed,Fri``, ``Sun-Thu``)."""
    mask = [False] * 7
    s = str(text or "").strip() or "Mon-Fri"
    for part in s.split(","):
        if not part.strip():
            continue
        ends = re.split(r"\s*[-–]\s*", part.strip())
        if len(ends) == 1:
            mask[_day(ends[0])] = True
        elif len(ends) == 2:
            a, b = _day(ends[0]), _day(ends[1])
            for i in range(8):
                d = (a + i) % 7
                mask[d] = True
                if d == b:
                    break
        else:
            raise ConfigError(f"business_days {text!r}: give e.g. Mon-Fri or Mon,Wed,Fri")
    if not any(mask):
        raise ConfigError(f"business_days {text!r} names no day")
    return tuple(mask)


@dataclass(frozen=True)
class Clock:
    """How care time is counted: the target and, when ``hours`` is set, business time."""

    target_minutes: float = 60.0
    tz: str = "UTC"
    hours: tuple[int, int] | None = None
    days: tuple[bool, ...] = (True,) * 5 + (False,) * 2

    @classmethod
    def from_config(cls, config) -> Clock:
        tz = str(config.setting("timezone") or "UTC")
        zone(tz)
        return cls(
            target_minutes=parse_duration(config.setting("sla_target")),
            tz=tz,
            hours=parse_hours(config.setting("business_hours")),
            days=parse_days(config.setting("business_days")),
        )

    @property
    def hours_text(self) -> str | None:
        if self.hours is None:
            return None
        return "-".join(f"{s // 3600:02d}:{s % 3600 // 60:02d}" for s in self.hours)

    @property
    def days_text(self) -> str:
        return ",".join(d for d, on in zip(DAYS, self.days, strict=True) if on)


def local_seconds(values, tz: str) -> np.ndarray:
    """Local wall-clock time in ``tz`` as float seconds since 1970-01-01 (NaN when missing)."""
    s = pd.to_datetime(pd.Series(values), utc=True)
    local = s.dt.tz_convert(zone(tz)).dt.tz_localize(None)
    out = local.astype("datetime64[ns]").to_numpy().astype("int64").astype("float64") / 1e9
    out[local.isna().to_numpy()] = np.nan
    return out


def _business_seconds_until(t: np.ndarray, hours: tuple[int, int], days: tuple[bool, ...]):
    """Working seconds from 1970-01-01 (local) up to each local time ``t`` (NaN kept)."""
    ok = ~np.isnan(t)
    tt = np.where(ok, t, 0.0)
    day = np.floor(tt / 86400.0)
    sec = tt - day * 86400.0
    open_s, close_s = hours
    length = float(close_s - open_s)
    dates = day.astype("int64").astype("datetime64[D]")
    epoch = np.datetime64("1970-01-01", "D")
    mask = [int(d) for d in days]
    full = np.busday_count(np.full(dates.shape, epoch), dates, weekmask=mask).astype("float64")
    today = np.is_busday(dates, weekmask=mask)
    part = np.where(today, np.clip(sec - open_s, 0.0, length), 0.0)
    return np.where(ok, full * length + part, np.nan)


def business_minutes(start, end, clock: Clock) -> np.ndarray:
    """Working minutes between each ``start`` and ``end`` (UTC instants), in ``clock``'s
    time zone, hours and days (NaN where either is missing)."""
    if clock.hours is None:
        raise ValueError("business_minutes needs business hours")
    a = _business_seconds_until(local_seconds(start, clock.tz), clock.hours, clock.days)
    b = _business_seconds_until(local_seconds(end, clock.tz), clock.hours, clock.days)
    return (b - a) / 60.0


SLA_TURNS = """
SELECT brand, turn_id, first_at, answered, answered_outside_data, first_reply_at,
       first_response_minutes, complaint
FROM turns WHERE needs_reply AND in_scope(brand)
"""


def data_end(store: Store):
    """The end of the data: the latest message time of the store (None when none has one)."""
    return store.scalar("SELECT max(created_at) FROM messages")


def _counts(elapsed: np.ndarray, waited: np.ndarray, answered, outside, target: float) -> dict:
    timed_ans = answered & ~np.isnan(elapsed)
    within = int((timed_ans & (elapsed <= target)).sum())
    late = int((timed_ans & (elapsed > target)).sum())
    open_ = ~answered & ~outside & ~np.isnan(waited)
    missed = int((open_ & (waited > target)).sum())
    pending = int((open_ & (waited <= target)).sum())
    eligible = within + late + missed
    med = float(np.median(elapsed[timed_ans])) if timed_ans.any() else None
    return {
        "eligible": eligible,
        "within": within,
        "late": late,
        "missed": missed,
        "pending": pending,
        "share": round(within / eligible, 4) if eligible else None,
        "median_minutes": None if med is None else round(med, 2),
    }


def sla_frame(store: Store) -> pd.DataFrame:
    """The turns the SLA counts (see the module docstring); needs the ``turns`` step."""
    return store.df(SLA_TURNS)


def sla_by_brand(store: Store, clock: Clock, end=None) -> dict[str, dict]:
    """``{brand: sla}`` (docs/output.md, "Care team"): counts and shares on the wall clock
    and, with business hours, on the business clock, overall and per month (local)."""
    df = sla_frame(store)
    end = data_end(store) if end is None else end
    if df.empty:
        return {}
    target = clock.target_minutes
    first = pd.to_datetime(df["first_at"], utc=True)
    reply = pd.to_datetime(df["first_reply_at"], utc=True)
    answered = df["answered"].fillna(False).to_numpy(bool)
    outside = df["answered_outside_data"].fillna(False).to_numpy(bool)
    wall = df["first_response_minutes"].astype("float64").to_numpy()
    wall = np.where(answered, wall, np.nan)
    end_ts = pd.Timestamp(end).tz_localize("UTC") if pd.Timestamp(end).tzinfo is None else end
    ends = pd.Series([end_ts] * len(df))
    waited = ((pd.Timestamp(end_ts) - first).dt.total_seconds() / 60.0).to_numpy()
    business = None
    if clock.hours is not None:
        business = np.where(answered & ~np.isnan(wall), business_minutes(first, reply, clock),
                            np.nan)  # fmt: skip
        bwaited = business_minutes(first, ends, clock)
    local_first = pd.to_datetime(first).dt.tz_convert(zone(clock.tz))
    month = local_first.dt.strftime("%Y-%m-01").to_numpy(object)
    untimed = (answered & np.isnan(wall)) | (~answered & ~outside & np.isnan(waited))
    # rows grouped by brand and, within a brand, by month with one stable sort each (a mask
    # per brand and month compared every row once per group: 15 s at 3M messages); the
    # selections keep the rows' order, so medians and counts are the same as with masks
    b_codes, b_names = pd.factorize(df["brand"].to_numpy(object), sort=True)
    m_codes, m_names = pd.factorize(month, sort=True)  # -1: no month (no time)
    by_brand = np.argsort(b_codes, kind="stable")
    b_bounds = np.searchsorted(b_codes[by_brand], np.arange(len(b_names) + 1))
    out: dict[str, dict] = {}
    for bi, name in enumerate(b_names):
        sel = by_brand[b_bounds[bi] : b_bounds[bi + 1]]
        d = {
            "target": format_target(target),
            "target_minutes": round(target, 2),
            "scope": "customer turns that need a reply",
            "end": pd.Timestamp(end_ts).isoformat(),
            "timezone": clock.tz,
            "turns": int(sel.size),
            "outside_data": int((outside[sel] & ~answered[sel]).sum()),
            "untimed": int(untimed[sel].sum()),
            "wall": _counts(wall[sel], waited[sel], answered[sel], outside[sel], target),
            "business": None,
            "by_month": [],
        }
        if business is not None:
            d["business"] = {
                "hours": clock.hours_text,
                "days": clock.days_text,
                **_counts(business[sel], bwaited[sel], answered[sel], outside[sel], target),
            }
        mc = m_codes[sel]
        by_month = np.argsort(mc, kind="stable")
        m_bounds = np.searchsorted(mc[by_month], np.arange(len(m_names) + 1))
        for mi, m in enumerate(m_names):
            if m_bounds[mi] == m_bounds[mi + 1]:  # no turn of this brand in that month
                continue
            ms = sel[by_month[m_bounds[mi] : m_bounds[mi + 1]]]  # stable: rows in order
            row = {"month": m, **_counts(wall[ms], waited[ms], answered[ms], outside[ms], target)}
            if business is not None:
                b = _counts(business[ms], bwaited[ms], answered[ms], outside[ms], target)
                row["business_share"] = b["share"]
            else:
                row["business_share"] = None
            out_row = {k: row[k] for k in ("month", "eligible", "within", "late", "missed",
                                           "pending", "share", "median_minutes",
                                           "business_share")}  # fmt: skip
            d["by_month"].append(out_row)
        out[name] = d
    return out
