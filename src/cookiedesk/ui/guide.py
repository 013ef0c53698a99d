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
    QCheckBox,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from cookiedesk.classify.policy import sentence_with
from cookiedesk.classify.sites import SiteProfile
from cookiedesk.model import Cookie, Store
from cookiedesk.operations.deleting import DeleteSummary, Prepared
from cookiedesk.safety import delete as safe_delete
from cookiedesk.safety.outcomes import Plan
from cookiedesk.safety.running import RunningState
from cookiedesk.stores.scan import ScanResult
from cookiedesk.ui.controller import Operations
from cookiedesk.ui.site import NO_SITE, capitalised

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
                        and c.verdict.category in ("site", "ad", "tracker")]
        self.summary: DeleteSummary | None = None  # THE deletion's, once it has run
        self.failure: str | None = None
        self.deletion: Plan | None = None  # what was sent to be deleted: set once, never again
        self.addPage(IntroPage(site, sentence_with(
            policy_markdown, profile.phrases.delete if profile is not None else "")))
        self.close_page = ClosePage(self._stores_with_targets(), site, self.ops)
        self.addPage(self.close_page)
        self.review_page = ReviewPage(self.targets, site)
        self.addPage(self.review_page)
        self.delete_page = DeletePage(self)
        self.addPage(self.delete_page)
        self.done_page = DonePage(self)
        self.addPage(self.done_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Finish")
        # step 4 follows the commit page, so Qt takes its Back away; step 5 needs this
        self.setOption(QWizard.WizardOption.DisabledBackButtonOnLastPage, True)
        self.resize(760, 560)

    def _stores_with_targets(self) -> list[Store]:
        ids = {c.store_id for c in self.targets}
        return [s.store for s in self.result_scan.stores
                if s.store.id in ids and s.store.kind.value != "session"]

    def chosen(self) -> list[Cookie]:
        page = self.review_page
        wanted = {kind for kind, box in (("site", page.site_box), ("ad", page.ad_box),
                                         ("tracker", page.tracker_box)) if box.isChecked()}
        return [c for c in self.targets if c.verdict and c.verdict.category in wanted]

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


class ReviewPage(QWizardPage):
    def __init__(self, targets: list[Cookie], site: str) -> None:
        super().__init__()
        self.setTitle(_title(3, "Check what will be deleted"))
        self.setCommitPage(True)  # after "Delete" there is no going back
        self.targets = targets
        deletable = [c for c in targets if not (c.verdict and c.verdict.kept)]
        order = ("site", "ad", "tracker")
        totals = dict.fromkeys(order, 0)
        per_browser: dict[str, dict[str, int]] = {}
        for cookie in deletable:
            kind = cookie.verdict.category if cookie.verdict else "ad"
            counts = per_browser.setdefault(f"{cookie.browser} — {cookie.profile}",
                                            dict.fromkeys(order, 0))
            counts[kind] += 1
            totals[kind] += 1
        self.site_box = QCheckBox(f"{capitalised(site)} cookies ({totals['site']})")
        self.ad_box = QCheckBox(f"Advertising companies' cookies ({totals['ad']})")
        self.tracker_box = QCheckBox(f"Trackers' cookies: analytics and measurement "
                                     f"({totals['tracker']})")
        for box in (self.site_box, self.ad_box, self.tracker_box):
            box.setChecked(box is not self.tracker_box)
            box.toggled.connect(self.completeChanged)
        summary = "<br>".join(f"{name}: {c['site']} {site}, {c['ad']} ad companies, "
                              f"{c['tracker']} trackers"
                              for name, c in sorted(per_browser.items()))
        kept = len(targets) - len(deletable)
        self.show_list = QPushButton("Show me the list")
        self.show_list.setCheckable(True)
        self.listing = QListWidget()
        self.listing.setAccessibleName("The cookies that will be deleted")
        self._deletable = deletable
        self._fill_listing()
        for box in (self.site_box, self.ad_box, self.tracker_box):
            box.toggled.connect(self._fill_listing)
        self.listing.setVisible(False)
        self.show_list.toggled.connect(self.listing.setVisible)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(summary or "Nothing to delete."))
        layout.addWidget(self.site_box)
        layout.addWidget(self.ad_box)
        layout.addWidget(self.tracker_box)
        if kept:
            layout.addWidget(_label(f"{kept} of these are on your keep-list and stay."))
        layout.addWidget(self.show_list)
        layout.addWidget(self.listing, 1)

    def _fill_listing(self) -> None:
        """The list shows what the ticked boxes will delete, no more."""
        wanted = {kind for kind, box in (("site", self.site_box), ("ad", self.ad_box),
                                         ("tracker", self.tracker_box)) if box.isChecked()}
        self.listing.clear()
        self.listing.addItems(sorted(f"{c.browser}: {c.host} — {c.name}" for c in self._deletable
                                     if c.verdict and c.verdict.category in wanted))

    def initializePage(self) -> None:  # Qt's name
        wizard = self.wizard()
        if wizard is not None:  # a commit page shows the Commit button in place of Next
            wizard.setButtonText(QWizard.WizardButton.CommitButton, "Delete")

    def isComplete(self) -> bool:  # Qt's name
        return any(b.isChecked() for b in (self.site_box, self.ad_box, self.tracker_box))


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
        self.summary = _label("")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setAccessibleName("What was deleted")
        self.code = QLabel()
        self.code.setAccessibleName("Confirmation code")
        code_font = QFont(self.font())
        code_font.setPointSizeF(code_font.pointSizeF() * 2.2)
        code_font.setBold(True)
        code_font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 4)
        self.code.setFont(code_font)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.code)
        layout.addStretch(1)

    def initializePage(self) -> None:  # Qt's name
        self.show_outcome()

    def show_outcome(self) -> None:
        summary = self.guide.summary
        if summary is None:
            self.summary.setText(self.guide.failure or "Nothing was deleted.")
            self.code.setText("")
            return
        lines = summary.lines()
        kept = self.guide.deletion.kept if self.guide.deletion is not None else 0
        if kept:
            lines.append(f"{kept} cookies on your keep-list were not touched.")
        self.summary.setText("\n".join(lines))
        code = summary.result.code
        self.code.setText(f"Confirmation code: {code}" if code else "")


def open_guide(result: ScanResult, data_dir: Path, config_dir: Path, policy_markdown: str,
               parent: Any = None, on_finished: Callable[[], None] | None = None,
               profile: SiteProfile | None = None) -> GuideWizard:
    guide = GuideWizard(result, data_dir, config_dir, policy_markdown, parent, profile)
    if on_finished is not None:
        guide.finished.connect(lambda _: on_finished())
    guide.open()
    return guide
