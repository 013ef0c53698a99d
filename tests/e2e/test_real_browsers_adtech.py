"""Real browsers visit ad-tech hosts taken from the shipped open data (the companies issue 12
found left behind, and a sample of EasyList's hosts); `cookiedesk delete --ads` leaves none of
them, in the stores and in what the relaunched browsers send, while an ordinary site's and a
tracker's cookies stay (they are not ad companies')."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cookiedesk.classify import opendata
from tests.e2e.browsers import (
    CookieServer,
    cookie_server,
    cookiedesk,
    cookies_received,
    firefox_profile,
    run_chromium,
    run_firefox,
)
from tests.helpers.adtech import MISSED

pytestmark = pytest.mark.e2e
HOPS = 8  # a short chain per launch: redirects and the virtual time budget both run out
ORDINARY = "news.example.org"


def listed_hosts(file: Path, step: int) -> list[str]:
    """Every `step`-th host name of a list file: a fixed, spread-out sample."""
    lines = file.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and line[0] not in "#@"
            and any(c.isalpha() for c in line.rsplit(".", 1)[-1])][::step]


def ad_hosts() -> list[str]:
    """The 31 companies issue 12 found left behind, and a sample of EasyList's hosts."""
    return [*MISSED, *listed_hosts(opendata.files()[0], 4000)]


# Trackers (EasyPrivacy's): `--ads` leaves them, as it leaves the ordinary site.
TRACKERS = listed_hosts(opendata.files()[1], 9000)


def visit(browser: str, where: Path, hosts: list[str], route: str,
          env: dict[str, str]) -> tuple[CookieServer, list[str]]:
    """Visit every host in short chains; a host the browser will not load over plain http
    (on its built-in HSTS preload list, say) ends a chain: it is reported and skipped."""
    skipped: list[str] = []
    with cookie_server() as server:
        pending = list(hosts)
        while pending:
            server.chain = pending[:HOPS]
            with server.lock:
                server.received.clear()
            url = server.url(server.chain[0], f"/{route}/0")
            if browser == "chromium":
                run_chromium(where, url, env)
            else:
                run_firefox(where, url, env)
            with server.lock:
                reached = {host for host, path, _ in server.received if path != "/favicon.ico"}
            count = next((n for n, host in enumerate(server.chain) if host not in reached),
                         len(server.chain))
            if count == 0:
                skipped.append(pending[0])
                count = 1
            pending = pending[count:]
        return server, skipped


def test_delete_ads_leaves_no_ad_tech_host_from_the_data(isolated_home: Path,
                                                        browser_env: dict[str, str]) -> None:
    ads = ad_hosts()
    everyone = [*ads, ORDINARY, *TRACKERS]
    where = {"chromium": isolated_home / ".config/chromium",
             "firefox": firefox_profile(isolated_home / ".mozilla/firefox")}
    unreachable: set[str] = set()
    for browser, folder in where.items():
        planted, skipped = visit(browser, folder, everyone, "chain", browser_env)
        assert {h for h, _ in planted.set_cookies} == set(everyone) - set(skipped), browser
        assert len(skipped) <= 4 and ORDINARY not in skipped, (browser, skipped)
        unreachable |= set(skipped)
    ads = [host for host in ads if host not in unreachable]
    trackers = [host for host in TRACKERS if host not in unreachable]
    assert len(ads) >= 35 and trackers
    done = cookiedesk("list", "--json")
    assert done.returncode == 0, done.stderr
    before = json.loads(done.stdout)
    verdicts = {(c["browser"], c["host"].lstrip(".")): c["verdict"] for c in before}
    for browser in ("Chromium", "Firefox"):
        for host in ads:  # each one is called an ad company's, with its source named
            verdict = verdicts[(browser, host)]
            assert verdict["category"] == "ad" and verdict["source"], (browser, host, verdict)
        for host in trackers:
            assert verdicts[(browser, host)]["category"] == "tracker", host
        assert verdicts[(browser, ORDINARY)]["category"] == "other"

    done = cookiedesk("delete", "--ads", "--yes")
    assert done.returncode == 0, done.stderr
    assert "failed 0" in done.stdout

    done = cookiedesk("list", "--json")
    left = {c["host"].lstrip(".") for c in json.loads(done.stdout)}
    assert left.isdisjoint(ads), sorted(left & set(ads))
    assert {ORDINARY, *trackers} <= left
    for browser, folder in where.items():
        server, _ = visit(browser, folder, [*ads, ORDINARY, *trackers], "echochain",
                          browser_env)
        received = cookies_received(server, "/echochain/")
        assert {h for h, names in received.items() if names} == {ORDINARY, *trackers}, browser
