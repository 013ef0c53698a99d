"""The cookie table: one QAbstractTableModel over the core's records, one proxy to filter and
sort it. KOmp3.net and ad-company rows are marked by colour AND icon AND the category text, so
colour is never the only sign; the colours follow the palette (light or dark)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from cookiedesk.model import Cookie

Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    SITE = 0
    HOST = 1
    NAME = 2
    CATEGORY = 3
    COMPANY = 4
    BROWSER = 5
    PROFILE = 6
    EXPIRES = 7
    SIZE = 8
    FLAGS = 9


HEADERS = {
    Column.SITE: "Site", Column.HOST: "Host", Column.NAME: "Name",
    Column.CATEGORY: "Category", Column.COMPANY: "Company", Column.BROWSER: "Browser",
    Column.PROFILE: "Profile", Column.EXPIRES: "Expires", Column.SIZE: "Size",
    Column.FLAGS: "Flags",
}
CATEGORY_TEXT = {"site": "KOmp3.net", "ad": "Ad company", "other": "Other"}
CATEGORY_MARK = {"site": "★", "ad": "▲", "other": ""}  # the non-colour sign, in the text too

CookieRole = Qt.ItemDataRole.UserRole + 1
CategoryRole = Qt.ItemDataRole.UserRole + 2
SortRole = Qt.ItemDataRole.UserRole + 3
StoreRole = Qt.ItemDataRole.UserRole + 4


def category(cookie: Cookie) -> str:
    return cookie.verdict.category if cookie.verdict else "other"


def _is_dark() -> bool:
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def highlight(kind: str) -> QColor | None:
    """Row colour for a category, readable on the current palette (light or dark)."""
    if kind == "site":
        return QColor("#4a3b00") if _is_dark() else QColor("#fff3bf")
    if kind == "ad":
        return QColor("#4d1f1f") if _is_dark() else QColor("#ffe0e0")
    return None


def _flags(cookie: Cookie) -> str:
    parts = [name for name, on in (("secure", cookie.secure), ("httponly", cookie.httponly),
                                   ("session", cookie.session)) if on]
    if cookie.partition:
        parts.append(f"partitioned: {cookie.partition}")
    return ", ".join(parts)


class CookieTableModel(QAbstractTableModel):
    """All cookies of one scan. Reset in one go (never row by row: thousands of rows)."""

    def __init__(self, site_of: Any = None) -> None:
        super().__init__()
        self._cookies: list[Cookie] = []
        self._sites: list[str] = []
        self._site_of = site_of  # host → registrable domain; the PSL lookup from the core

    def set_cookies(self, cookies: Iterable[Cookie]) -> None:
        self.beginResetModel()
        self._cookies = list(cookies)
        site_of = self._site_of
        self._sites = [site_of(c.host) if site_of else c.host.lstrip(".") for c in self._cookies]
        self.endResetModel()

    def cookie(self, row: int) -> Cookie:
        return self._cookies[row]

    def cookies(self) -> list[Cookie]:
        return list(self._cookies)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's API
        return 0 if parent.isValid() else len(self._cookies)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._cookies):
            return None
        cookie = self._cookies[index.row()]
        column = Column(index.column())
        kind = category(cookie)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(cookie, column, index.row())
        if role == SortRole:
            return self._sort_key(cookie, column, index.row())
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = highlight(kind)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return cookie.verdict.reason if cookie.verdict else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{self._display(cookie, column, index.row())}"
        if role == CookieRole:
            return cookie
        if role == CategoryRole:
            return kind
        if role == StoreRole:
            return cookie.store_id
        return None

    def _display(self, cookie: Cookie, column: Column, row: int) -> str:
        if column is Column.SITE:
            return self._sites[row]
        if column is Column.HOST:
            return cookie.host
        if column is Column.NAME:
            return cookie.name
        if column is Column.CATEGORY:
            kind = category(cookie)
            mark = CATEGORY_MARK[kind]
            kept = " (kept)" if cookie.verdict and cookie.verdict.kept else ""
            return f"{mark} {CATEGORY_TEXT[kind]}{kept}".strip()
        if column is Column.COMPANY:
            return (cookie.verdict.company if cookie.verdict else None) or ""
        if column is Column.BROWSER:
            return cookie.browser
        if column is Column.PROFILE:
            return cookie.profile
        if column is Column.EXPIRES:
            return _when(cookie.expires) if cookie.expires else "when the browser closes"
        if column is Column.SIZE:
            return f"{cookie.size} B"
        return _flags(cookie)

    def _sort_key(self, cookie: Cookie, column: Column, row: int) -> Any:
        if column is Column.EXPIRES:
            return cookie.expires.timestamp() if cookie.expires else 0.0
        if column is Column.SIZE:
            return cookie.size
        if column is Column.SITE:  # group-like order: by site, then host, then name
            return f"{self._sites[row]}\x00{cookie.host.lstrip('.')}\x00{cookie.name}".casefold()
        return self._display(cookie, column, row).casefold()


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


class CookieFilterProxy(QSortFilterProxyModel):
    """Text filter (host, name, company), category chip, and the sources chosen on the left."""

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._category: str | None = None  # None: all
        self._stores: frozenset[str] | None = None  # None: every store
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(False)  # rows never change in place; sorting is on demand

    def set_text(self, text: str) -> None:
        text = text.strip().casefold()
        if text != self._text:
            self.beginFilterChange()
            self._text = text
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_category(self, kind: str | None) -> None:
        if kind != self._category:
            self.beginFilterChange()
            self._category = kind
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_stores(self, store_ids: Iterable[str] | None) -> None:
        stores = None if store_ids is None else frozenset(store_ids)
        if stores != self._stores:
            self.beginFilterChange()
            self._stores = stores
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CookieTableModel)
        cookie = model.cookie(row)
        if self._stores is not None and cookie.store_id not in self._stores:
            return False
        if self._category is not None and category(cookie) != self._category:
            return False
        if not self._text:
            return True
        company = (cookie.verdict.company if cookie.verdict else None) or ""
        text = self._text
        return (text in cookie.host.casefold() or text in cookie.name.casefold()
                or text in company.casefold())

    def counts(self) -> dict[str | None, int]:
        """Rows per category chip under the current text and source filters."""
        model = self.sourceModel()
        assert isinstance(model, CookieTableModel)
        saved, self._category = self._category, None
        counts: dict[str | None, int] = {None: 0, "site": 0, "ad": 0, "other": 0}
        for row in range(model.rowCount()):
            if self.filterAcceptsRow(row, QModelIndex()):
                counts[None] += 1
                counts[category(model.cookie(row))] += 1
        self._category = saved
        return counts
