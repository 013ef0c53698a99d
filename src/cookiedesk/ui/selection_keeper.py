"""The table's selection across model resets. Every filter change, rescan, deletion or undo
resets the model, which clears the selection without a selectionChanged signal: the details
pane would go on showing a cookie that is gone or filtered away. Here the selected cookies are
remembered by their identity in their store (not their row id, which an undo may change) and
selected again if they are still shown; `settled` then tells the window to show what is
selected now, which may be nothing.

They are remembered as the selection changes, not when the reset begins: by then the model may
already hold the new scan's cookies (set_cookies replaces them before it resets)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QObject, Signal
from PySide6.QtWidgets import QTableView

from cookiedesk.model import Cookie
from cookiedesk.ui.cookie_model import CookieTableModel

# Reselecting asks Python for every shown row's key: worth it for the few rows people pick,
# not for a select-all of 100,000 rows, which a filter change simply clears.
MOST_KEPT = 5_000

Identity = tuple[str, tuple[str | int, ...]]


def identity(cookie: Cookie) -> Identity:
    return cookie.key.store_id, cookie.key.natural


class SelectionKeeper(QObject):
    settled = Signal()

    def __init__(self, table: QTableView, model: CookieTableModel) -> None:
        super().__init__(table)
        self.table, self.model = table, model
        self._kept: set[Identity] = set()
        self._current: Identity | None = None
        # after the selection model's own reset slot, which clears the selection
        model.modelReset.connect(self._restore)
        selections = table.selectionModel()
        selections.selectionChanged.connect(self._remember)
        selections.currentChanged.connect(self._remember)

    def _remember(self, *_: object) -> None:
        rows = self.table.selectionModel().selectedRows()
        self._kept = ({identity(self.model.cookie(i.row())) for i in rows}
                      if len(rows) <= MOST_KEPT else set())
        current = self.table.currentIndex()
        self._current = (identity(self.model.cookie(current.row()))
                         if current.isValid() and self._kept else None)

    def _restore(self) -> None:
        kept, self._kept = self._kept, set()
        if kept:
            model = self.model
            rows = [row for row in range(model.rowCount())
                    if identity(model.cookie(row)) in kept]
            if rows:
                self._select(rows)
        self.settled.emit()

    def _select(self, rows: list[int]) -> None:
        model = self.model
        current = next((r for r in rows if identity(model.cookie(r)) == self._current),
                       rows[0])
        select_rows(self.table, rows, current)


def select_rows(table: QTableView, rows: list[int], current: int) -> None:
    """Select whole `rows` (in order) in one go and make `current` the current row."""
    model = table.model()
    last = model.columnCount() - 1
    selection = QItemSelection()
    start = previous = rows[0]
    for row in [*rows[1:], -1]:  # runs of consecutive rows, one range each
        if row != previous + 1:
            selection.select(model.index(start, 0), model.index(previous, last))
            start = row
        previous = row
    selections = table.selectionModel()
    selections.setCurrentIndex(model.index(current, 0),
                               QItemSelectionModel.SelectionFlag.NoUpdate)
    selections.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)
