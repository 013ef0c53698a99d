"""One writer at a time, across processes: the window, the guided cleanup and the CLI never
delete or restore at the same moment.

An advisory lock (flock on POSIX, a byte-range lock on Windows) on `writer.lock` in the data
folder. The kernel releases it when the holder dies, even by kill -9, so a crash never leaves
CookieDesk locked out. The holder writes its pid into the file so the refusal can name it.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

LOCK_FILE = "writer.lock"


class WriterBusy(Exception):
    """Another CookieDesk is deleting or restoring now; the message says so, for people."""


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _holder(fd: int) -> str:
    with contextlib.suppress(OSError, ValueError):
        os.lseek(fd, 0, os.SEEK_SET)
        pid = int(os.read(fd, 32).decode("ascii").strip() or "0")
        if pid > 0:
            return f" (process {pid})"
    return ""


def busy(data_dir: Path) -> str | None:
    """Why another CookieDesk is writing now, or None (asked before a user is prompted, so a
    second window or command hears it at once, not after confirming)."""
    try:
        fd = os.open(data_dir / LOCK_FILE, os.O_RDWR)
    except OSError:
        return None  # no lock file yet: nobody has ever written from this data folder
    try:
        if _try_lock(fd):
            return None
        return _busy_sentence(fd)
    finally:
        os.close(fd)


def _busy_sentence(fd: int) -> str:
    return (f"another CookieDesk{_holder(fd)} is deleting or restoring cookies right now; "
            "wait until it has finished, then retry")


@contextlib.contextmanager
def hold(data_dir: Path) -> Iterator[None]:
    """Hold the writer lock for the block; raise WriterBusy at once if another process has it."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(data_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if not _try_lock(fd):
            raise WriterBusy(_busy_sentence(fd))
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode("ascii"))
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock
