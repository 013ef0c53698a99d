"""The member cookie in the table: the rows that can be it (the site profile says which,
sites.is_member_candidate), selected and scrolled to when the policy's link asks."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QTableView

from cookiedesk.classify.sites import SiteProfile, is_member_candidate
from cookiedesk.model import Cookie
from cookiedesk.ui.cookie_model import CookieTableModel
from cookiedesk.ui.selection_keeper import select_rows


def any_member(site: SiteProfile | None, cookies: list[Cookie]) -> bool:
    return site is not None and any(is_member_candidate(site, c) for c in cookies)


def member_rows(model: CookieTableModel, site: SiteProfile | None) -> list[int]:
    """The shown rows that can be the member cookie."""
    if site is None:
        return []
    return [row for row in range(model.rowCount())
            if is_member_candidate(site, model.cookie(row))]


def select_member(table: QTableView, model: CookieTableModel, site: SiteProfile | None) -> int:
    """Select the member cookie's rows (of those shown), scroll to the first, give the table
    the focus; how many rows that is."""
    rows = member_rows(model, site)
    if rows:
        select_rows(table, rows, rows[0])
        table.scrollTo(model.index(rows[0], 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        table.setFocus()
    return len(rows)
