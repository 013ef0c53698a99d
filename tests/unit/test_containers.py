"""Firefox container names: Firefox 153's `l10nId` built-ins, and rows of the session file."""

from __future__ import annotations

import json
from pathlib import Path

import lz4.block

from cookiedesk.model import Store, StoreFormat, StoreKind
from cookiedesk.stores import firefox, firefox_session
from tests.helpers.stores import TestCookie, firefox_store

IDENTITIES = {"version": 5, "lastUserContextId": 6, "identities": [
    {"userContextId": 1, "public": True, "icon": "fingerprint", "color": "blue",
     "l10nId": "user-context-personal", "accessKey": "user-context-personal-accesskey"},
    {"userContextId": 2, "public": True, "l10nId": "user-context-work"},
    {"userContextId": 3, "public": True, "l10nId": "user-context-banking"},
    {"userContextId": 4, "public": True, "l10nId": "user-context-shopping"},
    {"userContextId": 5, "public": True, "name": "Shopping but mine", "l10nId": "user-context-x"},
    {"userContextId": 6, "public": True, "l10nId": "user-context-unknown"},
]}


def store(path: Path, kind: StoreKind = StoreKind.COOKIES) -> Store:
    return Store(id=f"f{kind.value}", browser="Firefox", profile="default", path=path,
                 format=StoreFormat.FIREFOX, profile_dir=path.parent, root=path.parent.parent,
                 kind=kind)


def test_firefox_153_built_in_containers_have_their_names(tmp_path: Path) -> None:
    profile = tmp_path / "p153"
    path = firefox_store(profile / "cookies.sqlite", 17, [
        TestCookie(".a.example", f"c{n}", partition=f"^userContextId={n}") for n in range(1, 8)])
    (profile / "containers.json").write_text(json.dumps(IDENTITIES))
    names = {c.name: c.container for c in firefox.read(store(path)).cookies}
    assert names == {"c1": "Personal", "c2": "Work", "c3": "Banking", "c4": "Shopping",
                     "c5": "Shopping but mine", "c6": "Container 6", "c7": "Container 7"}


def test_session_file_rows_get_container_names(tmp_path: Path) -> None:
    profile = tmp_path / "psession"
    profile.mkdir()
    (profile / "containers.json").write_text(json.dumps(IDENTITIES))
    document = {"version": ["sessionrestore", 1], "windows": [], "cookies": [
        {"host": ".a.example", "name": "work", "value": "v", "path": "/",
         "originAttributes": {"userContextId": 2}},
        {"host": ".a.example", "name": "plain", "value": "v", "path": "/",
         "originAttributes": {"userContextId": 0}},
        {"host": ".a.example", "name": "gone", "value": "v", "path": "/",
         "originAttributes": {"userContextId": 9}},
    ]}
    path = profile / "sessionstore.jsonlz4"
    path.write_bytes(firefox_session.MAGIC + lz4.block.compress(json.dumps(document).encode(),
                                                                 store_size=True))
    cookies = firefox_session.read(store(path, StoreKind.SESSION)).cookies
    assert {c.name: c.container for c in cookies} == {"work": "Work", "plain": "",
                                                      "gone": "Container 9"}


def test_without_containers_json_the_four_built_ins_have_their_names(tmp_path: Path) -> None:
    # Firefox writes containers.json only once the containers are first changed
    profile = tmp_path / "p-no-json"
    path = firefox_store(profile / "cookies.sqlite", 17, [
        TestCookie(".a.example", f"c{n}", partition=f"^userContextId={n}") for n in range(1, 6)])
    names = {c.name: c.container for c in firefox.read(store(path)).cookies}
    assert names == {"c1": "Personal", "c2": "Work", "c3": "Banking", "c4": "Shopping",
                     "c5": "Container 5"}
