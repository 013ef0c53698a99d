"""Honest counts (issue 14, finding 2): Firefox's session-file cookies are never deleted, so the
chips, the delete preview, the guide and the command line count them apart ("cleared when
Firefox quits", with the reason), and every number they show as "will be deleted" is the number
the deletion then removes."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard
from pytestqt.qtbot import QtBot

from cookiedesk.classify.classifier import Classifier
from cookiedesk.operations.deleting import DeleteSummary
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from cookiedesk.ui.cookie_model import Column
from cookiedesk.ui.guide import GuideWizard
from tests.helpers.cli import run
from tests.helpers.session_files import session_cookie, write_session_file
from tests.helpers.stores import TestCookie, chromium_and_firefox, read_rows
from tests.ui.trees import tree_lines
from tests.ui.windows import open_window

SECRET = "honest-secret-77a1"
LONG = 60_000  # ms: an upper bound only, for a loaded machine
SESSION_NAMES = {"sess_id", "komp3_session"}


@pytest.fixture
def home(isolated_home: Path) -> Path:
    chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ], [
        TestCookie(".criteo.com", "uid", value=SECRET),
        TestCookie("www.python.org", "csrftoken", value=SECRET),
    ])
    write_session_file(isolated_home / ".mozilla/firefox/x.default",
                       session_cookie(".criteo.com", "sess_id", SECRET),
                       session_cookie(".komp3.net", "komp3_session", SECRET))
    return isolated_home


def session_file(home: Path) -> bytes:
    return (home / ".mozilla/firefox/x.default/sessionstore.jsonlz4").read_bytes()



def test_chips_and_rows_count_session_cookies_apart_and_the_deletion_matches(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, home, tmp_path)
    assert window.chips.button(1).text() == "KOmp3.net (1 · 1 cleared when Firefox quits)"
    assert window.chips.button(2).text() == "Ad companies (2 · 1 cleared when Firefox quits)"
    assert "CookieDesk does not rewrite that file" in window.chips.button(2).toolTip()
    window._choose_chip(2)
    rows = {window.model.cookie(r).name: r for r in range(window.model.rowCount())}
    session_row = rows["sess_id"]
    expires = window.model.index(session_row, Column.EXPIRES)
    assert expires.data() == "cleared when Firefox quits"
    assert "Not deleted: Firefox keeps session cookies" in expires.data(
        Qt.ItemDataRole.ToolTipRole)
    assert window.model.index(rows["uid"], Column.EXPIRES).data() != expires.data()
    before = session_file(home)

    summaries: list[DeleteSummary] = []
    window.ops.deleted.connect(summaries.append)
    window.delete_ads_action.trigger()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=LONG)
    preview = window.preview
    assert preview is not None
    assert ("2 cookies will be deleted; 1 is a Firefox session cookie, cleared when Firefox "
            "quits.") in preview.summary.text()
    assert "does not rewrite that file" in preview.summary.text()  # and why
    assert preview.delete_button.text() == "Delete 2 cookies"
    listed = {line for group in tree_lines(preview.tree).values() for line in group}
    assert listed == {".doubleclick.net — IDE", ".criteo.com — uid"}
    preview.accept()
    qtbot.waitUntil(lambda: summaries != [] and window.progress.isHidden(), timeout=LONG)
    assert summaries[0].result.deleted == 2  # the chip's number, exactly
    box = window.deletions.summary_box
    assert box is not None  # and the summary says what stayed, and why
    assert ("Not deleted: 1 Firefox session cookie, cleared when Firefox quits."
            in box.view.lines.text())
    assert window.chips.button(2).text() == "Ad companies (0 · 1 cleared when Firefox quits)"
    assert session_file(home) == before  # never rewritten
    assert SECRET not in window.last_summary


def test_the_guide_promises_what_it_deletes(qtbot: QtBot, home: Path, tmp_path: Path) -> None:
    config = tmp_path / "config"
    classifier = Classifier.load(config)
    result = scan(discover("linux", home, {}), classify=classifier.verdict)
    guide = GuideWizard(result, tmp_path / "data", config, "", profile=classifier.sites[0])
    qtbot.addWidget(guide)
    guide.show()
    review = guide.review_page
    assert review.site_box.text() == "KOmp3.net cookies (1 · 1 cleared when Firefox quits)"
    assert review.ad_box.text() == ("Advertising companies' cookies "
                                    "(2 · 1 cleared when Firefox quits)")
    assert review.honest.text().startswith(
        "3 cookies will be deleted; 2 are Firefox session cookies, cleared when Firefox quits.")
    assert review.listed_count == 3
    guide.next()
    qtbot.waitUntil(guide.close_page.isComplete, timeout=LONG)
    guide.next()
    guide.button(QWizard.WizardButton.CommitButton).click()
    qtbot.waitUntil(lambda: guide.currentPage() is guide.done_page, timeout=LONG)
    assert guide.summary is not None and guide.summary.result.deleted == 3
    assert ("Not deleted: 2 Firefox session cookies, cleared when Firefox quits."
            in guide.done_page.summary.text())
    assert read_rows(home / ".mozilla/firefox/x.default/cookies.sqlite",
                     "SELECT name FROM moz_cookies") == [("csrftoken",)]


def test_the_command_line_lists_and_deletes_the_same_cookies(
    capsys: pytest.CaptureFixture[str], home: Path
) -> None:
    code, out, _ = run(capsys, "delete", "--ads", "--dry-run")
    assert code == 0
    listed = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(listed) == 2 and not any("sess_id" in line for line in listed)
    assert "Not deleted: 1 Firefox session cookie, cleared when Firefox quits." in out
    code, out, _ = run(capsys, "delete", "--ads", "--yes")
    assert code == 0
    assert "Deleted 2 cookies in total." in out
    assert SECRET not in out


def test_the_guide_offers_no_delete_when_only_session_cookies_would_go(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path
) -> None:
    chromium_and_firefox(isolated_home, [TestCookie("www.wikipedia.org", "lang")],
                         [TestCookie("www.python.org", "csrftoken")])
    write_session_file(isolated_home / ".mozilla/firefox/x.default",
                       session_cookie(".criteo.com", "sess_id", SECRET))
    config = tmp_path / "config"
    classifier = Classifier.load(config)
    result = scan(discover("linux", isolated_home, {}), classify=classifier.verdict)
    guide = GuideWizard(result, tmp_path / "data", config, "", profile=classifier.sites[0])
    qtbot.addWidget(guide)
    review = guide.review_page
    assert review.ad_box.isChecked()
    assert review.honest.text().startswith(
        "0 cookies will be deleted; 1 is a Firefox session cookie, cleared when Firefox quits.")
    assert not review.isComplete()  # no "Delete" that would delete nothing


def test_the_details_of_a_session_file_cookie_say_it_is_not_deleted(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    # the table said "cleared when Firefox quits", the details pane "when the browser closes"
    # and nothing about a deletion leaving it
    window = open_window(qtbot, home, tmp_path)
    rows = {window.model.cookie(r).name: r for r in range(window.model.rowCount())}
    window.table.selectRow(rows["sess_id"])
    qtbot.waitUntil(lambda: "sess_id" in window.details.toPlainText(), timeout=LONG)
    text = window.details.toPlainText()
    assert "cleared when Firefox quits (not deleted: Firefox keeps session cookies" in text
    assert SECRET not in text
    window.table.selectRow(rows["uid"])
    qtbot.waitUntil(lambda: "uid" in window.details.toPlainText(), timeout=LONG)
    assert "not deleted" not in window.details.toPlainText()
