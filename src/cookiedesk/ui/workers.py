"""The one way the window runs slow work: a QRunnable in the global QThreadPool, its result or
its exception handed back to the GUI thread by a queued signal. Workers never touch widgets;
they receive and return plain data."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.relay = _Relay()
        self._work = work
        self.setAutoDelete(False)  # the caller keeps it alive until its signal arrives

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # every failure reaches the window as a sentence
            self._report(self.relay.failed, f"{exc.__class__.__name__}: {exc}")
            return
        self._report(self.relay.done, result)

    @staticmethod
    def _report(signal: Any, value: Any) -> None:
        # RuntimeError: the window closed while this ran, and there is no one left to tell
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


_running: set[Job] = set()


def wait_for_all(timeout_ms: int = 60_000) -> bool:
    """Before the program exits: let running work finish (a deletion is never cut short)."""
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms))


def start(work: Callable[[], Any], on_done: Callable[[Any], None],
          on_failed: Callable[[str], None]) -> Job:
    """Run `work` off the GUI thread; exactly one of the callbacks runs on the GUI thread."""
    job = Job(work)
    _running.add(job)

    def finished(result: Any) -> None:
        _running.discard(job)
        on_done(result)

    def failed(message: str) -> None:
        _running.discard(job)
        on_failed(message)

    job.relay.done.connect(finished)
    job.relay.failed.connect(failed)
    QThreadPool.globalInstance().start(job)
    return job
