"""Open tracker data: EasyList/EasyPrivacy hosts and the Open Cookie Database, under the
curated catalogue; the `tracker` category through the classifier and the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cookiedesk.classify import opendata
from cookiedesk.classify.bucket_file import Buckets, pack
from cookiedesk.classify.catalogue import compile_index
from cookiedesk.classify.classifier import Classifier
from cookiedesk.cli import main
from tests.helpers.adtech import MISSED
from tests.helpers.stores import TestCookie, chromium_profile


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> Classifier:
    return Classifier(compile_index(tmp_path_factory.mktemp("config")))


def test_every_verdict_names_company_reason_and_source(classifier: Classifier) -> None:
    listed = classifier(".adhigh.net", "uid")
    assert (listed.category, listed.company, listed.source) == ("ad", "adhigh.net", "EasyList")
    assert listed.reason == "adhigh.net — EasyList ad server"
    tracking = classifier("www.google-analytics.com", "x")
    assert (tracking.category, tracking.company) == ("tracker", "Google")
    ocd = classifier(".ads.yieldmo.com", "anything")
    assert ocd.category == "ad" and ocd.source in ("CookieDesk catalogue", "EasyList")
    catalogue = classifier(".criteo.com", "uid")
    assert catalogue.source == "CookieDesk catalogue" and catalogue.reason.startswith(
        "criteo.com — Criteo, ")


@pytest.mark.parametrize("domain", MISSED)
def test_the_companies_delete_used_to_miss_are_ad_or_tracker(classifier: Classifier,
                                                             domain: str) -> None:
    assert classifier(f".{domain}", "id").category in ("ad", "tracker")


@pytest.mark.parametrize(("host", "name", "category", "company"), [
    ("connect.facebook.net", "x", "ad", "Meta"),
    ("t.co", "muc", "tracker", "X (Twitter)"),
    (".gstatic.com", "x", "other", "Google"),
    ("www.shop.example", "aam_uuid", "ad", "Adobe Advertising"),
    ("www.shop.example", "AMCV_1234%40AdobeOrg", "tracker", "Adobe"),
    ("www.shop.example", "dicbo_id", "ad", "Outbrain"),
    ("www.shop.example", "DSID", "ad", "Google"),
    ("www.shop.example", "_gcl_au", "ad", "Google"),
    ("www.shop.example", "cto_tld_test", "ad", "Criteo"),
    ("www.shop.example", "__atuvc", "ad", "Oracle Advertising (AddThis)"),
    ("www.shop.example", "__atuvs", "ad", "Oracle Advertising (AddThis)"),
    ("www.shop.example", "_psegs", "ad", "Permutive"),
    ("www.shop.example", "__hstc", "tracker", "HubSpot"),
    ("www.shop.example", "hubspotutk", "tracker", "HubSpot"),
    ("www.shop.example", "_pin_unauth", "ad", "Pinterest"),
    ("www.shop.example", "li_fat_id", "ad", "LinkedIn"),
    (".linkedin.com", "UserMatchHistory", "ad", "LinkedIn"),
    ("www.shop.example", "_ga", "tracker", "Google"),
    ("www.shop.example", "_ga_ABC123", "tracker", "Google"),
])
def test_the_reasons_the_issue_found_wrong(classifier: Classifier, host: str, name: str,
                                          category: str, company: str) -> None:
    verdict = classifier(host, name)
    assert (verdict.category, verdict.company) == (category, company), verdict.reason


@pytest.mark.parametrize(("host", "name"), [
    (".google.com", "__Secure-3PSID"), (".google.com", "SID"), ("accounts.google.com", "LSID"),
    (".youtube.com", "LOGIN_INFO"), (".facebook.com", "xs"), (".linkedin.com", "li_at"),
    (".x.com", "auth_token"), (".amazon.com", "session-id"), ("login.live.com", "MSPAuth"),
    ("scholar.google.com", "GSP"),  # EasyPrivacy names it; Google's sign-in domain wins
    ("www.shop.example", "PHPSESSID"), ("www.shop.example", "csrftoken"),
    ("www.shop.example", "CookieConsent"), ("www.shop.example", "OptanonConsent"),
    ("www.shop.example", "__cf_bm"), ("www.shop.example", "cf_clearance"),
    ("www.shop.example", "visitor_id42"), ("www.shop.example", "captcha_token"),
    ("github.com", "user_session"), ("www.wikipedia.org", "WMF-Last-Access"),
])
def test_sign_in_session_consent_and_security_cookies_stay_other(classifier: Classifier,
                                                                 host: str, name: str) -> None:
    assert classifier(host, name).category == "other"


def test_the_site_profile_stays_site_even_for_tracker_names(classifier: Classifier) -> None:
    for name in ("_ga", "__hstc", "komp3_member", "anything"):
        assert classifier("www.komp3.net", name).category == "site"


def test_list_exceptions_are_honoured() -> None:
    text = opendata.pack(opendata.ListHosts(["ads.example", "cdn.ads.example"], [],
                                            ["cdn.ads.example"]))
    index = compile_index_with_buckets(text)
    assert index("x.ads.example", "n").category == "ad"
    assert index("cdn.ads.example", "n").category == "other"
    assert index("img.cdn.ads.example", "n").category == "other"


def compile_index_with_buckets(buckets: list[str]) -> Classifier:
    index = compile_index(Path("/nonexistent-config"))
    return Classifier(index._replace(list_buckets=buckets))


def test_open_data_never_speaks_for_reserved_domains() -> None:
    hosts = opendata.list_hosts(frozenset({"google.com", "komp3.net"}))
    assert not [d for d in hosts.ad + hosts.tracker if opendata.under(d, {"google.com"})]
    rows = [opendata.OcdRow("marketing", "__Secure-3PSID", False, ("google.com",), "Google",
                            "Google"),
            opendata.OcdRow("marketing", "auid", False, (), "Outbrain", "Outbrain"),
            opendata.OcdRow("marketing", "uniq_ad_id", False, (), "X", "X"),
            opendata.OcdRow("functional", "uniq_ad_id", False, (), "Y", "Y"),
            opendata.OcdRow("analytics", "xyz_track", False, (), "Z", "Z")]
    companies: list[tuple[str, str, str, str]] = []

    def company(*entry: str) -> int:
        companies.append(entry)  # type: ignore[arg-type]
        return len(companies) - 1

    rules = opendata.ocd_rules(rows, frozenset({"google.com"}), company)
    assert rules.domains == {} and rules.named == {}
    assert list(rules.names) == ["xyz_track"]  # generic and ambiguous names left out
    assert companies[rules.names["xyz_track"]][2] == "tracker"


def test_the_shipped_data_names_its_sources() -> None:
    versions = opendata.source_versions()
    assert "0ee5a17fe1cb002943f89370d24fc26a4226061c" in versions["ocd.tsv"]
    assert "webext-ublock-origin-firefox" in versions["easylist.txt"]
    folder = opendata.files()[0].parent
    for notice in ("LICENSE-open-cookie-database.txt", "LICENSE-easylist.txt", "README.md"):
        assert (folder / notice).is_file()
    assert "Description" not in (folder / "ocd.tsv").read_text(encoding="utf-8")


def test_list_and_delete_trackers(isolated_home: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24, [
        TestCookie(".doubleclick.net", "IDE"), TestCookie(".news.example.org", "_ga"),
        TestCookie("www.google-analytics.com", "x"), TestCookie("www.example.org", "session"),
    ])
    assert main(["list", "--trackers", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(c["name"] for c in listed) == ["_ga", "x"]
    assert {c["verdict"]["category"] for c in listed} == {"tracker"}
    assert all(c["verdict"]["source"] for c in listed)
    assert main(["delete", "--trackers", "--yes"]) == 0
    capsys.readouterr()
    assert main(["list", "--json"]) == 0
    assert sorted(c["name"] for c in json.loads(capsys.readouterr().out)) == ["IDE", "session"]
    assert main(["report"]) == 0
    assert "1 ad company, 0 trackers, 1 other" in capsys.readouterr().out


def test_the_cached_index_keeps_the_list_hosts_beside_it(tmp_path: Path) -> None:
    config, cache = tmp_path / "config", tmp_path / "cache"
    first = Classifier.load(config, cache)
    (index_file,) = cache.glob("classify-index-*.json")
    lists = index_file.with_suffix(".lists")
    assert lists.is_file()
    again = Classifier.load(config, cache)  # from the cache
    for classifier in (first, again):
        assert classifier(".adhigh.net", "x").category == "ad"
    lists.write_text("truncated")  # a damaged companion file: compiled again, not trusted
    assert Classifier.load(config, cache)(".adhigh.net", "x").category == "ad"
    rebuilt = Buckets(lists.read_bytes(), opendata.BUCKETS)
    assert len(rebuilt) == opendata.BUCKETS
    assert [rebuilt[i] for i in range(len(rebuilt))] == compile_index(config).list_buckets


def test_a_damaged_bucket_file_is_refused() -> None:
    packed = pack(["a.example", "", "!b.example @c.example"])
    assert Buckets(packed, 3)[2] == "!b.example @c.example" and Buckets(packed, 3)[1] == ""
    for broken in (packed[:-1], packed[:8], b"truncated", packed + b"x"):
        with pytest.raises(ValueError, match="bucket file"):
            Buckets(broken, 3)


@pytest.mark.parametrize("where", [0, 32_767, 32_768, 65_535, -1],
                         ids=["first", "slice end", "slice start", "later slice", "last"])
def test_a_byte_that_is_not_ascii_is_found_anywhere_in_a_large_bucket_file(where: int) -> None:
    # The text is checked a slice at a time: a byte at either side of a slice's edge counts.
    text = ["x" * 10_000 for _ in range(10)]
    packed = bytearray(pack(text))
    header = (len(text) + 1) * 4
    assert len(Buckets(bytes(packed), len(text))) == len(text)
    packed[header + where if where >= 0 else where] = 0xE9
    with pytest.raises(ValueError, match="damaged bucket file"):
        Buckets(bytes(packed), len(text))
