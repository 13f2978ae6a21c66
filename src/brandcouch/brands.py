"""Brand configuration: ``--brand "Acme=twitter:acmehelp,mastodon:acme@social.example"`` and the
``[brands]`` table of ``brandcouch.toml``::

    [brands]
    Acme = ["twitter:acmehelp", "mastodon:acme@social.example"]
"""

from __future__ import annotations

from collections.abc import Mapping

from brandcouch.errors import ConfigError
from brandcouch.model import PLATFORMS

BrandSpec = tuple[str, list[tuple[str, str]]]  # (brand name, [(platform, handle or id)])


def _account(ref: str, spec: str) -> tuple[str, str]:
    if ":" not in ref:
        raise ConfigError(
            f"brand spec {spec!r}: account {ref!r} must be PLATFORM:HANDLE, e.g. twitter:acmehelp"
        )
    platform, handle = ref.split(":", 1)
    platform, handle = platform.strip().lower(), handle.strip().lstrip("@")
    if not platform or not handle:
        raise ConfigError(f"brand spec {spec!r}: empty platform or handle in {ref!r}")
    if platform not in PLATFORMS:
        raise ConfigError(
            f"brand spec {spec!r}: unknown platform {platform!r}; known: {', '.join(PLATFORMS)}"
        )
    return platform, handle


def parse_brand_spec(spec: str) -> BrandSpec:
    """``"Acme=twitter:acmehelp,mastodon:acme@social.example"`` → ``("Acme", [...])``."""
    if "=" not in spec:
        raise ConfigError(f"brand spec {spec!r}: expected NAME=PLATFORM:HANDLE[,PLATFORM:HANDLE]")
    name, accounts = spec.split("=", 1)
    name = name.strip()
    if not name:
        raise ConfigError(f"brand spec {spec!r}: empty brand name")
    refs = [r for r in (a.strip() for a in accounts.split(",")) if r]
    if not refs:
        raise ConfigError(f"brand spec {spec!r}: no accounts")
    return name, [_account(r, spec) for r in refs]


def brands_from_config(config: dict) -> list[BrandSpec]:
    table = config.get("brands", {})
    if not isinstance(table, Mapping):
        raise ConfigError('brandcouch.toml: [brands] must be a table of NAME = ["platform:handle"]')
    out = []
    for name, refs in table.items():
        if isinstance(refs, str):
            refs = [refs]
        if not isinstance(refs, list | tuple) or not all(isinstance(r, str) for r in refs):
            raise ConfigError(
                f'brandcouch.toml: brand {name!r} must list "platform:handle" strings'
            )
        out.append((name, [_account(r, f"{name} in brandcouch.toml") for r in refs]))
    return out
