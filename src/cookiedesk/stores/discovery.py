"""Find every browser profile on this computer and the cookie stores in it.

Our own discovery, not browser-cookie3's (which reads one profile per browser): every root of
design section 3 per OS, including snap, flatpak and Firefox 147+'s XDG root; profile display
names from Chromium's `Local State` and Firefox's `profiles.ini` and profile-group databases;
and a scan of the profile folders for profiles those files do not name.

Everything here takes the platform, the home folder and the environment as arguments, so
tests lay out a Windows or macOS home in a temporary folder on any OS.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import zlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Literal, NamedTuple

from cookiedesk.escape import printable
from cookiedesk.model import Store, StoreFormat, StoreKind
from cookiedesk.safe_read import refusal
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.firefox_session import SESSION_FILES, session_file
from cookiedesk.stores.profile_files import chromium_profile_names, read_profiles_ini
from cookiedesk.stores.snapshot import open_snapshot

Platform = Literal["linux", "macos", "windows"]


class Root(NamedTuple):
    """A folder where one browser install keeps its profiles."""

    browser: str
    format: StoreFormat
    path: Path
    variant: str = ""
    has_profiles: bool = True  # Opera keeps its one store in the root itself


class Problem(NamedTuple):
    """Something found on disk that CookieDesk could not use, in one sentence."""

    browser: str
    profile: str
    path: Path
    reason: str


class Discovery:
    """What discovery found: stores, and what it could not use."""

    __slots__ = ("problems", "stores")

    def __init__(self, stores: list[Store] | None = None,
                 problems: list[Problem] | None = None) -> None:
        self.stores: list[Store] = stores if stores is not None else []
        self.problems: list[Problem] = problems if problems is not None else []


def current_platform() -> Platform:
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith("win"):
        return "windows"
    return "linux"


def store_id(path: Path) -> str:
    """Short, stable name for a store: the same file always gets the same id.

    Two checksums of the path (zlib's: hashlib's import alone costs a tenth of a `list`), over
    its bytes as the OS has them: the same as UTF-8 for every valid name, and an undecodable
    folder name (bytes Python keeps as surrogates) gets a stable id instead of an exception.
    """
    raw = os.fsencode(path)
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw) & 0xFFFF:04x}"


# ---------------------------------------------------------------------------- path tables

# (browser, folder under the config dir, flatpak app id or "")
_CHROMIUM_LINUX = [
    ("Chrome", "google-chrome", "com.google.Chrome"),
    ("Chrome Beta", "google-chrome-beta", ""),
    ("Chrome Dev", "google-chrome-unstable", ""),
    ("Chromium", "chromium", "org.chromium.Chromium"),
    ("Edge", "microsoft-edge", "com.microsoft.Edge"),
    ("Edge Beta", "microsoft-edge-beta", ""),
    ("Edge Dev", "microsoft-edge-dev", ""),
    ("Brave", "BraveSoftware/Brave-Browser", "com.brave.Browser"),
    ("Brave Beta", "BraveSoftware/Brave-Browser-Beta", ""),
    ("Brave Nightly", "BraveSoftware/Brave-Browser-Nightly", ""),
    ("Vivaldi", "vivaldi", "com.vivaldi.Vivaldi"),
    ("Vivaldi Snapshot", "vivaldi-snapshot", ""),
    ("Opera", "opera", "com.opera.Opera"),
    ("Opera Beta", "opera-beta", ""),
    ("Opera Developer", "opera-developer", ""),
]
_CHROMIUM_MACOS = [
    ("Chrome", "Google/Chrome"),
    ("Chrome Beta", "Google/Chrome Beta"),
    ("Chrome Dev", "Google/Chrome Dev"),
    ("Chrome Canary", "Google/Chrome Canary"),
    ("Chromium", "Chromium"),
    ("Edge", "Microsoft Edge"),
    ("Edge Beta", "Microsoft Edge Beta"),
    ("Edge Dev", "Microsoft Edge Dev"),
    ("Edge Canary", "Microsoft Edge Canary"),
    ("Brave", "BraveSoftware/Brave-Browser"),
    ("Brave Beta", "BraveSoftware/Brave-Browser-Beta"),
    ("Brave Nightly", "BraveSoftware/Brave-Browser-Nightly"),
    ("Vivaldi", "Vivaldi"),
    ("Opera", "com.operasoftware.Opera"),
    ("Opera GX", "com.operasoftware.OperaGX"),
    ("Arc", "Arc/User Data"),
]
# Under %LOCALAPPDATA% unless noted; each is "<...>\User Data".
_CHROMIUM_WINDOWS = [
    ("Chrome", "Google/Chrome"),
    ("Chrome Beta", "Google/Chrome Beta"),
    ("Chrome Dev", "Google/Chrome Dev"),
    ("Chrome Canary", "Google/Chrome SxS"),
    ("Chromium", "Chromium"),
    ("Edge", "Microsoft/Edge"),
    ("Edge Beta", "Microsoft/Edge Beta"),
    ("Edge Dev", "Microsoft/Edge Dev"),
    ("Edge Canary", "Microsoft/Edge SxS"),
    ("Brave", "BraveSoftware/Brave-Browser"),
    ("Vivaldi", "Vivaldi"),
]
_FIREFOX_FLATPAK = "org.mozilla.firefox"
_LIBREWOLF_FLATPAK = "io.gitlab.librewolf-community"
_FIREFOX_STORE_PACKAGE = "Mozilla.Firefox_n80bbvh6b1yt2"


def _env_path(environ: Mapping[str, str], name: str, fallback: Path) -> Path:
    value = environ.get(name, "").strip()
    return Path(value) if value else fallback


def roots(platform: Platform, home: Path, environ: Mapping[str, str]) -> list[Root]:
    """Every place a supported browser may keep profiles on this platform."""
    chromium, firefox = StoreFormat.CHROMIUM, StoreFormat.FIREFOX
    found: list[Root] = []
    if platform == "linux":
        config = _env_path(environ, "XDG_CONFIG_HOME", home / ".config")
        for browser, folder, flatpak_id in _CHROMIUM_LINUX:
            opera = browser.startswith("Opera")
            found.append(Root(browser, chromium, config / folder, has_profiles=not opera))
            if flatpak_id:
                found.append(
                    Root(browser, chromium, home / ".var/app" / flatpak_id / "config" / folder,
                         "flatpak", has_profiles=not opera)
                )
        found.append(Root("Chromium", chromium, home / "snap/chromium/common/chromium", "snap"))
        found.append(
            Root("Brave", chromium, home / "snap/brave/current/.config/BraveSoftware/Brave-Browser",
                 "snap")
        )
        found += [
            Root("Firefox", firefox, home / ".mozilla/firefox"),
            Root("Firefox", firefox, config / "mozilla/firefox", "XDG"),
            Root("Firefox", firefox, home / "snap/firefox/common/.mozilla/firefox", "snap"),
            Root("Firefox", firefox, home / ".var/app" / _FIREFOX_FLATPAK / ".mozilla/firefox",
                 "flatpak"),
            Root("Firefox", firefox,
                 home / ".var/app" / _FIREFOX_FLATPAK / "config/mozilla/firefox", "flatpak XDG"),
            Root("LibreWolf", firefox, home / ".librewolf"),
            Root("LibreWolf", firefox, config / "librewolf/librewolf", "XDG"),
            Root("LibreWolf", firefox, home / ".var/app" / _LIBREWOLF_FLATPAK / ".librewolf",
                 "flatpak"),
        ]
    elif platform == "macos":
        support = home / "Library/Application Support"
        for browser, folder in _CHROMIUM_MACOS:
            found.append(Root(browser, chromium, support / folder,
                              has_profiles=not browser.startswith("Opera")))
        found += [
            Root("Firefox", firefox, support / "Firefox"),
            Root("LibreWolf", firefox, support / "librewolf"),
        ]
    else:
        local = _env_path(environ, "LOCALAPPDATA", home / "AppData/Local")
        roaming = _env_path(environ, "APPDATA", home / "AppData/Roaming")
        for browser, folder in _CHROMIUM_WINDOWS:
            found.append(Root(browser, chromium, local / folder / "User Data"))
        found += [
            Root("Opera", chromium, roaming / "Opera Software/Opera Stable", has_profiles=False),
            Root("Opera GX", chromium, roaming / "Opera Software/Opera GX Stable",
                 has_profiles=False),
            Root("Firefox", firefox, roaming / "Mozilla/Firefox"),
            Root("Firefox", firefox,
                 local / "Packages" / _FIREFOX_STORE_PACKAGE / "LocalCache/Roaming/Mozilla/Firefox",
                 "Microsoft Store"),
            Root("LibreWolf", firefox, roaming / "librewolf"),
        ]
    return found


# ----------------------------------------------------------------------------- Chromium

_CHROMIUM_PROFILE_PATTERNS = ("Default", "Profile *", "Guest Profile")
_SKIPPED_CHROMIUM_PROFILES = {"System Profile"}


def chromium_cookie_file(profile_dir: Path) -> Path | None:
    """`Network/Cookies` (Windows since Chrome 96) or `Cookies`: the newer one when both exist."""
    newest: tuple[float, Path] | None = None
    for candidate in (profile_dir / "Network/Cookies", profile_dir / "Cookies"):
        try:
            mtime = candidate.stat().st_mtime
        except OSError:
            continue
        if os.path.isfile(candidate) and (newest is None or mtime > newest[0]):
            newest = (mtime, candidate)
    return newest[1] if newest else None


def _refused(root: Root, display: str, paths: Iterable[Path], result: Discovery) -> None:
    """A pipe, device or socket where a store file belongs: one sentence, never opened."""
    for path in paths:
        reason = refusal(path)
        if reason is not None:
            result.problems.append(Problem(root.browser, display, path, reason))


def _chromium_profile_names(root: Root, result: Discovery) -> dict[str, str]:
    local_state = root.path / "Local State"
    names, problem = chromium_profile_names(local_state)
    if problem:
        result.problems.append(Problem(root.browser, "", local_state, problem))
    return names


def _chromium_stores(root: Root, result: Discovery) -> None:
    if not root.has_profiles:
        _add_chromium_profile(root, root.path, "Default", result)
        return
    names = _chromium_profile_names(root, result)
    folders = set(names)
    for pattern in _CHROMIUM_PROFILE_PATTERNS:
        folders.update(p.name for p in root.path.glob(pattern) if os.path.isdir(p))
    for folder in sorted(folders - _SKIPPED_CHROMIUM_PROFILES):
        profile_dir = root.path / folder
        display = names.get(folder) or printable(folder)
        if not os.path.isdir(profile_dir):
            result.problems.append(Problem(
                root.browser, display, profile_dir,
                "the browser lists this profile but its folder no longer exists",
            ))
            continue
        _add_chromium_profile(root, profile_dir, display, result)


def _add_chromium_profile(root: Root, profile_dir: Path, display: str, result: Discovery) -> None:
    _refused(root, display, (profile_dir / "Network/Cookies", profile_dir / "Cookies",
                             profile_dir / "Extension Cookies"), result)
    cookie_file = chromium_cookie_file(profile_dir)
    if cookie_file is not None:
        result.stores.append(_store(root, profile_dir, display, cookie_file))
    extension_file = profile_dir / "Extension Cookies"
    if os.path.isfile(extension_file):
        result.stores.append(
            _store(root, profile_dir, display, extension_file, StoreKind.EXTENSION)
        )


# ------------------------------------------------------------------------------ Firefox

def _resolve(root: Root, raw_path: str, is_relative: str) -> Path:
    path = Path(raw_path.replace("\\", "/")) if is_relative != "0" else Path(raw_path)
    return root.path / path if is_relative != "0" else path


def _profile_group_names(
    root: Root, store_ids: Iterable[str], result: Discovery
) -> dict[Path, str]:
    """Firefox 138+ keeps all but one profile of a group only in `Profile Groups/<id>.sqlite`."""
    names: dict[Path, str] = {}
    for group_id in store_ids:
        database = root.path / "Profile Groups" / f"{group_id}.sqlite"
        _refused(root, "", [database], result)
        if not os.path.isfile(database):
            continue
        try:
            with open_snapshot(database) as db:
                rows = db.execute("SELECT path, name FROM Profiles").fetchall()
        except (StoreError, sqlite3.Error) as exc:
            result.problems.append(Problem(
                root.browser, "", database,
                f"the profile-group database cannot be read ({getattr(exc, 'reason', exc)})",
            ))
            continue
        for raw_path, name in rows:
            path = Path(str(raw_path))
            names[path if path.is_absolute() else root.path / path] = printable(str(name))
    return names


def _firefox_stores(root: Root, result: Discovery) -> None:
    named: dict[Path, str] = {}
    group_ids: set[str] = set()
    ini, problem = read_profiles_ini(root.path / "profiles.ini")
    if problem:
        result.problems.append(Problem(root.browser, "", root.path / "profiles.ini", problem))
    if ini is not None:
        for section in ini.sections():
            if not section.startswith("Profile") or "Path" not in ini[section]:
                continue
            entry = ini[section]
            folder = _resolve(root, entry["Path"], entry.get("IsRelative", "1"))
            named[folder] = printable(entry.get("Name", folder.name))
            if entry.get("StoreID"):
                group_ids.add(entry["StoreID"])
    for folder, name in _profile_group_names(root, sorted(group_ids), result).items():
        named.setdefault(folder, name)

    scanned = {p.parent for p in root.path.glob("*/cookies.sqlite")}
    scanned |= {p.parent for p in root.path.glob("Profiles/*/cookies.sqlite")}
    scanned |= {p.parent for p in root.path.glob("*/sessionstore.jsonlz4")}
    scanned |= {p.parent for p in root.path.glob("Profiles/*/sessionstore.jsonlz4")}
    for folder in sorted(set(named) | scanned):
        display = named.get(folder) or printable(folder.name)
        if not os.path.isdir(folder):
            result.problems.append(Problem(
                root.browser, display, folder,
                "profiles.ini lists this profile but its folder no longer exists",
            ))
            continue
        # The running check opens these lock files: a pipe there would hang it, so such a
        # profile is reported and left alone (whether Firefox runs on it cannot be told).
        lock = next((r for n in (".parentlock", "parent.lock") if (r := refusal(folder / n))), "")
        if lock:
            result.problems.append(Problem(root.browser, display, folder, (
                f"{lock}, so CookieDesk cannot tell whether Firefox uses this profile and "
                "does not read it")))
            continue
        cookie_file = folder / "cookies.sqlite"
        _refused(root, display, [cookie_file, *(folder / name for name in SESSION_FILES)], result)
        if os.path.isfile(cookie_file):
            result.stores.append(_store(root, folder, display, cookie_file))
        session = session_file(folder)
        if session is not None:
            result.stores.append(_store(root, folder, display, session, StoreKind.SESSION))


# --------------------------------------------------------------------------------- all

def _store(
    root: Root, profile_dir: Path, display: str, path: Path, kind: StoreKind = StoreKind.COOKIES
) -> Store:
    return Store(
        id=store_id(path),
        browser=root.browser,
        profile=display,
        path=path,
        format=root.format,
        profile_dir=profile_dir,
        root=root.path,
        variant=root.variant,
        kind=kind,
    )


def _safari_paths(home: Path) -> list[Path]:
    """Safari's jar: the sandbox container first, then the location before macOS 10.14."""
    return [
        home / "Library/Containers/com.apple.Safari/Data/Library/Cookies/Cookies.binarycookies",
        home / "Library/Cookies/Cookies.binarycookies",
    ]


def discover(
    platform: Platform | None = None,
    home: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Discovery:
    """Every cookie store of every supported browser and profile, plus what went wrong."""
    platform = platform or current_platform()
    home = home if home is not None else Path.home()
    environ = os.environ if environ is None else environ
    result = Discovery()
    seen: set[Path] = set()
    for root in roots(platform, home, environ):
        # XDG_CONFIG_HOME may point at ~/.config, or a symlink may join two roots: one visit.
        if not os.path.isdir(root.path):
            continue
        try:
            real = root.path.resolve()
        except OSError:
            continue
        if real in seen:
            continue
        seen.add(real)
        if root.format is StoreFormat.CHROMIUM:
            _chromium_stores(root, result)
        else:
            _firefox_stores(root, result)
    if platform == "macos":
        safari = Root("Safari", StoreFormat.SAFARI, home)
        for path in _safari_paths(home):
            _refused(safari, "Default", [path], result)
            if os.path.isfile(path):
                result.stores.append(Store(
                    id=store_id(path), browser="Safari", profile="Default", path=path,
                    format=StoreFormat.SAFARI, profile_dir=path.parent, root=path.parent,
                ))
                break
    return result
