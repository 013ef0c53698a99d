"""The browsers' own table layouts, version by version, and a writer for empty stores.

Chromium's `cookies` table for meta versions 18-24 and Firefox's `moz_cookies` for
user_version 12-17, as the browsers create them (chromium net/extras/sqlite/
sqlite_persistent_cookie_store.cc, mozilla netwerk/cookie/CookiePersistentStorage.cpp; history
in reference/cookie-stores.md 1.2 and 2.4). The demo profile and the tests build real stores
from these, and the newest ones are checked against files the real browsers write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

CHROMIUM_VERSIONS = range(18, 25)
FIREFOX_VERSIONS = range(12, 18)

_CHROMIUM_BASE = [
    "creation_utc", "host_key", "top_frame_site_key", "name", "value", "encrypted_value", "path",
    "expires_utc", "is_secure", "is_httponly", "last_access_utc", "has_expires", "is_persistent",
    "priority", "samesite", "source_scheme", "source_port",
]
_CHROMIUM_TYPES = {"host_key": "TEXT", "top_frame_site_key": "TEXT", "name": "TEXT",
                   "value": "TEXT", "path": "TEXT", "encrypted_value": "BLOB"}


def chromium_columns(version: int) -> list[str]:
    columns = list(_CHROMIUM_BASE)
    if version <= 20:
        columns.append("is_same_party")  # removed in 21
    columns.append("last_update_utc")  # 18
    if version >= 22:
        columns.append("source_type")
    if version >= 23:
        columns.append("has_cross_site_ancestor")
    return columns


def chromium_unique_key(version: int) -> list[str]:
    if version >= 23:
        return ["host_key", "top_frame_site_key", "has_cross_site_ancestor", "name", "path",
                "source_scheme", "source_port"]
    if version >= 20:
        return ["host_key", "top_frame_site_key", "name", "path", "source_scheme", "source_port"]
    return ["host_key", "top_frame_site_key", "name", "path"]


def chromium_ddl(version: int) -> list[str]:
    columns = ",".join(
        f"{c} {_CHROMIUM_TYPES.get(c, 'INTEGER')} NOT NULL" for c in chromium_columns(version)
    )
    return [
        "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR)",
        f"CREATE TABLE cookies({columns})",
        "CREATE UNIQUE INDEX cookies_unique_index ON cookies("
        + ",".join(chromium_unique_key(version)) + ")",
    ]


def firefox_columns(version: int) -> list[str]:
    columns = ["id", "originAttributes", "name", "value", "host", "path", "expiry",
               "lastAccessed", "creationTime", "isSecure", "isHttpOnly", "inBrowserElement",
               "sameSite"]
    if version <= 14:
        columns.append("rawSameSite")  # dropped in 15
    columns.append("schemeMap")  # 12
    if version >= 13:
        columns.append("isPartitionedAttributeSet")
    if version >= 17:
        columns.append("updateTime")
    return columns


_FIREFOX_DEFS = {
    "id": "INTEGER PRIMARY KEY",
    "originAttributes": "TEXT NOT NULL DEFAULT ''",
    "name": "TEXT", "value": "TEXT", "host": "TEXT", "path": "TEXT",
    "expiry": "INTEGER", "lastAccessed": "INTEGER", "creationTime": "INTEGER",
    "isSecure": "INTEGER", "isHttpOnly": "INTEGER", "updateTime": "INTEGER",
}


def firefox_ddl(version: int) -> list[str]:
    columns = ", ".join(
        f"{c} {_FIREFOX_DEFS.get(c, 'INTEGER DEFAULT 0')}" for c in firefox_columns(version)
    )
    return [
        f"CREATE TABLE moz_cookies ({columns}, "
        "CONSTRAINT moz_uniqueid UNIQUE (name, host, path, originAttributes))"
    ]


def create_chromium_store(path: Path, version: int) -> sqlite3.Connection:
    """An empty Chromium cookie store of `version`, open for the caller to fill and close."""
    db = sqlite3.connect(path)
    for statement in chromium_ddl(version):
        db.execute(statement)
    db.executemany("INSERT INTO meta VALUES (?, ?)",
                   [("mmap_status", "-1"), ("version", str(version)),
                    ("last_compatible_version", str(version))])
    db.commit()
    return db


def create_firefox_store(path: Path, version: int) -> sqlite3.Connection:
    """An empty Firefox cookie store of `version` in WAL mode, as Firefox keeps it."""
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode = WAL")
    for statement in firefox_ddl(version):
        db.execute(statement)
    db.execute(f"PRAGMA user_version = {int(version)}")
    db.commit()
    return db
