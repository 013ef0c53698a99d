"""The main window: sources | filter bar, cookie table and details | policy.

Layout and wiring only. The parts are their own modules; everything that touches disk or
processes goes through the operations controller, off the GUI thread; deletions and undo show
the operations layer's own summary lines, the words the command line prints."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QMainWindow,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from cookiedesk.classify.domains import registrable_domain
from cookiedesk.fates import session_store_ids
from cookiedesk.model import Category, Cookie
from cookiedesk.stores.discovery import Discovery
from cookiedesk.stores.scan import ScanResult
from cookiedesk.ui import filter_bar, member_cookie, window_actions, window_state
from cookiedesk.ui.column_widths import ColumnWidths
from cookiedesk.ui.controller import Loaded, Operations
from cookiedesk.ui.cookie_model import CookieTableModel, category
from cookiedesk.ui.cookie_table import cookie_table
from cookiedesk.ui.delete_dialog import DeletePreview
from cookiedesk.ui.deletion_flow import DeletionFlow
from cookiedesk.ui.demo_banner import demo_banner
from cookiedesk.ui.details_pane import DetailsPane, RevealFlow, below_the_table
from cookiedesk.ui.export_flow import ExportFlow
from cookiedesk.ui.policy_pane import PolicyPane
from cookiedesk.ui.report_flow import ReportFlow
from cookiedesk.ui.selection_keeper import SelectionKeeper
from cookiedesk.ui.site import NO_SITE, first_site, site_name
from cookiedesk.ui.sites_view import SitesDock
from cookiedesk.ui.sources_tree import SourcesTree
from cookiedesk.ui.status_counts import StatusCounts
from cookiedesk.ui.table_menu import TableMenu
from cookiedesk.ui.work_status import WorkStatus


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
        self.demo_found_nothing = False  # the demo shows because no browser's cookies were
        self._scan_number = 0  # a cancelled scan's late result is recognised and dropped
        self._scan_when_loaded = False  # a scan asked for while the classifier loads
        self.ops = Operations(data_dir, config_dir, self)
        self.deletions = DeletionFlow(self.ops, self)
        self.reveals = RevealFlow(self, self.ops.reveal)
        self.setWindowTitle("CookieDesk")
        self.setAccessibleName("CookieDesk")
        self.model = CookieTableModel(registrable_domain)
        self._build()
        self.commands = window_actions.build(self, self, NO_SITE)
        self.rescan_action, self.delete_action = self.commands.rescan, self.commands.delete
        self.delete_site_action = self.commands.delete_site
        self.delete_ads_action, self.undo_action = self.commands.delete_ads, self.commands.undo
        self.guide_action, self.policy_action = self.commands.guide, self.commands.policy
        self.table_menu = TableMenu(self.table, self.model, self.delete_action,
                                    self.commands.keep, self.details.setFocus,
                                    lambda text: self._status(text, 6000))
        self.exports = ExportFlow(self, self.ops, self.selected_cookies,
                                  self.model.visible_cookies, lambda t: self._status(t, 8000))
        self.reports = ReportFlow(self, self.ops, lambda: self.result,
                                  lambda text: self._status(text, 6000))
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
        self.table = cookie_table(self.model)
        self.selection_keeper = SelectionKeeper(self.table, self.model)
        self.column_widths = ColumnWidths(self.table)  # fitted once, then the user's
        self.details_pane = DetailsPane(self.model.in_session_file)
        self.details, self.reveal = self.details_pane.details, self.details_pane.reveal
        self.work = WorkStatus()
        self.banner, self.progress = self.work.banner, self.work.progress
        self.cancel_button = self.work.cancel_button
        centre = QWidget()
        column = QVBoxLayout(centre)
        self.table_and_details = below_the_table(self.table, self.details_pane)
        for widget, stretch in ((self.banner, 0), (self.filter_bar, 0),
                                (self.table_and_details, 1), (self.work, 0)):
            column.addWidget(widget, stretch)
        self.policy = PolicyPane(None, "")
        self.splitter = QSplitter()
        for part in (self.sources, centre, self.policy):
            self.splitter.addWidget(part)
        self.splitter.setSizes([230, 760, 330])
        self.setCentralWidget(self.splitter)
        self.status_counts = StatusCounts(self.statusBar())
        self.sites_dock = SitesDock(registrable_domain, self._delete, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.sites_dock)
        self.sites_dock.hide()
        self.resize(1320, 760)
        self.filter_box.setFocus()  # the first focus: visible, and where typing helps most

    def _connect(self) -> None:
        self.sources.stores_chosen.connect(self._stores_chosen)
        self.sources.stores_chosen.connect(
            lambda _: self.filter_bar.show_sources(self.sources.chosen_labels()))
        self.filter_bar.reset_requested.connect(self.sources.clearSelection)
        self.selection_keeper.settled.connect(self._selection_changed)
        self.filter_bar.text_filter.connect(self._filter_changed)
        self.filter_bar.category_chosen.connect(self.model.set_category)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.details_pane.reveal_requested.connect(self._reveal)
        self.banner.linkActivated.connect(self._banner_link)
        self.cancel_button.clicked.connect(self.cancel)
        self.policy.show_member.connect(self.show_member_cookie)
        self.policy.show_site.connect(lambda: self._choose_chip(filter_bar.SITE_CHIP))
        self.policy.show_ads.connect(lambda: self._choose_chip(2))
        self.policy.delete_requested.connect(lambda: self.delete_everywhere(Category.SITE))
        self.policy.delete_ads_requested.connect(lambda: self.delete_everywhere(Category.AD))
        ops = self.ops
        ops.classifier_loaded.connect(self._classifier_loaded)
        ops.scanned.connect(self._loaded)
        self.deletions.busy.connect(self._busy)
        self.deletions.done.connect(self._work_ended)
        self.deletions.status.connect(self._status)
        self.deletions.undo_requested.connect(self.undo)
        ops.revealed.connect(self.reveals.show_value)
        ops.failed.connect(self._failed)
        self.scan_loaded.connect(lambda _: self.sites_dock.show_cookies(self.model.cookies()))
        self.sites_dock.visibilityChanged.connect(self.commands.sites.setChecked)

    def header(self) -> QHeaderView:
        return self.table.horizontalHeader()

    # ------------------------------------------------------------------------ loading

    def _classifier_loaded(self, loaded: Loaded) -> None:
        self._loading = None
        name = site_name(loaded.classifier)
        self.filter_bar.set_site_name(name)
        self.filter_bar.show_counts(self.model.split_counts())
        self.model.set_site_name(name)
        self.status_counts.set_site_name(name)
        self.sites_dock.model.set_site_name(name)
        self.commands.name_site(name)
        self.policy.show_policy(first_site(loaded.classifier), loaded.policy_markdown)
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
        if not self.deletions.running:  # not by the button's word: Ctrl+K relabels it
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
        if not self.deletions.running:  # else a deletion queued behind this scan still runs
            self._idle()
        self.result = result
        self.model.set_cookies(result.cookies(), session_store_ids(s.store for s in result.stores))
        self.column_widths.fit_once()
        self.sources.fill(result)
        self.status_counts.show_scan(self.model.cookies())
        self.filter_bar.show_counts(self.model.split_counts())
        problems = [f"{s.store.label}: {s.error}" for s in result.stores if s.error]
        problems += [f"{p.browser} — {p.profile}: {p.reason}" for p in result.problems]
        if problems:
            self._banner("Some stores could not be read: " + "; ".join(problems))
        elif not result.stores and self._offer_demo is not None and self.demo_profile is None:
            # Not an empty table: the demo, so that there is something real to try.
            self.demo_found_nothing = True
            self._offer_demo()
            return
        elif self.demo_profile is not None:
            self._banner(demo_banner(self.demo_found_nothing))
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
        self.work.busy(text, cancel_text, self.commands.while_working())
        self._status(text)

    def _idle(self) -> None:
        self.work.idle(self.commands.while_working())
        self._status(self.deletions.last_outcome)  # a deletion's or undo's outcome stays

    def _status(self, text: str, timeout_ms: int = 0) -> None:
        if text:
            self.statusBar().showMessage(text, timeout_ms)
        else:
            self.statusBar().clearMessage()

    def _banner(self, html: str) -> None:
        self.work.show_banner(html)

    def _banner_link(self, _: str) -> None:
        if self._offer_demo is not None:
            self._offer_demo()

    # ------------------------------------------------------------------------ filters

    def _filter_changed(self, text: str) -> None:
        self.model.set_text(text)
        self.filter_bar.show_counts(self.model.split_counts())

    def _choose_chip(self, number: int) -> None:
        self.filter_bar.choose(number)

    def _stores_chosen(self, store_ids: list[str] | None) -> None:
        self.model.set_stores(store_ids)
        self.filter_bar.show_counts(self.model.split_counts())

    def show_member_cookie(self) -> None:
        """Every filter off but the site's chip, then the member cookie's rows selected."""
        self.filter_bar.reset()
        self._choose_chip(filter_bar.SITE_CHIP)
        member_cookie.select_member(self.table, self.model, first_site(self.ops.classifier))

    def focus_filter(self) -> None:
        self.filter_box.setFocus()

    # ----------------------------------------------------------------------- selection

    def selected_cookies(self) -> list[Cookie]:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return [self.model.cookie(row) for row in sorted(rows)]

    def _selection_changed(self, *_: QItemSelection) -> None:
        chosen = self.selected_cookies()
        self.policy.mark_cookies_paragraph(
            member_cookie.any_member(first_site(self.ops.classifier), chosen))
        self.details_pane.show_cookies(chosen)
        self.status_counts.show_rows(self.model.rowCount(), len(chosen))

    def _reveal(self) -> None:
        chosen = self.selected_cookies()
        if len(chosen) == 1 and self.result is not None:
            cookie = chosen[0]
            self.reveals.ask(next(s.store for s in self.result.stores
                                  if s.store.id == cookie.store_id), cookie)

    # ------------------------------------------------------------------------ deleting

    def delete_selected(self) -> None:
        self._delete(self.selected_cookies())

    def delete_site(self) -> None:
        """The toolbar's: what the site's chip counts (the browsers and text chosen)."""
        self._delete(self.model.counted(Category.SITE))

    def delete_ads(self) -> None:
        self._delete(self.model.counted(Category.AD))

    def delete_everywhere(self, kind: Category) -> None:
        """The policy's links: every browser's, whatever the table shows."""
        self._delete([c for c in self.model.cookies() if category(c) == kind])

    def _delete(self, cookies: list[Cookie]) -> None:
        if self.result is not None:
            self.deletions.ask(cookies, [s.store for s in self.result.stores if s.error is None])

    def undo(self) -> None:
        self.deletions.undo([s.store for s in self.result.stores] if self.result else [])

    def _work_ended(self) -> None:
        self._idle()
        self.rescan()

    @property
    def preview(self) -> DeletePreview | None:
        return self.deletions.preview

    @property
    def last_summary(self) -> str:
        return self.deletions.last_summary

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
        self.reports.copy()

    def save_report(self) -> None:
        self.reports.save()

    def export_cookies(self) -> None:
        self.exports.ask()

    def edit_keep_list(self) -> None:
        from cookiedesk.ui.keep_list_dialog import open_keep_list

        self.keep_list_dialog = open_keep_list(self.ops, self._keep, self)

    def show_history(self) -> None:
        from cookiedesk.ui.history_dialog import open_history

        self.history_dialog = open_history(
            self.ops, lambda: [s.store for s in self.result.stores] if self.result else [],
            self.rescan, self)

    def toggle_sites(self) -> None:
        self.sites_dock.setVisible(self.commands.sites.isChecked())

    def toggle_policy(self) -> None:
        self.show_policy(self.policy_action.isChecked())

    def show_policy(self, on: bool) -> None:
        self.policy.setVisible(on)

    def guided_cleanup(self) -> None:
        if self.result is None:
            return
        from cookiedesk.ui.guide import open_guide

        loaded = self.ops.loaded
        self.guide = open_guide(self.result, self._data_dir, self._config_dir,
                                loaded.policy_markdown if loaded else "", self, self.rescan,
                                profile=first_site(self.ops.classifier))

    def showEvent(self, event: Any) -> None:  # Qt's name
        super().showEvent(event)
        if self.result is None:
            QTimer.singleShot(0, self.rescan)

    def save_preferences(self) -> None:
        window_state.save(self, self._config_dir)

    def closeEvent(self, event: Any) -> None:  # Qt's name
        self.save_preferences()
        super().closeEvent(event)
