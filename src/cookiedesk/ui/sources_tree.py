"""The sources tree: browsers, their profiles and stores, each with its cookie count; the
selection narrows the table to those stores."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem

from cookiedesk.stores.scan import ScanResult

LabelRole = Qt.ItemDataRole.UserRole + 1  # how the filter summary names the row


class SourcesTree(QTreeWidget):
    """`stores_chosen(list[str] | None)`: the store ids selected (None: all)."""

    stores_chosen = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels(["Browsers and profiles", "Cookies"])
        self.setAccessibleName("Browsers and profiles")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.itemSelectionChanged.connect(self._selection_changed)

    def fill(self, result: ScanResult) -> None:
        self.clear()
        by_browser: dict[str, QTreeWidgetItem] = {}
        for scanned in result.stores:
            store = scanned.store
            name = f"{store.browser} ({store.variant})" if store.variant else store.browser
            parent = by_browser.get(name)
            if parent is None:
                parent = by_browser[name] = QTreeWidgetItem([name, ""])
                parent.setData(0, LabelRole, name)
                self.addTopLevelItem(parent)
            count = "error" if scanned.error else str(len(scanned.cookies))
            kind = " (session file)" if store.kind.value == "session" else ""
            badge = "  ● running" if store.running else ""
            item = QTreeWidgetItem([f"{store.profile}{kind}{badge}", count])
            item.setData(0, Qt.ItemDataRole.UserRole, store.id)
            item.setData(0, LabelRole, f"{name} — {store.profile}{kind}")
            item.setToolTip(0, f"{store.path}\n{scanned.running_reason}".strip())
            parent.addChild(item)
        for name, parent in by_browser.items():
            counts = [child.text(1) for i in range(parent.childCount())
                      if (child := parent.child(i)) is not None]
            total = sum(int(count) for count in counts if count.isdigit())
            parent.setText(1, str(total))
            parent.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name}, {total} cookies")
        self.expandAll()
        self.resizeColumnToContents(0)

    def chosen_stores(self) -> list[str] | None:
        """A browser's row stands for all its stores."""
        selected = self.selectedItems()
        chosen = [i.data(0, Qt.ItemDataRole.UserRole) for i in selected]
        chosen += [child.data(0, Qt.ItemDataRole.UserRole)
                   for i in selected for c in range(i.childCount())
                   if (child := i.child(c)) is not None]
        store_ids = [s for s in chosen if s]
        return store_ids or None

    def chosen_labels(self) -> list[str]:
        """The picked rows as the filter summary names them ("Firefox — default"); a profile
        under a picked browser is not named twice."""
        selected = self.selectedItems()
        return [str(item.data(0, LabelRole)) for item in selected
                if item.parent() not in selected]

    def _selection_changed(self) -> None:
        self.stores_chosen.emit(self.chosen_stores())
