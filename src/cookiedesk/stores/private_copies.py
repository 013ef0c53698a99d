"""Where private copies of a running browser's store live while they are read.

A copy holds every cookie value of the store, so it goes in CookieDesk's own cache folder
(`private-copies/`, mode 0700) rather than the shared temporary folder, in a subfolder named
after the process (`private-copies/<pid>/`, mode 0700). A process killed mid-read (SIGKILL, a
power cut) cannot remove its copy, so every read first removes the folders of processes that
are no longer alive.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FOLDER = "private-copies"
_MODE = 0o700


def base_folder() -> Path:
    from cookiedesk import dirs  # imported here: the cache folder is needed only now

    return dirs.cache_dir() / FOLDER


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # pragma: no cover - os.kill(pid, 0) would end the process
        import psutil

        return bool(psutil.pid_exists(pid))
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is not ours to signal (or we cannot tell): keep its copy
    return True


def remove_stale(base: Path | None = None) -> None:
    """Remove the copies of processes that are gone; cheap when there are none."""
    base = base_folder() if base is None else base
    try:
        entries = list(os.scandir(base))
    except OSError:
        return  # no folder yet: nothing was ever left behind
    for entry in entries:
        if entry.name.isdigit() and not _alive(int(entry.name)):
            import shutil

            shutil.rmtree(entry.path, ignore_errors=True)


def _private_folder(path: Path) -> None:
    path.mkdir(mode=_MODE, exist_ok=True)
    # mkdir's mode is narrowed by the umask and ignored for a folder that exists: set it.
    if path.stat().st_mode & 0o777 != _MODE:
        path.chmod(_MODE)


def new_folder() -> Path:
    """A new empty folder only this user can enter; the caller removes it with `remove`."""
    import tempfile

    base = base_folder()
    base.parent.mkdir(parents=True, exist_ok=True)
    _private_folder(base)
    mine = base / str(os.getpid())
    _private_folder(mine)
    return Path(tempfile.mkdtemp(prefix="read-", dir=mine))  # 0700, unique per read and thread


def remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)
