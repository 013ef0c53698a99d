"""What can be done to the table's rows, by mouse (right-click) and keyboard alike.

The right-click menu, also opened by the Menu key or Shift+F10, holds copy host, copy name,
select all of this site, delete, keep this site and show details, each with its shortcut
shown. Ctrl+A selects every visible row, Ctrl+C copies the selected rows as tab-separated
text with a header line. Nothing here ever copies a cookie's value: the rows carry none, and
the text comes from `export`, which builds rows from named fields only.

Delete and keep are the window's own actions (the same deletion flow, the same keep-list);
the copy and select actions are the table's, active while it has focus, so that Ctrl+C in the
filter box still copies the box's text.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMenu, QTableView

from cookiedesk import export
from cookiedesk.ui.cookie_model import CookieTableModel


class TableMenu:
    """`delete` and `keep`: the window's actions; `show_details`: bring the details pane to
    the eye (and focus); `status`: a passing message for the status bar."""

    def __init__(self, table: QTableView, model: CookieTableModel, delete: QAction,
                 keep: QAction, show_details: Callable[[], None],
                 status: Callable[[str], None]) -> None:
        self._table, self._model = table, model
        self._show_details, self._status = show_details, status

        def action(text: str, slot: Callable[[], object],
                   shortcut: str | QKeySequence.StandardKey) -> QAction:
            item = QAction(text, table)
            item.setShortcut(QKeySequence(shortcut))
            # the table's own keys: active while focus is in the table
            item.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            item.triggered.connect(slot)
            table.addAction(item)
            return item

        self.copy_rows = action("Copy rows (without values)", self.copy_selected_rows,
                                QKeySequence.StandardKey.Copy)
        self.select_all = action("Select all rows", table.selectAll,
                                 QKeySequence.StandardKey.SelectAll)
        self.copy_host = action("Copy host", lambda: self._copy_field("host"), "Ctrl+Shift+H")
        self.copy_name = action("Copy name", lambda: self._copy_field("name"), "Ctrl+Shift+N")
        self.select_site = action("Select all of this site", self.select_this_site,
                                  "Ctrl+Alt+A")  # Ctrl+Shift+A is Show all
        self.details = action("Show details", self.show_details, "Ctrl+I")
        self.open_menu = action("Open the row menu", self.popup_at_current, "Shift+F10")
        self.delete, self.keep = delete, keep
        self.menu = QMenu(table)
        self.menu.setAccessibleName("Cookie row menu")
        for item in (self.copy_host, self.copy_name, self.copy_rows, None, self.select_site,
                     self.select_all, None, self.delete, self.keep, None, self.details):
            if item is None:
                self.menu.addSeparator()
            else:
                self.menu.addAction(item)
        # the Menu key sends a context-menu request too, at the current row
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self.popup)

    # ------------------------------------------------------------------------ the menu

    def popup(self, where: QPoint) -> None:
        """At `where` in the table's viewport: the row there becomes "this row"."""
        index = self._table.indexAt(where)
        if index.isValid():
            self._make_current(index.row())
        self._enable()
        self.menu.popup(self._table.viewport().mapToGlobal(where))

    def popup_at_current(self) -> None:
        current = self._table.currentIndex()
        if current.isValid():
            rect = self._table.visualRect(current)
            self.popup(QPoint(rect.left() + 8, rect.bottom()))  # the row stays in view
        else:
            self.popup(QPoint(8, 8))

    def _enable(self) -> None:
        has_row = self._this_row() is not None
        for item in (self.copy_host, self.copy_name, self.select_site, self.details):
            item.setEnabled(has_row)
        self.copy_rows.setEnabled(bool(self._selected_rows()))

    # ------------------------------------------------------------------------ commands

    def _selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self._table.selectionModel().selectedRows()})

    def _this_row(self) -> int | None:
        current = self._table.currentIndex()
        if current.isValid():
            return current.row()
        rows = self._selected_rows()
        return rows[0] if rows else None

    def copy_selected_rows(self) -> None:
        rows = self._selected_rows()
        if not rows:
            self._status("Select the rows to copy first (Ctrl+A selects every row shown).")
            return
        cookies = [self._model.cookie(r) for r in rows]
        QGuiApplication.clipboard().setText(export.as_tsv(cookies))
        self._status(f"Copied {len(cookies)} {'row' if len(cookies) == 1 else 'rows'} "
                     "(no cookie values).")

    def _copy_field(self, field: str) -> None:
        this = self._this_row()
        rows = self._selected_rows() or ([] if this is None else [this])
        values = dict.fromkeys(str(getattr(self._model.cookie(r), field)) for r in rows)
        if values:
            QGuiApplication.clipboard().setText("\n".join(values))

    def select_this_site(self) -> None:
        row = self._this_row()
        if row is None:
            return
        rows = self._model.rows_of_site(self._model.site(row))
        selection = QItemSelection()
        last_column = self._model.columnCount() - 1
        start = previous = rows[0]
        for number in [*rows[1:], None]:  # one range per run of neighbouring rows
            if number is not None and number == previous + 1:
                previous = number
                continue
            selection.select(self._model.index(start, 0), self._model.index(previous,
                                                                              last_column))
            if number is not None:
                start = previous = number
        flags = (QItemSelectionModel.SelectionFlag.ClearAndSelect
                 | QItemSelectionModel.SelectionFlag.Rows)
        self._table.selectionModel().select(selection, flags)

    def show_details(self) -> None:
        row = self._this_row()
        if row is not None:
            self._make_current(row)
        self._show_details()

    def _make_current(self, row: int) -> None:
        """The row becomes "this row"; a row outside the selection becomes the selection
        (not by selectRow: that reads the keyboard's modifiers, and a Shift still held from
        Shift+F10 would select a range)."""
        selection = self._table.selectionModel()
        index = self._model.index(row, 0)
        flags = QItemSelectionModel.SelectionFlag
        if not selection.isRowSelected(row):
            selection.select(index, flags.ClearAndSelect | flags.Rows)
        selection.setCurrentIndex(index, flags.NoUpdate)

