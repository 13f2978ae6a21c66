"""Read conversations from the store for evidence and drill-down: whole threads, a brand's
messages, the import log. SQL over the base tables and the analysis steps they need, which
the analysis runner materialises (``brand_map``: who is a brand, the configuration's
``[brands]`` included; :func:`brand_messages` reads ``inbound`` / ``brand_msgs``); a runner
without a config reuses the configuration of the connection's last analysis."""

from __future__ import annotations

from collections.abc import Iterable

from brandcouch.analysis.run import imports_log
from brandcouch.analysis.steps import ensure
from brandcouch.store import Store

#: signals shown beside a message in a conversation
THREAD_SIGNALS = (
    "sentiment",
    "question",
    "complaint",
    "sales_pitch",
    "deflection",
    "gratitude",
    "apology",
    "recommendation",
    "self_promotion",
)

_SIGNAL_PIVOT = ", ".join(
    f"max(value) FILTER (WHERE signal = '{s}') AS {s}" for s in THREAD_SIGNALS
)


def _select_messages(where: str, order: str = "") -> str:
    """Messages matching ``where`` (on alias ``m``) with author, brand and signals. Signals are
    pivoted only for the selected texts: the query stays fast on large stores."""
    return f"""
    WITH sel AS (SELECT * FROM messages m WHERE {where}),
    sig AS (
        SELECT key, {_SIGNAL_PIVOT} FROM signal_values
        WHERE key IN (SELECT text_hash FROM sel) GROUP BY key
    )
    SELECT m.id, m.platform, m.author_id, a.handle, a.display_name, a.followers,
           bm.brand, m.created_at, m.kind, m.parent_id, coalesce(m.root_id, m.id) AS root_id,
           m.text, m.title, m.permalink, m.deleted, m.likes, m.reposts, m.quotes,
           {", ".join(f"sig.{s}" for s in THREAD_SIGNALS)}
    FROM sel m
    LEFT JOIN accounts a ON a.id = m.author_id
    LEFT JOIN brand_map bm ON bm.account_id = m.author_id
    LEFT JOIN sig ON sig.key = m.text_hash
    {order}
    """


_FIELDS = (
    "id", "platform", "author_id", "handle", "display_name", "followers", "brand",
    "created_at", "kind", "parent_id", "root_id", "text", "title", "permalink", "deleted",
    "likes", "reposts", "quotes",
)  # fmt: skip


def _row_dict(row: tuple) -> dict:
    d = dict(zip(_FIELDS, row[: len(_FIELDS)], strict=True))
    sig = dict(zip(THREAD_SIGNALS, row[len(_FIELDS) :], strict=True))
    d["created_at"] = d["created_at"].isoformat() if d["created_at"] is not None else None
    d["is_brand"] = d["brand"] is not None
    d["author"] = f"@{d['handle']}" if d["handle"] else (d["display_name"] or d["author_id"])
    d["signals"] = {k: round(v, 3) for k, v in sig.items() if v is not None}
    return d


def _with_depth(rows: list[dict]) -> list[dict]:
    """Chronological order; ``depth`` = replies between a message and its root (capped at 6)."""
    by_id = {r["id"]: r for r in rows}
    for r in rows:
        depth, p, seen = 0, r["parent_id"], set()
        while p in by_id and p not in seen and depth < 6:
            seen.add(p)
            depth, p = depth + 1, by_id[p]["parent_id"]
        r["depth"] = depth
    return rows


def thread_roots(store: Store, message_ids: Iterable[str]) -> dict[str, str]:
    ids = list(dict.fromkeys(message_ids))
    if not ids:
        return {}
    rows = store.con.execute(
        "SELECT id, coalesce(root_id, id) FROM messages WHERE id IN (SELECT unnest(?))", [ids]
    ).fetchall()
    return dict(rows)


def threads_by_root(store: Store, roots: Iterable[str], limit: int = 400) -> dict[str, list[dict]]:
    """Whole threads (up to ``limit`` messages each, oldest first) for the given roots."""
    roots = list(dict.fromkeys(roots))
    if not roots:
        return {}
    ensure(store, "brand_map")
    rows = store.con.execute(
        f"""
        SELECT * FROM ({_select_messages("coalesce(m.root_id, m.id) IN (SELECT unnest(?))")}) t
        QUALIFY row_number() OVER (PARTITION BY root_id ORDER BY created_at NULLS LAST, id) <= ?
        ORDER BY root_id, created_at NULLS LAST, id
        """,
        [roots, limit],
    ).fetchall()
    out: dict[str, list[dict]] = {r: [] for r in roots}
    for row in rows:
        d = _row_dict(row)
        out.setdefault(d["root_id"], []).append(d)
    return {r: _with_depth(v) for r, v in out.items() if v}


def thread(store: Store, message_id: str, limit: int = 400) -> list[dict]:
    """The whole conversation ``message_id`` belongs to, in order; the message itself carries
    ``focus: True``. Empty when the id is unknown."""
    root = thread_roots(store, [message_id]).get(message_id)
    if root is None:
        return []
    rows = threads_by_root(store, [root], limit).get(root, [])
    for r in rows:
        r["focus"] = r["id"] == message_id
    return rows


def excerpt(rows: list[dict], message_id: str, before: int = 3, after: int = 4) -> list[dict]:
    """The root, the messages around ``message_id``, and marks ``focus`` / ``gap_before``."""
    idx = next((i for i, r in enumerate(rows) if r["id"] == message_id), None)
    if idx is None:
        return []
    keep = sorted({0, *range(max(0, idx - before), min(len(rows), idx + after + 1))})
    out, prev = [], -1
    for i in keep:
        r = dict(rows[i], focus=rows[i]["id"] == message_id, gap_before=i > prev + 1)
        out.append(r)
        prev = i
    return out


def imports(store: Store) -> list[dict]:
    return imports_log(store)


def brand_messages(
    store: Store,
    brand: str,
    *,
    role: str = "inbound",
    platform: str | None = None,
    answered: bool | None = None,
    start: str | None = None,
    end: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict], int]:
    """A page of a brand's messages, newest first, and the total count. ``role`` is
    ``"inbound"`` (audience messages addressed to it; ``answered`` filters) or ``"brand"``."""
    ensure(store, "inbound", "brand_msgs")
    table = "inbound" if role == "inbound" else "brand_msgs"
    where, params = ["f.brand = ?"], [brand]
    if platform:
        where.append("f.platform = ?")
        params.append(platform)
    if answered is not None and role == "inbound":
        where.append("f.replied = ?")
        params.append(answered)
    if start:
        where.append("f.created_at >= ?::TIMESTAMP")
        params.append(start)
    if end:
        where.append("f.created_at < ?::TIMESTAMP")
        params.append(end)
    cond = " AND ".join(where)
    total = int(store.scalar(f"SELECT count(*) FROM {table} f WHERE {cond}", params))
    ids = [r[0] for r in store.con.execute(
        f"SELECT f.id FROM {table} f WHERE {cond} "
        "ORDER BY f.created_at DESC NULLS LAST, f.id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()]  # fmt: skip
    if not ids:
        return [], total
    rows = store.con.execute(
        _select_messages(
            "m.id IN (SELECT unnest(?))", "ORDER BY m.created_at DESC NULLS LAST, m.id"
        ),
        [ids],
    ).fetchall()
    return [_row_dict(r) for r in rows], total


def _evidence_items(brand: dict) -> list[dict]:
    from brandcouch.reports import view

    items = []
    for s in view.scores(brand):
        items.extend(s["evidence"]["lowered"][:4] + s["evidence"]["raised"][:4])
    items.extend((brand.get("flags") or [])[:6])
    for f in (view.session(brand) or {}).get("findings", []):
        items.extend(f["evidence"][:3])
    return items


def evidence_threads(store: Store, result: dict, max_brands: int = 25) -> dict[str, list[dict]]:
    """Conversation excerpts for the evidence of the first ``max_brands`` brands, keyed by the
    evidence message id: what the HTML report shows under each score."""
    wanted: list[str] = []
    for b in (result.get("brands") or [])[:max_brands]:
        wanted.extend(e["message_id"] for e in _evidence_items(b) if e.get("message_id"))
    roots = thread_roots(store, wanted)
    threads = threads_by_root(store, set(roots.values()))
    out = {}
    for mid, root in roots.items():
        ex = excerpt(threads.get(root, []), mid)
        if ex:
            out[mid] = ex
    return out
