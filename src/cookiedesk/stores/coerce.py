"""Turning whatever SQLite hands back into the plain types the records need."""

from __future__ import annotations


def as_int(value: object) -> int:
    """SQLite lets any type sit in any column; a stray text or NULL must not crash a listing."""
    if isinstance(value, int):
        return value
    try:
        return int(float(str(value)))
    except (TypeError, ValueError, OverflowError):
        return 0
