"""The view over the cookie model, as a keyboard user expects a table to behave.

- Tab leaves the table for the next control (QTableView's default walks cell by cell and never
  leaves: a keyboard trap); the arrow keys move between rows.
- Focus is visible: a frame in the palette's highlight colour while the table has focus (light
  and dark alike), and a current row as soon as focus arrives, so the first arrow key or Space
  has something to act on.
- One line per row: no word wrap, long hosts elided in the middle ("tracking.…adnxs.com")
  where both ends say something.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from cookiedesk.ui.cookie_model import Column, CookieTableModel

# palette(...) follows the application palette, so the frame is as clear in dark as in light;
# the unfocused frame is thin, its padding making up the width so that nothing moves
FOCUS_FRAME = ("CookieTable { border: 1px solid palette(mid); padding: 1px; }"
               "CookieTable:focus { border: 2px solid palette(highlight); padding: 0; }")


class CookieTable(QTableView):
    def __init__(self, model: CookieTableModel) -> None:
        super().__init__()
        self.setObjectName("cookie-table")
        self.setModel(model)
        self.setAccessibleName("Cookies")
        self.setTabKeyNavigation(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(FOCUS_FRAME)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # size columns from a sample of rows: measuring all of them asks Python for every cell
        header.setResizeContentsPrecision(200)
        # the model keeps a site's cookies together, sites A to Z; show that order
        header.setSortIndicator(Column.SITE, Qt.SortOrder.AscendingOrder)

    def focusInEvent(self, event: Any) -> None:  # Qt's name
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            # a current row, not a selection: the details pane stays as it is
            self.selectionModel().setCurrentIndex(self.model().index(0, 0),
                                                  QItemSelectionModel.SelectionFlag.NoUpdate)
        super().focusInEvent(event)


def cookie_table(model: CookieTableModel) -> CookieTable:
    return CookieTable(model)
