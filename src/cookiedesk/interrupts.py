"""Ctrl-C and SIGTERM while CookieDesk writes: finish (or roll back) the store in hand, then
stop before the next one and say what happened.

A Python signal handler that raises (the default KeyboardInterrupt) can fire between any two
bytecodes, e.g. after a store's COMMIT but before its outcome is recorded or printed. While a
`Deferred` block runs, SIGINT and SIGTERM only set a flag instead; the deletion and restore
paths ask it between stores (`should_stop`), and the command line then prints every store's
outcome, the backup id and the confirmation code, and exits with EXIT_INTERRUPTED.
"""

from __future__ import annotations

import contextlib
import signal
from types import FrameType, TracebackType

from cookiedesk.records import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

EXIT_INTERRUPTED = 130  # 128 + SIGINT, what shells report for a Ctrl-C'd command

_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Deferred:
    """Within the block, SIGINT/SIGTERM set `requested` instead of interrupting."""

    def __init__(self) -> None:
        import threading  # here, not at the top: every command imports this module

        self._event = threading.Event()
        self._previous: dict[int, Any] = {}

    def requested(self) -> bool:
        return self._event.is_set()

    def _note(self, signum: int, frame: FrameType | None) -> None:
        self._event.set()

    def __enter__(self) -> Deferred:
        import threading

        if threading.current_thread() is threading.main_thread():
            for signum in _SIGNALS:
                self._previous[signum] = signal.signal(signum, self._note)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def terminate_like_ctrl_c() -> None:
    """SIGTERM ends a command the way Ctrl-C does (quietly, cleaning up its demo folder)."""
    # ValueError off the main thread (an embedding program's): its SIGTERM is left alone
    with contextlib.suppress(ValueError):
        signal.signal(signal.SIGTERM, _raise_interrupt)
