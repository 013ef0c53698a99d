"""Plain records shared by every layer: stores found on disk and the cookies in them.

No record ever carries a cookie's value: values stay inside the browser's file and are read
only by `stores.values`, one at a time, when the user asks for one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from cookiedesk.records import NamedTuple


class StoreFormat(StrEnum):
    CHROMIUM = "chromium"
    FIREFOX = "firefox"
    SAFARI = "safari"


class StoreKind(StrEnum):
    """Which cookie jar of a profile the file is; only `COOKIES` is shown by default."""

    COOKIES = "cookies"
    EXTENSION = "extension"  # Chromium's `Extension Cookies`: chrome-extension:// origins
    SESSION = "session"  # Firefox's session file: session cookies, shown read-only


class Store(NamedTuple):
    """One cookie database of one browser profile."""

    id: str  # short and stable for a given file path; names the store in keys and commands
    browser: str  # "Chrome", "Firefox", …
    profile: str  # the display name the browser shows for the profile
    path: Path  # the cookie database file
    format: StoreFormat
    profile_dir: Path
    root: Path  # Chromium user-data dir / Firefox profiles root: where the lock files live
    variant: str = ""  # "snap", "flatpak", "XDG" or "" for the ordinary install
    kind: StoreKind = StoreKind.COOKIES
    schema_version: int | None = None  # known after reading
    running: bool | None = None  # known after a running check

    @property
    def label(self) -> str:
        """What people call it: "Chromium (snap) — Work"."""
        browser = f"{self.browser} ({self.variant})" if self.variant else self.browser
        return f"{browser} — {self.profile}"


class Category(StrEnum):
    """What a verdict says a cookie is. Plain strings to everything that reads them ("ad" ==
    Category.AD), so JSON output, preferences and older callers are unchanged."""

    SITE = "site"  # a site profile's own cookie (KOmp3.net)
    AD = "ad"  # an advertising company's
    TRACKER = "tracker"  # analytics, measurement, tag managers, marketing automation
    OTHER = "other"


@dataclass(frozen=True)
class Verdict:
    """What a cookie is, and why: the same verdict the app, `list` and `classify` show.

    A dataclass rather than a NamedTuple so that JSON output names its fields; verdicts are
    shared between the cookies of one host, so there are few of them.
    """

    category: Category  # compares equal to its plain string ("ad" == Category.AD)
    company: str | None  # the site's, ad company's or tracking company's name
    reason: str  # one line for people: "criteo.com — Criteo, retargeting ads"
    kept: bool = False  # on the user's keep-list: never deleted by a filter
    source: str = ""  # where the verdict comes from: "CookieDesk catalogue", "EasyList", …


@dataclass(unsafe_hash=True)  # hashed by its fields; never assigned to (see Cookie)
class CookieKey:
    """Identifies exactly one row for deletion: the row id AND the store's natural key.

    `natural` holds the columns of the browser's unique index in a fixed order per format
    (Chromium: host_key, top_frame_site_key, has_cross_site_ancestor, name, path, source_scheme,
    source_port; Firefox: name, host, path, originAttributes), so a row whose id was reused by
    the browser for another cookie is never mistaken for the planned one.
    """

    store_id: str
    rowid: int
    natural: tuple[str | int, ...]


# Store and the other per-store records are NamedTuples: a dataclass compiles its methods when
# the module is imported (about 1.5 ms each), and `cookiedesk list` starts with those imports.
# Cookie and CookieKey stay dataclasses because orjson writes dataclasses as JSON objects.
#
# Cookie is neither frozen nor slotted, by measurement on 6,600 cookies: a frozen dataclass's
# __init__ (object.__setattr__ per field) takes 14 ms against 3 ms, and orjson writes instances
# with a __dict__ three times as fast as slotted ones (4.4 ms against 13.3 ms). Treat it as
# immutable all the same: nothing in CookieDesk assigns to a Cookie after a reader made it.
@dataclass
class Cookie:
    """One cookie as a reader found it: everything but its value. (A docstring of its own also
    spares the dataclass decorator writing one from the signature, ~0.2 ms at import.)"""

    browser: str
    profile: str
    store_id: str
    host: str
    name: str
    path: str
    partition: str  # top-level site it is partitioned under ("https://example.com"), or ""
    container: str  # Firefox container (userContextId) name, or ""
    expires: datetime | None  # None for a session cookie
    created: datetime | None
    last_access: datetime | None
    secure: bool
    httponly: bool
    samesite: str  # "none", "lax", "strict" or "unspecified"
    session: bool
    size: int  # bytes of name + value (approximate for encrypted Chromium values)
    key: CookieKey
    verdict: Verdict | None = None  # filled in when the reader is given a classifier


# What a reader asks about each cookie it reads: (host, name) → its verdict.
Classify = Callable[[str, str], Verdict]
