"""Find every browser profile on this computer and the cookie stores in it.

Our own discovery, not browser-cookie3's (which reads one profile per browser): every root of
design section 3 per OS (the table in `platform_roots`), including snap, flatpak and Firefox
147+'s XDG root; then one profile reader per browser family: `chromium_profiles` (names from
`Local State`), `firefox_profiles` (`profiles.ini` and profile-group databases) and
`safari_profiles`, each also scanning for profiles those files do not name.

Everything here takes the platform, the home folder and the environment as arguments, so
tests lay out a Windows or macOS home in a temporary folder on any OS.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path

from cookiedesk.model import StoreFormat
from cookiedesk.stores import chromium_profiles, firefox_profiles
from cookiedesk.stores.discovered import Discovery, Problem, Root, store_id
from cookiedesk.stores.platform import Platform, current_platform
from cookiedesk.stores.platform_roots import BASES, ROOTS, SAFARI_COOKIE_FILES, Base

__all__ = ["Discovery", "Platform", "Problem", "Root", "current_platform", "discover", "roots",
           "store_id"]

# The profile reader of each browser family that has roots (Safari has one fixed file).
_PROFILE_READERS: dict[StoreFormat, Callable[[Root, Discovery], None]] = {
    StoreFormat.CHROMIUM: chromium_profiles.find_stores,
    StoreFormat.FIREFOX: firefox_profiles.find_stores,
}


def _base(base: Base, home: Path, environ: Mapping[str, str]) -> Path:
    variable, under_home = BASES[base]
    value = environ.get(variable, "").strip() if variable else ""
    return Path(value) if value else home / under_home


def roots(platform: Platform, home: Path, environ: Mapping[str, str]) -> list[Root]:
    """Every place a supported browser may keep profiles on this platform."""
    return [
        Root(entry.browser, family, _base(entry.base, home, environ) / entry.folder,
             entry.variant, entry.has_profiles)
        for family, entries in ROOTS[platform].items()
        for entry in entries
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
        _PROFILE_READERS[root.format](root, result)
    if platform in SAFARI_COOKIE_FILES:  # only macOS has Safari: elsewhere its module stays out
        from cookiedesk.stores import safari_profiles

        safari_profiles.find_stores(platform, home, result)
    return result
