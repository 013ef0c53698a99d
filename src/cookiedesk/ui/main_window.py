"""The main window: sources | filter bar, cookie table and details | policy.

Layout and wiring only. The parts are their own modules (sources_tree, filter_bar,
details_pane, window_state, window_actions); everything that touches disk or processes goes
through the operations controller, off the GUI thread; deletions and undo show the operations
layer's own summary lines, the words the command line prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cookiedesk import __version__
from cookiedesk.classify.domains import registrable_domain
from cookiedesk.model import Cookie
from cookiedesk.operations.deleting import DeleteSummary, Prepared, session_file_note
from cookiedesk.operations.restoring import RestoreSummary
from cookiedesk.stores.discovery import Discovery
from cookiedesk.stores.scan import ScanResult
from cookiedesk.ui import filter_bar, window_actions, window_state
from cookiedesk.ui.controller import Loaded, Operations
from cookiedesk.ui.cookie_model import Column, CookieTableModel, category
from cookiedesk.ui.delete_dialog import DeletePreview
from cookiedesk.ui.details_pane import DetailsPane
from cookiedesk.ui.policy_pane import PolicyPane
from cookiedesk.ui.site import NO_SITE, site_name
from cookiedesk.ui.sources_tree import SourcesTree

# app.py's first-scan line reads CHIPS[1][1] for the site's name; this copy follows the site
# profile the window loaded, until that line asks the window (MainWindow.site_name) instead.
CHIPS: list[tuple[str | None, str]] = list(filter_bar.CHIPS)


class MainWindow(QMainWindow):
    """`discover` says where to look (the real computer, the demo, or a test's home)."""

    # A scan's result is in the window. Not emitted for the empty scan that switches to the
    # demo: the demo's own scan follows.
    scan_loaded = Signal(object)
    # Work off the window's thread (a scan, a deletion, a restore, a reveal) failed: its message.
    work_failed = Signal(str)

    def __init__(self, discover: Callable[[], Discovery], data_dir: Path, config_dir: Path,
                 offer_demo: Callable[[], None] | None = None) -> None:
        super().__init__()
        self._discover = discover
        self._data_dir, self._config_dir = data_dir, config_dir
        self._offer_demo = offer_demo
        self.result: ScanResult | None = None
        self.demo_profile: Any = None  # the demo's temporary home, when showing the demo
        self.preview: DeletePreview | None = None
        self.last_summary = ""
        self._scan_number = 0  # a cancelled scan's late result is recognised and dropped
        self._scan_when_loaded = False  # a scan asked for while the classifier loads
        self._stores_asked: list[Any] = []  # the stores the open preview was planned over
        self.ops = Operations(data_dir, config_dir, self)
        self.setWindowTitle("CookieDesk")
        self.setAccessibleName("CookieDesk")
        self.model = CookieTableModel(registrable_domain)
        self._build()
        self.commands = window_actions.build(self, self, NO_SITE)
        self.rescan_action, self.delete_action = self.commands.rescan, self.commands.delete
        self.delete_site_action = self.commands.delete_site
        self.delete_ads_action, self.undo_action = self.commands.delete_ads, self.commands.undo
        self.guide_action, self.policy_action = self.commands.guide, self.commands.policy
        self._connect()
        window_state.restore(self, config_dir)
        self._loading: object = self.ops.load_classifier()  # the first scan waits for it

    @property
    def classifier(self) -> Any:
        return self.ops.classifier

    def site_name(self) -> str:
        return site_name(self.ops.classifier)

    def use_folders(self, data_dir: Path, config_dir: Path) -> None:
        """Where deletions keep their backups and the lists live (the demo has its own)."""
        self._data_dir, self._config_dir = data_dir, config_dir
        self.ops.data_dir, self.ops.config_dir = data_dir, config_dir
        self.ops.loaded = None  # the demo's keep-list is its own: load again with the scan

    # ------------------------------------------------------------------------ layout

    def _build(self) -> None:
        self.sources = SourcesTree()
        self.filter_bar = filter_bar.FilterBar()
        self.filter_box, self.chips = self.filter_bar.filter_box, self.filter_bar.chips
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Cookies")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().setVisible(False)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(True)
        # size columns from a sample of rows: measuring all of them asks Python for every cell
        self.header().setResizeContentsPrecision(200)
        # the model keeps a site's cookies together, sites A to Z; show that order
        self.header().setSortIndicator(Column.SITE, Qt.SortOrder.AscendingOrder)
        self.details_pane = DetailsPane()
        self.details, self.reveal = self.details_pane.details, self.details_pane.reveal
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setAccessibleName("Messages")
        self.banner.setVisible(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName("Working")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the work in progress")
        self.cancel_button.setVisible(False)
        centre = QWidget()
        column = QVBoxLayout(centre)
        for widget, stretch in ((self.banner, 0), (self.filter_bar, 0), (self.table, 1),
                                (self.details_pane, 0)):
            column.addWidget(widget, stretch)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        column.addLayout(progress_row)
        self.policy = PolicyPane(NO_SITE, "")
        self.splitter = QSplitter()
        for part in (self.sources, centre, self.policy):
            self.splitter.addWidget(part)
        self.splitter.setSizes([230, 760, 330])
        self.setCentralWidget(self.splitter)
        self.resize(1320, 760)

    def _connect(self) -> None:
        self.sources.stores_chosen.connect(self._stores_chosen)
        self.filter_bar.text_filter.connect(self._filter_changed)
        self.filter_bar.category_chosen.connect(self.model.set_category)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.details_pane.reveal_requested.connect(self._reveal)
        self.banner.linkActivated.connect(self._banner_link)
        self.cancel_button.clicked.connect(self.cancel)
        self.policy.show_site.connect(lambda: self._choose_chip(filter_bar.SITE_CHIP))
        self.policy.show_ads.connect(lambda: self._choose_chip(2))
        self.policy.delete_requested.connect(self.delete_site_and_ads)
        ops = self.ops
        ops.classifier_loaded.connect(self._classifier_loaded)
        ops.scanned.connect(self._loaded)
        ops.prepared.connect(self._prepared)
        ops.deleted.connect(self._deleted)
        ops.restored.connect(self._restored)
        ops.nothing_to_restore.connect(self._nothing_to_restore)
        ops.revealed.connect(self._show_value)
        ops.report_built.connect(self._report_built)
        ops.report_saved.connect(lambda path: self._status(f"Report saved to {path}.", 6000))
        ops.failed.connect(self._failed)

    def header(self) -> QHeaderView:
        return self.table.horizontalHeader()

    # ------------------------------------------------------------------------ loading

    def _classifier_loaded(self, loaded: Loaded) -> None:
        self._loading = None
        name = site_name(loaded.classifier)
        CHIPS[filter_bar.SITE_CHIP] = ("site", name)
        self.filter_bar.set_site_name(name)
        self.filter_bar.show_counts(self.model.counts())
        self.model.set_site_name(name)
        self.commands.name_site(name)
        self.policy.show_policy(name, loaded.policy_markdown)
        if self._scan_when_loaded:
            self._scan_when_loaded = False
            self.rescan()

    def rescan(self) -> None:
        self._busy("Reading the browsers' cookie stores…", "Cancel")
        if self.ops.loaded is None and self._loading is not None:
            self._scan_when_loaded = True  # one load, not a second beside it in the scan
            return
        self._scan_number += 1
        self.scan_job = self.ops.scan(self._discover, self._scan_number)

    def cancel(self) -> None:
        """A scan is abandoned (its result dropped); a deletion or restore stops before the
        next store, never inside one."""
        if self.cancel_button.text() == "Cancel":
            self._scan_number += 1
            self._idle()
            self._status("Scan cancelled.", 4000)
        else:
            self.ops.stop.set()
            self.cancel_button.setEnabled(False)
            self._status("Stopping after the store being changed…")

    def _loaded(self, result: ScanResult, number: int | None = None) -> None:
        if number is not None and number != self._scan_number:
            return  # cancelled, or overtaken by a newer scan
        self._idle()
        self.result = result
        self.model.set_cookies(result.cookies())
        self.table.resizeColumnsToContents()
        self.sources.fill(result)
        self.filter_bar.show_counts(self.model.counts())
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

    def _failed(self, message: str) -> None:
        self._loading = None
        self._scan_when_loaded = False
        self._idle()
        self._banner(f"That did not work: {message}")
        self.work_failed.emit(message)

    def _busy(self, text: str, cancel_text: str = "Stop after this store") -> None:
        self.progress.setVisible(True)
        self.progress.setFormat(text)
        self.cancel_button.setText(cancel_text)
        self.cancel_button.setEnabled(True)
        self.cancel_button.setVisible(True)
        self._status(text)
        for item in self.commands.while_working():
            item.setEnabled(False)

    def _idle(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.statusBar().clearMessage()
        for item in self.commands.while_working():
            item.setEnabled(True)

    def _status(self, text: str, timeout_ms: int = 0) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def _banner(self, html: str) -> None:
        self.banner.setText(html)
        self.banner.setVisible(True)

    def _banner_link(self, _: str) -> None:
        if self._offer_demo is not None:
            self._offer_demo()

    def _summary(self, title: str, lines: list[str]) -> None:
        """The operations layer's own lines, as the command line prints them."""
        self.last_summary = "\n".join(lines)
        self.summary_box = QMessageBox(QMessageBox.Icon.Information, title, self.last_summary,
                                       parent=self)
        self.summary_box.setAccessibleName(title)
        self.summary_box.open()

    # ------------------------------------------------------------------------ filters

    def _filter_changed(self, text: str) -> None:
        self.model.set_text(text)
        self.filter_bar.show_counts(self.model.counts())

    def _choose_chip(self, number: int) -> None:
        self.filter_bar.choose(number)

    def _stores_chosen(self, store_ids: list[str] | None) -> None:
        self.model.set_stores(store_ids)
        self.filter_bar.show_counts(self.model.counts())

    def focus_filter(self) -> None:
        self.filter_box.setFocus()

    # ----------------------------------------------------------------------- selection

    def selected_cookies(self) -> list[Cookie]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.cookie(row) for row in sorted(rows)]

    def _selection_changed(self, *_: QItemSelection) -> None:
        chosen = self.selected_cookies()
        self.policy.mark_cookies_paragraph(any(category(c) == "site" for c in chosen))
        self.details_pane.show_cookies(chosen)

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
        self._revealing = cookie.name
        self.reveal_question.finished.connect(
            lambda button: self.ops.reveal(store, cookie)
            if button == QMessageBox.StandardButton.Yes else None)
        self.reveal_question.open()

    def _show_value(self, value: str) -> None:
        self.value_box = QMessageBox(QMessageBox.Icon.Information,
                                     f"Value of {self._revealing}", value, parent=self)
        self.value_box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_box.open()

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
            self._status("Nothing to delete.", 4000)
            return
        self._status("Checking that the browsers are closed…")
        self._stores_asked = [s.store for s in self.result.stores if s.error is None]
        self.ops.prepare(cookies, self._stores_asked)

    def _prepared(self, prepared: Prepared, cookies: list[Cookie]) -> None:
        self.statusBar().clearMessage()
        preview = self.preview
        if preview is not None and preview.isVisible() and preview.cookies is cookies:
            preview.show_refusals(prepared)  # the answer to its Retry
            return
        deletion = prepared.plan
        if not deletion.stores:
            why = [f"{deletion.kept} are on your keep-list"] if deletion.kept else []
            if deletion.session_only:
                why.append(session_file_note(deletion.session_only))
            self._status("Nothing to delete" + (": " + "; ".join(why) if why else "."), 8000)
            return
        self.preview = preview = DeletePreview(prepared, cookies, self)
        stores = self._stores_asked
        preview.retry_requested.connect(lambda: self.ops.prepare(cookies, stores))
        preview.accepted.connect(lambda: self._run_delete(preview.prepared))
        preview.open()

    def _run_delete(self, prepared: Prepared) -> None:
        self._busy(f"Deleting {prepared.plan.total} cookies (a backup is kept)…")
        self.ops.delete(prepared)

    def _deleted(self, summary: DeleteSummary) -> None:
        self._idle()
        self._summary("Deleted" if summary.changed else "Nothing deleted", summary.lines())
        self.rescan()

    def undo(self) -> None:
        self._busy("Putting back the last deletion…")
        self.ops.undo([s.store for s in self.result.stores] if self.result else [])

    def _restored(self, summary: RestoreSummary) -> None:
        self._idle()
        self._summary("Undo", summary.lines())
        self.rescan()

    def _nothing_to_restore(self, why: str) -> None:
        self._idle()
        self._status(f"Nothing to undo: {why}.", 6000)

    def keep_selected_site(self) -> None:
        self._keep({registrable_domain(c.host) for c in self.selected_cookies()}, add=True)

    def unkeep_selected_site(self) -> None:
        # the keep-list may name the site or a host under it
        self._keep({d for c in self.selected_cookies()
                    for d in (registrable_domain(c.host), c.host.lstrip("."))}, add=False)

    def _keep(self, domains: set[str], add: bool) -> None:
        if not domains:
            return
        self._busy("Updating the keep-list…", "Cancel")
        self._scan_when_loaded = True  # the new verdicts, then the table with them
        self.ops.keep(domains, add)

    # --------------------------------------------------------------------------- other

    def copy_report(self) -> None:
        if self.result is not None:
            self.ops.build_report(self.result)

    def _report_built(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self._status("The support report is on the clipboard (no cookie values are in it).",
                     6000)

    def save_report(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        self.save_dialog = QFileDialog(self, "Save report", "cookiedesk-report.txt",
                                       "Text files (*.txt)")
        self.save_dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        self.save_dialog.fileSelected.connect(
            lambda path: self.ops.save_report(Path(path), self.result) if self.result else None)
        self.save_dialog.open()

    def toggle_policy(self) -> None:
        self.show_policy(self.policy_action.isChecked())

    _toggle_policy = toggle_policy

    def show_policy(self, on: bool) -> None:
        self.policy.setVisible(on)

    def guided_cleanup(self) -> None:
        if self.result is None:
            return
        from cookiedesk.ui.guide import open_guide

        loaded = self.ops.loaded
        self.guide = open_guide(self.result, self._data_dir, self._config_dir,
                                loaded.policy_markdown if loaded else "", self, self.rescan,
                                site=self.site_name())

    def about(self) -> None:
        QMessageBox.about(self, "About CookieDesk",
                          f"<b>CookieDesk {__version__}</b><br>Every browser's cookies in one "
                          "place, deleted safely.<br>Licence: GPL-3.0-or-later.")

    def showEvent(self, event: Any) -> None:  # Qt's name
        super().showEvent(event)
        if self.result is None:
            QTimer.singleShot(0, self.rescan)

    def save_preferences(self) -> None:
        window_state.save(self, self._config_dir)

    def closeEvent(self, event: Any) -> None:  # Qt's name
        self.save_preferences()
        super().closeEvent(event)
