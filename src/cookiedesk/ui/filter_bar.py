"""The filter bar: the filter box and the category chips with their counts.

Typing is coalesced: each keystroke restarts a zero-interval single-shot timer, so however many
keystrokes (or a paste, or setText calls) arrive before the event loop runs, the table is
filtered once, with the last text. That is event-loop coalescing, not a delay: the filter runs
as soon as the loop is free, and one pass at 100,000 rows stays within a keystroke's budget.

The checked chip is drawn in the palette's highlight colours, in bold: the style's own checked
button is a shade darker than the others in a light palette and indistinguishable in a dark one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPalette, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cookiedesk.model import Category
from cookiedesk.operations.counting import Counts, short, will_be_deleted
from cookiedesk.ui.filter_summary import FilterSummary
from cookiedesk.ui.flow_layout import FlowLayout
from cookiedesk.ui.site import NO_SITE, capitalised

# (category, label); the site chip's label is the site's name (set_site_name)
CHIPS: tuple[tuple[str | None, str], ...] = (
    (None, "All"), (Category.SITE, capitalised(NO_SITE)), (Category.AD, "Ad companies"),
    (Category.TRACKER, "Trackers"), (Category.OTHER, "Other"))
SITE_CHIP = 1


class FilterBar(QWidget):
    """`text_filter(str)`: the text to filter by, once per burst of typing;
    `category_chosen(str | None)`: a chip was picked (None: all);
    `reset_requested`: text and chip are cleared, the sources' choice is to be cleared too."""

    text_filter = Signal(str)
    category_chosen = Signal(object)
    reset_requested = Signal()

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
        self.summary = FilterSummary()
        self.summary.reset_requested.connect(self.reset)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.filter_box)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.reset)
        self.filter_box.installEventFilter(self)
        self._sources: list[str] = []
        self._filtered_text = ""
        self.text_filter.connect(self._text_filtered)
        self.chips = QButtonGroup(self)
        self.chip_row = QWidget()  # carries the checked chip's style sheet
        chip_row = FlowLayout(self.chip_row)  # wraps: the chips' texts are long
        for number, text in enumerate(self.labels):
            chip = QPushButton(text)
            chip.setCheckable(True)
            chip.setAccessibleName(f"Show {text} cookies")
            chip.setChecked(number == 0)
            self.chips.addButton(chip, number)
            chip_row.addWidget(chip)
        self.chips.idClicked.connect(self._chip_clicked)
        self.chips.idToggled.connect(self._embolden)
        self._embolden(0, True)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.filter_box)
        column.addWidget(self.chip_row)
        column.addWidget(self.summary)
        self._style_chips()

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

    def show_sources(self, sources: list[str]) -> None:
        """The browsers or profiles picked in the sources tree, for the summary line."""
        self._sources = sources
        self._describe()

    def reset(self) -> None:
        """Every cookie again: no text (filtered at once, not at the next loop), the "All"
        chip; `reset_requested` asks for the sources' choice to go too."""
        self.filter_box.clear()
        self.flush()
        if self.chosen() != 0:
            self.choose(0)
        self.reset_requested.emit()

    def _chip_clicked(self, number: int) -> None:
        self.category_chosen.emit(CHIPS[number][0])
        self._describe()

    def _text_filtered(self, text: str) -> None:
        self._filtered_text = text.strip()
        self._describe()

    def _describe(self) -> None:
        number = self.chosen()
        self.summary.show_filters(self._sources, self.labels[number] if number > 0 else None,
                                  self._filtered_text)

    def _style_chips(self) -> None:
        """Every chip styled alike (so that they keep their size when checked), the checked one
        filled with the highlight colour; focus has its own border, in the text colour."""
        colour = self.palette().color
        role = QPalette.ColorRole
        highlight = colour(role.Highlight)
        sheet = (
            "QPushButton { "
            f"background-color: {colour(role.Button).name()}; "
            f"color: {colour(role.ButtonText).name()}; "
            f"border: 2px solid {_mix(colour(role.Button), colour(role.ButtonText)).name()}; "
            "border-radius: 4px; "
            "padding: 3px 10px; }"
            " QPushButton:hover { "
            f"border-color: {highlight.name()}; }}"
            " QPushButton:checked { "
            f"background-color: {highlight.name()}; "
            f"color: {colour(role.HighlightedText).name()}; "
            f"border-color: {highlight.darker(150).name()}; }}"
            " QPushButton:focus { "
            f"border-color: {colour(role.WindowText).name()}; }}")
        if self.chip_row.styleSheet() != sheet:
            self.chip_row.setStyleSheet(sheet)

    def _embolden(self, number: int, checked: bool) -> None:
        chip = self.chips.button(number)
        font = chip.font()
        font.setBold(checked)
        chip.setFont(font)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        # QLineEdit claims Ctrl+Z even with no typing to undo; then the window's "Undo last
        # deletion" (Ctrl+Z) could never run from the filter box, the first focus
        if watched is self.filter_box and event.type() == QEvent.Type.ShortcutOverride \
                and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.Undo) \
                and not self.filter_box.isUndoAvailable():
            event.ignore()
            return True
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._style_chips()  # light to dark or back: the highlight colours changed


def _mix(base: QColor, ink: QColor, share: float = 0.35) -> QColor:
    """`share` of `ink` over `base`: a border that is there, in light and dark palettes."""
    return QColor(*(round(b + (i - b) * share) for b, i in
                    ((base.red(), ink.red()), (base.green(), ink.green()),
                     (base.blue(), ink.blue()))))
