"""``brandcouch pull mastodon ACCOUNT`` and ``brandcouch pull bluesky HANDLE``: the only
commands that use the network. They write the store (created if missing), like ``import``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from brandcouch.cli.analyze_cmd import score_with_progress
from brandcouch.cli.app import ConfigOpt, CreateDbOpt, app, console, plain, run
from brandcouch.settings import load_config

pull_app = typer.Typer(
    help="Fetch an account's public posts and threads (Mastodon, Bluesky) into the store.",
    no_args_is_help=True,
)
app.add_typer(pull_app, name="pull")

SinceOpt = Annotated[
    str | None, typer.Option("--since", help="Only posts from this date on (ISO 8601).")
]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", min=1, help="At most this many posts in this pull.")
]
BrandOpt = Annotated[
    str | None, typer.Option("--brand", help="The brand's name (default: the display name).")
]
TimeoutOpt = Annotated[float, typer.Option("--timeout", help="Seconds per request.", min=0.001)]
RetriesOpt = Annotated[int, typer.Option("--retries", help="Retries on 429/5xx/timeouts.", min=0)]


def _pull(platform: str, account: str, db: Path, config: Path, since, **kw) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from brandcouch import api
    from brandcouch.pull import pull_bluesky, pull_mastodon
    from brandcouch.pull.core import parse_since

    def body():
        cfg = load_config(config)
        when = parse_since(since)
        if platform == "mastodon":  # a bad ACCOUNT fails before the store is created
            from brandcouch.pull.mastodon import split_account

            split_account(account, kw.get("instance"))
        elif not account.strip().lstrip("@"):
            from brandcouch.pull import PullError

            raise PullError("expected a handle such as acme.bsky.social")
        with api.open_store(db, create=True, config=cfg) as store:
            if store.created:
                console.print(f"created a new store at {plain(db)}")
            api.load_brand_config(store, cfg)
            with Progress(
                TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                console=console, transient=True,
            ) as bar:  # fmt: skip
                task = bar.add_task(f"pulling {platform}", total=None)

                def tick(done, total, what):
                    bar.update(task, completed=done, total=total, description=f"pulling {what}")

                fn = pull_mastodon if platform == "mastodon" else pull_bluesky
                res = fn(store, db, account, since=when, progress=tick, config=cfg, **kw)
            console.print(
                f"pulled {plain(res.account)} ({plain(res.brand)}): {res.posts:,} posts, "
                f"{res.threads:,} threads, {res.pages:,} pages → {plain(res.run_dir)}"
                + (" (resumed)" if res.resumed else "")
            )
            console.print(
                f"imported {res.imported:,}, duplicates {res.duplicates:,}, updated {res.updated:,}"
            )
            score_with_progress(store, cfg)
            c = store.counts()
            console.print(
                f"store {plain(db)}: {c['messages']:,} messages, {c['accounts']:,} accounts, "
                f"{c['brands']:,} brands"
            )

    run(body)


@pull_app.command("mastodon")
def mastodon(
    account: Annotated[
        str, typer.Argument(help="The account, user@host (e.g. acme@mastodon.social).")
    ],
    db: CreateDbOpt = Path("brandcouch.duckdb"),
    instance: Annotated[
        str | None,
        typer.Option("--instance", help="The instance URL (default: the account's host)."),
    ] = None,
    since: SinceOpt = None,
    limit: LimitOpt = None,
    brand: BrandOpt = None,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 3,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Pull a Mastodon account's public statuses and their threads (incremental, resumable);
    the raw pages are saved in DB.pull/mastodon/ACCOUNT/."""
    _pull(
        "mastodon", account, db, config, since, instance=instance, limit=limit, brand=brand,
        client={"timeout": timeout, "retries": retries},
    )  # fmt: skip


@pull_app.command("bluesky")
def bluesky(
    handle: Annotated[str, typer.Argument(help="The handle (e.g. acme.bsky.social).")],
    db: CreateDbOpt = Path("brandcouch.duckdb"),
    service: Annotated[
        str | None,
        typer.Option("--service", help="The AppView URL (default https://public.api.bsky.app)."),
    ] = None,
    since: SinceOpt = None,
    limit: LimitOpt = None,
    brand: BrandOpt = None,
    timeout: TimeoutOpt = 20.0,
    retries: RetriesOpt = 3,
    config: ConfigOpt = Path("brandcouch.toml"),
) -> None:
    """Pull a Bluesky account's posts and their threads (incremental, resumable); the raw
    pages are saved in DB.pull/bluesky/HANDLE/."""
    _pull(
        "bluesky", handle, db, config, since, service=service, limit=limit, brand=brand,
        client={"timeout": timeout, "retries": retries},
    )  # fmt: skip
