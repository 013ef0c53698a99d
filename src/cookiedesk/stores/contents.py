"""What reading one store yields, the same for every format."""

from __future__ import annotations

from dataclasses import dataclass, field

from cookiedesk.model import Cookie, Store


@dataclass(frozen=True, slots=True)
class StoreContents:
    store: Store  # with schema_version filled in
    cookies: list[Cookie]
    warnings: list[str] = field(default_factory=list)  # read, but something deserves a word
