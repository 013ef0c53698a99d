"""Take the README's screenshots of the real window on the demo profile, light and dark.

Run under a real X server, e.g.: xvfb-run -s "-screen 0 1600x1000x24" .venv/bin/python
scripts/screenshots.py docs/screenshots; and for 200% scaling, with QT_SCALE_FACTOR=2 and a
larger screen, `scripts/screenshots.py docs/screenshots --scaled`.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def settle(milliseconds: int = 400) -> None:
    loop = QEventLoop()
    QTimer.singleShot(milliseconds, loop.quit)
    loop.exec()


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
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6e7379"))
    return palette


def wait_for(condition) -> None:  # type: ignore[no-untyped-def]
    """The window answers off its thread: let the event loop run until it has."""
    while not condition():
        settle(100)


def preview_of(window):  # type: ignore[no-untyped-def]
    wait_for(lambda: window.deletions.preview is not None
             and window.deletions.preview.isVisible())
    return window.deletions.preview


def grab(widget: QWidget, path: Path) -> None:
    settle()
    widget.grab().save(str(path))
    print(f"saved {path}")


def demo_window(build_window):  # type: ignore[no-untyped-def]
    """The demo window, sized like the README's pictures, scanned, first row selected."""
    window, release = build_window(demo=True)
    window.resize(1480, 820)
    window.show()
    while window.result is None:
        settle(100)
    window.table.selectRow(0)
    return window, release


def manager_shots(build_window, out: Path) -> None:  # type: ignore[no-untyped-def]
    """The group-by-site dock, the deletion history after two deletions, the keep-list."""
    window, release = demo_window(build_window)
    window.commands.sites.trigger()
    settle(300)
    window.sites_dock.select_site("komp3.net")
    settle(300)
    grab(window, out / "sites-light.png")
    for delete in (window.delete_site, window.delete_ads):
        delete()
        preview_of(window).accept()
        wait_for(lambda: window.progress.isHidden() and window.deletions.summary_box is not None)
        window.deletions.summary_box.accept()
        window.deletions.summary_box = None
        wait_for(lambda: window.progress.isHidden())
    window.show_history()
    history = window.history_dialog
    wait_for(lambda: history.model.rowCount() == 2)
    history.table.selectRow(1)
    history.restore_selected()
    wait_for(lambda: "Restored" in history.message.text() and window.progress.isHidden())
    settle(300)
    grab(history, out / "history-light.png")
    history.reject()
    window.edit_keep_list()
    keep = window.keep_list_dialog
    keep.entry.setText("komp3.net")
    keep.add_typed()
    wait_for(lambda: keep.kept() == ["komp3.net"] and window.progress.isHidden())
    keep.entry.setText("http://x/y")
    keep.add_typed()
    settle(300)
    grab(keep, out / "keep-list-light.png")
    keep.reject()
    window.close()
    release()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="cookiedesk-shots-"))
    for variable, folder in (("COOKIEDESK_DATA_DIR", "data"), ("COOKIEDESK_CONFIG_DIR", "cfg"),
                             ("COOKIEDESK_CACHE_DIR", "cache")):
        os.environ[variable] = str(home / folder)
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    from cookiedesk.ui.app import build_window

    if "--managers" in sys.argv:
        manager_shots(build_window, out)
        return 0
    if "--scaled" in sys.argv:
        window, release = demo_window(build_window)
        grab(window, out / "main-200-percent.png")
        window.close()
        release()
        return 0
    for theme in ("light", "dark"):
        if theme == "dark":
            app.setPalette(dark_palette())
        window, release = demo_window(build_window)
        grab(window, out / f"main-{theme}.png")
        window.delete_ads()  # the toolbar's "Delete ad-company cookies…"
        preview = preview_of(window)
        grab(preview, out / f"delete-preview-{theme}.png")
        if theme == "light":
            preview.accept()
            wait_for(lambda shown=window: shown.progress.isHidden()
                     and shown.deletions.summary_box is not None)
            grab(window.deletions.summary_box, out / "delete-summary-light.png")
            window.deletions.summary_box.accept()
            window.undo()  # put them back first: restoring, too, waits for closed browsers
            while not window.progress.isHidden():
                settle(100)
            settle(600)
            # a running browser: the preview names it and waits for Retry
            folder = Path(tempfile.mkdtemp())
            browser = folder / "chromium"  # a live process with a browser's name
            browser.write_bytes(Path("/bin/sleep").read_bytes())
            browser.chmod(0o755)
            fake = subprocess.Popen([str(browser), "60"])
            singleton = window.demo_profile.home / ".config/chromium/SingletonLock"
            singleton.symlink_to(f"{socket.gethostname()}-{fake.pid}")
            window.deletions.preview = None
            window.delete_site()
            preview = preview_of(window)
            grab(preview, out / "running-browser-light.png")
            fake.kill()
            singleton.unlink()
        preview.reject()
        window.close()
        release()
    app.setPalette(QPalette())
    app.setStyle("Fusion")
    window, release = demo_window(build_window)
    window.guided_cleanup()
    guide = window.guide
    guide.next()
    wait_for(lambda: guide.currentPage().isComplete())  # the browsers were checked closed
    grab(guide, out / "guide-step2-light.png")
    guide.next()
    settle()
    grab(guide, out / "guide-step3-light.png")
    guide.next()
    wait_for(lambda: guide.currentPage() is guide.done_page)
    grab(guide, out / "guide-done-light.png")
    guide.accept()
    window.close()
    release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
