"""`cookiedesk delete`, `backups` and `restore`: exit codes, dry run, prompts, refusals."""

from __future__ import annotations

import hashlib
import io
import json
import socket
import subprocess
from pathlib import Path

import pytest

from tests.helpers.cli import run
from tests.helpers.stores import (
    TestCookie,
    chromium_and_firefox,
    read_rows,
)

SECRET = "secret-value-77aa"


@pytest.fixture
def browsers(isolated_home: Path) -> Path:
    return chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ], [
        TestCookie(".criteo.com", "uid", value=SECRET,
                   partition="^partitionKey=%28https%2Ckomp3.net%29"),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ])


def files(home: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


def remaining(capsys: pytest.CaptureFixture[str]) -> set[str]:
    _, out, _ = run(capsys, "list", "--json")
    return {c["name"] for c in json.loads(out)}


def test_delete_needs_a_filter(browsers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "delete", "--yes")
    assert code == 2 and "say what to delete" in err


def test_dry_run_prints_exactly_what_would_go_and_changes_nothing(
    browsers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files(browsers)
    code, out, _ = run(capsys, "delete", "--site", "komp3.net", "--ads", "--dry-run")
    assert code == 0 and SECRET not in out
    lines = out.splitlines()
    assert lines[0] == "Would delete (dry run, nothing changed):"
    assert sorted(lines[1:4]) == [
        "  Chromium — Me: .doubleclick.net IDE /  (ad)",
        "  Chromium — Me: .komp3.net komp3_member /  (site)",
        "  Firefox — default: .criteo.com uid / [https://komp3.net]  (ad)",
    ]
    assert files(browsers) == before


def test_without_yes_and_no_terminal_it_refuses(browsers: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))  # not a terminal, even if it says y
    before = files(browsers)
    code, _, err = run(capsys, "delete", "--ads")
    assert code == 2 and "add --yes" in err
    assert files(browsers) == before


def test_on_a_terminal_it_asks(browsers: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr("sys.stdin", Terminal("n\n"))
    code, out, _ = run(capsys, "delete", "--ads")
    assert code == 0 and "Delete 2 cookies? A backup is kept" in out and "Nothing deleted." in out
    monkeypatch.setattr("sys.stdin", Terminal("y\n"))
    code, out, _ = run(capsys, "delete", "--ads")
    assert code == 0 and "deleted 1, already gone 0, failed 0" in out
    assert remaining(capsys) == {"komp3_member", "lang"}


def test_delete_backups_restore(browsers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "delete", "--site", "komp3.net", "--ads", "--yes")
    assert code == 0, err
    assert "Chromium — Me: deleted 2, already gone 0, failed 0" in out
    assert "Firefox — default: deleted 1, already gone 0, failed 0" in out
    assert remaining(capsys) == {"lang"}
    code, out, _ = run(capsys, "backups", "--json")
    (backup,) = json.loads(out)
    assert (backup["state"], backup["deleted"]) == ("done", 3) and SECRET not in out
    code, out, _ = run(capsys, "restore", "--yes")
    assert code == 0 and "Chromium — Me: restored 2, already there 0" in out
    assert remaining(capsys) == {"komp3_member", "IDE", "uid", "lang"}
    code, _, err = run(capsys, "restore", backup["id"], "--yes")
    assert code == 1 and "already restored" in err


def test_keep_listed_cookies_survive_a_filter(browsers: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "keep", "add", "komp3.net")
    code, out, _ = run(capsys, "delete", "--site", "komp3.net", "--yes")
    assert code == 0 and out == "Nothing to delete (1 kept by your keep-list).\n"
    assert "komp3_member" in remaining(capsys)


def test_a_running_browser_exits_3_and_nothing_changes(
    browsers: Path, capsys: pytest.CaptureFixture[str], fake_browser: subprocess.Popen[bytes]
) -> None:
    (browsers / ".config/chromium/SingletonLock").symlink_to(
        f"{socket.gethostname()}-{fake_browser.pid}")
    before = files(browsers)
    code, _, err = run(capsys, "delete", "--site", "komp3.net", "--ads", "--yes")
    assert code == 3
    assert err.strip() == (f"cookiedesk: refused, nothing changed: Close Chromium (profile "
                           f"'Me') and retry: process {fake_browser.pid} (chromium) holds the "
                           "profile")
    assert files(browsers) == before  # not even the Firefox store, which was free


def test_restore_with_nothing_to_undo(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "restore", "--yes")
    assert code == 1 and err == "cookiedesk: there is no deletion to undo\n"
    code, out, _ = run(capsys, "backups")
    assert out.startswith("No backups: nothing has been deleted yet.")


def test_the_deleted_values_do_not_linger_in_the_file(browsers: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = browsers / ".config/chromium/Default/Cookies"
    marker = "komp3-member-value-that-must-vanish"
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("UPDATE cookies SET value = ? WHERE name = 'komp3_member'", (marker,))
    db.commit()
    db.close()
    assert marker.encode() in path.read_bytes()
    run(capsys, "delete", "--site", "komp3.net", "--yes")
    assert marker.encode() not in path.read_bytes()  # secure_delete zeroed the freed space
    assert read_rows(path, "PRAGMA integrity_check") == [("ok",)]


def test_report_lists_stores_counts_and_codes_without_values_or_other_names(
    browsers: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "delete", "--ads", "--yes")
    confirmation = out.strip().splitlines()[-1].split()[-1]
    code, text, _ = run(capsys, "report")
    assert code == 0
    assert "Chromium — Me: 2 cookies — 1 KOmp3.net, 0 ad companies, 0 trackers, 1 other" in text
    assert f"code {confirmation}  deleted 2" in text
    code, out, _ = run(capsys, "report", "--json")
    report = json.loads(out)
    assert report["last_deletions"][0]["code"] == confirmation
    chromium = next(s for s in report["stores"] if s["browser"] == "Chromium")
    assert chromium["by_category"] == {"site": 1, "ad": 0, "tracker": 0, "other": 1}
    assert chromium["site_and_ad_companies"] == {"KOmp3.net": 1}
    for form in (text, out):
        assert SECRET not in form and "lang" not in form  # an "other" cookie's name


def test_guide_without_a_display_points_to_the_command_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for variable in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(variable, raising=False)
    code, _, err = run(capsys, "guide")
    assert code == 1
    assert "needs a display" in err and "cookiedesk delete --site komp3.net --ads" in err
