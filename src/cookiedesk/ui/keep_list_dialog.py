"""Edit → Keep-list…: the domains whose cookies no filter deletes, with Add and Remove.

The list is read and written off the GUI thread (Operations.read_keep_list / Operations.keep);
after a change the classifier reloads, so the table's kept cookies say "(kept)", and the list
here is read again. What the user types is checked by the core's rule (userlists.keep_entry)
before anything is written, and a refusal is said in the dialog in words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cookiedesk.classify.userlists import ListError, keep_entry
from cookiedesk.ui.controller import Operations

# (domains, add): the window's own keep-list change, which also rescans with the new verdicts
ChangeKeepList = Callable[[set[str], bool], None]


class KeepListDialog(QDialog):
    def __init__(self, ops: Operations, change: ChangeKeepList,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ops, self._change = ops, change
        self.setWindowTitle("Keep-list")
        self.setAccessibleName("Keep-list")
        self.model = QStringListModel(self)
        self.domains = QListView()
        self.domains.setModel(self.model)
        self.domains.setAccessibleName("Kept domains")
        self.domains.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.domains.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.domains.installEventFilter(self)
        self.entry = QLineEdit()
        self.entry.setAccessibleName("Domain to keep")
        self.entry.setPlaceholderText("example.com or www.example.com")
        self.add_button = QPushButton("&Add")
        self.add_button.setAccessibleName("Add to the keep-list")
        self.add_button.setToolTip("Add the domain to the keep-list (Enter)")
        self.remove_button = QPushButton("&Remove")
        self.remove_button.setAccessibleName("Remove from the keep-list")
        self.remove_button.setToolTip("Remove the selected domains (Delete)")
        self.message = QLabel()
        self.message.setAccessibleName("Keep-list message")
        self.message.setWordWrap(True)
        self._layout()
        self.add_button.clicked.connect(self.add_typed)
        self.remove_button.clicked.connect(self.remove_selected)
        self.domains.selectionModel().selectionChanged.connect(self._selection_changed)
        ops.keep_list_read.connect(self._show_list)
        ops.classifier_loaded.connect(self._list_changed)  # the reload after a change
        self._selection_changed()
        self.add_button.setDefault(True)
        self.entry.setFocus()  # typing a domain is what one comes here for
        self.refresh()

    def _layout(self) -> None:
        explain = QLabel("Cookies of these sites and hosts are never deleted by a filter, the "
                         "guided cleanup or the toolbar's delete buttons.")
        explain.setWordWrap(True)
        adding = QHBoxLayout()
        adding.addWidget(self.entry, 1)
        adding.addWidget(self.add_button)
        adding.addWidget(self.remove_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        for button in close.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)  # Return adds what was typed; Esc closes
        column = QVBoxLayout(self)
        column.addWidget(explain)
        column.addWidget(self.domains, 1)
        column.addLayout(adding)
        column.addWidget(self.message)
        column.addWidget(close)
        self.resize(460, 420)

    def refresh(self) -> None:
        self.ops.read_keep_list()

    def kept(self) -> list[str]:
        return self.model.stringList()

    def _show_list(self, domains: list[str]) -> None:
        self.model.setStringList(domains)
        self._selection_changed()

    def _list_changed(self, _loaded: object) -> None:
        self._set_busy(False)
        self.refresh()

    def _selection_changed(self, *_: object) -> None:
        self.remove_button.setEnabled(bool(self.domains.selectionModel().selectedRows()))

    def _set_busy(self, busy: bool) -> None:
        # the entry keeps its focus: Return there is Add (the default button), never Close
        self.add_button.setEnabled(not busy)
        if busy:
            self.remove_button.setEnabled(False)

    def add_typed(self) -> None:
        if not self.add_button.isEnabled():
            return  # the last change is still being written
        try:
            domain = keep_entry(self.entry.text())
        except ListError as exc:
            self.message.setText(str(exc))
            return
        if domain in self.kept():
            self.message.setText(f"{domain} is already on the keep-list.")
            return
        self.message.setText(f"Added {domain}: its cookies are kept.")
        self.entry.clear()
        self._set_busy(True)
        self._change({domain}, True)

    def remove_selected(self) -> None:
        chosen = {index.data() for index in self.domains.selectionModel().selectedRows()}
        if not chosen:
            return
        self.message.setText("Removed " + ", ".join(sorted(chosen))
                             + ": filters may delete their cookies again.")
        self._set_busy(True)
        self._change(chosen, False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.domains and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) and event.matches(QKeySequence.StandardKey.Delete):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)


def open_keep_list(ops: Operations, change: ChangeKeepList,
                   parent: QWidget | None) -> KeepListDialog:
    dialog = KeepListDialog(ops, change, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
