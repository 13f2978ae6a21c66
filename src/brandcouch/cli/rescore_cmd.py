"""``brandcouch rescore``: store the signal values a store lacks (after an upgrade).

Readers (analyze, session, report, the dashboard ...) open the store read-only, so when a new
brandcouch version changes a signal they score the texts again for each run, in memory, and say
so. ``rescore`` is the writer that stores those values once (``import`` does the same for what
it adds)."""

from __future__ import annotations

from pathlib import Path

from brandcouch import api
from brandcouch.cli.analyze_cmd import score_with_progress
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, plain, run
from brandcouch.errors import StoreError
from brandcouch.settings import load_config


@app.command("rescore")
def rescore(
    db: DbOpt = Path("brandcouch.duckdb"),
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Score and store every text and reply pair whose signal values are missing or from an
    older brandcouch version (nothing else changes)."""

    def body():
        if not Path(db).exists():
            raise StoreError(f"{db}: no such store (make one with `brandcouch import`)")
        cfg = load_config(config)
        with api.open_store(db, config=cfg) as store:
            api.load_brand_config(store, cfg)
            done = score_with_progress(store, cfg)
        texts, pairs = done["texts"], done["pairs"]
        console.print(
            f"store {plain(db)}: scored and stored {texts:,} text{'' if texts == 1 else 's'} "
            f"and {pairs:,} reply pair{'' if pairs == 1 else 's'}; every signal value is current"
        )

    run(body)
