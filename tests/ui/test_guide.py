"""The guided cleanup, driven end to end with qtbot on real-schema stores of three browsers."""

from __future__ import annotations

import json
import socket
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QToolBar, QWizard
from pytestqt.qtbot import QtBot

from cookiedesk.cli import main
from cookiedesk.safety import backup as backups
from cookiedesk.stores.discovery import discover
from cookiedesk.ui.guide import ClosePage, GuideWizard
from cookiedesk.ui.guide_review import ReviewPage
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile, read_rows
from tests.ui.windows import open_window

SECRET = "guide-secret-0f4b"
OTHER_NAME = "private-other-cookie-name"


class Clicks:
    """Real clicks on real buttons, counted by the buttons themselves: a mouse press and release
    through Qt's event system, and one count per `clicked` the button emits. A click on a
    hidden or disabled button emits nothing, so it cannot count."""

    def __init__(self) -> None:
        self.count = 0

    def on(self, button: QAbstractButton) -> None:
        button.clicked.connect(self._clicked)
        try:
            QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        finally:
            button.clicked.disconnect(self._clicked)

    def _clicked(self) -> None:
        self.count += 1


@pytest.fixture
def home(isolated_home: Path) -> Path:
    for root in (".config/chromium", ".config/BraveSoftware/Brave-Browser"):
        chromium_profile(isolated_home / root, "Default", "Me", 24, [
            TestCookie(".komp3.net", "komp3_member", value=SECRET),
            TestCookie(".doubleclick.net", "IDE", value=SECRET),
            TestCookie("www.example.org", OTHER_NAME, value=SECRET),
        ])
    firefox_profile(isolated_home / ".mozilla/firefox", "x.default", "default", 17, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".criteo.com", "uid", value=SECRET),
        TestCookie("www.example.org", OTHER_NAME, value=SECRET),
    ])
    return isolated_home


def guide_at_step_3(qtbot: QtBot, window: MainWindow) -> GuideWizard:
    """The guided cleanup opened and walked to step 3 (step 2 waits for its browser check)."""
    window.guided_cleanup()
    guide: GuideWizard = window.guide
    next_button = guide.button(QWizard.WizardButton.NextButton)
    next_button.click()
    qtbot.waitUntil(next_button.isEnabled, timeout=60_000)  # the browsers are checked closed
    next_button.click()
    return guide


def test_guided_cleanup_in_five_clicks_with_a_browser_closed_on_step_2(
    qtbot: QtBot, home: Path, tmp_path: Path, fake_browser: subprocess.Popen[bytes],
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    brave_lock = home / ".config/BraveSoftware/Brave-Browser/SingletonLock"
    brave_lock.symlink_to(f"{socket.gethostname()}-{fake_browser.pid}")
    data, config = tmp_path / "cookiedesk/data", tmp_path / "cookiedesk/config"
    window = MainWindow(lambda: discover("linux", home, {}), data, config)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.result is not None and window.progress.isHidden(),
                    timeout=60_000)
    clicks = Clicks()
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert toolbar is not None
    toolbar_button = toolbar.widgetForAction(window.guide_action)
    assert isinstance(toolbar_button, QAbstractButton)
    clicks.on(toolbar_button)  # click 1: "Guided cleanup"
    guide: GuideWizard = window.guide
    assert guide.currentPage().title() == "Step 1 of 5: What will happen"
    intro = " ".join(label.text() for label in guide.currentPage().findChildren(QLabel))
    assert "there is a simple procedure to manually delete your cookies." in intro
    clicks.on(guide.button(QWizard.WizardButton.NextButton))  # click 2
    close_page = guide.currentPage()
    assert isinstance(close_page, ClosePage)
    assert close_page.title() == "Step 2 of 5: Close your browsers"
    qtbot.waitUntil(lambda: close_page.checks > 0, timeout=60_000)  # checked off the GUI thread
    lines = [close_page.lines.item(i).text() for i in range(close_page.lines.count())]
    assert "Brave — Me: ● still open — please close it" in lines
    assert not guide.button(QWizard.WizardButton.NextButton).isEnabled()
    fake_browser.kill()  # the user closes Brave (its lock stays behind, as after a crash)
    fake_browser.wait()
    qtbot.waitUntil(lambda: guide.button(QWizard.WizardButton.NextButton).isEnabled(),
                    timeout=60_000)  # noticed by itself, without a click
    clicks.on(guide.button(QWizard.WizardButton.NextButton))  # click 3
    review = guide.currentPage()
    assert isinstance(review, ReviewPage)
    assert review.title() == "Step 3 of 5: Check what will be deleted"
    assert review.site_box.text() == "KOmp3.net cookies (3)"
    assert review.ad_box.text() == "Advertising companies' cookies (3)"
    assert guide.button(QWizard.WizardButton.CommitButton).text() == "Delete"
    clicks.on(guide.button(QWizard.WizardButton.CommitButton))  # click 4: delete
    qtbot.waitUntil(lambda: guide.currentPage().title() == "Step 5 of 5: Done", timeout=60_000)
    code_text = guide.done_page.code.text()
    assert code_text.startswith("Confirmation code: ") and len(code_text.split()[-1]) == 6
    clicks.on(guide.button(QWizard.WizardButton.FinishButton))  # click 5: finish
    assert not guide.isVisible()
    assert clicks.count == 5

    for store in (".config/chromium/Default/Cookies",
                  ".config/BraveSoftware/Brave-Browser/Default/Cookies"):
        assert read_rows(home / store, "SELECT name FROM cookies") == [(OTHER_NAME,)]
    code = code_text.split()[-1]
    (latest,), _ = backups.list_backups(data)
    assert latest.code == code and latest.deleted == 6

    # the code is in the report; the report has no value and no name of an "other" cookie
    monkeypatch.setenv("COOKIEDESK_DATA_DIR", str(data))
    monkeypatch.setenv("COOKIEDESK_CONFIG_DIR", str(config))
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert f"code {code}  deleted 6" in text
    assert main(["report", "--json"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out)
    assert report["last_deletions"][0]["code"] == code
    for text_form in (text, out):
        assert SECRET not in text_form and OTHER_NAME not in text_form


def test_keep_listed_cookies_are_not_touched_and_the_summary_says_so(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    config = tmp_path / "cookiedesk/config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "keep.txt").write_text("criteo.com\n")
    window = MainWindow(lambda: discover("linux", home, {}), tmp_path / "data", config)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.result is not None and window.progress.isHidden(),
                    timeout=60_000)
    guide = guide_at_step_3(qtbot, window)
    assert "1 is on your keep-list and stays." in " ".join(
        label.text() for label in guide.currentPage().findChildren(QLabel))
    guide.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: guide.currentPage() is guide.done_page, timeout=60_000)
    assert "1 cookie on your keep-list was not touched." in guide.done_page.summary.text()
    assert read_rows(home / ".mozilla/firefox/x.default/cookies.sqlite",
                     "SELECT name FROM moz_cookies WHERE host = '.criteo.com'") == [("uid",)]


def test_steps_3_and_5_name_the_browsers_in_the_same_order(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, home, tmp_path)
    guide = guide_at_step_3(qtbot, window)
    review = guide.currentPage()
    assert isinstance(review, ReviewPage)
    on_step_3 = [line.split(":")[0] for line in review.per_browser.text().splitlines()]
    assert len(on_step_3) == 3
    guide.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: guide.currentPage() is guide.done_page, timeout=60_000)
    on_step_5 = [line.split(":")[0] for line in guide.done_page.summary.text().splitlines()
                 if " — " in line.split(":")[0]]
    assert on_step_5 == on_step_3
