"""Build real cookie stores for tests: the browsers' own schemas, real SQLite files.

Each test cookie carries a value the test plants, so tests can prove the value never appears
in CookieDesk's output.
"""

from __future__ import annotations

import json
import sqlite3
import struct
from dataclasses import dataclass, field
from pathlib import Path

from cookiedesk.stores import schemas

CHROMIUM_EPOCH_OFFSET_US = 11_644_473_600 * 1_000_000


@dataclass
class TestCookie:
    host: str
    name: str
    value: str = "v"
    path: str = "/"
    expires_unix: int = 1_900_000_000  # 2030-03-17T17:46:40Z
    created_unix: int = 1_700_000_000  # 2023-11-14T22:13:20Z
    accessed_unix: int = 1_750_000_000
    secure: bool = False
    httponly: bool = False
    samesite: int = -1  # Chromium numbering; Firefox tests pass their own
    session: bool = False
    partition: str = ""  # Chromium top_frame_site_key / Firefox originAttributes suffix
    encrypted_value: bytes = b""
    extra: dict[str, object] = field(default_factory=dict)

    __test__ = False  # not a test class, despite the name


def chromium_store(path: Path, version: int, cookies: list[TestCookie]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = schemas.create_chromium_store(path, version)
    columns = schemas.chromium_columns(version)
    for c in cookies:
        row = dict.fromkeys(columns, 0) | {
            "creation_utc": c.created_unix * 1_000_000 + CHROMIUM_EPOCH_OFFSET_US,
            "host_key": c.host,
            "top_frame_site_key": c.partition,
            "name": c.name,
            "value": "" if c.encrypted_value else c.value,
            "encrypted_value": c.encrypted_value,
            "path": c.path,
            "expires_utc": (0 if c.session
                            else c.expires_unix * 1_000_000 + CHROMIUM_EPOCH_OFFSET_US),
            "is_secure": int(c.secure),
            "is_httponly": int(c.httponly),
            "last_access_utc": c.accessed_unix * 1_000_000 + CHROMIUM_EPOCH_OFFSET_US,
            "has_expires": int(not c.session),
            "is_persistent": int(not c.session),
            "priority": 1,
            "samesite": c.samesite,
            "source_scheme": 2 if c.secure else 1,
            "source_port": 443 if c.secure else 80,
        } | c.extra
        db.execute(
            f"INSERT INTO cookies ({','.join(columns)}) VALUES ({','.join('?' * len(columns))})",
            [row[k] for k in columns],
        )
    db.commit()
    db.close()
    return path


def firefox_store(path: Path, version: int, cookies: list[TestCookie],
                  checkpoint: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = schemas.create_firefox_store(path, version)
    columns = set(schemas.firefox_columns(version))
    divisor = 1 if version >= 16 else 1000
    for c in cookies:
        row: dict[str, object] = {
            "originAttributes": c.partition, "name": c.name, "value": c.value, "host": c.host,
            "path": c.path, "expiry": c.expires_unix * 1000 // divisor,
            "lastAccessed": c.accessed_unix * 1_000_000,
            "creationTime": c.created_unix * 1_000_000, "isSecure": int(c.secure),
            "isHttpOnly": int(c.httponly), "sameSite": c.samesite,
        } | c.extra
        row = {k: v for k, v in row.items() if k in columns}
        db.execute(
            f"INSERT INTO moz_cookies ({','.join(row)}) VALUES ({','.join('?' * len(row))})",
            list(row.values()),
        )
    db.commit()
    if checkpoint:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def chromium_profile(root: Path, folder: str, display: str | None, version: int,
                     cookies: list[TestCookie], local_state: bool = True) -> Path:
    """A Chromium user-data dir with one more profile; `Local State` names it."""
    store = chromium_store(root / folder / "Cookies", version, cookies)
    if local_state and display is not None:
        state_file = root / "Local State"
        state = json.loads(state_file.read_text()) if state_file.exists() else {}
        state.setdefault("profile", {}).setdefault("info_cache", {})[folder] = {"name": display}
        state_file.write_text(json.dumps(state))
    return store


def firefox_profile(root: Path, folder: str, name: str, version: int,
                    cookies: list[TestCookie]) -> Path:
    """A Firefox profiles root with one more profile listed in profiles.ini."""
    store = firefox_store(root / folder / "cookies.sqlite", version, cookies)
    ini = root / "profiles.ini"
    text = ini.read_text() if ini.exists() else "[General]\nStartWithLastProfile=1\nVersion=2\n"
    index = text.count("[Profile")
    text += f"\n[Profile{index}]\nName={name}\nIsRelative=1\nPath={folder}\n"
    ini.write_text(text)
    return store


def chromium_and_firefox(home: Path, chromium: list[TestCookie],
                         firefox: list[TestCookie]) -> Path:
    """A Linux home with one Chromium profile ("Me") and one Firefox profile ("default"), each
    at the newest schema, holding these cookies; the home."""
    chromium_profile(home / ".config/chromium", "Default", "Me", 24, chromium)
    firefox_profile(home / ".mozilla/firefox", "x.default", "default", 17, firefox)
    return home


def mozlz4(document: object) -> bytes:
    """A Firefox session file (mozLz4) holding `document` as JSON."""
    import lz4.block

    from cookiedesk.stores.firefox_session import MAGIC

    block: bytes = lz4.block.compress(json.dumps(document).encode(), store_size=True)
    return MAGIC + block


def read_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


# ------------------------------------------------------------------- Safari, byte by byte

@dataclass
class SafariTestCookie:
    domain: str
    name: str
    path: str = "/"
    value: str = "v"
    flags: int = 0
    expires_mac: float = 900_000_000.0  # 2029-07-10
    created_mac: float = 700_000_000.0

    __test__ = False


def safari_record(c: SafariTestCookie) -> bytes:
    strings = b""
    offsets = []
    header_size = 56
    for text in (c.domain, c.name, c.path, c.value):
        offsets.append(header_size + len(strings))
        strings += text.encode() + b"\x00"
    size = header_size + len(strings)
    header = struct.pack("<IIIIIIII8sdd", size, 0, c.flags, 0, *offsets, b"\x00" * 8,
                         c.expires_mac, c.created_mac)
    return header + strings


def safari_page(cookies: list[SafariTestCookie]) -> bytes:
    records = [safari_record(c) for c in cookies]
    head_size = 4 + 4 + 4 * len(records) + 4
    offsets, at = [], head_size
    for record in records:
        offsets.append(at)
        at += len(record)
    return (b"\x00\x00\x01\x00" + struct.pack("<I", len(records))
            + b"".join(struct.pack("<I", o) for o in offsets) + b"\x00\x00\x00\x00"
            + b"".join(records))


def safari_file(pages: list[list[SafariTestCookie]], with_trailer: bool = True) -> bytes:
    built = [safari_page(p) for p in pages]
    data = b"cook" + struct.pack(">I", len(built)) + b"".join(struct.pack(">I", len(p))
                                                             for p in built)
    data += b"".join(built)
    if with_trailer:
        total = sum(p[i] for p in built for i in range(0, len(p), 4)) & 0xFFFFFFFF
        data += struct.pack(">I", total) + b"\x07\x17\x20\x05\x00\x00\x00\x4b"
        data += b"bplist00\xd1\x01\x02_\x10\x18NSHTTPCookieAcceptPolicy\x10\x02\x08\x0b&\x00"
        data += b"\x00\x00\x00\x00\x00\x01\x01\x00\x00\x00\x00\x00\x00\x00\x03\x00\x00\x00\x00"
        data += b"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00("
    return data
