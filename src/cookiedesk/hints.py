"""What to say when no browser is found: where CookieDesk looked, and that the demo exists (a
bare "nothing found" left people on a fresh computer without a next step)."""

from __future__ import annotations

import os
from pathlib import Path

from cookiedesk.stores.discovery import current_platform, roots


def browsers_looked_for() -> list[str]:
    """The browser families discovery knows on this platform, each once ("Chrome", not
    "Chrome Beta"), in discovery's order."""
    platform = current_platform()
    names = [root.browser.split(" ")[0] for root in roots(platform, Path.home(), os.environ)]
    if platform == "macos":
        names.append("Safari")
    return list(dict.fromkeys(names))


def no_browser_hint(home: Path | None = None) -> str:
    home = Path.home() if home is None else home
    return (f"No browser profiles found in {home} (looked for "
            f"{', '.join(browsers_looked_for())}). "
            "Try the built-in demo: cookiedesk --demo list")
