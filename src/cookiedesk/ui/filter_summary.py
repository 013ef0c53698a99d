"""What is filtering the table, said in one line ("Showing: Firefox — default · Ad companies ·
“doubl”"), with the one button that clears it all. The chips alone could not say it: "All" is
not all when a browser is picked in the sources tree."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

RESET_SHORTCUT = "Ctrl+Shift+A"
EVERYTHING = "all cookies of every browser"


def describe(sources: list[str], chip: str | None, text: str) -> str:
    """The filters in force: the browsers or profiles picked, the chip (None: "All"), the
    filter text."""
    parts = [", ".join(sources)] if sources else []
    parts += [chip] if chip else []
    parts += [f"“{text}”"] if text else []
    return "Showing: " + (" · ".join(parts) if parts else EVERYTHING)


class FilterSummary(QWidget):
    """`reset_requested`: show every cookie again (the button or its shortcut)."""

    reset_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.line = QLabel(describe([], None, ""))
        self.line.setAccessibleName("Filters in force")
        self.line.setTextFormat(Qt.TextFormat.PlainText)
        self.line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.show_all = QPushButton("Show all")
        self.show_all.setAccessibleName("Show all cookies")
        self.show_all.setShortcut(QKeySequence(RESET_SHORTCUT))
        shortcut = QKeySequence(RESET_SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)
        self.show_all.setToolTip(f"Clear the filter text, the chip and the browser choice "
                                 f"({shortcut}, or Esc in the filter box)")
        self.show_all.setEnabled(False)
        self.show_all.clicked.connect(self.reset_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line, 1)
        row.addWidget(self.show_all)

    def show_filters(self, sources: list[str], chip: str | None, text: str) -> None:
        self.line.setText(describe(sources, chip, text))
        # off (out of the tab order, its shortcut idle) while nothing filters: nothing to clear
        self.show_all.setEnabled(bool(sources or chip or text))
