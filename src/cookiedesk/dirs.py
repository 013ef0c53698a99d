"""Where CookieDesk keeps its own files: config, data (backups) and logs.

Everything goes through platformdirs, and each folder can be overridden with an environment
variable (COOKIEDESK_CONFIG_DIR, COOKIEDESK_DATA_DIR, COOKIEDESK_LOG_DIR, COOKIEDESK_CACHE_DIR)
so that tests and support sessions never touch the real user's folders.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

APP_NAME = "CookieDesk"

_private: dict[str, Path] = {}  # set by use_private_folders: wins over everything else


def use_private_folders(base: Path | None) -> None:
    """From now on, keep config, data, logs and cache under `base` (the demo profile's own
    temporary home), so that demo state never touches the user's folders; None undoes it."""
    _private.clear()
    if base is not None:
        for kind in ("config", "data", "log", "cache"):
            _private[f"COOKIEDESK_{kind.upper()}_DIR"] = base / kind


def _dir(env_var: str, default: Callable[[], str]) -> Path:
    """The override when there is one, else platformdirs' folder. platformdirs is imported only
    when a folder is asked of it: on Linux it brings tempfile, shutil, random, bz2 and lzma
    (~4 ms of a `cookiedesk list`), which a set COOKIEDESK_*_DIR (tests, support) never needs."""
    if env_var in _private:
        return _private[env_var]
    override = os.environ.get(env_var, "").strip()
    return Path(override) if override else Path(default())


def _platformdirs(kind: str) -> str:
    import platformdirs

    folder: str = getattr(platformdirs, f"user_{kind}_dir")(APP_NAME, appauthor=False)
    return folder


def config_dir() -> Path:
    return _dir("COOKIEDESK_CONFIG_DIR", lambda: _platformdirs("config"))


def data_dir() -> Path:
    return _dir("COOKIEDESK_DATA_DIR", lambda: _platformdirs("data"))


def log_dir() -> Path:
    return _dir("COOKIEDESK_LOG_DIR", lambda: _platformdirs("log"))


def cache_dir() -> Path:
    """Only things CookieDesk can rebuild (the compiled classification index)."""
    return _dir("COOKIEDESK_CACHE_DIR", lambda: _platformdirs("cache"))
