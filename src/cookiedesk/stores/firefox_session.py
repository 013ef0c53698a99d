"""Firefox's session cookies: kept only in memory and in the session file, shown read-only.

`cookies.sqlite` holds persistent cookies only. Session cookies (no expiry) live in
`sessionstore.jsonlz4` after Firefox closes, or `sessionstore-backups/recovery.jsonlz4` while it
runs (rewritten every 15 s). The file is mozLz4: the magic `mozLz40\\0`, the decompressed size
(4 bytes, little-endian) and one LZ4 block of JSON whose "cookies" array lists them.

They are listed, never deleted: Firefox clears them when it quits unless it restores the last
session, and rewriting the session file would risk the user's open tabs (design section 3).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cookiedesk.model import Classify, Cookie, CookieKey, Store
from cookiedesk.stores.contents import StoreContents
from cookiedesk.stores.errors import PERMISSION_DENIED, StoreError

MAGIC = b"mozLz40\x00"
_MAX_SESSION_BYTES = 512 * 1024 * 1024
READ_ONLY_REASON = ("Firefox keeps session cookies in its session file and clears them when it "
                    "quits (unless it restores your last session); CookieDesk does not rewrite "
                    "that file, which also holds your open tabs")
_SAMESITE = {0: "none", 1: "lax", 2: "strict"}


def session_file(profile_dir: Path) -> Path | None:
    """The newer of the clean-shutdown file and the running browser's recovery file."""
    newest: tuple[float, Path] | None = None
    for candidate in (profile_dir / "sessionstore.jsonlz4",
                      profile_dir / "sessionstore-backups" / "recovery.jsonlz4"):
        try:
            mtime = candidate.stat().st_mtime
        except OSError:
            continue
        if newest is None or mtime > newest[0]:
            newest = (mtime, candidate)
    return newest[1] if newest else None


def decode(data: bytes) -> dict[str, Any]:
    """mozLz4 bytes → the session JSON; ValueError with a reason when they are not that."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise ValueError("the file is not a Firefox session file (no mozLz4 header)")
    size = int.from_bytes(data[8:12], "little")
    if size > _MAX_SESSION_BYTES:
        raise ValueError("the session file claims an impossible size")
    import lz4.block  # only where a Firefox profile has a session file

    try:
        text = lz4.block.decompress(data[8:])
        document = json.loads(text)
    except (lz4.block.LZ4BlockError, ValueError) as exc:
        raise ValueError(f"the session file is damaged ({exc.__class__.__name__})") from None
    if not isinstance(document, dict):
        raise ValueError("the session file holds no session")
    return document


def _suffix(attributes: object) -> str:
    """Firefox's originAttributes object → the `^key=value&…` suffix cookies.sqlite uses."""
    if not isinstance(attributes, dict):
        return ""
    from urllib.parse import quote

    pairs = [f"{k}={quote(str(v), safe='')}" for k, v in sorted(attributes.items())
             if v not in ("", 0, None)]
    return "^" + "&".join(pairs) if pairs else ""


def read(store: Store, classify: Classify | None = None) -> StoreContents:
    try:
        document = decode(store.path.read_bytes())
    except FileNotFoundError:
        raise StoreError(store.path, "the session file no longer exists") from None
    except PermissionError:
        raise StoreError(store.path, PERMISSION_DENIED) from None
    except OSError as exc:
        raise StoreError(store.path, f"the file cannot be read ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise StoreError(store.path, str(exc)) from None
    from cookiedesk.stores.firefox import container_name, partition_site

    entries = document.get("cookies", [])
    cookies = []
    for index, entry in enumerate(entries if isinstance(entries, list) else []):
        if not isinstance(entry, dict) or not entry.get("host") or "name" not in entry:
            continue
        host, name = str(entry["host"]), str(entry["name"])
        path = str(entry.get("path") or "/")
        attributes = entry.get("originAttributes") or {}
        origin = _suffix(attributes)
        partition = ""
        if isinstance(attributes, dict):
            partition = partition_site(str(attributes.get("partitionKey") or "")) or str(
                attributes.get("firstPartyDomain") or "")
        context = str(attributes.get("userContextId", "")) if isinstance(attributes, dict) else ""
        value_size = len(str(entry.get("value", "")).encode())  # the size only, never kept
        same_site = entry.get("sameSite")
        samesite = _SAMESITE.get(same_site, "unspecified") if isinstance(same_site, int) \
            else "unspecified"
        cookies.append(Cookie(
            store.browser, store.profile, store.id, host, name, path, partition,
            container_name(store.profile_dir, context),
            None, None, None, bool(entry.get("secure")), bool(entry.get("httponly")),
            samesite, True, len(name.encode()) + value_size,
            CookieKey(store.id, index, (name, host, path, origin)),
            classify(host, name) if classify else None,
        ))
    document.clear()  # drop the values with the rest of the session as soon as possible
    return StoreContents(store, cookies, [])
