"""The one safe deletion path: plan → check → back up → delete → verify → record.

Every deletion, from the command line, the window or the guided cleanup, goes through
`execute`. Under the cross-process writer lock, per store (design section 4):
- refuse while the browser (or any other program) holds it, naming the holder;
- one connection, `secure_delete` on (deleted values do not linger in free pages) and one
  `BEGIN IMMEDIATE` transaction, so no one else writes meanwhile;
- re-read the planned rows by row id AND the browser's unique-index columns: a row that is gone,
  or whose row id now holds another cookie, is "already gone" and is not touched;
- snapshot the store into the backup folder (inside the transaction, so it is exactly the state
  being changed), fsync it, then write the store's intent (the keys about to go, the snapshot's
  name) into the manifest, fsynced, BEFORE anything is deleted;
- delete the matching rows, check the count, commit; record the outcome; verify; quick_check.
Never the -wal/-shm files, the journal mode, the `meta` table or VACUUM.

So a crash, kill -9 or full disk at any moment leaves each store as it was before or after its
transaction, and every store that may have changed is named, with its snapshot, by a manifest
already on disk: `restore` works from that and the live store, never from counters.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path

from cookiedesk.fates import Fate, fate, session_store_ids
from cookiedesk.model import Cookie, CookieKey, Store, StoreFormat, StoreKind
from cookiedesk.safety import backup as backups
from cookiedesk.safety import running
from cookiedesk.safety.checkpoints import reached
from cookiedesk.safety.outcomes import (
    DeleteResult,
    Plan,
    Refusal,
    StoreOutcome,
    StorePlan,
)
from cookiedesk.safety.sqlite_ops import (
    close_to_retry,
    explain,
    format_module,
    is_lock_error,
    key_columns,
    locked_sentence,
    open_for_writing,
    rollback,
    snapshot,
)
from cookiedesk.safety.writer_lock import WriterBusy, hold
from cookiedesk.wording import plural

__all__ = ["DeleteError", "DeleteResult", "Plan", "StoreOutcome", "StorePlan", "close_to_retry",
           "execute", "plan", "preflight", "refusals"]


class DeleteError(Exception):
    """The deletion as a whole cannot start; the message says why, for people."""


def plan(cookies: Iterable[Cookie], stores: Iterable[Store]) -> Plan:
    """Group the chosen cookies by store; keep-listed ones are left out and counted."""
    stores = list(stores)
    by_id = {s.id: StorePlan(s, []) for s in stores if s.kind is not StoreKind.SESSION}
    session_ids = session_store_ids(stores)
    kept = session_only = 0
    for cookie in cookies:
        which = fate(cookie, session_ids)  # the one rule the window's counts use too
        if which is Fate.KEPT:
            kept += 1
            continue
        if which is Fate.SESSION_ONLY:
            session_only += 1
            continue
        if cookie.store_id not in by_id:
            raise DeleteError(f"cookie {cookie.name} of {cookie.host} belongs to no known store")
        by_id[cookie.store_id].keys.append(cookie.key)
    # stores in the order people read them everywhere (the preview, the guide's steps 3 and 5,
    # the command line's summary): by label, A to Z
    chosen = sorted((p for p in by_id.values() if p.keys),
                    key=lambda p: p.store.label.casefold())
    return Plan(chosen, kept, session_only)


def _write_lock_problem(store: Store) -> str | None:
    """Could we take the store's write lock now? (A program that is not a browser, such as a
    sqlite3 shell or a backup tool, may hold it.) Taken and given back at once."""
    if store.format is StoreFormat.SAFARI:
        return None
    try:
        db = open_for_writing(store.path)
    except (sqlite3.Error, OSError) as exc:
        return explain(exc, store)
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute("ROLLBACK")
    except sqlite3.Error as exc:
        return locked_sentence(store) if is_lock_error(exc) else explain(exc, store)
    finally:
        db.close()
    return None


def refusals(stores: Iterable[Store], probe_locks: bool = False) -> list[str]:
    """One sentence per store whose browser holds it now (and, with `probe_locks`, per store
    another program holds); empty when all may be written."""
    found = []
    for store in stores:
        state = running.check(store)
        if state.running:
            found.append(f"{close_to_retry(store)}: {state.reason}")
        elif probe_locks:
            problem = _write_lock_problem(store)
            if problem is not None:
                found.append(f"{store.label}: {problem}")
    return found


def preflight(stores: Iterable[Store], data_dir: Path | None) -> tuple[list[str], Refusal | None]:
    """Everything that would refuse the deletion as a whole, checked before asking the user:
    another CookieDesk writing (unless `data_dir` is None: the caller holds the writer lock),
    a browser running, a store held by another program."""
    from cookiedesk.safety.writer_lock import busy

    stores = list(stores)
    other_writer = busy(data_dir) if data_dir is not None else None
    if other_writer:
        return [other_writer], Refusal.BUSY
    refused = refusals(stores)
    if refused:
        return refused, Refusal.BROWSER_RUNNING
    refused = refusals(stores, probe_locks=True)
    return refused, Refusal.STORE_LOCKED if refused else None


def _record(backup: backups.Backup, result: DeleteResult) -> None:
    """Write the manifest; if that fails (disk full), the intent already on disk still lets
    `restore` undo everything, so say so instead of failing the deletion."""
    try:
        backups.write_manifest(backup)
    except backups.BackupError as exc:
        note = (f"{exc}; the deletion can still be undone (cookiedesk restore {backup.id})")
        if note not in result.notes:
            result.notes.append(note)


def _delete_from_sqlite(store: Store, keys: list[CookieKey], backup: backups.Backup,
                        entry: backups.BackupStore, result: DeleteResult) -> StoreOutcome:
    outcome = StoreOutcome(store, len(keys))
    module = format_module(store.format)
    try:
        db = open_for_writing(store.path)
    except (sqlite3.Error, OSError) as exc:
        outcome.error, outcome.failed = explain(exc, store), len(keys)
        entry.state = "unchanged"
        return outcome
    committing = False
    try:
        db.execute("BEGIN IMMEDIATE")
        reached("store:begin", db)
        try:
            columns = key_columns(db, module)
            entry.columns = columns.columns
            match = f"SELECT 1 FROM {columns.table} WHERE {columns.where()}"
            present = [k for k in keys
                       if db.execute(match, columns.parameters(k)).fetchone() is not None]
            outcome.already_gone = len(keys) - len(present)
            if not present:  # all gone already: nothing to back up, nothing to change
                rollback(db)
                entry.state = "unchanged"
                return outcome
            snapshot(store.path, backup.folder / entry.file)
            reached("store:snapshot", db)
            entry.keys = [{"rowid": k.rowid, "natural": list(k.natural)} for k in present]
            entry.state = "planned"
            backups.write_manifest(backup)  # the intent is on disk before anything goes
            reached("store:intent", db)
            reached("store:deleting", db)
            cursor = db.executemany(f"DELETE FROM {columns.table} WHERE {columns.where()}",
                                    [columns.parameters(k) for k in present])
            if cursor.rowcount != len(present):
                raise sqlite3.DatabaseError(
                    f"{cursor.rowcount} rows matched where {len(present)} were planned")
            reached("store:deleted", db)
            committing = True
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        entry.state = "committed"
        reached("store:committed", db)
        remaining = sum(1 for k in present
                        if db.execute(match, columns.parameters(k)).fetchone() is not None)
        outcome.deleted, outcome.failed = len(present) - remaining, remaining
        check = db.execute("PRAGMA quick_check").fetchone()
        if check != ("ok",):
            outcome.error = (f"the store reports damage after deleting ({check[0]}); "
                             f"undo with: cookiedesk restore {backup.id}")
        elif remaining:
            outcome.error = (f"{plural(remaining, 'cookie')} "
                             f"{'was' if remaining == 1 else 'were'} still there after deleting")
    except (sqlite3.Error, OSError, backups.BackupError) as exc:
        outcome.error, outcome.failed = explain(exc, store), len(keys) - outcome.already_gone
        if not committing:
            # Rolled back before COMMIT: the store is as it was, so the snapshot is not needed.
            # After a failed COMMIT the intent stays "planned": restore then checks the store.
            entry.state = "unchanged"
            (backup.folder / entry.file).unlink(missing_ok=True)
    finally:
        db.close()
    return outcome


def _entry(store: Store, keys: list[CookieKey]) -> backups.BackupStore:
    return backups.BackupStore(
        store.id, store.browser, store.profile, str(store.path), store.format.value,
        store.schema_version, f"{store.id}.{store.format.value}", [],
        [{"rowid": k.rowid, "natural": list(k.natural)} for k in keys],
        root=str(store.root), profile_dir=str(store.profile_dir), variant=store.variant,
        state="unchanged")


def _delete_store(store_plan: StorePlan, backup: backups.Backup,
                  result: DeleteResult) -> StoreOutcome:
    store, keys = store_plan.store, store_plan.keys
    entry = _entry(store, keys)
    backup.stores.append(entry)
    state = running.check(store)  # again: the browser may have started meanwhile
    if state.running:
        outcome = StoreOutcome(store, len(keys), failed=len(keys),
                               error=f"{close_to_retry(store)}: {state.reason}")
    elif store.format is StoreFormat.SAFARI:
        from cookiedesk.safety.safari_write import delete_from_safari

        outcome = delete_from_safari(store, keys, backup, entry)
    else:
        outcome = _delete_from_sqlite(store, keys, backup, entry, result)
    entry.deleted, entry.already_gone = outcome.deleted, outcome.already_gone
    entry.failed, entry.error = outcome.failed, outcome.error
    _record(backup, result)
    reached("store:recorded")
    return outcome


def execute(deletion: Plan, data_dir: Path, config_dir: Path | None = None,
            should_stop: Callable[[], bool] | None = None) -> DeleteResult:
    """Carry out a plan safely; see the module's description for every step.

    `should_stop` is asked between stores (never inside one, whose transaction is the unit of
    safety): when it says yes, the stores not yet begun are left as they are and reported."""
    if not deletion.stores:
        return DeleteResult(None)
    try:
        with hold(data_dir):
            return _execute_locked(deletion, data_dir, config_dir, should_stop)
    except WriterBusy as exc:
        return DeleteResult(None, refused=[str(exc)], refusal=Refusal.BUSY)
    except OSError as exc:
        raise DeleteError(f"the data folder {data_dir} cannot be used "
                          f"({exc.strerror or exc}); nothing was deleted") from None


def _execute_locked(deletion: Plan, data_dir: Path, config_dir: Path | None,
                    should_stop: Callable[[], bool] | None) -> DeleteResult:
    backups.tidy(data_dir)
    refused, refusal = preflight((p.store for p in deletion.stores), None)
    if refused:
        return DeleteResult(None, refused=refused, refusal=refusal)
    try:
        backup = backups.new_backup(data_dir)
    except OSError as exc:
        raise DeleteError(f"the backup folder cannot be created in {data_dir} "
                          f"({exc.strerror or exc}); nothing was deleted") from None
    result = DeleteResult(backup.id, code=backup.code)
    reached("delete:start")
    for store_plan in deletion.stores:
        if should_stop is not None and should_stop():
            result.interrupted = True
            result.outcomes.append(StoreOutcome(store_plan.store, len(store_plan.keys),
                                                error="stopped before this store: not changed"))
            continue
        result.outcomes.append(_delete_store(store_plan, backup, result))
    backup.state = "done"
    reached("delete:final")
    if not any(e.may_have_changed for e in backup.stores):
        import shutil

        shutil.rmtree(backup.folder, ignore_errors=True)  # nothing changed: nothing to undo
        result.backup_id = result.code = None
    else:
        _record(backup, result)
    reached("delete:done")
    if config_dir is not None:
        backups.prune(data_dir, backups.retention_days(config_dir))
    return result
