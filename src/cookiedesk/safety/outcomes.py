"""What a deletion or a restore was asked to do and what it did: plain records, no logic
beyond totals, so that every writer (SQLite, Safari) and every front end share them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from cookiedesk.model import CookieKey, Store


class Refusal(StrEnum):
    """Why nothing was changed anywhere: front ends pick exit codes and wording by this."""

    BROWSER_RUNNING = "browser running"  # a browser holds a store: close it and retry
    STORE_LOCKED = "store locked"  # another program holds a store's write lock
    BUSY = "busy"  # another CookieDesk is deleting or restoring right now


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
    refusal: Refusal | None = None
    interrupted: bool = False  # stopped before some stores (Ctrl-C, Cancel, SIGTERM)
    notes: list[str] = field(default_factory=list)  # e.g. the manifest's last update failed

    @property
    def deleted(self) -> int:
        return sum(o.deleted for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return not self.refused and all(o.error is None for o in self.outcomes)


@dataclass
class RestoreOutcome:
    label: str
    planned: int
    restored: int = 0
    skipped: int = 0  # there already (restored before, or set again since): left untouched
    error: str | None = None


@dataclass
class RestoreResult:
    backup_id: str
    outcomes: list[RestoreOutcome] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # nothing was changed anywhere
    refusal: Refusal | None = None
    interrupted: bool = False
    notes: list[str] = field(default_factory=list)
    complete: bool = False  # every store of the backup is back: the backup is "restored"

    @property
    def restored(self) -> int:
        return sum(o.restored for o in self.outcomes)

    @property
    def ok(self) -> bool:
        return not self.refused and all(o.error is None for o in self.outcomes)
