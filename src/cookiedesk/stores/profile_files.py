"""The browsers' own lists of profiles: Chromium's `Local State`, Firefox's `profiles.ini`.

Both are read through safe_read (a pipe or device there must not hang discovery, a huge file
must not fill memory) and every name is made printable (a lone surrogate in `Local State` or an
undecodable folder name must not break the output). Each answers a sentence instead of raising:
a bad file costs only the display names, never the stores.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cookiedesk import safe_read
from cookiedesk.escape import printable

if TYPE_CHECKING:
    import configparser


def chromium_profile_names(local_state: Path) -> tuple[dict[str, str], str | None]:
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
