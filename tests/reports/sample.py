"""A full analysis result in the docs/output.md shape, for report and dashboard tests.

``full_result(store)`` analyses the store, then fills every section the report can draw
(elements, health, periods, flags, session, audience, channel_advice, benchmark, directory)
with simple, deterministic stand-ins built from the store's real messages: the rendering is
under test here, not the formulas (those are tested with the metrics)."""

from __future__ import annotations

from brandcouch import api

ELEMENT_KEYS = ("empathy", "value", "transparency", "mutuality")


def _evidence(store, brand: str, replied: bool, limit: int = 3) -> list[dict]:
    rows = store.con.execute(
        """
        SELECT i.id, i.platform, coalesce(a.handle, i.author_id), m.text, i.created_at,
               m.permalink, coalesce(m.root_id, m.id)
        FROM inbound i JOIN messages m ON m.id = i.id LEFT JOIN accounts a ON a.id = i.author_id
        WHERE i.brand = ? AND i.replied = ? ORDER BY i.created_at, i.id LIMIT ?
        """,
        [brand, replied, limit],
    ).fetchall()
    keys = ("message_id", "platform", "author", "text", "created_at", "permalink", "thread_root")
    out = [dict(zip(keys, r, strict=True)) for r in rows]
    for e in out:
        e["created_at"] = e["created_at"].isoformat() if e["created_at"] else None
    return out


def _score(value: float | None, n: int, raised, lowered, components: dict) -> dict:
    enough = value is not None and n >= 20
    return {
        "score": round(value, 1) if enough else None,
        "status": "ok" if enough else "not enough data",
        "n": n,
        "confidence": "high" if n >= 400 else ("medium" if n >= 100 else "low"),
        "components": components,
        "evidence": {"raised": raised, "lowered": lowered},
    }


def _elements(m: dict, raised, lowered) -> dict:
    rate = m["reply_rate_all"] or 0.0
    med = m["first_response_minutes_median"]
    speed = 0.0 if med is None else max(0.0, 100 - med / 6)
    n = m["inbound"]
    comps = {
        "response_rate": {
            "value": rate,
            "score": 100 * rate,
            "weight": 0.5,
            "n": n,
            "formula": "answered needing-reply inbound / needing-reply inbound",
        },
        "first_response_minutes": {
            "value": med,
            "score": speed,
            "weight": 0.5,
            "n": m["timed_responses"],
            "formula": "median minutes to the first direct reply",
        },
    }
    base = {
        "empathy": 0.5 * 100 * rate + 0.5 * speed,
        "value": 55 + 30 * (m["inbound_sentiment_mean"] or 0),
        "transparency": 40 + 50 * rate,
        "mutuality": 25 + 60 * rate,
    }
    return {
        k: _score(v, n, raised, lowered, comps if k == "empathy" else {}) for k, v in base.items()
    }


def _health(elements: dict, n: int) -> dict:
    vals = [e["score"] for e in elements.values()]
    value = None if None in vals else (vals[0] * vals[1] * vals[2] * vals[3]) ** 0.25
    comps = {
        k: {
            "value": e["score"],
            "score": e["score"],
            "weight": 0.25,
            "n": e["n"],
            "formula": "geometric mean of the four elements",
        }
        for k, e in elements.items()
    }
    return _score(value, n, [], [], comps)


def _bands(store, brand: str) -> dict:
    row = store.con.execute(
        """
        SELECT count(*) FILTER (WHERE response_minutes <= 6),
               count(*) FILTER (WHERE response_minutes > 6 AND response_minutes <= 22),
               count(*) FILTER (WHERE response_minutes > 22 AND response_minutes <= 60),
               count(*) FILTER (WHERE response_minutes > 60 AND response_minutes <= 1440),
               count(*) FILTER (WHERE response_minutes > 1440),
               count(*) FILTER (WHERE NOT replied)
        FROM inbound WHERE brand = ?
        """,
        [brand],
    ).fetchone()
    return dict(zip(("le_6min", "le_22min", "le_1h", "le_24h", "later", "never"), row, strict=True))


def _periods(store, brand: str) -> list[dict]:
    rows = store.con.execute(
        """
        SELECT week, count(*), avg(replied::INT), median(response_minutes)
        FROM inbound WHERE brand = ? AND week IS NOT NULL GROUP BY week ORDER BY week
        """,
        [brand],
    ).fetchall()
    out = []
    for week, n, rate, med in rows:
        m = {
            "inbound": n,
            "reply_rate_all": rate,
            "first_response_minutes_median": med,
            "inbound_sentiment_mean": 0.0,
            "timed_responses": n,
        }
        el = _elements(m, [], [])
        out.append(
            {
                "period": "week",
                "start": week.isoformat(),
                "metrics": m,
                "elements": el,
                "health": _health(el, n),
            }
        )
    return out


def enrich(store, result: dict) -> dict:
    """Fill the sections of ``result`` that a partial analysis leaves out."""
    for b in result["brands"]:
        raised = _evidence(store, b["name"], True)
        lowered = _evidence(store, b["name"], False)
        b["metrics"]["response_bands"] = _bands(store, b["name"])
        b["elements"] = _elements(b["metrics"], raised, lowered)
        b["health"] = _health(b["elements"], b["metrics"]["inbound"])
        for c in b["channels"]:
            c["elements"] = _elements(c["metrics"], [], [])
            c["health"] = _health(c["elements"], c["metrics"]["inbound"])
        b["periods"] = _periods(store, b["name"])
        b["flags"] = [
            dict(e, kind="comment", reason="promotional and off-topic (relevance 0.08)")
            for e in lowered[:2]
        ]
        b["session"] = {
            "findings": [
                {
                    "title": f"{b['name']} leaves most questions unanswered",
                    "numbers": [f"answered {100 * (b['metrics']['reply_rate_all'] or 0):.0f}%"],
                    "prescription": "Listen first: answer the questions people ask.",
                    "evidence": lowered[:2],
                    "element": "empathy",
                }
            ],
            "going_well": [{"title": "Replies are relevant to what was said"}],
        }
        b["audience"] = {
            "members": 120,
            "segments": {"advocates": 12, "regulars": 30, "critics_at_risk": 8, "one_off": 70},
            "quality_share": 0.35,
            "recommenders": [{"handle": "fan_1", "followers": 5400}],
        }
        b["channel_advice"] = [
            {
                "channel": c["platform"],
                "advice": "invest here",
                "reasons": [f"{c['metrics']['inbound']} inbound"],
            }
            for c in b["channels"][:1]
        ]
    result["benchmark"] = {
        "brands": [
            {
                "brand": b["name"],
                "health": {
                    "score": b["health"]["score"],
                    "rank": i + 1,
                    "percentile": 1 - i / max(1, len(result["brands"])),
                },
            }
            for i, b in enumerate(result["brands"])
        ]
    }
    result["directory"] = [
        {
            "brand": b["name"],
            "channel": c["platform"],
            "summary": f"answers {100 * (c['metrics']['reply_rate_all'] or 0):.0f}% of messages",
        }
        for b in result["brands"]
        for c in b["channels"]
    ]
    result["evidence_threads"] = api.evidence_threads(store, result)
    return result


def full_result(store) -> dict:
    return enrich(store, api.analyse(store))
