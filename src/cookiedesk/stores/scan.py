"""Read every store that discovery found: cookies, schema, running state, errors per store."""

from __future__ import annotations

from collections.abc import Iterator

from cookiedesk.checkpoints import reached
from cookiedesk.model import Classify, Cookie, Store, StoreFormat, StoreKind
from cookiedesk.records import NamedTuple
from cookiedesk.stores import formats, running
from cookiedesk.stores.discovery import Discovery, Problem
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.formats import Reader


def reader(store_format: StoreFormat, kind: StoreKind = StoreKind.COOKIES) -> Reader:
    """The reader of a format and kind, from the typed table in `formats`."""
    return formats.spec(store_format, kind).read


class StoreScan(NamedTuple):
    store: Store  # schema_version and running filled in
    cookies: list[Cookie]
    error: str | None  # the store could not be read: why, in one sentence
    warnings: list[str]
    running_reason: str


class ScanResult(NamedTuple):
    stores: list[StoreScan]
    problems: list[Problem]

    def cookies(self) -> Iterator[Cookie]:
        for scanned in self.stores:
            yield from scanned.cookies

    @property
    def readable(self) -> int:
        return sum(1 for s in self.stores if s.error is None)


def read_store(store: Store, classify: Classify | None = None) -> StoreScan:
    """Read one store; a problem with it becomes its `error`, never an exception.

    With `classify`, every cookie carries its verdict."""
    reached("scan:store")
    state = running.check(store)
    store = store._replace(running=state.running)
    try:
        contents = reader(store.format, store.kind)(store, classify)
    except StoreError as exc:
        return StoreScan(store, [], exc.reason, [], state.reason)
    return StoreScan(contents.store._replace(running=state.running), contents.cookies, None,
                     contents.warnings, state.reason)


def scan(found: Discovery, include_extension_stores: bool = False,
         classify: Classify | None = None) -> ScanResult:
    stores = [
        read_store(store, classify)
        for store in found.stores
        if include_extension_stores or store.kind is not StoreKind.EXTENSION
    ]
    return ScanResult(stores, list(found.problems))
