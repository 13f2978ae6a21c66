"""Script and HTML payloads imported through the generic CSV importer, and a checker that
parses HTML (stdlib ``html.parser``) to prove they rendered inert."""

from __future__ import annotations

import csv
from html.parser import HTMLParser
from pathlib import Path

from brandcouch import api

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'
PAYLOADS = (SCRIPT, IMG, SVG)
BRAND = SCRIPT  # the brand's name itself is a payload


def _entity(s: str) -> str:
    """The importer reduces HTML in texts to text: entities make the payload survive as text."""
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def payload_rows() -> list[dict]:
    rows = [
        {
            "id": "p1",
            "author": "b1",
            "author_handle": SVG,
            "author_name": IMG,
            "brand": BRAND,
            "text": "Big sale today " + _entity(SCRIPT),
            "created_at": "2026-03-02T10:00:00Z",
            "kind": "post",
            "permalink": "javascript:alert(1)",
            "title": _entity(IMG),
        },
    ]
    for i in range(30):
        payload = PAYLOADS[i % 3]
        rows.append(
            {
                "id": f"c{i}",
                "author": f"u{i}",
                "author_handle": payload,
                "author_name": payload,
                "text": f"Why is my order late? {_entity(payload)}",
                "parent_id": "p1",
                "root_id": "p1",
                "created_at": f"2026-03-02T1{i % 10}:{i:02d}:00Z",
                "kind": "reply",
                "permalink": "javascript:alert(document.cookie)",
            }
        )
        if i % 2 == 0:
            rows.append(
                {
                    "id": f"r{i}",
                    "author": "b1",
                    "author_handle": SVG,
                    "brand": BRAND,
                    "text": f"Sorry about that {_entity(payload)}",
                    "parent_id": f"c{i}",
                    "root_id": "p1",
                    "created_at": f"2026-03-02T1{i % 10}:{i:02d}:30Z",
                    "kind": "reply",
                }
            )
    return rows


def write_payload_csv(path: Path) -> Path:
    rows = payload_rows()
    cols = sorted({k for r in rows for k in r})
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=cols)
        w.writeheader()
        w.writerows(rows)
    return path


def payload_store(db_path: Path):
    """A file store holding the payload corpus, imported and analysed."""
    src = write_payload_csv(db_path.parent / "payloads.csv")
    store = api.open_store(db_path, create=True)
    api.import_paths(store, [src], format="generic-csv")
    return store


class ElementCensus(HTMLParser):
    """Counts elements and collects every attribute, to assert nothing came from the data."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def census(html: str) -> ElementCensus:
    c = ElementCensus()
    c.feed(html)
    c.close()
    return c


OUR_SVG_CLASSES = {"meter", "ring", "chart", "radar", "chart stacked"}


def assert_inert(html: str, allowed_scripts: int = 0) -> ElementCensus:
    """No on* attribute, no img, only our own svg and script elements, no javascript: link;
    and the payloads are present as text (so they were shown, escaped)."""
    c = census(html)
    for tag, attrs in c.tags:
        assert not [a for a in attrs if a.lower().startswith("on")], (tag, attrs)
        assert tag != "img", attrs
        assert tag != "iframe", attrs
        for key in ("href", "src", "action"):
            value = (attrs.get(key) or "").strip().lower()
            assert not value.startswith("javascript:"), (tag, attrs)
    svgs = [a for t, a in c.tags if t == "svg"]
    assert all(a.get("class") in OUR_SVG_CLASSES or a.get("aria-hidden") == "true" for a in svgs)
    scripts = [a for t, a in c.tags if t == "script"]
    assert len(scripts) <= allowed_scripts, scripts
    text = "".join(c.text)
    assert any(p in text for p in PAYLOADS), "the payloads should be shown, as text"
    return c
