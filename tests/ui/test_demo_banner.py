"""The demo's banner says why the demo shows: asked for, or no browser's cookies were found."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from cookiedesk.stores.discovery import discover
from cookiedesk.ui.app import build_window

FOUND_NOTHING = "No browser's cookies were found on this computer, so this is the built-in"


@pytest.mark.parametrize("asked", [True, False])
def test_the_demo_banner_says_why_the_demo_shows(qtbot: QtBot, isolated_home: Path,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 asked: bool) -> None:
    # an empty HOME: no browser at all
    monkeypatch.setattr("cookiedesk.ui.app.discover", lambda: discover("linux", isolated_home,
                                                                       {}))
    shown, release = build_window(demo=asked)
    qtbot.addWidget(shown)
    try:
        shown.show()
        qtbot.waitUntil(lambda: len(shown.model.cookies()) > 0 and shown.progress.isHidden()
                        and shown.banner.isVisible(), timeout=60_000)
        text = shown.banner.text()
        assert "<b>demo profile</b>" in text
        if asked:
            assert text.startswith("This is the built-in") and FOUND_NOTHING not in text
        else:
            assert text.startswith(FOUND_NOTHING)
    finally:
        release()
