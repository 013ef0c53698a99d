"""Which filter is on, how to clear it, and the parts that follow the filters: the checked chip,
the "Showing:" line and its reset, the details pane after a reset of the table, the status bar's
counts, the member-cookie link. Real Chromium and Firefox stores in a temporary HOME."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from cookiedesk.classify import policy
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.stores import TestCookie, chromium_and_firefox
from tests.ui.windows import open_window

SECRET = "filters-secret-0d3e"


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie("www.komp3.net", "PHPSESSID", value=SECRET, session=True),
        TestCookie(".komp3.net", "_ga", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie("www.google-analytics.com", "_gid", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ], [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie(".criteo.com", "uid", value=SECRET),
        TestCookie("www.python.org", "csrftoken", value=SECRET),
    ])


@pytest.fixture
def window(qtbot: QtBot, home: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, home, tmp_path)


def shown_names(window: MainWindow) -> list[str]:
    return [window.model.cookie(row).name for row in range(window.model.rowCount())]


def row_of(window: MainWindow, name: str) -> int:
    return shown_names(window).index(name)


def source_item(window: MainWindow, text: str) -> QTreeWidgetItem:
    found = window.sources.findItems(text, Qt.MatchFlag.MatchStartsWith
                                     | Qt.MatchFlag.MatchRecursive)
    assert found, text
    return found[0]


def filter_by(window: MainWindow, text: str) -> None:
    window.filter_box.setText(text)
    window.filter_bar.flush()  # typing is coalesced until the event loop runs


def pick_firefox_ads_and_doubl(window: MainWindow) -> None:
    source_item(window, "default").setSelected(True)  # Firefox's profile "default"
    window._choose_chip(2)  # Ad companies
    filter_by(window, "doubl")


# ---------------------------------------------------------------- which filter is on (6)

def test_the_showing_line_names_the_profile_the_chip_and_the_text(window: MainWindow) -> None:
    line = window.filter_bar.summary.line
    assert line.text() == "Showing: all cookies of every browser"
    assert not window.filter_bar.summary.show_all.isEnabled()
    pick_firefox_ads_and_doubl(window)
    assert shown_names(window) == ["IDE"]
    assert line.text() == "Showing: Firefox — default · Ad companies · “doubl”"
    assert line.accessibleName() == "Filters in force"
    assert window.filter_bar.summary.show_all.isEnabled()


def test_show_all_clears_text_chip_and_sources(window: MainWindow) -> None:
    pick_firefox_ads_and_doubl(window)
    show_all = window.filter_bar.summary.show_all
    assert "Ctrl+Shift+A" in show_all.toolTip() and "Esc" in show_all.toolTip()
    assert show_all.accessibleName() == "Show all cookies"
    show_all.click()
    assert window.model.rowCount() == len(window.model.cookies()) == 10
    assert window.chips.checkedId() == 0
    assert window.filter_box.text() == "" and window.sources.selectedItems() == []
    assert window.filter_bar.summary.line.text() == "Showing: all cookies of every browser"


def test_escape_in_the_filter_box_and_ctrl_shift_a_reset_every_filter(
        qtbot: QtBot, window: MainWindow) -> None:
    pick_firefox_ads_and_doubl(window)
    window.activateWindow()
    window.filter_box.setFocus()
    qtbot.waitUntil(lambda: window.filter_box.hasFocus(), timeout=60_000)
    QTest.keyClick(window.filter_box, Qt.Key.Key_Escape)
    assert window.model.rowCount() == 10 and window.chips.checkedId() == 0
    assert window.sources.selectedItems() == []
    pick_firefox_ads_and_doubl(window)  # and the shortcut its tooltip names, from the table
    window.table.setFocus()
    qtbot.waitUntil(lambda: window.table.hasFocus(), timeout=60_000)
    QTest.keyClick(window.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    # a button's shortcut clicks it the way animateClick does: once its press has been shown
    qtbot.waitUntil(lambda: window.model.rowCount() == 10, timeout=60_000)
    # QTest leaves Shift in the application's modifier state after a Ctrl+Shift click; a later
    # selectRow would read it as Shift+click. Release it for good.
    QTest.keyRelease(window.table, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
    assert QApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier
    assert window.chips.checkedId() == 0
    assert window.filter_box.text() == "" and window.sources.selectedItems() == []


def dark() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#232629"),
                         (QPalette.ColorRole.WindowText, "#eff0f1"),
                         (QPalette.ColorRole.Base, "#1b1e20"),
                         (QPalette.ColorRole.Button, "#31363b"),
                         (QPalette.ColorRole.ButtonText, "#eff0f1"),
                         (QPalette.ColorRole.Highlight, "#3daee9"),
                         (QPalette.ColorRole.HighlightedText, "#eff0f1")):
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["light", "dark"])
def palette_name(request: pytest.FixtureRequest) -> Iterator[str]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = QPalette(app.palette())
    if request.param == "dark":
        app.setPalette(dark())
    yield str(request.param)
    app.setPalette(before)


def inside_colour(window: MainWindow, number: int) -> QColor:
    """The chip's fill, just inside its border, away from the text."""
    chip = window.chips.button(number)
    image = chip.grab().toImage()
    return image.pixelColor(QPoint(5, image.height() // 2))


def test_the_checked_chip_is_drawn_in_the_highlight_colour(window: MainWindow,
                                                           palette_name: str) -> None:
    window._choose_chip(2)
    highlight = window.palette().color(QPalette.ColorRole.Highlight)
    assert (palette_name == "dark") == (window.palette().window().color().lightness() < 128)
    checked, unchecked = inside_colour(window, 2), inside_colour(window, 0)
    assert checked == highlight
    assert unchecked != highlight
    # unmistakable: far apart, not a shade (the style's own checked button is a shade darker)
    assert abs(checked.lightness() - unchecked.lightness()) + abs(checked.hue()
                                                                  - unchecked.hue()) > 40
    window._choose_chip(0)
    assert inside_colour(window, 0) == highlight and inside_colour(window, 2) != highlight


# ---------------------------------------------------------------- details follow (7)

def test_details_clear_when_the_selected_cookie_is_filtered_away(window: MainWindow) -> None:
    window.table.selectRow(row_of(window, "uid"))
    assert "uid" in window.details.toPlainText() and window.reveal.isEnabled()
    filter_by(window, "criteo")  # still shown: still selected, still in the details
    assert "uid" in window.details.toPlainText() and window.reveal.isEnabled()
    filter_by(window, "wikipedia")
    assert window.details.toPlainText() == "No cookie selected."
    assert not window.reveal.isEnabled()
    assert SECRET not in window.details.toPlainText()


def test_details_clear_when_a_rescan_finds_the_cookie_gone(qtbot: QtBot, window: MainWindow,
                                                            home: Path) -> None:
    window.table.selectRow(row_of(window, "uid"))
    assert window.reveal.isEnabled()
    with sqlite3.connect(home / ".mozilla/firefox/x.default/cookies.sqlite") as gone:
        gone.execute("DELETE FROM moz_cookies WHERE name = 'uid'")
    gone.close()
    window.rescan()
    qtbot.waitUntil(lambda: len(window.model.cookies()) == 9 and window.progress.isHidden(),
                    timeout=60_000)
    assert window.details.toPlainText() == "No cookie selected."
    assert not window.reveal.isEnabled()


# ---------------------------------------------------------------- status bar (3)

def status_texts(window: MainWindow) -> list[str]:
    counts = window.status_counts
    return [label.text() for label in (counts.total, counts.site, counts.ads, counts.trackers,
                                       counts.shown, counts.selected)]


def test_the_status_bar_counts_follow_scan_filter_and_selection(window: MainWindow) -> None:
    assert status_texts(window) == ["10 cookies", "KOmp3.net: 4", "Ad companies: 3",
                                    "Trackers: 1", "10 shown", "0 selected"]
    filter_by(window, "komp3")
    assert window.model.rowCount() == 4
    assert status_texts(window)[0] == "10 cookies" and status_texts(window)[4:] == [
        "4 shown", "0 selected"]
    window.filter_bar.reset()
    window.table.selectRow(0)
    window.table.selectionModel().select(
        window.model.index(1, 0), window.table.selectionModel().SelectionFlag.Select
        | window.table.selectionModel().SelectionFlag.Rows)
    window.table.selectionModel().select(
        window.model.index(2, 0), window.table.selectionModel().SelectionFlag.Select
        | window.table.selectionModel().SelectionFlag.Rows)
    assert len(window.selected_cookies()) == 3
    assert status_texts(window)[-1] == "3 selected"
    assert window.status_counts.selected.accessibleName() == "3 cookies selected"
    assert window.status_counts.site.accessibleName() == "KOmp3.net cookies: KOmp3.net: 4"
    # the passing messages still have the bar's left side
    window._status("A passing message.")
    assert window.statusBar().currentMessage() == "A passing message."
    assert window.status_counts.total.isVisible()


# ---------------------------------------------------------------- the member cookie (4)

def selected_names(window: MainWindow) -> set[tuple[str, str]]:
    return {(c.browser, c.name) for c in window.selected_cookies()}


def test_the_member_link_selects_exactly_the_member_cookie_rows(window: MainWindow) -> None:
    pick_firefox_ads_and_doubl(window)  # filters that hide it: the link clears them
    window.policy._follow(QUrl(policy.SHOW_MEMBER))
    assert selected_names(window) == {("Chromium", "komp3_member"), ("Firefox", "komp3_member")}
    current = window.table.currentIndex()
    assert current.isValid()
    assert window.model.cookie(current.row()).name == "komp3_member"
    assert window.policy.is_cookies_paragraph_marked()
    # the bar above the policy does the same
    window.table.clearSelection()
    window.policy.link_buttons[policy.SHOW_MEMBER].click()
    assert {name for _, name in selected_names(window)} == {"komp3_member"}


@pytest.mark.parametrize("name", ["PHPSESSID", "_ga"])
def test_well_known_site_cookies_do_not_mark_the_member_paragraph(window: MainWindow,
                                                                  name: str) -> None:
    window._choose_chip(1)
    window.table.selectRow(row_of(window, name))
    assert window.selected_cookies()[0].verdict.category == "site"  # type: ignore[union-attr]
    assert not window.policy.is_cookies_paragraph_marked()
    window.table.selectRow(row_of(window, "komp3_member"))
    assert window.policy.is_cookies_paragraph_marked()


# ---------------------------------------------- the toolbar deletes what the chip counts


def test_with_a_profile_picked_the_toolbar_deletes_what_the_chip_counts(
    qtbot: QtBot, window: MainWindow
) -> None:
    source_item(window, "default").setSelected(True)  # Firefox's profile "default"
    chip = window.chips.button(2).text()
    assert chip == "Ad companies (2)", chip  # Firefox's two, not all browsers' three
    window.delete_ads()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=60_000)
    assert window.preview is not None
    assert window.preview.prepared.plan.total == 2
    assert {c.browser for c in window.preview.cookies} == {"Firefox"}
    window.preview.reject()
    # the policy's link speaks of the site and its ad companies, not of the table: every browser
    window.policy.delete_ads_requested.emit()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible()
                    and window.preview.prepared.plan.total == 3, timeout=60_000)
