"""The profiles of one Firefox-family root: `profiles.ini`, profile groups, and a folder scan.

`profiles.ini` names most profiles; Firefox 138+ keeps all but one profile of a group only in
`Profile Groups/<id>.sqlite`; and a profile neither names is found by scanning for its files.
The files are read through safe_read and every name is made printable; a bad file costs the
names, never the stores.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from cookiedesk import safe_read
from cookiedesk.escape import printable
from cookiedesk.model import StoreKind
from cookiedesk.records import TYPE_CHECKING
from cookiedesk.safe_read import refusal
from cookiedesk.stores.discovered import Discovery, Problem, Root, new_store, refused
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.firefox_session import SESSION_FILES, session_file
from cookiedesk.stores.snapshot import open_snapshot

if TYPE_CHECKING:
    import configparser


def read_profiles_ini(path: Path) -> tuple[configparser.ConfigParser | None, str | None]:
    """Firefox's `profiles.ini` parsed, and why it could not be (None when absent)."""
    import configparser  # only where a Firefox-family browser is installed

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    try:
        data = safe_read.read_bytes(path, safe_read.MAX_PROFILE_FILE_BYTES)
        parser.read_string(data.decode("utf-8", errors="replace"), source=str(path))
    except FileNotFoundError:
        return None, None
    except safe_read.UnsafeFile as exc:
        return None, f"{exc.reason}; profiles are found by scanning the folder instead"
    except (OSError, configparser.Error) as exc:
        return None, (f"`{path.name}` is unreadable or malformed ({exc.__class__.__name__}); "
                      "profiles are found by scanning the folder instead")
    return parser, None


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
        refused(root, "", [database], result)
        if not os.path.isfile(database):
            continue
        try:
            with open_snapshot(database) as db:
                rows = db.execute("SELECT path, name FROM Profiles").fetchall()
        except (StoreError, sqlite3.Error) as exc:
            reason = exc.reason if isinstance(exc, StoreError) else str(exc)
            result.problems.append(Problem(
                root.browser, "", database,
                f"the profile-group database cannot be read ({reason})",
            ))
            continue
        for raw_path, name in rows:
            path = Path(str(raw_path))
            names[path if path.is_absolute() else root.path / path] = printable(str(name))
    return names


def _named_profiles(root: Root, result: Discovery) -> dict[Path, str]:
    """Profile folder → display name, from `profiles.ini` and the profile groups it names."""
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
    return named


def find_stores(root: Root, result: Discovery) -> None:
    """Every cookie store of every profile under `root`, and the problems, into `result`."""
    named = _named_profiles(root, result)
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
        refused(root, display, [cookie_file, *(folder / name for name in SESSION_FILES)], result)
        if os.path.isfile(cookie_file):
            result.stores.append(new_store(root, folder, display, cookie_file))
        session = session_file(folder)
        if session is not None:
            result.stores.append(new_store(root, folder, display, session, StoreKind.SESSION))
