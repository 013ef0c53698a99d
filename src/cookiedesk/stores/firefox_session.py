"""Firefox's session cookies: kept only in memory and in the session file, shown read-only.

`cookies.sqlite` holds persistent cookies only. Session cookies (no expiry) live in
`sessionstore.jsonlz4` after Firefox closes, or `sessionstore-backups/recovery.jsonlz4` while it
runs (rewritten every 15 s). The file is mozLz4: the magic `mozLz40\\0`, the decompressed size
(4 bytes, little-endian) and one LZ4 block of JSON whose "cookies" array lists them.

They are listed, never deleted: Firefox clears them when it quits unless it restores the last
session, and rewriting the session file would risk the user's open tabs (design section 3).
"""

from __future__ import annotations

import stat
from pathlib import Path

from cookiedesk import safe_read
from cookiedesk.escape import printable
from cookiedesk.model import Classify, Cookie, CookieKey, Store
from cookiedesk.records import TYPE_CHECKING
from cookiedesk.stores.contents import StoreContents
from cookiedesk.stores.errors import PERMISSION_DENIED, StoreError

if TYPE_CHECKING:
    from typing import Any

MAGIC = b"mozLz40\x00"
# The clean-shutdown file and the running browser's recovery file, under the profile folder.
SESSION_FILES = ("sessionstore.jsonlz4", "sessionstore-backups/recovery.jsonlz4")
READ_ONLY_REASON = ("Firefox keeps session cookies in its session file and clears them when it "
                    "quits (unless it restores your last session); CookieDesk does not rewrite "
                    "that file, which also holds your open tabs")
_SAMESITE = {0: "none", 1: "lax", 2: "strict"}


def session_file(profile_dir: Path) -> Path | None:
    """The newer of the clean-shutdown file and the running browser's recovery file."""
    newest: tuple[float, Path] | None = None
    for candidate in (profile_dir / name for name in SESSION_FILES):
        try:
            info = candidate.stat()
        except (OSError, ValueError):
            continue
        mtime = info.st_mtime
        if not stat.S_ISREG(info.st_mode):
            continue  # a pipe or device: discovery reports it, nothing may open it
        if newest is None or mtime > newest[0]:
            newest = (mtime, candidate)
    return newest[1] if newest else None


def decode(data: bytes, path: Path = Path("sessionstore.jsonlz4")) -> dict[str, Any]:
    """mozLz4 bytes → the session JSON; ValueError with a reason when they are not that
    (safe_read.TooLarge when it would unpack to too much, or nests too deeply)."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise ValueError("the file is not a Firefox session file (no mozLz4 header)")
    size = int.from_bytes(data[8:12], "little")
    # LZ4 allocates the declared size at once, and a few MB can declare hundreds: refuse
    # before unpacking anything.
    if size > safe_read.MAX_SESSION_JSON_BYTES:
        raise safe_read.TooLarge(path, (
            f"`{path.name}` would unpack to {size // safe_read.MB} MB, more than the "
            f"{safe_read.MAX_SESSION_JSON_BYTES // safe_read.MB} MB CookieDesk reads"))
    import lz4.block  # only where a Firefox profile has a session file

    try:
        text = lz4.block.decompress(data[8:])
        document = safe_read.loads_json(text, path)
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

    pairs = [f"{k}={quote(str(v), safe='', errors='surrogatepass')}"
             for k, v in sorted(attributes.items())
             if v not in ("", 0, None)]
    return "^" + "&".join(pairs) if pairs else ""


def read(store: Store, classify: Classify | None = None) -> StoreContents:
    try:
        document = decode(
            safe_read.read_bytes(store.path, safe_read.MAX_SESSION_FILE_BYTES), store.path)
    except safe_read.UnsafeFile as exc:
        raise StoreError(store.path, exc.reason) from None
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
        # JSON may hold lone surrogates ("\ud800"); these cookies are only ever shown.
        host, name = printable(str(entry["host"])), printable(str(entry["name"]))
        path = printable(str(entry.get("path") or "/"))
        attributes = entry.get("originAttributes") or {}
        origin = printable(_suffix(attributes))
        partition = ""
        if isinstance(attributes, dict):
            partition = printable(partition_site(str(attributes.get("partitionKey") or ""))
                                  or str(attributes.get("firstPartyDomain") or ""))
        context = str(attributes.get("userContextId", "")) if isinstance(attributes, dict) else ""
        context = printable(context)
        # the size only, never kept (surrogatepass: a lone surrogate in it must not raise)
        value_size = len(str(entry.get("value", "")).encode("utf-8", "surrogatepass"))
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
