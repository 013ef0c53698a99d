"""The main window's menus and toolbar: one QAction per command, each in the menus it
belongs to, with its shortcut."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMessageBox

from cookiedesk import __version__


class Commands(Protocol):
    """What the actions call (the main window)."""

    def rescan(self) -> None: ...
    def delete_selected(self) -> None: ...
    def delete_site(self) -> None: ...
    def delete_ads(self) -> None: ...
    def undo(self) -> None: ...
    def guided_cleanup(self) -> None: ...
    def keep_selected_site(self) -> None: ...
    def unkeep_selected_site(self) -> None: ...
    def focus_filter(self) -> None: ...
    def toggle_policy(self) -> None: ...
    def edit_keep_list(self) -> None: ...
    def show_history(self) -> None: ...
    def toggle_sites(self) -> None: ...
    def copy_report(self) -> None: ...
    def save_report(self) -> None: ...
    def export_cookies(self) -> None: ...


@dataclass
class Actions:
    rescan: QAction
    delete: QAction
    delete_site: QAction
    delete_ads: QAction
    undo: QAction
    guide: QAction
    policy: QAction
    keep: QAction
    sites: QAction

    def while_working(self) -> tuple[QAction, ...]:
        """The actions that start work on the stores: off while such work runs."""
        return (self.rescan, self.delete, self.delete_site, self.delete_ads, self.undo)

    def name_site(self, name: str) -> None:
        self.delete_site.setText(f"Delete {name} cookies…")


def build(window: QMainWindow, commands: Commands, site_name: str) -> Actions:
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("main-toolbar")
    menu = window.menuBar()
    file_menu, edit_menu, view_menu, help_menu = (menu.addMenu(t) for t in (
        "&File", "&Edit", "&View", "&Help"))

    def action(text: str, slot: Callable[[], object],
               shortcut: str | QKeySequence | QKeySequence.StandardKey | None,
               *menus: Any) -> QAction:
        item = QAction(text, window)
        if shortcut is not None:
            item.setShortcut(QKeySequence(shortcut))
            # the toolbar's buttons show the tooltip: the key to learn, as the menus show it
            key = item.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            item.setToolTip(f"{text} ({key})")
        item.triggered.connect(slot)
        for target in menus:
            target.addAction(item)
        return item

    made = Actions(
        # first: the support script's "click Guided cleanup in the toolbar" must find it in
        # a narrow window too, where the toolbar folds its last buttons into a » menu
        guide=action("Guided cleanup", commands.guided_cleanup, "Ctrl+G", toolbar, edit_menu),
        rescan=action("Rescan", commands.rescan, QKeySequence.StandardKey.Refresh, toolbar,
                      file_menu),
        delete=action("Delete selected…", commands.delete_selected,
                      QKeySequence.StandardKey.Delete, toolbar, edit_menu),
        delete_site=action("", commands.delete_site, None, toolbar, edit_menu),
        delete_ads=action("Delete ad-company cookies…", commands.delete_ads, None, toolbar,
                          edit_menu),
        undo=action("Undo last deletion", commands.undo, QKeySequence.StandardKey.Undo, toolbar,
                    edit_menu),
        policy=action("Show the privacy policy", commands.toggle_policy, "F9", view_menu),
        keep=action("Keep this site (never delete)", commands.keep_selected_site, "Ctrl+K",
                    edit_menu),
        sites=action("Group by site", commands.toggle_sites, "Ctrl+Shift+G", view_menu),
    )
    made.sites.setCheckable(True)
    made.name_site(site_name)
    action("Stop keeping this site", commands.unkeep_selected_site, None, edit_menu)
    action("Keep-list…", commands.edit_keep_list, "Ctrl+Shift+K", edit_menu)
    action("Deletion history…", commands.show_history, "Ctrl+H", edit_menu)
    action("Find", commands.focus_filter, QKeySequence.StandardKey.Find, edit_menu)
    made.policy.setCheckable(True)
    made.policy.setChecked(True)
    action("Copy report (for support)", commands.copy_report, None, help_menu)
    action("Save report…", commands.save_report, None, help_menu)
    action("About CookieDesk", lambda: _about(window), None, help_menu)
    action("Export cookies…", commands.export_cookies, "Ctrl+E", file_menu)
    # not StandardKey.Quit: it is empty on Windows and without a desktop theme
    action("Quit", window.close, "Ctrl+Q", file_menu)
    return made


def _about(window: QMainWindow) -> None:
    QMessageBox.about(window, "About CookieDesk",
                      f"<b>CookieDesk {__version__}</b><br>Every browser's cookies in one place, "
                      "deleted safely.<br>Licence: GPL-3.0-or-later.")
