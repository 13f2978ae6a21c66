"""What both pulls share: a polite HTTP client, the page folder and its state file, and the
one-transaction import of a run's pages.

Layout beside the store ``DB``::

    DB.pull/<platform>/<account>/.state.json        what is known (atomic writes)
    DB.pull/<platform>/<account>/run-0001/*.json    the raw response bodies of one pull

A run's pages are imported only once the run has fetched everything (one transaction for the
whole page set): an interrupted pull imports nothing, and the next pull resumes the run from the
cursor the state file names. ``brandcouch import DB.pull/<platform>/<account>`` re-imports the
same pages.
"""

from __future__ import annotations

import email.utils
import io
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from brandcouch.errors import BrandcouchError

#: ``progress(done, total_or_None, what)``
Progress = Callable[[int, int | None, str], None]

_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?([a-z]+)"?')
_SAFE = re.compile(r"[^A-Za-z0-9@._-]+")


class PullError(BrandcouchError):
    """A pull failed (HTTP error, timeout, truncated body, bad JSON): nothing was imported."""


@dataclass
class PullResult:
    platform: str
    account: str
    brand: str
    run_dir: Path
    pages: int = 0
    posts: int = 0
    threads: int = 0
    imported: int = 0
    duplicates: int = 0
    updated: int = 0
    waited_s: float = 0.0
    resumed: bool = False
    reports: list = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "platform": self.platform, "account": self.account, "brand": self.brand,
            "run_dir": str(self.run_dir), "pages": self.pages, "posts": self.posts,
            "threads": self.threads, "imported": self.imported, "duplicates": self.duplicates,
            "updated": self.updated, "resumed": self.resumed,
        }  # fmt: skip


def pull_dir(db: str | Path, platform: str, account: str) -> Path:
    """Where the pages of ``account`` on ``platform`` are saved for the store ``db``."""
    return Path(f"{db}.pull") / platform / (_SAFE.sub("_", account).strip("._") or "account")


def parse_since(value: str | None) -> datetime | None:
    if not value:
        return None
    from brandcouch.importers.common import parse_time

    try:
        t = parse_time(value)
    except ValueError as e:
        raise PullError(f"--since {value!r}: {e}") from None
    return t


def write_json_atomic(path: Path, data) -> None:
    """Write ``data`` as JSON to ``path`` atomically (a temporary file, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, sort_keys=True)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


class State:
    """``.state.json``: ``known`` (what earlier pulls imported) and ``run`` (a pull in progress:
    its folder, cursor, done threads, ...). Saved after every page."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / ".state.json"  # hidden: `brandcouch import FOLDER` leaves it out
        try:
            self.data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            self.data = {}
        except (OSError, ValueError) as e:
            raise PullError(f"{self.path}: unreadable pull state ({e})") from None
        self.data.setdefault("known", {})
        self.data.setdefault("runs", 0)

    @property
    def known(self) -> dict:
        return self.data["known"]

    @property
    def run(self) -> dict | None:
        return self.data.get("run")

    def start_run(self, **fields) -> dict:
        self.data["runs"] += 1
        run = {"dir": f"run-{self.data['runs']:04d}", "pages": [], "threads_done": [], **fields}
        self.data["run"] = run
        self.save()
        return run

    def save(self) -> None:
        write_json_atomic(self.path, self.data)


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        t = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=UTC)
    return max((t - datetime.now(UTC)).total_seconds(), 0.0)


def _reset_wait(headers) -> float | None:
    """Seconds until the rate-limit window resets when the server says none are left:
    Mastodon ``X-RateLimit-Remaining``/``X-RateLimit-Reset`` (an ISO time), Bluesky
    ``RateLimit-Remaining``/``RateLimit-Reset`` (epoch seconds)."""
    for prefix in ("x-ratelimit-", "ratelimit-"):
        remaining = headers.get(prefix + "remaining")
        if remaining is None:
            continue
        try:
            if int(float(remaining)) > 0:
                return None
        except ValueError:
            return None
        reset = headers.get(prefix + "reset")
        if not reset:
            return None
        try:
            secs = float(reset)
            # epoch seconds, or (IETF draft) seconds from now when small
            return max(secs - time.time(), 0.0) if secs > 1e9 else max(secs, 0.0)
        except ValueError:
            pass
        try:
            t = datetime.fromisoformat(reset.replace("Z", "+00:00"))
        except ValueError:
            return None
        if t.tzinfo is None:
            t = t.replace(tzinfo=UTC)
        return max((t - datetime.now(UTC)).total_seconds(), 0.0)
    return None


class Client:
    """GET JSON politely: a timeout per request, ``Retry-After`` and rate-limit headers
    honoured (a wait is capped at ``max_wait`` seconds), exponential backoff (``backoff`` ×
    2^attempt) on 429, 5xx, timeouts and truncated bodies, at most ``retries`` retries; then
    one :class:`PullError` line naming the URL."""

    def __init__(
        self,
        base: str,
        *,
        timeout: float = 20.0,
        retries: int = 3,
        backoff: float = 1.0,
        max_wait: float = 300.0,
        sleep: Callable[[float], None] = time.sleep,
    ):
        import httpx  # only pull needs the network

        self._httpx = httpx
        self.base = base.rstrip("/")
        self.retries = retries
        self.backoff = backoff
        self.max_wait = max_wait
        self.sleep = sleep
        self.waited = 0.0
        self.requests = 0
        from brandcouch import __version__

        self.http = httpx.Client(
            timeout=httpx.Timeout(timeout),
            headers={
                "User-Agent": f"brandcouch/{__version__} (pull)",
                "Accept": "application/json",
            },
            follow_redirects=True,
        )

    def close(self) -> None:
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _wait(self, secs: float) -> None:
        secs = min(secs, self.max_wait)
        if secs > 0:
            self.waited += secs
            self.sleep(secs)

    def get(self, path_or_url: str, params: dict | None = None) -> tuple[bytes, object, dict]:
        """``(raw body, parsed JSON, headers)``."""
        httpx = self._httpx
        url = path_or_url if "://" in path_or_url else self.base + path_or_url
        shown = url if not params else f"{url}?{'&'.join(f'{k}={v}' for k, v in params.items())}"
        attempt = 0
        while True:
            problem = None
            wait = None
            try:
                self.requests += 1
                r = self.http.get(url, params=params)
                body = r.content  # raises on a body shorter than its Content-Length
            except httpx.TimeoutException:
                problem = "timed out"
            except (httpx.RemoteProtocolError, httpx.ReadError) as e:
                problem = f"truncated response body ({type(e).__name__})"
            except httpx.HTTPError as e:
                problem = f"{type(e).__name__}: {e}"
            else:
                if r.status_code == 429 or r.status_code >= 500:
                    problem = f"HTTP {r.status_code} {r.reason_phrase}".rstrip()
                    wait = _retry_after(r.headers.get("retry-after"))
                    if wait is None and r.status_code == 429:
                        wait = _reset_wait(r.headers)
                elif r.status_code >= 400:
                    raise PullError(f"{shown}: HTTP {r.status_code} {_reason(r)}".rstrip())
                else:
                    try:
                        doc = json.loads(body)
                    except ValueError:
                        problem = "truncated or invalid JSON body"
                    else:
                        reset = _reset_wait(r.headers)
                        if reset:  # none left in this window: wait before the next request
                            self._wait(reset)
                        return body, doc, dict(r.headers)
            if attempt >= self.retries:
                raise PullError(f"{shown}: {problem} (after {attempt + 1} attempts)")
            self._wait(wait if wait is not None else self.backoff * (2**attempt))
            attempt += 1


def _reason(r) -> str:
    """The status phrase plus a server's short ``error`` text (clipped, one line)."""
    msg = ""
    try:
        doc = r.json()
        if isinstance(doc, dict):  # Mastodon {"error"}, XRPC {"error", "message"}
            msg = ": ".join(str(doc[k]) for k in ("error", "message") if doc.get(k))
    except ValueError:
        pass
    msg = " ".join(msg.split())[:200]
    return f"{r.reason_phrase}{': ' + msg if msg else ''}"


def next_link(headers: dict) -> str | None:
    """The ``rel="next"`` URL of a ``Link`` header (Mastodon pagination)."""
    link = headers.get("link") or headers.get("Link") or ""
    for url, rel in _LINK.findall(link):
        if rel == "next":
            return url
    return None


def import_run(store, run_dir: Path, files: list[str], fmt: str, config=None):
    """Import the pages ``files`` of ``run_dir`` through the importer ``fmt`` in ONE
    transaction (they are read as JSONL, one response per line)."""
    from brandcouch.api import _import_one
    from brandcouch.importers.base import Limits, Source

    lines = []
    for name in files:
        doc = json.loads((run_dir / name).read_bytes())
        lines.append(json.dumps(doc, ensure_ascii=False, separators=(",", ":")))
    data = ("\n".join(lines) + "\n").encode("utf-8")
    source = Source(
        name=str(run_dir), opener=lambda: io.BytesIO(data), size=len(data),
        limits=Limits.from_settings(config),
    )  # fmt: skip
    return _import_one(store, source, fmt, False, False, None, config)


def finish_run(store, state: State, result: PullResult, fmt: str, config=None) -> None:
    """Import the run's pages (one transaction), then mark it done in the state file."""
    run = state.run
    run_dir = state.folder / run["dir"]
    result.run_dir = run_dir
    if run["pages"]:
        rep = import_run(store, run_dir, run["pages"], fmt, config)
        result.reports.append(rep)
        result.imported += rep.imported
        result.duplicates += rep.duplicates
        result.updated += rep.updated
    state.known.update(run.get("known_after") or {})
    state.data["run"] = None
    state.data.setdefault("done_runs", []).append(run["dir"])
    state.save()
