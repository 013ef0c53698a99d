"""The typed classification index: the cached copy gives the verdicts of a fresh compilation,
and a cache file that was damaged or edited is compiled again, never trusted."""

from __future__ import annotations

import json
import struct
import tomllib
import zlib
from collections.abc import Callable
from pathlib import Path

import orjson
import pytest

from cookiedesk.classify import opendata, userlists
from cookiedesk.classify.bucket_file import Buckets
from cookiedesk.classify.catalogue import compile_index, load_index
from cookiedesk.classify.classifier import Classifier
from cookiedesk.classify.index import IndexFileError, from_json, to_json
from cookiedesk.resources import resource_path
from tests.helpers.adtech import MISSED
from tests.helpers.cli import run
from tests.helpers.stores import TestCookie, chromium_and_firefox

USER_SITE = """name = "Forum Seven"
domains = ["forum7.example"]
[member_cookie]
summary = "its sign-in cookie"
names = ["f7_login"]
"""


def realistic_cookies() -> list[TestCookie]:
    """The demo profile's cookies (the built-in site, ad companies, platforms' sign-in and ad
    cookies), the ad companies of issue 12, EasyList hosts, first-party tracker names on an
    ordinary site and a user's own site profile, kept and not."""
    demo = tomllib.loads(resource_path("demo").joinpath("cookies.toml").read_text())
    cookies = [TestCookie(c["host"], c["name"], path=c.get("path", "/"))
               for c in demo["cookie"]]
    cookies += [TestCookie(f".{domain}", name) for domain in MISSED for name in ("uid", "_ga")]
    easylist = resource_path(*opendata.FOLDER) / opendata.EASYLIST
    listed = [line for line in easylist.read_text().splitlines()
              if line and line[0] not in "#@"][:40]
    cookies += [TestCookie(f"px.{host}", "id") for host in listed]
    cookies += [TestCookie(host, name)
                for host in (".shop.example", "www.shop.example", ".forum7.example",
                             "www.forum7.example", ".kept.example", "sub.kept.example")
                for name in ("_ga", "_fbp", "_gcl_au", "__hstc", "_hjSessionUser_1", "f7_login",
                             "session", "IDE", "cto_bundle")]
    return cookies


def test_list_json_verdicts_are_the_classifiers_for_every_cookie(
        capsys: pytest.CaptureFixture[str], isolated_home: Path, tmp_path: Path) -> None:
    from cookiedesk import dirs

    cookies = realistic_cookies()
    chromium_and_firefox(isolated_home, cookies, cookies)
    config = dirs.config_dir()
    (config / "sites").mkdir(parents=True, exist_ok=True)
    (config / "sites" / "forum7.toml").write_text(USER_SITE)
    userlists.keep_add(config, "kept.example")
    userlists.keep_add(config, "doubleclick.net")
    expected = Classifier(compile_index(config))
    for attempt in ("compiled", "cached"):
        code, out, _ = run(capsys, "list", "--json")
        assert code == 0, attempt
        listed = json.loads(out)
        assert len(listed) == 2 * len(cookies)
        for cookie in listed:
            verdict = expected.verdict(cookie["host"], cookie["name"])
            assert cookie["verdict"] == {"category": verdict.category, "company": verdict.company,
                                         "reason": verdict.reason, "kept": verdict.kept,
                                         "source": verdict.source}, (attempt, cookie["host"])
        categories = {c["verdict"]["category"] for c in listed}
        assert categories == {"site", "ad", "tracker", "other"}
        assert {c["verdict"]["company"] for c in listed if c["verdict"]["category"] == "site"} \
            == {"KOmp3.net", "Forum Seven"}
        assert sum(c["verdict"]["kept"] for c in listed) > 0
    assert list(dirs.cache_dir().glob("classify-index-*.json"))  # the second run read it


def test_the_json_form_gives_back_the_same_index(tmp_path: Path) -> None:
    index = compile_index(tmp_path / "config")
    document = orjson.loads(orjson.dumps(to_json(index)))
    again = from_json(document, index.list_buckets)
    assert again == index


def _cached(tmp_path: Path) -> tuple[Path, Path, Path]:
    config, cache = tmp_path / "config", tmp_path / "cache"
    load_index(config, cache)
    (cached,) = cache.glob("classify-index-*.json")
    return config, cache, cached


Tamper = Callable[[dict[str, object]], object]


def _ad_domain_of_unknown_company(document: dict[str, object]) -> object:
    ad_domains = document["ad_domains"]
    assert isinstance(ad_domains, dict)
    ad_domains["criteo.com"] = [10**6, "catalogue"]
    return document


def _set(key: str, value: object) -> Tamper:
    def tamper(document: dict[str, object]) -> object:
        document[key] = value
        return document
    return tamper


TAMPERED: dict[str, Tamper] = {
    "an ad domain names no known company": _ad_domain_of_unknown_company,
    "companies are not rows": _set("companies", ["x", "y"]),
    "a company of no category": _set("companies", [["A", "does", "weird", "src"]]),
    "a sign-in domain's company index is text": _set("sign_in", {"google.com": "0"}),
    "a prefix too short": _set("fp_prefixes", [["_g", 0]]),
    "the counts are gone": _set("counts", {}),
    "sites are not objects": _set("sites", [1, 2]),
    "the keep-list is not text": _set("keep", [1]),
    "another format": _set("format", 999),
    "not an object": lambda document: [document],
}


@pytest.mark.parametrize("tamper", list(TAMPERED.values()), ids=list(TAMPERED))
def test_an_edited_cache_is_compiled_again(tmp_path: Path, tamper: Tamper) -> None:
    config, cache, cached = _cached(tmp_path)
    document = orjson.loads(cached.read_bytes())
    cached.write_bytes(orjson.dumps(tamper(document)))
    with pytest.raises(IndexFileError):
        from_json(orjson.loads(cached.read_bytes()), [])
    classifier = Classifier.load(config, cache)  # compiled again: no crash on a lookup
    assert classifier(".criteo.com", "uid").company == "Criteo"
    assert classifier(".google.com", "SID").category == "other"
    assert from_json(orjson.loads(cached.read_bytes()), [])  # and the cache written whole


@pytest.mark.parametrize("cut", [0, 1, 100, -1])
def test_a_truncated_cache_is_compiled_again(tmp_path: Path, cut: int) -> None:
    config, cache, cached = _cached(tmp_path)
    data = cached.read_bytes()
    cached.write_bytes(data[:cut] if cut >= 0 else data[:len(data) // 2])
    assert Classifier.load(config, cache)(".criteo.com", "uid").company == "Criteo"


def test_a_user_site_profile_and_the_keep_list_change_the_cached_index(tmp_path: Path) -> None:
    config, cache, _ = _cached(tmp_path)
    (config / "sites").mkdir(parents=True)
    (config / "sites" / "forum7.toml").write_text(USER_SITE)
    userlists.keep_add(config, "forum7.example")
    index = load_index(config, cache)
    assert [s.name for s in index.sites] == ["KOmp3.net", "Forum Seven"]
    assert index.keep == ["forum7.example"]
    verdict = Classifier(load_index(config, cache))("www.forum7.example", "f7_login")
    assert (verdict.category, verdict.company, verdict.kept) == ("site", "Forum Seven", True)


def _bucket_bytes(raw: bytes | bytearray, host: str) -> tuple[int, int]:
    """(offset of the host's bucket's end in the header, offset of its text) in a bucket file."""
    number = zlib.crc32(host.encode()) % opendata.BUCKETS
    start = struct.unpack_from("<I", raw, number * 4)[0]
    return (number + 1) * 4, (opendata.BUCKETS + 1) * 4 + start


def _end_out_of_order(raw: bytearray, host: str) -> None:
    end_at, _ = _bucket_bytes(raw, host)
    struct.pack_into("<I", raw, end_at, 0xFFFF_FFF0)


def _not_ascii(raw: bytearray, host: str) -> None:
    _, text_at = _bucket_bytes(raw, host)
    raw[text_at] = 0xFF


@pytest.mark.parametrize("damage", [_end_out_of_order, _not_ascii],
                         ids=["a bucket's end out of order", "a byte that is not ASCII"])
def test_a_damaged_list_file_is_compiled_again_not_met_mid_listing(
        tmp_path: Path, damage: Callable[[bytearray, str], None]) -> None:
    # On 557b2ee both ended the command (ValueError, UnicodeDecodeError) when a listed host
    # fell into the damaged bucket.
    config, cache, cached = _cached(tmp_path)
    lists = cached.with_suffix(".lists")
    raw = bytearray(lists.read_bytes())
    damage(raw, "adhigh.net")
    lists.write_bytes(bytes(raw))
    assert Classifier.load(config, cache)(".adhigh.net", "x").category == "ad"
    assert Buckets(lists.read_bytes(), opendata.BUCKETS)  # written whole again
