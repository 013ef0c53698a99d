"""Where CookieDesk keeps its own files: config, data (backups) and logs.

Everything goes through platformdirs, and each folder can be overridden with an environment
variable (COOKIEDESK_CONFIG_DIR, COOKIEDESK_DATA_DIR, COOKIEDESK_LOG_DIR, COOKIEDESK_CACHE_DIR)
so that tests and support sessions never touch the real user's folders.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "CookieDesk"

_private: dict[str, Path] = {}  # set by use_private_folders: wins over everything else


def use_private_folders(base: Path | None) -> None:
    """From now on, keep config, data, logs and cache under `base` (the demo profile's own
    temporary home), so that demo state never touches the user's folders; None undoes it."""
    _private.clear()
    if base is not None:
        for kind in ("config", "data", "log", "cache"):
            _private[f"COOKIEDESK_{kind.upper()}_DIR"] = base / kind


def _dir(env_var: str, default: str) -> Path:
    if env_var in _private:
        return _private[env_var]
    override = os.environ.get(env_var, "").strip()
    return Path(override) if override else Path(default)


def config_dir() -> Path:
    return _dir("COOKIEDESK_CONFIG_DIR", platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    return _dir("COOKIEDESK_DATA_DIR", platformdirs.user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    return _dir("COOKIEDESK_LOG_DIR", platformdirs.user_log_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """Only things CookieDesk can rebuild (the compiled classification index)."""
    return _dir("COOKIEDESK_CACHE_DIR", platformdirs.user_cache_dir(APP_NAME, appauthor=False))
