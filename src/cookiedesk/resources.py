"""Access to the files in `resources/` from a source checkout and from an installed wheel.

The wheel carries them as the package folder `cookiedesk/resources`; a source checkout (or an
editable install) has them at the top of the repository. Both are plain folders, found by path;
importlib.resources is asked only when neither exists (CookieDesk imported from a zip), because
importing it costs 5 ms of every command's start.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=1)
def resource_root() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "resources", here.parents[1] / "resources"):
        if candidate.is_dir():
            return candidate
    from importlib import resources

    packaged = Path(str(resources.files("cookiedesk"))) / "resources"
    if packaged.is_dir():
        return packaged
    raise FileNotFoundError("CookieDesk's resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
