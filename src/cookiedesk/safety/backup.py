"""Backups of every store before CookieDesk writes to it, their manifests, listing, pruning.

One folder per deletion in the data folder (`backups/<id>/`, mode 0700), holding a consistent
SQLite snapshot of each touched store (mode 0600; the backup API includes what sits in the
-wal) and `manifest.json`: time, app version, stores, the keys deleted, the table's columns —
never a cookie value. Backups older than the retention (30 days by default, `backup_days` in
settings.toml) are pruned each time CookieDesk deletes or restores.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import stat
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cookiedesk import __version__
from cookiedesk.atomic import write_atomically
from cookiedesk.model import Store, StoreFormat

MANIFEST = "manifest.json"
DEFAULT_RETENTION_DAYS = 30
_FOLDER_MODE = 0o700
_FILE_MODE = 0o600
_MANIFEST_LIMIT = 512 * 1024 * 1024  # far above the largest a deletion writes (keys only)


class BackupError(Exception):
    """A backup cannot be made, read or used; the message says why, for people."""


@dataclass
class BackupStore:
    """One store in a backup: where it lives, what was planned and what happened."""

    store_id: str
    browser: str
    profile: str
    path: str  # the live store's file
    format: str
    schema_version: int | None
    file: str  # the snapshot's name inside the backup folder
    columns: list[str]  # the table's columns when the snapshot was taken
    keys: list[dict[str, Any]]  # {"rowid": …, "natural": […]} of the cookies to delete
    deleted: int = 0
    already_gone: int = 0
    failed: int = 0
    error: str | None = None
    root: str = ""  # where the browser's lock files live, for the running check on restore
    profile_dir: str = ""
    variant: str = ""
    restored: int = 0
    restore_skipped: int = 0  # cookies already there (restored before, or set again since)
    state: str = "planned"  # planned (intent on disk) → committed, or unchanged (rolled back)
    restore_state: str = ""  # "" not yet, "restored", or "failed" (restore_error says why)
    restore_error: str | None = None

    @property
    def may_have_changed(self) -> bool:
        """Could this store hold fewer cookies than its snapshot? Decided by what was written
        before the COMMIT (the intent), never by counters written after it."""
        return self.state != "unchanged"

    @property
    def needs_restore(self) -> bool:
        return self.may_have_changed and self.restore_state != "restored"

    def as_store(self) -> Store:
        return Store(id=self.store_id, browser=self.browser, profile=self.profile,
                     path=Path(self.path), format=StoreFormat(self.format),
                     profile_dir=Path(self.profile_dir or Path(self.path).parent),
                     root=Path(self.root or Path(self.path).parent), variant=self.variant,
                     schema_version=self.schema_version)


@dataclass
class Backup:
    id: str
    folder: Path
    created: str  # ISO 8601 UTC
    state: str  # "pending" while deleting, then "done"; "restored" once every store is back
    stores: list[BackupStore] = field(default_factory=list)
    app_version: str = __version__
    restored: str | None = None
    code: str | None = None  # the confirmation code the guided cleanup shows (later issue)

    @property
    def deleted(self) -> int:
        return sum(s.deleted for s in self.stores)

    @property
    def needs_restore(self) -> bool:
        """Something may be missing that this backup can put back (an interrupted deletion
        counts: its stores say "planned" until their outcome is recorded)."""
        return self.state != "restored" and any(s.needs_restore for s in self.stores)

    @property
    def interrupted(self) -> bool:
        return self.state == "pending"

    @property
    def shown_state(self) -> str:
        """The state as people read it: done, interrupted, partly restored or restored."""
        if self.needs_restore and any(s.restore_state for s in self.stores):
            return "partly restored"
        return "interrupted" if self.interrupted else self.state

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "created": self.created, "state": self.state,
            "app_version": self.app_version, "restored": self.restored, "code": self.code,
            "stores": [vars(s) for s in self.stores],
        }


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def backups_root(data_dir: Path) -> Path:
    return data_dir / "backups"


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=_FOLDER_MODE)
    folder.chmod(_FOLDER_MODE)


# A code a user reads out over the phone: no 0/O, 1/I/L, 2/Z, 5/S or 8/B to mix up.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def confirmation_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_backup(data_dir: Path) -> Backup:
    root = backups_root(data_dir)
    _private_folder(data_dir)
    _private_folder(root)
    backup_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)
    folder = root / backup_id
    folder.mkdir(mode=_FOLDER_MODE)
    folder.chmod(_FOLDER_MODE)
    return Backup(backup_id, folder, _now(), "pending", code=confirmation_code())


def write_manifest(backup: Backup) -> None:
    """Atomically (write, fsync, rename): a crash leaves the old manifest or the new one."""
    try:
        write_atomically(backup.folder / MANIFEST,
                         json.dumps(backup.to_json(), indent=1).encode("utf-8"), _FILE_MODE)
    except OSError as exc:
        raise BackupError(
            f"the backup's manifest cannot be written ({exc.strerror or exc})") from None


def private_file(path: Path) -> None:
    """Create the snapshot file empty and private before SQLite writes into it."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE)
    os.close(fd)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def load(folder: Path) -> Backup:
    """Read a backup's manifest as the untrusted input it is (see manifest_check)."""
    from cookiedesk.safety.manifest_check import ManifestProblem, check_backup, check_store

    path = folder / MANIFEST
    try:
        if not path.is_file() or path.is_symlink():
            raise FileNotFoundError
        if path.stat().st_size > _MANIFEST_LIMIT:
            raise ManifestProblem("the manifest is larger than any CookieDesk writes")
        data = check_backup(folder.name, json.loads(path.read_text(encoding="utf-8")))
        stores = [BackupStore(**check_store(n, entry))
                  for n, entry in enumerate(data["stores"], start=1)]
        state = str(data["state"])
        if any(s.restore_state == "restored" for s in stores) and not any(
                s.needs_restore for s in stores):
            state = "restored"  # a restore that was stopped just before saying so itself
        return Backup(str(data["id"]), folder, str(data["created"]), state,
                      stores, str(data.get("app_version") or ""), data.get("restored"),
                      data.get("code"))
    except FileNotFoundError:
        raise BackupError(f"backup {folder.name} has no manifest (it was never finished)") from None
    except ManifestProblem as exc:
        raise BackupError(f"backup {folder.name} is damaged: {exc}") from None
    except (OSError, ValueError, RecursionError, TypeError) as exc:
        raise BackupError(f"backup {folder.name} is damaged: its manifest cannot be read "
                          f"({exc.__class__.__name__})") from None


def list_backups(data_dir: Path) -> tuple[list[Backup], list[str]]:
    """Backups, newest first, and a sentence for each folder that cannot be read."""
    root = backups_root(data_dir)
    found: list[Backup] = []
    problems: list[str] = []
    for folder in sorted(root.iterdir(), reverse=True) if root.is_dir() else []:
        if folder.is_symlink() or not folder.is_dir():
            continue  # a backup is a real folder CookieDesk made, never a link elsewhere
        try:
            found.append(load(folder))
        except BackupError as exc:
            problems.append(str(exc))
    return found, problems


def find(data_dir: Path, backup_id: str | None) -> Backup:
    """The backup `backup_id`, or with None the newest one that still has something to put
    back (an interrupted or partly restored deletion included)."""
    backups, problems = list_backups(data_dir)
    if backup_id is None:
        usable = [b for b in backups if b.needs_restore]
        if not usable:
            damaged = (f" ({len(problems)} damaged: cookiedesk backups lists them)"
                       if problems else "")
            raise BackupError(f"there is no deletion to undo{damaged}")
        return usable[0]
    for backup in backups:
        if backup.id == backup_id:
            return backup
    for problem in problems:
        if problem.startswith(f"backup {backup_id} "):
            raise BackupError(problem)
    raise BackupError(f"there is no backup called {backup_id} (cookiedesk backups lists them)")


def snapshot_file(entry: BackupStore, folder: Path) -> Path | str:
    """The snapshot file, or why it cannot be used: it must be a regular file directly inside
    the backup's folder (no link out of it)."""
    path = folder / entry.file
    try:
        info = os.lstat(path)
    except OSError:
        return "its snapshot file is missing from the backup"
    if not stat.S_ISREG(info.st_mode) or path.resolve().parent != folder.resolve():
        return "its snapshot is not a plain file inside the backup's folder"
    return path


def tidy(data_dir: Path) -> list[str]:
    """Remove what a deletion killed before its intent was written left behind: a backup folder
    with no manifest, or a snapshot file the manifest does not name. Neither can be needed (the
    store was not changed yet), and both may hold cookie values. Call it holding the writer
    lock, so no deletion is in the middle of writing them. Returns what was removed."""
    root = backups_root(data_dir)
    removed = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder.is_symlink() or not folder.is_dir() or not _is_backup_name(folder.name):
            continue
        if not (folder / MANIFEST).exists():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
            continue
        try:
            named = {s.file for s in load(folder).stores}
        except BackupError:
            continue  # damaged: left for the user to see in `cookiedesk backups`
        for item in folder.iterdir():
            if item.name != MANIFEST and item.name not in named and item.is_file() \
                    and not item.name.startswith("."):
                item.unlink(missing_ok=True)
                removed.append(f"{folder.name}/{item.name}")
    return removed


def _is_backup_name(name: str) -> bool:
    try:
        datetime.strptime(name[:16], "%Y%m%dT%H%M%SZ")
    except ValueError:
        return False
    return True


def retention_days(config_dir: Path) -> int:
    path = config_dir / "settings.toml"
    if not path.is_file():
        return DEFAULT_RETENTION_DAYS
    try:
        import tomllib

        value = tomllib.loads(path.read_text(encoding="utf-8")).get("backup_days")
    except (OSError, ValueError):
        return DEFAULT_RETENTION_DAYS
    return value if isinstance(value, int) and value > 0 else DEFAULT_RETENTION_DAYS


def prune(data_dir: Path, days: int, now: float | None = None) -> list[str]:
    """Remove backups older than `days`; returns the ids removed."""
    root = backups_root(data_dir)
    cutoff = (now if now is not None else time.time()) - days * 86_400
    removed = []
    for folder in root.iterdir() if root.is_dir() else []:
        try:
            created = datetime.strptime(folder.name[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        except ValueError:
            continue  # not ours
        if created.timestamp() < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed
