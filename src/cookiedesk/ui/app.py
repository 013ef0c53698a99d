"""Starting the window: the QApplication, the palette, the main window on this computer's
browsers or on the demo profile."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from cookiedesk import buglog, dirs
from cookiedesk.demo import DemoProfile
from cookiedesk.resources import resource_path
from cookiedesk.stores.discovery import Discovery, discover
from cookiedesk.stores.scan import ScanResult
from cookiedesk.ui.main_window import MainWindow
from cookiedesk.ui.quit_signals import quit_on_signals
from cookiedesk.wording import plural

# Qt adds the application's display name to a window title that does not end with it, so a
# title that starts with "CookieDesk" read "CookieDesk — demo profile — CookieDesk".
DEMO_TITLE = "demo profile — CookieDesk"


def app_icon() -> QIcon:
    icon = QIcon(str(resource_path("icons", "cookiedesk.svg")))
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"cookiedesk-{size}.png")))
    return icon


class BugReporter(QObject):
    """From its creation until `uninstall`, uncaught exceptions are logged as bugs (or kept as
    plain sentences, for environment errors) and their sentence shown in a message box that
    does not block.

    The excepthook may run on any thread (a worker's exception reaches threading.excepthook
    there), and widgets belong to the GUI thread: the sentence travels by a signal, which Qt
    queues to this object's thread."""

    reported = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.boxes: list[QMessageBox] = []  # the ones open now
        self.reported.connect(self._show)
        self._uninstall = buglog.install_excepthook(self.reported.emit)

    def uninstall(self) -> None:
        self._uninstall()

    def _show(self, sentence: str) -> None:
        active = QApplication.activeWindow()
        box = QMessageBox(QMessageBox.Icon.Critical, "CookieDesk", sentence,
                          QMessageBox.StandardButton.Ok,
                          active if isinstance(active, QWidget) else None)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setModal(False)
        self.boxes.append(box)
        box.finished.connect(lambda _result: self.boxes.remove(box))
        box.show()


def build_window(demo: bool) -> tuple[MainWindow, Callable[[], None]]:
    """The window and a function that releases what it holds (the demo's temporary home)."""
    holder: dict[str, DemoProfile] = {}

    def source() -> Discovery:
        if "demo" in holder:
            return holder["demo"].discover()
        return discover()

    def start_demo() -> DemoProfile:
        profile = holder["demo"] = DemoProfile()
        # The demo's backups, lists and settings live in its own temporary home.
        dirs.use_private_folders(profile.home / ".cookiedesk")
        return profile

    def switch_to_demo() -> None:
        if "demo" not in holder:
            window.demo_profile = start_demo()
            window.use_folders(dirs.data_dir(), dirs.config_dir())
            window.setWindowTitle(DEMO_TITLE)
        window.rescan()

    profile = start_demo() if demo else None
    window = MainWindow(source, dirs.data_dir(), dirs.config_dir(), offer_demo=switch_to_demo)
    window.demo_profile = profile
    if demo:
        window.setWindowTitle(DEMO_TITLE)

    def release() -> None:
        if "demo" in holder:
            holder.pop("demo").close()
            dirs.use_private_folders(None)

    return window, release


def watch_first_scan(window: MainWindow, done: Callable[[int], None]) -> None:
    """Print the counts the window shows after its first scan, then `done(0)`; `done(1)` when
    the scan failed, a store could not be read or no cookie was found. For the bundle's smoke
    test: a window that opens but cannot scan (a module PyInstaller left out) must fail it."""
    reported = False

    def report(line: str, code: int) -> None:
        nonlocal reported
        if not reported:
            reported = True
            print(line, flush=True)
            done(code)

    def loaded(result: ScanResult) -> None:
        counts = window.model.counts()
        errors = sum(1 for s in result.stores if s.error) + len(result.problems)
        report(f"first scan: {plural(counts[None], 'cookie')}, {counts['site']} "
               f"{window.site_name()}, {plural(counts['ad'], 'ad company')}, "
               f"{counts['other']} other, {plural(errors, 'error')}",
               0 if counts[None] and not errors else 1)

    def crashed(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        # an exception in a slot (filling the table) leaves an empty window and no signal:
        # PySide6 hands it to sys.excepthook, so this is where the smoke test learns of it
        previous_hook(kind, error, trace)
        report(f"first scan failed: {kind.__name__}: {error}", 1)

    previous_hook = sys.excepthook
    sys.excepthook = crashed
    window.scan_loaded.connect(loaded)
    window.work_failed.connect(lambda message: report(f"first scan failed: {message}", 1))


def run(demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("CookieDesk")
    app.setApplicationDisplayName("CookieDesk")
    app.setWindowIcon(app_icon())
    from cookiedesk.ui import single_instance

    address = single_instance.server_name(dirs.config_dir())  # the user's, not the demo's
    already = single_instance.ask_running_window(address)
    if already is not None:
        print(already, file=sys.stdout if already == single_instance.ALREADY_OPEN else sys.stderr)
        return 0 if already == single_instance.ALREADY_OPEN else 1
    instance = single_instance.WindowServer(address, app)
    received: list[int] = []

    def on_signal(number: int) -> None:
        # as Ctrl+Q: close the window (it saves its layout), end every event loop, then clean up
        received.append(number)
        window.close()
        app.quit()

    bugs = BugReporter(app)
    with quit_on_signals(on_signal):
        try:
            window, release = build_window(demo)
        except BaseException:
            bugs.uninstall()
            raise
        instance.raise_requested.connect(lambda: single_instance.bring_to_front(window))
        try:
            window.show()
            if os.environ.get("COOKIEDESK_QUIT_WHEN_SHOWN") == "1":
                # for packaging smoke tests and start-up timing: the window came up, that is all
                QTimer.singleShot(0, lambda: (print("window shown", flush=True), app.quit()))
            if os.environ.get("COOKIEDESK_QUIT_AFTER_SCAN") == "1":
                watch_first_scan(window, app.exit)
            elif os.environ.get("COOKIEDESK_REPORT_FIRST_SCAN") == "1":
                watch_first_scan(window, lambda _: None)
            code = int(app.exec())
        finally:
            from cookiedesk.ui import tasks

            tasks.wait_for_all()
            release()
            bugs.uninstall()
            instance.close()
    # ended by a signal: the shell's convention, 128 + its number (143 for SIGTERM)
    return 128 + received[0] if received else code


def run_guide(demo: bool) -> int:
    """`cookiedesk guide`: the guided cleanup on its own."""
    from cookiedesk.classify.classifier import Classifier
    from cookiedesk.classify.policy import policy_text
    from cookiedesk.classify.sites import SiteProfile
    from cookiedesk.classify.sites import first as first_site
    from cookiedesk.stores.scan import scan
    from cookiedesk.ui import tasks
    from cookiedesk.ui.guide import GuideWizard

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    bugs = BugReporter(app)
    profile = None
    try:
        profile = DemoProfile() if demo else None
        if profile:
            dirs.use_private_folders(profile.home / ".cookiedesk")
        found = profile.discover if profile else discover
        config, data = dirs.config_dir(), dirs.data_dir()

        def read() -> tuple[ScanResult, SiteProfile | None, str]:  # off the GUI thread
            classifier = Classifier.load(config)
            site = first_site(classifier.sites)
            return scan(found(), classify=classifier.verdict), site, policy_text(site)

        opened: list[GuideWizard] = []

        def open_it(loaded: tuple[ScanResult, SiteProfile | None, str]) -> None:
            result, site, markdown = loaded
            guide = GuideWizard(result, data, config, markdown, profile=site)
            guide.finished.connect(app.quit)
            opened.append(guide)
            guide.show()
            if os.environ.get("COOKIEDESK_QUIT_WHEN_SHOWN") == "1":  # smoke tests, as run()
                print(f"guide shown: {guide.currentPage().title()}", flush=True)
                app.quit()

        def failed(message: str) -> None:
            print(f"cookiedesk: the guided cleanup cannot start: {message}", file=sys.stderr)
            app.exit(1)

        tasks.run_read(read, open_it, failed)
        return int(app.exec())
    finally:
        if profile:
            profile.close()
            dirs.use_private_folders(None)
        bugs.uninstall()
