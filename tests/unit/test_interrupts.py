"""SIGTERM taken like Ctrl-C, only where Python lets a program set a signal handler."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator

import pytest

from cookiedesk.interrupts import Deferred, terminate_like_ctrl_c


@pytest.fixture
def sigterm_restored() -> Iterator[None]:
    previous = signal.getsignal(signal.SIGTERM)
    yield
    signal.signal(signal.SIGTERM, previous)


@pytest.mark.usefixtures("sigterm_restored")
def test_sigterm_is_taken_on_the_main_thread_and_left_alone_on_another() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    errors: list[BaseException] = []

    def elsewhere() -> None:
        try:
            terminate_like_ctrl_c()
            with Deferred() as deferred:  # no handlers off the main thread: a no-op block
                assert not deferred.requested()
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    assert errors == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    terminate_like_ctrl_c()
    assert signal.getsignal(signal.SIGTERM) not in (signal.SIG_DFL, signal.SIG_IGN)


@pytest.mark.usefixtures("sigterm_restored")
def test_a_signal_inside_a_deferred_block_is_only_noted() -> None:
    with Deferred() as deferred:
        signal.raise_signal(signal.SIGTERM)
        assert deferred.requested()
