"""The dashboard's HTML pages: server-rendered, linkable, working without JavaScript.

Brand names and message ids come from the data, so they travel in query strings
(``/brand?name=...``), never in paths, and every page escapes them. Every parameter is
checked: an unknown value or a date that does not parse is a 400 page, page numbers are
clamped, and period arithmetic stops at 9999-12-31 instead of overflowing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from brandcouch import api
from brandcouch.errors import BrandcouchError
from brandcouch.model.result import Analysis, BrandResult
from brandcouch.model.vocabulary import SCORE_KEYS
from brandcouch.web import downloads
from brandcouch.web.care import care_of, volume_chart
from brandcouch.web.queue import clip, unanswered_queue

router = APIRouter()
PAGE_SIZE = 50
MAX_PAGE = 1_000_000  # 50 million messages deep; a bigger page number is clamped to it
PERIODS = ("all", "week", "month")
ROLES = ("inbound", "brand")
ANSWERED = {"": None, "1": True, "0": False}


class DashLinks:
    """Where scores, threads and brands link to in the dashboard."""

    @staticmethod
    def _url(path: str, **params) -> str:
        clean = {k: v for k, v in params.items() if v not in (None, "")}
        return path + ("?" + urlencode(clean) if clean else "")

    @classmethod
    def score(cls, brand_index: int, brand: str, key: str, **extra) -> str:
        return cls._url("/score", brand=brand, element=key, **extra)

    @classmethod
    def thread(cls, message_id: str) -> str:
        return cls._url("/thread", id=message_id)

    @classmethod
    def brand(cls, brand_index: int, brand: str, **extra) -> str:
        return cls._url("/brand", name=brand, **extra)

    @classmethod
    def messages(cls, brand: str, **extra) -> str:
        return cls._url("/messages", brand=brand, **extra)

    @classmethod
    def queue(cls, brand: str | None = None) -> str:
        return cls._url("/queue", brand=brand)

    @classmethod
    def csv(cls, table: str, brand: str | None = None, **extra) -> str:
        return cls._url("/download.csv", table=table, brand=brand, **extra)


def _dash(request: Request):
    return request.app.state.dash


#: the typed form of the dashboard's current result: (the result it was read from, Analysis);
#: read again only when a recompute swaps a new result in
_typed: list = [None, None]


def analysis(request: Request) -> Analysis:
    """The dashboard's cached result, typed (it may hold the JSON dict or an Analysis)."""
    result = _dash(request).result
    if _typed[0] is not result:
        _typed[:] = [result, Analysis.coerce(result)]
    return _typed[1]


#: the period picker's query parameters (overview and brand pages)
WINDOW_PARAMS = ("since", "until", "compare")


def window_params(request: Request) -> dict[str, str]:
    """The period picker's ``since``, ``until`` and ``compare`` of the request (empty values
    left out; ``compare`` without a date is ignored, as the picker's default is "previous")."""
    out = {k: request.query_params.get(k, "").strip() for k in WINDOW_PARAMS}
    out = {k: v for k, v in out.items() if v and v != "none"}
    if "since" not in out and "until" not in out:
        return {}
    return out


def windowed(request: Request) -> Analysis:
    """The analysis of the period the request picks (the whole analysis without one); a bad
    date is a 400."""
    params = window_params(request)
    if not params:
        return analysis(request)
    try:
        return _dash(request).windowed(
            params.get("since"), params.get("until"), params.get("compare")
        )
    except BrandcouchError as e:
        raise HTTPException(400, str(e)) from None


class WindowLinks(DashLinks):
    """Links that keep the picked period: the overview, the brand pages and their drill-downs
    (scores and their evidence, message lists, the queue, the CSV downloads) carry it."""

    params: dict[str, str] = {}

    @classmethod
    def brand(cls, brand_index: int, brand: str, **extra) -> str:
        return cls._url("/brand", name=brand, **{**cls.params, **extra})

    @classmethod
    def overview(cls) -> str:
        return cls._url("/", **cls.params)

    @classmethod
    def score(cls, brand_index: int, brand: str, key: str, **extra) -> str:
        return cls._url("/score", brand=brand, element=key, **{**cls.params, **extra})

    @classmethod
    def messages(cls, brand: str, **extra) -> str:
        return cls._url("/messages", brand=brand, **{**cls.params, **extra})

    @classmethod
    def queue(cls, brand: str | None = None) -> str:
        return cls._url("/queue", brand=brand, **cls.params)

    @classmethod
    def csv(cls, table: str, brand: str | None = None, **extra) -> str:
        return cls._url("/download.csv", table=table, brand=brand, **{**cls.params, **extra})


def window_bounds(result: Analysis) -> tuple[str, str] | None:
    """The analysed window of ``result`` as ``[start, end)`` naive UTC timestamps (the store's
    times, ``YYYY-MM-DD HH:MM:SS``): ``since`` 00:00 to the day after ``until`` 00:00 in the
    window's timezone, as the analysis reads it (docs/periods.md); None without a window."""
    w = result.window
    if w is None:
        return None
    zone = ZoneInfo(w.timezone or "UTC")

    def utc(d: date) -> str:
        local = datetime(d.year, d.month, d.day, tzinfo=zone)
        return local.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")

    return utc(date.fromisoformat(w.since)), utc(date.fromisoformat(w.until) + timedelta(days=1))


def _narrowed(bounds: tuple[str, str] | None, start: str | None, end: str | None):
    """``[start, end)`` (ISO dates or timestamps, either None) narrowed to ``bounds``."""
    if bounds is None:
        return start, end
    lo, hi = bounds
    start = lo if not start or start < lo else start
    end = hi if not end or end > hi else end
    return start, end


def _links(params: dict[str, str]):
    if not params:
        return DashLinks
    return type("PickedLinks", (WindowLinks,), {"params": dict(params)})


def render(
    request: Request,
    template: str,
    status_code: int = 200,
    headers=None,
    result: Analysis | None = None,
    **context,
) -> HTMLResponse:
    dash = _dash(request)
    result = result if result is not None else analysis(request)
    params = window_params(request) if result.window is not None else {}
    rest = [(k, v) for k, v in request.query_params.multi_items() if k not in WINDOW_PARAMS]
    all_time = request.url.path + ("?" + urlencode(rest) if rest else "")
    html = dash.env.get_template(template).render(
        all_time_url=all_time,
        r=result,
        dash=dash,
        links=_links(params),
        path=request.url.path,
        brand_names=result.brand_names(),
        window=params,
        **context,
    )
    return HTMLResponse(html, status_code=status_code, headers=headers)


ERROR_TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 409: "Busy"}


def error_page(request: Request, status: int, detail: str, headers=None) -> HTMLResponse:
    """A 4xx as a dashboard page: what went wrong and a way back."""
    return render(
        request, "error.html.j2", status_code=status, headers=headers, status=status,
        title=ERROR_TITLES.get(status, "Error"), detail=detail,
    )  # fmt: skip


def _choice(name: str, value: str, allowed) -> str:
    if value not in allowed:
        raise HTTPException(
            400, f"{name} must be one of: {', '.join(a or '(empty)' for a in allowed)}"
        )
    return value


def _period(period: str, start: str | None) -> tuple[str, str | None]:
    """The period kind and its first day (ISO), or ``start`` None (all time, or a kind
    without a chosen start); 400 for an unknown kind or a start that is not a date."""
    _choice("period", period, PERIODS)
    if period == "all" or not start:
        return period, None
    try:
        return period, date.fromisoformat(start).isoformat()
    except ValueError:
        raise HTTPException(400, "start must be a date, YYYY-MM-DD") from None


def find_brand(result: Analysis, name: str) -> tuple[int, BrandResult] | None:
    """The brand called ``name`` and its 1-based rank. A browser submits line breaks in form
    values as CRLF: a name that is not found is tried again with LF."""
    for candidate in dict.fromkeys((name, name.replace("\r\n", "\n"))):
        for i, b in enumerate(result.brands, 1):
            if b.name == candidate:
                return i, b
    return None


def _brand_or_404(
    request: Request, name: str, result: Analysis | None = None
) -> tuple[int, BrandResult]:
    """The brand ``name`` of ``result`` (the whole analysis by default); 404 when the store
    has no such brand, or when it has no messages in ``result``'s window."""
    found = find_brand(result if result is not None else analysis(request), name)
    if found is None:
        windowed_out = result is not None and result.window is not None
        if windowed_out and find_brand(analysis(request), name) is not None:
            raise HTTPException(404, "this brand has no messages in the chosen period")
        raise HTTPException(404, "no such brand in this store")
    return found


def _period_holder(brand: BrandResult, period: str, start: str | None):
    """The brand itself (all time) or the chosen week/month of its ``periods``, and that
    period (None for all time)."""
    if period in ("week", "month") and start:
        p = brand.period(period, start)
        if p is not None:
            return p, p
    return brand, None


def _period_end(period: str, start: str) -> str | None:
    """The day after a week (7 days from ``start``) or month (the 1st of the next month); None,
    no end, when that day would be past 9999-12-31, the last day Python dates have."""
    d = date.fromisoformat(start)
    if period == "week":
        return None if d > date.max - timedelta(days=7) else (d + timedelta(days=7)).isoformat()
    if d.month == 12:
        return None if d.year == date.max.year else date(d.year + 1, 1, 1).isoformat()
    return date(d.year, d.month + 1, 1).isoformat()


@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    return render(request, "overview.html.j2", result=windowed(request))


@router.get("/brand", response_class=HTMLResponse)
def brand_page(request: Request, name: str, period: str = "all", start: str | None = None):
    period, start = _period(period, start)
    result = windowed(request)
    found = find_brand(result, name)
    if found is None:
        if result.window is not None and find_brand(analysis(request), name) is not None:
            raise HTTPException(404, "this brand has no messages in the chosen period")
        raise HTTPException(404, "no such brand in this store")
    bi, brand = found
    holder, chosen = _period_holder(brand, period, start)
    return render(
        request, "brand.html.j2", result=result, bi=bi, b=brand, holder=holder, chosen=chosen,
        period=period if period in ("week", "month") else "all", start=start or "",
        care=care_of(brand), care_chart=volume_chart,
    )  # fmt: skip


@router.get("/score", response_class=HTMLResponse)
def score_page(
    request: Request,
    brand: str,
    element: str,
    channel: str | None = None,
    period: str = "all",
    start: str | None = None,
):
    if element not in SCORE_KEYS:
        raise HTTPException(404, "no such score")
    period, start = _period(period, start)
    result = windowed(request)  # a picked period: that period's scores and evidence
    bi, b = _brand_or_404(request, brand, result)
    holder, chosen = _period_holder(b, period, start)
    if channel:
        holder = b.channel(channel)
        if holder is None:
            raise HTTPException(404, "no such channel for this brand")
    s = holder.score(element)
    dash = _dash(request)
    threads = {}
    if s:
        ids = [e.message_id for e in (*s.evidence.lowered[:5], *s.evidence.raised[:5])]
        with dash.lock:
            found = api.threads_for(dash.store, [i for i in ids if i])
        threads = {mid: _excerpt(rows, mid) for mid, rows in found.items()}
    return render(
        request, "score.html.j2", result=result, bi=bi, b=b, s=s, element=element, channel=channel,
        chosen=chosen, threads={k: v for k, v in threads.items() if v},
    )  # fmt: skip


def _excerpt(rows: list[dict], message_id: str, before: int = 3, after: int = 4) -> list[dict]:
    idx = next((i for i, r in enumerate(rows) if r["id"] == message_id), None)
    if idx is None:
        return []
    keep = sorted({0, *range(max(0, idx - before), min(len(rows), idx + after + 1))})
    out, prev = [], -1
    for i in keep:
        out.append(dict(rows[i], gap_before=i > prev + 1))
        prev = i
    return out


@router.get("/messages", response_class=HTMLResponse)
def messages_page(
    request: Request,
    brand: str,
    role: str = "inbound",
    answered: str = "",
    platform: str = "",
    period: str = "all",
    start: str = "",
    page: int = 1,
):
    role = _choice("role", role, ROLES)
    ans = ANSWERED[_choice("answered", answered, tuple(ANSWERED))]
    period, first_day = _period(period, start or None)
    end = _period_end(period, first_day) if first_day else None
    result = windowed(request)  # a picked period: the messages written in it
    bi, b = _brand_or_404(request, brand, result)
    since, before = _narrowed(window_bounds(result), first_day, end)
    page = min(max(1, page), MAX_PAGE)
    dash = _dash(request)

    def fetch(page: int):
        with dash.lock:
            return api.messages_for(
                dash.store, brand, role=role, platform=platform or None, answered=ans,
                start=since, end=before, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE,
            )  # fmt: skip

    rows, total = fetch(page)
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:  # past the end: the last page
        page = pages
        rows, total = fetch(page)
    return render(
        request, "messages.html.j2", result=result, bi=bi, b=b, rows=rows, total=total, role=role,
        answered=answered, platform=platform, period=period, start=first_day or "", page=page,
        pages=pages,
    )  # fmt: skip


@router.get("/thread", response_class=HTMLResponse)
def thread_page(request: Request, id: str):
    dash = _dash(request)
    with dash.lock:
        rows = api.thread(dash.store, id)
    if not rows:
        raise HTTPException(404, "no such message in this store")
    brands = sorted({r["brand"] for r in rows if r["brand"]})
    with dash.lock:
        turns = thread_turns(dash.store, rows)
    # the brand picker follows the page: a conversation with one brand (writing in it, or
    # addressed by its customers' turns) selects it
    addressed = sorted(set(brands) | {t["brand"] for t in turns if t.get("brand")})
    picked = addressed[0] if len(addressed) == 1 else ""
    return render(
        request, "thread.html.j2", rows=rows, focus_id=id, brands=brands, turns=turns,
        picked_name=picked,
    )  # fmt: skip


#: a turn's verdict: its CSS class and label (the same verdicts as ``brandcouch conversations``)
VERDICTS = {
    "answered": "answered",
    "unanswered": "unanswered",
    "outside": "answered outside the data",
    "no_reply_needed": "no reply needed",  # unanswered, but nothing in it asks for an answer
}


def thread_turns(store, rows: list[dict]) -> list[dict]:
    """The customer turns of the conversation ``rows`` (api.conversations for its root), in
    conversation order per brand, each with its verdict, first-response minutes, author and
    first words."""
    _, frame = api.conversations(store, thread=rows[0]["root_id"])
    by_id = {r["id"]: r for r in rows}
    out = []
    for t in frame.to_dict("records"):
        first = by_id.get(t["message_ids"][0], {})
        if t["answered"]:
            verdict = "answered"
        elif t["answered_outside_data"]:
            verdict = "outside"
        elif t["needs_reply"]:
            verdict = "unanswered"
        else:
            verdict = "no_reply_needed"
        minutes = t["first_response_minutes"]
        out.append(
            {
                "brand": t["brand"],
                "turn_id": t["turn_id"],
                "message_ids": t["message_ids"],
                "n_messages": len(t["message_ids"]),
                "author": first.get("author") or "",
                "text": (first.get("text") or "")[:140],
                "needs_reply": bool(t["needs_reply"]),
                "complaint": bool(t["complaint"]),
                "verdict": verdict,
                "label": VERDICTS[verdict],
                "minutes": None if minutes is None or minutes != minutes else minutes,
            }
        )
    return out


#: the most rows the queue page lists (the CSV download has every row)
QUEUE_ROWS = 500


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, brand: str = ""):
    """The unanswered queue (:mod:`brandcouch.web.queue`) of one brand, or of every brand."""
    result = windowed(request)  # a picked period: the turns that began in it
    bi, b = _brand_or_404(request, brand, result) if brand else (0, None)
    dash = _dash(request)
    with dash.lock:
        rows = unanswered_queue(dash.store, b.name if b else None, within=window_bounds(result))
    return render(
        request, "queue.html.j2", result=result, bi=bi, b=b, rows=rows[:QUEUE_ROWS], total=len(rows),
        complaints=sum(r["complaint"] for r in rows), clip=clip,
    )  # fmt: skip


@router.get("/download.csv")
def download_csv(
    request: Request,
    table: str,
    brand: str = "",
    role: str = "inbound",
    answered: str = "",
    platform: str = "",
    period: str = "all",
    start: str = "",
):
    """A table as CSV (:mod:`brandcouch.web.downloads`): ``table`` is one of
    ``downloads.TABLES``; ``brand`` is needed by the brand's tables, optional for the queue;
    the /messages filters apply to ``messages``."""
    table = _choice("table", table, downloads.TABLES)
    if table in downloads.BRAND_TABLES and not brand:
        raise HTTPException(400, f"the {table} table needs a brand")
    result = windowed(request)  # a picked period: its rows
    b = _brand_or_404(request, brand, result)[1] if brand else None
    dash = _dash(request)
    bounds = window_bounds(result)
    if table == "queue":
        with dash.lock:
            rows = unanswered_queue(dash.store, b.name if b else None, within=bounds)
        columns, cells = downloads.queue_rows(rows)
    elif table == "messages":
        role = _choice("role", role, ROLES)
        ans = ANSWERED[_choice("answered", answered, tuple(ANSWERED))]
        period, first_day = _period(period, start or None)
        end = _period_end(period, first_day) if first_day else None
        since, before = _narrowed(bounds, first_day, end)
        with dash.lock:
            rows, _ = api.messages_for(
                dash.store, b.name, role=role, platform=platform or None, answered=ans,
                start=since, end=before, limit=downloads.MAX_MESSAGES, offset=0,
            )  # fmt: skip
        columns, cells = downloads.message_rows(rows)
    elif table == "benchmark":
        columns, cells = downloads.benchmark_rows(analysis(request).benchmark)
    elif table == "change":
        if result.comparison is None:
            raise HTTPException(400, "the change table needs a period: since, until, compare")
        columns, cells = downloads.change_rows(result, b.name if b else None)
    else:
        columns, cells = downloads.care_rows(b.to_json().get("care"), table)
    name = downloads.filename(table, b.name if b else None)
    return Response(
        downloads.to_csv(columns, cells),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/benchmark", response_class=HTMLResponse)
def benchmark_page(request: Request):
    return render(request, "benchmark.html.j2")


@router.get("/directory", response_class=HTMLResponse)
def directory_page(request: Request):
    return render(request, "directory.html.j2")


@router.get("/imports", response_class=HTMLResponse)
def imports_page(request: Request):
    dash = _dash(request)
    with dash.lock:
        rows = api.imports(dash.store)
    return render(request, "imports.html.j2", rows=rows)


@router.post("/refresh")
def refresh(request: Request):
    """Recompute; runs in the thread pool, pages keep answering meanwhile. A second refresh
    while one runs is refused with a 409 (not queued)."""
    if not _dash(request).refresh():
        return error_page(request, 409, "a recompute is already running; reload in a moment")
    return RedirectResponse("/", status_code=303)


@router.get("/assets/report.css")
def report_css(request: Request):
    css = str(_dash(request).env.globals["report_css"]())
    return Response(css, media_type="text/css")
