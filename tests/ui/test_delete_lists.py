"""The policy's delete links and the lists they open (issue 14, finding 10 and "rows that look
identical"): each link deletes what it says; the preview and guide step 3 show one sorted list,
with the partition or container of look-alike rows and no identical duplicate lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTreeWidget, QVBoxLayout
from pytestqt.qtbot import QtBot

from cookiedesk.classify import policy
from cookiedesk.classify.classifier import Classifier
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from cookiedesk.ui.delete_dialog import DeletePreview
from cookiedesk.ui.guide import GuideWizard
from cookiedesk.ui.main_window import MainWindow
from tests.helpers.stores import TestCookie, chromium_and_firefox
from tests.ui.trees import children, tops, tree_lines
from tests.ui.windows import open_window

LONG = 60_000
PARTITIONED = "^partitionKey=%28https%2Ckomp3.net%29"


@pytest.fixture
def home(isolated_home: Path) -> Path:
    chromium_and_firefox(isolated_home, [
        TestCookie("www.wikipedia.org", "lang"),
        TestCookie(".doubleclick.net", "IDE", secure=True),
        TestCookie(".doubleclick.net", "IDE", secure=False),  # same line: only the scheme differs
        TestCookie(".komp3.net", "komp3_member"),
        TestCookie(".adnxs.com", "uuid2"),
    ], [
        TestCookie(".criteo.com", "uid"),
        TestCookie(".criteo.com", "uid", partition=PARTITIONED),
        TestCookie(".criteo.com", "uid", partition="^userContextId=1"),
        TestCookie("www.komp3.net", "PHPSESSID"),
    ])
    (isolated_home / ".mozilla/firefox/x.default/containers.json").write_text(json.dumps(
        {"version": 5, "identities": [{"userContextId": 1, "l10nId": "user-context-personal"}]}))
    return isolated_home



def preview_from(qtbot: QtBot, window: MainWindow, link: str) -> DeletePreview:
    window.policy._follow(QUrl(link))
    qtbot.waitUntil(lambda: window.preview is not None and window.preview.isVisible(),
                    timeout=LONG)
    assert window.preview is not None
    return window.preview


def lines(tree: QTreeWidget) -> dict[str, list[str]]:
    return tree_lines(tree)


def test_each_policy_link_says_what_it_deletes_and_deletes_only_that(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, home, tmp_path)
    shown = window.policy.browser.toPlainText()
    assert "Delete the KOmp3.net cookies now" in shown
    assert "Delete the ad companies' cookies" in shown
    assert "Delete them now" not in shown
    site = preview_from(qtbot, window, policy.DELETE_NOW)
    assert lines(site.tree) == {
        "Chromium — Me: 1 cookie": [".komp3.net — komp3_member"],
        "Firefox — default: 1 cookie": ["www.komp3.net — PHPSESSID"],
    }
    assert site.delete_button.text() == "Delete 2 cookies"
    site.reject()
    ads = preview_from(qtbot, window, policy.DELETE_ADS)
    assert ads is not site
    hosts = {line.split(" — ")[0] for group in lines(ads.tree).values() for line in group}
    assert hosts == {".adnxs.com", ".doubleclick.net", ".criteo.com"}
    assert ads.delete_button.text() == "Delete 6 cookies"
    ads.reject()


def test_the_preview_list_is_sorted_labelled_and_has_no_identical_lines(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    window = open_window(qtbot, home, tmp_path)
    preview = preview_from(qtbot, window, policy.DELETE_ADS)
    header = preview.tree.headerItem()
    assert header.text(1) == "Belongs to"  # the company, not a count of "Cookies"
    assert "cookie" in header.text(0)
    assert lines(preview.tree) == {
        "Chromium — Me: 3 cookies": [".adnxs.com — uuid2",
                                     ".doubleclick.net — IDE  (2 identical)"],
        "Firefox — default: 3 cookies": [".criteo.com — uid",
                                         ".criteo.com — uid · Personal container",
                                         ".criteo.com — uid · in komp3.net"],
    }
    top = tops(preview.tree)[1]
    assert top.isFirstColumnSpanned()
    assert set(children(top, 1)) == {"Criteo"}
    assert "6 cookies will be deleted." in preview.summary.text()


def test_guide_step_3_shows_the_same_list_with_the_counts_above_it(
    qtbot: QtBot, home: Path, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    classifier = Classifier.load(config)
    result = scan(discover("linux", home, {}), classify=classifier.verdict)
    guide = GuideWizard(result, tmp_path / "data", config, "", profile=classifier.sites[0])
    qtbot.addWidget(guide)
    guide.show()
    review = guide.review_page
    review.site_box.setChecked(False)
    window = open_window(qtbot, home, tmp_path)
    preview = preview_from(qtbot, window, policy.DELETE_ADS)
    assert lines(review.listing) == lines(preview.tree)  # one list-building function
    assert review.listing.isVisibleTo(review)  # shown, not behind a button
    layout = review.layout()
    assert isinstance(layout, QVBoxLayout)
    at = [layout.indexOf(w) for w in (review.per_browser, review.site_box, review.listing)]
    assert at == sorted(at) and layout.stretch(at[-1]) == 1  # counts on top, list fills
    assert review.per_browser.text() == ("Chromium — Me: 1 KOmp3.net, 3 ad companies, "
                                         "0 trackers\nFirefox — default: 1 KOmp3.net, "
                                         "3 ad companies, 0 trackers")
