"""The deterministic demo corpus: three fictional brands with designed relationship styles.

``generate(seed, scale)`` yields Accounts, BrandHints and Messages; ``DEMO_BRANDS`` names the
brands and their ``(platform, handle)`` accounts. See docs/demo.md for the designed numbers.
"""

from __future__ import annotations

from brandcouch.demo.generator import END, START, generate
from brandcouch.demo.styles import STYLES

#: ``(brand_name, [(platform, handle), ...])`` for every demo brand.
DEMO_BRANDS: list[tuple[str, list[tuple[str, str]]]] = [
    (s.name, [(platform, s.handle) for platform in s.channels]) for s in STYLES
]

__all__ = ["DEMO_BRANDS", "END", "START", "generate"]
