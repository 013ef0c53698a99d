"""What discovery finds, shared by the profile readers of every browser family.

Its own module so that `discovery` (which calls the readers) and the readers (which fill these
in) both import it, and neither imports the other.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from pathlib import Path

from cookiedesk.model import Store, StoreFormat, StoreKind
from cookiedesk.records import NamedTuple
from cookiedesk.safe_read import refusal


class Root(NamedTuple):
    """A folder where one browser install keeps its profiles."""

    browser: str
    format: StoreFormat
    path: Path
    variant: str = ""
    has_profiles: bool = True  # Opera keeps its one store in the root itself


class Problem(NamedTuple):
    """Something found on disk that CookieDesk could not use, in one sentence."""

    browser: str
    profile: str
    path: Path
    reason: str


class Discovery:
    """What discovery found: stores, and what it could not use."""

    __slots__ = ("problems", "stores")

    def __init__(self, stores: list[Store] | None = None,
                 problems: list[Problem] | None = None) -> None:
        self.stores: list[Store] = stores if stores is not None else []
        self.problems: list[Problem] = problems if problems is not None else []


def store_id(path: Path) -> str:
    """Short, stable name for a store: the same file always gets the same id.

    Two checksums of the path (zlib's: hashlib's import alone costs a tenth of a `list`), over
    its bytes as the OS has them: the same as UTF-8 for every valid name, and an undecodable
    folder name (bytes Python keeps as surrogates) gets a stable id instead of an exception.
    """
    raw = os.fsencode(path)
    return f"{zlib.crc32(raw):08x}{zlib.adler32(raw) & 0xFFFF:04x}"


def refused(root: Root, display: str, paths: Iterable[Path], result: Discovery) -> None:
    """A pipe, device or socket where a store file belongs: one sentence, never opened."""
    for path in paths:
        reason = refusal(path)
        if reason is not None:
            result.problems.append(Problem(root.browser, display, path, reason))


def new_store(
    root: Root, profile_dir: Path, display: str, path: Path, kind: StoreKind = StoreKind.COOKIES
) -> Store:
    return Store(
        id=store_id(path),
        browser=root.browser,
        profile=display,
        path=path,
        format=root.format,
        profile_dir=profile_dir,
        root=root.path,
        variant=root.variant,
        kind=kind,
    )
