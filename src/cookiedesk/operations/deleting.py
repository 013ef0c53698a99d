"""Delete chosen cookies safely, and say what happened in the one wording every front end uses.

`prepare` plans and checks (nothing changes); `delete` carries the plan out through the one safe
path (safety.delete), under the cross-process writer lock, stopping between stores when asked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cookiedesk.escape import printable_path
from cookiedesk.model import Cookie, Store
from cookiedesk.operations.counting import session_file_note
from cookiedesk.safety import delete as safe_delete
from cookiedesk.safety.delete import DeleteError
from cookiedesk.safety.outcomes import DeleteResult, Plan, Refusal
from cookiedesk.wording import plural

__all__ = ["DeleteError", "DeleteSummary", "Prepared", "delete", "prepare", "session_file_note"]


@dataclass
class Prepared:
    """A plan and whatever would refuse it now (checked again when it runs)."""

    plan: Plan
    refused: list[str] = field(default_factory=list)
    refusal: Refusal | None = None

    def lines(self) -> list[str]:
        """What will go, store by store, and what stays and why."""
        lines = [f"{p.store.label}: {plural(len(p.keys), 'cookie')} "
                 f"({printable_path(p.store.path)})" for p in self.plan.stores]
        if self.plan.kept:
            lines.append(f"Kept (on your keep-list, not deleted): "
                         f"{plural(self.plan.kept, 'cookie')}")
        if self.plan.session_only:
            lines.append(session_file_note(self.plan.session_only))
        lines += [f"Cannot delete now: {r}" for r in self.refused]
        return lines


def prepare(cookies: Iterable[Cookie], stores: Iterable[Store], data_dir: Path) -> Prepared:
    plan = safe_delete.plan(cookies, stores)
    if not plan.stores:
        return Prepared(plan)
    refused, refusal = safe_delete.preflight((p.store for p in plan.stores), data_dir)
    return Prepared(plan, refused, refusal)


@dataclass
class DeleteSummary:
    result: DeleteResult
    interrupted: bool = False  # Ctrl-C, SIGTERM or Cancel: the stores after the one in hand wait
    # what the plan left alone, said after the total: every front end ends the same way
    kept: int = 0
    session_only: int = 0

    @property
    def changed(self) -> bool:
        return self.result.backup_id is not None

    def lines(self) -> list[str]:
        result = self.result
        if result.refused:
            return [f"Refused, nothing changed: {r}" for r in result.refused]
        lines = [f"{o.store.label}: deleted {o.deleted}, already gone {o.already_gone}, "
                 f"failed {o.failed}" + (f" — {o.error}" if o.error else "")
                 for o in result.outcomes]
        lines.append(f"Deleted {plural(result.deleted, 'cookie')} in total.")
        if self.kept:
            lines.append(f"{plural(self.kept, 'cookie')} on your keep-list "
                         f"{'was' if self.kept == 1 else 'were'} not touched.")
        if self.session_only:
            lines.append(session_file_note(self.session_only))
        lines += [f"Note: {n}" for n in result.notes]
        if result.backup_id:
            lines.append(f"Backup {result.backup_id}; undo with: cookiedesk restore "
                         f"{result.backup_id}")
            lines.append(f"Confirmation code: {result.code}")
        if self.interrupted:
            lines.append("Interrupted: the store in hand was finished; the stores after it "
                         "were left as they are.")
        return lines


def delete(prepared: Prepared, data_dir: Path, config_dir: Path | None,
           should_stop: Callable[[], bool] | None = None) -> DeleteSummary:
    result = safe_delete.execute(prepared.plan, data_dir, config_dir, should_stop=should_stop)
    return DeleteSummary(result, interrupted=result.interrupted, kept=prepared.plan.kept,
                         session_only=prepared.plan.session_only)
