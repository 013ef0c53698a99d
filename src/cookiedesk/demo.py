"""The built-in demo profile: real Chromium- and Firefox-format stores in a temporary home.

Built from `resources/demo/cookies.toml` with the browsers' real schemas (stores.schemas), laid
out exactly where discovery looks on Linux, so everything downstream (reading, classifying,
deleting, undo) runs on it for real. The values are random and made up at build time.
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import time
import tomllib
from pathlib import Path
from typing import Any

from cookiedesk.resources import read_text
from cookiedesk.stores import schemas
from cookiedesk.stores.discovery import Discovery, discover

_CHROMIUM_EPOCH_OFFSET_US = 11_644_473_600 * 1_000_000
_DAY_S = 86_400


def _cookies() -> list[dict[str, Any]]:
    data = tomllib.loads(read_text("demo", "cookies.toml"))
    return list(data["cookie"])


def _chromium(home: Path, cookies: list[dict[str, Any]], now_s: float) -> None:
    root = home / ".config/chromium"
    profile = root / "Default"
    profile.mkdir(parents=True)
    (root / "Local State").write_text(
        json.dumps({"profile": {"info_cache": {"Default": {"name": "Demo"}}}}), encoding="utf-8"
    )
    db = schemas.create_chromium_store(profile / "Cookies", 24)
    columns = schemas.chromium_columns(24)
    now_us = int(now_s * 1_000_000) + _CHROMIUM_EPOCH_OFFSET_US
    for cookie in (c for c in cookies if "chromium" in c["in"]):
        days = int(cookie.get("days", 365))
        row = dict.fromkeys(columns, 0) | {
            "creation_utc": now_us - 3 * _DAY_S * 1_000_000,
            "host_key": cookie["host"],
            # Chromium partitions only cookies that opt in (CHIPS), which these do not.
            "top_frame_site_key": "",
            "name": cookie["name"],
            "value": secrets.token_hex(12),
            "encrypted_value": b"",
            "path": cookie.get("path", "/"),
            "expires_utc": now_us + days * _DAY_S * 1_000_000 if days else 0,
            "is_secure": int(cookie.get("secure", False)),
            "is_httponly": int(cookie.get("httponly", False)),
            "last_access_utc": now_us,
            "has_expires": int(bool(days)),
            "is_persistent": int(bool(days)),
            "priority": 1,
            "samesite": -1,
            "source_scheme": 2 if cookie.get("secure") else 1,
            "source_port": 443 if cookie.get("secure") else 80,
            "last_update_utc": now_us,
            "source_type": 1,
        }
        db.execute(
            f"INSERT INTO cookies ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            [row[c] for c in columns],
        )
    db.commit()
    db.close()


def _firefox(home: Path, cookies: list[dict[str, Any]], now_s: float) -> None:
    root = home / ".mozilla/firefox"
    profile = root / "demo.default-release"
    profile.mkdir(parents=True)
    (root / "profiles.ini").write_text(
        "[Profile0]\nName=Demo\nIsRelative=1\nPath=demo.default-release\nDefault=1\n\n"
        "[General]\nStartWithLastProfile=1\nVersion=2\n",
        encoding="utf-8",
    )
    db = schemas.create_firefox_store(profile / "cookies.sqlite", 17)
    now_us = int(now_s * 1_000_000)
    for cookie in (c for c in cookies if "firefox" in c["in"]):
        days = int(cookie.get("days", 365)) or 1  # cookies.sqlite keeps persistent ones only
        partition = cookie.get("partition", "")
        origin = ""
        if partition:
            scheme, _, site = partition.partition("://")
            origin = f"^partitionKey=%28{scheme}%2C{site}%29"
        db.execute(
            "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, "
            "lastAccessed, creationTime, isSecure, isHttpOnly, sameSite, schemeMap, updateTime) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (origin, cookie["name"], secrets.token_hex(12), cookie["host"],
             cookie.get("path", "/"), int((now_s + days * _DAY_S) * 1000), now_us,
             now_us - 3 * _DAY_S * 1_000_000, int(cookie.get("secure", False)),
             int(cookie.get("httponly", False)), 256, 2, now_us),
        )
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def build(home: Path) -> None:
    """Lay the demo profile out under `home` (which must not hold one yet)."""
    cookies = _cookies()
    now_s = time.time()
    _chromium(home, cookies, now_s)
    _firefox(home, cookies, now_s)


class DemoProfile:
    """A demo home in a private temporary folder, removed again by `close()`."""

    def __init__(self) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="cookiedesk-demo-"))
        build(self.home)

    def discover(self) -> Discovery:
        return discover("linux", self.home, {})

    def close(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)
