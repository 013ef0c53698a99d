"""Undo a deletion: find the backup, put back what it can, and say so in one wording."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from cookiedesk.model import Store
from cookiedesk.safety import backup as backups
from cookiedesk.safety.outcomes import RestoreResult
from cookiedesk.safety.restore import restore as safe_restore
from cookiedesk.safety.restore import tidy
from cookiedesk.wording import plural


class NothingToRestore(Exception):
    """No backup fits (none, none left to undo, damaged, or already restored): why, in words."""


def choose(data_dir: Path, backup_id: str | None) -> backups.Backup:
    """The backup `backup_id`, or the newest with anything left to put back."""
    tidy(data_dir)  # what killed deletions left unfinished goes first
    try:
        chosen = backups.find(data_dir, backup_id)
    except backups.BackupError as exc:
        raise NothingToRestore(str(exc)) from None
    if not chosen.needs_restore:
        when = f" on {chosen.restored}" if chosen.restored else ""
        raise NothingToRestore(f"backup {chosen.id} was already restored{when}")
    return chosen


def question(backup: backups.Backup) -> str:
    what = (f"what the interrupted deletion of {backup.created} removed" if backup.interrupted
            else f"the cookies deleted on {backup.created}")
    return f"Put back {what} (backup {backup.id})?"


@dataclass
class RestoreSummary:
    result: RestoreResult
    interrupted: bool = False

    def lines(self) -> list[str]:
        result = self.result
        if result.refused:
            return [f"Refused, nothing changed: {r}" for r in result.refused]
        lines = [f"{o.label}: restored {o.restored}, already there {o.skipped}"
                 + (f" — {o.error}" if o.error else "") for o in result.outcomes]
        lines.append(f"Restored {plural(result.restored, 'cookie')} from backup {result.backup_id}"
                     + ("." if result.complete else "; some stores are not back yet: run "
                        "`cookiedesk restore` again once the problem above is solved."))
        lines += [f"Note: {n}" for n in result.notes]
        if self.interrupted:
            lines.append("Interrupted: the store in hand was finished; run `cookiedesk restore` "
                         "again for the rest.")
        return lines


def restore(backup: backups.Backup, stores: Iterable[Store], data_dir: Path,
            config_dir: Path | None,
            should_stop: Callable[[], bool] | None = None) -> RestoreSummary:
    result = safe_restore(backup, stores, data_dir, should_stop=should_stop)
    if config_dir is not None and not result.refused:
        backups.prune(data_dir, backups.retention_days(config_dir))
    return RestoreSummary(result, interrupted=result.interrupted)
