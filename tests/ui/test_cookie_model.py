"""The cookie table model and its filter proxy, on the demo profile's real stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

from cookiedesk.classify.classifier import Classifier
from cookiedesk.classify.domains import registrable_domain
from cookiedesk.demo import DemoProfile
from cookiedesk.model import Cookie
from cookiedesk.stores.scan import scan
from cookiedesk.ui.cookie_model import (
    CategoryRole,
    Column,
    CookieFilterProxy,
    CookieRole,
    CookieTableModel,
)


@pytest.fixture
def demo_cookies() -> Iterator[list[Cookie]]:
    demo = DemoProfile()
    try:
        yield list(scan(demo.discover(), classify=Classifier.load().verdict).cookies())
    finally:
        demo.close()


@pytest.fixture
def model(qapp: object, demo_cookies: list[Cookie]) -> CookieTableModel:
    table = CookieTableModel(registrable_domain)
    table.set_cookies(demo_cookies)
    return table


def test_model_and_proxy_pass_the_model_tester(qtmodeltester, model: CookieTableModel) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model, force_py=True)
    proxy = CookieFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_text("komp3")
    qtmodeltester.check(proxy, force_py=True)


def test_every_cookie_has_a_row_with_its_columns(model: CookieTableModel,
                                                 demo_cookies: list[Cookie]) -> None:
    assert model.rowCount() == len(demo_cookies) == 29
    assert model.columnCount() == len(Column)
    row = next(r for r in range(model.rowCount())
               if model.cookie(r).name == "komp3_member" and model.cookie(r).browser == "Chromium")
    text = {c: model.index(row, c).data() for c in Column}
    assert text[Column.SITE] == "komp3.net" and text[Column.HOST] == ".komp3.net"
    assert text[Column.CATEGORY] == "★ KOmp3.net" and text[Column.COMPANY] == "KOmp3.net"
    assert text[Column.FLAGS] == "httponly"
    assert model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole).startswith("komp3.net — ")


def test_highlight_by_colour_icon_and_text_in_light_and_dark(qapp: object,
                                                             model: CookieTableModel) -> None:
    rows = {model.cookie(r).name: r for r in range(model.rowCount())}
    site, ad, other = rows["komp3_member"], rows["IDE"], rows["user_session"]
    assert model.index(ad, Column.CATEGORY).data() == "▲ Ad company"
    assert model.index(other, Column.CATEGORY).data() == "Other"
    assert model.index(other, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    light = {r: model.index(r, 0).data(Qt.ItemDataRole.BackgroundRole).color()
             for r in (site, ad)}
    original = QGuiApplication.palette()
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    QGuiApplication.setPalette(dark)
    try:
        for row in (site, ad):
            brush = model.index(row, 0).data(Qt.ItemDataRole.BackgroundRole)
            assert isinstance(brush, QBrush)
            assert brush.color().lightness() < 100 < light[row].lightness()  # dark on dark
    finally:
        QGuiApplication.setPalette(original)


def test_filter_text_chips_and_sources(model: CookieTableModel) -> None:
    proxy = CookieFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.counts() == {None: 29, "site": 5, "ad": 18, "other": 6}
    proxy.set_category("site")
    assert {proxy.index(r, 0).data(CategoryRole) for r in range(proxy.rowCount())} == {"site"}
    assert proxy.rowCount() == 5
    proxy.set_category(None)
    proxy.set_text("criteo")  # matches host (and company)
    assert {proxy.index(r, 0).data(CookieRole).host for r in range(proxy.rowCount())} == {
        ".criteo.com"}
    proxy.set_text("Google")  # matches the company column
    assert {proxy.index(r, Column.COMPANY).data() for r in range(proxy.rowCount())} == {"Google"}
    proxy.set_text("")
    firefox_store = next(c.store_id for c in model.cookies() if c.browser == "Firefox")
    proxy.set_stores([firefox_store])
    assert {proxy.index(r, Column.BROWSER).data() for r in range(proxy.rowCount())} == {"Firefox"}
    assert proxy.counts()[None] == 13


def test_sorting_by_site_groups_a_sites_cookies(model: CookieTableModel) -> None:
    proxy = CookieFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.SITE, Qt.SortOrder.AscendingOrder)
    sites = [proxy.index(r, Column.SITE).data() for r in range(proxy.rowCount())]
    assert sites == sorted(sites)
    proxy.sort(Column.EXPIRES, Qt.SortOrder.DescendingOrder)
    first = proxy.index(0, 0).data(CookieRole)
    assert first.expires is not None
    assert not QModelIndex().isValid()
