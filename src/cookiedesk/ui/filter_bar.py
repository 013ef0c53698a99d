"""The filter bar: the filter box and the category chips with their counts.

Typing is coalesced: each keystroke restarts a zero-interval single-shot timer, so however many
keystrokes (or a paste, or setText calls) arrive before the event loop runs, the table is
filtered once, with the last text. That is event-loop coalescing, not a delay: the filter runs
as soon as the loop is free, and one pass at 100,000 rows stays within a keystroke's budget."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cookiedesk.operations.counting import Counts, short, will_be_deleted
from cookiedesk.ui.site import NO_SITE, capitalised

# (category, label); the site chip's label is the site's name (set_site_name)
CHIPS: tuple[tuple[str | None, str], ...] = (
    (None, "All"), ("site", capitalised(NO_SITE)), ("ad", "Ad companies"),
    ("tracker", "Trackers"), ("other", "Other"))
SITE_CHIP = 1


class FilterBar(QWidget):
    """`text_filter(str)`: the text to filter by, once per burst of typing;
    `category_chosen(str | None)`: a chip was picked (None: all)."""

    text_filter = Signal(str)
    category_chosen = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.labels = [text for _, text in CHIPS]
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter by host, name or company")
        self.filter_box.setAccessibleName("Filter cookies")
        self.filter_box.setClearButtonEnabled(True)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(0)
        self._typing.timeout.connect(lambda: self.text_filter.emit(self.filter_box.text()))
        self.filter_box.textChanged.connect(lambda _: self._typing.start())
        self.chips = QButtonGroup(self)
        chip_row = QHBoxLayout()
        chip_row.setContentsMargins(0, 0, 0, 0)
        for number, text in enumerate(self.labels):
            chip = QPushButton(text)
            chip.setCheckable(True)
            chip.setAccessibleName(f"Show {text} cookies")
            chip.setChecked(number == 0)
            self.chips.addButton(chip, number)
            chip_row.addWidget(chip)
        chip_row.addStretch(1)
        self.chips.idClicked.connect(self._chip_clicked)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter_box)
        column.addLayout(chip_row)

    def set_site_name(self, name: str) -> None:
        self.labels[SITE_CHIP] = capitalised(name)
        self.chips.button(SITE_CHIP).setAccessibleName(f"Show {name} cookies")

    def pending(self) -> bool:
        """Typed text not yet filtered by (the event loop has not run since)."""
        return self._typing.isActive()

    def flush(self) -> None:
        """Filter by the typed text now (for a caller that needs the table up to date)."""
        if self._typing.isActive():
            self._typing.stop()
            self.text_filter.emit(self.filter_box.text())

    def choose(self, number: int) -> None:
        self.chips.button(number).setChecked(True)
        self._chip_clicked(number)

    def chosen(self) -> int:
        return self.chips.checkedId()

    def show_counts(self, counts: dict[str | None, Counts]) -> None:
        """Each chip's count is what deleting its rows removes; Firefox session cookies and
        kept ones are counted apart (counting.short), with the reason in the tooltip."""
        for number, (kind, _) in enumerate(CHIPS):
            found = counts.get(kind, Counts())
            chip = self.chips.button(number)
            chip.setText(f"{self.labels[number]} ({short(found)})")
            chip.setToolTip(will_be_deleted(found) if found.session_only or found.kept else "")

    def _chip_clicked(self, number: int) -> None:
        self.category_chosen.emit(CHIPS[number][0])
