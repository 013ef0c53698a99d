"""The window's one task helper: reads side by side, writes one at a time in order, answers
on the GUI thread, silence once the owner is gone. Synchronised with events, never with time."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject

from cookiedesk.ui import tasks

LONG = 60  # seconds: an upper bound for a gate that the test itself opens


def test_a_second_write_starts_only_after_the_first_has_finished(qtbot) -> None:  # type: ignore[no-untyped-def]
    log: list[str] = []
    first_started, gate = threading.Event(), threading.Event()

    def first() -> str:
        log.append("first started")
        first_started.set()
        gate.wait(LONG)
        log.append("first finished")
        return "first"

    def second() -> str:
        log.append("second started")
        return "second"

    answers: list[str] = []
    tasks.run_write(first, answers.append, answers.append)
    qtbot.waitUntil(first_started.is_set, timeout=LONG * 1000)
    later = tasks.run_write(second, answers.append, answers.append)
    assert tasks.waiting_writes() == 1  # queued behind the first, not running beside it
    assert "second started" not in log
    with qtbot.waitSignal(later.relay.done, timeout=LONG * 1000):
        gate.set()
    assert log == ["first started", "first finished", "second started"]
    assert answers == ["first", "second"]  # and the answers in the same order


def test_reads_run_side_by_side(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Two reads at once: the first waits for the second to have started, which it can only
    do if they are not queued one behind the other."""
    second_started = threading.Event()
    seen: list[bool] = []
    second_done: list[None] = []
    tasks.run_read(lambda: second_started.wait(LONG), seen.append, lambda _: None)
    # (the answers are awaited through their callbacks, connected before the work starts:
    # a waitSignal entered after starting could miss a signal already sent)
    tasks.run_read(second_started.set, second_done.append, lambda _: None)
    qtbot.waitUntil(lambda: seen != [] and second_done != [], timeout=LONG * 1000)
    assert seen == [True]


def test_answers_arrive_on_the_gui_thread_and_failures_as_sentences(qtbot) -> None:  # type: ignore[no-untyped-def]
    gui = threading.get_ident()
    worked_in: list[int] = []
    answered_in: list[int] = []
    failures: list[str] = []

    def work() -> None:
        worked_in.append(threading.get_ident())
        raise OSError("the disk went away")

    def failed(message: str) -> None:
        answered_in.append(threading.get_ident())
        failures.append(message)

    tasks.run_write(work, lambda _: None, failed)
    qtbot.waitUntil(lambda: failures != [], timeout=LONG * 1000)
    assert worked_in != [gui] and answered_in == [gui]
    assert failures == ["OSError: the disk went away"]


def test_work_that_finishes_after_its_owner_is_gone_stays_quiet(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QObject()
    gate = threading.Event()
    heard: list[object] = []
    job = tasks.run_read(lambda: gate.wait(LONG), heard.append, heard.append, context=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner), timeout=LONG * 1000)
    with qtbot.waitSignal(job.relay.done, timeout=LONG * 1000):
        gate.set()
    assert heard == []  # no callback on a deleted owner


def test_wait_for_all_lets_queued_writes_happen(qtbot) -> None:  # type: ignore[no-untyped-def]
    gate = threading.Event()
    done: list[str] = []
    tasks.run_write(lambda: gate.wait(LONG), lambda _: None, lambda _: None)
    tasks.run_write(lambda: done.append("queued write ran"), lambda _: None, lambda _: None)
    gate.set()
    assert tasks.wait_for_all(LONG * 1000)
    assert done == ["queued write ran"]
