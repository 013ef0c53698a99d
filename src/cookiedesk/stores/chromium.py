"""Chromium-family cookie stores (Chrome, Chromium, Edge, Brave, Opera, Vivaldi, Arc).

SQLite table `cookies`, schema number in `meta.version`. Columns have come and gone across
versions (reference/cookie-stores.md 1.2), so the reader asks `PRAGMA table_info` which exist
and selects those, with the browser's own defaults for the missing ones. Values are encrypted
and never needed here: only their lengths are read, to show a size.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace

from cookiedesk.model import Cookie, CookieKey, Store
from cookiedesk.stores.coerce import as_int
from cookiedesk.stores.contents import StoreContents
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.snapshot import open_snapshot, table_columns
from cookiedesk.stores.timeconv import from_chromium

NEWEST_KNOWN_VERSION = 24  # Chromium 156 writes 24
REQUIRED_COLUMNS = frozenset({"host_key", "name", "path", "expires_utc"})

# column → SQL expression used when the column is missing in this schema version. The
# first existing name in each tuple wins (schema 10 renamed secure/httponly, 11 renamed
# firstpartyonly to samesite).
_OPTIONAL: dict[str, tuple[tuple[str, ...], str]] = {
    "top_frame_site_key": (("top_frame_site_key",), "''"),
    "has_cross_site_ancestor": (("has_cross_site_ancestor",), "0"),
    "creation_utc": (("creation_utc",), "0"),
    "last_access_utc": (("last_access_utc",), "0"),
    "is_secure": (("is_secure", "secure"), "0"),
    "is_httponly": (("is_httponly", "httponly"), "0"),
    "samesite": (("samesite", "firstpartyonly"), "-1"),
    "is_persistent": (("is_persistent", "persistent"), "1"),
    "has_expires": (("has_expires",), "1"),
    "source_scheme": (("source_scheme",), "0"),
    "source_port": (("source_port",), "-1"),
}
_SAMESITE = {-1: "unspecified", 0: "none", 1: "lax", 2: "strict"}
_V24_DOMAIN_HASH_BYTES = 32  # schema 24 prefixes the plaintext with SHA-256(host_key)
_VERSION_PREFIX_BYTES = 3  # "v10", "v11", "v20"…
_AES_BLOCK = 16
_GCM_NONCE_AND_TAG = 12 + 16


def _schema_version(db: sqlite3.Connection) -> int | None:
    try:
        row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
    except sqlite3.OperationalError:
        return None
    try:
        return int(row[0]) if row else None
    except (TypeError, ValueError):
        return None


def _select_list(columns: set[str]) -> str:
    parts = ["rowid", "host_key", "name", "path", "expires_utc"]
    for alias, (candidates, default) in _OPTIONAL.items():
        present = next((c for c in candidates if c in columns), None)
        parts.append(f"{present} AS {alias}" if present else f"{default} AS {alias}")
    parts.append("length(value)" if "value" in columns else "0")
    parts.append("length(encrypted_value)" if "encrypted_value" in columns else "0")
    return ", ".join(parts)


def estimated_value_size(plain_len: int, encrypted_len: int, version: int | None) -> int:
    """Bytes of the cookie's value, estimated from the ciphertext length when encrypted.

    AES-CBC (Linux, macOS) pads to 16 bytes, so the estimate is within 8 bytes; AES-GCM
    (Windows) keeps the length exactly, after a nonce and a tag.
    """
    if plain_len:
        return plain_len
    body = encrypted_len - _VERSION_PREFIX_BYTES
    if body <= 0:
        return 0
    plain = body - 8 if body % _AES_BLOCK == 0 else body - _GCM_NONCE_AND_TAG
    if version is not None and version >= NEWEST_KNOWN_VERSION:
        plain -= _V24_DOMAIN_HASH_BYTES
    return max(0, plain)


def read(store: Store) -> StoreContents:
    with open_snapshot(store.path) as db:
        version = _schema_version(db)
        columns = table_columns(db, "cookies")
        if not columns:
            raise StoreError(store.path, "there is no `cookies` table: not a Chromium cookie store")
        missing = REQUIRED_COLUMNS - columns
        if missing:
            raise StoreError(
                store.path,
                f"the `cookies` table lacks the columns {', '.join(sorted(missing))} "
                f"(schema version {version}); CookieDesk cannot read it",
            )
        rows = db.execute(f"SELECT {_select_list(columns)} FROM cookies").fetchall()

    warnings: list[str] = []
    if version is None:
        warnings.append("the store has no schema version; read as the newest known schema")
    elif version > NEWEST_KNOWN_VERSION:
        warnings.append(
            f"schema version {version} is newer than CookieDesk knows "
            f"({NEWEST_KNOWN_VERSION}); shown read-only"
        )
    cookies = [_cookie(store, row, version) for row in rows]
    return StoreContents(replace(store, schema_version=version), cookies, warnings)


def _cookie(store: Store, row: tuple[object, ...], version: int | None) -> Cookie:
    (rowid, host, name, path, expires_utc, partition, cross_site, created, accessed, secure,
     httponly, samesite, persistent, has_expires, scheme, port, plain_len, enc_len) = row
    session = not persistent or not has_expires or not expires_utc
    name_s = str(name)
    return Cookie(
        browser=store.browser,
        profile=store.profile,
        store_id=store.id,
        host=str(host),
        name=name_s,
        path=str(path),
        partition=str(partition or ""),
        container="",
        expires=None if session else from_chromium(as_int(expires_utc)),
        created=from_chromium(as_int(created)),
        last_access=from_chromium(as_int(accessed)),
        secure=bool(secure),
        httponly=bool(httponly),
        samesite=_SAMESITE.get(as_int(samesite), "unspecified"),
        session=session,
        size=len(name_s.encode())
        + estimated_value_size(as_int(plain_len), as_int(enc_len), version),
        key=CookieKey(
            store.id,
            as_int(rowid),
            (str(host), str(partition or ""), as_int(cross_site), name_s, str(path),
             as_int(scheme), as_int(port)),
        ),
    )

