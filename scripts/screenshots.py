"""Take the README's screenshots of the real window on the demo profile: every state the README
shows (main, filters, row menu, member cookie, preview, summary with its code, undo, a running
browser, sites, history, keep-list, each guide step), light and dark, and at 200%.

Run `scripts/screenshots.sh [OUT]`: it starts Xvfb with a window manager (openbox), so that the
pictures are what a user sees (title bars, popups, focus), and runs this script at 100% and at
QT_SCALE_FACTOR=2 (`--scaled`). Each picture is a grab of the screen around the windows in it,
not a widget rendering itself, so that menus and dialogs appear where the user sees them.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QRect, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def settle(milliseconds: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


def wait_for(condition: Callable[[], object]) -> None:
    """The window answers off its thread: let the event loop run until it has."""
    while not condition():
        settle(100)


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#232629"), (QPalette.ColorRole.WindowText,
                         "#eff0f1"), (QPalette.ColorRole.Base, "#1b1e20"),
                         (QPalette.ColorRole.AlternateBase, "#232629"),
                         (QPalette.ColorRole.Text, "#eff0f1"), (QPalette.ColorRole.Button,
                         "#31363b"), (QPalette.ColorRole.ButtonText, "#eff0f1"),
                         (QPalette.ColorRole.Highlight, "#3daee9"),
                         (QPalette.ColorRole.HighlightedText, "#eff0f1"),
                         (QPalette.ColorRole.Link, "#6cb6ff"),
                         (QPalette.ColorRole.PlaceholderText, "#8a9096")):
        palette.setColor(role, QColor(colour))
    # as a dark desktop theme does: without these, the filter box's placeholder was dark grey
    # on black and disabled buttons ("Show all", "Reveal value…") looked enabled
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7f8c8d"))
    return palette


class Camera:
    """Saves `NAME-THEME.png` (or `NAME-200-percent.png`) of the screen around some windows."""

    def __init__(self, out: Path, suffix: str) -> None:
        self.out, self.suffix = out, suffix

    def shot(self, name: str, *windows: QWidget) -> None:
        settle()
        area = QRect()
        for window in windows:
            area = area.united(window.frameGeometry())
        screen = QGuiApplication.primaryScreen()
        area = area.adjusted(-4, -4, 4, 4).intersected(screen.geometry())
        path = self.out / f"{name}-{self.suffix}.png"
        screen.grabWindow(0, area.x(), area.y(), area.width(), area.height()).save(str(path))
        print(f"saved {path}")


def demo_window(build_window):  # type: ignore[no-untyped-def]
    """The demo window, sized like the README's pictures, scanned, first row selected."""
    window, release = build_window(demo=True)
    window.resize(1480, 820)
    window.move(20, 20)
    window.show()
    window.activateWindow()
    wait_for(lambda: window.result is not None and window.progress.isHidden())
    window.table.selectRow(0)
    window.table.setFocus()
    return window, release


def preview_of(window):  # type: ignore[no-untyped-def]
    wait_for(lambda: window.deletions.preview is not None
             and window.deletions.preview.isVisible())
    return window.deletions.preview


def summary_of(window):  # type: ignore[no-untyped-def]
    wait_for(lambda: window.progress.isHidden() and window.deletions.summary_box is not None
             and window.deletions.summary_box.isVisible())
    return window.deletions.summary_box


def delete_and_close(window, delete) -> None:  # type: ignore[no-untyped-def]
    window.deletions.summary_box = None
    delete()
    preview_of(window).accept()
    summary_of(window).accept()
    wait_for(lambda: window.progress.isHidden())


def main_states(window, camera: Camera, full: bool) -> None:  # type: ignore[no-untyped-def]
    camera.shot("main", window)
    window.show_member_cookie()
    camera.shot("member-cookie", window)
    window.filter_bar.reset()
    firefox = window.sources.topLevelItem(1)
    if firefox is not None:
        firefox.setSelected(True)
    window.filter_bar.choose(2)
    window.filter_box.setText("c")
    window.filter_bar.flush()
    window.table.selectRow(0)
    camera.shot("filters", window)
    window.filter_bar.reset()
    window.table.selectRow(3)
    window.table.setFocus()
    window.table_menu.popup_at_current()
    camera.shot("row-menu", window, window.table_menu.menu)
    window.table_menu.menu.close()
    window.delete_site()
    preview = preview_of(window)
    camera.shot("delete-preview", window, preview)
    if not full:
        preview.reject()
        return
    preview.accept()
    box = summary_of(window)
    camera.shot("delete-summary", window, box)
    box.undo_button.click()
    wait_for(lambda: window.progress.isHidden() and window.deletions.summary_box is not None
             and window.deletions.summary_box is not box
             and window.deletions.summary_box.isVisible())
    camera.shot("undo", window, window.deletions.summary_box)
    window.deletions.summary_box.accept()


def running_browser(window, camera: Camera) -> None:  # type: ignore[no-untyped-def]
    """A running browser: the preview names it and waits for Retry."""
    folder = Path(tempfile.mkdtemp())
    browser = folder / "chromium"  # a live process with a browser's name
    browser.write_bytes(Path("/bin/sleep").read_bytes())
    browser.chmod(0o755)
    fake = subprocess.Popen([str(browser), "infinity"])
    singleton = window.demo_profile.home / ".config/chromium/SingletonLock"
    singleton.symlink_to(f"{socket.gethostname()}-{fake.pid}")
    try:
        window.deletions.preview = None
        window.delete_site()
        preview = preview_of(window)
        camera.shot("running-browser", window, preview)
        preview.reject()
    finally:
        fake.kill()
        fake.wait()
        singleton.unlink()


def manager_states(window, camera: Camera) -> None:  # type: ignore[no-untyped-def]
    """The group-by-site dock, the deletion history after two deletions, the keep-list."""
    window.commands.sites.trigger()
    wait_for(lambda: window.sites_dock.isVisible())
    window.sites_dock.select_site("komp3.net")
    camera.shot("sites", window)
    window.commands.sites.trigger()
    for delete in (window.delete_site, window.delete_ads):
        delete_and_close(window, delete)
    window.show_history()
    history = window.history_dialog
    wait_for(lambda: history.model.rowCount() >= 2)  # newest first: the two just made
    history.table.selectRow(1)
    history.restore_selected()
    wait_for(lambda: "Restored" in history.message.text() and window.progress.isHidden())
    camera.shot("history", window, history)
    history.reject()
    window.edit_keep_list()
    keep = window.keep_list_dialog
    keep.entry.setText("komp3.net")
    keep.add_typed()
    wait_for(lambda: keep.kept() == ["komp3.net"] and window.progress.isHidden())
    keep.entry.setText("http://x/y")
    keep.add_typed()
    camera.shot("keep-list", window, keep)
    keep.reject()


def guide_states(window, camera: Camera) -> None:  # type: ignore[no-untyped-def]
    window.guided_cleanup()
    guide = window.guide
    guide.move(window.x() + 200, window.y() + 80)
    camera.shot("guide-step1", window, guide)
    guide.next()
    wait_for(lambda: guide.currentPage().isComplete())  # the browsers were checked closed
    camera.shot("guide-step2", window, guide)
    guide.next()
    camera.shot("guide-step3", window, guide)
    guide.next()
    wait_for(lambda: guide.currentPage() is guide.done_page)
    camera.shot("guide-done", window, guide)
    guide.accept()


def main() -> int:
    out = Path(next((a for a in sys.argv[1:] if not a.startswith("--")), "docs/screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="cookiedesk-shots-"))
    os.environ["HOME"] = str(home)  # never the real user's browsers, lists or backups
    for variable, folder in (("COOKIEDESK_DATA_DIR", "data"), ("COOKIEDESK_CONFIG_DIR", "cfg"),
                             ("COOKIEDESK_CACHE_DIR", "cache")):
        os.environ[variable] = str(home / folder)
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from cookiedesk.ui.app import build_window

    if "--scaled" in sys.argv:
        camera = Camera(out, "200-percent")
        window, release = demo_window(build_window)
        main_states(window, camera, full=False)
        window.close()
        release()
        return 0
    for theme in ("light", "dark"):
        app.setPalette(dark_palette() if theme == "dark" else QPalette())
        camera = Camera(out, theme)
        window, release = demo_window(build_window)
        main_states(window, camera, full=True)
        if theme == "light":
            running_browser(window, camera)
            manager_states(window, camera)
        window.close()
        release()
        window, release = demo_window(build_window)  # a fresh demo: every cookie there
        guide_states(window, camera)
        window.close()
        release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
