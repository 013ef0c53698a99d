"""SIGTERM, SIGINT and SIGHUP end the window the way Ctrl+Q does, so that what `app.run`
cleans up afterwards (the demo's temporary folder, running work) is cleaned up.

Python runs a signal handler only when the interpreter has control, and inside Qt's event loop
it has none: the signal would wait until the next Python slot, or forever. So the C-level handler
writes the signal's number into a socket (signal.set_wakeup_fd) and a QSocketNotifier on the
other end wakes the event loop, which calls `on_signal` at a safe point, in the GUI thread.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable, Iterator

from PySide6.QtCore import QSocketNotifier

SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP")
                if hasattr(signal, name))  # Windows has no SIGHUP


@contextlib.contextmanager
def quit_on_signals(on_signal: Callable[[int], None]) -> Iterator[None]:
    """While inside, each of SIGNALS calls `on_signal(number)` from the event loop."""
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)  # set_wakeup_fd requires it: a signal handler must never block
    previous_fd = signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    # a Python handler must be installed for the wakeup byte to be written; the work is done
    # by the notifier, not here (a handler runs between any two bytecodes of any code)
    previous = {number: signal.signal(number, lambda *_: None) for number in SIGNALS}
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read)

    def readable() -> None:
        try:
            received = reader.recv(64)
        except (BlockingIOError, InterruptedError):
            return
        for number in received:
            if number in SIGNALS:
                on_signal(number)

    notifier.activated.connect(readable)
    try:
        yield
    finally:
        notifier.setEnabled(False)
        signal.set_wakeup_fd(previous_fd)
        for number, handler in previous.items():
            signal.signal(number, handler)
        reader.close()
        writer.close()
