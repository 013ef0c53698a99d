"""Starting the window: the QApplication, the palette, the main window on this computer's
browsers or on the demo profile."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from cookiedesk import dirs
from cookiedesk.demo import DemoProfile
from cookiedesk.resources import resource_path
from cookiedesk.stores.discovery import Discovery, discover
from cookiedesk.ui.main_window import MainWindow


def app_icon() -> QIcon:
    icon = QIcon(str(resource_path("icons", "cookiedesk.svg")))
    for size in (16, 32, 48, 64, 128, 256):
        icon.addFile(str(resource_path("icons", f"cookiedesk-{size}.png")))
    return icon


def build_window(demo: bool) -> tuple[MainWindow, Callable[[], None]]:
    """The window and a function that releases what it holds (the demo's temporary home)."""
    holder: dict[str, DemoProfile] = {}

    def source() -> Discovery:
        if "demo" in holder:
            return holder["demo"].discover()
        return discover()

    def switch_to_demo() -> None:
        if "demo" not in holder:
            holder["demo"] = window.demo_profile = DemoProfile()
            window.setWindowTitle("CookieDesk — demo profile")
        window.rescan()

    window = MainWindow(source, dirs.data_dir(), dirs.config_dir(), offer_demo=switch_to_demo)
    window.demo_profile = None
    if demo:
        holder["demo"] = window.demo_profile = DemoProfile()
        window.setWindowTitle("CookieDesk — demo profile")

    def release() -> None:
        if "demo" in holder:
            holder.pop("demo").close()

    return window, release


def run(demo: bool) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("CookieDesk")
    app.setApplicationDisplayName("CookieDesk")
    app.setWindowIcon(app_icon())
    window, release = build_window(demo)
    window.show()
    if os.environ.get("COOKIEDESK_QUIT_WHEN_SHOWN") == "1":
        # for packaging smoke tests and start-up timing: the window came up, and that is all
        QTimer.singleShot(0, lambda: (print("window shown", flush=True), app.quit()))
    try:
        return int(app.exec())
    finally:
        from cookiedesk.ui import workers

        workers.wait_for_all()
        release()


def run_guide(demo: bool) -> int:
    """`cookiedesk guide`: the guided cleanup on its own."""
    from cookiedesk.classify.classifier import Classifier
    from cookiedesk.classify.policy import policy_text
    from cookiedesk.stores.scan import scan
    from cookiedesk.ui.guide import GuideWizard

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    profile = DemoProfile() if demo else None
    try:
        classifier = Classifier.load(dirs.config_dir())
        result = scan(profile.discover() if profile else discover(), classify=classifier.verdict)
        site = classifier.sites[0] if classifier.sites else {}
        guide = GuideWizard(result, dirs.data_dir(), dirs.config_dir(),
                            policy_text(site) if site else "")
        guide.finished.connect(app.quit)
        guide.show()
        return int(app.exec())
    finally:
        if profile:
            profile.close()
