"""The one safe deletion path: plan → check → back up → delete → verify → record.

Every deletion, from the command line, the window or the guided cleanup, goes through
`execute`. Per store (design section 4):
- refuse while the browser holds it, naming the browser and profile;
- one connection, `secure_delete` on (deleted values do not linger in free pages) and one
  `BEGIN IMMEDIATE` transaction, so no one else writes meanwhile;
- re-read the planned rows by row id AND the browser's unique-index columns: a row that is gone,
  or whose row id now holds another cookie, is "already gone" and is not touched;
- snapshot the store into the backup folder (SQLite's backup API, inside the transaction, so it
  is exactly the state being changed), fsync it, record it in the manifest;
- delete the matching rows, check the count, commit; re-read to verify; quick_check.
Never the -wal/-shm files, the journal mode, the `meta` table or VACUUM.

A crash at any moment leaves each store as it was before or after (SQLite's transaction), and
the backup either complete or absent from the manifest.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import quote

from cookiedesk.model import Cookie, CookieKey, Store, StoreFormat, StoreKind
from cookiedesk.safety import backup as backups
from cookiedesk.safety import running

LOCK_TIMEOUT_S = 2.0  # how long to wait for another program's write to finish


class DeleteError(Exception):
    """The deletion as a whole cannot start; the message says why, for people."""


@dataclass
class StorePlan:
    store: Store
    keys: list[CookieKey]


@dataclass
class Plan:
    stores: list[StorePlan]
    kept: int = 0  # cookies the filter selected but the keep-list protects
    session_only: int = 0  # Firefox session-file cookies: listed, never rewritten (see there)

    @property
    def total(self) -> int:
        return sum(len(p.keys) for p in self.stores)


@dataclass
class StoreOutcome:
    store: Store
    planned: int
    deleted: int = 0
    already_gone: int = 0
    failed: int = 0
    error: str | None = None


@dataclass
class DeleteResult:
    backup_id: str | None
    outcomes: list[StoreOutcome] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # nothing was changed anywhere
    code: str | None = None  # the confirmation code a user reads out (in the manifest too)

    @property
    def deleted(self) -> int:
        return sum(o.deleted for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return not self.refused and all(o.error is None for o in self.outcomes)


def plan(cookies: Iterable[Cookie], stores: Iterable[Store]) -> Plan:
    """Group the chosen cookies by store; keep-listed ones are left out and counted."""
    stores = list(stores)
    by_id = {s.id: StorePlan(s, []) for s in stores if s.kind is not StoreKind.SESSION}
    session_ids = {s.id for s in stores if s.kind is StoreKind.SESSION}
    kept = session_only = 0
    for cookie in cookies:
        if cookie.verdict is not None and cookie.verdict.kept:
            kept += 1
            continue
        if cookie.store_id in session_ids:
            session_only += 1
            continue
        if cookie.store_id not in by_id:
            raise DeleteError(f"cookie {cookie.name} of {cookie.host} belongs to no known store")
        by_id[cookie.store_id].keys.append(cookie.key)
    return Plan([p for p in by_id.values() if p.keys], kept, session_only)


def close_to_retry(store: Store) -> str:
    """What to tell the user: "Close Firefox (profile 'default') and retry"."""
    browser = f"{store.browser} ({store.variant})" if store.variant else store.browser
    return f"Close {browser} (profile '{store.profile}') and retry"


def refusals(stores: Iterable[Store]) -> list[str]:
    """One sentence per store whose browser holds it now; empty when all may be written."""
    found = []
    for store in stores:
        state = running.check(store)
        if state.running:
            found.append(f"{close_to_retry(store)}: {state.reason}")
    return found


def format_module(store_format: StoreFormat) -> ModuleType:
    return importlib.import_module(f"cookiedesk.stores.{store_format.value}")


# ------------------------------------------------------------------- SQLite stores

@dataclass(frozen=True)
class KeyColumns:
    """How a store's rows are matched: its table, row id, and the natural-key columns it has
    (older schemas lack some), each with its index in CookieKey.natural."""

    table: str
    row_id: str
    columns: list[str]
    present: list[tuple[str, int]]

    def where(self) -> str:
        # The readers cast text columns this way; compare the same values (IS: NULL-safe).
        parts = [f"{self.row_id} = ?"]
        for column, _ in self.present:
            expression = (f"CAST(ifnull({column}, '') AS TEXT)" if column in _TEXT_COLUMNS
                          else column)
            parts.append(f"{expression} IS ?")
        return " AND ".join(parts)

    def parameters(self, key: CookieKey) -> tuple[Any, ...]:
        return (key.rowid, *(key.natural[i] for _, i in self.present))


_TEXT_COLUMNS = frozenset({"host_key", "top_frame_site_key", "name", "path", "host",
                           "originAttributes"})


def key_columns(db: sqlite3.Connection, module: ModuleType) -> KeyColumns:
    table: str = module.TABLE
    columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
    if not columns:
        raise sqlite3.DatabaseError(f"the store has no `{table}` table")
    present = [(c, i) for i, c in enumerate(module.NATURAL_COLUMNS) if c in columns]
    return KeyColumns(table, module.ROW_ID, columns, present)


def open_for_writing(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, timeout=LOCK_TIMEOUT_S, isolation_level=None)
    db.execute("PRAGMA secure_delete = ON")
    return db


def explain(exc: BaseException, store: Store) -> str:
    """SQLite's and the OS's failures, as sentences about this store."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (f"another program holds the store ({text}); {close_to_retry(store)}")
    if "readonly" in text or "read-only" in text or isinstance(exc, PermissionError):
        return "the store cannot be written (read-only file or folder, or permission denied)"
    if ("disk is full" in text or "No space" in text or "too large" in text.lower()
            or "disk I/O error" in text):
        # A failed write inside the transaction rolls it back: the store is as it was.
        return "the disk could not be written (full, or a write error): nothing was deleted"
    if "malformed" in text or "not a database" in text:
        return f"the store is damaged ({text}); nothing was deleted"
    return f"SQLite refused ({text})"


def rollback(db: sqlite3.Connection) -> None:
    """Undo the open transaction; SQLite may have rolled back already (a failed COMMIT)."""
    if db.in_transaction:
        with contextlib.suppress(sqlite3.Error):
            db.execute("ROLLBACK")


def _snapshot(source: Path, target: Path) -> None:
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
        finally:
            copy.close()
    finally:
        reader.close()
    backups.fsync_file(target)


def _delete_from_sqlite(store: Store, keys: list[CookieKey], backup: backups.Backup,
                        entry: backups.BackupStore) -> StoreOutcome:
    outcome = StoreOutcome(store, len(keys))
    module = format_module(store.format)
    try:
        db = open_for_writing(store.path)
    except sqlite3.Error as exc:
        outcome.error, outcome.failed = explain(exc, store), len(keys)
        return outcome
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            columns = key_columns(db, module)
            entry.columns = columns.columns
            match = f"SELECT 1 FROM {columns.table} WHERE {columns.where()}"
            present = [k for k in keys
                       if db.execute(match, columns.parameters(k)).fetchone() is not None]
            outcome.already_gone = len(keys) - len(present)
            snapshot = backup.folder / entry.file
            _snapshot(store.path, snapshot)
            backups.write_manifest(backup)  # the snapshot is on disk before anything goes
            cursor = db.executemany(f"DELETE FROM {columns.table} WHERE {columns.where()}",
                                    [columns.parameters(k) for k in present])
            if cursor.rowcount != len(present):
                raise sqlite3.DatabaseError(
                    f"{cursor.rowcount} rows matched where {len(present)} were planned")
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        remaining = sum(1 for k in present
                        if db.execute(match, columns.parameters(k)).fetchone() is not None)
        outcome.deleted, outcome.failed = len(present) - remaining, remaining
        check = db.execute("PRAGMA quick_check").fetchone()
        if check != ("ok",):
            outcome.error = (f"the store reports damage after deleting ({check[0]}); "
                             f"undo with: cookiedesk restore {backup.id}")
        elif remaining:
            outcome.error = f"{remaining} cookies were still there after deleting"
    except (sqlite3.Error, OSError, backups.BackupError) as exc:
        outcome.error, outcome.failed = explain(exc, store), len(keys) - outcome.already_gone
        (backup.folder / entry.file).unlink(missing_ok=True)
    finally:
        db.close()
    return outcome


# ---------------------------------------------------------------------------- all

def execute(deletion: Plan, data_dir: Path, config_dir: Path | None = None,
            should_stop: Callable[[], bool] | None = None) -> DeleteResult:
    """Carry out a plan safely; see the module's description for every step.

    `should_stop` is asked between stores (never inside one, whose transaction is the unit of
    safety): when it says yes, the stores not yet begun are left as they are and reported."""
    if not deletion.stores:
        return DeleteResult(None)
    refused = refusals(p.store for p in deletion.stores)
    if refused:
        return DeleteResult(None, refused=refused)
    try:
        backup = backups.new_backup(data_dir)
    except OSError as exc:
        raise DeleteError(f"the backup folder cannot be created in {data_dir} "
                          f"({exc.strerror or exc}); nothing was deleted") from None
    result = DeleteResult(backup.id, code=backup.code)
    for store_plan in deletion.stores:
        store = store_plan.store
        if should_stop is not None and should_stop():
            result.outcomes.append(StoreOutcome(store, len(store_plan.keys),
                                                error="stopped before this store: not changed"))
            continue
        entry = backups.BackupStore(
            store.id, store.browser, store.profile, str(store.path), store.format.value,
            store.schema_version, f"{store.id}.{store.format.value}", [],
            [{"rowid": k.rowid, "natural": list(k.natural)} for k in store_plan.keys],
            root=str(store.root), profile_dir=str(store.profile_dir), variant=store.variant)
        backup.stores.append(entry)
        state = running.check(store)  # again: the browser may have started meanwhile
        if state.running:
            outcome = StoreOutcome(store, len(store_plan.keys), failed=len(store_plan.keys),
                                   error=f"{close_to_retry(store)}: {state.reason}")
        elif store.format is StoreFormat.SAFARI:
            from cookiedesk.safety.safari_write import delete_from_safari

            outcome = delete_from_safari(store, store_plan.keys, backup, entry)
        else:
            outcome = _delete_from_sqlite(store, store_plan.keys, backup, entry)
        entry.deleted, entry.already_gone = outcome.deleted, outcome.already_gone
        entry.failed, entry.error = outcome.failed, outcome.error
        result.outcomes.append(outcome)
    backup.state = "done"
    if result.deleted == 0:
        import shutil

        shutil.rmtree(backup.folder, ignore_errors=True)  # nothing changed: nothing to undo
        result.backup_id = result.code = None
    else:
        backups.write_manifest(backup)
    if config_dir is not None:
        backups.prune(data_dir, backups.retention_days(config_dir))
    return result
