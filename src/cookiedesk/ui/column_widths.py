"""Column widths: fitted to the cookies once, then the user's.

The first scan that has rows sizes the columns to their contents, with minimums that keep
Site, Host and Name readable ("adnxs.com", not "adnxs.c…") and a maximum that keeps one long
host from pushing the rest off screen. After that nothing resizes them: not a rescan, a delete
or an undo (the layout would jump under the user's eyes), and not when the window opened with
a remembered layout (window_state restores the header before the first scan).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableView

from cookiedesk.ui.cookie_model import Column

# in average character widths of the table's font
MINIMUM_CHARACTERS = {Column.SITE: 18, Column.HOST: 24, Column.NAME: 22}
MAXIMUM_CHARACTERS = 48
FIRST_COLUMNS = (Column.SITE, Column.HOST, Column.NAME, Column.BROWSER, Column.PROFILE)


class ColumnWidths:
    def __init__(self, table: QTableView) -> None:
        self._table = table
        self.fitted = False

    def _already_laid_out(self) -> bool:
        """A remembered layout was restored, or the user sized a column: some section is
        not at the header's default size."""
        header = self._table.horizontalHeader()
        default = header.defaultSectionSize()
        return any(header.sectionSize(c) != default for c in _sized(header))

    def fit_once(self) -> None:
        """After a scan: fit the columns if this is the first scan with rows and nobody has
        laid them out yet; otherwise leave them alone."""
        if self.fitted or self._table.model().rowCount() == 0:
            return
        self.fitted = True
        if self._already_laid_out():
            return
        table = self._table
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        # the same cookie in two browsers or profiles: say which where the eye is, beside
        # the name (a visual move only; the saved layout keeps it, or the user's own order)
        for place, first in enumerate(FIRST_COLUMNS):
            header.moveSection(header.visualIndex(first), place)
        character = table.fontMetrics().averageCharWidth()
        for column in _sized(header):
            least = MINIMUM_CHARACTERS.get(Column(column), 0) * character
            header.resizeSection(column, max(least, min(header.sectionSize(column),
                                                        MAXIMUM_CHARACTERS * character)))


def _sized(header: QHeaderView) -> list[int]:
    """The columns that have a width of their own: all but the last shown, which stretches."""
    stretching = header.logicalIndex(header.count() - 1)
    return [c for c in range(header.count()) if c != stretching]
