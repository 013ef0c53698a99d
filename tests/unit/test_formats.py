"""The typed table of store formats: one entry per store discovery can find, the readers' own
key constants, and the readers themselves (Safari's imported only when a Safari store is read)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cookiedesk.model import Store, StoreFormat, StoreKind
from cookiedesk.safety.sqlite_ops import format_module
from cookiedesk.stores import chromium, firefox, firefox_session, formats
from cookiedesk.stores.scan import read_store, reader
from tests.helpers.stores import SafariTestCookie, TestCookie, chromium_store, safari_file


@pytest.mark.parametrize(("store_format", "kind"), [
    (StoreFormat.CHROMIUM, StoreKind.COOKIES), (StoreFormat.CHROMIUM, StoreKind.EXTENSION),
    (StoreFormat.FIREFOX, StoreKind.COOKIES), (StoreFormat.FIREFOX, StoreKind.SESSION),
    (StoreFormat.SAFARI, StoreKind.COOKIES),
])
def test_every_store_discovery_can_find_has_a_reader(store_format: StoreFormat,
                                                     kind: StoreKind) -> None:
    entry = formats.spec(store_format, kind)
    assert (entry.format, entry.kind) == (store_format, kind)
    assert reader(store_format, kind) is entry.read


def test_the_sqlite_tables_are_the_readers_own_constants() -> None:
    # safety/ reads the same constants from the reader modules: one value, two ways to ask.
    for store_format, module in ((StoreFormat.CHROMIUM, chromium),
                                 (StoreFormat.FIREFOX, firefox)):
        table = formats.sqlite_table(store_format)
        assert format_module(store_format) is module
        assert (table.table, table.row_id, table.natural_columns, table.restore_skip) == (
            module.TABLE, module.ROW_ID, module.NATURAL_COLUMNS, module.RESTORE_SKIP)
    with pytest.raises(ValueError, match="not a SQLite store"):
        formats.sqlite_table(StoreFormat.SAFARI)


def test_the_readers_are_the_modules_read_functions() -> None:
    assert formats.spec(StoreFormat.CHROMIUM).read is chromium.read
    assert formats.spec(StoreFormat.FIREFOX).read is firefox.read
    assert formats.spec(StoreFormat.FIREFOX, StoreKind.SESSION).read is firefox_session.read
    assert not formats.spec(StoreFormat.FIREFOX, StoreKind.SESSION).writable


def test_a_safari_store_reads_through_the_table(tmp_path: Path) -> None:
    jar = tmp_path / "Cookies.binarycookies"
    jar.write_bytes(safari_file([[SafariTestCookie("www.example.org", "pref")]]))
    store = Store(id="sf", browser="Safari", profile="Default", path=jar,
                  format=StoreFormat.SAFARI, profile_dir=tmp_path, root=tmp_path)
    contents = formats.spec(StoreFormat.SAFARI).read(store, None)
    assert [(c.host, c.name) for c in contents.cookies] == [("www.example.org", "pref")]


def test_a_chromium_store_reads_through_the_scan(tmp_path: Path) -> None:
    path = chromium_store(tmp_path / "Cookies", 24, [TestCookie(".example.com", "n")])
    store = Store(id="c", browser="Chromium", profile="Default", path=path,
                  format=StoreFormat.CHROMIUM, profile_dir=tmp_path, root=tmp_path)
    scanned = read_store(store)
    assert scanned.error is None and [c.name for c in scanned.cookies] == ["n"]
