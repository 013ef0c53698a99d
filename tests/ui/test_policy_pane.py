"""The policy pane: the site's words rendered without markup debris, and its links in a bar
above the text as well as beside the paragraphs."""

from __future__ import annotations

import re
from pathlib import Path

from pytestqt.qtbot import QtBot

from cookiedesk.classify import policy
from cookiedesk.classify.classifier import Classifier
from cookiedesk.ui.policy_pane import PolicyPane


def komp3_pane(qtbot: QtBot) -> tuple[PolicyPane, str]:
    site = Classifier.load().sites[0]
    markdown = policy.policy_text(site)
    pane = PolicyPane(site, markdown)
    qtbot.addWidget(pane)
    return pane, markdown


def test_the_policy_shows_no_table_pipes_and_keeps_every_word(qtbot: QtBot) -> None:
    pane, markdown = komp3_pane(qtbot)
    assert re.search(r"^\|\s*$", markdown, re.MULTILINE)  # the shipped text has them
    shown = pane.browser.toPlainText()
    debris = [line for line in shown.splitlines() if re.fullmatch(r"[\s|:\-]*\|[\s|:\-]*", line)]
    assert debris == []
    # every word the site wrote, but link targets (URLs are not shown, their text is)
    words = re.findall(r"\w+", re.sub(r"\]\([^)]*\)", "]", markdown))
    shown_words = set(re.findall(r"\w+", shown))
    assert [w for w in words if w not in shown_words] == []


def test_the_source_file_is_unchanged_by_rendering(qtbot: QtBot) -> None:
    _shown, markdown = komp3_pane(qtbot)
    site = Classifier.load().sites[0]
    assert site.policy is not None and Path(site.policy).read_text() == markdown
    assert policy.without_table_debris("a\n|\nb\n| --- | :-: |\n| x |") == "a\nb\n| x |"


def test_the_link_bar_sits_above_the_policy_text(qtbot: QtBot) -> None:
    pane, _ = komp3_pane(qtbot)
    pane.resize(330, 700)
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.links.geometry().bottom() < pane.browser.geometry().top()
    buttons = pane.link_buttons
    assert [buttons[t].text() for t in (policy.SHOW_MEMBER, policy.SHOW_SITE, policy.SHOW_ADS,
                                        policy.DELETE_NOW)] == [
        "Member cookie", "KOmp3.net cookies", "Ad companies", "Delete KOmp3.net cookies…"]
    assert all(b.isVisible() and b.accessibleName() for b in buttons.values())
    fired: list[str] = []
    pane.show_member.connect(lambda: fired.append("member"))
    pane.show_site.connect(lambda: fired.append("site"))
    pane.show_ads.connect(lambda: fired.append("ads"))
    pane.delete_requested.connect(lambda: fired.append("delete"))
    for target in (policy.SHOW_MEMBER, policy.SHOW_SITE, policy.SHOW_ADS, policy.DELETE_NOW):
        buttons[target].click()
    assert fired == ["member", "site", "ads", "delete"]
    # the link beside the member-cookie paragraph selects it too
    assert f"({policy.SHOW_MEMBER})" in policy.with_links(
        policy.policy_text(Classifier.load().sites[0]), Classifier.load().sites[0])
