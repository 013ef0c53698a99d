"""Firefox's session cookies, from its mozLz4 session file: listed read-only, never deleted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cookiedesk.cli import main
from cookiedesk.model import Store, StoreFormat, StoreKind
from cookiedesk.stores import firefox_session
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.errors import StoreError
from tests.helpers.stores import TestCookie, firefox_profile, mozlz4

SECRET = "session-secret-31f0"


def session(*cookies: dict[str, object]) -> dict[str, object]:
    return {"version": ["sessionrestore", 1], "windows": [{"tabs": []}], "cookies": list(cookies)}


@pytest.fixture
def profile(isolated_home: Path) -> Path:
    firefox_profile(isolated_home / ".mozilla/firefox", "s.default", "default", 17,
                    [TestCookie(".criteo.com", "uid", value=SECRET)])
    folder = isolated_home / ".mozilla/firefox/s.default"
    (folder / "sessionstore-backups").mkdir()
    (folder / "sessionstore-backups" / "recovery.jsonlz4").write_bytes(mozlz4(session(
        {"host": ".komp3.net", "name": "komp3_session", "value": SECRET, "path": "/",
         "httponly": True, "originAttributes": {"userContextId": 0}},
        {"host": "ads.example", "name": "uid", "value": SECRET, "path": "/", "secure": True,
         "sameSite": 1, "originAttributes": {"partitionKey": "(https,komp3.net)"}},
    )))
    return folder


def test_discovery_finds_the_newest_session_file(profile: Path) -> None:
    stores = discover("linux", profile.parents[2], {}).stores
    kinds = sorted((s.kind, s.path.name) for s in stores)
    assert kinds == [(StoreKind.COOKIES, "cookies.sqlite"), (StoreKind.SESSION, "recovery.jsonlz4")]
    clean = profile / "sessionstore.jsonlz4"
    clean.write_bytes(mozlz4(session()))
    os.utime(clean, (2_000_000_000, 2_000_000_000))
    (session_store,) = [s for s in discover("linux", profile.parents[2], {}).stores
                        if s.kind is StoreKind.SESSION]
    assert session_store.path == clean


def test_session_cookies_are_listed_without_values(profile: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--json"]) == 0
    out = capsys.readouterr().out
    assert SECRET not in out
    listed = {(c["host"], c["name"]): c for c in json.loads(out)}
    member = listed[(".komp3.net", "komp3_session")]
    assert (member["session"], member["expires"], member["httponly"]) == (True, None, True)
    assert member["verdict"]["category"] == "site"
    partitioned = listed[("ads.example", "uid")]
    assert (partitioned["partition"], partitioned["samesite"]) == ("https://komp3.net", "lax")
    assert (".criteo.com", "uid") in listed  # the persistent store is listed as well


def test_delete_leaves_session_cookies_and_says_why(profile: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = (profile / "sessionstore-backups" / "recovery.jsonlz4").read_bytes()
    assert main(["delete", "--site", "komp3.net", "--yes"]) == 0
    out = capsys.readouterr().out
    assert ("Not deleted: 1 Firefox session cookie, cleared when Firefox quits. Firefox keeps "
            "session cookies") in out
    assert (profile / "sessionstore-backups" / "recovery.jsonlz4").read_bytes() == before


@pytest.mark.parametrize(("data", "reason"), [
    (b"not mozlz4 at all", "not a Firefox session file"),
    (firefox_session.MAGIC + b"\x10\x00\x00\x00garbage", "the session file is damaged"),
])
def test_damaged_session_files_are_one_line(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "recovery.jsonlz4"
    path.write_bytes(data)
    store = Store(id="s", browser="Firefox", profile="p", path=path, format=StoreFormat.FIREFOX,
                  profile_dir=tmp_path, root=tmp_path, kind=StoreKind.SESSION)
    with pytest.raises(StoreError, match=reason):
        firefox_session.read(store)
