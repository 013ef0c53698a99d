"""The main window as most UI tests start with it: on a test home's browsers, shown, its first
scan finished (awaited on the window's own state, never on a clock)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cookiedesk.stores.discovery import discover
from cookiedesk.ui.main_window import MainWindow

LONG = 60_000  # ms: an upper bound only, for a loaded machine


def open_window(qtbot: QtBot, home: Path, tmp_path: Path) -> MainWindow:
    """Backups under `tmp_path/data`, the lists under `tmp_path/config`."""
    shown = MainWindow(lambda: discover("linux", home, {}), tmp_path / "data",
                       tmp_path / "config")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.result is not None and shown.progress.isHidden(),
                    timeout=LONG)
    return shown
