"""File → Export cookies…: the selected rows, or every row the filters show when none is
selected, to CSV or JSON (never a value) for a support ticket.

The dialog is non-blocking (open(), not exec()), its title says which rows go; the file is
written off the GUI thread by the operations controller, and the status bar says how many
cookies went where ("Exported 12 cookies to …"); a failure is the window's banner sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from cookiedesk.model import Cookie
from cookiedesk.ui.controller import Operations
from cookiedesk.wording import plural

CSV_FILTER, JSON_FILTER = "CSV files (*.csv)", "JSON files (*.json)"


class ExportFlow:
    """`selected` and `shown`: the selected rows' cookies and the filtered rows' cookies."""

    def __init__(self, parent: QWidget, ops: Operations, selected: Callable[[], list[Cookie]],
                 shown: Callable[[], list[Cookie]], status: Callable[[str], None]) -> None:
        self._parent, self._ops = parent, ops
        self._selected, self._shown, self._status = selected, shown, status
        self.dialog: QFileDialog | None = None
        ops.exported.connect(self._exported)

    def chosen(self) -> tuple[list[Cookie], str]:
        """The cookies to export and which they are, in words."""
        selected = self._selected()
        if selected:
            return selected, f"{plural(len(selected), 'selected cookie')}"
        shown = self._shown()
        return shown, f"the {plural(len(shown), 'cookie')} shown"

    def ask(self) -> None:
        cookies, which = self.chosen()
        if not cookies:
            self._status("There are no cookies to export: no row is shown.")
            return
        self.dialog = QFileDialog(self._parent, f"Export {which} (no values)",
                                  str(Path.home() / "cookiedesk-cookies.csv"),
                                  f"{CSV_FILTER};;{JSON_FILTER}")
        self.dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.dialog.setDefaultSuffix("csv")
        self.dialog.filterSelected.connect(
            lambda chosen: self.dialog.setDefaultSuffix("json" if chosen == JSON_FILTER
                                                        else "csv") if self.dialog else None)
        # the rows as they were when the dialog opened, not after a rescan meanwhile
        self.dialog.fileSelected.connect(lambda path: self.export_to(Path(path), cookies))
        self.dialog.open()

    def export_to(self, path: Path, cookies: list[Cookie] | None = None) -> None:
        self._ops.export(path, self.chosen()[0] if cookies is None else cookies)

    def _exported(self, path: str, count: int) -> None:
        self._status(f"Exported {plural(count, 'cookie')} to {path} (no cookie values).")
