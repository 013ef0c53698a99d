"""Help → Copy report / Save report…: the support report (no cookie values), built and saved
off the GUI thread by the operations controller; the clipboard and the status bar say so."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from cookiedesk.stores.scan import ScanResult
from cookiedesk.ui.controller import Operations


class ReportFlow:
    """`result`: the window's current scan (None before the first)."""

    def __init__(self, parent: QWidget, ops: Operations, result: Callable[[], ScanResult | None],
                 status: Callable[[str], None]) -> None:
        self._parent, self._ops, self._result, self._status = parent, ops, result, status
        self.save_dialog: QFileDialog | None = None
        ops.report_built.connect(self._built)
        ops.report_saved.connect(lambda path: status(f"Report saved to {path}."))

    def copy(self) -> None:
        result = self._result()
        if result is not None:
            self._ops.build_report(result)

    def _built(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._status("The support report is on the clipboard (no cookie values are in it).")

    def save(self) -> None:
        # non-blocking (open(), not exec()): no nested event loop
        self.save_dialog = QFileDialog(self._parent, "Save report", "cookiedesk-report.txt",
                                       "Text files (*.txt)")
        self.save_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.save_dialog.fileSelected.connect(self._chosen)
        self.save_dialog.open()

    def _chosen(self, path: str) -> None:
        result = self._result()
        if result is not None:
            self._ops.save_report(Path(path), result)
