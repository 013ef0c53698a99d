"""View → Group by site: one row per registrable site with its counts, and "Delete this site's
cookies" opening the window's own preview with exactly that site's cookies."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from cookiedesk.classify.domains import registrable_domain
from cookiedesk.model import Cookie
from cookiedesk.ui.main_window import MainWindow
from cookiedesk.ui.sites_view import SitesDock
from tests.helpers.stores import TestCookie, chromium_and_firefox
from tests.ui.windows import open_window

LONG = 60_000  # ms: an upper bound only, for a loaded machine


@pytest.fixture
def window(qtbot: QtBot, isolated_home: Path, tmp_path: Path) -> MainWindow:
    home = chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member"),
        TestCookie("www.komp3.net", "PHPSESSID"),
        TestCookie(".doubleclick.net", "IDE"),
        TestCookie("www.wikipedia.org", "lang"),
    ], [
        TestCookie(".komp3.net", "komp3_member"),
        TestCookie(".criteo.com", "uid"),
        TestCookie("en.wikipedia.org", "lang"),
    ])
    return open_window(qtbot, home, tmp_path)


def show_sites(window: MainWindow) -> SitesDock:
    (action,) = [a for a in window.findChildren(QAction) if a.text() == "Group by site"]
    assert action.shortcut().toString() == "Ctrl+Shift+G" and not window.sites_dock.isVisible()
    action.trigger()
    assert window.sites_dock.isVisible() and action.isChecked()
    return window.sites_dock


def cells(dock: SitesDock) -> list[tuple[str, ...]]:
    model = dock.model
    return [tuple(str(model.index(r, c).data()) for c in range(model.columnCount()))
            for r in range(model.rowCount())]


def key(cookie: Cookie) -> tuple[str, str, str]:
    return (cookie.store_id, cookie.host, cookie.name)


def test_one_row_per_site_with_the_models_counts(window: MainWindow) -> None:
    dock = show_sites(window)
    grouped = Counter(registrable_domain(c.host) for c in window.model.cookies())
    assert {row[0]: int(row[1]) for row in cells(dock)} == dict(grouped)
    assert [row[0] for row in cells(dock)] == sorted(grouped)  # A to Z
    assert cells(dock) == [
        ("criteo.com", "1", "▲ Ad company", "Firefox"),
        ("doubleclick.net", "1", "▲ Ad company", "Chromium"),
        ("komp3.net", "3", "★ KOmp3.net", "Chromium, Firefox"),
        ("wikipedia.org", "2", "Other", "Chromium, Firefox"),
    ]
    dock.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert cells(dock)[0][0] == "komp3.net"


def test_delete_this_site_opens_the_preview_with_exactly_its_cookies(
        qtbot: QtBot, window: MainWindow) -> None:
    dock = show_sites(window)
    dock.select_site("komp3.net")
    assert dock.delete_button.text() == "Delete komp3.net's cookies…"
    assert dock.delete_button.accessibleName() == "Delete this site's cookies"
    window.table.selectRow(0)  # the cookie table's selection is not what Delete acts on here
    dock.table.setFocus()
    QTest.keyClick(dock.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=LONG)
    assert window.preview is not None
    expected = sorted(key(c) for c in window.model.cookies()
                      if registrable_domain(c.host) == "komp3.net")
    assert len(expected) == 3
    assert sorted(key(c) for c in window.preview.cookies) == expected
    window.preview.reject()


def test_the_button_and_a_new_scan(qtbot: QtBot, window: MainWindow) -> None:
    dock = show_sites(window)
    dock.select_site("criteo.com")
    dock.delete_button.click()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=LONG)
    assert window.preview is not None
    assert [key(c)[1:] for c in window.preview.cookies] == [(".criteo.com", "uid")]
    window.preview.accept()
    qtbot.waitUntil(lambda: window.progress.isHidden()
                    and "criteo.com" not in [row[0] for row in cells(dock)], timeout=LONG)
    assert [row[0] for row in cells(dock)] == ["doubleclick.net", "komp3.net", "wikipedia.org"]


def test_every_site_chosen_stays_chosen_after_a_rescan(qtbot: QtBot, window: MainWindow) -> None:
    dock = show_sites(window)
    both = QItemSelection()
    for number, row in enumerate(dock.model.rows):
        if row.site in ("komp3.net", "criteo.com"):
            both.select(dock.model.index(number, 0), dock.model.index(number, 3))
    dock.table.selectionModel().select(both, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    assert {row.site for row in dock.chosen_rows()} == {"komp3.net", "criteo.com"}
    loaded: list[object] = []
    window.scan_loaded.connect(loaded.append)  # after the dock's own slot: it has regrouped
    window.rescan()
    qtbot.waitUntil(lambda: bool(loaded) and window.progress.isHidden(), timeout=LONG)
    assert {row.site for row in dock.chosen_rows()} == {"komp3.net", "criteo.com"}
