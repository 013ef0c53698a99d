"""`cookiedesk scan` and `cookiedesk list` over real-schema stores in a temporary HOME."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from cookiedesk.cli import main
from tests.helpers.cli import run
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile

SECRET = "planted-secret-value-7f3a"


@pytest.fixture
def two_browsers(isolated_home: Path) -> Path:
    chromium_profile(isolated_home / ".config/google-chrome", "Default", "Personal", 24, [
        TestCookie(".komp3.net", "member", value=SECRET, httponly=True),
        TestCookie("news.example.org", "pref", value=SECRET, session=True),
    ])
    chromium_profile(isolated_home / ".config/google-chrome", "Profile 1", "Work", 24, [
        TestCookie(".work.example", "sso", value=SECRET, secure=True)])
    firefox_profile(isolated_home / ".mozilla/firefox", "abc.default-release", "default-release",
                    17, [
                        TestCookie(".doubleclick.net", "IDE", value=SECRET),
                        TestCookie(".doubleclick.net", "IDE", value=SECRET,
                                   partition="^partitionKey=%28https%2Ckomp3.net%29"),
                    ])
    return isolated_home


def tree_state(root: Path) -> dict[str, tuple[int, int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns, p.stat().st_mode)
            for p in sorted(root.rglob("*")) if not p.is_symlink()}


def test_scan_json_describes_each_store(two_browsers: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "scan", "--json")
    assert code == 0 and err == ""
    stores = sorted(json.loads(out), key=lambda s: (s["browser"], s["profile"]))
    assert [(s["browser"], s["profile"], s["format"], s["schema_version"], s["cookies"],
             s["running"]) for s in stores] == [
        ("Chrome", "Personal", "chromium", 24, 2, False),
        ("Chrome", "Work", "chromium", 24, 1, False),
        ("Firefox", "default-release", "firefox", 17, 2, False),
    ]
    assert stores[0]["path"] == str(two_browsers / ".config/google-chrome/Default/Cookies")


def test_scan_text_is_a_table(two_browsers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "scan")
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["BROWSER", "PROFILE", "FORMAT", "SCHEMA",
                                              "COOKIES", "RUNNING", "PATH"]
    assert len(lines) == 4


def test_list_json_has_every_attribute_and_no_value(two_browsers: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and err == ""
    assert SECRET not in out
    cookies = json.loads(out)
    assert len(cookies) == 5
    member = next(c for c in cookies if c["name"] == "member")
    assert member == member | {
        "browser": "Chrome", "profile": "Personal", "host": ".komp3.net", "path": "/",
        "partition": "", "expires": "2030-03-17T17:46:40Z", "created": "2023-11-14T22:13:20Z",
        "last_access": "2025-06-15T15:06:40Z", "secure": False, "httponly": True,
        "samesite": "unspecified", "session": False,
    }
    assert "value" not in member
    pref = next(c for c in cookies if c["name"] == "pref")
    assert pref["session"] is True and pref["expires"] is None
    partitions = sorted(c["partition"] for c in cookies if c["name"] == "IDE")
    assert partitions == ["", "https://komp3.net"]


def test_list_text_has_no_value(two_browsers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0 and SECRET not in out
    assert len(out.splitlines()) == 6


@pytest.mark.parametrize(("args", "expected"), [
    (("--browser", "chrome"), {"member", "pref", "sso"}),
    (("--browser", "FIREFOX"), {"IDE"}),
    (("--browser", "chrome", "--profile", "work"), {"sso"}),
    (("--profile", "Profile 1"), {"sso"}),
    (("--host", "komp3"), {"member"}),
    (("--host", "nothing-like-this"), set()),
    (("--browser", "safari"), set()),
])
def test_list_filters(two_browsers: Path, capsys: pytest.CaptureFixture[str],
                      args: tuple[str, ...], expected: set[str]) -> None:
    code, out, _ = run(capsys, "list", "--json", *args)
    assert code == 0
    assert {c["name"] for c in json.loads(out)} == expected


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list", "--no-such-flag"]) == 2
    assert main(["frobnicate"]) == 2
    assert "usage:" in capsys.readouterr().err


def no_browser_hint(home: Path) -> str:
    return (f"No browser profiles found in {home} (looked for Chrome, Chromium, Edge, Brave, "
            "Vivaldi, Opera, Firefox, LibreWolf). Try the built-in demo: cookiedesk --demo list\n")


def test_no_browser_at_all_is_not_an_error_and_names_the_demo(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "scan") == (0, no_browser_hint(isolated_home), "")
    code, out, err = run(capsys, "list")
    assert (code, out.splitlines(), err) == (0, [out.splitlines()[0]],
                                             no_browser_hint(isolated_home))
    assert out.startswith("BROWSER  PROFILE  HOST")  # a pipe gets only the table


@pytest.mark.parametrize("command", ["scan", "list"])
def test_no_browser_under_json_keeps_the_output_json(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    code, out, err = run(capsys, command, "--json")
    assert (code, json.loads(out), err) == (0, [], no_browser_hint(isolated_home))


def test_a_filter_that_selects_nothing_is_not_told_about_the_demo(
    two_browsers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "list", "--json", "--browser", "safari") == (0, "[]\n", "")


def test_without_a_display_the_bare_command_prints_and_offers_the_demo(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    code, out, _ = run(capsys)
    assert code == 0
    first, second = out.splitlines()[:2]
    assert first.startswith("No display is available, so here is the text listing")
    assert second.startswith("No browser was found on this computer; showing the built-in demo")
    assert "Chromium  Demo" in out and "Firefox   Demo" in out


def test_demo_lists_komp3_member_cookie(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--demo", "list", "--json", "--host", "komp3.net")
    names = {(c["browser"], c["name"]) for c in json.loads(out)}
    assert code == 0
    assert {("Chromium", "komp3_member"), ("Firefox", "komp3_member")} <= names


# ----------------------------------------------------------------------------- bad input

def damage(path: Path, how: str) -> None:
    if how == "truncated":
        path.write_bytes(path.read_bytes()[:1500])
    elif how == "corrupt":
        data = bytearray(path.read_bytes())
        data[4096:8192] = b"\xa5" * 4096  # the table's pages
        path.write_bytes(bytes(data))
    elif how == "not sqlite":
        path.write_bytes(b"<html>this is not a database</html>" * 40)
    elif how == "empty file":
        path.write_bytes(b"")
    elif how == "missing columns":
        path.unlink()
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE cookies (host_key TEXT, value TEXT)")
        db.commit()
        db.close()


@pytest.mark.parametrize(("how", "reason"), [
    ("truncated", "the database is damaged or truncated"),
    ("corrupt", "the database is damaged or truncated"),
    ("not sqlite", "the file is not an SQLite database"),
    ("empty file", "the file is empty, so it holds no cookie database"),
    ("missing columns", "the `cookies` table lacks the columns expires_utc, name, path"),
])
def test_a_bad_store_is_one_line_and_the_others_still_list(
    two_browsers: Path, capsys: pytest.CaptureFixture[str], how: str, reason: str
) -> None:
    bad = two_browsers / ".config/google-chrome/Profile 1/Cookies"
    damage(bad, how)
    before = tree_state(two_browsers)
    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    assert {c["name"] for c in json.loads(out)} == {"member", "pref", "IDE"}
    (line,) = err.splitlines()
    assert line.startswith(f"cookiedesk: Chrome — Work: {reason}")
    assert line.endswith(f"({bad})")
    assert tree_state(two_browsers) == before  # nothing written anywhere


def test_when_nothing_can_be_read_the_exit_code_is_1(isolated_home: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    chromium_profile(isolated_home / ".config/chromium", "Default", "Only", 24, [])
    damage(isolated_home / ".config/chromium/Default/Cookies", "not sqlite")
    code, out, err = run(capsys, "list", "--json")
    assert code == 1 and json.loads(out) == []
    assert "Chromium — Only: the file is not an SQLite database" in err


def test_a_future_schema_is_listed_with_a_note(two_browsers: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = two_browsers / ".mozilla/firefox/abc.default-release/cookies.sqlite"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 19")
    db.commit()
    db.close()
    code, out, err = run(capsys, "scan", "--json")
    firefox = next(s for s in json.loads(out) if s["browser"] == "Firefox")
    assert code == 0 and firefox["cookies"] == 2 and firefox["schema_version"] == 19
    assert err.strip() == ("cookiedesk: Firefox — default-release: note: schema version 19 is "
                           "newer than CookieDesk knows (17); shown read-only")


def test_an_empty_store_lists_nothing_and_is_fine(isolated_home: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    firefox_profile(isolated_home / ".mozilla/firefox", "e.default", "empty", 17, [])
    code, out, err = run(capsys, "scan", "--json")
    assert code == 0 and err == "" and json.loads(out)[0]["cookies"] == 0


def test_permission_denied_is_one_line(two_browsers: Path) -> None:
    bad = two_browsers / ".config/google-chrome/Profile 1/Cookies"
    bad.chmod(0o000)
    command = [sys.executable, "-m", "cookiedesk", "list", "--json"]
    if os.geteuid() == 0:
        # root reads anything; without the two capabilities that let it ignore file modes,
        # a mode-000 file is as unreadable to it as to anyone.
        if shutil.which("setpriv") is None:
            pytest.skip("running as root needs util-linux's setpriv to drop file capabilities")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert {c["name"] for c in json.loads(done.stdout)} == {"member", "pref", "IDE"}
    assert done.stderr.strip() == (
        "cookiedesk: Chrome — Work: permission denied: CookieDesk may not read this file "
        f"({bad})")


def test_the_listing_path_loads_no_qt(two_browsers: Path) -> None:
    probe = ("import sys; from cookiedesk.cli import main; main(['list', '--json']); "
             "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
             "('PySide6', 'shiboken6', 'browser_cookie3', 'psutil')); "
             "print(heavy, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=300, check=True)
    assert done.stderr.strip() == "[]"
