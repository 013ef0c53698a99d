"""Which of a site's cookies can be its member cookie: data of the site profile
([member_cookie] names / not_member / persistent), read into SiteProfile, no Qt."""

from __future__ import annotations

from pathlib import Path

import pytest

from cookiedesk import dirs
from cookiedesk.classify.classifier import Classifier
from cookiedesk.classify.sites import SiteProfile, is_member_candidate
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from tests.helpers.stores import TestCookie, chromium_profile

NAMED = """
name = "Example Forum"
domains = ["example-forum.test"]

[member_cookie]
names = ["badge", "badge_v*"]
"""
UNNAMED = """
name = "Quiet Board"
domains = ["quiet-board.test"]

[member_cookie]
not_member = ["sess_*"]
"""


def profiles(isolated_home: Path) -> dict[str, SiteProfile]:
    folder = dirs.config_dir() / "sites"
    folder.mkdir(parents=True)
    (folder / "forum.toml").write_text(NAMED)
    (folder / "board.toml").write_text(UNNAMED)
    return {site.name: site for site in Classifier.load().sites}


def test_komp3_names_no_cookie_so_well_known_ones_are_ruled_out(isolated_home: Path) -> None:
    komp3 = profiles(isolated_home)["KOmp3.net"]
    assert komp3.names == () and komp3.member_persistent
    assert komp3.may_be_member("komp3_member", session=False)
    assert komp3.may_be_member("uid", session=False)
    for name in ("_ga", "_ga_K3X9", "_gid", "_gat_UA1", "__utmz", "_fbp", "_gcl_au",
                 "PHPSESSID", "JSESSIONID", "ASP.NET_SessionId", "CookieConsent",
                 "OptanonConsent", "csrftoken"):
        assert not komp3.may_be_member(name, session=False), name
    # the number given at the first login is stored on the computer: not a session cookie
    assert not komp3.may_be_member("komp3_member", session=True)


@pytest.mark.parametrize(("name", "expected"), [
    ("badge", True), ("badge_v2", True), ("badges", False), ("_ga", False), ("sid", False)])
def test_a_profile_that_names_its_cookie_matches_those_names_only(
        isolated_home: Path, name: str, expected: bool) -> None:
    forum = profiles(isolated_home)["Example Forum"]
    assert forum.may_be_member(name, session=True) is expected


def test_a_profile_without_names_uses_its_own_exclusions(isolated_home: Path) -> None:
    board = profiles(isolated_home)["Quiet Board"]
    assert not board.member_persistent  # not said: session cookies count too
    assert board.may_be_member("member", session=True)
    assert board.may_be_member("_ga", session=False)  # its list, not KOmp3.net's
    assert not board.may_be_member("sess_42", session=False)


def test_only_the_site_s_own_cookies_are_candidates(isolated_home: Path) -> None:
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24, [
        TestCookie(".komp3.net", "komp3_member"),
        TestCookie("www.komp3.net", "PHPSESSID", session=True),
        TestCookie("komp3.net", "_fbp"),
        TestCookie(".komp3.net", "_ga"),
        TestCookie(".doubleclick.net", "komp3_member"),
        TestCookie(".example-forum.test", "badge"),
    ])
    sites = profiles(isolated_home)
    classifier = Classifier.load()
    cookies = list(scan(discover("linux", isolated_home, {}),
                        classify=classifier.verdict).cookies())
    assert {(c.host, c.name) for c in cookies if is_member_candidate(sites["KOmp3.net"], c)} \
        == {(".komp3.net", "komp3_member")}
    assert {c.name for c in cookies if is_member_candidate(sites["Example Forum"], c)} \
        == {"badge"}
