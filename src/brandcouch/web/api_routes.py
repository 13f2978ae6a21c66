"""The dashboard's JSON API: the cached analysis by brand, threads and imports read by SQL.

Brand names and message ids are path segments here, URL-encoded (``/api/brands/Acme%0ACorp``):
the ``anytext`` convertor takes the rest of the path, slashes and line breaks included (the
stock ``path`` convertor's ``.*`` stops at a line break)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.convertors import Convertor, register_url_convertor

from brandcouch import api


class AnyText(Convertor[str]):
    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return str(value)


register_url_convertor("anytext", AnyText())

router = APIRouter(prefix="/api")
SCORE_KEYS = ("empathy", "value", "transparency", "mutuality")


def _summary(b: dict) -> dict:
    elements = b.get("elements") or {}
    return {
        "name": b["name"],
        "metrics": b.get("metrics"),
        "health": (b.get("health") or {}).get("score"),
        "elements": {k: (elements.get(k) or {}).get("score") for k in SCORE_KEYS if k in elements},
        "channels": [c.get("platform") for c in b.get("channels") or []],
    }


@router.get("/brands")
def brands(request: Request) -> dict:
    result = request.app.state.dash.result
    return {
        "generated_at": result.get("generated_at"),
        "brands": [_summary(b) for b in result.get("brands") or []],
    }


@router.get("/brands/{name:anytext}")
def brand(request: Request, name: str) -> dict:
    found = request.app.state.dash.brand(name)
    if found is None:
        raise HTTPException(404, "no such brand in this store")
    return found[1]


@router.get("/threads/{message_id:anytext}")
def thread(request: Request, message_id: str) -> dict:
    dash = request.app.state.dash
    with dash.lock:
        rows = api.thread(dash.store, message_id)
    if not rows:
        raise HTTPException(404, "no such message in this store")
    return {"message_id": message_id, "root_id": rows[0]["root_id"], "messages": rows}


@router.get("/imports")
def imports(request: Request) -> dict:
    dash = request.app.state.dash
    with dash.lock:
        return {"imports": api.imports(dash.store)}


@router.get("/benchmark")
def benchmark(request: Request) -> dict:
    return {"benchmark": request.app.state.dash.result.get("benchmark")}


@router.get("/directory")
def directory(request: Request) -> dict:
    return {"directory": request.app.state.dash.result.get("directory") or []}
