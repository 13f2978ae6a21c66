"""``brandcouch serve``: the local web dashboard (over a snapshot of the store: it holds no lock
between recomputes, so other commands run meanwhile; see docs/architecture.md)."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

import typer

from brandcouch.cli.analyze_cmd import CompareOpt, SinceOpt, UntilOpt, period
from brandcouch.cli.app import ConfigOpt, DbOpt, app, console, plain, run
from brandcouch.errors import ConfigError
from brandcouch.settings import load_config

TOKEN_ENV = "BRANDCOUCH_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def resolve_token(host: str, token: str | None) -> str | None:
    """The token to require: ``--token``, else ``$BRANDCOUCH_TOKEN``; mandatory off loopback."""
    token = token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(host) and not token:
        raise ConfigError(
            f"--host {host} exposes the dashboard beyond this machine: give a token with "
            f"--token or ${TOKEN_ENV} (every request must then carry it)"
        )
    if token is not None and len(token) < 12:
        raise ConfigError("the token is too short: use at least 12 characters")
    return token


@app.command("serve")
def serve(
    db: DbOpt = Path("brandcouch.duckdb"),
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8765,
    host: Annotated[
        str, typer.Option("--host", help="Address to bind; beyond 127.0.0.1 needs a token.")
    ] = "127.0.0.1",
    token: Annotated[
        str | None, typer.Option("--token", help=f"Require this token (or ${TOKEN_ENV}).")
    ] = None,
    config: ConfigOpt = Path("brandcouch.toml"),
    since: SinceOpt = None,
    until: UntilOpt = None,
    compare: CompareOpt = None,
) -> None:
    """Open the dashboard: elements, evidence, conversations, audience, benchmark. With
    --since/--until (and --compare) it opens at that period (the page's date picker changes
    it)."""

    def body():
        import uvicorn

        from brandcouch.web import create_app

        period(since, until, compare)  # a bad date fails before the analysis
        required = resolve_token(host, token)
        cfg = load_config(config)
        with console.status("analysing the store…"):
            web_app = create_app(db, token=required, host=host, port=port, config=cfg)
            picked = {"since": since, "until": until, "compare": compare}
            picked = {k: v for k, v in picked.items() if v}
            if picked:  # computed now, so the first page opens at once
                web_app.state.dash.windowed(since, until, compare)
        url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
        if picked:
            url += "?" + urlencode(picked)
        query = "&" if picked else "?"
        console.print(
            f"brandcouch dashboard: {plain(url)}{query + 'token=<your token>' if required else ''}"
        )
        uvicorn.run(web_app, host=host, port=port, log_level="warning")

    run(body)
