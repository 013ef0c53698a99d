"""How every deletion and every undo ends in the window: the operations layer's own summary
lines (the words `cookiedesk delete` and `cookiedesk restore` print) and, for a deletion, its
confirmation code large, bold and selectable, so that support staff can have it read out or
copied, with Undo beside it. The guide's last page shows the same view."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

SELECTABLE = (Qt.TextInteractionFlag.TextSelectableByMouse
              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
CODE_PREFIX = "Confirmation code: "


class SummaryView(QWidget):
    """The summary lines, then the confirmation code (hidden when there is none)."""

    def __init__(self, code_scale: float = 1.8) -> None:
        super().__init__()
        self.lines = QLabel()
        self.lines.setTextFormat(Qt.TextFormat.PlainText)
        self.lines.setWordWrap(True)
        self.lines.setTextInteractionFlags(SELECTABLE)
        self.lines.setAccessibleName("What was done")
        self.code = QLabel()
        self.code.setTextFormat(Qt.TextFormat.PlainText)
        self.code.setAccessibleName("Confirmation code")
        self.code.setTextInteractionFlags(SELECTABLE)
        self.code.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # reachable by Tab, to copy it
        font = QFont(self.code.font())
        font.setPointSizeF(font.pointSizeF() * code_scale)
        font.setBold(True)
        font.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 3)
        self.code.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.lines)
        layout.addWidget(self.code)

    def show_lines(self, lines: list[str], code: str | None = None) -> None:
        """`lines` as the operations layer wrote them; its code line is shown once, large."""
        code_line = f"{CODE_PREFIX}{code}"
        self.lines.setText("\n".join(line for line in lines if not code or line != code_line))
        self.code.setText(f"{CODE_PREFIX}{code}" if code else "")
        self.code.setVisible(bool(code))


class SummaryBox(QDialog):
    """`undo_requested`: put this deletion back (the button shows only when it can)."""

    undo_requested = Signal()

    def __init__(self, title: str, lines: list[str], code: str | None, can_undo: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self._lines = lines
        self.view = SummaryView()
        self.view.show_lines(lines, code)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.undo_button = self.buttons.addButton("&Undo",
                                                  QDialogButtonBox.ButtonRole.ActionRole)
        self.undo_button.setAccessibleName("Undo this deletion")
        self.undo_button.setToolTip("Put these cookies back (Alt+U here; Ctrl+Z in the window)")
        self.undo_button.setVisible(can_undo)
        self.undo_button.clicked.connect(self._undo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addStretch(1)  # any spare height below the text, not around it
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)

    def text(self) -> str:
        """The summary lines, as the command line prints them."""
        return "\n".join(self._lines)

    def code_text(self) -> str:
        return self.view.code.text()

    def _undo(self) -> None:
        self.accept()
        self.undo_requested.emit()
