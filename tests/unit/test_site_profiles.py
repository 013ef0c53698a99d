"""The site is data: a second site profile dropped into the config folder works everywhere the
built-in KOmp3.net profile does, with no code change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cookiedesk import dirs
from cookiedesk.classify.classifier import Classifier
from cookiedesk.classify.policy import SHOW_MEMBER, policy_text, sentence_with, with_links
from cookiedesk.cli import main
from tests.helpers.stores import TestCookie, chromium_profile

POLICY = ("# Example Forum privacy\n\nWe set a badge cookie that carries your forum handle.\n\n"
          "Partners show banners here.\n\nClear your cookies with the forum's eraser page.\n")
PROFILE = """
name = "Example Forum"
domains = ["example-forum.test"]
policy = "forum-policy.md"

[member_cookie]
summary = "its policy says its badge cookie carries your forum handle"
names = ["badge"]

[policy_phrases]
member = "badge cookie"
ads = "show banners"
delete = "eraser page"
"""


@pytest.fixture
def forum(isolated_home: Path) -> Path:
    folder = dirs.config_dir() / "sites"
    folder.mkdir(parents=True)
    (folder / "forum.toml").write_text(PROFILE)
    (folder / "forum-policy.md").write_text(POLICY)
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24, [
        TestCookie(".example-forum.test", "badge"),
        TestCookie(".komp3.net", "member"),
        TestCookie("www.wikipedia.org", "lang"),
    ])
    return isolated_home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_made_up_site_is_classified_listed_reported_and_deleted(
        forum: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--json", "--site", "example-forum.test")
    assert code == 0, err
    (cookie,) = json.loads(out)
    assert cookie["verdict"]["category"] == "site"
    assert cookie["verdict"]["company"] == "Example Forum"
    assert "Example Forum's own cookie; its policy says its badge cookie" in \
        cookie["verdict"]["reason"]
    code, out, _ = run(capsys, "policy", "--site", "example forum")
    assert code == 0 and out == POLICY
    code, out, _ = run(capsys, "report")
    assert "2 KOmp3.net / Example Forum, 0 ad companies" in out
    code, out, _ = run(capsys, "delete", "--site", "example-forum.test", "--yes")
    assert code == 0 and "deleted 1, already gone 0, failed 0" in out


def test_the_policy_links_follow_the_profile_s_phrases(forum: Path) -> None:
    sites = Classifier.load().sites
    assert [s.name for s in sites] == ["KOmp3.net", "Example Forum"]
    forum_site = sites[1]
    text = policy_text(forum_site)
    assert text == POLICY
    linked = with_links(text, forum_site)
    assert f"→ [Show the Example Forum member cookie]({SHOW_MEMBER})" in linked
    assert linked.index("badge cookie") < linked.index("Show the Example Forum member cookie")
    assert sentence_with(text, forum_site.phrases.delete) == \
        "Clear your cookies with the forum's eraser page."
    assert forum_site.delete_command == "cookiedesk delete --site example-forum.test --ads"
    komp3 = sites[0]
    assert "Show the KOmp3.net member cookie" in with_links(policy_text(komp3), komp3)
