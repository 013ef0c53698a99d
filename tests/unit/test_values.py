"""Revealing one value: through browser-cookie3 for Chromium, by exact row for Firefox."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from Cryptodome.Cipher import AES
from Cryptodome.Protocol.KDF import PBKDF2
from Cryptodome.Util.Padding import pad

from cookiedesk.model import Store, StoreFormat
from cookiedesk.stores import chromium, firefox, values
from tests.helpers.stores import TestCookie, chromium_store, firefox_store

# Chromium's "basic" password store on Linux: AES-128-CBC, key PBKDF2("peanuts", "saltysalt").
PEANUTS_KEY = PBKDF2("peanuts", b"saltysalt", 16, 1)
REVEAL_SCRIPT = """
import sys
from pathlib import Path
from cookiedesk.model import Store, StoreFormat
from cookiedesk.stores import chromium, values
path = Path(sys.argv[1])
store = Store(id="x", browser="Chromium", profile="D", path=path, format=StoreFormat.CHROMIUM,
              profile_dir=path.parent, root=path.parent.parent)
cookie = next(c for c in chromium.read(store).cookies if c.name == sys.argv[2])
print(values.reveal(store, cookie))
"""


def v10(host: str, value: str) -> bytes:
    """What Chromium 156 (meta version 24) writes: SHA-256(host) + value, then AES-CBC."""
    plain = pad(hashlib.sha256(host.encode()).digest() + value.encode(), 16)
    return b"v10" + AES.new(PEANUTS_KEY, AES.MODE_CBC, b" " * 16).encrypt(plain)


def chromium_store_with_secret(tmp_path: Path) -> Store:
    root = tmp_path / "chromium"
    path = chromium_store(root / "Default" / "Cookies", 24, [
        TestCookie(".komp3.net", "member", encrypted_value=v10(".komp3.net", "s3cret-4711")),
        TestCookie(".komp3.net", "other", encrypted_value=v10(".komp3.net", "nope")),
    ])
    return Store(id="x", browser="Chromium", profile="D", path=path,
                 format=StoreFormat.CHROMIUM, profile_dir=path.parent, root=root)


def test_without_a_desktop_session_the_reason_is_said(tmp_path: Path) -> None:
    store = chromium_store_with_secret(tmp_path)
    cookie = next(c for c in chromium.read(store).cookies if c.name == "member")
    with pytest.raises(values.ValueUnavailable) as caught:
        values.reveal(store, cookie)
    assert str(caught.value) == (
        "Chromium's values are locked with the desktop keyring, and no desktop session (D-Bus) "
        "is reachable from here to ask it")
    assert "s3cret" not in repr(caught.value)


@pytest.mark.skipif(shutil.which("dbus-run-session") is None, reason="needs dbus-run-session")
def test_with_a_desktop_session_browser_cookie3_decrypts_the_one_value(tmp_path: Path) -> None:
    store = chromium_store_with_secret(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "DBUS_SESSION_BUS_ADDRESS"}
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", REVEAL_SCRIPT, str(store.path),
         "member"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "s3cret-4711"


def test_firefox_reveals_the_exact_partition_copy(tmp_path: Path) -> None:
    profile = tmp_path / "ff"
    path = firefox_store(profile / "cookies.sqlite", 17, [
        TestCookie(".ads.example", "uid", value="plain-copy"),
        TestCookie(".ads.example", "uid", value="komp3-copy",
                   partition="^partitionKey=%28https%2Ckomp3.net%29"),
    ])
    store = Store(id="f", browser="Firefox", profile="x", path=path, format=StoreFormat.FIREFOX,
                  profile_dir=profile, root=tmp_path)
    revealed = {c.partition: values.reveal(store, c) for c in firefox.read(store).cookies}
    assert revealed == {"": "plain-copy", "https://komp3.net": "komp3-copy"}


def test_a_cookie_deleted_since_the_scan_is_said_to_be_gone(tmp_path: Path) -> None:
    import sqlite3

    profile = tmp_path / "ff"
    path = firefox_store(profile / "cookies.sqlite", 17, [TestCookie(".a.example", "n")])
    store = Store(id="f", browser="Firefox", profile="x", path=path, format=StoreFormat.FIREFOX,
                  profile_dir=profile, root=tmp_path)
    (cookie,) = firefox.read(store).cookies
    db = sqlite3.connect(path)
    db.execute("DELETE FROM moz_cookies")
    db.commit()
    db.close()
    with pytest.raises(values.ValueUnavailable, match="the cookie is gone from the store"):
        values.reveal(store, cookie)
