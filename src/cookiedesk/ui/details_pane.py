"""The details pane: every field of the selected cookie except its value, which stays hidden
until "Reveal value…" is asked for (and confirmed) in the window."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QWidget,
)

from cookiedesk.model import Cookie, Store
from cookiedesk.operations.counting import CLEARED_WHEN_FIREFOX_QUITS, session_only_reason

NOTHING_SELECTED = "No cookie selected."


class DetailsPane(QWidget):
    """`reveal_requested`: the user asked to see the one selected cookie's value."""

    reveal_requested = Signal()

    def __init__(self, in_session_file: Callable[[Cookie], bool] = lambda _: False) -> None:
        super().__init__()
        self._in_session_file = in_session_file
        self.details = QTextBrowser()
        self.details.setAccessibleName("Details of the selected cookie")
        self.details.setMaximumHeight(170)
        self.reveal = QPushButton("Reveal value…")
        self.reveal.setAccessibleName("Reveal the selected cookie's value")
        self.reveal.setEnabled(False)
        self.reveal.clicked.connect(self.reveal_requested)
        self.details.setPlainText(NOTHING_SELECTED)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.details, 1)
        row.addWidget(self.reveal, 0, Qt.AlignmentFlag.AlignTop)

    def show_cookies(self, chosen: list[Cookie]) -> None:
        self.reveal.setEnabled(len(chosen) == 1)
        if len(chosen) != 1:
            self.details.setPlainText(f"{len(chosen)} cookies selected" if chosen
                                      else NOTHING_SELECTED)
            return
        cookie = chosen[0]
        verdict = cookie.verdict
        rows = [
            ("Host", cookie.host), ("Name", cookie.name), ("Path", cookie.path),
            ("Browser", f"{cookie.browser} — {cookie.profile}"),
            ("Partition", cookie.partition or "none"), ("Container", cookie.container or "none"),
            ("Expires", _expires(cookie, self._in_session_file(cookie))),
            ("Created", str(cookie.created or "unknown")),
            ("Last used", str(cookie.last_access or "unknown")),
            ("Flags", ", ".join(f for f, on in (("secure", cookie.secure),
                                                 ("httponly", cookie.httponly)) if on) or "none"),
            ("SameSite", cookie.samesite), ("Size", f"{cookie.size} bytes"),
            ("What it is", verdict.reason if verdict else "not classified"),
            ("Value", "hidden — use “Reveal value…”"),
        ]
        self.details.setHtml("<table>" + "".join(
            f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{_escape(v)}</td></tr>"
            for k, v in rows) + "</table>")


def _expires(cookie: Cookie, in_session_file: bool) -> str:
    """What the table's Expires column says, with why a deletion leaves the cookie."""
    if in_session_file:
        return f"{CLEARED_WHEN_FIREFOX_QUITS} (not deleted: {session_only_reason()})"
    when = str(cookie.expires) if cookie.expires else "when the browser closes"
    kept = cookie.verdict is not None and cookie.verdict.kept
    return f"{when} (on your keep-list: never deleted)" if kept else when


class TableAndDetails(QSplitter):
    """The details below the table, the line between them movable. When the window shrinks
    (200% on a laptop), the details give up room first: they keep at most a third, and the
    table the rest (a splitter's own rule takes it from the table, which showed one row)."""

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        super().resizeEvent(event)
        sizes = self.sizes()
        if len(sizes) == 2 and sizes[1] > sum(sizes) // 3:
            self.setSizes([sum(sizes) - sum(sizes) // 3, sum(sizes) // 3])


def below_the_table(table: QWidget, pane: DetailsPane) -> QSplitter:
    splitter = TableAndDetails(Qt.Orientation.Vertical)
    splitter.addWidget(table)
    splitter.addWidget(pane)
    splitter.setStretchFactor(0, 1)  # a growing window gives its room to the table
    splitter.setChildrenCollapsible(False)
    return splitter


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class RevealFlow:
    """Ask first (a value can sign someone in), then have `read` fetch that one value off the
    GUI thread (the keychain may prompt) and show it. Non-blocking dialogs: no nested event
    loop. The value is only ever shown in the box, never logged."""

    def __init__(self, parent: QWidget, read: Callable[[Store, Cookie], object]) -> None:
        self.parent, self.read = parent, read
        self.name = ""

    def ask(self, store: Store, cookie: Cookie) -> None:
        self.question = QMessageBox(
            QMessageBox.Icon.Question, "Reveal value",
            f"Show the value of {cookie.name} ({cookie.host})? Cookie values can be secrets "
            "that sign you in; your system may ask for its keychain password.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self.parent)
        self.question.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.name = cookie.name
        self.question.finished.connect(
            lambda button: self.read(store, cookie)
            if button == QMessageBox.StandardButton.Yes else None)
        self.question.open()

    def show_value(self, value: str) -> None:
        self.value_box = QMessageBox(QMessageBox.Icon.Information, f"Value of {self.name}",
                                     value, parent=self.parent)
        self.value_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_box.open()
