"""The guided cleanup offers trackers' cookies in a box of their own, unticked by default."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from cookiedesk.classify.classifier import Classifier
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from cookiedesk.ui.guide import GuideWizard
from tests.helpers.stores import TestCookie, chromium_profile


def test_the_tracker_box_starts_unticked_and_adds_trackers_when_ticked(
    qtbot: QtBot, isolated_home: Path, tmp_path: Path
) -> None:
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24, [
        TestCookie(".komp3.net", "komp3_member"),
        TestCookie(".doubleclick.net", "IDE"),
        TestCookie(".news.example.org", "_ga"),
        TestCookie("www.google-analytics.com", "x"),
        TestCookie("www.example.org", "session"),
    ])
    config = tmp_path / "config"
    result = scan(discover("linux", isolated_home, {}),
                  classify=Classifier.load(config, tmp_path / "cache").verdict)
    guide = GuideWizard(result, tmp_path / "data", config, "")
    qtbot.addWidget(guide)
    review = guide.review_page
    assert review.tracker_box.text() == "Trackers' cookies: analytics and measurement (2)"
    assert review.site_box.isChecked() and review.ad_box.isChecked()
    assert not review.tracker_box.isChecked()
    assert {c.name for c in guide.chosen()} == {"komp3_member", "IDE"}
    assert review.listed_count == 2
    review.tracker_box.setChecked(True)
    assert {c.name for c in guide.chosen()} == {"komp3_member", "IDE", "_ga", "x"}
    assert review.listed_count == 4
    review.site_box.setChecked(False)
    review.ad_box.setChecked(False)
    assert review.isComplete()  # trackers alone are a valid choice
    review.tracker_box.setChecked(False)
    assert not review.isComplete()
