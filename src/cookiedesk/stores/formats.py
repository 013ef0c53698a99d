"""The store formats CookieDesk reads, as one typed table instead of modules looked up by name.

Each (format, kind) has its reader and, for the SQLite formats, the table deletion and restore
write, its row id, its natural-key columns (in the order of CookieKey.natural) and the columns
a restore must not copy. Those four come from the reader modules' own constants (TABLE, ROW_ID,
NATURAL_COLUMNS, RESTORE_SKIP), which stay where they are: they are the one place each value is
written, and safety/ reads them there.
"""

from __future__ import annotations

from collections.abc import Callable

from cookiedesk.model import Classify, Store, StoreFormat, StoreKind
from cookiedesk.records import NamedTuple
from cookiedesk.stores import chromium, firefox, firefox_session
from cookiedesk.stores.contents import StoreContents

Reader = Callable[[Store, Classify | None], StoreContents]


# NamedTuples rather than frozen dataclasses: every command imports this table, and a slotted
# dataclass is built twice at import (~1.5 ms for the two, a share of each `cookiedesk list`).
class SqliteTable(NamedTuple):
    """Where a SQLite format keeps its cookies, and how one row is matched."""

    table: str
    row_id: str
    natural_columns: tuple[str, ...]
    restore_skip: tuple[str, ...]


class FormatSpec(NamedTuple):
    format: StoreFormat
    kind: StoreKind
    read: Reader
    sqlite: SqliteTable | None  # None: not a SQLite file (Safari's jar, Firefox's session file)
    writable: bool  # whether deletion may change it (Firefox's session file is shown only)


def _read_safari(store: Store, classify: Classify | None = None) -> StoreContents:
    # Imported on demand: only macOS has a Safari store, and the module's dataclasses cost
    # about 3 ms of every start-up elsewhere.
    from cookiedesk.stores import safari

    return safari.read(store, classify)


CHROMIUM_TABLE = SqliteTable(chromium.TABLE, chromium.ROW_ID, chromium.NATURAL_COLUMNS,
                             chromium.RESTORE_SKIP)
FIREFOX_TABLE = SqliteTable(firefox.TABLE, firefox.ROW_ID, firefox.NATURAL_COLUMNS,
                            firefox.RESTORE_SKIP)

FORMATS: dict[tuple[StoreFormat, StoreKind], FormatSpec] = {
    (StoreFormat.CHROMIUM, StoreKind.COOKIES): FormatSpec(
        StoreFormat.CHROMIUM, StoreKind.COOKIES, chromium.read, CHROMIUM_TABLE, True),
    (StoreFormat.CHROMIUM, StoreKind.EXTENSION): FormatSpec(
        StoreFormat.CHROMIUM, StoreKind.EXTENSION, chromium.read, CHROMIUM_TABLE, True),
    (StoreFormat.FIREFOX, StoreKind.COOKIES): FormatSpec(
        StoreFormat.FIREFOX, StoreKind.COOKIES, firefox.read, FIREFOX_TABLE, True),
    (StoreFormat.FIREFOX, StoreKind.SESSION): FormatSpec(
        StoreFormat.FIREFOX, StoreKind.SESSION, firefox_session.read, None, False),
    (StoreFormat.SAFARI, StoreKind.COOKIES): FormatSpec(
        StoreFormat.SAFARI, StoreKind.COOKIES, _read_safari, None, True),
}


def spec(store_format: StoreFormat, kind: StoreKind = StoreKind.COOKIES) -> FormatSpec:
    """The entry for a format and kind; KeyError for a pair no browser has."""
    return FORMATS[store_format, kind]


def sqlite_table(store_format: StoreFormat) -> SqliteTable:
    """The cookie table of a SQLite format; ValueError for Safari's binary jar."""
    table = FORMATS[store_format, StoreKind.COOKIES].sqlite
    if table is None:
        raise ValueError(f"{store_format} is not a SQLite store")
    return table
