"""Stable text hashes, the cache key of every stored signal value."""

from __future__ import annotations

import hashlib


def text_hash(text: str | None) -> str:
    """Return a stable 16-hex-digit BLAKE2b hash of ``text`` (None hashes like "")."""
    data = (text or "").encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=8).hexdigest()
