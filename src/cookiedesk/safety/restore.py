"""Undo a deletion: put the deleted rows back from the backup, through the same checks.

The backup is untrusted input (manifest_check): a store is restored only into a store that
discovery finds now with the same id and path (never a file the manifest merely names, and
never by creating one), and only from a snapshot that is a regular file inside that backup's
own folder. What to put back is decided from the snapshot and the live store, never from the
counters a crash may have left unwritten: every planned key that the live store lacks and the
snapshot holds goes back.

Per store: refuse while the browser holds it; refuse when the store's columns no longer match
the snapshot's (the browser upgraded its schema, and old rows could damage it); in one
`BEGIN IMMEDIATE` transaction, copy back each missing row, leaving a cookie that is there
(restored before, or set again since) exactly as it is; quick_check. Each store's restore is
recorded on its own, so a store that was blocked can be retried; the backup counts as
"restored" only when every store in it is.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from cookiedesk.model import CookieKey, Store, StoreFormat
from cookiedesk.safety import backup as backups
from cookiedesk.safety import running
from cookiedesk.safety.checkpoints import reached
from cookiedesk.safety.outcomes import Refusal, RestoreOutcome, RestoreResult
from cookiedesk.safety.sqlite_ops import (
    close_to_retry,
    explain,
    format_module,
    key_columns,
    open_for_writing,
    rollback,
)
from cookiedesk.safety.writer_lock import WriterBusy, hold

__all__ = ["RestoreOutcome", "RestoreResult", "restore", "tidy"]


def _deleted_keys(entry: backups.BackupStore) -> list[CookieKey]:
    return [CookieKey(entry.store_id, int(k["rowid"]), tuple(k["natural"])) for k in entry.keys]


def _check_snapshot(path: Path) -> str | None:
    try:
        snapshot = sqlite3.connect(f"file:{quote(os.fsencode(path))}?mode=ro", uri=True)
        try:
            result = snapshot.execute("PRAGMA integrity_check").fetchone()
        finally:
            snapshot.close()
    except sqlite3.Error as exc:
        return f"its snapshot is damaged ({exc})"
    return None if result == ("ok",) else f"its snapshot is damaged ({result[0]})"


def _same_file(a: Path, b: str) -> bool:
    try:
        return os.path.realpath(a) == os.path.realpath(b)
    except (OSError, ValueError):
        return False


def live_store(entry: backups.BackupStore, stores: Iterable[Store]) -> Store | None:
    """The store discovery found now that this entry was made from, or None."""
    for store in stores:
        if store.id == entry.store_id and store.format.value == entry.format \
                and _same_file(store.path, entry.path):
            return store
    return None


def _restore_sqlite(entry: backups.BackupStore, store: Store, folder: Path) -> RestoreOutcome:
    keys = _deleted_keys(entry)
    outcome = RestoreOutcome(store.label, len(keys))
    found = backups.snapshot_file(entry, folder)
    problem = found if isinstance(found, str) else _check_snapshot(found)
    if problem or isinstance(found, str):
        outcome.error = f"not restored: {problem}"
        return outcome
    module = format_module(store.format)
    try:
        db = open_for_writing(store.path)
    except (sqlite3.Error, OSError) as exc:
        outcome.error = explain(exc, store, "restored")
        return outcome
    try:
        db.execute("ATTACH DATABASE ? AS snapshot", (f"file:{quote(os.fsencode(found))}?mode=ro",))
        db.execute("BEGIN IMMEDIATE")
        reached("restore:begin", db)
        try:
            columns = key_columns(db, module)
            if columns.columns != entry.columns or \
                    key_columns(db, module, "snapshot").columns != entry.columns:
                outcome.error = (
                    "not restored: the browser changed the store's layout since the backup "
                    f"(schema {entry.schema_version} had {len(entry.columns)} columns, now "
                    f"{len(columns.columns)}); putting old rows back could damage it")
                rollback(db)
                return outcome
            copied = [c for c in columns.columns if c not in module.RESTORE_SKIP]
            taken = f"SELECT 1 FROM main.{columns.table} WHERE {columns.where_natural()}"
            insert = (f"INSERT INTO main.{columns.table} ({', '.join(copied)}) "
                      f"SELECT {', '.join(copied)} FROM snapshot.{columns.table} "
                      f"WHERE {columns.where()} LIMIT 1")
            reached("restore:inserting", db)
            for key in keys:
                parameters = columns.parameters(key)
                if db.execute(taken, parameters[1:]).fetchone() is not None:
                    outcome.skipped += 1
                    continue
                outcome.restored += db.execute(insert, parameters).rowcount
            reached("restore:inserted", db)
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        reached("restore:committed", db)
        check = db.execute("PRAGMA quick_check").fetchone()
        if check != ("ok",):
            outcome.error = f"the store reports damage after restoring ({check[0]})"
    except sqlite3.Error as exc:
        outcome.error, outcome.restored = explain(exc, store, "restored"), 0
    finally:
        db.close()
    return outcome


def _restore_store(entry: backups.BackupStore, backup: backups.Backup,
                   stores: list[Store]) -> RestoreOutcome:
    store = live_store(entry, stores)
    if store is None:
        return RestoreOutcome(
            f"{entry.browser} — {entry.profile}", len(entry.keys),
            error=("not restored: this store is not among the browsers' stores found now "
                   f"({entry.path}); when the profile is back, retry"))
    state = running.check(store)
    if state.running:
        return RestoreOutcome(store.label, len(entry.keys),
                              error=f"not restored: {close_to_retry(store)}: {state.reason}")
    if store.format is StoreFormat.SAFARI:
        from cookiedesk.safety.safari_write import restore_to_safari

        return restore_to_safari(entry, store, backup.folder)
    return _restore_sqlite(entry, store, backup.folder)


def tidy(data_dir: Path) -> None:
    """Clear what killed deletions left unfinished (backup.tidy), unless another CookieDesk is
    writing right now (then it is left for later)."""
    try:
        with hold(data_dir):
            backups.tidy(data_dir)
    except (WriterBusy, OSError):
        pass


def restore(backup: backups.Backup, stores: Iterable[Store], data_dir: Path,
            should_stop: Callable[[], bool] | None = None) -> RestoreResult:
    """Put back what `backup` may have deleted, store by store, into the `stores` found now."""
    result = RestoreResult(backup.id)
    if not backup.needs_restore:
        when = f" on {backup.restored}" if backup.restored else ""
        result.refused.append(f"backup {backup.id} was already restored{when}")
        result.complete = True
        return result
    try:
        with hold(data_dir):
            _restore_locked(backup, list(stores), data_dir, result, should_stop)
    except WriterBusy as exc:
        result.refused, result.refusal = [str(exc)], Refusal.BUSY
    return result


def _restore_locked(backup: backups.Backup, stores: list[Store], data_dir: Path,
                    result: RestoreResult,
                    should_stop: Callable[[], bool] | None) -> None:
    backups.tidy(data_dir)
    entries = [e for e in backup.stores if e.needs_restore]
    for entry in entries:
        store = live_store(entry, stores)
        if store is not None and running.check(store).running:
            result.refused.append(f"{close_to_retry(store)}: {running.check(store).reason}")
    if result.refused:
        result.refusal = Refusal.BROWSER_RUNNING
        return
    reached("restore:start")
    for entry in entries:
        if should_stop is not None and should_stop():
            result.interrupted = True
            result.outcomes.append(RestoreOutcome(f"{entry.browser} — {entry.profile}",
                                                  len(entry.keys),
                                                  error="stopped before this store: not changed"))
            continue
        outcome = _restore_store(entry, backup, stores)
        entry.restored += outcome.restored
        entry.restore_skipped = outcome.skipped
        entry.restore_state = "failed" if outcome.error else "restored"
        entry.restore_error = outcome.error
        result.outcomes.append(outcome)
        _record(backup, result)
        reached("restore:recorded")
    if not any(e.needs_restore for e in backup.stores):
        backup.state = "restored"
        backup.restored = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
        result.complete = True
    reached("restore:final")
    _record(backup, result)


def _record(backup: backups.Backup, result: RestoreResult) -> None:
    """Record what was put back; if that fails (disk full), restoring again is harmless: what
    is back already is found there and left as it is."""
    try:
        backups.write_manifest(backup)
    except backups.BackupError as exc:
        note = f"{exc}; what was restored stays restored, and restoring again is safe"
        if note not in result.notes:
            result.notes.append(note)
