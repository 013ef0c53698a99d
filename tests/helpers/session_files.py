"""A Firefox profile with a session file (sessionstore.jsonlz4): its cookies are listed but
never deleted, so every count the window shows has to say so."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.stores import mozlz4


def session_cookie(host: str, name: str, value: str, **attributes: object) -> dict[str, object]:
    return {"host": host, "name": name, "value": value, "path": "/",
            "originAttributes": attributes or {"userContextId": 0}}


def write_session_file(profile_dir: Path, *cookies: dict[str, object]) -> Path:
    """Firefox's clean-shutdown session file in `profile_dir`, holding these cookies."""
    path = profile_dir / "sessionstore.jsonlz4"
    path.write_bytes(mozlz4({"version": ["sessionrestore", 1], "windows": [{"tabs": []}],
                             "cookies": list(cookies)}))
    return path
