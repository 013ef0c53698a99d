"""The user's lists: keep-list, imports of four published formats, and bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cookiedesk.classify import userlists
from cookiedesk.classify.catalogue import compile_index, load_index
from cookiedesk.classify.classifier import Classifier

DISCONNECT = {
    "license": "test data written by CookieDesk's tests",
    "categories": {
        "Advertising": [
            {"Adexample Corp": {"https://adexample.test/": ["adexample.test", "adx-cdn.test"],
                                "performance": "true"}},
            {"Pixelco": {"https://pixelco.test/": ["pixelco.test"]}},
        ],
        "Analytics": [{"Countly": {"https://count.test/": ["count.test"]}}],
        "Social": [{"Facebook": {"https://facebook.com/": ["facebook.com"]}}],
    },
}
TDS = {
    "trackers": {
        "tds-ads.test": {"domain": "tds-ads.test", "categories": ["Advertising"],
                         "owner": {"name": "TDS Ads Inc", "displayName": "TDS Ads"},
                         "default": "block"},
        "tds-analytics.test": {"domain": "tds-analytics.test", "categories": ["Analytics"],
                               "owner": {"name": "Counter"}},
        "facebook.com": {"domain": "facebook.com", "categories": ["Advertising", "Social"],
                         "owner": {"name": "Facebook, Inc."}},
    },
    "entities": {}, "domains": {},
}


def tree(root: Path) -> dict[str, bytes]:
    return {str(p): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def config(tmp_path: Path) -> Path:
    folder = tmp_path / "config"
    folder.mkdir()
    return folder


def classify(config: Path) -> Classifier:
    return Classifier(compile_index(config))


@pytest.mark.parametrize(("filename", "content", "expected_format"), [
    ("ads.txt", "# my list\nadsdomain.test\n.second-ads.test\n\n", "domain list"),
    ("hosts", "127.0.0.1 localhost\n0.0.0.0 adsdomain.test second-ads.test # two\n"
              "::1 ip6-localhost\n", "hosts file"),
])
def test_import_text_formats(config: Path, tmp_path: Path, filename: str, content: str,
                             expected_format: str) -> None:
    source = tmp_path / filename
    source.write_text(content)
    imported = userlists.import_list(config, source)
    assert imported.format == expected_format
    assert sorted(imported.entries) == ["adsdomain.test", "second-ads.test"]
    verdict = classify(config)("tracker.second-ads.test", "id")
    assert verdict.category == "ad"
    assert verdict.reason == (f"second-ads.test — an advertising company, on your list "
                              f"'{filename}'")


def test_import_disconnect(config: Path, tmp_path: Path) -> None:
    source = tmp_path / "services.json"
    source.write_text(json.dumps(DISCONNECT))
    imported = userlists.import_list(config, source)
    assert imported.format == "Disconnect services.json"
    assert imported.entries == {"adexample.test": "Adexample Corp",
                                "adx-cdn.test": "Adexample Corp", "pixelco.test": "Pixelco"}
    verdict = classify(config)("cdn.adx-cdn.test", "x")
    assert (verdict.category, verdict.company) == ("ad", "Adexample Corp")
    assert classify(config)("count.test", "x").category == "other"  # analytics, not ads


def test_import_duckduckgo_tds_keeps_platform_sign_ins_other(config: Path,
                                                             tmp_path: Path) -> None:
    source = tmp_path / "tds.json"
    source.write_text(json.dumps(TDS))
    imported = userlists.import_list(config, source, name="ddg")
    assert imported.entries == {"tds-ads.test": "TDS Ads", "facebook.com": "Facebook, Inc."}
    classifier = classify(config)
    assert (classifier("px.tds-ads.test", "u").company) == "TDS Ads"
    assert classifier(".facebook.com", "c_user").category == "other"  # the list cannot say ad
    assert classifier.counts["user_domains_ignored"] == 1


@pytest.mark.parametrize(("content", "message"), [
    ("good.test\nnot a domain here\n", "line 2: expected one domain"),
    ("good.test\nbad_dom@in.test\n", "line 2: 'bad_dom@in.test' is not a domain"),
    ("0.0.0.0 ads.test\nads2.test\n", "line 2 is a bare domain, but the file began as the"),
    ("# only comments\n\n", "the file lists no domains"),
    ('{"categories": [1, 2]}', "'categories' is not an object"),
    ('{"categories": {"Advertising": {"x": 1}}}', "'Advertising' is not a list"),
    ('{"trackers": {"a.test": "nope"}}', "the entry for 'a.test' is not an object"),
    ('{"trackers": {"a.test": {"categories": ["Analytics"]}}}', "no advertising trackers"),
    ('{"trackers": ', "looks like JSON but is malformed"),
    ('{"neither": 1}', "neither Disconnect's services.json"),
])
def test_malformed_lists_change_nothing(config: Path, tmp_path: Path, content: str,
                                        message: str) -> None:
    userlists.keep_add(config, "kept.test")
    before = tree(config)
    source = tmp_path / "list.txt"
    source.write_text(content)
    with pytest.raises(userlists.ListError, match=message) as caught:
        userlists.import_list(config, source)
    assert str(caught.value).startswith("list.txt: ")
    assert tree(config) == before


def test_binary_and_missing_files_are_refused(config: Path, tmp_path: Path) -> None:
    binary = tmp_path / "blob.bin"
    binary.write_bytes(b"\xff\xfe\x00\x01garbage")
    with pytest.raises(userlists.ListError, match="not text"):
        userlists.import_list(config, binary)
    with pytest.raises(userlists.ListError, match="does not exist"):
        userlists.import_list(config, tmp_path / "nope.txt")
    assert tree(config) == {}


def test_keep_list_is_a_flag_not_a_category(config: Path) -> None:
    assert userlists.keep_add(config, ".KOMP3.net") == "komp3.net"
    userlists.keep_add(config, "criteo.com")
    classifier = classify(config)
    member = classifier("www.komp3.net", "komp3_member")
    assert (member.category, member.kept) == ("site", True)
    ad = classifier(".criteo.com", "uid")
    assert (ad.category, ad.kept) == ("ad", True)
    assert classifier(".adnxs.com", "uuid2").kept is False
    userlists.keep_remove(config, "komp3.net")
    assert userlists.keep_list(config) == ["criteo.com"]
    with pytest.raises(userlists.ListError, match="not on the keep-list"):
        userlists.keep_remove(config, "komp3.net")
    with pytest.raises(userlists.ListError, match="is not a domain"):
        userlists.keep_add(config, "no spaces allowed")


def test_user_site_profiles_join_and_replace(config: Path) -> None:
    (config / "sites").mkdir()
    (config / "sites" / "news.toml").write_text(
        'name = "Example News"\ndomains = ["news.example.org"]\n'
        '[member_cookie]\nsummary = "its reader cookie"\n')
    classifier = classify(config)
    verdict = classifier("www.news.example.org", "reader")
    assert (verdict.category, verdict.company) == ("site", "Example News")
    assert classifier(".komp3.net", "x").company == "KOmp3.net"  # the built-in one stays
    (config / "sites" / "broken.toml").write_text("name = [unclosed")
    assert any("broken.toml is unusable" in p for p in classify(config).problems)


def test_the_compiled_index_is_cached_and_recompiled_on_change(config: Path,
                                                               tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    load_index(config, cache)
    (first,) = cache.glob("classify-index-*.json")
    assert load_index(config, cache).keep == []
    userlists.keep_add(config, "kept.test")
    assert load_index(config, cache).keep == ["kept.test"]
    (second,) = cache.glob("classify-index-*.json")
    assert second != first
    second.write_bytes(b"{broken")  # a damaged cache is rebuilt, never trusted
    assert load_index(config, cache).keep == ["kept.test"]
