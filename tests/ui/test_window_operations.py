"""The window on the operations layer: nothing that touches disk or processes on the GUI
thread, the summary a deletion shows is the operations layer's own lines, Cancel stops between
stores, another writer's refusal is shown, typing is coalesced, the site's name is data."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl

from cookiedesk import report
from cookiedesk.classify import policy, userlists
from cookiedesk.classify.catalogue import compile_index
from cookiedesk.classify.classifier import Classifier
from cookiedesk.operations import deleting, restoring
from cookiedesk.operations.deleting import DeleteSummary
from cookiedesk.safety import running
from cookiedesk.safety.writer_lock import hold
from cookiedesk.ui import controller
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.stores import TestCookie, chromium_and_firefox
from tests.ui.windows import open_window

SECRET = "ops-secret-9d2e"
LONG = 60_000  # ms: an upper bound only, for a loaded machine


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



def idle(window: MainWindow) -> bool:
    return window.progress.isHidden()


def delete_through_preview(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    window.policy._follow(QUrl(policy.DELETE_ADS))  # the ad companies' IDE and uid
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=LONG)
    assert window.preview is not None
    window.preview.accept()


def test_nothing_that_touches_disk_or_processes_runs_on_the_gui_thread(  # type: ignore[no-untyped-def]
    qtbot, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gui = threading.get_ident()
    threads: dict[str, set[int]] = {}

    def recorded(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            threads.setdefault(name, set()).add(threading.get_ident())
            return function(*args, **kwargs)
        return wrapper

    for owner, name in ((controller, "scan"), (deleting, "prepare"), (deleting, "delete"),
                        (restoring, "choose"), (restoring, "restore"), (userlists, "keep_add"),
                        (userlists, "keep_remove"), (report, "build"), (report, "save"),
                        (running, "check"), (controller, "policy_text")):
        monkeypatch.setattr(owner, name, recorded(name, getattr(owner, name)))
    monkeypatch.setattr(Classifier, "load", classmethod(
        recorded("Classifier.load", Classifier.load.__func__)))  # type: ignore[attr-defined]

    window = open_window(qtbot, home, tmp_path)
    delete_through_preview(qtbot, window)
    qtbot.waitUntil(lambda: len(window.model.cookies()) == 3 and idle(window), timeout=LONG)
    window.undo()
    qtbot.waitUntil(lambda: len(window.model.cookies()) == 5 and idle(window), timeout=LONG)
    window._choose_chip(1)
    window.table.selectRow(0)
    window.keep_selected_site()
    qtbot.waitUntil(lambda: idle(window) and "keep_add" in threads, timeout=LONG)
    window.table.selectRow(0)
    window.unkeep_selected_site()
    qtbot.waitUntil(lambda: idle(window) and "keep_remove" in threads, timeout=LONG)
    assert window.result is not None
    with qtbot.waitSignal(window.ops.report_saved, timeout=LONG):
        window.ops.save_report(tmp_path / "report.txt", window.result)
    with qtbot.waitSignal(window.ops.running_checked, timeout=LONG):
        window.ops.check_running([s.store for s in window.result.stores])

    assert set(threads) == {"scan", "prepare", "delete", "choose", "restore", "keep_add",
                            "keep_remove", "build", "save", "check", "policy_text",
                            "Classifier.load"}
    on_gui = sorted(name for name, idents in threads.items() if gui in idents)
    assert on_gui == []
    assert SECRET not in (tmp_path / "report.txt").read_text()


def test_the_window_shows_the_deletion_summary_lines_of_the_operations_layer(  # type: ignore[no-untyped-def]
    qtbot, home: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, home, tmp_path)
    summaries: list[DeleteSummary] = []
    window.ops.deleted.connect(summaries.append)
    delete_through_preview(qtbot, window)
    qtbot.waitUntil(lambda: summaries != [] and idle(window), timeout=LONG)
    (summary,) = summaries
    lines = summary.lines()
    assert window.last_summary.splitlines() == lines  # the words the command line prints
    assert window.deletions.summary_box is not None
    assert window.deletions.summary_box.text().splitlines() == lines
    code = summary.result.code
    assert code and f"Confirmation code: {code}" in lines
    assert "Deleted 2 cookies in total." in lines
    assert any(line.startswith(f"Backup {summary.result.backup_id}") for line in lines)
    assert SECRET not in window.last_summary


def test_undo_shows_the_restore_summary_lines(qtbot, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, home, tmp_path)
    delete_through_preview(qtbot, window)
    qtbot.waitUntil(lambda: len(window.model.cookies()) == 3 and idle(window), timeout=LONG)
    restored: list[restoring.RestoreSummary] = []
    window.ops.restored.connect(restored.append)
    window.undo()
    qtbot.waitUntil(lambda: restored != [] and idle(window), timeout=LONG)
    assert window.last_summary.splitlines() == restored[0].lines()
    assert "Restored 2 cookies from backup" in window.last_summary


def test_another_cookiedesk_writing_is_named_in_the_preview(  # type: ignore[no-untyped-def]
    qtbot, home: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, home, tmp_path)
    with hold(tmp_path / "data"):  # as another process deleting now
        window.delete_site()
        qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                        timeout=LONG)
        assert window.preview is not None
        assert not window.preview.delete_button.isEnabled()
        assert "another CookieDesk" in window.preview.running.text()
        window.preview.reject()


def test_cancel_asks_a_deletion_to_stop_between_stores(  # type: ignore[no-untyped-def]
    qtbot, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, home, tmp_path)
    asked: list[bool] = []
    real = deleting.delete

    def watching(prepared: deleting.Prepared, data: Path, config: Path | None,
                 should_stop: Callable[[], bool] | None = None) -> DeleteSummary:
        assert should_stop is not None
        started.set()
        cancelled.wait(LONG / 1000)
        asked.append(should_stop())
        return real(prepared, data, config, should_stop=should_stop)

    started, cancelled = threading.Event(), threading.Event()
    monkeypatch.setattr(deleting, "delete", watching)
    delete_through_preview(qtbot, window)
    qtbot.waitUntil(started.is_set, timeout=LONG)
    assert window.cancel_button.text() == "Stop after this store"
    window.cancel_button.click()
    cancelled.set()
    qtbot.waitUntil(lambda: asked != [] and idle(window), timeout=LONG)
    assert asked == [True]
    assert "Interrupted" in window.last_summary


def test_several_keystrokes_before_the_event_loop_runs_filter_once(  # type: ignore[no-untyped-def]
    qtbot, home: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, home, tmp_path)
    resets: list[int] = []
    window.model.modelReset.connect(lambda: resets.append(1))
    for text in ("w", "wi", "wik", "wiki"):
        window.filter_box.setText(text)
    assert resets == []  # nothing yet: the keystrokes are coalesced
    with qtbot.waitSignal(window.filter_bar.text_filter, timeout=LONG) as filtered:
        pass
    assert filtered.args == ["wiki"] and resets == [1]
    assert [window.model.cookie(r).name for r in range(window.model.rowCount())] == ["lang"]
    assert window.chips.button(0).text() == "All (1)"


def classifier_with_only(tmp_path: Path, profile: str | None) -> Classifier:
    """A real classifier whose only site is a made-up profile dropped into the config folder
    (or none at all): the built-in one is left out of its index."""
    config = tmp_path / "made-up-config"
    (config / "sites").mkdir(parents=True)
    if profile:
        (config / "sites" / "made-up.toml").write_text(profile)
    index = compile_index(config)
    return Classifier(index._replace(
        sites=[s for s in index.sites if s.name == "Made-up.example"]))


MADE_UP = 'name = "Made-up.example"\ndomains = ["made-up.example"]\n'


def test_the_site_is_named_from_its_profile(qtbot, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(qtbot, home, tmp_path)
    assert window.chips.button(1).text().startswith("KOmp3.net (")  # the bundled profile
    assert window.delete_site_action.text() == "Delete KOmp3.net cookies…"
    made_up = classifier_with_only(tmp_path, MADE_UP)
    window.ops._take(controller.Loaded(made_up, "A made-up policy."))
    assert window.chips.button(1).text().startswith("Made-up.example (")
    assert window.delete_site_action.text() == "Delete Made-up.example cookies…"
    assert "Made-up.example privacy policy" in window.policy.title.text()
    assert window.site_name() == "Made-up.example"
    kinds = {window.model.index(r, 3).data() for r in range(window.model.rowCount())}
    assert "★ Made-up.example" in kinds and not any("KOmp3" in k for k in kinds)


def test_with_no_site_profile_the_words_are_neutral(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from cookiedesk.ui.site import site_name

    assert site_name(None) == "the site"
    assert site_name(classifier_with_only(tmp_path, None)) == "the site"
