"""The demo's banner: what the window shows, and why it shows the demo rather than this
computer's browsers (asked for with --demo, or no browser's cookies were found)."""

from __future__ import annotations

_WHAT = ("the built-in <b>demo profile</b> (made-up cookies in temporary files): try anything "
         "here, nothing on this computer changes.")


def demo_banner(found_nothing: bool) -> str:
    if found_nothing:
        return f"No browser's cookies were found on this computer, so this is {_WHAT}"
    return f"This is {_WHAT}"
