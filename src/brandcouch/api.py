"""The public Python API and the only orchestrator. The CLI and the dashboard call these.

store = open_store("brandcouch.duckdb")
reports = import_paths(store, ["twcs.csv"])
run_signals(store)
result = analyse(store)
build_report(result, html="report.html", json="report.json")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from brandcouch.brands import BrandSpec, brands_from_config, parse_brand_spec
from brandcouch.errors import BrandcouchError, MalformedInputError, UnknownFormatError
from brandcouch.importers import (
    ImportContext,
    ImportReport,
    Source,
    detect,
    get_importer,
    iter_sources,
    looks_like_document,
)
from brandcouch.store import DEFAULT_DB, Store, open_store
from brandcouch.store.writer import ImportWriter

__all__ = [
    "DEFAULT_DB",
    "Store",
    "add_brands",
    "analyse",
    "analyze",
    "build_report",
    "generate_demo",
    "import_paths",
    "load_brand_config",
    "open_store",
    "run_signals",
    "score_csv",
    "score_texts",
]

ProgressFn = Callable[[str], None]


def add_brands(store: Store, specs: Iterable[BrandSpec | str], source: str = "config") -> list[str]:
    """Declare brands and their accounts (``"Acme=twitter:acmehelp,..."`` or parsed specs)."""
    names = []
    with store.transaction() as con:
        for spec in specs:
            name, accounts = parse_brand_spec(spec) if isinstance(spec, str) else spec
            con.execute("INSERT OR IGNORE INTO brands VALUES (?, ?)", [name, source])
            for platform, ref in accounts:
                con.execute(
                    "INSERT OR IGNORE INTO brand_accounts VALUES (?, ?, ?, ?)",
                    [name, platform, ref, source],
                )
            names.append(name)
    return names


def load_brand_config(store: Store, config: dict) -> list[str]:
    return add_brands(store, brands_from_config(config)) if config.get("brands") else []


def _import_one(
    store: Store,
    source: Source,
    fmt: str | None,
    skip_bad: bool,
    in_folder: bool,
    mapping: dict[str, str] | None = None,
) -> ImportReport:
    report = ImportReport(file=source.name)
    if fmt:
        importer = get_importer(fmt)
    else:
        try:
            importer = detect(source)
        except UnknownFormatError:
            if in_folder:  # a README or PROVENANCE.md beside the exports: not fatal
                report.status = "skipped"
                report.format = "-"
                report.error = "not a known export format"
                return report
            raise
    report.format = importer.name
    ctx = ImportContext(source, report, skip_bad, {"mapping": mapping or {}})
    with store.transaction():
        writer = ImportWriter(store, source.name, importer.name, importer.version)
        try:
            writer.add_all(importer.read(source, ctx))
            counts = writer.finish()
        except BrandcouchError:
            raise
        except Exception as e:  # noqa: BLE001
            # a record of an unexpected shape must still give a one-line, located error and
            # roll the file back, never a traceback
            raise MalformedInputError(
                source.name, max(report.records_read, 1), f"{type(e).__name__}: {e}"
            ) from e
        report.imported = counts["imported"]
        report.duplicates = counts["duplicates"]
        report.updated = counts["updated"]
        report.accounts = counts["accounts"]
        report.brands = counts["brands"]
        import_id = int(store.scalar("SELECT coalesce(max(id), 0) + 1 FROM imports"))
        store.con.execute(
            "INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, now()::TIMESTAMP)",
            [
                import_id,
                source.name,
                importer.name,
                importer.version,
                report.records_read,
                report.imported,
                report.duplicates,
                report.updated,
                len(report.skipped),
            ],
        )
        if report.skipped:
            store.con.executemany(
                "INSERT INTO import_skips VALUES (?, ?, ?)",
                [[import_id, r, why] for r, why in report.skipped],
            )
    return report


def import_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    format: str | None = None,
    skip_bad: bool = False,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
) -> list[ImportReport]:
    """Import files, folders and ``.zip`` archives. Each file is one transaction: a broken file
    raises :class:`MalformedInputError` and leaves the store exactly as it was before that file.
    Files inside a folder or zip that are not exports are reported as skipped.
    ``mapping`` renames columns for the generic CSV/JSONL importer (``{"text": "body"}``)."""
    ImportWriter.prepare(store)
    reports: list[ImportReport] = []
    for path in paths:
        in_folder = Path(path).is_dir() or str(path).lower().endswith(".zip")
        for source in iter_sources(path):
            if in_folder and looks_like_document(source) and not format:
                reports.append(
                    ImportReport(source.name, "-", status="skipped", error="documentation file")
                )
                continue
            if progress:
                progress(source.name)
            reports.append(_import_one(store, source, format, skip_bad, in_folder, mapping))
    return reports


def run_signals(store: Store, progress: Callable[[int, int], None] | None = None) -> dict:
    """Compute every text signal the store lacks (cached by text hash and signal version)."""
    from brandcouch.signals_run import run_signals as _run

    return _run(store, progress)


def analyse(store: Store, *, signals: bool = True, progress=None) -> dict:
    """Analyse everything in the store; returns the result documented in docs/output.md."""
    from datetime import UTC, datetime

    from brandcouch import __version__
    from brandcouch.metrics.frame import build_frame
    from brandcouch.metrics.summary import summarise

    if signals:
        run_signals(store, progress)
    build_frame(store)
    counts = store.counts()
    result = {
        "schema": "brandcouch.analysis",
        "schema_version": 1,
        "brandcouch_version": __version__,
        "generated_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "store": {"path": store.path, **counts},
        "imports": imports(store),
        "brands": summarise(store),
    }
    # conversation excerpts behind each score, for the self-contained HTML report
    result["evidence_threads"] = evidence_threads(store, result)
    return result


analyze = analyse  # both spellings


def build_report(
    result: dict, *, html: str | Path | None = None, json: str | Path | None = None
) -> dict[str, Path]:
    """Write the HTML and/or JSON report; returns the paths written."""
    from brandcouch.reports.html import write_html
    from brandcouch.reports.json_report import write_json

    out: dict[str, Path] = {}
    if json:
        out["json"] = write_json(result, json)
    if html:
        out["html"] = write_html(result, html)
    return out


def generate_demo(store: Store, seed: int = 2026, scale: float = 1.0) -> ImportReport:
    """Write the deterministic demo corpus (see docs/demo.md) into ``store``."""
    from brandcouch.demo import generate

    ImportWriter.prepare(store)
    report = ImportReport(file=f"demo:seed={seed}", format="demo")
    with store.transaction():
        writer = ImportWriter(store, report.file, "demo", "1")
        writer.add_all(generate(seed=seed, scale=scale))
        counts = writer.finish()
    report.imported = counts["imported"]
    report.records_read = counts["in_file"]
    report.duplicates = counts["duplicates"]
    report.brands = counts["brands"]
    return report


def score_texts(texts, parents=None, signals=None):
    """Score texts (and, with ``parents``, reply relevance) without a store: a data frame with
    one column per signal (see docs/signals.md)."""
    from brandcouch.signals import score_texts as _score

    return _score(list(texts), None if parents is None else list(parents), signals)


def score_csv(
    src: str | Path,
    out: str | Path,
    *,
    text_column: str = "text",
    parent_column: str | None = None,
) -> int:
    """``brandcouch signals``: read a CSV, add one column per signal, write it. Returns rows."""
    import pandas as pd

    from brandcouch.errors import ConfigError

    try:
        df = pd.read_csv(src, dtype=str, keep_default_na=False)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as e:
        raise MalformedInputError(str(src), None, f"cannot read CSV: {e}") from None
    for col in (text_column, parent_column):
        if col and col not in df.columns:
            raise ConfigError(f"{src}: no column {col!r}; columns are {', '.join(df.columns)}")
    parents = df[parent_column].tolist() if parent_column else None
    scores = score_texts(df[text_column].tolist(), parents)
    if parent_column is None and "relevance" in scores.columns:
        scores = scores.drop(columns=["relevance"])
    clash = [c for c in scores.columns if c in df.columns]
    scores = scores.rename(columns={c: f"{c}_score" for c in clash})
    result = pd.concat([df.reset_index(drop=True), scores.reset_index(drop=True)], axis=1)
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    result.to_csv(out, index=False)
    return len(result)


# -- conversations, exports and the dashboard --------------------------------------------------


def imports(store: Store) -> list[dict]:
    """What has been imported: one dict per import (file, format, counts, imported_at)."""
    from brandcouch.reports.conversations import imports as _imports

    return _imports(store)


def thread(store: Store, message_id: str, limit: int = 400) -> list[dict]:
    """The whole conversation ``message_id`` belongs to, oldest first: each message with
    ``author``, ``is_brand``/``brand``, ``created_at``, ``text``, ``signals``, ``depth`` and
    ``focus`` (True for ``message_id``). Empty when the id is unknown."""
    from brandcouch.reports.conversations import thread as _thread

    return _thread(store, message_id, limit)


def messages_for(
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
    """A page of a brand's messages (newest first) and the total: ``role="inbound"`` for the
    audience messages addressed to it (``answered`` filters), ``"brand"`` for its own."""
    from brandcouch.reports.conversations import brand_messages

    return brand_messages(
        store, brand, role=role, platform=platform, answered=answered, start=start, end=end,
        limit=limit, offset=offset,
    )  # fmt: skip


def evidence_threads(store: Store, result: dict) -> dict[str, list[dict]]:
    """Conversation excerpts around every evidence message of ``result`` (the report shows
    them under each score), keyed by evidence message id."""
    from brandcouch.reports.conversations import evidence_threads as _threads

    return _threads(store, result)


def write_reports(
    result: dict,
    *,
    html: str | Path | None = None,
    json: str | Path | None = None,
    markdown: str | Path | None = None,
    csv_dir: str | Path | None = None,
    pdf: str | Path | None = None,
) -> dict[str, Path | list[Path]]:
    """Every report format at once: HTML, JSON, Markdown tables, a CSV per table, and a PDF
    (the PDF needs Chromium, see docs/report.md). Returns what was written."""
    from brandcouch.reports.csv_export import write_csv
    from brandcouch.reports.markdown import write_markdown
    from brandcouch.reports.pdf import write_pdf

    out: dict[str, Path | list[Path]] = dict(build_report(result, html=html, json=json))
    if markdown:
        out["markdown"] = write_markdown(result, markdown)
    if csv_dir:
        out["csv"] = write_csv(result, csv_dir)
    if pdf:
        out["pdf"] = write_pdf(result, pdf)
    return out


def report_helpers() -> dict:
    """The Jinja2 filters and globals (number formats, inline SVG charts, result readers)
    shared by the HTML report and the dashboard."""
    from brandcouch.reports.html import template_helpers

    return template_helpers()
