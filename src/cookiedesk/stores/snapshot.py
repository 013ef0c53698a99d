"""Take a consistent, private, in-memory copy of a browser's SQLite file without writing to it.

Design section 3: open the file read-only and copy it into memory with the backup API (one
short read transaction). When the browser holds the file with an exclusive lock (a running
Firefox), copy the file and its -wal into a private folder (stores/private_copies.py), read
that copy, and remove it. Never `immutable=1` and never the main file alone: both silently miss
the newest cookies.

WAL-mode files (Firefox) never take the read-only open: SQLite creates `-wal` and `-shm` files
beside a WAL database even for a `mode=ro` connection (measured with SQLite 3.40), and CookieDesk
writes nothing next to a browser's files except when it deletes. When there is no `-wal` (the
browser is closed), or an empty one (left by another program's read-only open, which cannot
delete it), the whole database is in the main file, which is read into memory as it is;
otherwise the file and its `-wal` are copied into a private folder and read from there.

Every file is checked with safe_read before SQLite or a copy touches it: a pipe or device in
place of a store (or of its `-wal` or `-journal`, which SQLite opens itself) is refused with a
sentence, and so is a store beyond safe_read.MAX_SQLITE_STORE_BYTES.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from cookiedesk import safe_read
from cookiedesk.records import TYPE_CHECKING
from cookiedesk.stores import private_copies
from cookiedesk.stores.errors import PERMISSION_DENIED as _PERMISSION_DENIED
from cookiedesk.stores.errors import StoreError

if TYPE_CHECKING:
    from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
# SQLite's primary result codes (the low byte of an extended code) that mean "another program
# holds the file" to a read-only connection, so the private copy is read instead.
_LOCKED_CODES = frozenset({
    sqlite3.SQLITE_BUSY,  # database is locked
    sqlite3.SQLITE_CANTOPEN,  # unable to open database file (its -shm cannot be made)
    sqlite3.SQLITE_PROTOCOL,  # locking protocol
    sqlite3.SQLITE_READONLY,  # a hot rollback journal that a read-only connection cannot replay
})
# ... and the ones that mean the file itself is damaged.
_DAMAGED_CODES = frozenset({sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_IOERR})


_WAL_MODE = 2  # header bytes 18 and 19 (write/read format version) are 2 in WAL mode
_QUICK_CHECK_TRIES = 3
# A closed WAL store is loaded with deserialize, which holds the file about three times over
# (its bytes, their copy, SQLite's); above this it takes the private-copy path (once over).
MAX_DESERIALIZE_BYTES = 32 * safe_read.MB
_COMPANIONS = ("-wal", "-journal", "-shm")


def _check_file(path: Path) -> bool:
    """Fail early, with a sentence, for the cases SQLite reports only vaguely.

    Returns whether the database is in WAL mode.
    """
    if os.path.isdir(path):
        raise StoreError(path, "expected a database file but found a folder")
    try:
        header, _ = safe_read.read_head(path, 20, safe_read.MAX_SQLITE_STORE_BYTES)
        for suffix in _COMPANIONS:
            reason = safe_read.refusal(path.with_name(path.name + suffix))
            if reason is not None:
                raise StoreError(path, reason)
    except safe_read.UnsafeFile as exc:
        raise StoreError(path, exc.reason) from None
    except FileNotFoundError:
        raise StoreError(path, "the file no longer exists") from None
    except PermissionError:
        raise StoreError(path, _PERMISSION_DENIED) from None
    except IsADirectoryError:
        raise StoreError(path, "expected a database file but found a folder") from None
    except OSError as exc:
        raise StoreError(path, f"the file cannot be read ({exc.strerror or exc})") from None
    if not header:
        raise StoreError(path, "the file is empty, so it holds no cookie database")
    if header[: len(SQLITE_MAGIC)] != SQLITE_MAGIC:
        raise StoreError(path, "the file is not an SQLite database")
    if len(header) < 20:
        raise StoreError(path, "the database is damaged or truncated (header cut short)")
    return header[18] == _WAL_MODE or header[19] == _WAL_MODE


def sqlite_code(exc: sqlite3.Error) -> int | None:
    """SQLite's primary result code of an error (extended codes carry it in their low byte);
    None when the error is Python's own, not SQLite's."""
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _describe(exc: sqlite3.Error) -> str:
    if sqlite_code(exc) in _DAMAGED_CODES:
        return f"the database is damaged or truncated ({_sqlite_text(exc)})"
    return f"SQLite could not read it ({_sqlite_text(exc)})"


def _sqlite_text(exc: sqlite3.Error) -> str:
    """SQLite's own words for an error; Python's undecodable-text error quotes the row's text,
    so only SQLite's messages (which name the file's problem, never a row) are repeated."""
    if sqlite_code(exc) is None:
        return exc.__class__.__name__
    return str(exc)


def _backup_into_memory(source: sqlite3.Connection) -> sqlite3.Connection:
    memory = sqlite3.connect(":memory:")
    try:
        source.backup(memory)
    except BaseException:
        memory.close()
        raise
    return memory


def _read_direct(path: Path) -> sqlite3.Connection:
    uri = f"file:{quote(os.fsencode(path))}?mode=ro"  # the path's own bytes, whatever they are
    source = sqlite3.connect(uri, uri=True, timeout=0.2)
    try:
        return _backup_into_memory(source)
    finally:
        source.close()


def _read_private_copy(path: Path) -> sqlite3.Connection:
    # A checkpoint that lands between copying the file and its log can pair an old file with a
    # new log; quick_check notices, and a second copy is taken.
    for _ in range(_QUICK_CHECK_TRIES - 1):
        memory = _copy_once(path)
        if memory.execute("PRAGMA quick_check").fetchone() == ("ok",):
            return memory
        memory.close()
    return _copy_once(path)


def _copy_once(path: Path) -> sqlite3.Connection:
    # The main file first, then its -wal (and a rollback -journal, which SQLite replays when it
    # opens the copy): the order yt-dlp's maintainers argued for when copying under a browser.
    try:
        folder = private_copies.new_folder()
    except OSError as exc:
        raise StoreError(path, "CookieDesk cannot make its private folder for a copy in "
                               f"{private_copies.base_folder()} ({exc.strerror or exc})") from None
    try:
        copy = folder / "store.sqlite"
        try:
            budget = safe_read.MAX_SQLITE_STORE_BYTES
            budget -= safe_read.copy_regular(path, copy, budget)
            for suffix in ("-wal", "-journal"):
                companion = path.with_name(path.name + suffix)
                if companion.exists():
                    budget -= safe_read.copy_regular(
                        companion, folder / f"store.sqlite{suffix}", budget)
        except safe_read.UnsafeFile as exc:
            raise StoreError(path, exc.reason) from None
        except PermissionError:
            raise StoreError(path, _PERMISSION_DENIED) from None
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EBUSY) or getattr(exc, "winerror", 0) == 32:
                raise StoreError(
                    path, "the browser holds this file; close the browser to read its cookies"
                ) from None
            raise StoreError(path, f"the file cannot be copied ({exc.strerror or exc})") from None
        source = sqlite3.connect(copy)
        try:
            return _backup_into_memory(source)
        finally:
            source.close()
    finally:
        private_copies.remove(folder)


def _wal_holds_nothing(wal: Path) -> bool:
    """No -wal file, or an empty one: a read-only opener leaves an empty -wal behind (SQLite
    cannot delete it), and an empty log holds no page that is not in the main file."""
    try:
        return wal.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False  # cannot tell: the private copy reads the log if there is one


def _read_closed_wal_file(path: Path) -> sqlite3.Connection | None:
    """A WAL database whose -wal file is missing or empty is complete in its main file: load
    its bytes into an in-memory database (no temporary file, nothing written anywhere). None
    when the -wal holds pages or either file changed while it was read; the caller then takes
    the private-copy path."""
    wal = path.with_name(path.name + "-wal")
    if not _wal_holds_nothing(wal):
        return None
    before = path.stat()
    if before.st_size > MAX_DESERIALIZE_BYTES:
        return None
    try:
        data = bytearray(safe_read.read_bytes(path, MAX_DESERIALIZE_BYTES))
    except safe_read.TooLarge:
        return None  # it grew meanwhile: the private copy reads it once over
    after = path.stat()
    if not _wal_holds_nothing(wal) or (
            (before.st_size, before.st_mtime_ns) != (after.st_size, after.st_mtime_ns)):
        return None
    data[18] = data[19] = 1  # an in-memory database cannot be in WAL mode; ours is a copy
    memory = sqlite3.connect(":memory:")
    try:
        memory.deserialize(data)  # a buffer: no copy of our own beside SQLite's
    except BaseException:
        memory.close()
        raise
    return memory


@contextlib.contextmanager
def open_snapshot(path: Path) -> Iterator[sqlite3.Connection]:
    """Yield an in-memory copy of the database at `path`; raise StoreError when impossible."""
    private_copies.remove_stale()  # what a killed read left behind, before anything else
    wal_mode = _check_file(path)
    try:
        if wal_mode:
            try:
                memory = _read_closed_wal_file(path) or _read_private_copy(path)
            except safe_read.UnsafeFile as exc:
                raise StoreError(path, exc.reason) from None
            except PermissionError:
                raise StoreError(path, _PERMISSION_DENIED) from None
            except OSError as exc:
                raise StoreError(path, f"the file cannot be read ({exc.strerror or exc})") from None
        else:
            try:
                memory = _read_direct(path)
            except sqlite3.OperationalError as exc:
                if sqlite_code(exc) not in _LOCKED_CODES:
                    raise
                memory = _read_private_copy(path)
    except sqlite3.Error as exc:
        raise StoreError(path, _describe(exc)) from None
    try:
        yield memory
    except sqlite3.Error as exc:
        raise StoreError(path, _describe(exc)) from None
    finally:
        memory.close()


def table_columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def _undecodable(row: tuple[Any, ...]) -> bool:
    for value in row:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                return True
    return False


def fetch_rows(db: sqlite3.Connection, sql: str) -> tuple[list[tuple[Any, ...]], int]:
    """Every row of `sql`, less the rows holding text that is not UTF-8, and how many those were.

    SQLite lets a text column hold any bytes, and Python refuses the whole result over one bad
    value, which would hide every cookie of the store. Such a row cannot be deleted by key
    either (a key is matched as UTF-8 text), so it is left out and counted rather than shown
    with a host that would match nothing. The common case pays nothing: only a failed fetch
    is repeated, reading text as bytes."""
    try:
        return db.execute(sql).fetchall(), 0
    except sqlite3.OperationalError as exc:
        # Python's sqlite3 raises text it cannot decode as an OperationalError of its own,
        # without an SQLite result code; every error SQLite itself reports has one.
        if sqlite_code(exc) is not None:
            raise
    db.text_factory = lambda raw: raw.decode("utf-8", "surrogateescape")
    try:
        rows = db.execute(sql).fetchall()
    finally:
        db.text_factory = str
    good = [row for row in rows if not _undecodable(row)]
    return good, len(rows) - len(good)


def skipped_rows_warning(skipped: int) -> str:
    """The note for a store whose unreadable rows fetch_rows left out."""
    return (f"{skipped} cookie{' is' if skipped == 1 else 's are'} not listed: the host, name "
            "or path is not valid UTF-8 text, so CookieDesk can neither show nor safely delete "
            f"{'it' if skipped == 1 else 'them'}")
