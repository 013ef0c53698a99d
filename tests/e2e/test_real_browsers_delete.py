"""The real browsers prove it: after `cookiedesk delete`, KOmp3.net and the ad company receive
no cookie while the ordinary site still receives its own; after `cookiedesk restore` they do
again; and with Chromium running, `delete` exits 3 and changes nothing."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from tests.e2e.browsers import (
    THIRD_PARTY_HOST,
    chromium_command,
    cookie_server,
    cookiedesk,
    cookies_received,
    firefox_profile,
    run_chromium,
    run_firefox,
    running_browser,
    wait_until,
)

pytestmark = pytest.mark.e2e


def visit_and_report(browser: str, where: Path, env: dict[str, str]) -> dict[str, set[str]]:
    """Launch the browser again over the reporting route; what did each host receive?"""
    with cookie_server() as server:
        url = server.url("komp3.net", "/echohop")
        if browser == "chromium":
            run_chromium(where, url, env)
        else:
            run_firefox(where, url, env)
        return cookies_received(server)


def test_delete_then_restore_as_the_browsers_see_it(isolated_home: Path,
                                                    browser_env: dict[str, str]) -> None:
    chromium_dir = isolated_home / ".config/chromium"
    profile = firefox_profile(isolated_home / ".mozilla/firefox")
    with cookie_server() as server:
        run_chromium(chromium_dir, server.url("komp3.net", "/hop"), browser_env)
        run_firefox(profile, server.url("komp3.net", "/hop"), browser_env)
    for browser, where in (("chromium", chromium_dir), ("firefox", profile)):
        before = visit_and_report(browser, where, browser_env)
        assert "komp3_member" in before["komp3.net"], (browser, before)
        assert "uuid2" in before["ib.adnxs.com"], (browser, before)
        assert "pref" in before["news.example.org"], (browser, before)

    done = cookiedesk("delete", "--site", "komp3.net", "--ads", "--yes")
    assert done.returncode == 0, done.stderr
    assert "failed 0" in done.stdout and "Backup " in done.stdout

    for browser, where in (("chromium", chromium_dir), ("firefox", profile)):
        after = visit_and_report(browser, where, browser_env)
        assert after.get("komp3.net", set()) == set(), (browser, after)
        assert after.get("ib.adnxs.com", set()) == set(), (browser, after)
        assert after.get(THIRD_PARTY_HOST, set()) == set(), (browser, after)
        assert after["news.example.org"] == {"pref"}, (browser, after)

    done = cookiedesk("restore", "--yes")
    assert done.returncode == 0, done.stderr
    for browser, where in (("chromium", chromium_dir), ("firefox", profile)):
        again = visit_and_report(browser, where, browser_env)
        assert "komp3_member" in again["komp3.net"], (browser, again)
        assert "uuid2" in again["ib.adnxs.com"], (browser, again)
    # Firefox also gets its partitioned ad cookie back, in the iframe under komp3.net
    assert "tp_uid" in visit_and_report("firefox", profile, browser_env)[THIRD_PARTY_HOST]


def test_with_chromium_running_delete_exits_3_and_changes_nothing(
    isolated_home: Path, browser_env: dict[str, str]
) -> None:
    user_data = isolated_home / ".config/chromium"
    with cookie_server() as server:
        run_chromium(user_data, server.url("komp3.net", "/hop"), browser_env)
    store = user_data / "Default" / "Cookies"
    command = chromium_command(user_data, "--remote-debugging-port=0", "about:blank")
    with running_browser(command, browser_env):
        wait_until(lambda: os.path.lexists(user_data / "SingletonLock"), 180,
                   "Chromium to take its SingletonLock")
        before = hashlib.sha256(store.read_bytes()).hexdigest()
        done = cookiedesk("delete", "--site", "komp3.net", "--yes")
        assert done.returncode == 3, done.stderr
        assert done.stderr.startswith("cookiedesk: refused, nothing changed: Close Chromium "
                                      "(profile '")
        assert "') and retry: process " in done.stderr and "holds the profile" in done.stderr
        assert hashlib.sha256(store.read_bytes()).hexdigest() == before
    assert not (Path(os.environ["COOKIEDESK_DATA_DIR"]) / "backups").exists()
