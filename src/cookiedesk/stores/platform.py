"""Which desktop OS CookieDesk runs on, in the three names discovery and the running check use.

Its own module because both discovery and the running check need it, and the running check
must not import discovery (discovery is the larger module, and it would pull it into every
delete for one function).
"""

from __future__ import annotations

import sys

from cookiedesk.records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Literal

    Platform = Literal["linux", "macos", "windows"]
else:
    Platform = str  # typing is not imported at run time (records.py)


def current_platform() -> Platform:
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith("win"):
        return "windows"
    return "linux"
