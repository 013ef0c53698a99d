"""Names that are not valid Unicode: an undecodable profile folder (Linux file names are bytes),
a lone surrogate in `Local State`, a cookie row whose host is not UTF-8. Nothing crashes,
undecodable bytes stay visible as escapes, and one bad row never hides the rest of its store."""

from __future__ import annotations

import json
import os
import sqlite3
import zlib
from pathlib import Path

import pytest

from cookiedesk.stores.discovery import store_id
from tests.helpers.cli import run
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile, read_rows

CHROME = ".config/google-chrome"
BAD_FOLDER = os.fsdecode(b"Profile \xff1")  # as Python hands over the bytes b"Profile \xff1"


@pytest.fixture
def undecodable_profile(isolated_home: Path) -> Path:
    root = isolated_home / CHROME
    chromium_profile(root, "Default", "Personal", 24, [TestCookie(".good.example", "good")])
    return chromium_profile(root, BAD_FOLDER, None, 24, [TestCookie(".bad.example", "bad")])


@pytest.mark.parametrize("command", [["scan"], ["scan", "--json"], ["list"], ["list", "--json"],
                                     ["report"], ["report", "--json"],
                                     ["delete", "--site", "bad.example", "--dry-run"]])
def test_an_undecodable_profile_folder_is_listed_escaped(
    undecodable_profile: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    code, out, err = run(capsys, *command)
    assert (code, err) == (0, "")
    if "--json" in command:
        json.loads(out)
        assert '"Profile \\\\xff1"' in out  # the JSON of the text `Profile \xff1`
    else:
        assert "Profile \\xff1" in out
    out.encode("utf-8")  # no surrogate reached the output


def test_its_store_id_is_stable_and_hashes_the_real_bytes(undecodable_profile: Path) -> None:
    raw = os.fsencode(undecodable_profile)
    assert b"\xff" in raw
    assert store_id(undecodable_profile) == store_id(Path(os.fsdecode(raw)))
    assert store_id(undecodable_profile) == f"{zlib.crc32(raw):08x}{zlib.adler32(raw) & 0xFFFF:04x}"
    plain = str(Path("/home/u/.config/chromium/Default/Cookies")).encode()
    # ids of ordinary paths did not change: they were the checksums of the path's UTF-8
    assert store_id(Path(plain.decode())) == (
        f"{zlib.crc32(plain):08x}{zlib.adler32(plain) & 0xFFFF:04x}")


def test_its_cookies_can_be_deleted_and_restored(undecodable_profile: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "delete", "--site", "bad.example", "--yes")
    assert (code, err) == (0, "")
    assert "Chrome — Profile \\xff1: deleted 1, already gone 0, failed 0" in out
    assert read_rows(undecodable_profile, "SELECT name FROM cookies") == []
    code, out, err = run(capsys, "restore", "--yes")
    assert (code, err) == (0, "") and "restored 1" in out
    assert read_rows(undecodable_profile, "SELECT name FROM cookies") == [("bad",)]


def test_a_lone_surrogate_in_a_profile_name_is_escaped(isolated_home: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    root = isolated_home / CHROME
    chromium_profile(root, "Default", "Personal", 24, [TestCookie(".good.example", "good")])
    (root / "Local State").write_text(
        '{"profile": {"info_cache": {"Default": {"name": "Work \\ud800"}}}}')
    code, out, err = run(capsys, "scan", "--json")
    assert (code, err) == (0, "")
    assert [s["profile"] for s in json.loads(out)] == ["Work \\ud800"]
    code, out, _ = run(capsys, "list")
    assert code == 0 and "Work \\ud800" in out


@pytest.mark.parametrize("stored", ["blob", "text"])
@pytest.mark.parametrize("browser", ["chromium", "firefox"])
def test_one_row_with_an_undecodable_host_hides_nothing_else(
    isolated_home: Path, capsys: pytest.CaptureFixture[str], stored: str, browser: str
) -> None:
    cookies = [TestCookie(".good.example", "good"), TestCookie(".doomed.example", "doomed"),
               TestCookie(".broken.example", "broken")]
    if browser == "chromium":
        path = chromium_profile(isolated_home / CHROME, "Default", "Personal", 24, cookies)
        table, host, label = "cookies", "host_key", "Chrome — Personal"
    else:
        path = firefox_profile(isolated_home / ".mozilla/firefox", "p.default", "Personal", 17,
                               cookies)
        table, host, label = "moz_cookies", "host", "Firefox — Personal"
    value = "X'2e6272ff6b656e'" if stored == "blob" else "CAST(X'2e6272ff6b656e' AS TEXT)"
    db = sqlite3.connect(path)
    db.execute(f"UPDATE {table} SET {host} = {value} WHERE name = 'broken'")
    db.commit()
    db.close()

    code, out, err = run(capsys, "list", "--json")
    assert code == 0
    assert sorted(c["name"] for c in json.loads(out)) == ["doomed", "good"]
    assert err.splitlines() == [
        f"cookiedesk: {label}: note: 1 cookie is not listed: the host, name or path is not "
        "valid UTF-8 text, so CookieDesk can neither show nor safely delete it"]

    code, out, _ = run(capsys, "delete", "--site", "doomed.example", "--yes")
    assert code == 0 and "deleted 1, already gone 0, failed 0" in out
    left = read_rows(path, f"SELECT name, CAST({host} AS BLOB) FROM {table} ORDER BY name")
    assert left == [("broken", b".br\xffken"), ("good", b".good.example")]


def test_a_lone_surrogate_in_a_session_cookie_is_escaped(isolated_home: Path,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    import lz4.block

    from cookiedesk.stores import firefox_session

    firefox_profile(isolated_home / ".mozilla/firefox", "s.default", "default", 17, [])
    document = (b'{"cookies": [{"host": ".a\\udfff.example", "name": "n\\ud800", '
                b'"value": "v\\ud800", "originAttributes": {"userContextId": "\\ud800"}}]}')
    (isolated_home / ".mozilla/firefox/s.default/sessionstore.jsonlz4").write_bytes(
        firefox_session.MAGIC + lz4.block.compress(document, store_size=True))
    code, out, err = run(capsys, "list", "--json")
    assert (code, err) == (0, "")
    (cookie,) = json.loads(out)
    assert (cookie["host"], cookie["name"], cookie["container"]) == (
        ".a\\udfff.example", "n\\ud800", "Container \\ud800")
