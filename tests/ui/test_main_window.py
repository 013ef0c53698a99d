"""The main window, driven with qtbot on real-schema stores in a temporary HOME."""

from __future__ import annotations

import socket
import subprocess
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from cookiedesk.classify import policy
from cookiedesk.stores.discovery import Discovery, discover
from cookiedesk.ui.app import build_window
from cookiedesk.ui.cookie_model import Column
from cookiedesk.ui.delete_dialog import DeletePreview
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.stores import (
    TestCookie,
    chromium_and_firefox,
    read_rows,
)
from tests.ui.windows import open_window

SECRET = "window-secret-5c1a"


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ], [
        TestCookie(".criteo.com", "uid", value=SECRET),
        TestCookie("www.python.org", "csrftoken", value=SECRET),
    ])



@pytest.fixture
def window(qtbot: QtBot, home: Path, tmp_path: Path) -> MainWindow:
    return open_window(qtbot, home, tmp_path)


def wait_for_preview(qtbot, window: MainWindow) -> DeletePreview:  # type: ignore[no-untyped-def]
    """The preview opens once the deletion is planned and checked, off the GUI thread."""
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=60_000)
    assert window.preview is not None
    return window.preview


def names(window: MainWindow) -> set[str]:
    return {window.model.cookie(r).name for r in range(window.model.rowCount())}


def test_the_window_shows_every_cookie_and_its_sources(window: MainWindow) -> None:
    assert len(window.model.cookies()) == 5
    texts = [window.chips.button(i).text() for i in range(5)]
    assert texts == ["All (5)", "KOmp3.net (1)", "Ad companies (2)", "Trackers (0)", "Other (2)"]
    tops = [window.sources.topLevelItem(i) for i in range(window.sources.topLevelItemCount())]
    assert sorted((t.text(0), t.text(1)) for t in tops if t) == [("Chromium", "3"),
                                                                ("Firefox", "2")]
    assert SECRET not in window.details.toPlainText()


def test_policy_links_filter_the_table(window: MainWindow) -> None:
    window.policy._follow(QUrl(policy.SHOW_SITE))
    assert names(window) == {"komp3_member"}
    window.policy._follow(QUrl(policy.SHOW_ADS))
    assert names(window) == {"IDE", "uid"}
    window._choose_chip(0)
    window.filter_box.setText("wiki")
    window.filter_bar.flush()  # typing is coalesced until the event loop runs
    assert names(window) == {"lang"}


def test_selecting_a_komp3_row_marks_the_cookies_paragraph(window: MainWindow) -> None:
    window.policy._follow(QUrl(policy.SHOW_SITE))
    assert not window.policy.is_cookies_paragraph_marked()
    window.table.selectRow(0)
    assert window.policy.is_cookies_paragraph_marked()
    details = window.details.toPlainText()
    assert "komp3_member" in details and "hidden" in details and SECRET not in details
    window.table.clearSelection()
    assert not window.policy.is_cookies_paragraph_marked()


def test_delete_flow_with_preview_summary_and_undo(qtbot: QtBot, window: MainWindow,
                                                   home: Path) -> None:
    # "Delete the ad companies' cookies" beside the policy's paragraph about them
    window.policy._follow(QUrl(policy.DELETE_ADS))
    preview = wait_for_preview(qtbot, window)
    assert preview.isVisible() and preview.delete_button.isEnabled()
    assert preview.delete_button.text() == "Delete 2 cookies"
    assert preview.tree.topLevelItemCount() == 2
    preview.accept()
    qtbot.waitUntil(lambda: len(window.model.cookies()) == 3 and window.progress.isHidden(),
                    timeout=60_000)
    assert "Chromium — Me: deleted 1, already gone 0, failed 0" in window.last_summary
    assert read_rows(home / ".config/chromium/Default/Cookies",
                     "SELECT name FROM cookies ORDER BY name") == [("komp3_member",),
                                                                   ("lang",)]
    window.undo()
    qtbot.waitUntil(lambda: len(window.model.cookies()) == 5 and window.progress.isHidden(),
                    timeout=60_000)
    assert "restored 1" in window.last_summary


def test_a_running_browser_is_named_and_retry_rechecks(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, home: Path, fake_browser: subprocess.Popen[bytes]
) -> None:
    lock = home / ".config/chromium/SingletonLock"
    lock.symlink_to(f"{socket.gethostname()}-{fake_browser.pid}")
    window.delete_site()
    preview = wait_for_preview(qtbot, window)
    assert not preview.delete_button.isEnabled()
    assert "Close Chromium (profile 'Me') and retry" in preview.running.text()
    fake_browser.kill()
    fake_browser.wait()
    preview.retry.click()  # checked again off the GUI thread
    qtbot.waitUntil(preview.delete_button.isEnabled, timeout=60_000)
    assert preview.running.isHidden()
    preview.reject()


def test_the_demo_profile_opens_with_its_cookies(qtbot: QtBot) -> None:
    window, release = build_window(demo=True)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.result is not None and window.progress.isHidden(),
                        timeout=60_000)
        assert window.model.rowCount() == 29
        assert window.windowTitle() == "demo profile — CookieDesk"
        sites = {window.model.index(r, Column.SITE).data() for r in range(29)}
        assert "komp3.net" in sites
    finally:
        release()


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    for widget in (window.sources, window.filter_box, window.table, window.details,
                   window.reveal, window.policy.browser, *window.chips.buttons()):
        assert widget.accessibleName(), widget


def test_a_cancelled_scan_is_dropped(qtbot: QtBot, window: MainWindow) -> None:
    before = window.result
    gate = threading.Event()
    discover_now = window._discover

    def held_scan() -> Discovery:  # the scan cannot finish before it is cancelled
        gate.wait()
        return discover_now()

    window._discover = held_scan
    window.rescan()
    assert window.cancel_button.isVisible() and window.cancel_button.text() == "Cancel"
    window.cancel()
    assert window.progress.isHidden() and window.cancel_button.isHidden()
    with qtbot.waitSignal(window.scan_job.relay.done, timeout=60_000):
        gate.set()  # the abandoned scan now finishes in the background…
    assert window.result is before  # …and its result is not used


def test_preferences_survive_a_restart(qtbot: QtBot, home: Path, tmp_path: Path,
                                       window: MainWindow) -> None:
    window._choose_chip(2)
    window.policy_action.setChecked(False)
    window.toggle_policy()
    window.resize(900, 600)
    window.close()
    again = MainWindow(lambda: discover("linux", home, {}), tmp_path / "data",
                       tmp_path / "config")
    qtbot.addWidget(again)
    assert again.chips.checkedId() == 2
    assert not again.policy_action.isChecked() and again.policy.isHidden()
    # the remembered size, not the 1320 x 760 a new window starts with (the offscreen
    # platform adjusts the width for frame margins it does not draw)
    assert again.height() == 600 and again.width() < 1000


def test_keep_and_unkeep_the_selected_site(qtbot: QtBot, window: MainWindow) -> None:
    window.policy._follow(QUrl(policy.SHOW_SITE))
    window.table.selectRow(0)
    window.keep_selected_site()
    qtbot.waitUntil(lambda: window.progress.isHidden(), timeout=60_000)
    member = next(c for c in window.model.cookies() if c.name == "komp3_member")
    assert member.verdict is not None and member.verdict.kept
    window._choose_chip(1)
    window.table.selectRow(0)
    window.unkeep_selected_site()
    qtbot.waitUntil(lambda: window.progress.isHidden(), timeout=60_000)
    member = next(c for c in window.model.cookies() if c.name == "komp3_member")
    assert member.verdict is not None and not member.verdict.kept


def test_a_damaged_store_is_a_banner_and_the_rest_still_shows(qtbot: QtBot, home: Path,
                                                              tmp_path: Path) -> None:
    (home / ".config/chromium/Default/Cookies").write_bytes(b"not a database" * 100)
    shown = open_window(qtbot, home, tmp_path)
    assert shown.banner.isVisible()
    assert "Chromium — Me: the file is not an SQLite database" in shown.banner.text()
    assert len(shown.model.cookies()) == 2  # Firefox's cookies are still listed


def test_with_no_browser_the_window_shows_the_demo(qtbot: QtBot, isolated_home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cookiedesk.ui.app.discover", lambda: discover("linux", isolated_home,
                                                                       {}))
    shown, release = build_window(demo=False)
    qtbot.addWidget(shown)
    try:
        shown.show()
        qtbot.waitUntil(lambda: len(shown.model.cookies()) == 29 and shown.progress.isHidden(),
                        timeout=60_000)  # not an empty table: the demo instead
        assert shown.windowTitle() == "demo profile — CookieDesk"
        assert "demo profile" in shown.banner.text() and shown.banner.isVisible()
    finally:
        release()


@pytest.mark.parametrize("demo", [True, False])  # opened on the demo, or for want of a browser
def test_the_demo_window_keeps_its_backups_and_lists_in_the_demo_home(
        qtbot: QtBot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch, demo: bool) -> None:
    from cookiedesk import dirs

    user_data = dirs.data_dir()
    monkeypatch.setattr("cookiedesk.ui.app.discover", lambda: discover("linux", isolated_home, {}))
    shown, release = build_window(demo=demo)
    qtbot.addWidget(shown)
    try:
        shown.show()
        qtbot.waitUntil(lambda: len(shown.model.cookies()) == 29, timeout=60_000)
        assert shown.demo_profile is not None
        assert shown._data_dir.is_relative_to(shown.demo_profile.home)
        assert shown._config_dir.is_relative_to(shown.demo_profile.home)
    finally:
        release()
    assert dirs.data_dir() == user_data  # and back to the user's once the demo is closed
