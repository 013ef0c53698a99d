"""Safari's one profile: the first of its cookie files (platform_roots) that exists."""

from __future__ import annotations

import os
from pathlib import Path

from cookiedesk.model import Store, StoreFormat
from cookiedesk.stores.discovered import Discovery, Root, refused, store_id
from cookiedesk.stores.platform import Platform
from cookiedesk.stores.platform_roots import SAFARI_COOKIE_FILES


def cookie_files(platform: Platform, home: Path) -> list[Path]:
    return [home / relative for relative in SAFARI_COOKIE_FILES.get(platform, ())]


def find_stores(platform: Platform, home: Path, result: Discovery) -> None:
    """Safari's store on this platform (none but on macOS), and the problems, into `result`."""
    safari = Root("Safari", StoreFormat.SAFARI, home)
    for path in cookie_files(platform, home):
        refused(safari, "Default", [path], result)
        if os.path.isfile(path):
            result.stores.append(Store(
                id=store_id(path), browser="Safari", profile="Default", path=path,
                format=StoreFormat.SAFARI, profile_dir=path.parent, root=path.parent,
            ))
            return
