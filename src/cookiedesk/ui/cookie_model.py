"""The cookie table: one QAbstractTableModel over the core's records that also filters and
sorts them. The site's, ad-company and tracker rows are marked by colour AND icon AND the
category text, so colour is never the only sign; the colours follow the palette (light or
dark), and each has its own hue (yellow, red, blue) so that the three tell apart at a glance.

Filtering and sorting live in the model rather than in a QSortFilterProxyModel (the design's
first idea): a proxy asks Python once per row for every filter change and twice per comparison
when sorting, which took 0.36 s per keystroke and seconds per sort at 100,000 rows. Here a
filter is one list comprehension over precomputed lowercase text and a model reset, and a sort
is one `sorted()` with a key; the view asks Python only for the rows it paints.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from cookiedesk.fates import Fate, fate
from cookiedesk.model import Category, Cookie
from cookiedesk.operations.counting import CLEARED_WHEN_FIREFOX_QUITS, Counts, session_only_reason
from cookiedesk.ui.cookie_label import name_label
from cookiedesk.ui.site import NO_SITE, capitalised

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
# the site's label is its profile's name (set_site_name)
CATEGORY_TEXT = {Category.SITE: capitalised(NO_SITE), Category.AD: "Ad company",
                 Category.TRACKER: "Tracker", Category.OTHER: "Other"}
# the non-colour sign, in the text too
CATEGORY_MARK = {Category.SITE: "★", Category.AD: "▲", Category.TRACKER: "◆", Category.OTHER: ""}
_COLOURS: dict[str, tuple[str, str]] = {  # category → (light palette, dark palette)
    Category.SITE: ("#fff3bf", "#4a3b00"), Category.AD: ("#ffe0e0", "#4d1f1f"),
    Category.TRACKER: ("#dde8ff", "#1d2f52"),
}

CookieRole = Qt.ItemDataRole.UserRole + 1
CategoryRole = Qt.ItemDataRole.UserRole + 2


def category(cookie: Cookie) -> Category:
    return cookie.verdict.category if cookie.verdict else Category.OTHER


def _is_dark() -> bool:
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def highlight(kind: str) -> QColor | None:
    """Row colour for a category, readable on the current palette (light or dark)."""
    colours = _COLOURS.get(kind)
    if colours is None:
        return None
    return QColor(colours[1] if _is_dark() else colours[0])


def _flags(cookie: Cookie) -> str:
    parts = [name for name, on in (("secure", cookie.secure), ("httponly", cookie.httponly),
                                   ("session", cookie.session)) if on]
    if cookie.partition:
        parts.append(f"partitioned: {cookie.partition}")
    return ", ".join(parts)


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


class CookieTableModel(QAbstractTableModel):
    """All cookies of one scan; shows the rows that pass the text, category and source
    filters, in the chosen order. Reset in one go, never row by row."""

    def __init__(self, site_of: Callable[[str], str] | None = None) -> None:
        super().__init__()
        self._site_of = site_of  # host → registrable domain; the PSL lookup from the core
        self._cookies: list[Cookie] = []  # all of them, in display order
        self._sites: list[str] = []
        self._search: list[str] = []  # "host\0name\0company", lowercase
        self._visible: list[int] = []  # indices into the lists above
        self._candidates: list[int] = []  # those passing the text and source filters
        self._text = ""
        self._category_text = dict(CATEGORY_TEXT)
        self._category: str | None = None
        self._stores: frozenset[str] | None = None
        self._counts: dict[str | None, int] = dict.fromkeys((None, *Category), 0)
        self._fates: list[Fate] = []  # what deleting each would do (operations.counting)
        self._split: dict[str | None, Counts] = {}
        self._staying: list[int] = []  # positions of the rows a deletion leaves

    # ------------------------------------------------------------------------ content

    def set_cookies(self, cookies: Iterable[Cookie],
                    session_stores: frozenset[str] = frozenset()) -> None:
        """`session_stores`: the stores CookieDesk lists but never deletes from (Firefox's
        session files, fates.session_store_ids)."""
        site_of = self._site_of
        rows = [(site_of(c.host) if site_of else c.host.lstrip("."), c) for c in cookies]
        # group-like order from the start: a site's cookies together, sites A to Z
        rows.sort(key=lambda r: (r[0], r[1].host.lstrip("."), r[1].name))
        self._sites = [site for site, _ in rows]
        self._cookies = [cookie for _, cookie in rows]
        self._fates = [fate(c, session_stores) for c in self._cookies]
        self._session_stores = session_stores
        self._staying = [i for i, which in enumerate(self._fates) if which is not Fate.DELETED]
        self._search = [
            f"{c.host}\0{c.name}\0{(c.verdict.company if c.verdict else None) or ''}".casefold()
            for c in self._cookies]
        self._refilter()

    def set_site_name(self, name: str) -> None:
        self._category_text[Category.SITE] = capitalised(name)
        if self._visible:
            self.dataChanged.emit(self.index(0, Column.CATEGORY),
                                  self.index(len(self._visible) - 1, Column.CATEGORY))

    def cookie(self, row: int) -> Cookie:
        return self._cookies[self._visible[row]]

    def cookies(self) -> list[Cookie]:
        """Every cookie of the scan, whatever the filters show."""
        return list(self._cookies)

    def counted(self, kind: Category) -> list[Cookie]:
        """The cookies of `kind` that its chip counts: under the text and source filters,
        whichever chip is chosen (the toolbar's deletions take these, so the chip's number is
        the preview's)."""
        cookies = self._cookies
        return [cookies[i] for i in self._candidates if category(cookies[i]) == kind]

    def visible_cookies(self) -> list[Cookie]:
        """The cookies the filters show, in the table's order."""
        cookies = self._cookies
        return [cookies[i] for i in self._visible]

    def site(self, row: int) -> str:
        return self._sites[self._visible[row]]

    def rows_of_site(self, site: str) -> list[int]:
        """The visible rows of one site (the model keeps them together unless sorted apart)."""
        sites = self._sites
        return [row for row, i in enumerate(self._visible) if sites[i] == site]

    # ------------------------------------------------------------------------ filters

    def set_text(self, text: str) -> None:
        text = text.strip().casefold()
        if text != self._text:
            self._text = text
            self._refilter()

    def set_category(self, kind: str | None) -> None:
        if kind != self._category:
            self._category = kind
            self._refilter()

    def set_stores(self, store_ids: Iterable[str] | None) -> None:
        stores = None if store_ids is None else frozenset(store_ids)
        if stores != self._stores:
            self._stores = stores
            self._refilter()

    def counts(self) -> dict[str | None, int]:
        """Rows per category chip under the current text and source filters."""
        return dict(self._counts)

    def split_counts(self) -> dict[str | None, Counts]:
        """The same rows by what deleting them does: deleted, left to Firefox, kept."""
        return dict(self._split)

    def is_session_only(self, row: int) -> bool:
        return self._fates[self._visible[row]] is Fate.SESSION_ONLY

    def in_session_file(self, cookie: Cookie) -> bool:
        """Listed from Firefox's session file: never deleted, cleared when Firefox quits."""
        return cookie.store_id in self._session_stores

    def _refilter(self) -> None:
        text, stores = self._text, self._stores
        cookies, search = self._cookies, self._search
        candidates = [i for i in range(len(cookies))
                      if (not text or text in search[i])
                      and (stores is None or cookies[i].store_id in stores)]
        kinds = [category(cookies[i]) for i in candidates]
        counts: dict[str | None, int] = dict.fromkeys(Category, 0)
        counts[None] = len(candidates)
        for kind in kinds:
            counts[kind] += 1
        split = self._split_of(counts)
        self.beginResetModel()
        self._candidates = candidates
        self._counts = counts
        self._split = split
        self._visible = (candidates if self._category is None else
                         [i for i, kind in zip(candidates, kinds, strict=True)
                          if kind == self._category])
        self.endResetModel()

    def _split_of(self, counts: dict[str | None, int]) -> dict[str | None, Counts]:
        """`counts` by fate. Only the few rows a deletion leaves are visited (a keystroke at
        100,000 rows must not walk them all twice): the rest of each count is deleted."""
        text, stores, cookies, search = self._text, self._stores, self._cookies, self._search
        fates = self._fates
        staying = Counter(
            (category(cookies[i]), fates[i]) for i in self._staying
            if (not text or text in search[i])
            and (stores is None or cookies[i].store_id in stores))
        split: dict[str | None, Counts] = {}
        for kind, number in counts.items():
            session = sum(n for (k, f), n in staying.items()
                          if f is Fate.SESSION_ONLY and kind in (k, None))
            kept = sum(n for (k, f), n in staying.items() if f is Fate.KEPT and kind in (k, None))
            split[kind] = Counts(number - session - kept, session, kept)
        return split

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        key_of = self._sort_key
        keyed = sorted(range(len(self._cookies)),
                       key=lambda i: key_of(self._cookies[i], Column(column), i),
                       reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutAboutToBeChanged.emit()
        self._cookies = [self._cookies[i] for i in keyed]
        self._sites = [self._sites[i] for i in keyed]
        self._search = [self._search[i] for i in keyed]
        self._fates = [self._fates[i] for i in keyed]
        self._staying = [i for i, which in enumerate(self._fates) if which is not Fate.DELETED]
        self.layoutChanged.emit()
        self._refilter()

    # ------------------------------------------------------------------------ Qt API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS.get(Column(section)) if 0 <= section < len(Column) else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._visible):
            return None
        position = self._visible[index.row()]
        cookie = self._cookies[position]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(cookie, Column(index.column()), position)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = highlight(category(cookie))
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = cookie.verdict.reason if cookie.verdict else None
            if self._fates[position] is Fate.SESSION_ONLY:  # why deleting leaves it
                return "\n".join(filter(None, (reason, f"Not deleted: {session_only_reason()}")))
            return reason
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._display(cookie, Column(index.column()), position)
        if role == CookieRole:
            return cookie
        if role == CategoryRole:
            return category(cookie)
        return None

    def _display(self, cookie: Cookie, column: Column, position: int) -> str:
        if column is Column.SITE:
            return self._sites[position]
        if column is Column.HOST:
            return cookie.host
        if column is Column.NAME:  # with its partition and container: rows tell apart
            return name_label(cookie) if cookie.partition or cookie.container else cookie.name
        if column is Column.CATEGORY:
            kind = category(cookie)
            kept = " (kept)" if cookie.verdict and cookie.verdict.kept else ""
            return f"{CATEGORY_MARK[kind]} {self._category_text[kind]}{kept}".strip()
        if column is Column.COMPANY:
            return (cookie.verdict.company if cookie.verdict else None) or ""
        if column is Column.BROWSER:
            return cookie.browser
        if column is Column.PROFILE:
            return cookie.profile
        if column is Column.EXPIRES:
            if self._fates[position] is Fate.SESSION_ONLY:
                return CLEARED_WHEN_FIREFOX_QUITS
            return _when(cookie.expires) if cookie.expires else "when the browser closes"
        if column is Column.SIZE:
            return f"{cookie.size} B"
        return _flags(cookie)

    def _sort_key(self, cookie: Cookie, column: Column, position: int) -> Any:
        if column is Column.EXPIRES:
            return cookie.expires.timestamp() if cookie.expires else 0.0
        if column is Column.SIZE:
            return cookie.size
        if column is Column.SITE:  # group-like order: by site, then host, then name
            return (self._sites[position], cookie.host.lstrip("."), cookie.name)
        return self._display(cookie, column, position).casefold()

