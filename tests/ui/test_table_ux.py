"""The cookie table as people expect (issue 14): Tab leaves it, focus is visible, columns keep
the user's widths, rows that differ only by partition or container read differently, a row
menu and Ctrl+A / Ctrl+C, and export to CSV or JSON, never with a value."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QKeySequence, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu, QStyleOptionViewItem, QWidget
from pytestqt.qtbot import QtBot

from cookiedesk.ui.cookie_model import Column
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.stores import TestCookie, chromium_and_firefox
from tests.ui.windows import open_window

SECRET = "table-secret-9d3e"
LONG_HOST = "eu-west-1.tracking.realtime-bidding.some-very-long-subdomain.adnxs.com"
PARTITIONED = "^partitionKey=%28https%2Ckomp3.net%29"
CONTAINER = "^userContextId=1"


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie("www.komp3.net", "PHPSESSID", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie(LONG_HOST, "anj", value=SECRET),
    ], [
        # the same host and name three times: plain, partitioned, in a container
        TestCookie(".adnxs.com", "uuid2", value=SECRET),
        TestCookie(".adnxs.com", "uuid2", value=SECRET, partition=PARTITIONED),
        TestCookie(".adnxs.com", "uuid2", value=SECRET, partition=CONTAINER),
        TestCookie(".komp3.net", "_ga", value=SECRET),
        TestCookie("www.python.org", "csrftoken", value=SECRET),
    ])



@pytest.fixture
def window(qtbot: QtBot, home: Path, tmp_path: Path) -> MainWindow:
    shown = open_window(qtbot, home, tmp_path)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow, timeout=60_000)
    return shown


def rescan(qtbot: QtBot, window: MainWindow) -> None:
    before = window.result
    window.rescan()
    qtbot.waitUntil(lambda: window.result is not before and window.progress.isHidden(),
                    timeout=60_000)


def focus(qtbot: QtBot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=60_000)


def rows_named(window: MainWindow, name: str) -> list[int]:
    return [r for r in range(window.model.rowCount()) if window.model.cookie(r).name == name]


def select(window: MainWindow, rows: list[int]) -> None:
    window.table.clearSelection()
    for row in rows:
        window.table.selectionModel().select(
            window.model.index(row, 0),
            window.table.selectionModel().SelectionFlag.Select
            | window.table.selectionModel().SelectionFlag.Rows)


# ------------------------------------------------------------------------------- keyboard

def test_tab_leaves_the_table_and_shift_tab_comes_back(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window.table)
    QTest.keyClick(window.table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not window.table
    after = QApplication.focusWidget()
    assert after is not None
    QTest.keyClick(after, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.table


def test_the_first_focus_is_the_filter_box_and_the_table_gets_a_current_row(
        qtbot: QtBot, window: MainWindow) -> None:
    assert QApplication.focusWidget() is window.filter_box
    assert not window.table.currentIndex().isValid()
    focus(qtbot, window.table)
    assert window.table.currentIndex().row() == 0
    assert not window.table.selectionModel().hasSelection()  # current, not selected


def _frame_colour(window: MainWindow) -> QColor:
    image = window.table.grab().toImage()
    return image.pixelColor(0, image.height() // 2)


@pytest.mark.parametrize("dark", [False, True])
def test_the_tables_focus_frame_is_the_highlight_colour(qtbot: QtBot, window: MainWindow,
                                                        dark: bool) -> None:
    if dark:
        palette = QPalette()
        for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                             (QPalette.ColorRole.Base, "#181818"),
                             (QPalette.ColorRole.Text, "#e8e8e8"),
                             (QPalette.ColorRole.Highlight, "#3d8bfd"),
                             (QPalette.ColorRole.Mid, "#505050")):
            palette.setColor(role, QColor(colour))
        window.table.setPalette(palette)
        window.table.setStyleSheet(window.table.styleSheet())  # re-polish with the palette
    focus(qtbot, window.table)
    highlight = window.table.palette().color(QPalette.ColorRole.Highlight)
    assert _frame_colour(window) == highlight
    focus(qtbot, window.filter_box)
    assert _frame_colour(window) != highlight


def test_table_actions_have_keys_that_work_from_the_table(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    menu = window.table_menu
    focus(qtbot, window.table)
    QTest.keyClick(window.table, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(menu.menu.isVisible, timeout=60_000)
    menu.menu.close()
    assert window.commands.keep.shortcut() == QKeySequence("Ctrl+K")
    assert window.delete_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)


# -------------------------------------------------------------------------- column widths

def test_a_column_the_user_resized_keeps_its_width_after_a_rescan(
        qtbot: QtBot, window: MainWindow) -> None:
    header = window.header()
    header.resizeSection(Column.HOST, 333)
    rescan(qtbot, window)
    assert header.sectionSize(Column.HOST) == 333


def test_columns_are_fitted_once_with_readable_minimums(qtbot: QtBot,
                                                        window: MainWindow) -> None:
    header = window.header()
    character = window.table.fontMetrics().averageCharWidth()
    assert header.sectionSize(Column.SITE) >= 18 * character
    assert header.sectionSize(Column.HOST) >= 24 * character
    assert header.sectionSize(Column.NAME) >= 22 * character
    # which browser and profile, beside the name: the same cookie in two browsers tells apart
    assert [header.logicalIndex(v) for v in range(5)] == [
        Column.SITE, Column.HOST, Column.NAME, Column.BROWSER, Column.PROFILE]
    fitted = [header.sectionSize(c) for c in Column]
    window.model.set_text("python")  # fewer, shorter rows…
    rescan(qtbot, window)
    assert [header.sectionSize(c) for c in Column] == fitted  # …and nothing moved


def test_the_saved_column_layout_is_honoured(qtbot: QtBot, home: Path, tmp_path: Path,
                                             window: MainWindow) -> None:
    window.header().resizeSection(Column.NAME, 271)
    window.header().resizeSection(Column.SITE, 95)
    window.close()  # saves the layout
    again = open_window(qtbot, home, tmp_path)
    assert again.header().sectionSize(Column.NAME) == 271
    assert again.header().sectionSize(Column.SITE) == 95


def test_a_long_host_stays_on_one_line_elided_in_the_middle(window: MainWindow) -> None:
    assert not window.table.wordWrap()
    option = QStyleOptionViewItem()
    window.table.initViewItemOption(option)  # how every cell is painted
    assert not option.features & QStyleOptionViewItem.ViewItemFeature.WrapText
    assert option.textElideMode == Qt.TextElideMode.ElideMiddle
    width = window.header().sectionSize(Column.HOST)
    shown = window.table.fontMetrics().elidedText(LONG_HOST, option.textElideMode, width)
    assert shown.startswith("eu-west") and shown.endswith(".com")  # both ends still say


# ----------------------------------------------------------------------- distinguishable

def test_partitioned_and_container_rows_read_differently(window: MainWindow) -> None:
    rows = rows_named(window, "uuid2")
    assert len(rows) == 3
    names = sorted(window.model.index(r, Column.NAME).data() for r in rows)
    assert names == ["uuid2", "uuid2 · Personal container", "uuid2 · in komp3.net"]
    visible = {tuple(window.model.index(r, c).data() for c in Column) for r in rows}
    assert len(visible) == 3


# --------------------------------------------------------------------------- row menu

def test_the_row_menu_has_its_actions_with_their_shortcuts(window: MainWindow) -> None:
    actions = {a.text(): a.shortcut().toString() for a in window.table_menu.menu.actions()
               if not a.isSeparator()}
    assert {"Copy host", "Copy name", "Select all of this site", "Delete selected…",
            "Keep this site (never delete)", "Show details"} <= set(actions)
    assert all(actions.values()), actions  # every one has its key, shown in the menu


def test_right_click_selects_the_row_and_opens_the_menu(qtbot: QtBot, window: MainWindow) -> None:
    row = rows_named(window, "IDE")[0]
    where = window.table.visualRect(window.model.index(row, Column.SITE)).center()
    window.table.customContextMenuRequested.emit(where)
    qtbot.waitUntil(window.table_menu.menu.isVisible, timeout=60_000)
    window.table_menu.menu.close()
    assert window.selected_cookies()[0].name == "IDE"


def test_ctrl_c_copies_the_selected_rows_without_values(qtbot: QtBot,
                                                       window: MainWindow) -> None:
    focus(qtbot, window.table)
    select(window, rows_named(window, "uuid2"))
    QTest.keyClick(window.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    text = QGuiApplication.clipboard().text()
    lines = text.splitlines()
    assert lines[0].split("\t")[:3] == ["site", "host", "name"]
    assert len(lines) == 4 and all("\tuuid2\t" in line for line in lines[1:])
    assert "https://komp3.net" in text and "Personal" in text
    assert SECRET not in text


def test_copy_host_and_name_never_copy_the_value(window: MainWindow) -> None:
    select(window, rows_named(window, "IDE"))
    window.table_menu.copy_host.trigger()
    assert QGuiApplication.clipboard().text() == ".doubleclick.net"
    window.table_menu.copy_name.trigger()
    assert QGuiApplication.clipboard().text() == "IDE"


def test_ctrl_a_selects_every_visible_row(qtbot: QtBot, window: MainWindow) -> None:
    window.filter_box.setText("komp3")
    window.filter_bar.flush()
    focus(qtbot, window.table)
    QTest.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(window.selected_cookies()) == window.model.rowCount() == 3


def test_select_all_of_this_site_selects_exactly_its_visible_rows(window: MainWindow) -> None:
    assert window.result is not None
    firefox = next(s.store.id for s in window.result.stores if s.store.browser == "Firefox")
    window.model.set_stores([firefox])  # adnxs.com's Chromium row "anj" is not shown
    select(window, rows_named(window, "uuid2")[1:2])
    window.table_menu.select_site.trigger()
    chosen = window.selected_cookies()
    assert sorted(c.name for c in chosen) == ["uuid2"] * 3
    assert {c.host for c in chosen} == {".adnxs.com"}


def test_delete_from_the_menu_goes_through_the_preview(qtbot: QtBot, window: MainWindow) -> None:
    select(window, rows_named(window, "uuid2"))
    window.table_menu.delete.trigger()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=60_000)
    assert window.preview is not None
    assert window.preview.delete_button.text() == "Delete 3 cookies"
    window.preview.reject()


def test_show_details_focuses_the_details_pane(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window.table)
    QTest.keyClick(window.table, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.details, timeout=60_000)
    assert len(window.selected_cookies()) == 1


# ----------------------------------------------------------------------------- export

def _exported(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    window.exports.export_to(path)
    qtbot.waitUntil(lambda: "Exported" in window.statusBar().currentMessage(),
                    timeout=60_000)


def test_export_selected_rows_to_csv_without_values(qtbot: QtBot, window: MainWindow,
                                                    tmp_path: Path) -> None:
    select(window, rows_named(window, "uuid2"))
    target = tmp_path / "ticket.csv"
    _exported(qtbot, window, target)
    rows = list(csv.DictReader(target.read_text(encoding="utf-8").splitlines()))
    assert [r["name"] for r in rows] == ["uuid2"] * 3
    assert {r["container"] for r in rows} == {"", "Personal"}
    assert SECRET not in target.read_text(encoding="utf-8")
    assert window.statusBar().currentMessage().startswith(f"Exported 3 cookies to {target}")


def test_with_no_selection_the_filtered_rows_are_exported_to_json(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.filter_box.setText("komp3")
    window.filter_bar.flush()
    window.table.clearSelection()
    assert window.exports.chosen()[1] == "the 3 cookies shown"
    target = tmp_path / "ticket.json"
    _exported(qtbot, window, target)
    records = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(r["name"] for r in records) == ["PHPSESSID", "_ga", "komp3_member"]
    assert SECRET not in target.read_text(encoding="utf-8")
    assert "value" not in records[0]


def test_a_failing_export_is_a_clear_sentence(qtbot: QtBot, window: MainWindow,
                                              tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    failures: list[str] = []
    window.work_failed.connect(failures.append)
    window.exports.export_to(blocker / "ticket.csv")
    qtbot.waitUntil(lambda: bool(failures), timeout=60_000)
    assert failures[0] == (f"the cookies could not be exported to {blocker / 'ticket.csv'}: "
                           "Not a directory")
    assert failures[0] in window.banner.text()


def test_the_export_action_is_in_the_file_menu_and_opens_a_dialog(qtbot: QtBot,
                                                                  window: MainWindow) -> None:
    file_menu = window.menuBar().actions()[0].menu()
    assert isinstance(file_menu, QMenu)
    export = next(a for a in file_menu.actions() if a.text() == "Export cookies…")
    assert export.shortcut() == QKeySequence("Ctrl+E")
    select(window, rows_named(window, "IDE"))
    export.trigger()
    dialog = window.exports.dialog
    assert dialog is not None and dialog.isVisible()  # open(), not exec(): nothing blocks
    assert dialog.windowTitle() == "Export 1 selected cookie (no values)"
    dialog.reject()


def test_the_menu_opens_where_the_current_row_is(qtbot: QtBot, window: MainWindow) -> None:
    focus(qtbot, window.table)
    window.table_menu.popup_at_current()
    qtbot.waitUntil(window.table_menu.menu.isVisible, timeout=60_000)
    top_left = window.table.viewport().mapToGlobal(QPoint(0, 0))
    assert window.table_menu.menu.pos().y() >= top_left.y()
    window.table_menu.menu.close()
