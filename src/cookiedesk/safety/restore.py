"""Undo a deletion: put the deleted rows back from the backup, through the same checks.

Per store: refuse while the browser holds it; refuse when the store's columns no longer match
the snapshot's (the browser upgraded its schema meanwhile, and old rows could damage it); in one
`BEGIN IMMEDIATE` transaction, copy back each deleted row whose natural key is free, leaving a
cookie the browser has set again since exactly as it is; verify; quick_check.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from cookiedesk.model import CookieKey, StoreFormat
from cookiedesk.safety import backup as backups
from cookiedesk.safety import running
from cookiedesk.safety.delete import (
    close_to_retry,
    explain,
    format_module,
    key_columns,
    open_for_writing,
    rollback,
)


@dataclass
class RestoreOutcome:
    label: str
    planned: int
    restored: int = 0
    skipped: int = 0  # set again since the deletion: left untouched
    error: str | None = None


@dataclass
class RestoreResult:
    backup_id: str
    outcomes: list[RestoreOutcome] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # nothing was changed anywhere

    @property
    def restored(self) -> int:
        return sum(o.restored for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return not self.refused and all(o.error is None for o in self.outcomes)


def _deleted_keys(entry: backups.BackupStore) -> list[CookieKey]:
    return [CookieKey(entry.store_id, int(k["rowid"]), tuple(k["natural"])) for k in entry.keys]


def _check_snapshot(path: Path) -> str | None:
    if not path.is_file():
        return "its snapshot file is missing from the backup"
    try:
        snapshot = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            result = snapshot.execute("PRAGMA integrity_check").fetchone()
        finally:
            snapshot.close()
    except sqlite3.Error as exc:
        return f"its snapshot is damaged ({exc})"
    return None if result == ("ok",) else f"its snapshot is damaged ({result[0]})"


def _restore_sqlite(entry: backups.BackupStore, folder: Path) -> RestoreOutcome:
    store = entry.as_store()
    keys = _deleted_keys(entry)
    outcome = RestoreOutcome(f"{store.label}", len(keys))
    snapshot = folder / entry.file
    problem = _check_snapshot(snapshot)
    if problem:
        outcome.error = f"not restored: {problem}"
        return outcome
    module = format_module(store.format)
    try:
        db = open_for_writing(store.path)
    except sqlite3.Error as exc:
        outcome.error = explain(exc, store)
        return outcome
    try:
        db.execute("ATTACH DATABASE ? AS snapshot", (f"file:{quote(str(snapshot))}?mode=ro",))
        db.execute("BEGIN IMMEDIATE")
        try:
            columns = key_columns(db, module)
            if columns.columns != entry.columns:
                outcome.error = (
                    "not restored: the browser changed the store's layout since the backup "
                    f"(schema {entry.schema_version} had {len(entry.columns)} columns, now "
                    f"{len(columns.columns)}); putting old rows back could damage it")
                rollback(db)
                return outcome
            copied = [c for c in columns.columns if c not in module.RESTORE_SKIP]
            natural_only = " AND ".join(columns.where().split(" AND ")[1:]) or "1"
            taken = f"SELECT 1 FROM main.{columns.table} WHERE {natural_only}"
            insert = (f"INSERT INTO main.{columns.table} ({', '.join(copied)}) "
                      f"SELECT {', '.join(copied)} FROM snapshot.{columns.table} "
                      f"WHERE {columns.where()}")
            for key in keys:
                parameters = columns.parameters(key)
                if db.execute(taken, parameters[1:]).fetchone() is not None:
                    outcome.skipped += 1
                    continue
                outcome.restored += db.execute(insert, parameters).rowcount
            db.execute("COMMIT")
        except BaseException:
            rollback(db)
            raise
        check = db.execute("PRAGMA quick_check").fetchone()
        if check != ("ok",):
            outcome.error = f"the store reports damage after restoring ({check[0]})"
    except sqlite3.Error as exc:
        outcome.error, outcome.restored = explain(exc, store).replace(
            "nothing was deleted", "nothing was restored"), 0
    finally:
        db.close()
    return outcome


def restore(backup: backups.Backup) -> RestoreResult:
    """Put back what `backup` recorded as deleted, store by store."""
    result = RestoreResult(backup.id)
    if backup.state == "restored":
        result.refused.append(f"backup {backup.id} was already restored on {backup.restored}")
        return result
    entries = [e for e in backup.stores if e.deleted]
    for entry in entries:
        state = running.check(entry.as_store())
        if state.running:
            result.refused.append(f"{close_to_retry(entry.as_store())}: {state.reason}")
    if result.refused:
        return result
    for entry in entries:
        if entry.format == StoreFormat.SAFARI.value:
            from cookiedesk.safety.safari_write import restore_to_safari

            outcome = restore_to_safari(entry, backup.folder)
        else:
            outcome = _restore_sqlite(entry, backup.folder)
        entry.restored, entry.restore_skipped = outcome.restored, outcome.skipped
        result.outcomes.append(outcome)
    if result.restored or all(o.error is None for o in result.outcomes):
        backup.state = "restored"
        backup.restored = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    backups.write_manifest(backup)
    return result
