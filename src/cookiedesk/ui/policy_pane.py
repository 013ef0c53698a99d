"""The policy pane: the site's privacy policy, with links into the table: beside the policy's
words, and the same links in a bar above it, so that none is below the fold."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QColor, QTextBlockFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from cookiedesk.classify import policy
from cookiedesk.classify.sites import SiteProfile
from cookiedesk.ui.flow_layout import FlowLayout
from cookiedesk.ui.site import NO_SITE, capitalised


class PolicyPane(QWidget):
    """Signals: show_member, show_site, show_ads, delete_requested (the site's cookies),
    delete_ads_requested (the ad companies') — the links beside the policy's words and in the
    bar above it."""

    show_member = Signal()
    show_site = Signal()
    show_ads = Signal()
    delete_requested = Signal()
    delete_ads_requested = Signal()

    def __init__(self, site: SiteProfile | None, markdown: str) -> None:
        super().__init__()
        self.title = QLabel()
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._follow)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        self.links = QWidget()
        self.links.setAccessibleName("Policy links")
        bar = FlowLayout(self.links)  # wraps in a narrow pane: never widens the window
        self.link_buttons: dict[str, QPushButton] = {}
        for target in (policy.SHOW_MEMBER, policy.SHOW_SITE, policy.SHOW_ADS, policy.DELETE_NOW):
            button = self.link_buttons[target] = QPushButton()
            button.setFlat(True)
            button.clicked.connect(lambda _=False, to=target: self._follow(QUrl(to)))
            bar.addWidget(button)
        # drawn as links (the palette's link colour, underlined): they do what the policy's
        # links do; still buttons, for the Tab order and the screen reader
        self.links.setStyleSheet("QPushButton { color: palette(link); text-decoration: "
                                 "underline; padding: 2px 4px; }")
        layout.addWidget(self.title)
        layout.addWidget(self.links)
        layout.addWidget(self.browser)
        self._member_phrase = ""
        self.show_policy(site, markdown)

    def show_policy(self, site: SiteProfile | None, markdown: str) -> None:
        """The site's name and policy text, from its profile (they arrive once the classifier
        has loaded, off the GUI thread)."""
        site_name = site.name if site is not None else NO_SITE
        # the paragraph that describes the member cookie, as the profile names it
        self._member_phrase = site.phrases.member if site is not None else ""
        self.setAccessibleName(f"{site_name} privacy policy")
        self.title.setText(f"<b>{capitalised(site_name)} privacy policy</b>")
        self.browser.setAccessibleName(f"{site_name} privacy policy text")
        self.browser.setMarkdown(policy.with_links(markdown, site))
        for target, (text, spoken) in _link_texts(site_name).items():
            button = self.link_buttons[target]
            button.setText(text)
            button.setAccessibleName(spoken)
            button.setToolTip(spoken)
            # no profile: no member cookie to find, nor the site's cookies
            button.setVisible(site is not None or target in (policy.SHOW_ADS,))

    def _follow(self, url: QUrl) -> None:
        target = url.toString()
        if target == policy.SHOW_MEMBER:
            self.show_member.emit()
        elif target == policy.SHOW_SITE:
            self.show_site.emit()
        elif target == policy.SHOW_ADS:
            self.show_ads.emit()
        elif target == policy.DELETE_NOW:
            self.delete_requested.emit()
        elif target == policy.DELETE_ADS:
            self.delete_ads_requested.emit()

    def mark_cookies_paragraph(self, on: bool) -> None:
        """Highlight the paragraph about the member cookie (a row that can be it is selected)."""
        document = self.browser.document()
        found = document.find(self._member_phrase) if self._member_phrase else None
        if found is None or found.isNull():
            return
        cursor = QTextCursor(found.block())
        block_format = QTextBlockFormat(found.block().blockFormat())
        if on:
            block_format.setBackground(QColor(self.palette().highlight().color()).lighter(170)
                                       if self.palette().window().color().lightness() > 127
                                       else QColor(self.palette().highlight().color()).darker(
                                           180))
        else:
            block_format.clearBackground()
        cursor.setBlockFormat(block_format)

    def is_cookies_paragraph_marked(self) -> bool:
        if not self._member_phrase:
            return False
        found = self.browser.document().find(self._member_phrase)
        return not found.isNull() and found.block().blockFormat().hasProperty(
            QTextBlockFormat.Property.BackgroundBrush)


def _link_texts(site_name: str) -> dict[str, tuple[str, str]]:
    """The bar's link → (its text, what it does in words for a screen reader)."""
    return {
        policy.SHOW_MEMBER: ("Member cookie", f"Select the {site_name} member cookie"),
        policy.SHOW_SITE: (f"{capitalised(site_name)} cookies", f"Show the {site_name} cookies"),
        policy.SHOW_ADS: ("Ad companies", "Show the ad-company cookies"),
        # the site's cookies only, as the policy's own "Delete … now" link beside its words
        policy.DELETE_NOW: (f"Delete {site_name} cookies…", f"Delete the {site_name} cookies "
                            "now, as the policy advises: opens the deletion preview"),
    }
