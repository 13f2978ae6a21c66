"""The public Python API and the only orchestrator. The CLI and the dashboard call these.

store = open_store("brandcouch.duckdb", create=True)
reports = import_paths(store, ["twcs.csv"])
run_signals(store)
result = analyse(store)                       # typed: result.brands_frame(), result.to_json()
build_report(result, html="report.html", json="report.json")
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from brandcouch.brands import BrandSpec, brands_from_config, parse_brand_spec
from brandcouch.errors import (
    BrandcouchError,
    MalformedInputError,
    UnknownFormatError,
    UnreadableSourceError,
)
from brandcouch.importers import (
    ImportContext,
    ImportReport,
    Source,
    detect,
    get_importer,
    iter_sources,
    looks_like_document,
)
from brandcouch.importers.detect import SkippedPath
from brandcouch.model.result import Analysis
from brandcouch.settings import DEFAULT as DEFAULT_CONFIG
from brandcouch.settings import Config, load_config
from brandcouch.store import DEFAULT_DB, Store, open_store
from brandcouch.store.writer import ImportWriter, drop_replaced_brands

__all__ = [
    "DEFAULT_DB",
    "Store",
    "add_brands",
    "analyse",
    "analyse_sections",
    "Analysis",
    "analyze",
    "audience",
    "build_report",
    "evidence_threads",
    "check",
    "check_details",
    "with_evidence_threads",
    "compare",
    "conversations",
    "directory",
    "formats",
    "generate_demo",
    "imports",
    "import_paths",
    "load_brand_config",
    "load_config",
    "Config",
    "messages_for",
    "open_store",
    "report_helpers",
    "run_signals",
    "score_csv",
    "score_texts",
    "thread",
    "threads_for",
    "write_reports",
    "session",
    "parse_compare",
    "parse_day",
    "windows",
    "with_change",
]

ProgressFn = Callable[[str], None]
#: a comparison: "previous" (the equally long period before the window) or (start, end)
Compare = str | tuple[date, date] | None


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
        drop_replaced_brands(con)  # a declared brand replaces the inferred ones it covers
    return names


def load_brand_config(store: Store, config: dict) -> list[str]:
    return add_brands(store, brands_from_config(config)) if config.get("brands") else []


def formats() -> list[dict]:
    """The source formats brandcouch reads: name, platform, description."""
    from brandcouch.importers import importers

    return [
        {"name": n, "platform": i.platform, "description": i.description}
        for n, i in importers().items()
    ]


def _import_one(
    store: Store,
    source: Source,
    fmt: str | None,
    skip_bad: bool,
    in_folder: bool,
    mapping: dict[str, str] | None = None,
    config=None,
) -> ImportReport:
    report = ImportReport(file=source.name)
    head = _head(source)  # an unreadable file fails here, one line, before anything is staged
    if fmt:
        importer = get_importer(fmt)
    else:
        try:
            importer = detect(source, head)
        except UnknownFormatError:
            if in_folder:  # a README or PROVENANCE.md beside the exports: not fatal
                report.status = "skipped"
                report.format = "-"
                report.error = "not a known export format"
                return report
            raise
    report.format = importer.name
    from brandcouch.importers.base import Limits

    ctx = ImportContext(
        source, report, skip_bad, {"mapping": mapping or {}}, Limits.from_settings(config)
    )
    writer = ImportWriter(store, source.name, importer.name, importer.version)
    try:
        try:
            writer.add_all(importer.read(source, ctx))
        except OSError as e:  # the file became unreadable while being read (EIO, ...)
            raise UnreadableSourceError(
                source.name, f"cannot read (after record {report.records_read}): {_why(e)}"
            ) from e
        with writer.store_faults(store), store.transaction():
            counts = writer.finish()
            _record_import(store, report, importer, counts)
    except BrandcouchError:
        raise
    except Exception as e:  # noqa: BLE001
        # a record of an unexpected shape must still give a one-line, located error and leave
        # the store as it was, never a traceback; it names the record being read (its line,
        # index or id as the importer calls it), not how many records were read
        raise MalformedInputError(source.name, ctx.where(), f"{type(e).__name__}: {e}") from e
    finally:
        writer.close()
    return report


def _why(e: OSError) -> str:
    return e.strerror or str(e) or type(e).__name__


def _head(source: Source) -> bytes:
    """The first bytes of ``source`` for detection; an unreadable source (permissions, I/O) is
    an :class:`UnreadableSourceError` naming it."""
    try:
        return source.head()
    except OSError as e:
        raise UnreadableSourceError(source.name, f"cannot read: {_why(e)}") from e


def _record_import(store: Store, report: ImportReport, importer, counts: dict) -> None:
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
            report.file,
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


def import_paths(
    store: Store,
    paths: Sequence[str | Path],
    *,
    format: str | None = None,
    skip_bad: bool = False,
    mapping: dict[str, str] | None = None,
    progress: ProgressFn | None = None,
    config: Config | None = None,
) -> list[ImportReport]:
    """Import files, folders and ``.zip`` archives. Each file is one transaction: a broken file
    raises :class:`MalformedInputError` and leaves the store exactly as it was before that file.
    Files inside a folder or zip that are not exports are reported as skipped, and so are
    entries of a folder that are not read at all (FIFOs, broken or outward symbolic links,
    symlinked or unreadable folders: see :func:`brandcouch.importers.detect.iter_sources`).
    ``mapping`` renames columns for the generic CSV/JSONL importer (``{"text": "body"}``)."""
    reports: list[ImportReport] = []
    for path in paths:
        in_folder = Path(path).is_dir() or str(path).lower().endswith(".zip")
        for source in iter_sources(path):
            if isinstance(source, SkippedPath):
                reports.append(
                    ImportReport(source.name, "-", status="skipped", error=source.reason)
                )
                continue
            if in_folder and looks_like_document(source) and not format:
                reports.append(
                    ImportReport(source.name, "-", status="skipped", error="documentation file")
                )
                continue
            if progress:
                progress(source.name)
            reports.append(_import_one(store, source, format, skip_bad, in_folder, mapping, config))
    return reports


def run_signals(
    store: Store,
    progress: Callable[[int, int], None] | None = None,
    *,
    config: Config | None = None,
) -> dict:
    """Compute every text signal the store lacks (cached by text hash and signal version; on a
    store opened read-only, kept for this connection only). ``config``'s ``[brands]`` decide
    which side wrote a message."""
    from brandcouch.analysis.signals import run_signals as _run

    return _run(store, progress, config=config)


#: what :func:`analyse` computes by default: every section but the HTML-only evidence threads
FULL_SECTIONS = (
    "brands", "channels", "periods", "diagnosis", "audience", "directory", "benchmark", "care",
)  # fmt: skip
#: the sections :func:`analyse` accepts (``evidence_threads``: conversation excerpts for HTML)
SECTIONS = (*FULL_SECTIONS, "evidence_threads")


def analyse(
    store: Store,
    *,
    signals: bool = True,
    progress=None,
    people: dict | None = None,
    config: Config | None = None,
    brands: Iterable[str] | None = None,
    evidence: bool = False,
    since: date | None = None,
    until: date | None = None,
    compare: Compare = None,
) -> Analysis:
    """Analyse the store: the typed :class:`~brandcouch.model.result.Analysis` documented in
    docs/output.md (``result.to_json()`` is the published JSON, docs/output.schema.json;
    ``result.brands_frame()`` and its siblings are pandas data frames).

    ``config`` (a :class:`~brandcouch.settings.Config`, see :func:`load_config`) gives the
    settings, the ``[brands]`` (applied to this analysis without writing to the store) and the
    ``[people]`` table; ``people`` overrides that table (it links one person's accounts across
    platforms). ``brands`` limits the brand sections to those brands. ``evidence`` adds the
    HTML report's conversation excerpts (``evidence_threads``; :func:`build_report` adds them
    itself when it writes HTML and is given the store).

    ``since`` / ``until`` (dates, both inclusive, in the configured ``timezone``, UTC by
    default) analyse only the messages written in that window (``since`` alone: to the last
    message; ``until`` alone: from the first); the result's ``window`` says which.
    ``compare="previous"`` (the equally long period just before the window) or
    ``compare=(start, end)`` analyses that period too and adds ``comparison`` and, per brand,
    ``previous`` and ``change`` (docs/wip/periods.md)."""
    wanted = (*FULL_SECTIONS, "evidence_threads") if evidence else FULL_SECTIONS
    result = analyse_sections(
        store, wanted, signals=signals, progress=progress, people=people, config=config,
        brands=brands, since=since, until=until, compare=compare,
    )  # fmt: skip
    return Analysis.from_json(result)


def analyse_sections(
    store: Store,
    sections: Iterable[str],
    *,
    signals: bool = True,
    progress=None,
    people: dict | None = None,
    config: Config | None = None,
    brands: Iterable[str] | None = None,
    since: date | None = None,
    until: date | None = None,
    compare: Compare = None,
) -> dict:
    """Only some ``sections`` of the analysis (:data:`SECTIONS`; see
    :mod:`brandcouch.analysis.run`), as a plain dict in the JSON shape of docs/output.md with
    only those parts: what ``session`` and ``check`` use to stay cheap. The full, typed result
    is :func:`analyse` (``since``, ``until`` and ``compare`` as there)."""
    from brandcouch.analysis.run import closure, run

    wanted = tuple(sections)
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        from brandcouch.errors import ConfigError

        raise ConfigError(f"unknown section(s) {unknown}; sections: {', '.join(SECTIONS)}")
    core = tuple(s for s in wanted if s != "evidence_threads")
    if "evidence_threads" in wanted:
        core = (*core, "diagnosis")
    window, comparison = windows(store, config, since, until, compare)
    previous = None
    if comparison is not None:  # the earlier period first: the connection keeps the window's
        extra = ("care",) if "care" in closure(core) else ()
        previous = run(
            store, config, ("brands", *extra), brands=brands, people=people, signals=signals,
            progress=progress, window=comparison,
        )  # fmt: skip
    result = run(
        store, config, core, brands=brands, people=people, signals=signals, progress=progress,
        window=window,
    )  # fmt: skip
    if previous is not None:
        result = with_change(result, previous, comparison)
    if "evidence_threads" in wanted:
        result = with_evidence_threads(store, result)
    return result


def parse_day(text: str, what: str) -> date:
    """``YYYY-MM-DD`` as a date; anything else is a ConfigError naming the option ``what``."""
    from brandcouch.errors import ConfigError

    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise ConfigError(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None


def parse_compare(value: str | None) -> Compare:
    """The CLI's ``--compare``: ``previous`` or ``YYYY-MM-DD:YYYY-MM-DD`` (None: none)."""
    from brandcouch.errors import ConfigError

    if value is None:
        return None
    text = str(value).strip()
    if text.lower() == "previous":
        return "previous"
    start, sep, end = text.partition(":")
    if not sep:
        raise ConfigError(f"--compare: {value!r} is neither 'previous' nor YYYY-MM-DD:YYYY-MM-DD")
    return (parse_day(start, "--compare"), parse_day(end, "--compare"))


def windows(
    store: Store,
    config: Config | None,
    since: date | str | None,
    until: date | str | None,
    compare: Compare | str = None,
) -> tuple[dict | None, dict | None]:
    """The window and the comparison of a run as ``{since, until, timezone}`` dicts (None
    when not asked for). Bad dates, ``since`` after ``until`` and a comparison without a
    window are :class:`~brandcouch.errors.ConfigError`."""
    from brandcouch.analysis.run import previous_window, resolve_window
    from brandcouch.errors import ConfigError

    if isinstance(since, str):
        since = parse_day(since, "--since")
    if isinstance(until, str):
        until = parse_day(until, "--until")
    if isinstance(compare, str) and compare != "previous":
        compare = parse_compare(compare)
    if compare is not None and since is None and until is None:
        raise ConfigError("--compare needs a window: give --since and/or --until")
    window = resolve_window(store, config, since, until)
    if compare is None or window is None:
        return window, None
    if compare == "previous":
        return window, previous_window(window)
    start, end = compare
    if start > end:
        raise ConfigError(f"--compare: {start.isoformat()} is after {end.isoformat()}")
    return window, {
        "since": start.isoformat(), "until": end.isoformat(), "timezone": window["timezone"],
    }  # fmt: skip


def with_change(result: dict, previous: dict, comparison: dict) -> dict:
    """``result`` (a JSON dict) with ``comparison`` after ``window`` and, per brand,
    ``previous`` and ``change`` against the brands of ``previous`` (another run's dict)."""
    from brandcouch.metrics.change import brand_change

    before = {b["name"]: b for b in previous.get("brands", [])}
    window = result.get("window")
    brands = []
    for b in result.get("brands", []):
        if "elements" not in b:  # a run without brand scores: nothing to compare
            brands.append(b)
            continue
        prev, change = brand_change(b, before.get(b["name"]), window, comparison)
        brands.append({**b, "previous": prev, "change": change})
    out: dict = {}
    for k, v in result.items():
        out[k] = brands if k == "brands" else v
        if k == "window":
            out["comparison"] = {"since": comparison["since"], "until": comparison["until"]}
    return out


def _json(result: Analysis | dict) -> dict:
    """The JSON dict of a typed result (a dict is returned as it is)."""
    return result.to_json() if isinstance(result, Analysis) else result


def with_evidence_threads(store: Store, result: Analysis | dict) -> Analysis | dict:
    """A new result (of the same kind): ``result`` with ``evidence_threads`` (after
    ``brands``), built from the store unless present already."""
    d = _json(result)
    if d.get("evidence_threads") is not None:
        return result
    threads = evidence_threads(store, d)
    out: dict = {}
    for k, v in d.items():
        out[k] = v
        if k == "brands":
            out["evidence_threads"] = threads
    out.setdefault("evidence_threads", threads)
    return Analysis.from_json(out) if isinstance(result, Analysis) else out


analyze = analyse  # both spellings


def build_report(
    result: dict,
    *,
    html: str | Path | None = None,
    json: str | Path | None = None,
    store: Store | None = None,
) -> dict[str, Path]:
    """Write the HTML and/or JSON report; returns the paths written. With ``store`` and
    ``html``, the conversation excerpts behind each score (``evidence_threads``) are built
    first when ``result`` lacks them (both files then carry them)."""
    from brandcouch.reports.json_report import write_json

    if html and store is not None:
        result = with_evidence_threads(store, result)
    out: dict[str, Path] = {}
    if json:
        out["json"] = write_json(result, json)
    if html:  # jinja2 is imported only for an HTML report
        from brandcouch.reports.html import write_html

        out["html"] = write_html(result, html)
    return out


def generate_demo(store: Store, seed: int = 2026, scale: float = 1.0) -> ImportReport:
    """Write the deterministic demo corpus (see docs/demo.md) into ``store``."""
    from brandcouch.demo import generate

    report = ImportReport(file=f"demo:seed={seed}", format="demo")
    writer = ImportWriter(store, report.file, "demo", "1")
    try:
        writer.add_all(generate(seed=seed, scale=scale))
        with store.transaction():
            counts = writer.finish()
    finally:
        writer.close()
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
    from brandcouch.reports.csv_export import write_frame

    write_frame(out, result)  # input cells too: formula cells neutralised (docs/output.md)
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


def evidence_threads(store: Store, result: Analysis | dict) -> dict[str, list[dict]]:
    """Conversation excerpts around every evidence message of ``result`` (the report shows
    them under each score), keyed by evidence message id."""
    from brandcouch.reports.conversations import evidence_threads as _threads

    return _threads(store, _json(result))


def write_reports(
    result: dict,
    *,
    html: str | Path | None = None,
    json: str | Path | None = None,
    markdown: str | Path | None = None,
    csv_dir: str | Path | None = None,
    pdf: str | Path | None = None,
    store: Store | None = None,
) -> dict[str, Path | list[Path]]:
    """Every report format at once: HTML, JSON, Markdown tables, a CSV per table, and a PDF
    (the PDF needs Chromium, see docs/report.md). Returns what was written. With ``store``,
    HTML and PDF get the conversation excerpts (see :func:`build_report`)."""
    from brandcouch.reports.csv_export import write_csv
    from brandcouch.reports.markdown import write_markdown
    from brandcouch.reports.pdf import write_pdf

    if (html or pdf) and store is not None:
        result = with_evidence_threads(store, result)
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


def _result(
    source: Store | Analysis | dict,
    sections: Iterable[str],
    *,
    brands: Iterable[str] | None = None,
    signals: bool = True,
    config: Config | None = None,
    people: dict | None = None,
    since: date | None = None,
    until: date | None = None,
    compare: Compare = None,
) -> dict:
    """``source`` itself when it is an analysis result; else the ``sections`` of the store."""
    if isinstance(source, Store):
        return analyse_sections(
            source, sections, signals=signals, config=config, people=people, brands=brands,
            since=since, until=until, compare=compare,
        )  # fmt: skip
    if isinstance(source, Analysis):
        return source.to_json()
    if isinstance(source, dict) and "brands" in source:
        return source
    raise TypeError(
        f"expected a Store or an analysis result (from analyse()), not {type(source).__name__}"
    )


def _pick(brands: list[dict], brand: str | None, every: list[str] | None = None) -> list[dict]:
    from brandcouch.errors import ConfigError

    if brand is None:
        return brands
    chosen = [b for b in brands if b["name"].lower() == brand.lower()]
    if not chosen:
        names = ", ".join((every if every is not None else [b["name"] for b in brands])[:20])
        raise ConfigError(f"no brand named {brand!r} in the store; brands: {names or 'none'}")
    return chosen


def _brand_names(store: Store, config: Config | None) -> list[str]:
    from brandcouch.analysis.run import brand_results
    from brandcouch.analysis.steps import Runner

    return [b["name"] for b in brand_results(store, Runner(store, config), set())]


def audience(
    store: Store,
    brand: str | None = None,
    *,
    people: dict | None = None,
    signals: bool = True,
    config: Config | None = None,
):
    """The audience as a data frame: one row per member (a person who wrote to the brand) with
    brand, account_id, handle, accounts, platforms, tie strength and its parts, segment and the
    counts behind them (docs/audience.md). ``people`` is the ``[people]`` table linking one
    person's accounts across platforms. Members are read from the store (an analysis result
    holds only each brand's summary: ``result["brands"][i]["audience"]``)."""
    from brandcouch.analysis.run import prepare
    from brandcouch.analysis.steps import AUDIENCE_TABLES
    from brandcouch.audience import audience_members

    if not isinstance(store, Store):
        raise TypeError(
            "audience members are read from the store: api.audience(store, brand); an analysis "
            "result holds each brand's audience summary under brands[i]['audience']"
        )
    runner = prepare(store, config, people=people, signals=signals)
    runner.ensure(*AUDIENCE_TABLES)
    return audience_members(store, brand)


def compare(
    source: Store | Analysis | dict,
    *,
    min_inbound: int | None = None,
    config: Config | None = None,
    signals: bool = True,
) -> dict:
    """The benchmark of a store or an analysis result: brands side by side, ranks and
    percentiles (brands under ``min_inbound`` inbound messages, default the setting, are not
    ranked)."""
    from brandcouch.metrics.benchmark import compare_brands

    result = _result(source, ("benchmark",), signals=signals, config=config)
    if min_inbound is None and result.get("benchmark") is not None:
        return result["benchmark"]
    config = config if config is not None else DEFAULT_CONFIG
    threshold = int(config.setting("min_inbound", min_inbound))
    return compare_brands(result.get("brands", []), directory(result), threshold)


def directory(
    source: Store | Analysis | dict, *, config: Config | None = None, signals: bool = True
) -> list[dict]:
    """The consumer directory of a store or an analysis result: per brand and channel, how the
    brand answers people, as sentences with the numbers beside them."""
    from brandcouch.metrics.directory import directory_from_result

    return directory_from_result(_result(source, ("directory",), signals=signals, config=config))


def session(
    source: Store | Analysis | dict,
    brand: str | None = None,
    *,
    signals: bool = True,
    config: Config | None = None,
    since: date | None = None,
    until: date | None = None,
    compare: Compare = None,
) -> list[dict]:
    """The session (the plain-language diagnosis) for every brand, or one, of a store or an
    analysis result: a list of ``{brand, health, elements: {name: score}, confidence: {name:
    low|medium|high}, summary,
    findings[], going_well[]}``, with ``window``, ``comparison``, ``previous`` and ``change``
    when the result has them (``since``, ``until``, ``compare`` as in :func:`analyse`). From a
    store only that brand is analysed, and only what the session needs (elements, health,
    flags)."""
    from brandcouch.diagnosis import brand_diagnosis

    names = None if brand is None else [brand]
    # with a comparison, the care section too: the SLA's within-target share and its change
    sections = ("diagnosis", "care") if compare is not None else ("diagnosis",)
    result = _result(
        source, sections, brands=names, signals=signals, config=config, since=since,
        until=until, compare=compare,
    )  # fmt: skip
    every = None
    if isinstance(source, Store) and brand is not None and not result["brands"]:
        every = _brand_names(source, config)
    out = []
    for b in _pick(result["brands"], brand, every):
        s = b.get("session")
        if s is None:
            s = brand_diagnosis(b, b.get("flags") or [])["session"]
        out.append(
            {
                "brand": b["name"],
                "health": b["health"],
                "elements": {k: v["score"] for k, v in b["elements"].items()},
                # how far each score can be trusted (turns behind it, coverage: docs/metrics.md)
                "confidence": {
                    "health": b["health"].get("confidence"),
                    **{k: v.get("confidence") for k, v in b["elements"].items()},
                },
                **s,
            }
        )
        for key in ("previous", "change"):
            if b.get(key) is not None:
                out[-1][key] = b[key]
        for key in ("window", "comparison"):
            if result.get(key) is not None:
                out[-1][key] = result[key]
    return out


def check_details(
    source: Store | Analysis | dict,
    thresholds: dict[str, float],
    strict: bool = False,
    brand: str | None = None,
    *,
    signals: bool = True,
    config: Config | None = None,
    since: date | None = None,
    until: date | None = None,
    compare: Compare = None,
) -> dict[str, list[str]]:
    """Compare scores of a store or an analysis result with ``--fail-under`` thresholds:
    ``{"shortfalls", "not_enough", "passed"}`` lines. "not enough data" is a shortfall only
    when ``strict``. From a store only the brand-level scores are computed."""
    from brandcouch.diagnosis import check_brands
    from brandcouch.diagnosis.thresholds import validate

    validate(thresholds)  # a bad threshold fails before any analysis
    names = None if brand is None else [brand]
    # with a comparison, the care section too: the change lines give the SLA's change
    sections = ("brands", "care") if compare is not None else ("brands",)
    result = _result(
        source, sections, brands=names, signals=signals, config=config, since=since,
        until=until, compare=compare,
    )  # fmt: skip
    every = None
    if isinstance(source, Store) and brand is not None and not result["brands"]:
        every = _brand_names(source, config)
    chosen = _pick(result.get("brands", []), brand, every)
    out = check_brands(chosen, thresholds, strict)
    if result.get("comparison") is not None:
        out = {**out, "changes": _change_lines(chosen, thresholds, result["comparison"])}
    return out


def _change_lines(brands: list[dict], thresholds: dict[str, float], against: dict) -> list[str]:
    """ "Acme: empathy 61 (▼−12 vs 1–31 Oct 2026)" per brand, for the scores checked."""
    from brandcouch.diagnosis.thresholds import validate
    from brandcouch.metrics.change import period_label
    from brandcouch.reports.view import change_text, kpi_text

    keys = list(validate(thresholds))
    label = period_label(against)
    lines = []
    for b in brands:
        change = b.get("change") or {}
        parts = []
        for key in keys:
            k = key
            score = b["health"] if k == "health" else (b.get("elements") or {}).get(k)
            if score is None:
                continue
            d = change.get("health") if k == "health" else (change.get("elements") or {}).get(k)
            text = change_text(k, d) or "no earlier score"
            value = "n/a" if score.get("score") is None else f"{score['score']:.0f}"
            parts.append(f"{k} {value} ({text} vs {label})")
        sla = _get_path(b, "care", "sla")
        share = _get_path(b, "care", "sla", "wall", "share")
        if share is not None:  # the SLA beside the scores, as the session shows it
            d = (change.get("kpis") or {}).get("sla_share")
            was = _get_path(b, "previous", "kpis", "sla_share")
            text = change_text("sla_share", d) or "no earlier share"
            before = "" if was is None else f", was {kpi_text('sla_share', was)}"
            parts.append(
                f"within {sla.get('target') or 'target'} {kpi_text('sla_share', share)} "
                f"({text} vs {label}{before})"
            )
        if parts:
            lines.append(f"{b['name']}: " + ", ".join(parts))
    return lines


def _get_path(d, *keys):
    """``d[k1][k2]...``, None as soon as one is missing or None."""
    for k in keys:
        if not isinstance(d, dict):
            return None
        d = d.get(k)
    return d


def check(
    source: Store | Analysis | dict,
    thresholds: dict[str, float],
    strict: bool = False,
    *,
    signals: bool = True,
    config: Config | None = None,
) -> list[str]:
    """The shortfalls of a store or an analysis result against thresholds (empty: all pass)."""
    return check_details(source, thresholds, strict, signals=signals, config=config)["shortfalls"]


def threads_for(
    store: Store, message_ids: Iterable[str], limit: int = 400
) -> dict[str, list[dict]]:
    """:func:`thread` for many messages in one query: ``{message_id: conversation}`` (unknown
    ids are left out; each conversation marks its message with ``focus``)."""
    from brandcouch.reports.conversations import thread_roots, threads_by_root

    roots = thread_roots(store, message_ids)
    threads = threads_by_root(store, set(roots.values()), limit)
    return {
        mid: [dict(r, focus=r["id"] == mid) for r in threads[root]]
        for mid, root in roots.items()
        if root in threads
    }


def conversations(
    store: Store,
    brands: Iterable[str] | None = None,
    config: Config | None = None,
    *,
    signals: bool = True,
    thread: str | None = None,
):
    """Conversations as a first-class output (docs/output.md, "Conversations"): two pandas
    data frames, ``(conversations, turns)``. ``conversations`` has one row per (brand,
    conversation) with at least one customer turn for that brand (brand, thread_id,
    customer_turns, needs_reply_turns, answered_turns, unanswered_turns, outside_data_turns,
    first_response_minutes, complaint); ``turns`` one row per customer turn (brand, thread_id,
    turn_id, message_ids, needs_reply, answered, answered_outside_data,
    first_response_minutes, complaint). ``brands`` keeps those brands (names matched
    case-insensitively; an unknown name is a :class:`~brandcouch.errors.ConfigError`);
    ``config`` applies its ``[brands]`` without writing; ``signals`` scores missing signals
    first (in memory on a read-only store). ``thread`` (a root id, as in ``thread_id``) keeps
    that one conversation, read from the analysis already built on the connection (the
    dashboard's thread page: nothing is reset or rescored)."""
    from brandcouch.reports.conversation_export import conversation_frames

    return conversation_frames(store, brands, config, signals=signals, thread=thread)


def brand_candidates(store: Store, limit: int = 5) -> list[dict]:
    """The likeliest brand accounts when no brand can be found (most mentioned, most replied
    to, most active): dicts with ``account_id``, ``platform``, ``ref``, ``mentioned``,
    ``replied_to``, ``posts`` and ``spec`` (``"NAME=platform:ref"``, to pass to ``--brand``,
    ``brands --add`` or the ``[brands]`` table)."""
    from brandcouch.analysis.attribution import brand_candidates as candidates

    return candidates(store, limit)
