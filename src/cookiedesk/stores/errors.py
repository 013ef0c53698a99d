"""The one error type every store problem becomes: a plain sentence about one file."""

from __future__ import annotations

from pathlib import Path

PERMISSION_DENIED = "permission denied: CookieDesk may not read this file"


class StoreError(Exception):
    """A store could not be read (or written). `reason` is a short sentence for people.

    The message never contains a cookie value: readers build it only from paths, column
    names, schema numbers and SQLite's own error text about the file.
    """

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
