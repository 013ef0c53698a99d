"""The real Chromium and Firefox write cookies; `cookiedesk list` finds exactly those."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browsers import (
    EXPECTED_VERDICTS,
    THIRD_PARTY_HOST,
    chromium_command,
    cookie_server,
    cookiedesk,
    firefox_command,
    firefox_profile,
    run_chromium,
    run_firefox,
    running_browser,
    wait_until,
)

pytestmark = pytest.mark.e2e


def cookiedesk_json(*args: str) -> tuple[int, Any, str]:
    done = cookiedesk(*args)
    return done.returncode, json.loads(done.stdout) if done.stdout.strip() else None, done.stderr


def listed(browser: str) -> set[tuple[str, str, str]]:
    code, cookies, err = cookiedesk_json("list", "--json", "--browser", browser)
    assert code == 0, err
    for cookie in cookies:  # and each is classified as a user must be told
        verdict = cookie["verdict"]
        assert (verdict["category"], verdict["company"]) == EXPECTED_VERDICTS[cookie["name"]]
    return {(c["host"], c["name"], c["partition"]) for c in cookies}


def scanned(browser: str) -> dict[str, Any]:
    """The browser's cookie database (its session file, if any, is a store of its own)."""
    code, stores, err = cookiedesk_json("scan", "--json")
    assert code == 0, err
    (store,) = [s for s in stores if s["browser"] == browser and s["kind"] == "cookies"]
    assert isinstance(store, dict)
    return store


def test_chromium_cookies_are_listed_exactly(
    isolated_home: Path, browser_env: dict[str, str]
) -> None:
    with cookie_server() as server:
        run_chromium(isolated_home / ".config/chromium", server.url("komp3.net", "/hop"),
                     browser_env)
        sent = set(server.set_cookies)
    assert {("komp3.net", "komp3_member"), ("news.example.org", "pref"),
            ("ib.adnxs.com", "uuid2")} <= sent
    # Chromium keeps what it was sent; a third-party cookie without `SameSite=None; Secure`
    # counts as Lax and is refused in the iframe, so it is not expected here.
    expected = {(host, name, "") for host, name in sent if host != THIRD_PARTY_HOST}
    assert listed("chromium") == expected
    store = scanned("Chromium")
    assert (store["schema_version"], store["running"]) == (24, False)


def test_firefox_cookies_are_listed_with_the_partitioned_one(
    isolated_home: Path, browser_env: dict[str, str]
) -> None:
    profile = firefox_profile(isolated_home / ".mozilla/firefox")
    with cookie_server() as server:
        run_firefox(profile, server.url("komp3.net", "/hop"), browser_env)
        sent = set(server.set_cookies)
    assert (THIRD_PARTY_HOST, "tp_uid") in sent
    expected = {(host, name, "") for host, name in sent if host != THIRD_PARTY_HOST}
    # total cookie protection: the iframe's cookie is kept under the page's site
    expected.add((THIRD_PARTY_HOST, "tp_uid", "http://komp3.net"))
    assert listed("firefox") == expected
    store = scanned("Firefox")
    assert (store["profile"], store["schema_version"], store["running"]) == ("e2e", 17, False)


def test_firefox_is_listed_while_it_runs_and_holds_its_database(
    isolated_home: Path, browser_env: dict[str, str]
) -> None:
    profile = firefox_profile(isolated_home / ".mozilla/firefox")
    with cookie_server() as server:
        run_firefox(profile, server.url("komp3.net", "/hop"), browser_env)
        before = listed("firefox")
        with running_browser(firefox_command(profile, server.url("komp3.net", "/late")),
                             browser_env):
            late = {("komp3.net", "late_cookie", ""), ("komp3.net", "late_session", "")}
            wait_until(lambda: late <= listed("firefox"), 180,
                       "the running Firefox's new cookies (persistent and session) to be listed")
            assert listed("firefox") == before | late
            store = scanned("Firefox")
            assert store["running"] is True and store["cookies"] == len(before) + 1
            # the private copy made to read around Firefox's lock is gone again
            assert list(Path(tempfile.gettempdir()).glob("cookiedesk-read-*")) == []
    assert scanned("Firefox")["running"] is False  # the `lock` symlink left behind is stale


def test_chromium_running_is_detected_and_a_crash_leaves_no_false_alarm(
    isolated_home: Path, browser_env: dict[str, str]
) -> None:
    user_data = isolated_home / ".config/chromium"
    with cookie_server() as server:
        run_chromium(user_data, server.url("komp3.net", "/hop"), browser_env)
    command = chromium_command(user_data, "--remote-debugging-port=0", "about:blank")
    with running_browser(command, browser_env):
        wait_until(lambda: os.path.lexists(user_data / "SingletonLock"), 180,
                   "Chromium to take its SingletonLock")
        assert scanned("Chromium")["running"] is True
    # killed with SIGTERM (or SIGKILL): whatever lock it left must not count
    assert scanned("Chromium")["running"] is False
