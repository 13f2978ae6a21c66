"""Channel advice: where the engaged audience is, where the brand neglects people, where to
invest, and where the audience is mostly noise — each with its reasons in numbers.

Reads the brand dict only (``metrics``, ``audience`` and, when present, ``elements``/``health``
of the brand and of each channel), so it runs after the audience and element stages.

Rules (docs/audience.md):

* ``neglected``: >= :data:`MIN_CHANNEL_INBOUND` inbound and a reply rate below
  :data:`NEGLECT_RATE`, or below half the best channel's, or a median first response over
  :data:`SLOW_FACTOR` times the best channel's and over an hour.
* ``engaged``: the channel holding the most quality relationships (>= 2 channels with members).
* ``invest``: among channels with >= :data:`MIN_CHANNEL_MEMBERS` members, the one with the
  highest quality share, when it beats the brand's overall share by :data:`INVEST_MARGIN` or
  more and is not neglected (merged into ``engaged`` when it is the same channel).
* ``noise``: >= :data:`MIN_CHANNEL_MEMBERS` members, and spam plus likely bots make up
  >= :data:`NOISE_SHARE` of them.
"""

from __future__ import annotations

from brandcouch.metrics.directory import duration
from brandcouch.model.vocabulary import ELEMENTS

MIN_CHANNEL_INBOUND = 10
MIN_CHANNEL_MEMBERS = 20
#: quality share points by which an ``invest`` channel must beat the brand's overall share
INVEST_MARGIN = 0.05
NEGLECT_RATE = 0.3
SLOW_FACTOR = 4.0
SLOW_MINUTES = 60.0
NOISE_SHARE = 0.3


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.0f}%"


def _m(ch: dict, key: str):
    return (ch.get("metrics") or {}).get(key)


def _a(ch: dict, key: str):
    return (ch.get("audience") or {}).get(key)


def _element_scores(section: dict) -> dict[str, float]:
    out = {}
    for e in ELEMENTS:
        s = (section.get("elements") or {}).get(e)
        if isinstance(s, dict) and s.get("score") is not None:
            out[e] = s["score"]
    h = section.get("health")
    if isinstance(h, dict) and h.get("score") is not None:
        out["health"] = h["score"]
    return out


def _elements_reason(ch: dict, brand: dict) -> list[str]:
    here, overall = _element_scores(ch), _element_scores(brand)
    if not here:
        return []
    parts = [
        f"{k} {here[k]:.0f}" + (f" (brand {overall[k]:.0f})" if k in overall else "") for k in here
    ]
    return ["scores here: " + ", ".join(parts)]


def _best_response(channels: list[dict]) -> tuple[dict | None, dict | None]:
    busy = [c for c in channels if (_m(c, "inbound") or 0) >= MIN_CHANNEL_INBOUND]
    by_rate = max(busy, key=lambda c: _m(c, "reply_rate_all") or 0, default=None)
    timed = [c for c in busy if _m(c, "first_response_minutes_median") is not None]
    by_time = min(timed, key=lambda c: _m(c, "first_response_minutes_median"), default=None)
    return by_rate, by_time


def _neglect(ch: dict, brand: dict, best_rate: dict | None, best_time: dict | None) -> dict | None:
    n, rate = _m(ch, "inbound") or 0, _m(ch, "reply_rate_all")
    med = _m(ch, "first_response_minutes_median")
    if n < MIN_CHANNEL_INBOUND or rate is None:
        return None
    reasons = []
    top = _m(best_rate, "reply_rate_all") if best_rate else None
    better_elsewhere = best_rate is not None and best_rate is not ch and top >= NEGLECT_RATE
    if rate < NEGLECT_RATE or (better_elsewhere and rate < top / 2):
        reasons.append(f"{n} inbound messages, {_m(ch, 'replied')} answered ({_pct(rate)})")
        if better_elsewhere:
            reasons.append(f"versus {_pct(top)} on {best_rate['platform']}")
    fast = _m(best_time, "first_response_minutes_median") if best_time else None
    slow = (
        med is not None
        and fast is not None
        and best_time is not ch
        and med > SLOW_FACTOR * fast
        and med > SLOW_MINUTES
    )
    if slow:
        reasons.append(
            f"median first response {duration(med)} versus {duration(fast)} on "
            f"{best_time['platform']}"
        )
    if not reasons:
        return None
    if med is not None and not slow:
        reasons.append(f"median first response {duration(med)}")
    return {
        "channel": ch["platform"],
        "kind": "neglected",
        "advice": f"People are being neglected on {ch['platform']}: answer them there, "
        "or say clearly where you do answer.",
        "reasons": reasons + _elements_reason(ch, brand),
    }


def _quality_reasons(ch: dict, brand: dict) -> list[str]:
    q, members = _a(ch, "quality_members") or 0, _a(ch, "members") or 0
    total_q = (brand.get("audience") or {}).get("quality_members") or 0
    out = [f"{q} of the brand's {total_q} quality relationships are here ({members} members)"]
    share, overall = _a(ch, "quality_share"), (brand.get("audience") or {}).get("quality_share")
    if share is not None:
        out.append(f"quality share {_pct(share)} (brand {_pct(overall)})")
    tie = _a(ch, "tie_strength_mean")
    if tie is not None:
        out.append(f"mean tie strength {tie:.0f}/100")
    per_k = _a(ch, "quality_per_1k_followers")
    if per_k is not None:
        out.append(f"{per_k:.2f} quality relationships per 1,000 followers")
    return out + _elements_reason(ch, brand)


def _invest_candidate(channels: list[dict], brand: dict, neglected: set[str]) -> dict | None:
    overall = (brand.get("audience") or {}).get("quality_share")
    ok = [
        c
        for c in channels
        if (_a(c, "members") or 0) >= MIN_CHANNEL_MEMBERS
        and _a(c, "quality_share") is not None
        and c["platform"] not in neglected
    ]
    best = max(ok, key=lambda c: (_a(c, "quality_share"), _a(c, "members")), default=None)
    if best is None or overall is None or _a(best, "quality_share") < overall + INVEST_MARGIN:
        return None
    return best


def _noise(ch: dict) -> dict | None:
    members = _a(ch, "members") or 0
    segs = _a(ch, "segments") or {}
    noisy = (segs.get("spam") or 0) + (segs.get("likely_bot") or 0)
    if members < MIN_CHANNEL_MEMBERS or noisy / members < NOISE_SHARE:
        return None
    return {
        "channel": ch["platform"],
        "kind": "noise",
        "advice": f"Much of the audience on {ch['platform']} is spam or bots: moderate it, and "
        "do not count it as reach.",
        "reasons": [
            f"{noisy} of {members} members ({_pct(noisy / members)}) are self-promoters, spam "
            f"or likely bots ({segs.get('spam', 0)} spam, {segs.get('likely_bot', 0)} bots)"
        ],
    }


def channel_advice(brand: dict) -> list[dict]:
    """The advice list for one brand dict: neglected channels first, then engaged, invest,
    noise. Each item: ``channel``, ``kind``, ``advice``, ``reasons[]``."""
    channels = brand.get("channels") or []
    best_rate, best_time = _best_response(channels)
    out = [a for c in channels if (a := _neglect(c, brand, best_rate, best_time))]
    neglected = {a["channel"] for a in out}
    with_members = [c for c in channels if (_a(c, "members") or 0) > 0]
    invest = _invest_candidate(channels, brand, neglected)
    engaged = max(with_members, key=lambda c: (_a(c, "quality_members") or 0,
                                               _a(c, "quality_share") or 0), default=None)  # fmt: skip
    if len(with_members) >= 2 and engaged is not None and (_a(engaged, "quality_members") or 0):
        same = invest is engaged
        p = engaged["platform"]
        out.append({
            "channel": p,
            "kind": "engaged",
            "advice": f"Your engaged audience is on {p}"
            + (", and it is your most two-way channel: keep investing here." if same
               else ": keep it your first channel."),
            "reasons": _quality_reasons(engaged, brand),
        })  # fmt: skip
        if same:
            invest = None
    if invest is not None and len(with_members) >= 2:
        p = invest["platform"]
        out.append({
            "channel": p,
            "kind": "invest",
            "advice": f"Invest in {p}: its audience is the most two-way; grow it.",
            "reasons": _quality_reasons(invest, brand),
        })  # fmt: skip
    out.extend(a for c in channels if (a := _noise(c)))
    return out
