"""A scan that ends while a deletion waits or runs leaves the window busy (issue 14, "delete
while a scan runs"). The policy pane's delete link stays clickable during a scan; its deletion
then waited in the writer queue while the scan's end hid the progress bar and Cancel and
turned Delete, Undo and Rescan back on, as if nothing were running."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from cookiedesk.stores.discovery import Discovery, discover
from cookiedesk.ui import tasks
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.stores import TestCookie, chromium_and_firefox
from tests.ui.windows import open_window

LONG = 60_000


def test_a_scan_ending_during_a_deletion_leaves_the_window_busy(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path
) -> None:
    chromium_and_firefox(isolated_home, [TestCookie(".komp3.net", "komp3_member"),
                                         TestCookie(".doubleclick.net", "IDE")],
                         [TestCookie(".komp3.net", "komp3_member")])
    scan_gate = threading.Event()
    scan_gate.set()

    def gated_discover() -> Discovery:
        scan_gate.wait()
        return discover("linux", isolated_home, {})

    window = MainWindow(gated_discover, tmp_path / "data", tmp_path / "config")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.result is not None and window.progress.isHidden(),
                    timeout=LONG)
    first = window.result
    scan_gate.clear()
    window.rescan()  # F5: the scan waits at the gate
    window.policy.delete_requested.emit()  # the policy's "Delete KOmp3.net cookies…" link
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=LONG)
    preview = window.preview
    assert preview is not None
    writer_gate = threading.Event()
    tasks.run_write(writer_gate.wait, lambda _: None, lambda _: None)  # the writer is busy
    try:
        preview.accept()  # the deletion queues behind it
        scan_gate.set()
        qtbot.waitUntil(lambda: window.result is not first, timeout=LONG)
        assert not window.progress.isHidden()
        assert not window.cancel_button.isHidden()
        assert not window.delete_action.isEnabled() and not window.undo_action.isEnabled()
    finally:
        scan_gate.set()
        writer_gate.set()
    qtbot.waitUntil(lambda: window.deletions.summary_box is not None
                    and window.progress.isHidden(), timeout=LONG)
    assert "Deleted 2 cookies in total." in window.last_summary
    assert window.delete_action.isEnabled() and window.undo_action.isEnabled()


def test_cancel_during_a_deletion_stops_it_even_after_ctrl_k_relabelled_the_button(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path
) -> None:
    # Ctrl+K (keep this site) stays on while a deletion runs and shows its own "Cancel", the
    # word that means "abandon a scan": pressing it then hid the progress bar mid-deletion
    # and said "Scan cancelled."
    chromium_and_firefox(isolated_home, [TestCookie(".komp3.net", "komp3_member"),
                                         TestCookie(".doubleclick.net", "IDE")],
                         [TestCookie(".criteo.com", "uid")])
    window = open_window(qtbot, isolated_home, tmp_path)
    window.delete_ads()
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=LONG)
    preview = window.preview
    assert preview is not None
    writer_gate = threading.Event()
    tasks.run_write(writer_gate.wait, lambda _: None, lambda _: None)  # the writer is busy
    try:
        preview.accept()  # the deletion queues behind it
        window.table.selectRow(0)
        window.commands.keep.trigger()  # Ctrl+K
        assert window.cancel_button.text() == "Cancel"
        window.cancel_button.click()
        assert not window.progress.isHidden()
        assert window.ops.stop.is_set()
        assert window.statusBar().currentMessage() != "Scan cancelled."
    finally:
        writer_gate.set()
    qtbot.waitUntil(lambda: window.deletions.summary_box is not None
                    and window.progress.isHidden(), timeout=LONG)
