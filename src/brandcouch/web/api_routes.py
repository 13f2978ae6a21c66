"""The dashboard's JSON API: the cached analysis by brand, threads and imports read by SQL.

Brand names and message ids are path segments here, URL-encoded (``/api/brands/Acme%0ACorp``):
the ``anytext`` convertor takes the rest of the path, slashes and line breaks included (the
stock ``path`` convertor's ``.*`` stops at a line break)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from starlette.convertors import Convertor, register_url_convertor

from brandcouch import api
from brandcouch.model.result import BrandResult
from brandcouch.model.vocabulary import ELEMENTS
from brandcouch.web.views import analysis, find_brand


class AnyText(Convertor[str]):
    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return str(value)


register_url_convertor("anytext", AnyText())

router = APIRouter(prefix="/api")


def _summary(b: BrandResult) -> dict:
    return {
        "name": b.name,
        "metrics": b.metrics.to_json(),
        "health": b.health.score,
        "elements": {k: b.elements[k].score for k in ELEMENTS if k in b.elements},
        "channels": [c.platform for c in b.channels],
    }


@router.get("/brands")
def brands(request: Request) -> dict:
    result = analysis(request)
    return {"generated_at": result.generated_at, "brands": [_summary(b) for b in result.brands]}


@router.get("/brands/{name:anytext}")
def brand(request: Request, name: str) -> dict:
    """One brand as in the JSON result (docs/output.md, ``brands[]``)."""
    found = find_brand(analysis(request), name)
    if found is None:
        raise HTTPException(404, "no such brand in this store")
    return found[1].to_json()


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
    return {"benchmark": analysis(request).benchmark.to_json()}


@router.get("/directory")
def directory(request: Request) -> dict:
    return {"directory": [e.to_json() for e in analysis(request).directory]}
