"""The dashboard's HTML pages: server-rendered, linkable, working without JavaScript.

Brand names and message ids come from the data, so they travel in query strings
(``/brand?name=...``), never in paths, and every page escapes them."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from brandcouch import api

router = APIRouter()
SCORE_KEYS = ("empathy", "value", "transparency", "mutuality", "health")
PAGE_SIZE = 50


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


def _dash(request: Request):
    return request.app.state.dash


def render(request: Request, template: str, **context) -> HTMLResponse:
    dash = _dash(request)
    html = dash.env.get_template(template).render(
        r=dash.result,
        dash=dash,
        links=DashLinks,
        path=request.url.path,
        brand_names=[b["name"] for b in dash.result.get("brands") or []],
        **context,
    )
    return HTMLResponse(html)


def _brand_or_404(request: Request, name: str) -> tuple[int, dict]:
    found = _dash(request).brand(name)
    if found is None:
        raise HTTPException(404, "no such brand in this store")
    return found


def _period_holder(brand: dict, period: str, start: str | None) -> tuple[dict, dict | None]:
    """The brand itself (all time) or the chosen week/month entry of ``periods[]``."""
    if period in ("week", "month") and start:
        for p in brand.get("periods") or []:
            if p.get("period") == period and str(p.get("start")) == start:
                return p, p
    return brand, None


def _period_end(period: str, start: str) -> str | None:
    try:
        d = date.fromisoformat(start)
    except ValueError:
        return None
    if period == "week":
        return (d + timedelta(days=7)).isoformat()
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1).isoformat()


@router.get("/", response_class=HTMLResponse)
def overview(request: Request):
    return render(request, "overview.html.j2")


@router.get("/brand", response_class=HTMLResponse)
def brand_page(request: Request, name: str, period: str = "all", start: str | None = None):
    bi, brand = _brand_or_404(request, name)
    holder, chosen = _period_holder(brand, period, start)
    return render(
        request, "brand.html.j2", bi=bi, b=brand, holder=holder, chosen=chosen,
        period=period if period in ("week", "month") else "all", start=start or "",
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
    bi, b = _brand_or_404(request, brand)
    holder, chosen = _period_holder(b, period, start)
    if channel:
        holder = next((c for c in b.get("channels") or [] if c.get("platform") == channel), None)
        if holder is None:
            raise HTTPException(404, "no such channel for this brand")
    scores = {s["key"]: s for s in request.app.state.dash.env.globals["view"].scores(holder)}
    s = scores.get(element)
    dash = _dash(request)
    threads = {}
    if s:
        ids = [
            e.get("message_id") for side in ("lowered", "raised") for e in s["evidence"][side][:5]
        ]
        with dash.lock:
            found = api.threads_for(dash.store, [i for i in ids if i])
        threads = {mid: _excerpt(rows, mid) for mid, rows in found.items()}
    return render(
        request, "score.html.j2", bi=bi, b=b, s=s, element=element, channel=channel,
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
    bi, b = _brand_or_404(request, brand)
    role = "brand" if role == "brand" else "inbound"
    ans = {"1": True, "0": False}.get(answered)
    end = _period_end(period, start) if start and period in ("week", "month") else None
    page = max(1, page)
    dash = _dash(request)
    with dash.lock:
        rows, total = api.messages_for(
            dash.store, brand, role=role, platform=platform or None, answered=ans,
            start=start or None if end else None, end=end, limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )  # fmt: skip
    return render(
        request, "messages.html.j2", bi=bi, b=b, rows=rows, total=total, role=role,
        answered=answered, platform=platform, period=period, start=start, page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
    )  # fmt: skip


@router.get("/thread", response_class=HTMLResponse)
def thread_page(request: Request, id: str):
    dash = _dash(request)
    with dash.lock:
        rows = api.thread(dash.store, id)
    if not rows:
        raise HTTPException(404, "no such message in this store")
    brands = sorted({r["brand"] for r in rows if r["brand"]})
    return render(request, "thread.html.j2", rows=rows, focus_id=id, brands=brands)


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
    _dash(request).refresh()
    return RedirectResponse("/", status_code=303)


@router.get("/assets/report.css")
def report_css(request: Request):
    css = str(_dash(request).env.globals["report_css"]())
    return Response(css, media_type="text/css")
