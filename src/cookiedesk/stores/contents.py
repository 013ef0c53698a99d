"""What reading one store yields, the same for every format."""

from __future__ import annotations

from cookiedesk.model import Cookie, Store
from cookiedesk.records import NamedTuple


class StoreContents(NamedTuple):
    store: Store  # with schema_version filled in
    cookies: list[Cookie]
    warnings: list[str]  # read, but something deserves a word
