"""Diagnosis: pitch-without-listening flags, findings ranked by severity, prescriptions, and the
session (the plain-language diagnosis); and threshold checks for automation."""

from __future__ import annotations

from brandcouch.diagnosis.flags import pitch_flags
from brandcouch.diagnosis.session import brand_session
from brandcouch.diagnosis.thresholds import ELEMENT_KEYS, check_brands
from brandcouch.store import Store

__all__ = ["ELEMENT_KEYS", "attach_diagnosis", "brand_session", "check_brands", "pitch_flags"]


def attach_diagnosis(store: Store, brands: list[dict]) -> None:
    """Add ``flags`` and ``session`` to each brand dict (after the elements are attached)."""
    flags = pitch_flags(store)
    for b in brands:
        b["flags"] = flags.get(b["name"], [])
        b["session"] = brand_session(b)
