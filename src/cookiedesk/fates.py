"""What a deletion does to each chosen cookie, decided in one place: deleted, left to Firefox
(a session-file cookie: Firefox clears it when it quits, and CookieDesk never rewrites that
file), or kept (the user's keep-list). The plan that deletes (safety.delete), the counts the
window shows and the sentences every front end says all ask this."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from cookiedesk.model import Cookie, Store, StoreKind


class Fate(StrEnum):
    DELETED = "deleted"
    SESSION_ONLY = "session-only"  # in Firefox's session file: cleared when Firefox quits
    KEPT = "kept"  # on the keep-list: never deleted by a filter


def session_store_ids(stores: Iterable[Store]) -> frozenset[str]:
    """The stores whose cookies CookieDesk lists but never deletes."""
    return frozenset(s.id for s in stores if s.kind is StoreKind.SESSION)


def fate(cookie: Cookie, session_stores: frozenset[str]) -> Fate:
    """The keep-list first: a kept cookie stays whatever store holds it."""
    if cookie.verdict is not None and cookie.verdict.kept:
        return Fate.KEPT
    if cookie.store_id in session_stores:
        return Fate.SESSION_ONLY
    return Fate.DELETED
