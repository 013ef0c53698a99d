"""Starting and ending the window: its title, the first-scan switch the bundle's smoke test
uses (COOKIEDESK_QUIT_AFTER_SCAN), and SIGTERM/SIGINT/SIGHUP ending it like Ctrl+Q does."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cookiedesk.classify import domains
from cookiedesk.stores.discovery import Discovery, discover
from cookiedesk.ui.app import build_window, watch_first_scan
from cookiedesk.ui.main_window import MainWindow
from cookiedesk.ui.quit_signals import quit_on_signals
from tests.helpers.stores import TestCookie, chromium_profile


def title_shown(title: str, display_name: str) -> str:
    """What the window manager gets (QPlatformWindow::formatWindowTitle): Qt appends the
    application's display name unless the title already ends with it."""
    return title if title.endswith(display_name) else f"{title} — {display_name}"


def test_the_demo_title_names_cookiedesk_once(qtbot: QtBot) -> None:
    window, release = build_window(demo=True)
    qtbot.addWidget(window)
    try:
        assert window.windowTitle() == "demo profile — CookieDesk"
        assert title_shown(window.windowTitle(), "CookieDesk").count("CookieDesk") == 1
    finally:
        release()


def first_scan(qtbot: QtBot, window: MainWindow) -> list[int]:
    codes: list[int] = []
    watch_first_scan(window, codes.append)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: codes != [], timeout=60_000)
    return codes


def test_the_switch_prints_the_counts_the_window_shows(
    qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    window, release = build_window(demo=True)
    try:
        assert first_scan(qtbot, window) == [0]
        counts = window.model.counts()
    finally:
        release()
    assert capsys.readouterr().out == (
        f"first scan: {counts[None]} cookies, {counts['site']} KOmp3.net, {counts['ad']} ad "
        f"companies, {counts['other']} other, 0 errors\n")
    assert counts[None] == 29 and counts["site"] > 0 and counts["ad"] > 0


def test_no_cookies_is_a_failure(qtbot: QtBot, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    window = MainWindow(Discovery, tmp_path / "data", tmp_path / "config")
    assert first_scan(qtbot, window) == [1]
    assert capsys.readouterr().out == (
        "first scan: 0 cookies, 0 KOmp3.net, 0 ad companies, 0 other, 0 errors\n")


def test_a_failed_scan_is_a_failure(qtbot: QtBot, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> Discovery:
        raise OSError("the disk went away")

    window = MainWindow(broken, tmp_path / "data", tmp_path / "config")
    assert first_scan(qtbot, window) == [1]
    assert capsys.readouterr().out == "first scan failed: OSError: the disk went away\n"


@pytest.mark.qt_no_exception_capture  # the switch's own hook must see it, as in the bundle
def test_an_empty_window_from_a_missing_module_is_a_failure(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The bundle without publicsuffixlist: the scan works, filling the table raises."""
    monkeypatch.setattr(sys, "excepthook", lambda *_: None)  # restored after the test
    monkeypatch.setattr(domains, "_PSL_PACKAGE", "no_such_package")
    domains.suffix_list.cache_clear()  # and a host no earlier test has looked up
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24,
                     [TestCookie("never-seen-before.example", "lang")])
    window = MainWindow(lambda: discover("linux", isolated_home, {}), tmp_path / "data",
                        tmp_path / "config")
    try:
        assert first_scan(qtbot, window) == [1]
    finally:
        domains.suffix_list.cache_clear()
    assert capsys.readouterr().out == ("first scan failed: RuntimeError: the Public Suffix List "
                                       "package (publicsuffixlist) is not installed\n")


def test_a_signal_reaches_the_event_loop(qtbot: QtBot) -> None:
    received: list[int] = []
    before = signal.getsignal(signal.SIGHUP)
    with quit_on_signals(received.append):
        signal.raise_signal(signal.SIGHUP)
        qtbot.waitUntil(lambda: received == [signal.SIGHUP], timeout=60_000)
    assert signal.getsignal(signal.SIGHUP) is before
    assert QApplication.instance() is not None


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_a_signal_closes_the_demo_window_and_removes_its_folder(tmp_path: Path,
                                                                number: int) -> None:
    temporary = tmp_path / "child-tmp"
    temporary.mkdir()
    environ = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(temporary),
               "COOKIEDESK_REPORT_FIRST_SCAN": "1"}
    with subprocess.Popen([sys.executable, "-m", "cookiedesk", "--demo"], env=environ,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:
        try:
            assert child.stdout is not None
            with selectors.DefaultSelector() as waiting:  # the pipe, not a clock, says when
                waiting.register(child.stdout, selectors.EVENT_READ)
                assert waiting.select(timeout=120), "the window never reported its first scan"
            assert child.stdout.readline().startswith("first scan: 29 cookies")
            assert [p.name[:16] for p in temporary.iterdir()] == ["cookiedesk-demo-"]
            child.send_signal(number)
            code = child.wait(timeout=120)
        finally:
            child.kill()
    assert code == 128 + number  # ended by the signal, cleanly (not killed by it: -number)
    assert list(temporary.iterdir()) == []


def test_the_guide_on_its_own_opens_once_its_scan_is_read_off_the_gui_thread(
        tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", COOKIEDESK_QUIT_WHEN_SHOWN="1",
               PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-m", "cookiedesk", "--demo", "guide"], cwd=root,
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "guide shown: Step 1 of 5: What will happen"
