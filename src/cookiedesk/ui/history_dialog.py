"""Edit → Deletion history…: every backup with its time, confirmation code, counts and state,
and Restore for any one of them (not only the newest).

The rows are the core's (operations.history, the rows `cookiedesk backups` prints), read off
the GUI thread; a restore goes through the writer queue (Operations.restore_backup) and ends
with the operations layer's own RestoreSummary lines, then the list is read again and the
window rescans. A damaged backup is listed, and Restore on it is refused with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cookiedesk.model import Store
from cookiedesk.operations.history import HistoryRow
from cookiedesk.operations.restoring import RestoreSummary
from cookiedesk.ui.controller import Operations
from cookiedesk.ui.rows_model import Index, RowsModel

HEADERS = ("When", "Code", "Deleted", "Restored", "State", "Stores")


def when_shown(created: str) -> str:
    """"2026-11-24T10:12:39Z" (the backup's UTC time) in the computer's own time zone, as the
    user remembers it: "2026-11-24 11:12:39 CET". Anything else is shown as it is."""
    if not created:
        return "—"
    try:
        moment = datetime.strptime(created, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    except ValueError:
        return created
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S %Z").strip()


class HistoryModel(RowsModel[HistoryRow]):
    def __init__(self) -> None:
        super().__init__(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (when_shown(row.created), row.code or "—", str(row.deleted), str(row.restored),
                    row.shown_state, ", ".join(row.stores))[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.problem or f"backup {row.id}"
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class HistoryDialog(QDialog):
    """`stores`: the stores the window's last scan found (a restore writes only into those);
    `restored`: called after a restore (the window rescans)."""

    def __init__(self, ops: Operations, stores: Callable[[], list[Store]],
                 restored: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self._stores, self._restored = ops, stores, restored
        self.setWindowTitle("Deletion history")
        self.setAccessibleName("Deletion history")
        self.model = HistoryModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Past deletions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab goes on to the buttons
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.restore_button = QPushButton("&Restore this deletion")
        self.restore_button.setAccessibleName("Restore the selected deletion")
        self.restore_button.setToolTip("Put back the cookies the selected deletion removed "
                                       "(Alt+R)")
        self.message = QLabel("Reading the backups…")
        self.message.setAccessibleName("History message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.working = False
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        column = QVBoxLayout(self)
        column.addWidget(self.table, 1)
        column.addWidget(self.message)
        column.addWidget(buttons)
        self.resize(860, 420)
        self.restore_button.clicked.connect(self.restore_selected)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())
        ops.history_read.connect(self._show_rows)
        ops.backup_restored.connect(self._done)
        ops.restore_refused.connect(self._refused)
        self._selection_changed()
        self.refresh()

    def refresh(self) -> None:
        self.ops.read_history()

    def selected(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.rows[rows[0].row()] if rows else None

    def select(self, backup_id: str) -> None:
        for number, row in enumerate(self.model.rows):
            if row.id == backup_id:
                self.table.selectRow(number)

    def _show_rows(self, rows: list[HistoryRow]) -> None:
        chosen = self.selected()
        self.model.set_rows(rows)
        if not self.working and self.message.text() == "Reading the backups…":
            self.message.setText("" if rows else "Nothing has been deleted yet.")
        if chosen is not None:
            self.select(chosen.id)
        elif rows:
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self, *_: object) -> None:
        row = self.selected()
        self.restore_button.setEnabled(not self.working and row is not None and row.restorable)
        if row is not None and row.problem and not self.working:
            self.message.setText(row.problem)

    def restore_selected(self) -> None:
        row = self.selected()
        if row is None or self.working:
            return
        if not row.restorable:
            why = row.problem or f"backup {row.id} is {row.state}"
            self.message.setText(f"Not restored: {why}.")
            return
        self.working = True
        self._selection_changed()
        self.message.setText(f"Putting back the cookies of backup {row.id}…")
        self.ops.restore_backup(row.id, self._stores())

    def _done(self, summary: RestoreSummary) -> None:
        self.working = False
        self.message.setText("\n".join(summary.lines()))
        self.refresh()
        self._restored()

    def _refused(self, why: str) -> None:
        self.working = False
        self.message.setText(f"Not restored: {why}.")
        self.refresh()


def open_history(ops: Operations, stores: Callable[[], list[Store]],
                 restored: Callable[[], None], parent: QWidget | None) -> HistoryDialog:
    dialog = HistoryDialog(ops, stores, restored, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
