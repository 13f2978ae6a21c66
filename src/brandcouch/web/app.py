"""The dashboard's app factory: a read-only store, the analysis computed once and cached,
a token check and strict security headers on every response.

The store's one DuckDB connection is shared behind a lock: request handlers run in a thread
pool, and DuckDB connections are not safe to use from two threads at once."""

from __future__ import annotations

import hmac
import threading
import time
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, select_autoescape

from brandcouch import api

CSP = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
TOKEN_COOKIE = "brandcouch_token"


class Dashboard:
    """What the views share: the store, its lock, the cached analysis, the templates."""

    def __init__(self, db_path: str | Path, result: dict | None = None):
        self.db_path = str(db_path)
        self.store = api.open_store(db_path, read_only=True)
        self.lock = threading.Lock()
        self.result: dict = {}
        self.analysed_in = 0.0
        self.missing_signals = 0
        self.env = _environment()
        if result is not None:
            self.result = result
        else:
            self.refresh()

    def refresh(self) -> None:
        """Recompute the analysis (signals are read as stored: the store is read-only)."""
        with self.lock:
            started = time.perf_counter()
            self.result = api.analyse(self.store, signals=False)
            self.analysed_in = time.perf_counter() - started
            self.missing_signals = int(
                self.store.scalar(
                    """SELECT count(*) FROM messages m WHERE NOT EXISTS
                       (SELECT 1 FROM signal_values s WHERE s.key = m.text_hash)"""
                )
                or 0
            )

    def brand(self, name: str) -> tuple[int, dict] | None:
        for i, b in enumerate(self.result.get("brands") or [], 1):
            if b["name"] == name:
                return i, b
        return None

    def close(self) -> None:
        with self.lock:
            self.store.close()


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


def _install_guards(app: FastAPI, token: str | None) -> None:
    @app.middleware("http")
    async def guard(request: Request, call_next):
        from_query = False
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
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if token and from_query:
            response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
        return response


def create_app(db_path: str | Path, token: str | None = None, *, result: dict | None = None):
    """The dashboard over the store at ``db_path`` (opened read-only). With ``token``, every
    request must carry it (``Authorization: Bearer``, ``?token=`` then a cookie). ``result``
    skips the start-up analysis (tests)."""
    from fastapi.staticfiles import StaticFiles

    from brandcouch.web import api_routes, views

    dash = Dashboard(db_path, result)

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
    _install_guards(app, token)
    app.mount(
        "/static",
        StaticFiles(directory=str(Path(__file__).parent / "static")),
        name="static",
    )
    app.include_router(views.router)
    app.include_router(api_routes.router)
    return app
