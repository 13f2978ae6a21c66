"""The dashboard's app factory: a snapshot of the store, the analysis computed once and cached,
a Host check, a token check, a same-origin check on every POST and strict security headers
on every response.

The dashboard holds no lock on the store file between requests: at start-up and on every
recompute it copies the store into memory (``api.open_store(path, snapshot=True)``,
the file open read-only for about 0.3 s on the demo store) and answers every page from that
copy, so ``import``, ``analyze``, ``session`` and the rest work in other processes while it
runs, and a recompute picks up what they wrote. When another process is writing the store, a
recompute keeps the last analysis and says the data is being updated (``Dashboard.notice``).

The snapshot's one DuckDB connection is shared behind a lock: request handlers run in a
thread pool, and DuckDB connections are not safe to use from two threads at once. A refresh
copies and analyses a new snapshot outside that lock, and swaps it in."""

from __future__ import annotations

import hmac
import ipaddress
import re
import threading
import time
from contextlib import asynccontextmanager
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from brandcouch import api
from brandcouch.errors import StoreError
from brandcouch.settings import Config

#: seconds a recompute waits for a store another process is writing before it gives up and
#: keeps the last analysis (start-up waits the ``busy_timeout`` setting)
REFRESH_WAIT = 1.0
#: analyses of a window (the period picker) kept at once
WINDOWS_KEPT = 6

CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    # same-origin, not no-referrer: under no-referrer browsers send `Origin: null` on the
    # dashboard's own form POSTs, which the same-origin check below must then refuse
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
TOKEN_COOKIE = "brandcouch_token"
WILDCARD_HOSTS = {"", "0.0.0.0", "::"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}
_PORT = re.compile(r"[0-9]{1,5}")


class Dashboard:
    """What the views share: the snapshot store, its lock, the cached analysis, the templates.

    ``store`` is an in-memory copy of the file (see the module docstring); ``notice`` is a
    sentence for the pages when the last recompute found the store busy, else None."""

    def __init__(
        self,
        db_path: str | Path,
        result: api.Analysis | dict | None = None,
        config: Config | None = None,
    ):
        self.db_path = str(db_path)
        self.config = config
        self.lock = threading.Lock()
        self.refreshing = threading.Lock()  # held while a refresh runs: one at a time
        self.result: api.Analysis | dict = {}
        self.analysed_in = 0.0
        self.copied_in = 0.0
        self.missing_signals = 0
        self.notice: str | None = None
        #: analyses of a window (the period picker), by (since, until, compare); cleared by a
        #: recompute. Each is computed on its own connection to the snapshot (a DuckDB cursor:
        #: its own temp tables), so the drill-down pages keep reading the whole analysis
        self.windows: dict[tuple, api.Analysis] = {}
        self.window_lock = threading.Lock()
        self.env = _environment()
        # at start-up nothing else runs here; a busy store is waited for (busy_timeout)
        self.store = self._snapshot(busy_timeout=None)
        if result is not None:
            self.result = result
        else:
            self._swap_in(*self._analysed(self.store))

    def _snapshot(self, busy_timeout: float | None) -> api.Store:
        started = time.perf_counter()
        store = api.open_store(
            self.db_path, config=self.config, busy_timeout=busy_timeout, snapshot=True
        )
        self.copied_in = time.perf_counter() - started
        return store

    def refresh(self) -> bool:
        """Copy the store again and recompute the analysis (signals are read as stored) on the
        new copy, so pages keep answering from the old one meanwhile, and swap both in. False,
        at once, when a refresh is already running. When another process is writing the
        store, the last analysis stays and ``notice`` says so."""
        if not self.refreshing.acquire(blocking=False):
            return False
        try:
            try:
                fresh = self._snapshot(busy_timeout=REFRESH_WAIT)
            except StoreError as e:
                holder = getattr(e, "holder", None)  # a StoreBusyError: another process writes
                if holder is None:
                    raise
                self.notice = (
                    f"The store is being updated by another process ({holder.describe()}): "
                    "this is the last analysis. Recompute again when it has finished."
                )
                return True
            try:
                analysed = self._analysed(fresh)
            except BaseException:
                fresh.close()
                raise
            with self.lock:
                old, self.store = self.store, fresh
                self._swap_in(*analysed)
                self.notice = None
            old.close()
        finally:
            self.refreshing.release()
        return True

    def windowed(self, since: str | None, until: str | None, compare: str | None):
        """The analysis of the window ``since``..``until`` (ISO dates, inclusive; either may
        be None) compared with ``compare`` (``previous``, ``YYYY-MM-DD:YYYY-MM-DD`` or None),
        computed once per window and kept until the next recompute (the last
        :data:`WINDOWS_KEPT`). Bad dates raise :class:`~brandcouch.errors.ConfigError`."""
        key = (since, until, compare)
        with self.window_lock:
            hit = self.windows.get(key)
            if hit is not None:
                return hit
            with self.lock:
                store = self.store
                con = store.con.cursor()
            try:
                window = api.parse_compare(compare)
                extra = {} if self.config is None else {"config": self.config}
                result = api.analyse(
                    api.Store(con, store.path), since=since and api.parse_day(since, "since"),
                    until=until and api.parse_day(until, "until"), compare=window, **extra,
                )  # fmt: skip
            finally:
                con.close()
            if len(self.windows) >= WINDOWS_KEPT:
                self.windows.pop(next(iter(self.windows)))
            self.windows[key] = result
            return result

    def _analysed(self, store) -> tuple[api.Analysis, float, int]:
        return _analysed(store, self.config)

    def _swap_in(self, result: api.Analysis, seconds: float, missing: int) -> None:
        self.result, self.analysed_in, self.missing_signals = result, seconds, missing
        self.windows = {}

    def close(self) -> None:
        with self.refreshing, self.lock:
            self.store.close()


def _analysed(store, config: Config | None = None) -> tuple[api.Analysis, float, int]:
    started = time.perf_counter()
    # the file is never written: ``store`` is the in-memory snapshot, so texts whose signals the
    # file lacks (added through the Python API, not ``brandcouch import``) are scored into the
    # copy for this analysis, as the CLI's read-only commands do, and the pages say how many
    missing = store.scalar(
        """SELECT count(*) FROM messages m WHERE NOT EXISTS
           (SELECT 1 FROM signal_values s WHERE s.key = m.text_hash)"""
    )
    extra = {} if config is None else {"config": config}
    result = api.analyse(store, signals=True, **extra)
    seconds = time.perf_counter() - started
    return result, seconds, int(missing or 0)


def _environment() -> Environment:
    helpers = api.report_helpers()
    env = Environment(
        loader=ChoiceLoader(
            [
                PackageLoader("brandcouch.web", "templates"),
                FileSystemLoader(helpers["template_dirs"]),
            ]
        ),
        autoescape=select_autoescape(["html", "j2"], default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(helpers["filters"])
    env.globals.update(helpers["globals"])
    env.tests.update(helpers["tests"])
    return env


def _supplied_token(request: Request) -> tuple[str | None, bool]:
    """The token the request carries, and whether it came in the query string."""
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip(), False
    if "token" in request.query_params:
        return request.query_params["token"], True
    return request.cookies.get(TOKEN_COOKIE), False


def _canonical_host(name: str) -> str:
    """A host name or IP literal as compared: lower case, no trailing dot, no brackets, IPs in
    their canonical form (``::0:1`` is ``::1``)."""
    h = name.strip().lower().rstrip(".")
    if h.startswith("[") and h.endswith("]"):
        h = h[1:-1]
    try:
        return str(ipaddress.ip_address(h))
    except ValueError:
        return h


def _split_host(value: str, scheme: str) -> tuple[str, int] | None:
    """``name[:port]`` or ``[v6][:port]`` as (canonical name, port); None when malformed."""
    v = value.strip()
    if v.startswith("["):
        end = v.find("]")
        name, rest = v[1:end], v[end + 1 :]
        if end < 0 or (rest and not rest.startswith(":")):
            return None
        port_text = rest[1:] if rest else None
    elif v.count(":") > 1:  # an IPv6 literal must be bracketed
        return None
    else:
        name, colon, port_text = v.partition(":")
        port_text = port_text if colon else None
    if not name or (port_text is not None and not _PORT.fullmatch(port_text)):
        return None
    port = int(port_text) if port_text is not None else DEFAULT_PORTS.get(scheme, 80)
    return _canonical_host(name), port


def _is_loopback(name: str) -> bool:
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


class HostCheck:
    """Which ``Host`` headers the dashboard answers (DNS rebinding: a page on ``evil.example``
    that re-resolves to 127.0.0.1 sends ``Host: evil.example``). Always the loopback names
    (``localhost``, ``127.0.0.1``, ``::1``, ...) and the bound ``host``; a wildcard or unknown
    ``host`` (``0.0.0.0``, ``::``, None) with a token accepts any name, the token being the
    guard. With ``port``, the Host's port must be it."""

    def __init__(self, host: str | None, port: int | None, token: str | None):
        bound = _canonical_host(host or "")
        self.any_name = bound in WILDCARD_HOSTS and bool(token)
        self.names = {bound} - WILDCARD_HOSTS
        self.port = port

    def allows(self, value: str | None, scheme: str) -> bool:
        parsed = _split_host(value, scheme) if value else None
        if parsed is None:
            return False
        name, port = parsed
        if self.port is not None and port != self.port:
            return False
        return self.any_name or name in self.names or _is_loopback(name)


def _origin(url: str, default_scheme: str = "http") -> tuple[str, str, int] | None:
    """(scheme, canonical host, port) of a URL or an ``Origin`` value; None when unparsable."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if not scheme or not parts.hostname:
            return None
        return scheme, _canonical_host(parts.hostname), parts.port or DEFAULT_PORTS.get(scheme, 80)
    except ValueError:
        return None


def same_origin(request: Request) -> bool:
    """Whether a POST comes from the dashboard's own pages: its ``Origin`` (browsers send one
    on every POST) or, without one, its ``Referer`` names this scheme, host and port; a
    browser that sends neither (or ``Origin: null``) passes with ``Sec-Fetch-Site:
    same-origin``, a header pages cannot set."""
    scheme = request.url.scheme
    host = _split_host(request.headers.get("host", ""), scheme)
    own = (scheme, *host) if host else None
    origin = request.headers.get("origin")
    if origin and origin != "null":
        return own is not None and _origin(origin) == own
    referer = request.headers.get("referer")
    if referer:
        return own is not None and _origin(referer) == own
    return request.headers.get("sec-fetch-site") == "same-origin"


def plain_page(status: int, title: str, text: str, headers: dict | None = None) -> HTMLResponse:
    """A short standalone HTML page (no data from the store) for refused requests."""
    html = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{status} {escape(title)} · brandcouch dashboard</title></head>"
        f"<body><main><h1>{status} · {escape(title)}</h1><p>{escape(text)}</p></main></body></html>"
    )
    response = HTMLResponse(html, status_code=status, headers=headers)
    response.headers.update(SECURITY_HEADERS)
    return response


def _install_guards(app: FastAPI, token: str | None, hosts: HostCheck) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next):
        from_query = False
        if not hosts.allows(request.headers.get("host"), request.url.scheme):
            return plain_page(
                400,
                "Unknown host",
                "This dashboard answers only at the address it was started on (for example "
                "http://127.0.0.1:8765/), not under another host name.",
            )
        if token:
            supplied, from_query = _supplied_token(request)
            if not supplied or not hmac.compare_digest(supplied.encode(), token.encode()):
                response: Response = PlainTextResponse(
                    "401: this dashboard needs its token (Authorization: Bearer <token>, "
                    "or open the URL with ?token=<token> once).",
                    status_code=401,
                    headers={"WWW-Authenticate": "Bearer"},
                )
                response.headers.update(SECURITY_HEADERS)
                return response
        if request.method not in SAFE_METHODS and not same_origin(request):
            return plain_page(
                403,
                "Cross-site request refused",
                "A POST to this dashboard must come from its own pages (same Origin).",
            )
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if token and from_query:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response


def _install_error_pages(app: FastAPI) -> None:
    """4xx as an HTML page (JSON ``{"detail": ...}`` under ``/api``); a query parameter that
    does not parse is a 400, not FastAPI's 422."""
    from brandcouch.web.views import error_page

    def respond(request: Request, status: int, detail: str, headers=None) -> Response:
        if request.url.path == "/api" or request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=status, headers=headers)
        return error_page(request, status, detail, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return respond(request, exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_parameter(request: Request, exc: RequestValidationError):
        parts = []
        for e in exc.errors():
            name = str(e.get("loc", ["", "?"])[-1])
            parts.append(f"{name}: {e.get('msg', 'invalid')}")
        return respond(request, 400, "bad parameter: " + "; ".join(parts))


def create_app(
    db_path: str | Path,
    token: str | None = None,
    *,
    result: api.Analysis | dict | None = None,
    host: str | None = None,
    port: int | None = None,
    config: Config | None = None,
):
    """The dashboard over the store at ``db_path`` (an in-memory snapshot of it, taken again
    on every recompute; the file is never written). ``config`` is the same
    :class:`~brandcouch.settings.Config` the CLI loads (``serve --config``). With ``token``,
    every request must carry it (``Authorization: Bearer``, ``?token=`` then a cookie). ``host`` and
    ``port`` are where it is served (``brandcouch serve`` passes its ``--host``/``--port``):
    requests naming another host are refused (:class:`HostCheck`). ``result`` skips the
    start-up analysis (tests)."""
    from fastapi.staticfiles import StaticFiles

    from brandcouch.web import api_routes, views

    dash = Dashboard(db_path, result, config)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        dash.close()

    app = FastAPI(
        title="brandcouch dashboard",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
    )
    app.state.dash = dash
    _install_guards(app, token, HostCheck(host, port, token))
    _install_error_pages(app)
    app.mount(
        "/static",
        StaticFiles(directory=str(Path(__file__).parent / "static")),
        name="static",
    )
    app.include_router(views.router)
    app.include_router(api_routes.router)
    return app
