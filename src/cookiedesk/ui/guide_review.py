"""Step 3 of the guided cleanup, the commit page: the counts at the top (per browser, and one
box per kind of cookie, each with the number a deletion removes), the honest sentence of what
stays and why, and below them the list of exactly what will go, filling the page: the same
list the delete preview shows (ui.cookie_list)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWizard, QWizardPage

from cookiedesk.fates import Fate
from cookiedesk.model import Category, Cookie
from cookiedesk.operations.counting import Counts, count, count_by, short, split, will_be_deleted
from cookiedesk.ui import cookie_list
from cookiedesk.ui.site import capitalised
from cookiedesk.wording import plural

KINDS = (Category.SITE, Category.AD, Category.TRACKER)


def _kind(cookie: Cookie) -> str:
    return cookie.verdict.category if cookie.verdict else Category.AD


def _label(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ReviewPage(QWizardPage):
    """`targets`: the cookies the guide may delete; `session_stores`: the stores whose
    cookies stay (Firefox's session files), so the numbers here are the numbers deleted."""

    def __init__(self, targets: list[Cookie], site: str, title: str,
                 session_stores: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.setTitle(title)
        self.setCommitPage(True)  # after "Delete" there is no going back
        self.targets = targets
        self.site = site
        self._session_stores = session_stores
        self._deletable = split(targets, session_stores)[Fate.DELETED]
        by_kind = count_by(targets, session_stores, _kind)
        self.site_box = QCheckBox(f"{capitalised(site)} cookies "
                                  f"({short(by_kind.get('site', Counts()))})")
        self.ad_box = QCheckBox(f"Advertising companies' cookies "
                                f"({short(by_kind.get('ad', Counts()))})")
        self.tracker_box = QCheckBox(f"Trackers' cookies: analytics and measurement "
                                     f"({short(by_kind.get('tracker', Counts()))})")
        self.per_browser = _label(self._per_browser() or "Nothing to delete.")
        self.per_browser.setAccessibleName("Cookies to delete per browser")
        self.honest = _label("")
        self.honest.setAccessibleName("What will be deleted and what stays")
        self.listing = cookie_list.cookie_tree("The cookies that will be deleted")
        layout = QVBoxLayout(self)
        layout.addWidget(self.per_browser)
        for box in (self.site_box, self.ad_box, self.tracker_box):
            box.setChecked(box is not self.tracker_box)
            box.setAccessibleName(box.text())
            box.toggled.connect(self._fill_listing)  # first: isComplete reads its count
            box.toggled.connect(self.completeChanged)
            layout.addWidget(box)
        layout.addWidget(self.honest)
        self.listed_count = 0
        self._fill_listing()
        layout.addWidget(self.listing, 1)  # the list fills the page below the counts

    def _per_browser(self) -> str:
        per: dict[str, dict[str, int]] = {}
        for cookie in self._deletable:
            counts = per.setdefault(f"{cookie.browser} — {cookie.profile}",
                                    dict.fromkeys(KINDS, 0))
            counts[_kind(cookie)] += 1
        return "\n".join(
            f"{name}: {c['site']} {self.site}, {plural(c['ad'], 'ad company')}, "
            f"{plural(c['tracker'], 'tracker')}"
            # A to Z, as the deletion's own lines on step 5 (safety/delete.plan)
            for name, c in sorted(per.items(), key=lambda item: item[0].casefold()))

    def wanted(self) -> set[str]:
        return {kind for kind, box in ((Category.SITE, self.site_box), (Category.AD, self.ad_box),
                                       (Category.TRACKER, self.tracker_box)) if box.isChecked()}

    def chosen(self) -> list[Cookie]:
        """The ticked kinds' cookies, all of them (the plan leaves out what stays)."""
        wanted = self.wanted()
        return [c for c in self.targets if c.verdict and c.verdict.category in wanted]

    def _fill_listing(self) -> None:
        """The list and the sentence say what the ticked boxes will delete, no more."""
        chosen = self.chosen()
        self.honest.setText(will_be_deleted(count(chosen, self._session_stores)))
        wanted = self.wanted()
        listed = [c for c in self._deletable if _kind(c) in wanted]
        self.listed_count = len(listed)  # what the list shows (folded identical lines too)
        cookie_list.fill(self.listing, listed)

    def initializePage(self) -> None:  # Qt's name
        wizard = self.wizard()
        if wizard is not None:  # a commit page shows the Commit button in place of Next
            wizard.setButtonText(QWizard.WizardButton.CommitButton, "Delete")

    def isComplete(self) -> bool:  # Qt's name
        """Something ticked that a deletion would remove ("Delete" for 0 would say nothing)."""
        return bool(self.wanted()) and self.listed_count > 0
