"""The window's messages and its "working" row: the banner at the top (problems, the demo),
and a progress bar with Cancel while work on the stores runs."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget


class WorkStatus(QWidget):
    """The progress row; `banner` is laid out apart, above the filter bar."""

    def __init__(self) -> None:
        super().__init__()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAccessibleName("Messages")
        self.banner.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Working")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the work in progress")
        self.cancel_button.setVisible(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)

    def busy(self, text: str, cancel_text: str, actions: tuple[QAction, ...]) -> None:
        """`cancel_text` "Cancel" abandons a scan; other words stop a write between stores."""
        self.progress.setVisible(True)
        self.progress.setFormat(text)
        self.cancel_button.setText(cancel_text)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        for item in actions:
            item.setEnabled(False)

    def idle(self, actions: tuple[QAction, ...]) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        for item in actions:
            item.setEnabled(True)

    def show_banner(self, html: str) -> None:
        self.banner.setText(html)
        self.banner.setVisible(True)
