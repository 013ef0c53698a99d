"""The built-in catalogue: complete, consistent, and right beyond the obvious dozen."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from cookiedesk.classify.catalogue import CatalogueError, catalogue_files, compile_index
from cookiedesk.classify.classifier import Classifier
from cookiedesk.classify.userlists import normalise_domain


def entries() -> list[tuple[str, dict[str, object]]]:
    found = []
    for path in catalogue_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for kind in ("company", "platform", "cookie"):
            found += [(f"{path.name}:{kind}", entry) for entry in data.get(kind, [])]
    return found


@pytest.fixture(scope="module")
def classifier(tmp_path_factory: pytest.TempPathFactory) -> Classifier:
    return Classifier(compile_index(tmp_path_factory.mktemp("config")))


def test_every_entry_is_complete() -> None:
    for where, entry in entries():
        company = entry.get("name") or entry.get("company")
        assert isinstance(company, str) and company.strip(), where
        assert isinstance(entry.get("does"), str) and str(entry["does"]).strip(), (where, company)
        domains = [*entry.get("domains", []), *entry.get("ad_domains", []),  # type: ignore[misc]
                   *entry.get("sign_in_domains", [])]
        for domain in domains:
            assert normalise_domain(domain) == domain, (where, company, domain)
        if where.endswith(":company"):
            assert domains, (where, company)


def test_no_domain_appears_under_two_companies() -> None:
    owners: dict[str, set[str]] = {}
    for _, entry in entries():
        company = str(entry.get("name") or entry.get("company"))
        for key in ("domains", "ad_domains", "sign_in_domains"):
            for domain in entry.get(key, []):  # type: ignore[attr-defined]
                owners.setdefault(domain, set()).add(company)
    shared = {d: names for d, names in owners.items() if len(names) > 1}
    assert shared == {}
    listed = Counter(d for _, e in entries() for k in ("domains", "ad_domains", "sign_in_domains")
                     for d in e.get(k, []))  # type: ignore[attr-defined]
    assert [d for d, n in listed.items() if n > 1] == []


def test_the_catalogue_covers_hundreds_of_companies() -> None:
    companies = {str(e.get("name")) for w, e in entries() if w.endswith((":company", ":platform"))}
    domains = {d for _, e in entries() for k in ("domains", "ad_domains")
               for d in e.get(k, [])}  # type: ignore[attr-defined]
    assert len(companies) >= 300 and len(domains) >= 550


def test_a_duplicate_domain_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[company]]\nname = "A"\ndoes = "ads"\ndomains = ["x.example"]\n'
                   '[[company]]\nname = "B"\ndoes = "ads"\ndomains = ["x.example"]\n')
    monkeypatch.setattr("cookiedesk.classify.catalogue.catalogue_files", lambda: [bad])
    with pytest.raises(CatalogueError, match=r"x\.example is listed under both A and B"):
        compile_index(tmp_path / "config")


@pytest.mark.parametrize(("host", "name", "company"), [
    (".doubleclick.net", "IDE", "Google"),
    ("pagead2.googlesyndication.com", "test", "Google"),
    ("adservice.google.com", "id", "Google"),
    (".adnxs.com", "uuid2", "Xandr (Microsoft)"),
    (".rubiconproject.com", "khaos", "Magnite"),
    (".pubmatic.com", "KADUSERCOOKIE", "PubMatic"),
    (".casalemedia.com", "CMID", "Index Exchange"),
    (".openx.net", "i", "OpenX"),
    (".criteo.com", "uid", "Criteo"),
    (".adsrvr.org", "TDID", "The Trade Desk"),
    (".mathtag.com", "uuid", "MediaMath"),
    (".rlcdn.com", "rlas3", "LiveRamp"),
    (".bluekai.com", "bku", "Oracle Advertising (BlueKai)"),
    (".demdex.net", "demdex", "Adobe Advertising"),
    (".crwdcntrl.net", "_cc_id", "Lotame"),
    (".scorecardresearch.com", "UID", "Comscore"),
    (".quantserve.com", "mc", "Quantcast"),
    (".taboola.com", "t_gid", "Taboola"),
    (".outbrain.com", "obuid", "Outbrain"),
    (".adsafeprotected.com", "x", "Integral Ad Science"),
    (".moatads.com", "x", "Oracle Moat"),
    (".yieldmo.com", "yieldmo_id", "Yieldmo"),
    (".3lift.com", "tluid", "TripleLift"),
    (".sharethrough.com", "stx_user_id", "Sharethrough"),
    (".smartadserver.com", "pid", "Equativ (Smart AdServer)"),
    (".agkn.com", "ab", "Neustar (TransUnion)"),
    (".tapad.com", "TapAd_DID", "Tapad (Experian)"),
    (".id5-sync.com", "id5", "ID5"),
    (".rtbhouse.com", "uid", "RTB House"),
    (".adroll.com", "__adroll", "AdRoll (NextRoll)"),
    (".serving-sys.com", "u2", "Sizmek (Amazon Ad Server)"),
    (".flashtalking.com", "flashtalkingad1", "Flashtalking (Mediaocean)"),
    (".amazon-adsystem.com", "ad-id", "Amazon"),
    (".linksynergy.com", "lsclick_mid", "Rakuten Advertising"),
    (".awin1.com", "aw", "Awin"),
    (".anrdoezrs.net", "LCLK", "CJ (Commission Junction)"),
    (".exoclick.com", "x", "ExoClick"),
    ("bat.bing.com", "x", "Microsoft"),
    ("px.ads.linkedin.com", "lang", "LinkedIn"),
    ("ct.pinterest.com", "x", "Pinterest"),
    ("analytics.tiktok.com", "x", "TikTok"),
    ("an.yandex.ru", "yabs-sid", "Yandex"),
])
def test_advertising_domains_far_beyond_the_obvious(classifier: Classifier, host: str,
                                                    name: str, company: str) -> None:
    verdict = classifier(host, name)
    assert (verdict.category, verdict.company) == ("ad", company)
    matched, _, said = verdict.reason.partition(" — ")
    assert said.startswith(f"{company}, ")
    assert host.lstrip(".") == matched or host.endswith("." + matched)


@pytest.mark.parametrize(("host", "name", "category"), [
    (".google.com", "SID", "other"), (".google.com", "HSID", "other"),
    (".google.com", "__Secure-3PSID", "other"), ("accounts.google.com", "LSID", "other"),
    (".google.com", "NID", "ad"), (".google.com", "1P_JAR", "ad"),
    (".youtube.com", "LOGIN_INFO", "other"), (".youtube.com", "VISITOR_INFO1_LIVE", "ad"),
    (".facebook.com", "c_user", "other"), (".facebook.com", "xs", "other"),
    (".facebook.com", "datr", "other"), (".facebook.com", "fr", "ad"),
    (".instagram.com", "sessionid", "other"),
    (".linkedin.com", "li_at", "other"), (".linkedin.com", "JSESSIONID", "other"),
    (".linkedin.com", "UserMatchHistory", "ad"),
    (".bing.com", "_EDGE_S", "other"), (".bing.com", "MUID", "ad"),
    ("login.live.com", "MSPAuth", "other"),
    (".yahoo.com", "T", "other"), (".yahoo.com", "A3", "ad"),
    (".x.com", "auth_token", "other"), (".twitter.com", "ct0", "other"),
    (".x.com", "guest_id_ads", "ad"), (".twitter.com", "personalization_id", "ad"),
    (".amazon.com", "session-id", "other"), (".amazon.com", "at-main", "other"),
    (".tiktok.com", "sessionid", "other"), (".tiktok.com", "_ttp", "ad"),
    (".pinterest.com", "_pinterest_sess", "other"), (".pinterest.com", "_derived_epik", "ad"),
    (".yandex.ru", "Session_id", "other"), (".yandex.ru", "yabs-sid", "ad"),
    (".reddit.com", "reddit_session", "other"), (".snapchat.com", "sc_at", "ad"),
])
def test_platforms_sign_in_cookies_stay_other(classifier: Classifier, host: str, name: str,
                                              category: str) -> None:
    assert classifier(host, name).category == category


@pytest.mark.parametrize(("name", "company"), [
    ("_fbp", "Meta"), ("_fbc", "Meta"), ("_gcl_au", "Google"), ("_gcl_aw", "Google"),
    ("__gads", "Google"), ("_uetsid", "Microsoft"), ("_uetvid", "Microsoft"),
    ("_ttp", "TikTok"), ("_pin_unauth", "Pinterest"), ("_scid", "Snap"),
    ("_rdt_uuid", "Reddit"), ("li_fat_id", "LinkedIn"), ("cto_bundle", "Criteo"),
    ("__qca", "Quantcast"), ("_cc_id", "Lotame"), ("_pubcid", "Prebid.org"),
    ("__adroll_fpc", "AdRoll (NextRoll)"), ("IR_gbd", "Impact"),
])
def test_first_party_ad_cookies_on_any_site(classifier: Classifier, name: str,
                                            company: str) -> None:
    verdict = classifier("www.some-shop.example", name)
    assert (verdict.category, verdict.company) == ("ad", company)
    assert verdict.reason.startswith(f"{name} — {company}, ")
    assert verdict.reason.endswith("(set on www.some-shop.example)")


@pytest.mark.parametrize(("host", "name"), [
    ("www.some-shop.example", "session"), ("news.example.org", "csrftoken"),
    ("www.wikipedia.org", "WMF-Last-Access"), ("github.com", "user_session"),
    ("notdoubleclick.net", "IDE"), ("doubleclick.net.evil-example.com", "IDE"),
])
def test_ordinary_cookies_are_other(classifier: Classifier, host: str, name: str) -> None:
    verdict = classifier(host, name)
    assert (verdict.category, verdict.company) == ("other", None)


def test_the_site_profile_wins_over_ad_rules(classifier: Classifier) -> None:
    member = classifier(".komp3.net", "komp3_member")
    assert (member.category, member.company) == ("site", "KOmp3.net")
    assert "unique number" in member.reason and member.reason.startswith("komp3.net — ")
    pixel = classifier("www.komp3.net", "_fbp")
    assert (pixel.category, pixel.company) == ("site", "KOmp3.net")
    assert pixel.reason.endswith("(this one is set here for Meta: Meta Pixel: measures and "
                                 "targets Facebook and Instagram ads)")
    assert classifier("notkomp3.net", "komp3_member").category == "other"
