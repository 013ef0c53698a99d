"""The preview before deleting: exactly what will go, grouped by browser and profile, which
stores are held by a running browser (with Retry), and the promise of a backup."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from cookiedesk.model import Cookie
from cookiedesk.safety.delete import Plan


class DeletePreview(QDialog):
    def __init__(self, deletion: Plan, cookies: list[Cookie],
                 check_running: Callable[[], list[str]], parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.setWindowTitle("Delete cookies")
        self.setAccessibleName("Delete cookies preview")
        self._check_running = check_running
        self.summary = QLabel(
            f"<b>{deletion.total} cookies will be deleted.</b> A backup is kept; you can undo "
            "(Edit → Undo last deletion)." + (
                f"<br>{deletion.kept} cookies on your keep-list stay." if deletion.kept else ""))
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["What", "Cookies"])
        self.tree.setAccessibleName("Cookies to delete, by browser and profile")
        by_store: dict[str, list[Cookie]] = {}
        for cookie in cookies:
            by_store.setdefault(cookie.store_id, []).append(cookie)
        for store_plan in deletion.stores:
            chosen = [c for c in by_store.get(store_plan.store.id, [])
                      if any(c.key == k for k in store_plan.keys)]
            top = QTreeWidgetItem([store_plan.store.label, str(len(store_plan.keys))])
            for cookie in chosen:
                partition = f"  [{cookie.partition}]" if cookie.partition else ""
                company = cookie.verdict.company if cookie.verdict and cookie.verdict.company \
                    else ""
                top.addChild(QTreeWidgetItem([f"{cookie.host} — {cookie.name}{partition}",
                                              company]))
            self.tree.addTopLevelItem(top)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.running = QLabel()
        self.running.setWordWrap(True)
        self.running.setAccessibleName("Browsers to close first")
        self.retry = QPushButton("Retry")
        self.retry.setAccessibleName("Check again whether the browsers are closed")
        self.retry.clicked.connect(self.refresh)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.delete_button = self.buttons.addButton(
            f"Delete {deletion.total} cookies", QDialogButtonBox.ButtonRole.AcceptRole)
        self.delete_button.setAccessibleName("Delete the cookies listed")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.tree, self.running, self.retry, self.buttons):
            layout.addWidget(widget)
        self.resize(640, 420)
        self.refresh()

    def refresh(self) -> None:
        held = self._check_running()
        self.running.setText("<br>".join(f"⚠ {line}" for line in held))
        self.running.setVisible(bool(held))
        self.retry.setVisible(bool(held))
        self.delete_button.setEnabled(not held)
