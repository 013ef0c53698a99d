"""Named points in a deletion or a restore, where a test can stop the process exactly.

Killing a process at a random wall-clock moment tests nothing reliably: on a busy machine the
kill lands elsewhere. So every step that matters calls `reached(name)`, and the fault-injection
tests install a hook that kills (or interrupts) the process at the n-th time a point is reached.
Without a hook, `reached` is one global lookup and a comparison.

POINTS lists them in the order a deletion and a restore pass them (`store:*` once per store,
`restore:*` once per restored store but start and final).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

POINTS = (
    "scan:store",  # before each store is read
    "delete:start", "store:begin", "store:snapshot", "store:intent", "store:deleting",
    "store:deleted", "store:committed", "store:recorded", "delete:final", "delete:done",
    "restore:start", "restore:begin", "restore:inserting", "restore:inserted",
    "restore:committed", "restore:recorded", "restore:final",
)

Hook = Callable[[str, "sqlite3.Connection | None"], None]

_hook: Hook | None = None


def reached(point: str, db: sqlite3.Connection | None = None) -> None:
    """Say that `point` was reached (with the connection whose statement comes next, if any)."""
    if _hook is not None:
        _hook(point, db)


def install(hook: Hook | None) -> None:
    """For tests only: call `hook` at every point from now on (None removes it)."""
    global _hook
    _hook = hook
