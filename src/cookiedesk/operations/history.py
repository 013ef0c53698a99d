"""The deletion history: one row per backup, as the window's history and `cookiedesk backups`
show it, in one wording. Qt-free, and without a cookie value (a manifest holds none).

A damaged backup (a manifest that cannot be trusted, a snapshot file missing or not a plain
file in its folder) is a row too, saying why it cannot be restored: the user sees that the
deletion happened even when it can no longer be undone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cookiedesk.safety import backup as backups

# The states a row can be in, as people read them.
RESTORABLE = "can be restored"
PARTLY_RESTORED = "partly restored"
INTERRUPTED = "interrupted"  # a deletion killed midway: what it removed can be put back
RESTORED = "restored"
NOTHING = "nothing to restore"  # every store was left unchanged (rolled back, never begun)
DAMAGED = "damaged"


@dataclass(frozen=True)
class HistoryRow:
    id: str
    created: str  # ISO 8601 UTC ("" when the manifest cannot be read)
    code: str  # the confirmation code ("" for none, or unreadable)
    stores: tuple[str, ...]  # "Chromium — Me", each store cookies were deleted from
    deleted: int
    restored: int
    state: str  # one of the states above
    problem: str = ""  # why a damaged backup cannot be restored: "backup … is damaged: …"

    @property
    def restorable(self) -> bool:
        return self.state in (RESTORABLE, PARTLY_RESTORED, INTERRUPTED)

    @property
    def shown_state(self) -> str:
        """The state with what a user needs next ("partly restored — the rest can be
        restored")."""
        if self.state in (PARTLY_RESTORED, INTERRUPTED):
            return f"{self.state} — the rest can be restored"
        if self.state == DAMAGED:
            return f"{DAMAGED}, cannot be restored"
        return self.state


def _row(backup: backups.Backup) -> HistoryRow:
    stores = tuple(f"{s.browser} — {s.profile}" for s in backup.stores if s.deleted)
    restored = sum(s.restored for s in backup.stores)
    base = HistoryRow(backup.id, backup.created, backup.code or "", stores, backup.deleted,
                      restored, RESTORED if backup.state == "restored" else NOTHING)
    if not backup.needs_restore:
        return base
    for entry in backup.stores:
        if entry.needs_restore:
            found = backups.snapshot_file(entry, backup.folder)
            if isinstance(found, str):
                return _replace(base, DAMAGED, f"backup {backup.id} is damaged: "
                                f"{entry.browser} — {entry.profile}: {found}")
    shown = backup.shown_state
    state = (PARTLY_RESTORED if shown == "partly restored"
             else INTERRUPTED if shown == "interrupted" else RESTORABLE)
    return _replace(base, state)


def _replace(row: HistoryRow, state: str, problem: str = "") -> HistoryRow:
    return HistoryRow(row.id, row.created, row.code, row.stores, row.deleted, row.restored,
                      state, problem)


def _damaged(folder_name: str, sentence: str) -> HistoryRow:
    return HistoryRow(folder_name, "", "", (), 0, 0, DAMAGED, sentence)


def _made_at(folder: Path) -> int:
    """When the deletion wrote its first snapshot (ns): backup ids start with their second
    only, and two deletions within one second must still list newest first. Snapshots are
    written once and only read afterwards; the manifest is rewritten by a restore."""
    times = [item.lstat().st_mtime_ns for item in folder.iterdir()
             if item.name != backups.MANIFEST]
    return min(times) if times else folder.lstat().st_mtime_ns


def history(data_dir: Path) -> list[HistoryRow]:
    """Every backup in the data folder, newest first."""
    root = backups.backups_root(data_dir)
    found: list[tuple[str, int, HistoryRow]] = []
    for folder in root.iterdir() if root.is_dir() else []:
        if folder.is_symlink() or not folder.is_dir():
            continue  # as list_backups: a backup is a real folder CookieDesk made
        try:
            row = _row(backups.load(folder))
        except backups.BackupError as exc:
            row = _damaged(folder.name, str(exc))
        try:
            made = _made_at(folder)
        except OSError:
            made = 0
        found.append((folder.name[:16], made, row))
    found.sort(key=lambda entry: entry[:2], reverse=True)
    return [row for _, _, row in found]
