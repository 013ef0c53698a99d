"""The status bar's permanent counts: every cookie of the scan, the site's, the ad companies',
the trackers', how many rows the filters show and how many are selected. Permanent widgets sit
on the right of the bar, so the passing messages (statusBar().showMessage) keep the left."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QLabel, QStatusBar

from cookiedesk.model import Cookie
from cookiedesk.ui.cookie_model import category
from cookiedesk.ui.site import NO_SITE, capitalised


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


class StatusCounts:
    """Labels added to `bar` as permanent widgets; each has an accessible name that says what
    it counts, for a screen reader that reads the bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.site_name = NO_SITE
        self.total, self.site, self.ads, self.trackers, self.shown, self.selected = (
            QLabel() for _ in range(6))
        for label in (self.total, self.site, self.ads, self.trackers, self.shown,
                      self.selected):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)
        self._kinds: Counter[str] = Counter()
        self._all = 0
        self.show_scan([])
        self.show_rows(0, 0)

    def set_site_name(self, name: str) -> None:
        self.site_name = name
        self._show_kinds()

    def show_scan(self, cookies: list[Cookie]) -> None:
        """The scan's counts, whatever the filters show."""
        self._all = len(cookies)
        self._kinds = Counter(category(c) for c in cookies)
        self._show_kinds()

    def show_rows(self, shown: int, selected: int) -> None:
        self.shown.setText(f"{shown} shown")
        self.shown.setAccessibleName(f"{_counted(shown, 'cookie', 'cookies')} shown by the "
                                     "filters")
        self.selected.setText(f"{selected} selected")
        self.selected.setAccessibleName(f"{_counted(selected, 'cookie', 'cookies')} selected")

    def _show_kinds(self) -> None:
        for label, text, spoken in (
                (self.total, _counted(self._all, "cookie", "cookies"),
                 "cookies found, in every browser"),
                (self.site, f"{capitalised(self.site_name)}: {self._kinds['site']}",
                 f"{self.site_name} cookies"),
                (self.ads, f"Ad companies: {self._kinds['ad']}", "ad-company cookies"),
                (self.trackers, f"Trackers: {self._kinds['tracker']}", "tracker cookies")):
            label.setText(text)
            label.setAccessibleName(f"{spoken}: {text}")
