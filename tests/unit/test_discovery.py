"""Discovery on homes laid out like Linux, macOS and Windows, on any OS."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from cookiedesk.model import StoreFormat, StoreKind
from cookiedesk.stores.discovery import discover
from tests.helpers.stores import (
    TestCookie,
    chromium_profile,
    chromium_store,
    firefox_profile,
    firefox_store,
)

ONE = [TestCookie(".example.com", "n")]


def found(home: Path, platform: str, environ: dict[str, str] | None = None) -> set[tuple[str, ...]]:
    result = discover(platform, home, environ or {})  # type: ignore[arg-type]
    return {(s.browser, s.variant, s.profile, str(s.path.relative_to(home)))
            for s in result.stores}


def test_linux_finds_every_root(tmp_path: Path) -> None:
    home = tmp_path
    config = home / ".config"
    chromium_profile(config / "google-chrome", "Default", "Personal", 24, ONE)
    chromium_profile(config / "google-chrome", "Profile 3", "Work", 24, ONE)
    chromium_profile(config / "chromium", "Default", "Person 1", 23, ONE)
    chromium_profile(home / "snap/chromium/common/chromium", "Default", "Snap one", 24, ONE)
    chromium_profile(home / ".var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser",
                     "Default", "Brave flat", 24, ONE)
    chromium_profile(config / "microsoft-edge", "Default", "Edge me", 24, ONE)
    chromium_profile(config / "vivaldi", "Default", "Viv", 24, ONE)
    chromium_store(config / "opera" / "Cookies", 24, ONE)  # Opera: no profile folders
    firefox_profile(home / ".mozilla/firefox", "abc.default-release", "default-release", 17, ONE)
    firefox_profile(config / "mozilla/firefox", "xdg.default", "new-xdg", 17, ONE)
    firefox_profile(home / "snap/firefox/common/.mozilla/firefox", "s.default", "snappy", 16, ONE)
    firefox_profile(home / ".var/app/org.mozilla.firefox/.mozilla/firefox", "f.default",
                    "flatty", 15, ONE)
    firefox_profile(home / ".librewolf", "lw.default", "wolf", 17, ONE)

    assert found(home, "linux") == {
        ("Chrome", "", "Personal", ".config/google-chrome/Default/Cookies"),
        ("Chrome", "", "Work", ".config/google-chrome/Profile 3/Cookies"),
        ("Chromium", "", "Person 1", ".config/chromium/Default/Cookies"),
        ("Chromium", "snap", "Snap one", "snap/chromium/common/chromium/Default/Cookies"),
        ("Brave", "flatpak", "Brave flat",
         ".var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser/Default/Cookies"),
        ("Edge", "", "Edge me", ".config/microsoft-edge/Default/Cookies"),
        ("Vivaldi", "", "Viv", ".config/vivaldi/Default/Cookies"),
        ("Opera", "", "Default", ".config/opera/Cookies"),
        ("Firefox", "", "default-release", ".mozilla/firefox/abc.default-release/cookies.sqlite"),
        ("Firefox", "XDG", "new-xdg", ".config/mozilla/firefox/xdg.default/cookies.sqlite"),
        ("Firefox", "snap", "snappy",
         "snap/firefox/common/.mozilla/firefox/s.default/cookies.sqlite"),
        ("Firefox", "flatpak", "flatty",
         ".var/app/org.mozilla.firefox/.mozilla/firefox/f.default/cookies.sqlite"),
        ("LibreWolf", "", "wolf", ".librewolf/lw.default/cookies.sqlite"),
    }


def test_linux_honours_xdg_config_home(tmp_path: Path) -> None:
    chromium_profile(tmp_path / "elsewhere/google-chrome", "Default", "Me", 24, ONE)
    assert found(tmp_path, "linux", {"XDG_CONFIG_HOME": str(tmp_path / "elsewhere")}) == {
        ("Chrome", "", "Me", "elsewhere/google-chrome/Default/Cookies")}


def test_macos_finds_every_root_and_safari(tmp_path: Path) -> None:
    support = tmp_path / "Library/Application Support"
    chromium_profile(support / "Google/Chrome", "Default", "Me", 24, ONE)
    chromium_profile(support / "Arc/User Data", "Default", "Arcy", 24, ONE)
    chromium_profile(support / "BraveSoftware/Brave-Browser", "Profile 1", "B", 24, ONE)
    chromium_store(support / "com.operasoftware.Opera" / "Cookies", 24, ONE)
    firefox_profile(support / "Firefox", "Profiles/x.default-release", "default-release", 17, ONE)
    safari = tmp_path / "Library/Containers/com.apple.Safari/Data/Library/Cookies"
    safari.mkdir(parents=True)
    (safari / "Cookies.binarycookies").write_bytes(b"cook\x00\x00\x00\x00")

    assert found(tmp_path, "macos") == {
        ("Chrome", "", "Me", "Library/Application Support/Google/Chrome/Default/Cookies"),
        ("Arc", "", "Arcy", "Library/Application Support/Arc/User Data/Default/Cookies"),
        ("Brave", "", "B",
         "Library/Application Support/BraveSoftware/Brave-Browser/Profile 1/Cookies"),
        ("Opera", "", "Default", "Library/Application Support/com.operasoftware.Opera/Cookies"),
        ("Firefox", "", "default-release",
         "Library/Application Support/Firefox/Profiles/x.default-release/cookies.sqlite"),
        ("Safari", "", "Default",
         "Library/Containers/com.apple.Safari/Data/Library/Cookies/Cookies.binarycookies"),
    }


def test_windows_uses_localappdata_and_appdata(tmp_path: Path) -> None:
    local, roaming = tmp_path / "AppData/Local", tmp_path / "AppData/Roaming"
    env = {"LOCALAPPDATA": str(local), "APPDATA": str(roaming)}
    chromium_store(local / "Google/Chrome/User Data/Default/Network/Cookies", 24, ONE)
    chromium_store(local / "Microsoft/Edge/User Data/Profile 1/Network/Cookies", 24, ONE)
    chromium_store(roaming / "Opera Software/Opera Stable/Network/Cookies", 24, ONE)
    firefox_profile(roaming / "Mozilla/Firefox", "Profiles/w.default-release", "default-release",
                    17, ONE)
    store_root = local / "Packages/Mozilla.Firefox_n80bbvh6b1yt2/LocalCache/Roaming/Mozilla/Firefox"
    firefox_profile(store_root, "Profiles/ms.default", "ms", 17, ONE)

    assert found(tmp_path, "windows", env) == {
        ("Chrome", "", "Default", "AppData/Local/Google/Chrome/User Data/Default/Network/Cookies"),
        ("Edge", "", "Profile 1",
         "AppData/Local/Microsoft/Edge/User Data/Profile 1/Network/Cookies"),
        ("Opera", "", "Default", "AppData/Roaming/Opera Software/Opera Stable/Network/Cookies"),
        ("Firefox", "", "default-release",
         "AppData/Roaming/Mozilla/Firefox/Profiles/w.default-release/cookies.sqlite"),
        ("Firefox", "Microsoft Store", "ms",
         str(store_root.relative_to(tmp_path) / "Profiles/ms.default/cookies.sqlite")),
    }


def test_the_newer_of_network_cookies_and_cookies_wins(tmp_path: Path) -> None:
    profile = tmp_path / ".config/google-chrome/Default"
    old = chromium_store(profile / "Cookies", 24, ONE)
    new = chromium_store(profile / "Network/Cookies", 24, ONE)
    os.utime(old, (1_000_000, 1_000_000))
    (store,) = discover("linux", tmp_path, {}).stores
    assert store.path == new
    os.utime(new, (500_000, 500_000))
    (store,) = discover("linux", tmp_path, {}).stores
    assert store.path == old


def test_extension_cookies_are_listed_as_their_own_kind(tmp_path: Path) -> None:
    profile = tmp_path / ".config/chromium/Default"
    chromium_store(profile / "Cookies", 24, ONE)
    chromium_store(profile / "Extension Cookies", 24, ONE)
    kinds = sorted(s.kind for s in discover("linux", tmp_path, {}).stores)
    assert kinds == [StoreKind.COOKIES, StoreKind.EXTENSION]


def test_firefox_profiles_not_in_profiles_ini_are_found_by_scanning(tmp_path: Path) -> None:
    root = tmp_path / ".mozilla/firefox"
    firefox_profile(root, "a.default", "listed", 17, ONE)
    firefox_store(root / "b.forgotten" / "cookies.sqlite", 17, ONE)
    names = {s.profile for s in discover("linux", tmp_path, {}).stores}
    assert names == {"listed", "b.forgotten"}


def test_firefox_absolute_paths_and_profile_groups(tmp_path: Path) -> None:
    root = tmp_path / ".mozilla/firefox"
    elsewhere = tmp_path / "disk2/ff profile"
    firefox_store(elsewhere / "cookies.sqlite", 17, ONE)
    firefox_store(root / "g2.second" / "cookies.sqlite", 17, ONE)
    root.mkdir(parents=True, exist_ok=True)
    (root / "profiles.ini").write_text(
        f"[Profile0]\nName=Outside\nIsRelative=0\nPath={elsewhere}\n"
        "[Profile1]\nName=Group head\nIsRelative=1\nPath=g1.first\nStoreID=abc123\n"
        "[Install4F96D1932A9F858E]\nDefault=g1.first\nLocked=1\n")
    firefox_store(root / "g1.first" / "cookies.sqlite", 17, ONE)
    (root / "Profile Groups").mkdir()
    groups = sqlite3.connect(root / "Profile Groups" / "abc123.sqlite")
    groups.execute("CREATE TABLE Profiles (id INTEGER PRIMARY KEY, path TEXT, name TEXT)")
    groups.executemany("INSERT INTO Profiles (path, name) VALUES (?, ?)",
                       [("g1.first", "Group head"), ("g2.second", "Second in group")])
    groups.commit()
    groups.close()
    names = {s.profile: s.path for s in discover("linux", tmp_path, {}).stores}
    assert names == {
        "Outside": elsewhere / "cookies.sqlite",
        "Group head": root / "g1.first/cookies.sqlite",
        "Second in group": root / "g2.second/cookies.sqlite",
    }


def test_non_ascii_and_spaces_in_paths(tmp_path: Path) -> None:
    home = tmp_path / "Zoë Müller"
    chromium_profile(home / ".config/chromium", "Profile 2", "Été 日本", 24, ONE)
    firefox_profile(home / ".mozilla/firefox", "prö file", "Prö File", 17, ONE)
    stores = discover("linux", home, {}).stores
    assert {s.profile for s in stores} == {"Été 日本", "Prö File"}
    assert all(s.format in (StoreFormat.CHROMIUM, StoreFormat.FIREFOX) for s in stores)


@pytest.mark.parametrize("state", ["{not json", '{"profile": {"info_cache": 7}}', "\xff\xfe"])
def test_malformed_local_state_is_a_problem_and_profiles_still_found(
    tmp_path: Path, state: str
) -> None:
    root = tmp_path / ".config/chromium"
    chromium_store(root / "Default" / "Cookies", 24, ONE)
    (root / "Local State").write_text(state)
    result = discover("linux", tmp_path, {})
    assert [s.profile for s in result.stores] == ["Default"]
    (problem,) = result.problems
    assert problem.path == root / "Local State"
    assert problem.reason.startswith("`Local State` is unreadable or malformed")


def test_malformed_profiles_ini_is_a_problem_and_profiles_still_found(tmp_path: Path) -> None:
    root = tmp_path / ".mozilla/firefox"
    firefox_store(root / "x.default" / "cookies.sqlite", 17, ONE)
    (root / "profiles.ini").write_text("Name=no section header\n[Profile0\n")
    result = discover("linux", tmp_path, {})
    assert [s.profile for s in result.stores] == ["x.default"]
    (problem,) = result.problems
    assert problem.reason.startswith("`profiles.ini` is unreadable or malformed")


def test_profiles_whose_folder_is_gone_are_reported(tmp_path: Path) -> None:
    chromium_profile(tmp_path / ".config/google-chrome", "Default", "Home", 24, ONE)
    state = tmp_path / ".config/google-chrome/Local State"
    state.write_text('{"profile": {"info_cache": {"Default": {"name": "Home"}, '
                     '"Profile 9": {"name": "Gone"}}}}')
    firefox_profile(tmp_path / ".mozilla/firefox", "a.default", "kept", 17, ONE)
    ini = tmp_path / ".mozilla/firefox/profiles.ini"
    ini.write_text(ini.read_text() + "[Profile5]\nName=Vanished\nIsRelative=1\nPath=gone.x\n")
    result = discover("linux", tmp_path, {})
    assert {s.profile for s in result.stores} == {"Home", "kept"}
    assert sorted((p.browser, p.profile, p.reason) for p in result.problems) == [
        ("Chrome", "Gone", "the browser lists this profile but its folder no longer exists"),
        ("Firefox", "Vanished", "profiles.ini lists this profile but its folder no longer exists"),
    ]


def test_a_profile_without_a_cookie_file_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / ".config/chromium/Default").mkdir(parents=True)
    (tmp_path / ".mozilla/firefox/new.default").mkdir(parents=True)
    result = discover("linux", tmp_path, {})
    assert result.stores == [] and result.problems == []


def test_an_empty_home_finds_nothing(tmp_path: Path) -> None:
    for platform in ("linux", "macos", "windows"):
        result = discover(platform, tmp_path, {})
        assert result.stores == [] and result.problems == []
