"""The one way the window runs work that touches disk or processes, after Anki's QueryOp and
CollectionOp: `run_read` for work that only looks (many at once, in the global QThreadPool) and
`run_write` for work that changes something (one at a time, in submission order, through a
single writer queue), so that the window and the guided cleanup never write at the same moment
inside one process. (Across processes the core's writer lock does the same: a second
CookieDesk's deletion comes back refused with Refusal.BUSY and its sentence.)

Work receives and returns plain data and never touches a widget. Its result, or its exception
as a sentence, comes back on the GUI thread by a queued signal; when the `context` object the
callbacks belong to is gone (the window closed while the work ran), nobody is told.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from shiboken6 import isValid

T = TypeVar("T")

__all__ = ["Task", "run_read", "run_write", "wait_for_all", "waiting_writes"]


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    """One piece of work. `relay.done`/`relay.failed` carry its outcome to the GUI thread."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.relay = _Relay()  # made on the GUI thread: its signals are delivered there
        self._work = work
        self.then: Callable[[], None] | None = None  # the writer queue's hand-over
        self.setAutoDelete(False)  # _running keeps it alive until its signal arrives

    def run(self) -> None:
        try:
            try:
                result = self._work()
            except Exception as exc:  # every failure reaches the window as a sentence
                self._report(self.relay.failed, f"{exc.__class__.__name__}: {exc}")
                return
            self._report(self.relay.done, result)
        finally:
            if self.then is not None:
                self.then()

    @staticmethod
    def _report(signal: Any, value: Any) -> None:
        # RuntimeError: the program is tearing the relay down, and there is no one to tell
        with contextlib.suppress(RuntimeError):
            signal.emit(value)


class _WriterQueue:
    """First in, first out; the next write is handed to the one writer thread only once the
    previous write's work has returned (in the worker, so that nothing waits for the GUI)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: deque[Task] = deque()
        self._busy = False
        self._pool: QThreadPool | None = None

    def pool(self) -> QThreadPool:
        if self._pool is None:
            self._pool = QThreadPool()
            self._pool.setMaxThreadCount(1)  # a second line of defence: one writer thread
        return self._pool

    def submit(self, task: Task) -> None:
        with self._lock:
            if self._busy:
                self._waiting.append(task)
                return
            self._busy = True
        self._start(task)

    def _start(self, task: Task) -> None:
        task.then = self._next
        self.pool().start(task)

    def _next(self) -> None:
        with self._lock:
            if not self._waiting:
                self._busy = False
                return
            task = self._waiting.popleft()
        self._start(task)

    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting)

    def idle(self) -> bool:
        with self._lock:
            return not self._busy


_writes = _WriterQueue()
_running: set[Task] = set()


def waiting_writes() -> int:
    """Writes submitted but not begun (they wait for the one in hand)."""
    return _writes.waiting()


def wait_for_all(timeout_ms: int = 60_000) -> bool:
    """Before the program exits: let running and queued work finish (a deletion is never cut
    short, and one already asked for still happens)."""
    finished = True
    if _writes._pool is not None:
        # each wait ends when the write in hand ends; the queue then hands over the next
        while True:
            finished = bool(_writes.pool().waitForDone(timeout_ms)) and finished
            if _writes.idle() or not finished:
                break
    return bool(QThreadPool.globalInstance().waitForDone(timeout_ms)) and finished


def _prepare(work: Callable[[], T], on_done: Callable[[T], None],
             on_failed: Callable[[str], None], context: QObject | None) -> Task:
    task = Task(work)
    _running.add(task)

    def alive() -> bool:
        return context is None or isValid(context)

    def finished(result: Any) -> None:
        _running.discard(task)
        if alive():
            on_done(result)

    def failed(message: str) -> None:
        _running.discard(task)
        if alive():
            on_failed(message)

    task.relay.done.connect(finished)
    task.relay.failed.connect(failed)
    return task


def run_read(work: Callable[[], T], on_done: Callable[[T], None],
             on_failed: Callable[[str], None], context: QObject | None = None) -> Task:
    """Run `work`, which only reads, off the GUI thread beside other reads; exactly one of the
    callbacks runs on the GUI thread (none when `context` was deleted meanwhile)."""
    task = _prepare(work, on_done, on_failed, context)
    QThreadPool.globalInstance().start(task)
    return task


def run_write(work: Callable[[], T], on_done: Callable[[T], None],
              on_failed: Callable[[str], None], context: QObject | None = None) -> Task:
    """Run `work`, which changes files, after every write submitted before it has finished."""
    task = _prepare(work, on_done, on_failed, context)
    _writes.submit(task)
    return task
