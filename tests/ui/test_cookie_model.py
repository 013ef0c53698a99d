"""The cookie table model and its filter proxy, on the demo profile's real stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette
from pytestqt.modeltest import ModelTester

from cookiedesk.classify.classifier import Classifier
from cookiedesk.classify.domains import registrable_domain
from cookiedesk.demo import DemoProfile
from cookiedesk.model import Cookie
from cookiedesk.stores.scan import scan
from cookiedesk.ui.cookie_model import CategoryRole, Column, CookieRole, CookieTableModel
from cookiedesk.ui.site import site_name


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
    table.set_site_name(site_name(Classifier.load()))  # the window does this once it has loaded
    table.set_cookies(demo_cookies)
    return table


def test_the_model_passes_the_model_tester_while_filtering_and_sorting(
    qtmodeltester: ModelTester, model: CookieTableModel
) -> None:
    qtmodeltester.check(model, force_py=True)  # type: ignore[no-untyped-call]  # unannotated
    model.set_text("komp3")
    model.set_category("site")
    model.sort(Column.EXPIRES, Qt.SortOrder.DescendingOrder)
    model.set_text("")
    model.set_category(None)


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
    assert model.counts() == {None: 29, "site": 5, "ad": 18, "tracker": 0, "other": 6}
    model.set_category("site")
    assert {model.index(r, 0).data(CategoryRole) for r in range(model.rowCount())} == {"site"}
    assert model.rowCount() == 5
    assert model.counts()[None] == 29  # the chips count what the other filters leave
    model.set_category(None)
    model.set_text("criteo")  # matches host (and company)
    assert {model.index(r, 0).data(CookieRole).host for r in range(model.rowCount())} == {
        ".criteo.com"}
    model.set_text("Google")  # matches the company column
    assert {model.index(r, Column.COMPANY).data() for r in range(model.rowCount())} == {"Google"}
    model.set_text("")
    firefox_store = next(c.store_id for c in model.cookies() if c.browser == "Firefox")
    model.set_stores([firefox_store])
    assert {model.index(r, Column.BROWSER).data() for r in range(model.rowCount())} == {"Firefox"}
    assert model.counts()[None] == 13
    assert len(model.cookies()) == 29  # every cookie stays known to the model


def test_sorting_keeps_a_sites_cookies_together(model: CookieTableModel) -> None:
    sites = [model.index(r, Column.SITE).data() for r in range(model.rowCount())]
    assert sites == sorted(sites)  # the first order: by site
    model.sort(Column.EXPIRES, Qt.SortOrder.DescendingOrder)
    expiries = [model.index(r, 0).data(CookieRole).expires for r in range(model.rowCount())]
    stamps = [e.timestamp() if e else 0.0 for e in expiries]
    assert stamps == sorted(stamps, reverse=True)
    model.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    names = [model.index(r, Column.NAME).data().casefold() for r in range(model.rowCount())]
    assert names == sorted(names)


def test_a_tracker_has_its_own_colour_mark_and_text_in_light_and_dark(qapp: object) -> None:
    from dataclasses import replace

    from cookiedesk.ui.cookie_model import highlight

    classify = Classifier.load()
    cookies = [c for c in scan(DemoProfile().discover(), classify=classify.verdict).cookies()]
    tracker = replace(cookies[0], host=".news.example.org", name="_ga",
                      verdict=classify(".news.example.org", "_ga"))
    model = CookieTableModel(registrable_domain)
    model.set_cookies([tracker, *cookies])
    row = next(r for r in range(model.rowCount()) if model.cookie(r).name == "_ga")
    assert model.index(row, Column.CATEGORY).data() == "◆ Tracker"
    assert model.index(row, Column.COMPANY).data() == "Google"
    assert model.counts()["tracker"] == 1
    original = QGuiApplication.palette()
    light = [highlight(kind) for kind in ("site", "ad", "tracker")]
    assert len({c.name() for c in light if c is not None}) == 3  # three different colours
    dark = QPalette(original)
    dark.setColor(QPalette.ColorRole.Window, QColor("#202020"))
    QGuiApplication.setPalette(dark)
    try:
        colour = highlight("tracker")
        assert colour is not None and colour.lightness() < 100 < light[2].lightness()  # type: ignore[union-attr]
    finally:
        QGuiApplication.setPalette(original)
