"""Guided cleanup: five numbered steps that support staff can talk a user through.

"Step 2 of 5" on every page matches what staff say on the phone. It uses the one safe deletion
path; cookies on the keep-list are not touched, and the last page says so and shows the short
confirmation code the user reads out (it is also in `cookiedesk report`)."""

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
from cookiedesk.safety import delete as safe_delete
from cookiedesk.safety import running
from cookiedesk.stores.scan import ScanResult
from cookiedesk.ui import workers

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
                 policy_markdown: str, site: SiteProfile | None = None,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Guided cleanup")
        self.setAccessibleName("Guided cleanup")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.35)  # big type: people read it aloud
        self.setFont(font)
        self.result_scan = result
        self.data_dir, self.config_dir = data_dir, config_dir
        # Trackers are offered too, unticked: the policy's procedure is KOmp3.net and ad
        # companies, and analytics cookies are the user's call.
        self.targets = [c for c in result.cookies() if c.verdict is not None
                        and c.verdict.category in ("site", "ad", "tracker")]
        self.outcome: safe_delete.DeleteResult | None = None
        self.addPage(IntroPage(sentence_with(policy_markdown,
                                             site.phrases.delete if site else "")))
        self.close_page = ClosePage(self._stores_with_targets())
        self.addPage(self.close_page)
        self.review_page = ReviewPage(self.targets)
        self.addPage(self.review_page)
        self.delete_page = DeletePage(self)
        self.addPage(self.delete_page)
        self.done_page = DonePage(self)
        self.addPage(self.done_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Finish")
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

    def plan(self) -> safe_delete.Plan:
        return safe_delete.plan(self.chosen(), [s.store for s in self.result_scan.stores
                                                if s.error is None])


class IntroPage(QWizardPage):
    def __init__(self, policy_sentence: str) -> None:
        super().__init__()
        self.setTitle(_title(1, "What will happen"))
        layout = QVBoxLayout(self)
        layout.addWidget(_label(
            "CookieDesk will delete the cookies that KOmp3.net and advertising companies "
            "left in your browsers. Your other cookies, such as the ones that keep you signed "
            "in to other sites, stay. A backup is kept, so this can be undone."))
        if policy_sentence:
            layout.addWidget(_label(f"KOmp3.net's privacy policy says: <i>“{policy_sentence}”"
                                    "</i> This is that procedure."))
        layout.addStretch(1)


class ClosePage(QWizardPage):
    """Lists the browsers that hold those cookies; updates by itself as they are closed."""

    def __init__(self, stores: list[Store]) -> None:
        super().__init__()
        self.setTitle(_title(2, "Close your browsers"))
        self.stores = stores
        self.lines = QListWidget()
        self.lines.setAccessibleName("Browsers and whether they are closed")
        layout = QVBoxLayout(self)
        layout.addWidget(_label("Close these browsers completely. This page notices by itself "
                                "when each one is closed."))
        layout.addWidget(self.lines)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.refresh)
        self._all_closed = False

    def initializePage(self) -> None:  # Qt's name
        self.refresh()
        self.timer.start()

    def cleanupPage(self) -> None:  # Qt's name
        self.timer.stop()

    def refresh(self) -> None:
        self.lines.clear()
        closed = True
        for store in self.stores:
            state = running.check(store)
            closed = closed and not state.running
            mark = "● still open — please close it" if state.running else "✓ closed"
            self.lines.addItem(f"{store.label}: {mark}")
        if not self.stores:
            self.lines.addItem("No browser holds KOmp3.net or ad-company cookies.")
        if closed != self._all_closed:
            self._all_closed = closed
            self.completeChanged.emit()

    def isComplete(self) -> bool:  # Qt's name
        return self._all_closed

    def validatePage(self) -> bool:  # Qt's name
        self.timer.stop()
        return True


class ReviewPage(QWizardPage):
    def __init__(self, targets: list[Cookie]) -> None:
        super().__init__()
        self.setTitle(_title(3, "Check what will be deleted"))
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
        self.site_box = QCheckBox(f"KOmp3.net cookies ({totals['site']})")
        self.ad_box = QCheckBox(f"Advertising companies' cookies ({totals['ad']})")
        self.tracker_box = QCheckBox(f"Trackers' cookies: analytics and measurement "
                                     f"({totals['tracker']})")
        for box in (self.site_box, self.ad_box, self.tracker_box):
            box.setChecked(box is not self.tracker_box)
            box.toggled.connect(self.completeChanged)
        summary = "<br>".join(f"{name}: {c['site']} KOmp3.net, {c['ad']} ad companies, "
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
        if wizard is not None:
            wizard.setButtonText(QWizard.WizardButton.NextButton, "Delete")

    def cleanupPage(self) -> None:  # Qt's name
        wizard = self.wizard()
        if wizard is not None:
            wizard.setButtonText(QWizard.WizardButton.NextButton, "Next >")

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
        self._done = False

    def initializePage(self) -> None:  # Qt's name
        wizard = self.wizard()
        if wizard is not None:
            wizard.setButtonText(QWizard.WizardButton.NextButton, "Next >")
        self._done = False
        deletion = self.guide.plan()
        workers.start(lambda: safe_delete.execute(deletion, self.guide.data_dir,
                                                  self.guide.config_dir),
                      self._finished, self._failed)

    def _finished(self, outcome: safe_delete.DeleteResult) -> None:
        self.guide.outcome = outcome
        self._done = True
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.completeChanged.emit()
        self.guide.next()  # nothing to decide here: show the result

    def _failed(self, message: str) -> None:
        self.status.setText(f"That did not work: {message}")
        self._done = True
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # Qt's name
        return self._done


class DonePage(QWizardPage):
    def __init__(self, guide: GuideWizard) -> None:
        super().__init__()
        self.guide = guide
        self.setTitle(_title(5, "Done"))
        self.summary = _label("")
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
        outcome = self.guide.outcome
        if outcome is None:
            self.summary.setText("Nothing was deleted.")
            return
        lines = [f"{o.store.label}: {o.deleted} deleted" + (f" — {o.error}" if o.error else "")
                 for o in outcome.outcomes]
        lines += [f"Not deleted: {r}" for r in outcome.refused]
        kept = self.guide.plan().kept
        if kept:
            lines.append(f"{kept} cookies on your keep-list were not touched.")
        if outcome.backup_id:
            lines.append("A backup was kept; CookieDesk can put them back (Undo).")
        self.summary.setText("<br>".join(lines))
        self.code.setText(f"Confirmation code: {outcome.code}" if outcome.code else "")


def open_guide(result: ScanResult, data_dir: Path, config_dir: Path, policy_markdown: str,
               parent: Any = None, on_finished: Callable[[], None] | None = None,
               site: SiteProfile | None = None) -> GuideWizard:
    guide = GuideWizard(result, data_dir, config_dir, policy_markdown, site, parent)
    if on_finished is not None:
        guide.finished.connect(lambda _: on_finished())
    guide.open()
    return guide
