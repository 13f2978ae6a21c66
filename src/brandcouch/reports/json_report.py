"""The JSON report: the analysis result as documented in docs/output.md (and validated by
docs/output.schema.json)."""

from __future__ import annotations

from json.encoder import INFINITY, encode_basestring
from pathlib import Path

from brandcouch.model.result import Analysis


def write_json(result: Analysis | dict, path: str | Path) -> Path:
    """Write ``result`` (an :class:`Analysis` or its JSON dict, read through the typed result so
    only the documented shape is written)."""
    data = Analysis.coerce(result).to_json()
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    tmp = p.with_suffix(p.suffix + ".tmp")
    tmp.write_text(dumps_indented(data), encoding="utf-8")
    tmp.replace(p)  # never a half-written report
    return p


def _float(o: float, _repr=float.__repr__) -> str:
    if o != o:
        return "NaN"
    if o == INFINITY:
        return "Infinity"
    if o == -INFINITY:
        return "-Infinity"
    return _repr(o)


def _key(k) -> str:
    if isinstance(k, str):
        return k
    if isinstance(k, float):
        return _float(k)
    if k is True:
        return "true"
    if k is False:
        return "false"
    if k is None:
        return "null"
    if isinstance(k, int):
        return int.__repr__(k)
    raise TypeError(f"keys must be str, int, float, bool or None, not {k.__class__.__name__}")


def _scalar(o) -> str | None:
    if isinstance(o, str):
        return encode_basestring(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return int.__repr__(o)
    if isinstance(o, float):
        return _float(o)
    return None


def dumps_indented(obj) -> str:
    """``json.dumps(obj, indent=2, ensure_ascii=False)``, the same text about twice as fast
    (the standard library's indented encoder is a chain of Python generators; a 200k-message
    report has ~2M values): chunks appended to one list. No cycle check (a result has none)."""
    out: list[str] = []
    app = out.append

    def walk(o, ind: str) -> None:
        if isinstance(o, dict):
            if not o:
                app("{}")
                return
            inner = ind + "  "
            sep = "{" + inner
            for k, v in o.items():
                app(sep)
                app(encode_basestring(_key(k)))
                app(": ")
                s = _scalar(v)
                if s is None:
                    walk(v, inner)
                else:
                    app(s)
                sep = "," + inner
            app(ind + "}")
        elif isinstance(o, list | tuple):
            if not o:
                app("[]")
                return
            inner = ind + "  "
            sep = "[" + inner
            for v in o:
                app(sep)
                s = _scalar(v)
                if s is None:
                    walk(v, inner)
                else:
                    app(s)
                sep = "," + inner
            app(ind + "]")
        else:
            s = _scalar(o)
            if s is None:
                raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")
            app(s)

    walk(obj, "\n")
    return "".join(out)
