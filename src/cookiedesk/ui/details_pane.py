"""The details pane: every field of the selected cookie except its value, which stays hidden
until "Reveal value…" is asked for (and confirmed) in the window."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QWidget

from cookiedesk.model import Cookie


class DetailsPane(QWidget):
    """`reveal_requested`: the user asked to see the one selected cookie's value."""

    reveal_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.details = QTextBrowser()
        self.details.setAccessibleName("Details of the selected cookie")
        self.details.setMaximumHeight(170)
        self.reveal = QPushButton("Reveal value…")
        self.reveal.setAccessibleName("Reveal the selected cookie's value")
        self.reveal.setEnabled(False)
        self.reveal.clicked.connect(self.reveal_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.details, 1)
        row.addWidget(self.reveal, 0, Qt.AlignmentFlag.AlignTop)

    def show_cookies(self, chosen: list[Cookie]) -> None:
        self.reveal.setEnabled(len(chosen) == 1)
        if len(chosen) != 1:
            self.details.setPlainText(f"{len(chosen)} cookies selected" if chosen else "")
            return
        cookie = chosen[0]
        verdict = cookie.verdict
        rows = [
            ("Host", cookie.host), ("Name", cookie.name), ("Path", cookie.path),
            ("Browser", f"{cookie.browser} — {cookie.profile}"),
            ("Partition", cookie.partition or "none"), ("Container", cookie.container or "none"),
            ("Expires", str(cookie.expires) if cookie.expires else "when the browser closes"),
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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
