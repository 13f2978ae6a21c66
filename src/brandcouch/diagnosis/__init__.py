"""Diagnosis: pitch-without-listening flags, findings ranked by severity, prescriptions, and the
session (the plain-language diagnosis); and threshold checks for automation."""

from __future__ import annotations

from brandcouch.diagnosis.flags import pitch_flags
from brandcouch.diagnosis.session import brand_session
from brandcouch.diagnosis.thresholds import ELEMENT_KEYS, check_brands

__all__ = ["ELEMENT_KEYS", "brand_diagnosis", "brand_session", "check_brands", "pitch_flags"]


def brand_diagnosis(brand: dict, flags: list[dict]) -> dict:
    """``{"flags", "session"}`` of a brand dict with elements and health (not changed) and its
    pitch-without-listening ``flags`` (from :func:`pitch_flags`)."""
    return {"flags": flags, "session": brand_session({**brand, "flags": flags})}
