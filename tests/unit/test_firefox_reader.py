"""The Firefox reader on real-schema stores of every supported user_version."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cookiedesk.model import Store, StoreFormat
from cookiedesk.stores import firefox
from cookiedesk.stores.schemas import FIREFOX_VERSIONS
from tests.helpers.stores import TestCookie, firefox_store

EXPIRES = datetime(2030, 3, 17, 17, 46, 40, tzinfo=UTC)


def store_at(path: Path) -> Store:
    return Store(id="f1", browser="Firefox", profile="default-release", path=path,
                 format=StoreFormat.FIREFOX, profile_dir=path.parent, root=path.parent.parent)


@pytest.mark.parametrize("version", FIREFOX_VERSIONS)
def test_expiry_is_seconds_before_16_and_milliseconds_from_16(tmp_path: Path,
                                                              version: int) -> None:
    path = firefox_store(tmp_path / "p" / "cookies.sqlite", version, [
        TestCookie(".komp3.net", "member", value="42", secure=True, httponly=True, samesite=1)])
    contents = firefox.read(store_at(path))
    (cookie,) = contents.cookies
    assert contents.store.schema_version == version
    assert cookie.expires == EXPIRES  # the same moment whatever the unit on disk
    assert cookie.created == datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)
    assert (cookie.secure, cookie.httponly, cookie.samesite) == (True, True, "lax")
    assert cookie.size == len("member") + len("42")
    assert cookie.key.natural == ("member", ".komp3.net", "/", "")


def test_millisecond_expiry_read_as_seconds_would_be_off_by_far(tmp_path: Path) -> None:
    # The guard the schema switch exists for: a v16 file read with v15 rules lands in year 9999.
    path = firefox_store(tmp_path / "p" / "cookies.sqlite", 16, [TestCookie(".a.example", "n")])
    (cookie,) = firefox.read(store_at(path)).cookies
    assert cookie.expires is not None and cookie.expires.year == 2030


def test_containers_and_partitions_are_separate_cookies(tmp_path: Path) -> None:
    profile = tmp_path / "p"
    path = firefox_store(profile / "cookies.sqlite", 17, [
        TestCookie(".tracker.example", "uid"),
        TestCookie(".tracker.example", "uid", partition="^partitionKey=%28https%2Ckomp3.net%29"),
        TestCookie(".tracker.example", "uid",
                   partition="^partitionKey=%28http%2Cexample.org%2C8080%29"),
        TestCookie(".tracker.example", "uid", partition="^userContextId=1"),
        TestCookie(".tracker.example", "uid", partition="^userContextId=7"),
        TestCookie(".tracker.example", "uid", partition="^firstPartyDomain=komp3.net"),
    ])
    (profile / "containers.json").write_text(json.dumps({"version": 5, "identities": [
        {"userContextId": 1, "l10nID": "userContextPersonal.label", "public": True},
        {"userContextId": 7, "name": "Banking & Bills", "public": True},
    ]}))
    cookies = firefox.read(store_at(path)).cookies
    assert len(cookies) == 6
    seen = sorted((c.partition, c.container) for c in cookies)
    assert seen == [
        ("", ""), ("", "Banking & Bills"), ("", "Personal"),
        ("http://example.org:8080", ""), ("https://komp3.net", ""), ("komp3.net", ""),
    ]
    assert len({c.key for c in cookies}) == 6


def test_rows_still_in_the_wal_are_read(tmp_path: Path) -> None:
    import sqlite3

    path = firefox_store(tmp_path / "p" / "cookies.sqlite", 17, [TestCookie(".a.example", "old")])
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # keep the new row in cookies.sqlite-wal
    writer.execute("INSERT INTO moz_cookies (name, value, host, path, expiry) "
                   "VALUES ('new', 'x', '.b.example', '/', 1900000000000)")
    writer.commit()
    try:
        assert path.with_name("cookies.sqlite-wal").stat().st_size > 0
        names = sorted(c.name for c in firefox.read(store_at(path)).cookies)
        assert names == ["new", "old"]
    finally:
        writer.close()


@pytest.mark.parametrize(("key", "site"), [
    ("(https,komp3.net)", "https://komp3.net"),
    ("(https,komp3.net,f)", "https://komp3.net"),
    ("(http,localhost,8080)", "http://localhost:8080"),
    ("komp3.net", "komp3.net"),
    ("(broken", "(broken"),
])
def test_partition_keys(key: str, site: str) -> None:
    assert firefox.partition_site(key) == site
