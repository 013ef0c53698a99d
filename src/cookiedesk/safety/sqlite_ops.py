"""What deletion and restore do to a browser's SQLite store, and how their failures read.

Shared by `delete` and `restore` (and nothing else): opening a store for writing without ever
creating one, matching rows by row id and natural key, the consistent snapshot, and SQLite's
and the OS's errors as sentences, told apart by `sqlite_errorcode` and `errno`, not by text.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from cookiedesk.model import CookieKey, Store, StoreFormat
from cookiedesk.safety import backup as backups

LOCK_TIMEOUT_S = 2.0  # how long to wait for another program's write to finish


def format_module(store_format: StoreFormat) -> ModuleType:
    """The reader module that declares a SQLite format's table and key columns."""
    if store_format is StoreFormat.CHROMIUM:
        from cookiedesk.stores import chromium

        return chromium
    if store_format is StoreFormat.FIREFOX:
        from cookiedesk.stores import firefox

        return firefox
    raise ValueError(f"{store_format} is not a SQLite store")


@dataclass(frozen=True)
class KeyColumns:
    """How a store's rows are matched: its table, row id, and the natural-key columns it has
    (older schemas lack some), each with its index in CookieKey.natural."""

    table: str
    row_id: str
    columns: list[str]
    present: list[tuple[str, int]]

    def where(self) -> str:
        parts = [f"{self.row_id} = ?"]
        parts += [self._natural(c) for c, _ in self.present]
        return " AND ".join(parts)

    def where_natural(self) -> str:
        return " AND ".join(self._natural(c) for c, _ in self.present) or "1"

    @staticmethod
    def _natural(column: str) -> str:
        # The readers cast text columns this way; compare the same values (IS: NULL-safe).
        expression = (f"CAST(ifnull({column}, '') AS TEXT)" if column in _TEXT_COLUMNS
                      else column)
        return f"{expression} IS ?"

    def parameters(self, key: CookieKey) -> tuple[Any, ...]:
        return (key.rowid, *(key.natural[i] for _, i in self.present))


_TEXT_COLUMNS = frozenset({"host_key", "top_frame_site_key", "name", "path", "host",
                           "originAttributes"})


def key_columns(db: sqlite3.Connection, module: ModuleType, schema: str = "main") -> KeyColumns:
    table: str = module.TABLE
    columns = [row[1] for row in db.execute(f"PRAGMA {schema}.table_info({table})")]
    if not columns:
        raise sqlite3.DatabaseError(f"the store has no `{table}` table")
    present = [(c, i) for i, c in enumerate(module.NATURAL_COLUMNS) if c in columns]
    return KeyColumns(table, module.ROW_ID, columns, present)


def open_for_writing(path: Path) -> sqlite3.Connection:
    """Open an existing store read-write. `mode=rw` never creates the file: a store that was
    removed stays removed instead of coming back as an empty database."""
    if not path.is_file():
        raise FileNotFoundError(errno.ENOENT, "the store's file is not there", str(path))
    db = sqlite3.connect(f"file:{quote(os.fsencode(path))}?mode=rw", uri=True,
                         timeout=LOCK_TIMEOUT_S, isolation_level=None)
    db.execute("PRAGMA secure_delete = ON")
    return db


def rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction; SQLite may have rolled back already (a failed COMMIT)."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def snapshot(source: Path, target: Path) -> None:
    """Copy the store through a second, read-only connection while ours holds the write lock:
    the backup API cannot read from a connection that is writing (it answers SQLITE_LOCKED,
    and Python's backup() retries that forever), and no one else can write meanwhile, so the
    copy is exactly the state about to change (the -wal included)."""
    backups.private_file(target)
    reader = sqlite3.connect(f"file:{quote(os.fsencode(source))}?mode=ro", uri=True,
                             timeout=LOCK_TIMEOUT_S)
    try:
        copy = sqlite3.connect(target)
        try:
            reader.backup(copy)
            # The copy inherits the store's WAL flag; a snapshot is one self-contained file
            # that opening it read-only later must not grow -wal/-shm files beside.
            copy.execute("PRAGMA journal_mode = DELETE")
        finally:
            copy.close()
    finally:
        reader.close()
    backups.fsync_file(target)


def holder(path: Path) -> str:
    """Which other process has the store open, as far as the OS tells ("" when unknown)."""
    try:
        import psutil  # only on this error path: importing it costs ~15 ms
    except ImportError:  # pragma: no cover - psutil is a dependency
        return ""
    wanted = os.path.realpath(path)
    for process in psutil.process_iter(["pid", "name"]):
        if process.pid == os.getpid():
            continue
        with contextlib.suppress(psutil.Error, OSError):
            if any(os.path.realpath(f.path) == wanted for f in process.open_files()):
                return f"process {process.pid} ({process.info['name']})"
    return ""


def close_to_retry(store: Store) -> str:
    """What to tell the user: "Close Firefox (profile 'default') and retry"."""
    browser = f"{store.browser} ({store.variant})" if store.variant else store.browser
    return f"Close {browser} (profile '{store.profile}') and retry"


def is_lock_error(exc: BaseException) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def locked_sentence(store: Store) -> str:
    who = holder(store.path)
    if who:
        return f"another program, {who}, holds the store's write lock; close it, then retry"
    browser = f"{store.browser} ({store.variant})" if store.variant else store.browser
    return (f"another program holds the store's write lock: close {browser} (profile "
            f"'{store.profile}') and any tool that opened its file, then retry")


def explain(exc: BaseException, store: Store, action: str = "deleted") -> str:
    """SQLite's and the OS's failures, as sentences about this store."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    os_error = exc.errno if isinstance(exc, OSError) else None
    if is_lock_error(exc):
        return locked_sentence(store)
    if primary in (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM) or os_error in (
            errno.EACCES, errno.EPERM, errno.EROFS):
        return "the store cannot be written (read-only file or folder, or permission denied)"
    if primary in (sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR) or os_error in (
            errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO):
        # A failed write inside the transaction rolls it back: the store is as it was.
        return f"the disk could not be written (full, or a write error): nothing was {action}"
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return f"the store is damaged ({exc}); nothing was {action}"
    if primary == sqlite3.SQLITE_CANTOPEN or os_error == errno.ENOENT:
        return f"the store's file is not there any more; nothing was {action}"
    if isinstance(exc, backups.BackupError):
        return f"{exc}; nothing was {action}"
    return f"SQLite refused ({exc}); nothing was {action}"
