"""Guided cleanup: five numbered steps that support staff can talk a user through.

"Step 2 of 5" on every page matches what staff say on the phone. It uses the one safe deletion
path; cookies on the keep-list are not touched, and the last page says so and shows the short
confirmation code the user reads out (it is also in `cookiedesk report`).

Step 3 is a commit page: once the deletion has started there is no way back (no Back button on
steps 4 and 5, and `back()` refuses), the deletion runs exactly once however the pages are
driven, and step 5 always shows that one deletion's summary and confirmation code. The
running-browser check of step 2 runs every second off the GUI thread, one check at a time."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QProgressBar,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from cookiedesk.classify.policy import sentence_with
from cookiedesk.classify.sites import SiteProfile
from cookiedesk.fates import session_store_ids
from cookiedesk.model import Category, Cookie, Store
from cookiedesk.operations.deleting import DeleteSummary, Prepared
from cookiedesk.safety import delete as safe_delete
from cookiedesk.safety.outcomes import Plan
from cookiedesk.safety.running import RunningState
from cookiedesk.stores.scan import ScanResult
from cookiedesk.ui.controller import Operations
from cookiedesk.ui.guide_review import ReviewPage
from cookiedesk.ui.site import NO_SITE, capitalised
from cookiedesk.ui.summary_box import SummaryView

STEPS = 5
CHECK_EVERY_MS = 1000


def _title(step: int, text: str) -> str:
    return f"Step {step} of {STEPS}: {text}"


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


class GuideWizard(QWizard):
    """`result`: the scan to clean up; `data_dir`/`config_dir`: where backups go."""

    def __init__(self, result: ScanResult, data_dir: Path, config_dir: Path,
                 policy_markdown: str, parent: Any = None,
                 profile: SiteProfile | None = None) -> None:
        super().__init__(parent)
        site = profile.name if profile is not None else NO_SITE
        # its own controller: its answers are its own; its writes still queue behind the
        # window's (one writer queue per process)
        self.ops = Operations(data_dir, config_dir, self)
        self.site = site
        self.setWindowTitle("Guided cleanup")
        self.setAccessibleName("Guided cleanup")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)  # big type: people read it aloud
        self.setFont(font)
        self.result_scan = result
        self.data_dir, self.config_dir = data_dir, config_dir
        # Trackers are offered too, unticked: the policy's procedure is the site and ad
        # companies, and analytics cookies are the user's call.
        self.targets = [c for c in result.cookies() if c.verdict is not None
                        and c.verdict.category in (Category.SITE, Category.AD, Category.TRACKER)]
        self.summary: DeleteSummary | None = None  # THE deletion's, once it has run
        self.failure: str | None = None
        self.deletion: Plan | None = None  # what was sent to be deleted: set once, never again
        self.addPage(IntroPage(site, sentence_with(
            policy_markdown, profile.phrases.delete if profile is not None else "")))
        self.close_page = ClosePage(self._stores_with_targets(), site, self.ops)
        self.addPage(self.close_page)
        self.review_page = ReviewPage(
            self.targets, site, _title(3, "Check what will be deleted"),
            session_store_ids(s.store for s in result.stores))
        self.addPage(self.review_page)
        self.delete_page = DeletePage(self)
        self.addPage(self.delete_page)
        self.done_page = DonePage(self)
        self.addPage(self.done_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Finish")
        # step 4 follows the commit page, so Qt takes its Back away; step 5 needs this
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        # nothing is left to cancel on step 5: a "Cancel" there reads as "take it back"
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.resize(760, 560)

    def _stores_with_targets(self) -> list[Store]:
        ids = {c.store_id for c in self.targets}
        return [s.store for s in self.result_scan.stores
                if s.store.id in ids and s.store.kind.value != "session"]

    def chosen(self) -> list[Cookie]:
        return self.review_page.chosen()

    @property
    def outcome(self) -> safe_delete.DeleteResult | None:
        return self.summary.result if self.summary is not None else None

    def plan(self) -> Plan:
        return safe_delete.plan(self.chosen(), [s.store for s in self.result_scan.stores
                                                if s.error is None])

    def start_deletion(self) -> bool:
        """Send the deletion to the writer queue, the first time only; False afterwards."""
        if self.deletion is not None:
            return False
        self.deletion = self.plan()
        self.ops.delete(Prepared(self.deletion))
        return True

    def back(self) -> None:  # Qt's name; the Back button is off too, this is for callers
        if self.deletion is None:
            super().back()

    def reject(self) -> None:  # Qt's name: Cancel or Escape while deleting
        if self.deletion is not None and self.summary is None:
            self.ops.stop.set()  # the store in hand is finished, the rest left as they are
        super().reject()


class IntroPage(QWizardPage):
    def __init__(self, site: str, policy_sentence: str) -> None:
        super().__init__()
        self.setTitle(_title(1, "What will happen"))
        layout = QVBoxLayout(self)
        layout.addWidget(_label(
            f"CookieDesk will delete the cookies that {site} and advertising companies "
            "left in your browsers. Your other cookies, such as the ones that keep you signed "
            "in to other sites, stay. A backup is kept, so this can be undone."))
        if policy_sentence:
            layout.addWidget(_label(f"{capitalised(site)}'s privacy policy says: "
                                    f"<i>“{policy_sentence}”</i> This is that procedure."))
        layout.addStretch(1)


class ClosePage(QWizardPage):
    """Lists the browsers that hold those cookies; updates by itself as they are closed.

    A timer asks every second; the check itself (lock files, process table) runs in the
    thread pool through the controller, and no new check starts while one is in flight."""

    def __init__(self, stores: list[Store], site: str, ops: Operations) -> None:
        super().__init__()
        self.setTitle(_title(2, "Close your browsers"))
        self.stores = stores
        self.site = site
        self.ops = ops
        self.lines = QListWidget()
        self.lines.setAccessibleName("Browsers and whether they are closed")
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Close these browsers completely. This page notices by itself "
                                "when each one is closed."))
        layout.addWidget(self.lines)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.refresh)
        self.checking = False  # a check is in flight
        self.checks = 0  # checks answered (for tests and for the first "checking…" line)
        self._all_closed = False
        ops.running_checked.connect(self._checked)
        ops.failed.connect(self._check_failed)

    def initializePage(self) -> None:  # Qt's name
        if not self.checks:
            self.lines.clear()
            self.lines.addItem("Checking which browsers are open…")
        self.refresh()
        self.timer.start()

    def cleanupPage(self) -> None:  # Qt's name
        self.timer.stop()

    def refresh(self) -> None:
        if self.checking:
            return  # the last check has not answered yet (a slow disk or process table)
        self.checking = True
        self.ops.check_running(self.stores)

    def _checked(self, states: list[tuple[Store, RunningState]]) -> None:
        self.checking = False
        self.checks += 1
        self.lines.clear()
        closed = True
        for store, state in states:
            closed = closed and not state.running
            mark = "● still open — please close it" if state.running else "✓ closed"
            self.lines.addItem(f"{store.label}: {mark}")
        if not self.stores:
            self.lines.addItem(f"No browser holds {self.site} or ad-company cookies.")
        if closed != self._all_closed:
            self._all_closed = closed
            self.completeChanged.emit()

    def _check_failed(self, _: str) -> None:
        self.checking = False  # the next tick tries again

    def isComplete(self) -> bool:  # Qt's name
        return self._all_closed

    def validatePage(self) -> bool:  # Qt's name
        self.timer.stop()
        return True


class DeletePage(QWizardPage):
    def __init__(self, guide: GuideWizard) -> None:
        super().__init__()
        self.guide = guide
        self.setTitle(_title(4, "Deleting"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Deleting")
        self.status = _label("Deleting the cookies and keeping a backup…")
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        guide.ops.deleted.connect(self._finished)
        guide.ops.delete_failed.connect(self._failed)

    def initializePage(self) -> None:  # Qt's name
        # Qt calls this each time the page is reached going forward; only the first starts
        # the deletion (a second would find nothing left, and show "0 deleted" and no code)
        self.guide.start_deletion()

    def _finished(self, summary: DeleteSummary) -> None:
        if self.guide.summary is not None:
            return  # the one deletion has already answered
        self.guide.summary = summary
        self._show_done()

    def _failed(self, message: str) -> None:
        if self.guide.summary is not None:
            return
        self.guide.failure = message
        self.status.setText(f"That did not work: {message}")
        self._show_done()

    def _show_done(self) -> None:
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.completeChanged.emit()
        if self.guide.currentPage() is self:
            self.guide.next()  # nothing to decide here: show the result

    def isComplete(self) -> bool:  # Qt's name
        return self.guide.summary is not None or self.guide.failure is not None


class DonePage(QWizardPage):
    """The summary lines of the one deletion (the words `cookiedesk delete` prints) and its
    confirmation code, large, for reading out."""

    def __init__(self, guide: GuideWizard) -> None:
        super().__init__()
        self.guide = guide
        self.setTitle(_title(5, "Done"))
        # the view every deletion in the window ends with: the lines, the code large
        self.view = SummaryView(code_scale=2.2)
        self.summary, self.code = self.view.lines, self.view.code
        self.summary.setAccessibleName("What was deleted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addStretch(1)

    def initializePage(self) -> None:  # Qt's name
        self.show_outcome()

    def show_outcome(self) -> None:
        summary = self.guide.summary
        if summary is None:
            self.view.show_lines([self.guide.failure or "Nothing was deleted."])
            return
        # the lines say what the keep-list and Firefox's session file kept, too
        self.view.show_lines(summary.lines(), summary.result.code)


def open_guide(result: ScanResult, data_dir: Path, config_dir: Path, policy_markdown: str,
               parent: Any = None, on_finished: Callable[[], None] | None = None,
               profile: SiteProfile | None = None) -> GuideWizard:
    guide = GuideWizard(result, data_dir, config_dir, policy_markdown, parent, profile)
    if on_finished is not None:
        guide.finished.connect(lambda _: on_finished())
    guide.open()
    return guide
