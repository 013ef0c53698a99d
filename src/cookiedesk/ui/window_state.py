"""What the window remembers between runs (geometry, column layout, chosen chip, whether the
policy pane shows), in the preferences file.

Read and written on the GUI thread on purpose: the geometry has to be in place before the
window is first shown (or it opens at one size and jumps), and on close before the program
exits. It is one small file in CookieDesk's own config folder, never a browser's store."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QByteArray, QSize
from PySide6.QtGui import QAction, QScreen
from PySide6.QtWidgets import QHeaderView

from cookiedesk import preferences
from cookiedesk.ui.filter_bar import CHIPS, FilterBar

_FRAME = 40  # pixels a window manager's frame and title bar may take, at most


class Remembering(Protocol):
    """The parts of the main window whose state is remembered."""

    filter_bar: FilterBar
    policy_action: QAction

    def header(self) -> QHeaderView: ...
    def saveGeometry(self) -> QByteArray: ...
    def restoreGeometry(self, geometry: QByteArray | bytes) -> bool: ...
    def show_policy(self, on: bool) -> None: ...
    def size(self) -> QSize: ...
    def resize(self, size: QSize) -> None: ...
    def screen(self) -> QScreen: ...


def _decoded(text: object) -> QByteArray | None:
    return QByteArray.fromBase64(text.encode()) if isinstance(text, str) else None


def _encoded(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode()


def restore(window: Remembering, config_dir: Path) -> None:
    remembered = preferences.load(config_dir)
    geometry = _decoded(remembered.get("geometry"))
    if geometry is not None:
        window.restoreGeometry(geometry)  # fitted into the screen by Qt
    else:
        # the first size, within the screen (at 200% a laptop's screen is 1280 x 720), room
        # left for the title bar and frame the window manager adds
        room = window.screen().availableGeometry().size() - QSize(_FRAME, 2 * _FRAME)
        window.resize(window.size().boundedTo(room))
    header = _decoded(remembered.get("columns"))
    if header is not None:
        window.header().restoreState(header)
    chip = remembered.get("chip")
    if isinstance(chip, int) and 0 <= chip < len(CHIPS):
        window.filter_bar.choose(chip)
    if remembered.get("policy_visible") is False:
        window.policy_action.setChecked(False)
        window.show_policy(False)


def save(window: Remembering, config_dir: Path) -> None:
    preferences.save(config_dir, {
        "geometry": _encoded(window.saveGeometry()),
        "columns": _encoded(window.header().saveState()),
        "chip": window.filter_bar.chosen(),
        "policy_visible": window.policy_action.isChecked(),
    })
