"""The guide's commit page (issue 13; issue 14 item 1): once the deletion starts there is no
way back, it runs exactly once however Back and Next are driven, and step 5 keeps showing that
deletion's summary and confirmation code. Step 2's browser check runs off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from cookiedesk.classify.classifier import Classifier
from cookiedesk.operations import deleting
from cookiedesk.safety import backup as backups
from cookiedesk.safety import running
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from cookiedesk.ui import tasks
from cookiedesk.ui.guide import ClosePage, GuideWizard
from tests.helpers.stores import TestCookie, chromium_profile, read_rows

LONG = 60_000  # ms: an upper bound only, for a loaded machine


@pytest.fixture
def guide(qtbot, isolated_home: Path, tmp_path: Path) -> GuideWizard:  # type: ignore[no-untyped-def]
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24, [
        TestCookie(".komp3.net", "komp3_member"),
        TestCookie(".doubleclick.net", "IDE"),
        TestCookie("www.example.org", "keep_me"),
    ])
    config = tmp_path / "config"
    classifier = Classifier.load(config)
    result = scan(discover("linux", isolated_home, {}), classify=classifier.verdict)
    shown = GuideWizard(result, tmp_path / "data", config, "",
                        profile=classifier.sites[0] if classifier.sites else None)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def to_review(qtbot, guide: GuideWizard) -> None:  # type: ignore[no-untyped-def]
    guide.next()
    qtbot.waitUntil(guide.close_page.isComplete, timeout=LONG)
    guide.next()
    assert guide.currentPage() is guide.review_page


def delete_and_wait(qtbot, guide: GuideWizard) -> None:  # type: ignore[no-untyped-def]
    guide.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: guide.currentPage() is guide.done_page, timeout=LONG)


@pytest.fixture
def deletions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the guide's deletion ran, and in which thread."""
    ran: list[int] = []
    real = deleting.delete

    def counted(*args: Any, **kwargs: Any) -> deleting.DeleteSummary:
        ran.append(threading.get_ident())
        return real(*args, **kwargs)

    monkeypatch.setattr(deleting, "delete", counted)
    return ran


def test_the_review_page_is_a_commit_page_and_no_page_after_it_offers_back(  # type: ignore[no-untyped-def]
    qtbot, guide: GuideWizard, deletions: list[int]
) -> None:
    to_review(qtbot, guide)
    assert guide.review_page.isCommitPage()
    assert guide.button(QWizard.WizardButton.CommitButton).text() == "Delete"
    delete_and_wait(qtbot, guide)
    back = guide.button(QWizard.WizardButton.BackButton)
    assert not (back.isVisible() and back.isEnabled())
    assert deletions and threading.get_ident() not in deletions  # off the GUI thread


def test_back_back_next_cannot_run_the_deletion_again_and_the_code_stays(  # type: ignore[no-untyped-def]
    qtbot, guide: GuideWizard, deletions: list[int], tmp_path: Path, isolated_home: Path
) -> None:
    to_review(qtbot, guide)
    delete_and_wait(qtbot, guide)
    code_text = guide.done_page.code.text()
    summary_text = guide.done_page.summary.text()
    assert code_text.startswith("Confirmation code: ")
    assert guide.summary is not None
    # the CLI's own words; the code line among them is shown once, large, below them
    assert [*summary_text.splitlines(), code_text] == guide.summary.lines()
    assert "Deleted 2 cookies in total." in summary_text

    # the staff script of issue 14: Back, Back, Next — driven programmatically, past the
    # disabled buttons; then every page initialised again for good measure
    guide.back()
    guide.back()
    guide.next()
    guide.delete_page.initializePage()
    guide.done_page.initializePage()
    guide.restart()
    for _ in range(5):
        guide.next()
    qtbot.waitUntil(lambda: guide.currentPage() is guide.done_page, timeout=LONG)
    assert tasks.wait_for_all(LONG)  # any deletion those pages asked for has now run…
    QApplication.processEvents()  # …and its answer has reached the guide

    assert len(deletions) == 1  # exactly one deletion
    assert guide.done_page.code.text() == code_text  # and its code is still on screen
    assert guide.done_page.summary.text() == summary_text
    (only,), _ = backups.list_backups(tmp_path / "data")
    assert code_text.endswith(str(only.code)) and only.deleted == 2
    assert read_rows(isolated_home / ".config/chromium/Default/Cookies",
                     "SELECT name FROM cookies") == [("keep_me",)]


def test_the_browser_check_runs_off_the_gui_thread_one_at_a_time(  # type: ignore[no-untyped-def]
    qtbot, guide: GuideWizard, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate, entered = threading.Event(), threading.Event()
    threads: list[int] = []
    real: Callable[..., running.RunningState] = running.check

    def slow_check(store: Any, *args: Any) -> running.RunningState:
        threads.append(threading.get_ident())
        entered.set()
        gate.wait(LONG / 1000)  # a hung process table: the window must not wait for it
        return real(store, *args)

    monkeypatch.setattr(running, "check", slow_check)
    guide.next()  # step 2 starts checking
    page = guide.close_page
    qtbot.waitUntil(entered.is_set, timeout=LONG)
    assert checking(page) and guide.currentPage() is page  # the GUI thread is free meanwhile
    for _ in range(3):
        page.refresh()  # the timer's ticks while the check is in flight
    assert len(threads) == 1  # no second check beside the first
    with qtbot.waitSignal(guide.ops.running_checked, timeout=LONG):
        gate.set()
    assert threading.get_ident() not in threads
    assert not checking(page) and page.checks == 1
    assert page.lines.item(0).text() == "Chromium — Me: ✓ closed"


def checking(page: ClosePage) -> bool:
    """Read afresh each time (mypy would otherwise keep the first answer for the attribute)."""
    return page.checking


def test_step_5_offers_finish_only_not_cancel(qtbot, guide: GuideWizard) -> None:  # type: ignore[no-untyped-def]
    # after the deletion a "Cancel" beside "Finish" reads as "take it back", which it never
    # did; the phone script says "Click Finish"
    to_review(qtbot, guide)
    delete_and_wait(qtbot, guide)
    assert guide.button(QWizard.WizardButton.FinishButton).isVisible()
    assert not guide.button(QWizard.WizardButton.CancelButton).isVisible()
