"""No two commands share a key where both are active (issue 14, "every action reachable by
keyboard"): Qt calls two matching shortcuts ambiguous and runs neither, so a duplicate makes
both dead. Each key is collected with its scope: the window (menus, toolbar, buttons, their
mnemonics) or the widget a widget-scoped shortcut belongs to, which is active together with
the window's own."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from cookiedesk.stores.discovery import discover
from cookiedesk.ui.main_window import MainWindow
from cookiedesk.ui.summary_box import SummaryBox
from tests.helpers.stores import TestCookie, chromium_and_firefox

WINDOW = "the window"


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path, tmp_path: Path) -> MainWindow:
    chromium_and_firefox(isolated_home, [TestCookie(".komp3.net", "komp3_member")],
                         [TestCookie(".criteo.com", "uid")])
    shown = MainWindow(lambda: discover("linux", isolated_home, {}), tmp_path / "data",
                       tmp_path / "config")
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.result is not None and shown.progress.isHidden(),
                    timeout=60_000)
    shown.sites_dock.show()  # its controls too
    return shown


def _scope(context: Qt.ShortcutContext, owner: QObject | None) -> str:
    if context in (Qt.ShortcutContext.WindowShortcut, Qt.ShortcutContext.ApplicationShortcut):
        return WINDOW
    name = owner.objectName() if owner is not None else ""
    return f"{type(owner).__name__} {name or id(owner)}"


def collect(window: MainWindow) -> dict[str, dict[str, set[str]]]:
    """scope -> key -> the commands bound to it there (by text, each command once)."""
    keys: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for action in {id(a): a for a in window.findChildren(QAction)}.values():
        widgets = [w for w in action.associatedObjects() if isinstance(w, QWidget)]
        owner = widgets[0] if widgets else action.parent()
        for key in action.shortcuts():
            keys[_scope(action.shortcutContext(), owner)][key.toString()].add(
                action.text() or action.objectName())
    for button in window.findChildren(QAbstractButton):
        key = button.shortcut()  # set, or the mnemonic of an "&" in its text
        if not key.isEmpty():
            keys[WINDOW][key.toString()].add(button.text())
    for shortcut in window.findChildren(QShortcut):
        keys[_scope(shortcut.context(), shortcut.parent())][shortcut.key().toString()].add(
            f"QShortcut {shortcut.key().toString()} of {type(shortcut.parent()).__name__}")
    for menu_title in (a.text() for a in window.menuBar().actions()):
        mnemonic = QKeySequence.mnemonic(menu_title)
        if not mnemonic.isEmpty():
            keys[WINDOW][mnemonic.toString()].add(f"menu {menu_title}")
    return keys


def test_no_two_commands_share_a_key_in_one_context(window: MainWindow) -> None:
    keys = collect(window)
    clashes = []
    for scope, bound in keys.items():
        active = dict(bound)
        if scope != WINDOW:  # a widget's keys work together with the window's
            for key, names in keys[WINDOW].items():
                active[key] = active.get(key, set()) | names
        clashes += [f"{scope}: {key} is {sorted(names)}" for key, names in active.items()
                    if len(names) > 1]
    assert not clashes
    assert keys[WINDOW], "the window's shortcuts were collected"
    assert any("Copy rows" in n for s in keys.values() for n in s.get("Ctrl+C", ()))



def test_quit_is_ctrl_q_on_every_platform(window: MainWindow) -> None:
    # QKeySequence.StandardKey.Quit is empty on Windows and without a desktop theme
    quit_action = next(a for a in window.findChildren(QAction) if a.text() == "Quit")
    assert quit_action.shortcut().toString() == "Ctrl+Q"


def test_ctrl_z_in_the_filter_box_undoes_the_deletion_unless_there_is_typing_to_undo(
    qtbot: QtBot, window: MainWindow
) -> None:
    # the filter box is the first focus and gets it back after every dialog: QLineEdit took
    # Ctrl+Z even with nothing typed, so "Undo last deletion" (Ctrl+Z) never ran from there
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=60_000)
    window.filter_box.setFocus()
    qtbot.waitUntil(window.filter_box.hasFocus, timeout=60_000)
    undone: list[bool] = []
    window.undo_action.triggered.connect(lambda *_: undone.append(True))
    QTest.keyClick(window.filter_box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone == [True]
    QTest.keyClicks(window.filter_box, "crit")
    QTest.keyClick(window.filter_box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone == [True]  # typing first: Ctrl+Z undoes the typing
    assert window.filter_box.text() != "crit"


def test_toolbar_and_menu_tooltips_show_the_shortcut(window: MainWindow) -> None:
    # the toolbar's buttons said "Rescan", "Undo last deletion"… with no key to learn
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert toolbar is not None
    with_keys = [a for a in toolbar.actions() if not a.shortcut().isEmpty()]
    assert {a.text() for a in with_keys} >= {"Rescan", "Undo last deletion", "Guided cleanup"}
    for action in with_keys:
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        assert action.toolTip() == f"{action.text()} ({key})"


def test_no_two_buttons_share_a_key_in_the_managers_and_the_summary(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.edit_keep_list()
    window.show_history()
    qtbot.waitUntil(lambda: window.keep_list_dialog.isVisible()
                    and window.history_dialog.isVisible(), timeout=60_000)
    box = SummaryBox("Deleted", ["Deleted 1 cookie in total."], "ABC123", True, window)
    qtbot.addWidget(box)
    for dialog in (window.keep_list_dialog, window.history_dialog, box):
        keys: dict[str, set[str]] = defaultdict(set)
        for button in dialog.findChildren(QAbstractButton):
            if not button.shortcut().isEmpty():
                keys[button.shortcut().toString()].add(button.text())
        for action in dialog.findChildren(QAction):
            for key in action.shortcuts():
                keys[key.toString()].add(action.text())
        assert not {k: v for k, v in keys.items() if len(v) > 1}, dialog.windowTitle()
