"""View → Group by site: a dock with one row per registrable site (its cookies, what it is,
the browsers that hold them) and "Delete this site's cookies", which opens the window's own
deletion preview with exactly that site's cookies.

The rows are a QAbstractTableModel over the scan's cookies, grouped in one pass (100,000
cookies: one dictionary walk, the registrable-domain lookup is the core's cached one).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from cookiedesk.model import Category, Cookie
from cookiedesk.ui.cookie_model import CATEGORY_MARK, CATEGORY_TEXT, category, highlight
from cookiedesk.ui.rows_model import Index, RowsModel

HEADERS = ("Site", "Cookies", "Category", "Browsers")
# a site holding several kinds shows the one a user most needs to know about
_PRECEDENCE = {Category.SITE: 0, Category.AD: 1, Category.TRACKER: 2, Category.OTHER: 3}


@dataclass
class SiteRow:
    site: str
    cookies: list[Cookie] = field(default_factory=list)
    category: Category = Category.OTHER
    browsers: set[str] = field(default_factory=set)


def group_by_site(cookies: Iterable[Cookie], site_of: Callable[[str], str]) -> list[SiteRow]:
    """One row per registrable site, sites A to Z; one pass over the cookies."""
    rows: dict[str, SiteRow] = {}
    for cookie in cookies:
        site = site_of(cookie.host)
        row = rows.get(site)
        if row is None:
            row = rows[site] = SiteRow(site)
        row.cookies.append(cookie)
        kind = category(cookie)
        if _PRECEDENCE.get(kind, 3) < _PRECEDENCE.get(row.category, 3):
            row.category = kind
        row.browsers.add(cookie.browser)
    return [rows[site] for site in sorted(rows)]


class SiteTableModel(RowsModel[SiteRow]):
    def __init__(self, site_of: Callable[[str], str]) -> None:
        super().__init__(HEADERS)
        self._site_of = site_of
        self._category_text = dict(CATEGORY_TEXT)

    def set_cookies(self, cookies: Iterable[Cookie]) -> None:
        self.set_rows(group_by_site(cookies, self._site_of))

    def set_site_name(self, name: str) -> None:
        self.beginResetModel()
        self._category_text[Category.SITE] = name[:1].upper() + name[1:]
        self.endResetModel()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return row.site or "(no host)"
            if index.column() == 1:
                return str(len(row.cookies))
            if index.column() == 2:
                mark = CATEGORY_MARK.get(row.category, "")
                text = self._category_text.get(row.category, row.category)
                return f"{mark} {text}".strip()
            return ", ".join(sorted(row.browsers))
        if role == Qt.ItemDataRole.BackgroundRole:
            return highlight(row.category)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        keys: list[Callable[[SiteRow], Any]] = [
            lambda r: r.site, lambda r: (len(r.cookies), r.site),
            lambda r: (_PRECEDENCE.get(r.category, 3), r.site),
            lambda r: (sorted(r.browsers), r.site)]
        self.beginResetModel()
        self.rows.sort(key=keys[column], reverse=order == Qt.SortOrder.DescendingOrder)
        self.endResetModel()


class SitesTable(QTableView):
    """Delete here deletes the site's cookies: the key is taken before the window's
    "Delete selected…" shortcut sees it (ShortcutOverride), which would act on the cookie
    table's selection instead."""

    def __init__(self, delete: Callable[[], None]) -> None:
        super().__init__()
        self._delete = delete

    def event(self, event: QEvent) -> bool:  # Qt's name
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and event.matches(QKeySequence.StandardKey.Delete):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if event.matches(QKeySequence.StandardKey.Delete):
            self._delete()
            return
        super().keyPressEvent(event)


class SitesDock(QDockWidget):
    """`delete(cookies)`: the window's deletion flow (plan, preview, delete, summary)."""

    def __init__(self, site_of: Callable[[str], str], delete: Callable[[list[Cookie]], None],
                 parent: QWidget | None = None) -> None:
        super().__init__("Sites", parent)
        self.setObjectName("sites-dock")
        self.setAccessibleName("Cookies grouped by site")
        self._delete = delete
        self.model = SiteTableModel(site_of)
        self.table = SitesTable(self.delete_chosen)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Sites")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.delete_button = QPushButton("Delete this site's cookies…")
        self.delete_button.setAccessibleName("Delete this site's cookies")
        self.delete_button.setToolTip("Delete every cookie of the selected sites, after a "
                                      "preview (Del)")
        self.delete_button.clicked.connect(self.delete_chosen)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.table, 1)
        column.addWidget(self.delete_button)
        self.setWidget(body)
        self._pending: list[Cookie] | None = None  # a scan's cookies, grouped when shown
        self._sized = False
        self.visibilityChanged.connect(self._group_if_shown)
        self._selection_changed()

    def show_cookies(self, cookies: list[Cookie]) -> None:
        """The scan's cookies; grouped now if the dock is shown, else when it is."""
        self._pending = cookies
        self._group_if_shown()

    def _group_if_shown(self, *_: object) -> None:
        if self._pending is not None and self.isVisible():
            cookies, self._pending = self._pending, None
            chosen = {row.site for row in self.chosen_rows()}
            self.model.set_cookies(cookies)
            header = self.table.horizontalHeader()
            self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
            if not self._sized:  # once: later scans keep the widths the user chose
                self._sized = True
                self.table.resizeColumnsToContents()  # measures the first 1,000 rows only
                window = self.parentWidget()
                if isinstance(window, QMainWindow):
                    wanted = sum(header.sectionSize(c) for c in range(3)) + 140
                    window.resizeDocks([self], [min(wanted, 520)], Qt.Orientation.Horizontal)
            # every site chosen before, in one selection (selectRow would keep only the last)
            again = QItemSelection()
            for number, row in enumerate(self.model.rows):
                if row.site in chosen:
                    again.select(self.model.index(number, 0),
                                 self.model.index(number, len(HEADERS) - 1))
            self.table.selectionModel().select(
                again, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def chosen_rows(self) -> list[SiteRow]:
        numbers = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.rows[n] for n in numbers]

    def select_site(self, site: str) -> None:
        for number, row in enumerate(self.model.rows):
            if row.site == site:
                self.table.selectRow(number)
                return

    def delete_chosen(self) -> None:
        cookies = [c for row in self.chosen_rows() for c in row.cookies]
        if cookies:
            self._delete(cookies)

    def _selection_changed(self, *_: object) -> None:
        chosen = self.chosen_rows()
        self.delete_button.setEnabled(bool(chosen))
        self.delete_button.setText(f"Delete {chosen[0].site}'s cookies…" if len(chosen) == 1
                                   else "Delete these sites' cookies…" if chosen
                                   else "Delete this site's cookies…")

    def _menu(self, point: QPoint) -> None:
        if not self.chosen_rows():
            return
        self.menu = QMenu(self.table)
        item = QAction("Delete this site's cookies…", self.menu)
        item.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        item.triggered.connect(self.delete_chosen)
        self.menu.addAction(item)
        self.menu.popup(self.table.viewport().mapToGlobal(point))
