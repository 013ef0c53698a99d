"""Access to the files in `resources/` from a source checkout and from an installed wheel.

The wheel carries them as the package folder `cookiedesk/resources`; a source checkout (or an
editable install) has them at the top of the repository. Both are found the same way.
"""

from __future__ import annotations

from importlib import resources as _importlib_resources
from pathlib import Path


def resource_root() -> Path:
    packaged = Path(str(_importlib_resources.files("cookiedesk"))) / "resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("CookieDesk's resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def read_text(*parts: str) -> str:
    return resource_path(*parts).read_text(encoding="utf-8")
