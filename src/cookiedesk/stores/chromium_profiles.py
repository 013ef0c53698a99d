"""The profiles of one Chromium-family root: named by `Local State`, found by folder name.

`Local State` is read through safe_read (a pipe or device there must not hang discovery, a huge
file must not fill memory) and every name is made printable (a lone surrogate in it, or an
undecodable folder name, must not break the output). A bad `Local State` costs only the
display names, never the stores: the profile folders are scanned as well.
"""

from __future__ import annotations

import os
from pathlib import Path

from cookiedesk import safe_read
from cookiedesk.escape import printable
from cookiedesk.model import StoreKind
from cookiedesk.stores.discovered import Discovery, Problem, Root, new_store, refused

_PROFILE_PATTERNS = ("Default", "Profile *", "Guest Profile")
_SKIPPED_PROFILES = {"System Profile"}


def profile_names(local_state: Path) -> tuple[dict[str, str], str | None]:
    """`profile.info_cache` of `Local State`: folder → display name, and why it could not be
    read (None when it could, or is absent)."""
    try:
        data = safe_read.loads_json(
            safe_read.read_bytes(local_state, safe_read.MAX_PROFILE_FILE_BYTES), local_state)
        cache = data["profile"]["info_cache"]
        if not isinstance(cache, dict):
            raise TypeError("info_cache is not an object")
    except FileNotFoundError:
        return {}, None
    except KeyError:
        return {}, None
    except safe_read.UnsafeFile as exc:
        return {}, f"{exc.reason}; profiles are shown under their folder names"
    except (OSError, ValueError, TypeError) as exc:
        return {}, (f"`Local State` is unreadable or malformed ({exc.__class__.__name__}); "
                    "profiles are shown under their folder names")
    return {
        folder: printable(str(info.get("name") or folder) if isinstance(info, dict) else folder)
        for folder, info in cache.items()
    }, None


def cookie_file(profile_dir: Path) -> Path | None:
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


def find_stores(root: Root, result: Discovery) -> None:
    """Every cookie store of every profile under `root`, and the problems, into `result`."""
    if not root.has_profiles:
        _add_profile(root, root.path, "Default", result)
        return
    local_state = root.path / "Local State"
    names, problem = profile_names(local_state)
    if problem:
        result.problems.append(Problem(root.browser, "", local_state, problem))
    folders = set(names)
    for pattern in _PROFILE_PATTERNS:
        folders.update(p.name for p in root.path.glob(pattern) if os.path.isdir(p))
    for folder in sorted(folders - _SKIPPED_PROFILES):
        profile_dir = root.path / folder
        display = names.get(folder) or printable(folder)
        if not os.path.isdir(profile_dir):
            result.problems.append(Problem(
                root.browser, display, profile_dir,
                "the browser lists this profile but its folder no longer exists",
            ))
            continue
        _add_profile(root, profile_dir, display, result)


def _add_profile(root: Root, profile_dir: Path, display: str, result: Discovery) -> None:
    refused(root, display, (profile_dir / "Network/Cookies", profile_dir / "Cookies",
                            profile_dir / "Extension Cookies"), result)
    cookies = cookie_file(profile_dir)
    if cookies is not None:
        result.stores.append(new_store(root, profile_dir, display, cookies))
    extension_file = profile_dir / "Extension Cookies"
    if os.path.isfile(extension_file):
        result.stores.append(
            new_store(root, profile_dir, display, extension_file, StoreKind.EXTENSION)
        )
