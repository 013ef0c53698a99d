"""Firefox-family cookie stores (Firefox, LibreWolf): `cookies.sqlite`, table `moz_cookies`.

Schema number in `PRAGMA user_version`. From schema 16 (Firefox 142) `expiry` is in
milliseconds, before in seconds; creation and last access are microseconds. `originAttributes`
carries containers and total-cookie-protection partitions, so the same host/name/path may
appear once per partition: each row is its own cookie.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from pathlib import Path
from urllib.parse import parse_qsl

from cookiedesk import safe_read
from cookiedesk.escape import printable
from cookiedesk.model import Classify, Cookie, CookieKey, Store
from cookiedesk.records import TYPE_CHECKING
from cookiedesk.stores.contents import StoreContents
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.snapshot import (
    fetch_rows,
    open_snapshot,
    skipped_rows_warning,
    table_columns,
)
from cookiedesk.stores.timeconv import from_unix_seconds, known_moment

if TYPE_CHECKING:
    from typing import Any

NEWEST_KNOWN_VERSION = 17
EXPIRY_IN_MILLISECONDS_FROM = 16
REQUIRED_COLUMNS = frozenset({"id", "host", "name", "path", "expiry"})
# Firefox's built-in containers name themselves by localisation id in containers.json: older
# releases by `l10nID` ("userContextPersonal.label"), Firefox 153 by `l10nId`
# ("user-context-personal").
_BUILTIN_CONTAINERS = {
    "userContextPersonal.label": "Personal",
    "userContextWork.label": "Work",
    "userContextBanking.label": "Banking",
    "userContextShopping.label": "Shopping",
    "user-context-personal": "Personal",
    "user-context-work": "Work",
    "user-context-banking": "Banking",
    "user-context-shopping": "Shopping",
}

_DEFAULT_CONTAINERS = {"1": "Personal", "2": "Work", "3": "Banking", "4": "Shopping"}


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
def _container_names(profile_dir: Path) -> tuple[dict[str, str], str | None]:
    """userContextId → the container's name, and why `containers.json` could not be used (a
    pipe, a device, huge, deeply nested, malformed): cookies then say "Container 2"."""
    path = profile_dir / "containers.json"
    try:
        data = safe_read.loads_json(safe_read.read_bytes(path, safe_read.MAX_PROFILE_FILE_BYTES),
                                    path)
        identities = data.get("identities", [])
    except FileNotFoundError:  # Firefox's four built-ins, before it first writes the file
        return dict(_DEFAULT_CONTAINERS), None
    except safe_read.UnsafeFile as exc:
        return {}, f"{exc.reason}; containers are shown by number"
    except (OSError, ValueError, AttributeError) as exc:
        return {}, (f"`containers.json` is unreadable or malformed ({exc.__class__.__name__}); "
                    "containers are shown by number")
    names: dict[str, str] = {}
    for identity in identities if isinstance(identities, list) else []:
        if not isinstance(identity, dict) or "userContextId" not in identity:
            continue
        l10n = identity.get("l10nId") or identity.get("l10nID")
        label = identity.get("name") or _BUILTIN_CONTAINERS.get(str(l10n), "")
        if label:
            names[str(identity["userContextId"])] = printable(str(label))
    return names, None


def container_name(profile_dir: Path, context: str) -> str:
    """The name Firefox shows for a userContextId ("" outside containers)."""
    if context in ("", "0"):
        return ""
    return _container_names(profile_dir)[0].get(context, f"Container {context}")


def _schema_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _select_list(columns: set[str], version: int) -> str:
    """Values arrive in types Python can use, times in whole seconds since 1970 (see
    chromium._select_list)."""

    def present(column: str, default: str) -> str:
        return column if column in columns else default

    def seconds(column: str, per_second: int) -> str:
        return f"max(ifnull({present(column, '0')}, 0) / {per_second}, 0)"

    expiry_per_second = 1000 if version >= EXPIRY_IN_MILLISECONDS_FROM else 1
    value = "length(CAST(value AS BLOB))" if "value" in columns else "0"
    origin = present("originAttributes", "''")
    return ", ".join([
        "id", "CAST(ifnull(host, '') AS TEXT)", "CAST(ifnull(name, '') AS TEXT)",
        "CAST(ifnull(path, '') AS TEXT)", seconds("expiry", expiry_per_second),
        f"CAST(ifnull({origin}, '') AS TEXT)",
        seconds("creationTime", 1_000_000), seconds("lastAccessed", 1_000_000),
        present("isSecure", "0"), present("isHttpOnly", "0"),
        f"CASE {present('sameSite', '256')} WHEN 0 THEN 'none' WHEN 1 THEN 'lax' "
        "WHEN 2 THEN 'strict' ELSE 'unspecified' END",
        f"length(CAST(name AS BLOB)) + {value}",
    ])


def read(store: Store, classify: Classify | None = None) -> StoreContents:
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
        rows, skipped = fetch_rows(db, f"SELECT {_select_list(columns, version)} FROM moz_cookies")

    warnings: list[str] = [skipped_rows_warning(skipped)] if skipped else []
    if version > NEWEST_KNOWN_VERSION:
        warnings.append(
            f"schema version {version} is newer than CookieDesk knows "
            f"({NEWEST_KNOWN_VERSION}); shown read-only"
        )
    containers, problem = _container_names(store.profile_dir)
    if problem:
        warnings.append(problem)
    cookies = _cookies(store, classify, rows, containers)
    return StoreContents(store._replace(schema_version=version), cookies, warnings)


@lru_cache(maxsize=4096)
def _partition_and_context(origin: str) -> tuple[str, str]:
    """(partition site, userContextId) of an originAttributes suffix; a profile has few
    distinct suffixes, so each is parsed once."""
    attributes = parse_origin_attributes(origin)
    partition = partition_site(attributes.get("partitionKey", "")) or attributes.get(
        "firstPartyDomain", "")
    return partition, attributes.get("userContextId", "")


def _cookies(store: Store, classify: Classify | None, rows: list[tuple[Any, ...]],
             containers: dict[str, str]) -> list[Cookie]:
    """The rows as records, in one loop (see chromium._cookies)."""
    browser, profile, store_id = store.browser, store.profile, store.id
    cookies: list[Cookie] = []
    append = cookies.append
    for (rowid, host, name, path, expiry, origin, created, accessed, secure, httponly,
         samesite, size) in rows:
        partition, context = _partition_and_context(origin) if origin else ("", "")
        container = (containers.get(context, f"Container {context}")
                     if context not in ("", "0") else "")
        append(Cookie(
            browser, profile, store_id, host, name, path, partition, container,
            known_moment(expiry) or from_unix_seconds(expiry),
            known_moment(created) or from_unix_seconds(created),
            known_moment(accessed) or from_unix_seconds(accessed),
            secure == 1, httponly == 1, samesite, expiry == 0, size,
            CookieKey(store_id, rowid, (name, host, path, origin)),
            classify(host, name) if classify else None,
        ))
    return cookies


# ------------------------------------------------------------------------ for deletion

TABLE = "moz_cookies"
NATURAL_COLUMNS = ("name", "host", "path", "originAttributes")  # Firefox's moz_uniqueid
ROW_ID = "id"
RESTORE_SKIP = ("id",)  # a restored row takes a new id; its old one may be in use again
