"""Firefox-family cookie stores (Firefox, LibreWolf): `cookies.sqlite`, table `moz_cookies`.

Schema number in `PRAGMA user_version`. From schema 16 (Firefox 142) `expiry` is in
milliseconds, before in seconds; creation and last access are microseconds. `originAttributes`
carries containers and total-cookie-protection partitions, so the same host/name/path may
appear once per partition: each row is its own cookie.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl

from cookiedesk.model import Cookie, CookieKey, Store
from cookiedesk.stores.coerce import as_int
from cookiedesk.stores.contents import StoreContents
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.snapshot import open_snapshot, table_columns
from cookiedesk.stores.timeconv import from_unix_microseconds, from_unix_seconds

NEWEST_KNOWN_VERSION = 17
EXPIRY_IN_MILLISECONDS_FROM = 16
REQUIRED_COLUMNS = frozenset({"id", "host", "name", "path", "expiry"})
_OPTIONAL = {
    "originAttributes": "''",
    "creationTime": "0",
    "lastAccessed": "0",
    "isSecure": "0",
    "isHttpOnly": "0",
    "sameSite": "256",
}
_SAMESITE = {0: "none", 1: "lax", 2: "strict"}
# Firefox's built-in containers name themselves by localisation id in containers.json.
_BUILTIN_CONTAINERS = {
    "userContextPersonal.label": "Personal",
    "userContextWork.label": "Work",
    "userContextBanking.label": "Banking",
    "userContextShopping.label": "Shopping",
}


def parse_origin_attributes(suffix: str) -> dict[str, str]:
    """`^userContextId=2&partitionKey=%28https%2Cexample.com%29` → {"userContextId": "2", …}."""
    if not suffix.startswith("^"):
        return {}
    return dict(parse_qsl(suffix[1:], keep_blank_values=True))


def partition_site(partition_key: str) -> str:
    """`(https,example.com[,port][,f])` → `https://example.com[:port]`; a bare site stays."""
    if not (partition_key.startswith("(") and partition_key.endswith(")")):
        return partition_key
    parts = partition_key[1:-1].split(",")
    if len(parts) < 2:
        return partition_key
    scheme, site = parts[0], parts[1]
    port = parts[2] if len(parts) > 2 and parts[2].isdigit() else ""
    return f"{scheme}://{site}" + (f":{port}" if port else "")


@lru_cache(maxsize=64)
def _container_names(profile_dir: Path) -> dict[str, str]:
    try:
        data = json.loads((profile_dir / "containers.json").read_text(encoding="utf-8"))
        identities = data.get("identities", [])
    except (OSError, ValueError, AttributeError):
        return {}
    names: dict[str, str] = {}
    for identity in identities if isinstance(identities, list) else []:
        if not isinstance(identity, dict) or "userContextId" not in identity:
            continue
        label = identity.get("name") or _BUILTIN_CONTAINERS.get(str(identity.get("l10nID")), "")
        if label:
            names[str(identity["userContextId"])] = str(label)
    return names


def _schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def read(store: Store) -> StoreContents:
    with open_snapshot(store.path) as db:
        version = _schema_version(db)
        columns = table_columns(db, "moz_cookies")
        if not columns:
            raise StoreError(
                store.path, "there is no `moz_cookies` table: not a Firefox cookie store"
            )
        missing = REQUIRED_COLUMNS - columns
        if missing:
            raise StoreError(
                store.path,
                f"the `moz_cookies` table lacks the columns {', '.join(sorted(missing))} "
                f"(schema version {version}); CookieDesk cannot read it",
            )
        select = ["id", "host", "name", "path", "expiry"]
        select += [c if c in columns else f"{d} AS {c}" for c, d in _OPTIONAL.items()]
        select.append("length(value)" if "value" in columns else "0")
        rows = db.execute(f"SELECT {', '.join(select)} FROM moz_cookies").fetchall()

    warnings: list[str] = []
    if version > NEWEST_KNOWN_VERSION:
        warnings.append(
            f"schema version {version} is newer than CookieDesk knows "
            f"({NEWEST_KNOWN_VERSION}); shown read-only"
        )
    expiry_divisor = 1000 if version >= EXPIRY_IN_MILLISECONDS_FROM else 1
    containers = _container_names(store.profile_dir)
    cookies = [_cookie(store, row, expiry_divisor, containers) for row in rows]
    return StoreContents(replace(store, schema_version=version), cookies, warnings)


def _cookie(
    store: Store, row: tuple[object, ...], expiry_divisor: int, containers: dict[str, str]
) -> Cookie:
    (rowid, host, name, path, expiry, origin, created, accessed, secure, httponly, samesite,
     value_len) = row
    origin_s = str(origin or "")
    attributes = parse_origin_attributes(origin_s)
    partition = partition_site(attributes.get("partitionKey", "")) or attributes.get(
        "firstPartyDomain", ""
    )
    context = attributes.get("userContextId", "")
    container = containers.get(context, f"Container {context}") if context not in ("", "0") else ""
    expiry_i = as_int(expiry)
    name_s, host_s, path_s = str(name or ""), str(host or ""), str(path or "")
    return Cookie(
        browser=store.browser,
        profile=store.profile,
        store_id=store.id,
        host=host_s,
        name=name_s,
        path=path_s,
        partition=partition,
        container=container,
        expires=from_unix_seconds(expiry_i / expiry_divisor) if expiry_i else None,
        created=from_unix_microseconds(as_int(created)),
        last_access=from_unix_microseconds(as_int(accessed)),
        secure=bool(secure),
        httponly=bool(httponly),
        samesite=_SAMESITE.get(as_int(samesite), "unspecified"),
        session=expiry_i == 0,
        size=len(name_s.encode()) + as_int(value_len),
        key=CookieKey(store.id, as_int(rowid), (name_s, host_s, path_s, origin_s)),
    )

