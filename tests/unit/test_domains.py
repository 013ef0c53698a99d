"""Registrable domains through the shipped Public Suffix List, and boundary matching."""

from __future__ import annotations

import pytest

from cookiedesk.classify.domains import (
    domain_matches,
    normalise_host,
    parent_domains,
    registrable_domain,
)


@pytest.mark.parametrize(("host", "site"), [
    ("komp3.net", "komp3.net"),
    (".komp3.net", "komp3.net"),
    ("www.komp3.net", "komp3.net"),
    ("WWW.KOMP3.NET.", "komp3.net"),
    ("komp3.net:8080", "komp3.net"),
    ("a.b.c.co.uk", "c.co.uk"),
    ("co.uk", "co.uk"),  # a public suffix is its own site
    ("foo.github.io", "foo.github.io"),  # the list's private section counts, as in browsers
    ("x.y.blogspot.com", "y.blogspot.com"),
    ("a.b.kawasaki.jp", "a.b.kawasaki.jp"),  # wildcard rule *.kawasaki.jp
    ("www.city.kawasaki.jp", "city.kawasaki.jp"),  # exception rule !city.kawasaki.jp
    ("shop.xn--80ak6aa92e.xn--p1ai", "xn--80ak6aa92e.xn--p1ai"),  # punycode under .рф
    ("www.xn--55qx5d.cn", "www.xn--55qx5d.cn"),  # 公司.cn is a listed suffix
    ("example.unknowntld", "example.unknowntld"),
    ("localhost", "localhost"),
    ("192.168.1.10", "192.168.1.10"),
    ("[2001:db8::1]", "2001:db8::1"),
    ("intranet", "intranet"),
])
def test_registrable_domain(host: str, site: str) -> None:
    assert registrable_domain(host) == site


@pytest.mark.parametrize(("host", "matches"), [
    ("komp3.net", True), (".komp3.net", True), ("www.komp3.net", True),
    ("a.b.komp3.net", True), ("KOMP3.NET", True),
    ("notkomp3.net", False), ("komp3.network", False), ("komp3.net.evil-example.com", False),
    ("komp3-net.com", False), ("", False),
])
def test_domain_boundaries(host: str, matches: bool) -> None:
    assert domain_matches(host, "komp3.net") is matches


def test_parents_stop_at_the_site() -> None:
    assert parent_domains("a.b.example.co.uk") == ["a.b.example.co.uk", "b.example.co.uk",
                                                   "example.co.uk"]
    assert parent_domains("localhost") == ["localhost"]


def test_normalise_host() -> None:
    assert normalise_host(" .Ads.Example.COM. ") == "ads.example.com"
    assert normalise_host("[::1]:8443") == "::1"
