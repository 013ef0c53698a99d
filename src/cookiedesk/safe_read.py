"""Read a file that someone else controls: never hang, never read a device, never run out of
memory.

Every file CookieDesk reads beside a browser's profile (and every list the user imports) goes
through here. A named pipe there would block `open()` forever, a symlink to `/dev/zero` would
fill memory, and a gigabyte of JSON would take gigabytes to parse, so:
- the path is stat'ed first and anything but a regular file is refused without opening it
  (opening some devices has side effects); symlinks are followed, because browsers and sync
  tools use them, and what they point at is what is checked;
- it is then opened with O_NONBLOCK (a pipe swapped in meanwhile cannot block the open) and
  checked again with fstat, which describes what was really opened;
- at most `limit` bytes are read, whatever the file's size claims (it may grow meanwhile).

No Qt and nothing heavy: the command line imports this on its fastest path.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cookiedesk.records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

MB = 1024 * 1024

# The caps, in one place (README "Limits" names them). Each is far above any real file.
MAX_PROFILE_FILE_BYTES = 16 * MB  # Chromium `Local State`, Firefox `profiles.ini`, containers
MAX_SESSION_FILE_BYTES = 64 * MB  # Firefox's mozLz4 session file, as stored (compressed)
MAX_SESSION_JSON_BYTES = 256 * MB  # its declared size once unpacked, checked before unpacking
MAX_USER_LIST_BYTES = 64 * MB  # a list to import, keep.txt, ad-domains.txt
MAX_STORED_LIST_BYTES = 128 * MB  # an imported list as CookieDesk stored it (JSON, larger)
MAX_SAFARI_FILE_BYTES = 256 * MB  # Cookies.binarycookies
MAX_SQLITE_STORE_BYTES = 1024 * MB  # a cookie database (plus its -wal), copied into memory
MAX_JSON_DEPTH = 64  # real files nest about 10 deep; Python's parser recurses per level

_CHUNK = 1 * MB
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class UnsafeFile(Exception):
    """A file was refused before (or instead of) being read; `reason` is one sentence about
    the file, naming it by its file name (the caller adds where it is)."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class NotRegularFile(UnsafeFile):
    """A pipe, device, socket or folder where a file was expected; `what` says which."""

    def __init__(self, path: Path, reason: str, what: str) -> None:
        super().__init__(path, reason)
        self.what = what


class TooLarge(UnsafeFile):
    """More bytes (or nesting) than any real file of its kind holds."""


def _what(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not an ordinary file"


def _megabytes(size: int) -> str:
    return f"{size // MB} MB" if size >= MB else f"{size} bytes"


def not_regular(path: Path, mode: int) -> NotRegularFile:
    what = _what(mode)
    return NotRegularFile(path, f"`{path.name}` is not a regular file but {what}", what)


def too_large(path: Path, limit: int, size: int | None = None) -> TooLarge:
    found = f" ({_megabytes(size)})" if size is not None else ""
    return TooLarge(path, f"`{path.name}` is larger than {_megabytes(limit)}{found}, far more "
                          "than a real one holds")


def refusal(path: Path) -> str | None:
    """Why the file at `path` would be refused, or None when it is a regular file (or a
    symlink to one) or nothing is there. Never opens it: discovery asks this of every store
    file before anything else touches it."""
    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError, ValueError):
        return None  # absent (a dangling symlink too): not a store at all
    except OSError as exc:
        return f"`{path.name}` cannot be looked at ({exc.strerror or exc})"
    return None if stat.S_ISREG(info.st_mode) else not_regular(path, info.st_mode).reason


def check_regular(path: Path, limit: int | None = None) -> os.stat_result:
    """stat `path` and refuse it unless it is a regular file within `limit`; OSError as is."""
    info = path.stat()
    if not stat.S_ISREG(info.st_mode):
        raise not_regular(path, info.st_mode)
    if limit is not None and info.st_size > limit:
        raise too_large(path, limit, info.st_size)
    return info


def open_regular(path: Path, limit: int | None = None) -> int:
    """A read-only descriptor of the regular file at `path` (the caller closes it)."""
    check_regular(path, limit)
    fd = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(fd)  # what was opened, in case the path changed since the stat
        if not stat.S_ISREG(info.st_mode):
            raise not_regular(path, info.st_mode)
        if limit is not None and info.st_size > limit:
            raise too_large(path, limit, info.st_size)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_bytes(path: Path, limit: int) -> bytes:
    """The whole regular file at `path`, at most `limit` bytes; UnsafeFile or OSError."""
    fd = open_regular(path, limit)
    try:
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew since fstat: stop, do not follow it
                raise too_large(path, limit)
    finally:
        os.close(fd)
    return b"".join(chunks)


def read_head(path: Path, count: int, limit: int | None = None) -> tuple[bytes, int]:
    """The first `count` bytes of the regular file at `path`, and its size."""
    fd = open_regular(path, limit)
    try:
        return os.read(fd, count), os.fstat(fd).st_size
    finally:
        os.close(fd)


def copy_regular(source: Path, target: Path, limit: int) -> int:
    """Copy the regular file `source` to a new private file `target` (mode 0600), at most
    `limit` bytes; return the bytes copied. (shutil.copyfile would copy /dev/zero forever.)"""
    fd = open_regular(source, limit)
    try:
        out = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                      0o600)
        total = 0
        try:
            while chunk := os.read(fd, _CHUNK):
                total += len(chunk)
                if total > limit:
                    raise too_large(source, limit)
                view = memoryview(chunk)
                while view:
                    view = view[os.write(out, view):]
        finally:
            os.close(out)
    finally:
        os.close(fd)
    return total


# ----------------------------------------------------------------------------- JSON

_NOT_BRACKETS = bytes(set(range(256)) - set(b'"[]{}'))


def _deeper_than(data: bytes, depth: int) -> bool:
    """Whether the JSON text nests more than `depth` arrays/objects, without parsing it.

    All in C-speed bytes operations: drop escaped backslashes and quotes (left to right, as a
    JSON reader pairs them), keep only quotes and brackets, drop what lay inside strings, then
    peel the innermost pairs off once per level. Malformed text answers False and is left to
    the parser to reject."""
    if b"\\" in data:
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    brackets = data.translate(None, _NOT_BRACKETS)
    if b'"' in brackets:
        brackets = b"".join(brackets.split(b'"')[::2])
    brackets = brackets.replace(b"{", b"[").replace(b"}", b"]")
    for _ in range(depth):
        peeled = brackets.replace(b"[]", b"")
        if peeled == brackets:
            return False
        brackets = peeled
    return bool(brackets) and brackets.replace(b"[]", b"") != brackets


def loads_json(data: bytes, path: Path, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON from a file someone else wrote. TooLarge when it nests deeper than
    `max_depth`; ValueError (with a plain reason) when it is not JSON."""
    import json

    too_deep = TooLarge(path, f"`{path.name}` nests deeper than {max_depth} levels, far more "
                              "than a real one holds")
    if _deeper_than(data, max_depth):
        raise too_deep
    try:
        return json.loads(data)
    except RecursionError:  # malformed text that the pre-check could not measure
        raise too_deep from None
