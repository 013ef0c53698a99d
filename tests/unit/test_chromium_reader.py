"""The Chromium reader on real-schema stores of every supported meta version."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cookiedesk.model import Store, StoreFormat
from cookiedesk.stores import chromium
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.schemas import CHROMIUM_VERSIONS
from tests.helpers.stores import TestCookie, chromium_store

EXPIRES = datetime(2030, 3, 17, 17, 46, 40, tzinfo=UTC)
CREATED = datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)


def store_at(path: Path) -> Store:
    return Store(id="s1", browser="Chrome", profile="Work", path=path,
                 format=StoreFormat.CHROMIUM, profile_dir=path.parent, root=path.parent.parent)


@pytest.mark.parametrize("version", CHROMIUM_VERSIONS)
def test_every_version_reads_attributes_and_times(tmp_path: Path, version: int) -> None:
    path = chromium_store(tmp_path / "Default" / "Cookies", version, [
        TestCookie(".komp3.net", "member", value="12345", secure=True, httponly=True,
                   samesite=1),
        TestCookie("www.example.org", "sid", session=True, samesite=2),
    ])
    contents = chromium.read(store_at(path))

    assert contents.store.schema_version == version
    assert contents.warnings == []
    member, sid = sorted(contents.cookies, key=lambda c: c.name)
    assert (member.host, member.name, member.path) == (".komp3.net", "member", "/")
    assert member.expires == EXPIRES
    assert member.created == CREATED
    assert member.last_access == datetime.fromtimestamp(1_750_000_000, UTC)
    assert (member.secure, member.httponly, member.samesite, member.session) == (
        True, True, "lax", False)
    assert member.size == len("member") + len("12345")
    assert (member.browser, member.profile, member.store_id) == ("Chrome", "Work", "s1")
    assert sid.session and sid.expires is None and sid.samesite == "strict"


@pytest.mark.parametrize("version", CHROMIUM_VERSIONS)
def test_partitioned_copies_are_separate_cookies(tmp_path: Path, version: int) -> None:
    path = chromium_store(tmp_path / "Cookies", version, [
        TestCookie(".ads.example", "uid"),
        TestCookie(".ads.example", "uid", partition="https://komp3.net"),
        TestCookie(".ads.example", "uid", partition="https://news.example"),
    ])
    cookies = chromium.read(store_at(path)).cookies
    assert sorted(c.partition for c in cookies) == ["", "https://komp3.net",
                                                    "https://news.example"]
    assert len({c.key for c in cookies}) == 3
    partitioned = next(c for c in cookies if c.partition == "https://komp3.net")
    # the natural key is the browser's unique index, in a fixed order
    assert partitioned.key.natural[:2] == (".ads.example", "https://komp3.net")
    assert partitioned.key.natural[3:5] == ("uid", "/")


def test_encrypted_values_give_an_approximate_size_and_are_never_read(tmp_path: Path) -> None:
    cipher = b"v10" + bytes(32)  # 32 bytes of AES-CBC: a 17-to-32-byte plaintext
    path = chromium_store(tmp_path / "Cookies", 23, [
        TestCookie(".example.com", "enc", encrypted_value=cipher)])
    (cookie,) = chromium.read(store_at(path)).cookies
    assert 17 <= cookie.size - len("enc") <= 32


def test_a_pre_v10_store_with_old_column_names_still_reads(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "Cookies"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)")
    db.execute("INSERT INTO meta VALUES ('version', '9')")
    db.execute("CREATE TABLE cookies (creation_utc INTEGER NOT NULL UNIQUE PRIMARY KEY, "
               "host_key TEXT NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, path TEXT NOT "
               "NULL, expires_utc INTEGER NOT NULL, secure INTEGER NOT NULL, httponly INTEGER "
               "NOT NULL, last_access_utc INTEGER NOT NULL, has_expires INTEGER NOT NULL, "
               "persistent INTEGER NOT NULL, priority INTEGER NOT NULL, encrypted_value BLOB, "
               "firstpartyonly INTEGER NOT NULL)")
    db.execute("INSERT INTO cookies VALUES (1, '.old.example', 'n', 'x', '/', "
               "13000000000000000, 1, 1, 0, 1, 1, 1, x'', 2)")
    db.commit()
    db.close()
    (cookie,) = chromium.read(store_at(path)).cookies
    assert (cookie.secure, cookie.httponly, cookie.samesite) == (True, True, "strict")
    assert cookie.partition == ""


def test_a_future_version_is_read_with_a_warning(tmp_path: Path) -> None:
    import sqlite3

    path = chromium_store(tmp_path / "Cookies", 24, [TestCookie(".a.example", "n")])
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = '31' WHERE key = 'version'")
    db.commit()
    db.close()
    contents = chromium.read(store_at(path))
    assert len(contents.cookies) == 1
    assert contents.warnings == [
        "schema version 31 is newer than CookieDesk knows (24); shown read-only"]


def test_a_table_without_the_needed_columns_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "Cookies"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE cookies (host_key TEXT, value TEXT)")
    db.commit()
    db.close()
    with pytest.raises(StoreError) as caught:
        chromium.read(store_at(path))
    assert caught.value.reason == (
        "the `cookies` table lacks the columns expires_utc, name, path (schema version None); "
        "CookieDesk cannot read it")


def test_an_empty_store_has_no_cookies(tmp_path: Path) -> None:
    path = chromium_store(tmp_path / "Cookies", 24, [])
    assert chromium.read(store_at(path)).cookies == []
