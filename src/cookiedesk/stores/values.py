"""Reveal ONE cookie's value, only when the user asks for that one value.

Chromium-family values are encrypted with a key from the OS keychain or keyring; decrypting
goes through browser-cookie3, called with this store's own file and the cookie's exact host,
in the caller's worker thread (its constructor may show a keychain prompt). Every way it can
fail becomes a ValueUnavailable with a plain sentence, and the value never reaches a log.

Firefox stores values in plain text; browser-cookie3 would read only a copy of the main file
and miss both the `-wal` and the partition, so the value is read by row id from CookieDesk's
own snapshot, which is exact. Safari's values go through browser-cookie3 as well.
"""

from __future__ import annotations

import http.cookiejar
from collections.abc import Callable

from cookiedesk.model import Cookie, Store, StoreFormat
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.snapshot import open_snapshot


class ValueUnavailable(Exception):
    """The value cannot be shown; `str()` says why, in words for the user."""


Loader = Callable[..., http.cookiejar.CookieJar]


def _loaders() -> dict[str, Loader]:
    """Our browser names → browser-cookie3's loader for that browser (it picks the keyring
    entry): the functions themselves, not their names looked up on the module."""
    import browser_cookie3  # imported on demand: it pulls in crypto and D-Bus libraries

    return {
        "Chrome": browser_cookie3.chrome, "Chromium": browser_cookie3.chromium,
        "Edge": browser_cookie3.edge, "Brave": browser_cookie3.brave,
        "Opera": browser_cookie3.opera, "Opera GX": browser_cookie3.opera_gx,
        "Vivaldi": browser_cookie3.vivaldi, "Arc": browser_cookie3.arc,
        "Safari": browser_cookie3.safari,
    }


def _loader(store: Store) -> Loader:
    """The browser's own loader; a channel ("Chrome Beta") takes its family's, and a browser
    browser-cookie3 does not know is read as Chromium."""
    loaders = _loaders()
    family = store.browser.split(" ")[0]
    return loaders.get(store.browser) or loaders.get(family) or loaders["Chromium"]


def _explain(exc: BaseException, store: Store) -> str:
    text = str(exc)
    if isinstance(exc, KeyError) and "DBUS" in text.upper():
        return (f"{store.browser}'s values are locked with the desktop keyring, and no desktop "
                "session (D-Bus) is reachable from here to ask it")
    if "v20" in text or "app-bound" in text.lower():
        return (f"{store.browser} protects this value with Windows app-bound encryption, which "
                "only the browser itself can undo")
    if "Unable to get key" in text:
        return (f"the key that {store.browser} encrypted its cookies with is not available "
                "(the keyring refused or holds another key)")
    if isinstance(exc, PermissionError):
        return "permission denied while reading the browser's files"
    return f"the value could not be decrypted ({exc.__class__.__name__})"


def _reveal_with_browser_cookie3(store: Store, cookie: Cookie) -> str:
    key_file = store.root / "Local State"
    kwargs: dict[str, object] = {
        "cookie_file": str(store.path),
        "domain_name": cookie.host,
    }
    if store.format is StoreFormat.CHROMIUM and key_file.exists():
        kwargs["key_file"] = str(key_file)
    try:
        jar = _loader(store)(**kwargs)
    except Exception as exc:  # every failure, whatever its type, becomes a sentence
        raise ValueUnavailable(_explain(exc, store)) from None
    matches = [c for c in jar if c.domain == cookie.host and c.name == cookie.name
               and c.path == cookie.path]
    if not matches:
        raise ValueUnavailable("the cookie is gone from the store (rescan to refresh the list)")
    if len(matches) > 1 and cookie.partition:
        raise ValueUnavailable("this cookie exists once per partition and browser-cookie3 "
                               "cannot tell the copies apart")
    return str(matches[0].value or "")


def _reveal_firefox(store: Store, cookie: Cookie) -> str:
    try:
        with open_snapshot(store.path) as db:
            row = db.execute(
                "SELECT value FROM moz_cookies WHERE id = ? AND name = ? AND host = ? AND path = ?",
                (cookie.key.rowid, cookie.name, cookie.host, cookie.path),
            ).fetchone()
    except StoreError as exc:
        raise ValueUnavailable(exc.reason) from None
    if row is None:
        raise ValueUnavailable("the cookie is gone from the store (rescan to refresh the list)")
    return str(row[0] or "")


def reveal(store: Store, cookie: Cookie) -> str:
    """The value of `cookie`. Slow, may prompt for the keychain: call it off the GUI thread."""
    if cookie.store_id != store.id:
        raise ValueError("the cookie does not belong to this store")
    if store.format is StoreFormat.FIREFOX:
        return _reveal_firefox(store, cookie)
    return _reveal_with_browser_cookie3(store, cookie)
