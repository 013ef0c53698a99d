"""Edit → Deletion history…: every backup listed with its code, counts and state; any one of
them restored (the older of two, not only the newest) into the real stores, through the writer
queue, ending with the RestoreSummary lines; a tampered backup listed and its restore refused."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from cookiedesk import dirs
from cookiedesk.operations import history, restoring
from cookiedesk.safety import backup as backups
from cookiedesk.stores.discovery import discover
from cookiedesk.ui.history_dialog import HistoryDialog, when_shown
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.cli import run as run_cli
from tests.helpers.stores import TestCookie, chromium_and_firefox, read_rows

LONG = 60_000  # ms: an upper bound only, for a loaded machine
SECRET = "history-window-secret-7e3a"
CHROMIUM = ".config/chromium/Default/Cookies"


@pytest.fixture
def home(isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """Two deletions made with the command line: KOmp3.net's cookies, then the ad cookies."""
    chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ], [TestCookie(".criteo.com", "uid", value=SECRET)])
    assert run_cli(capsys, "delete", "--site", "komp3.net", "--yes")[0] == 0
    assert run_cli(capsys, "delete", "--ads", "--yes")[0] == 0
    return isolated_home


def manifests() -> list[dict[str, object]]:
    root = backups.backups_root(dirs.data_dir())
    return [json.loads((f / "manifest.json").read_text()) for f in root.iterdir()]


def open_history(qtbot: QtBot, home: Path) -> tuple[MainWindow, HistoryDialog]:
    window = MainWindow(lambda: discover("linux", home, {}), dirs.data_dir(), dirs.config_dir())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.result is not None and window.progress.isHidden(),
                    timeout=LONG)
    window.show_history()
    dialog = window.history_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=LONG)
    return window, dialog


def shown(dialog: HistoryDialog, row: int) -> list[str]:
    model = dialog.model
    return [str(model.index(row, column).data()) for column in range(model.columnCount())]


def chromium_names(home: Path) -> set[str]:
    return {str(r[0]) for r in read_rows(home / CHROMIUM, "SELECT name FROM cookies")}


def test_two_deletions_two_rows_with_the_manifests_codes_and_counts(qtbot: QtBot,
                                                                    home: Path) -> None:
    window, dialog = open_history(qtbot, home)
    by_id = {str(m["id"]): m for m in manifests()}
    newer, older = dialog.model.rows
    assert by_id[older.id]["stores"][0]["keys"]  # type: ignore[index]
    for number, row in enumerate((newer, older)):
        manifest = by_id[row.id]
        deleted = sum(s["deleted"] for s in manifest["stores"])  # type: ignore[attr-defined]
        when, code, count, restored, state, _stores = shown(dialog, number)
        assert code == manifest["code"] and len(code) == 6
        assert (count, restored, state) == (str(deleted), "0", "can be restored")
        assert when == when_shown(str(manifest["created"]))  # the manifest's time, local
    # the newer is the ad cookies' deletion (one in each store), the older KOmp3.net's (one)
    assert (newer.deleted, older.deleted) == (2, 1)
    assert shown(dialog, 0)[5] == "Chromium — Me, Firefox — default"
    assert SECRET not in " ".join(shown(dialog, 0) + shown(dialog, 1))
    assert window.findChild(HistoryDialog) is dialog
    (action,) = [a for a in window.findChildren(QAction) if a.text() == "Deletion history…"]
    assert action.shortcut().toString() == "Ctrl+H"


def test_restore_the_older_one_puts_its_cookies_back(qtbot: QtBot, home: Path) -> None:
    window, dialog = open_history(qtbot, home)
    newer, older = dialog.model.rows
    assert "komp3_member" not in chromium_names(home)
    dialog.table.selectRow(1)
    assert dialog.selected() == older and dialog.restore_button.isEnabled()
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: "Restored 1 cookie from backup" in dialog.message.text()
                    and dialog.model.rows[1].state == "restored" and window.progress.isHidden(),
                    timeout=LONG)
    assert dialog.message.text().splitlines() == [
        "Chromium — Me: restored 1, already there 0",
        f"Restored 1 cookie from backup {older.id}."]
    assert chromium_names(home) == {"komp3_member", "lang"}  # back in the real store
    assert dialog.model.rows[0].id == newer.id and dialog.model.rows[0].restorable
    assert shown(dialog, 0)[4] == "can be restored"
    qtbot.waitUntil(lambda: any(c.name == "komp3_member" for c in window.model.cookies())
                    and window.progress.isHidden(), timeout=LONG)  # the window rescanned
    # the status bar says what happened last: the restore, not the newer deletion
    assert window.statusBar().currentMessage() == f"Put back 1 cookie from backup {older.id}."


def test_a_tampered_backup_is_listed_and_its_restore_refused(qtbot: QtBot, home: Path) -> None:
    root = backups.backups_root(dirs.data_dir())
    window, dialog = open_history(qtbot, home)
    newer = dialog.model.rows[0]
    manifest = root / newer.id / "manifest.json"
    data = json.loads(manifest.read_text())
    data["stores"][0]["file"] = "../../outside.sqlite"
    manifest.write_text(json.dumps(data))
    dialog.refresh()
    qtbot.waitUntil(lambda: dialog.model.rows[0].state == "damaged", timeout=LONG)
    before = (home / CHROMIUM).read_bytes()
    dialog.table.selectRow(0)
    assert shown(dialog, 0)[4] == "damaged, cannot be restored"
    assert not dialog.restore_button.isEnabled()
    problem = (f"backup {newer.id} is damaged: store 1's snapshot name is not a plain file "
               "name")
    assert dialog.message.text() == problem
    dialog.restore_selected()
    assert dialog.message.text() == f"Not restored: {problem}."
    # the core refuses it too, whoever asks
    refused: list[str] = []
    window.ops.restore_refused.connect(refused.append)
    window.ops.restore_backup(newer.id, [s.store for s in window.result.stores]
                              if window.result else [])
    qtbot.waitUntil(lambda: refused != [], timeout=LONG)
    assert refused == [problem]
    assert (home / CHROMIUM).read_bytes() == before


def test_reading_and_restoring_run_off_the_gui_thread(qtbot: QtBot, home: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    gui, threads = threading.get_ident(), set[int]()
    for owner, name in ((history, "history"), (restoring, "choose"), (restoring, "restore")):
        function = getattr(owner, name)

        def recorded(*args: Any, _function: Any = function, **kwargs: Any) -> Any:
            threads.add(threading.get_ident())
            return _function(*args, **kwargs)

        monkeypatch.setattr(owner, name, recorded)
    window, dialog = open_history(qtbot, home)
    dialog.table.selectRow(0)
    dialog.restore_selected()
    qtbot.waitUntil(lambda: "Restored" in dialog.message.text() and window.progress.isHidden(),
                    timeout=LONG)
    assert threads and gui not in threads


def test_times_are_shown_in_the_computers_own_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    """A backup records UTC; the user remembers local time ("I deleted them after lunch")."""
    monkeypatch.setenv("TZ", "CET-1")  # a POSIX zone: one hour east of UTC, no zone files needed
    time.tzset()
    try:
        assert when_shown("2026-11-24T10:12:39Z") == "2026-11-24 11:12:39 CET"
    finally:
        monkeypatch.undo()
        time.tzset()
    assert when_shown("not a time") == "not a time" and when_shown("") == "—"
