"""split_signature skips a pattern whose caret, mark or dash is not in the searched window
(issue 15, speed): the result must be the one of searching every pattern."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from brandcouch.signals import signatures

TWCS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "twcs" / "twcs_head5000.csv"

CASES = [
    "Sorry about that, we'll look into it ^RS",
    "Please DM us your order number -Katie",
    "Please DM us your order number - Ana",
    "We can help with this -- Mat",
    "Happy to help ~JD",
    "Let us know *KellenF",
    "Check the app /CB",
    "Thanks for waiting =TB",
    "Sorry for the wait, we made changes-Yana",
    "Thanks, Anna",
    "We're here for you. Phil.",
    "ご迷惑をおかけしました。ET",
    "Let us know -",
    "and/or",
    "x" * 60 + " ^RS",
    "^RS " + "x" * 60,  # the caret is outside the window
    "-Katie " + "y" * 60,
    "Sorry — Mo",
    "Sorry – Mo",
    "",
]


def _unguarded(text: str):
    saved = dict(signatures._NEEDS)
    signatures._NEEDS.clear()
    try:
        return signatures.split_signature(text)
    finally:
        signatures._NEEDS.update(saved)


def test_hand_cases_match_the_unguarded_search():
    for text in CASES:
        assert signatures.split_signature(text) == _unguarded(text), text
    assert signatures.split_signature("Please DM us your order number -Katie") == (
        "Please DM us your order number",
        "Katie",
    )
    assert signatures.split_signature("x" * 60 + " ^RS")[1] == "RS"


@pytest.mark.skipif(not TWCS.exists(), reason="needs ../shared/data/twcs")
def test_twcs_replies_match_the_unguarded_search():
    with TWCS.open(encoding="utf-8", newline="") as fh:
        texts = [r["text"] for r in csv.DictReader(fh)]
    signed = 0
    for text in texts:
        got = signatures.split_signature(text)
        assert got == _unguarded(text), text
        signed += got[1] is not None
    assert signed > 200  # the comparison saw real signatures
