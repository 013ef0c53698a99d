"""Every deletion ends the same way (issue 14, findings 5 and 8): toolbar, selection and policy
links all end with the operations layer's summary (per store, total, backup id) and the
confirmation code shown large, bold and selectable, the code `cookiedesk report` and the
manifest hold, with Undo in the box; Undo ends with what it put back, still shown after the
rescan that follows it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from cookiedesk.classify import policy
from cookiedesk.operations.deleting import DeleteSummary
from cookiedesk.operations.restoring import RestoreSummary
from cookiedesk.safety import backup as backups
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.cli import run
from tests.helpers.stores import TestCookie, chromium_and_firefox
from tests.ui.windows import open_window

SECRET = "ending-secret-41c9"
LONG = 60_000


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


def select_ad_rows(window: MainWindow) -> None:
    window._choose_chip(2)
    window.table.selectAll()
    window.delete_action.trigger()


WAYS: dict[str, Callable[[MainWindow], None]] = {
    "toolbar: ad companies": lambda w: w.delete_ads_action.trigger(),
    "toolbar: the site": lambda w: w.delete_site_action.trigger(),
    "the selection": select_ad_rows,
    "policy link: the site": lambda w: w.policy._follow(QUrl(policy.DELETE_NOW)),
    "policy link: ad companies": lambda w: w.policy._follow(QUrl(policy.DELETE_ADS)),
}


def delete_by(qtbot: QtBot, window: MainWindow, way: Callable[[MainWindow], None]
              ) -> DeleteSummary:
    summaries: list[DeleteSummary] = []
    window.ops.deleted.connect(summaries.append)
    way(window)
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=LONG)
    assert window.preview is not None
    window.preview.accept()
    qtbot.waitUntil(lambda: summaries != [] and window.progress.isHidden(), timeout=LONG)
    return summaries[0]


@pytest.mark.parametrize("way", list(WAYS))
def test_every_deletion_ends_with_the_summary_and_its_code(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, way: str
) -> None:
    summary = delete_by(qtbot, window, WAYS[way])
    box = window.deletions.summary_box
    assert box is not None and box.isVisible()
    (made,), _ = backups.list_backups(tmp_path / "data")
    assert made.code and summary.result.code == made.code
    code = box.view.code
    assert code.text() == f"Confirmation code: {made.code}"
    assert code.font().bold() and code.isVisible()
    assert code.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert code.font().pointSizeF() > box.view.lines.font().pointSizeF()
    shown = box.view.lines.text()
    total = summary.result.deleted
    assert f"Deleted {total} cookie{'s' if total != 1 else ''} in total." in shown
    assert f"Backup {made.id}" in shown
    assert any(o.store.label in shown for o in summary.result.outcomes)  # per store
    assert box.undo_button.isVisible()
    assert made.code in window.statusBar().currentMessage()  # after the rescan too
    monkeypatch.setenv("COOKIEDESK_DATA_DIR", str(tmp_path / "data"))
    _, report, _ = run(capsys, "report")
    assert f"code {made.code}" in report
    assert SECRET not in shown + report


def test_undo_from_the_box_says_what_it_put_back_after_the_rescan(
    qtbot: QtBot, window: MainWindow
) -> None:
    delete_by(qtbot, window, WAYS["toolbar: ad companies"])
    box = window.deletions.summary_box
    assert box is not None
    restored: list[RestoreSummary] = []
    scans: list[object] = []
    window.ops.restored.connect(restored.append)
    window.scan_loaded.connect(scans.append)
    box.undo_button.click()
    # the restore answered, then the rescan it asks for finished
    qtbot.waitUntil(lambda: restored != [] and scans != [] and window.progress.isHidden(),
                    timeout=LONG)
    assert len(window.model.cookies()) == 5
    message = window.statusBar().currentMessage()
    assert message.startswith("Undo: put back 2 cookies from backup ")
    undo_box = window.deletions.summary_box
    assert undo_box is not None and undo_box is not box and undo_box.isVisible()
    assert undo_box.text().splitlines() == restored[0].lines()
    assert "Restored 2 cookies from backup" in undo_box.view.lines.text()
    assert not undo_box.undo_button.isVisible()
