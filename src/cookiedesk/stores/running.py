"""Is a browser holding this store right now?

A lock file alone proves nothing: Firefox leaves its `lock` symlink behind after a normal exit,
and a crashed Chromium leaves `SingletonLock`. So every check confirms the lock is live: the
process the lock names is alive and looks like a browser, or an OS-level lock is really held
(Firefox's `.parentlock`, SQLite's exclusive lock on `cookies.sqlite`, Windows lock files that
cannot be opened while the browser has them).
"""

from __future__ import annotations

import errno
import os
import stat
import sys
from pathlib import Path

from cookiedesk.model import Store, StoreFormat
from cookiedesk.records import NamedTuple
from cookiedesk.stores.platform import Platform, current_platform

# Parts of process names of the browsers we read (and their helper binaries' names).
_BROWSER_NAME_PARTS = (
    "chrom", "msedge", "microsoft-edge", "brave", "vivaldi", "opera", "firefox", "librewolf",
    "gecko", "safari",
)
# Names too short to match as parts ("arc" is in "search").
_BROWSER_EXACT_NAMES = frozenset({"arc", "edge"})
# SQLite's unix locking: an EXCLUSIVE lock is a write lock over the SHARED range, which starts
# two bytes after the PENDING byte at 1 GiB (sqlite3.c, "PENDING_BYTE").
_SQLITE_SHARED_FIRST = 0x40000000 + 2
_SQLITE_SHARED_SIZE = 510


class RunningState(NamedTuple):
    running: bool
    reason: str = ""  # why we think so, for people: "process 4242 (chromium) holds the profile"


NOT_RUNNING = RunningState(False)


def _process_looks_like_browser(pid: int) -> tuple[bool, str]:
    import psutil  # imported when a lock exists: it costs ~10 ms, a third of a plain `list`

    try:
        process = psutil.Process(pid)
        if process.status() == psutil.STATUS_ZOMBIE:
            return False, ""
        name = process.name()
    except psutil.NoSuchProcess:
        return False, ""
    except psutil.AccessDenied:
        return True, "another user's process"  # cannot look: assume the worst
    return _is_browser_name(name), name


def _is_browser_name(name: str) -> bool:
    lowered = name.lower()
    return lowered in _BROWSER_EXACT_NAMES or any(p in lowered for p in _BROWSER_NAME_PARTS)


def _any_browser_process() -> str:
    import psutil

    for process in psutil.process_iter(["name"]):
        name = str(process.info.get("name") or "")
        if _is_browser_name(name):
            return name
    return ""


def _pid_from_lock_target(target: str, separator: str) -> tuple[str, int] | None:
    host, _, pid_text = target.rpartition(separator)
    pid_text = pid_text.lstrip("+")  # Firefox writes "<ip>:+<pid>"
    return (host, int(pid_text)) if pid_text.isdigit() else None


def _symlink_lock(lock: Path, separator: str, flatpak: bool) -> RunningState:
    if not os.path.lexists(lock):
        return NOT_RUNNING
    try:
        target = os.readlink(lock)
    except OSError:
        return NOT_RUNNING
    parsed = _pid_from_lock_target(target, separator)
    if parsed is None:
        return NOT_RUNNING
    host, pid = parsed
    import socket  # only when a lock exists

    if separator == "-" and host and host != socket.gethostname():
        # What Chromium itself does: a profile locked from another computer is in use.
        return RunningState(True, f"the profile is in use on another computer ({host})")
    if flatpak:
        # A flatpak browser writes the pid from inside its sandbox's pid namespace.
        name = _any_browser_process()
        return RunningState(True, f"a browser process ({name}) is running") if name else NOT_RUNNING
    alive, name = _process_looks_like_browser(pid)
    if alive:
        return RunningState(True, f"process {pid} ({name}) holds the profile")
    return NOT_RUNNING


def _fcntl_lock_held(path: Path, start: int = 0, length: int = 0) -> bool:
    """True when another process holds a conflicting POSIX lock on (part of) the file.

    Takes a shared lock without blocking and drops it at once. (POSIX drops all of a process's
    locks on a file when any of its descriptors closes; CookieDesk holds no lock on browser
    files while it checks, so nothing of ours is lost.)
    """
    if sys.platform == "win32":  # pragma: no cover - Windows uses _windows_file_held
        return False
    import fcntl

    try:
        # O_NONBLOCK: a lock file swapped for a FIFO must not hang the check (a FIFO's open
        # waits for a writer); it is then simply not a lock file.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB, length, start)
    except OSError as exc:
        return exc.errno in (errno.EACCES, errno.EAGAIN)
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, length, start)
        return False
    finally:
        os.close(fd)


def _windows_file_held(path: Path) -> bool:
    """Windows browsers keep their lock file open without sharing while they run."""
    if not path.exists():
        return False
    try:
        with path.open("a"):
            return False
    except PermissionError:
        return True
    except OSError:
        return False


def _chromium(store: Store, platform: Platform) -> RunningState:
    if platform == "windows":
        if _windows_file_held(store.root / "lockfile"):
            return RunningState(True, "the browser holds its `lockfile`")
        return NOT_RUNNING
    return _symlink_lock(store.root / "SingletonLock", "-", "flatpak" in store.variant)


def _firefox(store: Store, platform: Platform) -> RunningState:
    if platform == "windows":
        if _windows_file_held(store.profile_dir / "parent.lock"):
            return RunningState(True, "the browser holds `parent.lock`")
        return NOT_RUNNING
    state = _symlink_lock(store.profile_dir / "lock", ":", "flatpak" in store.variant)
    if state.running:
        return state
    for name in (".parentlock", "parent.lock"):
        if _fcntl_lock_held(store.profile_dir / name):
            return RunningState(True, f"the browser holds `{name}`")
    if _fcntl_lock_held(store.path, _SQLITE_SHARED_FIRST, _SQLITE_SHARED_SIZE):
        return RunningState(True, "the browser holds an exclusive lock on `cookies.sqlite`")
    return NOT_RUNNING


def _safari() -> RunningState:
    import psutil

    for process in psutil.process_iter(["name"]):
        if process.info.get("name") == "Safari":
            return RunningState(True, f"Safari is running (process {process.pid})")
    return NOT_RUNNING


def check(store: Store, platform: Platform | None = None) -> RunningState:
    """Whether the browser that owns `store` is running on it now."""
    platform = platform or current_platform()
    if store.format is StoreFormat.CHROMIUM:
        return _chromium(store, platform)
    if store.format is StoreFormat.FIREFOX:
        return _firefox(store, platform)
    return _safari()
