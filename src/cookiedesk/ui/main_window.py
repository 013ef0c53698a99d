"""The main window: sources | cookie table with filter, chips and details | policy.

A layout shell: the table is model/view (cookie_model), slow work runs in workers, and every
change to a store goes through the core's one safe deletion path."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cookiedesk import __version__, preferences
from cookiedesk.classify.classifier import Classifier
from cookiedesk.classify.domains import registrable_domain
from cookiedesk.classify.policy import policy_text
from cookiedesk.classify.sites import first as first_site
from cookiedesk.classify.sites import shown_name
from cookiedesk.model import Cookie
from cookiedesk.safety import delete as safe_delete
from cookiedesk.stores.discovery import Discovery
from cookiedesk.stores.scan import ScanResult, scan
from cookiedesk.ui import workers
from cookiedesk.ui.cookie_model import Column, CookieTableModel, category
from cookiedesk.ui.delete_dialog import DeletePreview
from cookiedesk.ui.policy_pane import PolicyPane

CHIPS = ((None, "All"), ("site", "KOmp3.net"), ("ad", "Ad companies"), ("tracker", "Trackers"),
         ("other", "Other"))


class MainWindow(QMainWindow):
    """`discover` says where to look (the real computer, the demo, or a test's home)."""

    # A scan's result is in the window. Not emitted for the empty scan that switches to the
    # demo: the demo's own scan follows.
    scan_loaded = Signal(object)
    # Work off the window's thread (a scan, a deletion, a restore, a reveal) failed: its message.
    work_failed = Signal(str)

    def __init__(self, discover: Callable[[], Discovery], data_dir: Any, config_dir: Any,
                 offer_demo: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._discover = discover
        self._data_dir, self._config_dir = data_dir, config_dir
        self._offer_demo = offer_demo
        self.result: ScanResult | None = None
        self.demo_profile: Any = None  # the demo's temporary home, when showing the demo
        self._scan_number = 0  # a cancelled scan's late result is recognised and dropped
        self._stop_deleting = threading.Event()
        self.classifier = Classifier.load(config_dir)
        self.setWindowTitle("CookieDesk")
        self.setAccessibleName("CookieDesk")
        self.model = CookieTableModel(registrable_domain)
        self._build()
        self._actions()
        self.restore_preferences()

    # ------------------------------------------------------------------------ layout


    def use_folders(self, data_dir: Path, config_dir: Path) -> None:
        """Where deletions keep their backups and the lists live (the demo has its own)."""
        self._data_dir, self._config_dir = data_dir, config_dir
    def _build(self) -> None:
        self.sources = QTreeWidget()
        self.sources.setHeaderLabels(["Browsers and profiles", "Cookies"])
        self.sources.setAccessibleName("Browsers and profiles")
        self.sources.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.sources.itemSelectionChanged.connect(self._sources_changed)

        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText("Filter by host, name or company")
        self.filter_box.setAccessibleName("Filter cookies")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._filter_changed)
        self.chips = QButtonGroup(self)
        chip_row = QHBoxLayout()
        for number, (_, text) in enumerate(CHIPS):
            chip = QPushButton(text)
            chip.setCheckable(True)
            chip.setAccessibleName(f"Show {text} cookies")
            chip.setChecked(number == 0)
            self.chips.addButton(chip, number)
            chip_row.addWidget(chip)
        chip_row.addStretch(1)
        self.chips.idClicked.connect(self._chip_changed)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Cookies")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        # size columns from a sample of rows: measuring all of them asks Python for every cell
        self.table.horizontalHeader().setResizeContentsPrecision(200)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        # the model keeps a site's cookies together, sites A to Z; show that order
        self.table.horizontalHeader().setSortIndicator(Column.SITE, Qt.SortOrder.AscendingOrder)

        self.details = QTextBrowser()
        self.details.setAccessibleName("Details of the selected cookie")
        self.details.setMaximumHeight(170)
        self.reveal = QPushButton("Reveal value…")
        self.reveal.setAccessibleName("Reveal the selected cookie's value")
        self.reveal.setEnabled(False)
        self.reveal.clicked.connect(self._reveal)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAccessibleName("Messages")
        self.banner.setVisible(False)
        self.banner.linkActivated.connect(self._banner_link)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Working")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the work in progress")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)

        centre = QWidget()
        column = QVBoxLayout(centre)
        column.addWidget(self.banner)
        column.addWidget(self.filter_box)
        column.addLayout(chip_row)
        column.addWidget(self.table, 1)
        details_row = QHBoxLayout()
        details_row.addWidget(self.details, 1)
        details_row.addWidget(self.reveal, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(details_row)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        column.addLayout(progress_row)

        site = first_site(self.classifier.sites)
        self.policy = PolicyPane(site, policy_text(site))
        self.policy.show_site.connect(lambda: self._choose_chip(1))
        self.policy.show_ads.connect(lambda: self._choose_chip(2))
        self.policy.delete_requested.connect(self.delete_site_and_ads)

        self.splitter = QSplitter()
        self.splitter.addWidget(self.sources)
        self.splitter.addWidget(centre)
        self.splitter.addWidget(self.policy)
        self.splitter.setSizes([230, 760, 330])
        self.setCentralWidget(self.splitter)
        self.resize(1320, 760)

    def _actions(self) -> None:
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main-toolbar")
        menu = self.menuBar()
        file_menu, edit_menu, view_menu, help_menu = (menu.addMenu(t) for t in (
            "&File", "&Edit", "&View", "&Help"))

        def action(text: str, slot: Callable[[], object],
                   shortcut: str | QKeySequence | QKeySequence.StandardKey | None,
                   *menus: Any) -> QAction:
            item = QAction(text, self)
            if shortcut is not None:
                item.setShortcut(QKeySequence(shortcut))
            item.triggered.connect(slot)
            for target in menus:
                target.addAction(item)
            return item

        self.rescan_action = action("Rescan", self.rescan, QKeySequence.StandardKey.Refresh,
                                    toolbar, file_menu)
        self.delete_action = action("Delete selected…", self.delete_selected,
                                    QKeySequence.StandardKey.Delete, toolbar, edit_menu)
        self.delete_site_action = action("Delete KOmp3.net cookies…", self.delete_site, None,
                                         toolbar, edit_menu)
        self.delete_ads_action = action("Delete ad-company cookies…", self.delete_ads, None,
                                        toolbar, edit_menu)
        self.undo_action = action("Undo last deletion", self.undo, QKeySequence.StandardKey.Undo,
                                  toolbar, edit_menu)
        self.guide_action = action("Guided cleanup", self.guided_cleanup, "Ctrl+G", toolbar,
                                   edit_menu)
        action("Keep this site (never delete)", self.keep_selected_site, None, edit_menu)
        action("Stop keeping this site", self.unkeep_selected_site, None, edit_menu)
        action("Find", self.filter_box.setFocus, QKeySequence.StandardKey.Find, edit_menu)
        self.policy_action = action("Show the privacy policy", self._toggle_policy, "F9",
                                    view_menu)
        self.policy_action.setCheckable(True)
        self.policy_action.setChecked(True)
        action("Copy report (for support)", self.copy_report, None, help_menu)
        action("Save report…", self.save_report, None, help_menu)
        action("About CookieDesk", self._about, None, help_menu)
        action("Quit", self.close, QKeySequence.StandardKey.Quit, file_menu)

    # ------------------------------------------------------------------------ loading

    def rescan(self) -> None:
        self._busy("Reading the browsers' cookie stores…", "Cancel")
        self._scan_number += 1
        number = self._scan_number
        classify = self.classifier.verdict
        self.scan_job = workers.start(lambda: scan(self._discover(), classify=classify),
                                      lambda result: self._loaded(result, number), self._failed)

    def cancel(self) -> None:
        """A scan is abandoned (its result dropped); a deletion or restore stops before the
        next store, never inside one."""
        if self.cancel_button.text() == "Cancel":
            self._scan_number += 1
            self._idle()
            self.statusBar().showMessage("Scan cancelled.", 4000)
        else:
            self._stop_deleting.set()
            self.cancel_button.setEnabled(False)
            self.statusBar().showMessage("Stopping after the store being changed…")

    def _loaded(self, result: ScanResult, number: int | None = None) -> None:
        if number is not None and number != self._scan_number:
            return  # cancelled, or overtaken by a newer scan
        self._idle()
        self.result = result
        self.model.set_cookies(result.cookies())
        self.table.resizeColumnsToContents()
        self._fill_sources(result)
        self._update_chips()
        problems = [f"{s.store.label}: {s.error}" for s in result.stores if s.error]
        problems += [f"{p.browser} — {p.profile}: {p.reason}" for p in result.problems]
        if problems:
            self._banner("Some stores could not be read: " + "; ".join(problems))
        elif not result.stores and self._offer_demo is not None and self.demo_profile is None:
            # Not an empty table: the demo, so that there is something real to try.
            self._offer_demo()
            return
        elif self.demo_profile is not None:
            self._banner("This is the built-in <b>demo profile</b> (made-up cookies in "
                         "temporary files): try anything here, nothing on this computer changes.")
        else:
            self.banner.setVisible(False)
        self.scan_loaded.emit(result)

    def _fill_sources(self, result: ScanResult) -> None:
        self.sources.clear()
        by_browser: dict[str, QTreeWidgetItem] = {}
        for scanned in result.stores:
            store = scanned.store
            name = f"{store.browser} ({store.variant})" if store.variant else store.browser
            parent = by_browser.get(name)
            if parent is None:
                parent = by_browser[name] = QTreeWidgetItem([name, ""])
                self.sources.addTopLevelItem(parent)
            count = "error" if scanned.error else str(len(scanned.cookies))
            kind = " (session file)" if store.kind.value == "session" else ""
            badge = "  ● running" if store.running else ""
            item = QTreeWidgetItem([f"{store.profile}{kind}{badge}", count])
            item.setData(0, Qt.ItemDataRole.UserRole, store.id)
            item.setToolTip(0, f"{store.path}\n{scanned.running_reason}".strip())
            parent.addChild(item)
        for name, parent in by_browser.items():
            counts = [child.text(1) for i in range(parent.childCount())
                      if (child := parent.child(i)) is not None]
            total = sum(int(count) for count in counts if count.isdigit())
            parent.setText(1, str(total))
            parent.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name}, {total} cookies")
        self.sources.expandAll()
        self.sources.resizeColumnToContents(0)

    def _failed(self, message: str) -> None:
        self._idle()
        self._banner(f"That did not work: {message}")
        self.work_failed.emit(message)

    def _busy(self, text: str, cancel_text: str = "Stop after this store") -> None:
        self.progress.setVisible(True)
        self.progress.setFormat(text)
        self.cancel_button.setText(cancel_text)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self.statusBar().showMessage(text)
        for item in (self.rescan_action, self.delete_action, self.delete_site_action,
                     self.delete_ads_action, self.undo_action):
            item.setEnabled(False)

    def _idle(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.statusBar().clearMessage()
        for item in (self.rescan_action, self.delete_action, self.delete_site_action,
                     self.delete_ads_action, self.undo_action):
            item.setEnabled(True)

    def _banner(self, html: str) -> None:
        self.banner.setText(html)
        self.banner.setVisible(True)

    def _banner_link(self, _: str) -> None:
        if self._offer_demo is not None:
            self._offer_demo()

    # ------------------------------------------------------------------------ filters

    def _filter_changed(self, text: str) -> None:
        self.model.set_text(text)
        self._update_chips()

    def _chip_changed(self, number: int) -> None:
        self.model.set_category(CHIPS[number][0])

    def _choose_chip(self, number: int) -> None:
        button = self.chips.button(number)
        button.setChecked(True)
        self._chip_changed(number)

    def _sources_changed(self) -> None:
        chosen = [i.data(0, Qt.ItemDataRole.UserRole) for i in self.sources.selectedItems()]
        chosen += [child.data(0, Qt.ItemDataRole.UserRole)
                   for i in self.sources.selectedItems() for c in range(i.childCount())
                   if (child := i.child(c)) is not None]
        store_ids = [s for s in chosen if s]
        self.model.set_stores(store_ids or None)
        self._update_chips()

    def _update_chips(self) -> None:
        counts = self.model.counts()
        for number, (kind, text) in enumerate(CHIPS):
            self.chips.button(number).setText(f"{text} ({counts.get(kind, 0)})")

    # ----------------------------------------------------------------------- selection

    def selected_cookies(self) -> list[Cookie]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.cookie(row) for row in sorted(rows)]

    def _selection_changed(self, *_: QItemSelection) -> None:
        chosen = self.selected_cookies()
        self.reveal.setEnabled(len(chosen) == 1)
        self.policy.mark_cookies_paragraph(any(category(c) == "site" for c in chosen))
        if len(chosen) != 1:
            self.details.setPlainText(f"{len(chosen)} cookies selected" if chosen else "")
            return
        cookie = chosen[0]
        verdict = cookie.verdict
        rows = [
            ("Host", cookie.host), ("Name", cookie.name), ("Path", cookie.path),
            ("Browser", f"{cookie.browser} — {cookie.profile}"),
            ("Partition", cookie.partition or "none"), ("Container", cookie.container or "none"),
            ("Expires", str(cookie.expires) if cookie.expires else "when the browser closes"),
            ("Created", str(cookie.created or "unknown")),
            ("Last used", str(cookie.last_access or "unknown")),
            ("Flags", ", ".join(f for f, on in (("secure", cookie.secure),
                                                 ("httponly", cookie.httponly)) if on) or "none"),
            ("SameSite", cookie.samesite), ("Size", f"{cookie.size} bytes"),
            ("What it is", verdict.reason if verdict else "not classified"),
            ("Value", "hidden — use “Reveal value…”"),
        ]
        self.details.setHtml("<table>" + "".join(
            f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{_escape(v)}</td></tr>" for k, v in rows)
            + "</table>")

    def _reveal(self) -> None:
        """Ask first (a value can sign someone in), then read that one value off the GUI
        thread: the keychain may prompt. Non-blocking dialogs: no nested event loop."""
        chosen = self.selected_cookies()
        if len(chosen) != 1 or self.result is None:
            return
        cookie = chosen[0]
        store = next(s.store for s in self.result.stores if s.store.id == cookie.store_id)
        self.reveal_question = QMessageBox(
            QMessageBox.Icon.Question, "Reveal value",
            f"Show the value of {cookie.name} ({cookie.host})? Cookie values can be secrets "
            "that sign you in; your system may ask for its keychain password.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, self)
        self.reveal_question.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(button: int) -> None:
            if button != QMessageBox.StandardButton.Yes:
                return

            def work() -> str:
                from cookiedesk.stores import values

                try:
                    return values.reveal(store, cookie)
                except values.ValueUnavailable as exc:
                    return f"(cannot show it: {exc})"

            workers.start(work, show, self._failed)

        def show(value: Any) -> None:
            self.value_box = QMessageBox(QMessageBox.Icon.Information,
                                         f"Value of {cookie.name}", str(value), parent=self)
            self.value_box.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse)
            self.value_box.open()

        self.reveal_question.finished.connect(answered)
        self.reveal_question.open()

    # ------------------------------------------------------------------------ deleting

    def delete_selected(self) -> None:
        self._delete(self.selected_cookies())

    def delete_site(self) -> None:
        self._delete([c for c in self.model.cookies() if category(c) == "site"])

    def delete_ads(self) -> None:
        self._delete([c for c in self.model.cookies() if category(c) == "ad"])

    def delete_site_and_ads(self) -> None:
        self._delete([c for c in self.model.cookies() if category(c) in ("site", "ad")])

    def _delete(self, cookies: list[Cookie]) -> None:
        if self.result is None or not cookies:
            self.statusBar().showMessage("Nothing to delete.", 4000)
            return
        stores = [s.store for s in self.result.stores if s.error is None]
        deletion = safe_delete.plan(cookies, stores)
        if not deletion.stores:
            self.statusBar().showMessage("Nothing to delete: those cookies are on your "
                                         "keep-list or in Firefox's session file.", 6000)
            return
        self.preview = DeletePreview(
            deletion, cookies, lambda: safe_delete.refusals(p.store for p in deletion.stores),
            self)
        self.preview.accepted.connect(lambda: self._run_delete(deletion))
        self.preview.open()

    def _run_delete(self, deletion: safe_delete.Plan) -> None:
        self._busy(f"Deleting {deletion.total} cookies (a backup is kept)…")
        self._stop_deleting.clear()
        stop = self._stop_deleting.is_set
        workers.start(lambda: safe_delete.execute(deletion, self._data_dir, self._config_dir,
                                                  should_stop=stop),
                      self._deleted, self._failed)

    def _deleted(self, result: safe_delete.DeleteResult) -> None:
        self._idle()
        lines = [f"{o.store.label}: deleted {o.deleted}, already gone {o.already_gone}, "
                 f"failed {o.failed}" + (f" — {o.error}" if o.error else "")
                 for o in result.outcomes]
        lines += [f"Not deleted: {r}" for r in result.refused]
        if result.backup_id:
            lines.append("A backup was kept: Edit → Undo last deletion puts them back.")
        self.last_summary = "\n".join(lines)
        self.summary_box = QMessageBox(QMessageBox.Icon.Information, "Deleted",
                                       self.last_summary, parent=self)
        self.summary_box.open()
        self.rescan()

    def undo(self) -> None:
        from cookiedesk.safety import backup as backups
        from cookiedesk.safety.restore import restore

        try:
            latest = backups.find(self._data_dir, None)
        except backups.BackupError as exc:
            self.statusBar().showMessage(str(exc).capitalize() + ".", 5000)
            return
        self._busy(f"Putting back {latest.deleted} cookies…")
        stores = [s.store for s in self.result.stores] if self.result else []
        workers.start(lambda: restore(latest, stores, self._data_dir), self._restored,
                      self._failed)

    def _restored(self, result: Any) -> None:
        self._idle()
        lines = [f"{o.label}: restored {o.restored}, already there {o.skipped}"
                 + (f" — {o.error}" if o.error else "") for o in result.outcomes]
        lines += [f"Not restored: {r}" for r in result.refused]
        self.last_summary = "\n".join(lines)
        self.statusBar().showMessage(self.last_summary.replace("\n", "; "), 8000)
        self.rescan()

    def keep_selected_site(self) -> None:
        from cookiedesk.classify import userlists

        for cookie in self.selected_cookies():
            userlists.keep_add(self._config_dir, registrable_domain(cookie.host))
        self.classifier = Classifier.load(self._config_dir)
        self.rescan()

    def unkeep_selected_site(self) -> None:
        from cookiedesk.classify import userlists

        kept = set(userlists.keep_list(self._config_dir))
        for cookie in self.selected_cookies():
            # the keep-list may name the site or a host under it
            for domain in {registrable_domain(cookie.host), cookie.host.lstrip(".")} & kept:
                userlists.keep_remove(self._config_dir, domain)
        self.classifier = Classifier.load(self._config_dir)
        self.rescan()

    # --------------------------------------------------------------------------- other

    def report_text(self) -> str:
        from cookiedesk import report
        from cookiedesk.classify import userlists

        if self.result is None:
            return ""
        return report.as_text(report.build(self.result, self._data_dir,
                                           len(userlists.keep_list(self._config_dir)),
                                           shown_name(self.classifier.sites)))

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report_text())
        self.statusBar().showMessage("The support report is on the clipboard (no cookie values "
                                     "are in it).", 6000)

    def save_report(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        self.save_dialog = QFileDialog(self, "Save report", "cookiedesk-report.txt",
                                       "Text files (*.txt)")
        self.save_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.save_dialog.fileSelected.connect(self._write_report)
        self.save_dialog.open()

    def _write_report(self, path: str) -> None:
        from pathlib import Path

        from cookiedesk import report

        try:
            report.save(Path(path), self.report_text())
        except OSError as exc:
            self._banner(f"The report could not be saved: {exc.strerror or exc}")
            return
        self.statusBar().showMessage(f"Report saved to {path}.", 6000)

    def _toggle_policy(self) -> None:
        self.policy.setVisible(self.policy_action.isChecked())

    def guided_cleanup(self) -> None:
        if self.result is None:
            return
        from cookiedesk.ui.guide import open_guide

        site = first_site(self.classifier.sites)
        self.guide = open_guide(self.result, self._data_dir, self._config_dir,
                                policy_text(site), self, self.rescan, site=site)

    def _about(self) -> None:
        QMessageBox.about(self, "About CookieDesk",
                          f"<b>CookieDesk {__version__}</b><br>Every browser's cookies in one "
                          "place, deleted safely.<br>Licence: GPL-3.0-or-later.")

    def showEvent(self, event: Any) -> None:  # Qt's name
        super().showEvent(event)
        if self.result is None:
            QTimer.singleShot(0, self.rescan)

    def restore_preferences(self) -> None:
        remembered = preferences.load(self._config_dir)
        geometry = remembered.get("geometry")
        if isinstance(geometry, str):
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
        header = remembered.get("columns")
        if isinstance(header, str):
            self.table.horizontalHeader().restoreState(QByteArray.fromBase64(header.encode()))
        chip = remembered.get("chip")
        if isinstance(chip, int) and 0 <= chip < len(CHIPS):
            self._choose_chip(chip)
        if remembered.get("policy_visible") is False:
            self.policy_action.setChecked(False)
            self._toggle_policy()

    def save_preferences(self) -> None:
        preferences.save(self._config_dir, {
            "geometry": bytes(self.saveGeometry().toBase64().data()).decode(),
            "columns": bytes(
                self.table.horizontalHeader().saveState().toBase64().data()).decode(),
            "chip": self.chips.checkedId(),
            "policy_visible": self.policy_action.isChecked(),
        })

    def closeEvent(self, event: Any) -> None:  # Qt's name
        self.save_preferences()
        super().closeEvent(event)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

