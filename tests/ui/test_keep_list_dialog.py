"""Edit → Keep-list…: the keep-list seen, added to and removed from in the window, on real
stores; the file changes, the table's verdicts follow ("(kept)"), junk is refused in words."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cookiedesk.classify import userlists
from cookiedesk.ui.cookie_model import Column
from cookiedesk.ui.keep_list_dialog import KeepListDialog
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.stores import TestCookie, chromium_and_firefox
from tests.ui.windows import open_window

LONG = 60_000  # ms: an upper bound only, for a loaded machine


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path, tmp_path: Path) -> MainWindow:
    home = chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member"),
        TestCookie(".doubleclick.net", "IDE"),
    ], [TestCookie(".criteo.com", "uid")])
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "keep.txt").write_text("example.org\n")
    return open_window(qtbot, home, tmp_path)


def open_dialog(qtbot: QtBot, window: MainWindow) -> KeepListDialog:
    window.edit_keep_list()
    dialog = window.keep_list_dialog
    qtbot.waitUntil(lambda: dialog.kept() == ["example.org"], timeout=LONG)
    return dialog


def category_shown(window: MainWindow, name: str) -> str:
    model = window.model
    row = next(r for r in range(model.rowCount()) if model.cookie(r).name == name)
    return str(model.index(row, Column.CATEGORY).data())


def test_the_menu_opens_the_keep_list_with_its_shortcut(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    (action,) = [a for a in window.findChildren(QAction) if a.text() == "Keep-list…"]
    assert action.shortcut().toString() == "Ctrl+Shift+K"
    action.trigger()
    qtbot.waitUntil(lambda: window.keep_list_dialog.kept() == ["example.org"], timeout=LONG)
    assert window.keep_list_dialog.accessibleName() == "Keep-list"


def test_add_through_the_dialog_keeps_the_cookies(qtbot: QtBot, window: MainWindow,
                                                  tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, window)
    assert "(kept)" not in category_shown(window, "uid")
    dialog.entry.setText("Criteo.COM")
    QTest.keyClick(dialog.entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.kept() == ["criteo.com", "example.org"]
                    and "(kept)" in category_shown(window, "uid") and window.progress.isHidden(),
                    timeout=LONG)
    assert dialog.isVisible() and dialog.entry.text() == ""  # Return added, it did not close
    assert userlists.keep_list(tmp_path / "config") == ["criteo.com", "example.org"]
    assert "(kept)" not in category_shown(window, "IDE")


def test_remove_with_the_delete_key(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.domains.setCurrentIndex(dialog.model.index(0))
    dialog.domains.selectionModel().select(dialog.model.index(0),
                                           dialog.domains.selectionModel().SelectionFlag.Select)
    assert dialog.remove_button.isEnabled()
    QTest.keyClick(dialog.domains, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: dialog.kept() == [] and window.progress.isHidden(), timeout=LONG)
    assert userlists.keep_list(tmp_path / "config") == []


@pytest.mark.parametrize(("typed", "said"), [
    ("http://x/y", "'http://x/y' is a web address, not a domain"),
    ("https://www.komp3.net/login", "type only its domain, www.komp3.net."),
    ("", "Type a domain to keep, such as example.com."),
    ("no spaces", "'no spaces' is not a domain"),
    ("co.uk", "'co.uk' is shared by many sites"),
])
def test_junk_is_refused_in_words_and_changes_nothing(qtbot: QtBot, window: MainWindow,
                                                      tmp_path: Path, typed: str,
                                                      said: str) -> None:
    dialog = open_dialog(qtbot, window)
    before = (tmp_path / "config" / "keep.txt").read_bytes()
    dialog.entry.setText(typed)
    dialog.add_button.click()
    assert said in dialog.message.text()
    assert dialog.add_button.isEnabled() and window.progress.isHidden()  # nothing started
    assert dialog.isVisible()
    assert (tmp_path / "config" / "keep.txt").read_bytes() == before
    assert dialog.kept() == ["example.org"]


def test_the_list_is_read_and_written_off_the_gui_thread(qtbot: QtBot, window: MainWindow,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    gui, threads = threading.get_ident(), set[int]()
    for name in ("keep_list", "keep_add"):
        function = getattr(userlists, name)

        def recorded(*args: Any, _function: Any = function, **kwargs: Any) -> Any:
            threads.add(threading.get_ident())
            return _function(*args, **kwargs)

        monkeypatch.setattr(userlists, name, recorded)
    dialog = open_dialog(qtbot, window)
    dialog.entry.setText("criteo.com")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: "criteo.com" in dialog.kept() and window.progress.isHidden(),
                    timeout=LONG)
    assert threads and gui not in threads
