"""The window's bug report: an uncaught exception, on the GUI thread or a worker's, becomes a
message box that does not block, naming the log file; an environment error keeps its sentence."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cookiedesk import buglog
from cookiedesk.stores.errors import StoreError
from cookiedesk.ui.app import BugReporter

SECRET = "planted-cookie-value-b81e"


@pytest.fixture
def reporter(qtbot: QtBot) -> Iterator[BugReporter]:
    made = BugReporter()
    yield made
    made.uninstall()
    for box in list(made.boxes):
        box.close()


def raise_through_the_hook(error: BaseException) -> None:
    try:
        raise error
    except BaseException as exc:  # handed to the hook as Python would an uncaught one
        sys.excepthook(type(exc), exc, exc.__traceback__)


@pytest.mark.qt_no_exception_capture  # pytest-qt's own capture would take the hook's place
def test_a_bug_on_the_gui_thread_shows_a_box_without_blocking(reporter: BugReporter) -> None:
    raise_through_the_hook(ValueError(SECRET))  # returns: the box does not block
    (box,) = reporter.boxes
    assert box.isVisible() and not box.isModal()
    assert box.text() == f"CookieDesk hit a bug; the details are in {buglog.log_file()}"
    assert SECRET not in buglog.log_file().read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_a_bug_in_a_worker_thread_reaches_the_gui_thread(reporter: BugReporter) -> None:
    def worker() -> None:
        raise RuntimeError(SECRET)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert reporter.boxes == []  # the sentence is queued to the GUI thread ...
    QApplication.processEvents()  # ... and shown when its event loop runs
    (box,) = reporter.boxes
    assert box.text().startswith("CookieDesk hit a bug")


@pytest.mark.qt_no_exception_capture
def test_an_environment_error_is_its_sentence_and_not_logged(reporter: BugReporter) -> None:
    raise_through_the_hook(StoreError(Path("/p/Cookies"), "the database is damaged"))
    (box,) = reporter.boxes
    assert box.text() == "/p/Cookies: the database is damaged"
    assert not buglog.log_file().exists()
