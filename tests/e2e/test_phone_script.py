"""The README's phone script, followed on a machine with three real browsers (Chromium, a
Chromium-family browser in Brave's folders, Firefox): every number the window shows is what
happened. The counts on step 3 are what the deletion removed, the code on step 5 is the one the
report holds, and the relaunched browsers send KOmp3.net and the ad companies nothing while the
ordinary site still gets its own cookie."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QToolBar, QWizard
from pytestqt.qtbot import QtBot

from cookiedesk.safety import backup as backups
from cookiedesk.stores.discovery import discover
from cookiedesk.ui.guide import GuideWizard
from cookiedesk.ui.guide_review import ReviewPage
from cookiedesk.ui.main_window import MainWindow
from tests.e2e.browsers import (
    THIRD_PARTY_HOST,
    cookie_server,
    cookiedesk,
    cookies_received,
    firefox_profile,
    run_chromium,
    run_firefox,
)

pytestmark = pytest.mark.e2e
CHROMIUM_ROOTS = (".config/chromium", ".config/BraveSoftware/Brave-Browser")


def click(button: QAbstractButton) -> None:
    """A real mouse click through Qt's events, as the user on the phone makes it."""
    assert button.isVisible() and button.isEnabled(), button.text()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)


def shown_count(text: str) -> int:
    """The number a check box or label shows in brackets, e.g. "KOmp3.net cookies (3)"."""
    found = re.search(r"\((\d+)", text)
    assert found is not None, text
    return int(found.group(1))


def what_browsers_send(home: Path, firefox: Path, env: dict[str, str]) -> dict[str, dict[str,
                                                                                         set[str]]]:
    """Each browser relaunched over the reporting route: what did each host receive?"""
    sent: dict[str, dict[str, set[str]]] = {}
    for root in CHROMIUM_ROOTS:
        with cookie_server() as server:
            run_chromium(home / root, server.url("komp3.net", "/echohop"), env)
            sent[root] = cookies_received(server)
    with cookie_server() as server:
        run_firefox(firefox, server.url("komp3.net", "/echohop"), env)
        sent["firefox"] = cookies_received(server)
    return sent


def test_the_phone_script_on_three_real_browsers(
    qtbot: QtBot, isolated_home: Path, browser_env: dict[str, str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    firefox = firefox_profile(isolated_home / ".mozilla/firefox")
    with cookie_server() as server:
        for root in CHROMIUM_ROOTS:
            run_chromium(isolated_home / root, server.url("komp3.net", "/hop"), browser_env)
        run_firefox(firefox, server.url("komp3.net", "/hop"), browser_env)
    before = what_browsers_send(isolated_home, firefox, browser_env)
    for where, hosts in before.items():
        assert "komp3_member" in hosts["komp3.net"] and "uuid2" in hosts["ib.adnxs.com"], where

    data, config = tmp_path / "cookiedesk/data", tmp_path / "cookiedesk/config"
    window = MainWindow(lambda: discover("linux", isolated_home, {}), data, config)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.result is not None and window.progress.isHidden(),
                    timeout=60_000)
    assert window.result is not None
    assert {s.store.browser for s in window.result.stores} >= {"Chromium", "Brave", "Firefox"}

    # 1. "Click Guided cleanup in the toolbar." … "Click Next."
    toolbar = window.findChild(QToolBar, "main-toolbar")
    assert toolbar is not None
    guide_button = toolbar.widgetForAction(window.guide_action)
    assert isinstance(guide_button, QAbstractButton)
    click(guide_button)
    guide: GuideWizard = window.guide
    click(guide.button(QWizard.WizardButton.NextButton))
    # 2. every browser is closed: Next becomes clickable by itself. "Click Next."
    next_button = guide.button(QWizard.WizardButton.NextButton)
    qtbot.waitUntil(next_button.isEnabled, timeout=60_000)
    click(next_button)
    # 3. the counts, then "Click Delete."
    review = guide.currentPage()
    assert isinstance(review, ReviewPage)
    promised = shown_count(review.site_box.text()) + shown_count(review.ad_box.text())
    assert promised > 0
    click(guide.button(QWizard.WizardButton.CommitButton))
    # 4. it deletes and moves on by itself; 5. "Read me the confirmation code."
    qtbot.waitUntil(lambda: guide.currentPage() is guide.done_page, timeout=120_000)
    code = guide.done_page.code.text().split()[-1]
    click(guide.button(QWizard.WizardButton.FinishButton))

    # what was promised on step 3 is what went, and the code read out is the backup's
    (latest,), _ = backups.list_backups(data)
    assert latest.code == code
    assert latest.deleted == promised
    monkeypatch.setenv("COOKIEDESK_DATA_DIR", str(data))
    monkeypatch.setenv("COOKIEDESK_CONFIG_DIR", str(config))
    report = json.loads(cookiedesk("report", "--json").stdout)
    assert report["last_deletions"][0]["code"] == code
    assert report["last_deletions"][0]["deleted"] == promised

    # the window, rescanned after the guide, shows none of them left
    qtbot.waitUntil(lambda: window.progress.isHidden() and window.result is not None
                    and not any(c.verdict is not None and c.verdict.category in ("site", "ad")
                                for c in window.result.cookies()), timeout=60_000)

    # and the browsers agree
    after = what_browsers_send(isolated_home, firefox, browser_env)
    for where, hosts in after.items():
        assert hosts.get("komp3.net", set()) == set(), (where, hosts)
        assert hosts.get("ib.adnxs.com", set()) == set(), (where, hosts)
        assert hosts.get(THIRD_PARTY_HOST, set()) == set(), (where, hosts)
        assert hosts["news.example.org"] == {"pref"}, (where, hosts)
