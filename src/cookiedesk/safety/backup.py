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
    restore_skipped: int = 0  # cookies the browser had set again since: left as they are

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
    state: str  # "pending" while deleting, then "done"; "restored" after an undo
    stores: list[BackupStore] = field(default_factory=list)
    app_version: str = __version__
    restored: str | None = None
    code: str | None = None  # the confirmation code the guided cleanup shows (later issue)

    @property
    def deleted(self) -> int:
        return sum(s.deleted for s in self.stores)

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
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        stores = [BackupStore(**entry) for entry in data["stores"]]
        return Backup(str(data["id"]), folder, str(data["created"]), str(data["state"]),
                      stores, str(data.get("app_version", "")), data.get("restored"),
                      data.get("code"))
    except FileNotFoundError:
        raise BackupError(f"backup {folder.name} has no manifest (it was never finished)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"backup {folder.name}'s manifest is damaged "
                          f"({exc.__class__.__name__})") from None


def list_backups(data_dir: Path) -> tuple[list[Backup], list[str]]:
    """Backups, newest first, and a sentence for each folder that cannot be read."""
    root = backups_root(data_dir)
    found: list[Backup] = []
    problems: list[str] = []
    for folder in sorted(root.iterdir(), reverse=True) if root.is_dir() else []:
        if not folder.is_dir():
            continue
        try:
            found.append(load(folder))
        except BackupError as exc:
            problems.append(str(exc))
    return found, problems


def find(data_dir: Path, backup_id: str | None) -> Backup:
    backups, _ = list_backups(data_dir)
    usable = [b for b in backups if b.state in ("done", "pending") and b.deleted]
    if backup_id is None:
        if not usable:
            raise BackupError("there is no deletion to undo")
        return usable[0]
    for backup in backups:
        if backup.id == backup_id:
            return backup
    raise BackupError(f"there is no backup called {backup_id} (cookiedesk backups lists them)")


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
