"""The consumer directory: per brand and channel, how the brand treats people who ask it
something, in plain sentences with the numbers beside them (docs/audience.md).

A *question* is an inbound message with ``question >= 0.5``; it is answered when the brand
replied to it directly; the median is over the minutes to the first direct reply of answered
questions. Where the store has no question signal at all (signals not run), every inbound
message counts and the sentences say "messages".
"""

from __future__ import annotations

import pandas as pd

from brandcouch.model.vocabulary import SIGNAL_ON, format_duration
from brandcouch.store import Store

#: questions on a channel below which the directory says "too few to say"
MIN_QUESTIONS = 5
#: answer rate below which a channel is "rarely"
RARELY = 0.25


def question_stats(store: Store) -> pd.DataFrame:
    """Per brand (``platform`` NULL) and per (brand, platform): questions, answered, median
    minutes; and the same over all inbound (``inbound``, ``replied``, ``inbound_median``)."""
    return store.df(
        f"""
        SELECT brand, platform,
               count(*) FILTER (WHERE question >= {SIGNAL_ON}) AS questions,
               count(*) FILTER (WHERE question >= {SIGNAL_ON} AND replied) AS answered,
               median(response_minutes) FILTER (WHERE question >= {SIGNAL_ON}) AS median_minutes,
               count(*) AS inbound, count(*) FILTER (WHERE replied) AS replied,
               median(response_minutes) AS inbound_median,
               count(question) AS scored
        FROM inbound
        GROUP BY GROUPING SETS ((brand), (brand, platform))
        """
    )


def duration(minutes: float | None) -> str:
    """``12.4`` → ``12 minutes``; ``200`` → ``3.3 hours``; ``4000`` → ``2.8 days`` (the
    vocabulary's one set of cut-offs, written out)."""
    return format_duration(minutes, long=True)


def _rate_phrase(rate: float, median: float | None, what: str, first: bool) -> str:
    head = f"answers {round(100 * rate)}% of {what}" if first else f"{round(100 * rate)}%"
    return head if median is None else f"{head}, median {duration(median)},"


def channel_phrase(ch: dict, what: str, first: bool) -> str:
    """The part of the brand's summary about one channel."""
    n, a, p, rate = ch["questions"], ch["answered"], ch["platform"], ch["answers_questions_rate"]
    if n < MIN_QUESTIONS:
        return f"too few {what} on {p} to say ({n})"
    if a == 0:
        return f"never answers {what} on {p} (0 of {n})" if first else f"never on {p} (0 of {n})"
    if rate < RARELY:
        return (
            f"rarely answers {what} on {p} ({a} of {n})" if first else f"rarely on {p} ({a} of {n})"
        )
    return f"{_rate_phrase(rate, ch['median_minutes'], what, first)} on {p}"


def channel_sentence(brand: str, ch: dict, what: str) -> str:
    """A standalone sentence about one channel."""
    n, a, p, rate = ch["questions"], ch["answered"], ch["platform"], ch["answers_questions_rate"]
    if n < MIN_QUESTIONS:
        return f"Too few {what} to {brand} on {p} to say ({n})."
    if a == 0:
        return f"{brand} answered none of {n} {what} on {p}."
    if rate < RARELY:
        return f"{brand} rarely answers {what} on {p} ({a} of {n})."
    tail = f", median {duration(ch['median_minutes'])}" if ch["median_minutes"] is not None else ""
    return f"{brand} answers {round(100 * rate)}% of {what} on {p} ({a} of {n}){tail}."


def _order(ch: dict) -> tuple:
    enough = ch["questions"] >= MIN_QUESTIONS
    rate = ch["answers_questions_rate"] or 0.0
    med = ch["median_minutes"] if ch["median_minutes"] is not None else float("inf")
    return (not enough, -rate, med, ch["platform"])


def summary_sentence(brand: str, channels: list[dict], what: str) -> str:
    """``Acme answers 83% of questions, median 12 minutes, on twitter; rarely on mastodon
    (2 of 40).`` Channels from best to worst."""
    if not channels:
        return f"No {what} to {brand} in the data."
    if all(c["questions"] < MIN_QUESTIONS for c in channels):
        parts = ", ".join(f"{c['questions']} on {c['platform']}" for c in channels)
        total = sum(c["questions"] for c in channels)
        return f"Too few {what} to {brand} to say ({total} in all: {parts})."
    phrases = [channel_phrase(c, what, i == 0) for i, c in enumerate(channels)]
    return f"{brand} " + "; ".join(phrases) + "."


def _entry(row: dict, basis: str) -> dict:
    if basis == "questions":
        n, a, med = int(row["questions"]), int(row["answered"]), row["median_minutes"]
    else:
        n, a, med = int(row["inbound"]), int(row["replied"]), row["inbound_median"]
    med = None if pd.isna(med) else round(float(med), 2)
    return {"questions": n, "answered": a, "answers_questions_rate": round(a / n, 4) if n else None,
            "median_minutes": med}  # fmt: skip


def build_directory(store: Store, brands: list[dict]) -> list[dict]:
    """One entry per brand (in ``brands`` order): ``brand``, ``basis``, the brand-wide numbers,
    ``channels[]`` (best first), ``best_channel`` and the ``summary`` sentence."""
    stats = question_stats(store)
    overall_rows = {r["brand"]: r for r in stats[stats["platform"].isna()].to_dict("records")}
    channel_rows: dict[str, list[dict]] = {}
    for r in stats[stats["platform"].notna()].to_dict("records"):
        channel_rows.setdefault(r["brand"], []).append(r)
    out = []
    for b in brands:
        overall = overall_rows.get(b["name"])
        basis = "questions" if overall is not None and overall["scored"] > 0 else "messages"
        chans = []
        for r in channel_rows.get(b["name"], []):
            ch = {"platform": r["platform"], **_entry(r, basis)}
            ch["sentence"] = channel_sentence(b["name"], ch, basis)
            chans.append(ch)
        chans.sort(key=_order)
        top = _entry(overall, basis) if overall is not None else _entry_empty()
        best = best_channel(chans)
        out.append({"brand": b["name"], "basis": basis, **top, "best_channel": best,
                    "channels": chans, "summary": summary_sentence(b["name"], chans, basis)})  # fmt: skip
    return out


def best_channel(channels: list[dict]) -> str | None:
    """The first (best) channel with enough questions, answered at least :data:`RARELY`."""
    ok = (c for c in channels if c["questions"] >= MIN_QUESTIONS
          and (c["answers_questions_rate"] or 0) >= RARELY)  # fmt: skip
    return next((c["platform"] for c in ok), None)


def _entry_empty() -> dict:
    return {"questions": 0, "answered": 0, "answers_questions_rate": None, "median_minutes": None}


def directory_from_result(result: dict) -> list[dict]:
    """The directory of a result: its ``directory`` key when present; otherwise an approximation
    from the channel metrics (basis "messages": every inbound message, not only questions)."""
    if result.get("directory") is not None:
        return result["directory"]
    out = []
    for b in result.get("brands", []):
        chans = []
        for c in b.get("channels", []):
            m = c.get("metrics", {})
            n, a = int(m.get("inbound") or 0), int(m.get("replied") or 0)
            ch = {"platform": c["platform"], "questions": n, "answered": a,
                  "answers_questions_rate": round(a / n, 4) if n else None,
                  "median_minutes": m.get("first_response_minutes_median")}  # fmt: skip
            ch["sentence"] = channel_sentence(b["name"], ch, "messages")
            chans.append(ch)
        chans.sort(key=_order)
        m = b.get("metrics", {})
        n, a = int(m.get("inbound") or 0), int(m.get("replied") or 0)
        out.append({"brand": b["name"], "basis": "messages", "questions": n, "answered": a,
                    "answers_questions_rate": round(a / n, 4) if n else None,
                    "median_minutes": m.get("first_response_minutes_median"),
                    "best_channel": best_channel(chans),
                    "channels": chans,
                    "summary": summary_sentence(b["name"], chans, "messages")})  # fmt: skip
    return out
