"""Hostile files beside real stores: a pipe, a device, a huge or deeply nested file in place of
a store or of a file discovery reads. Each gives one sentence naming the file, changes nothing,
and the other stores are still listed."""

from __future__ import annotations

import json
import os
import sqlite3
import struct
from collections.abc import Iterator
from pathlib import Path

import lz4.block
import pytest

from cookiedesk import safe_read
from cookiedesk.cli import main
from cookiedesk.model import Store, StoreFormat
from cookiedesk.stores import firefox_session, safari, snapshot
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.scan import read_store, scan
from tests.helpers.hostile import nested_json, sparse_file, watched_pipe
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile

GOOD = ".good.example"
CHROME = ".config/google-chrome"
FIREFOX = ".mozilla/firefox"
PROFILE = f"{FIREFOX}/abc.default-release"


@pytest.fixture
def home(isolated_home: Path) -> Path:
    """A Chrome profile (the good store) and a Firefox profile, both readable."""
    chromium_profile(isolated_home / CHROME, "Default", "Personal", 24,
                     [TestCookie(GOOD, "good")])
    firefox_profile(isolated_home / FIREFOX, "abc.default-release", "default-release", 17,
                    [TestCookie(".fx.example", "fx", partition="^userContextId=2")])
    return isolated_home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.lstat().st_size, p.lstat().st_mtime_ns) for p in sorted(root.rglob("*"))}


def mozlz4(document: object) -> bytes:
    raw: bytes = lz4.block.compress(json.dumps(document).encode(), store_size=True)
    return firefox_session.MAGIC + raw


# Where each file lives, and the line `scan`/`list` print for it when it is hostile (the
# path in brackets follows). {what} is "a named pipe (FIFO)" or "a character device".
CASES = {
    "sessionstore.jsonlz4": (f"{PROFILE}/sessionstore.jsonlz4",
                             "cookiedesk: Firefox — default-release: `sessionstore.jsonlz4` is "
                             "not a regular file but {what}"),
    "recovery.jsonlz4": (f"{PROFILE}/sessionstore-backups/recovery.jsonlz4",
                         "cookiedesk: Firefox — default-release: `recovery.jsonlz4` is not a "
                         "regular file but {what}"),
    "Local State": (f"{CHROME}/Local State",
                    "cookiedesk: Chrome: `Local State` is not a regular file but {what}; "
                    "profiles are shown under their folder names"),
    "profiles.ini": (f"{FIREFOX}/profiles.ini",
                     "cookiedesk: Firefox: `profiles.ini` is not a regular file but {what}; "
                     "profiles are found by scanning the folder instead"),
    "containers.json": (f"{PROFILE}/containers.json",
                        "cookiedesk: Firefox — {firefox}: note: `containers.json` is not a "
                        "regular file but {what}; containers are shown by number"),
    "Chromium Cookies": (f"{CHROME}/Profile 1/Cookies",
                         "cookiedesk: Chrome — Profile 1: `Cookies` is not a regular file but "
                         "{what}"),
    "Firefox cookies.sqlite": (f"{FIREFOX}/xyz.other/cookies.sqlite",
                               "cookiedesk: Firefox — xyz.other: `cookies.sqlite` is not a "
                               "regular file but {what}"),
}


@pytest.fixture
def hostile(home: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Path, str, list[int]]]:
    """The hostile file of the case, the line expected for it, and how often it was opened."""
    case, kind = request.param
    relative, line = CASES[case]
    path = home / relative
    if case == "Local State":
        path.unlink()
    if case == "profiles.ini":
        path.unlink()
    firefox = "abc.default-release" if case == "profiles.ini" else "default-release"
    if kind == "pipe":
        with watched_pipe(path) as pipe:
            opened = [0]
            yield path, line.format(what="a named pipe (FIFO)", firefox=firefox), opened
            opened[0] = pipe.opened
            assert pipe.opened == 0, "the pipe was opened"
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.symlink_to("/dev/null")  # /dev/zero in real life; /dev/null is as much a device
        yield path, line.format(what="a character device", firefox=firefox), [0]


ALL = [(case, kind) for case in CASES for kind in ("pipe", "device")]


@pytest.mark.parametrize("hostile", ALL, indirect=True, ids=[f"{c}-{k}" for c, k in ALL])
@pytest.mark.parametrize("command", [["scan"], ["list"], ["list", "--json"]],
                         ids=["scan", "list", "list-json"])
def test_a_pipe_or_device_is_one_line_and_the_other_stores_still_list(
    hostile: tuple[Path, str, list[int]], home: Path, capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    path, expected, _ = hostile
    before = tree_state(home)
    code, out, err = run(capsys, *command)
    assert code == 0
    assert GOOD in out if command != ["scan"] else f"{CHROME}/Default/Cookies" in out
    suffix = "" if "note:" in expected else f" ({path})"
    assert err.splitlines() == [expected + suffix]
    assert tree_state(home) == before


@pytest.mark.parametrize("hostile", [("recovery.jsonlz4", "pipe"), ("Local State", "device")],
                         indirect=True, ids=["recovery-pipe", "local-state-device"])
def test_the_report_names_the_hostile_file(hostile: tuple[Path, str, list[int]], home: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    _, expected, _ = hostile
    code, out, _ = run(capsys, "report", "--json")
    report = json.loads(out)
    assert code == 0
    assert any(s["path"] == str(home / CHROME / "Default/Cookies") and s["cookies"] == 1
               for s in report["stores"])
    reason = expected.split(": ", 2)[2]
    assert any(problem.endswith(reason) for problem in report["discovery_problems"])


def test_a_pipe_for_a_wal_is_refused_before_sqlite_opens_the_store(home: Path) -> None:
    store = home / PROFILE / "cookies.sqlite"
    with watched_pipe(store.with_name("cookies.sqlite-wal")) as pipe:
        with pytest.raises(StoreError) as refused, snapshot.open_snapshot(store):
            pass
        assert pipe.opened == 0
    assert refused.value.reason == ("`cookies.sqlite-wal` is not a regular file but a named "
                                    "pipe (FIFO)")


def test_lists_import_refuses_a_pipe_and_a_device(isolated_home: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "cookiedesk/config"
    with watched_pipe(tmp_path / "list.txt") as pipe:
        code, out, err = run(capsys, "lists", "import", str(pipe.path))
        assert pipe.opened == 0
    assert (code, out) == (1, "")
    assert err == (f"cookiedesk: nothing imported: {pipe.path} is not a regular file but a named "
                   "pipe (FIFO); save the list to a file and import that\n")
    (tmp_path / "zero").symlink_to("/dev/null")
    code, _, err = run(capsys, "lists", "import", str(tmp_path / "zero"))
    assert code == 1 and "is not a regular file but a character device" in err
    assert not (config / "lists").exists()


# ------------------------------------------------------------------------------- sizes

def test_a_huge_local_state_is_refused_and_profiles_still_found(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    local_state = home / CHROME / "Local State"
    local_state.unlink()
    sparse_file(local_state, 17 * safe_read.MB, b'{"profile": ')
    code, out, err = run(capsys, "list")
    assert code == 0 and GOOD in out
    assert err.splitlines() == [
        "cookiedesk: Chrome: `Local State` is larger than 16 MB (17 MB), far more than a real "
        f"one holds; profiles are shown under their folder names ({local_state})"]


def test_a_huge_session_file_is_refused_before_reading(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = sparse_file(home / PROFILE / "sessionstore.jsonlz4", 65 * safe_read.MB,
                          firefox_session.MAGIC)
    code, out, err = run(capsys, "list")
    assert code == 0 and GOOD in out and ".fx.example" in out
    assert err.splitlines() == [
        "cookiedesk: Firefox — default-release: `sessionstore.jsonlz4` is larger than 64 MB "
        f"(65 MB), far more than a real one holds ({session})"]


def test_a_session_file_that_would_unpack_to_too_much_is_refused_before_unpacking(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A few bytes that declare 300 MB: LZ4 would allocate all of it before failing.
    session = home / PROFILE / "sessionstore.jsonlz4"
    session.write_bytes(firefox_session.MAGIC + struct.pack("<I", 300 * safe_read.MB) + b"\0" * 16)
    code, _, err = run(capsys, "scan")
    assert code == 0
    assert err.splitlines() == [
        "cookiedesk: Firefox — default-release: `sessionstore.jsonlz4` would unpack to 300 MB, "
        f"more than the 256 MB CookieDesk reads ({session})"]


def test_a_huge_safari_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = sparse_file(tmp_path / "Cookies.binarycookies", 257 * safe_read.MB, b"cook")
    with pytest.raises(StoreError) as refused:
        safari.read(safari_store(path))
    assert refused.value.reason == ("`Cookies.binarycookies` is larger than 256 MB (257 MB), "
                                    "far more than a real one holds")


def test_four_million_empty_safari_pages_are_refused_at_once() -> None:
    data = b"cook" + struct.pack(">I", 4_000_000) + b"\0" * (4 * 4_000_000)
    with pytest.raises(safari.BinaryCookiesError) as refused:
        safari.parse(data)
    assert str(refused.value) == ("the file (16000008 bytes) is too short for the 4000000 pages "
                                  "its page table lists")


def test_a_safari_file_that_is_a_pipe_or_device_is_refused(tmp_path: Path) -> None:
    home = tmp_path / "mac"
    jar = home / "Library/Cookies/Cookies.binarycookies"
    with watched_pipe(jar) as pipe:
        found = discover("macos", home, {})
        assert pipe.opened == 0
    assert found.stores == []
    assert [(p.browser, p.path, p.reason) for p in found.problems] == [
        ("Safari", jar, "`Cookies.binarycookies` is not a regular file but a named pipe (FIFO)")]
    jar.unlink()
    jar.symlink_to("/dev/null")
    with pytest.raises(StoreError, match="is not a regular file but a character device"):
        safari.read(safari_store(jar))


def safari_store(path: Path) -> Store:
    return Store("s", "Safari", "Default", path, StoreFormat.SAFARI, path.parent, path.parent)


def test_a_store_beyond_the_sqlite_cap_is_refused(home: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_read, "MAX_SQLITE_STORE_BYTES", 4096)
    found = discover("linux", home, {})
    chrome = next(s for s in found.stores if s.profile == "Personal")
    scanned = read_store(chrome)
    assert scanned.error == ("`Cookies` is larger than 4096 bytes (20480 bytes), far more than a "
                             "real one holds")


def test_a_big_closed_firefox_store_is_not_deserialized(home: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    # deserialize holds a store about three times over; above the bound the private copy
    # (held once) reads it instead, with the same result.
    monkeypatch.setattr(snapshot, "MAX_DESERIALIZE_BYTES", 1024)
    copies: list[Path] = []
    private_copy = snapshot._read_private_copy

    def recorded(path: Path) -> sqlite3.Connection:
        copies.append(path)
        return private_copy(path)

    monkeypatch.setattr(snapshot, "_read_private_copy", recorded)
    store = home / PROFILE / "cookies.sqlite"
    with snapshot.open_snapshot(store) as db:
        assert db.execute("SELECT name FROM moz_cookies").fetchall() == [("fx",)]
    assert copies == [store]


# ------------------------------------------------------------------------------ nesting

def test_deep_json_in_local_state_is_refused_by_name(home: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    local_state = home / CHROME / "Local State"
    local_state.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    code, out, err = run(capsys, "list")
    assert code == 0 and GOOD in out
    assert err.splitlines() == [
        f"cookiedesk: Chrome: `Local State` nests deeper than {safe_read.MAX_JSON_DEPTH} levels, "
        f"far more than a real one holds; profiles are shown under their folder names "
        f"({local_state})"]


def test_deep_json_in_containers_json_is_a_note(home: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    (home / PROFILE / "containers.json").write_bytes(nested_json(5000))
    code, out, err = run(capsys, "list", "--json")
    assert code == 0 and [c["container"] for c in json.loads(out) if c["name"] == "fx"] == [
        "Container 2"]
    assert err.splitlines() == [
        "cookiedesk: Firefox — default-release: note: `containers.json` nests deeper than "
        f"{safe_read.MAX_JSON_DEPTH} levels, far more than a real one holds; containers are "
        "shown by number"]


def test_deep_json_in_the_session_file_is_refused_by_name(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = home / PROFILE / "sessionstore.jsonlz4"
    deep = lz4.block.compress(b"[" * 100_000 + b"]" * 100_000, store_size=True)
    session.write_bytes(firefox_session.MAGIC + deep)
    code, out, err = run(capsys, "list")
    assert code == 0 and GOOD in out
    assert err.splitlines() == [
        "cookiedesk: Firefox — default-release: `sessionstore.jsonlz4` nests deeper than "
        f"{safe_read.MAX_JSON_DEPTH} levels, far more than a real one holds ({session})"]


def test_a_deep_json_list_is_not_imported(isolated_home: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    deep = tmp_path / "deep.json"
    deep.write_bytes(b'{"trackers": ' + nested_json(100_000) + b"}")
    code, _, err = run(capsys, "lists", "import", str(deep))
    assert code == 1
    assert err == ("cookiedesk: nothing imported: deep.json: the JSON nests deeper than "
                   f"{safe_read.MAX_JSON_DEPTH} levels, far more than a real list\n")


def test_every_hostile_case_at_once_still_lists_the_good_store(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (home / CHROME / "Local State").write_bytes(nested_json(10_000))
    (home / PROFILE / "containers.json").symlink_to("/dev/null")
    os.mkfifo(home / PROFILE / "sessionstore.jsonlz4")
    os.mkfifo(home / CHROME / "Profile 1")  # a "profile folder" that is a pipe: not a profile
    chromium_profile(home / CHROME, "Profile 2", None, 24, [TestCookie(".two.example", "t")])
    (home / CHROME / "Profile 2/Cookies-wal").symlink_to("/dev/null")
    result = scan(discover("linux", home, dict(os.environ)))
    assert sorted(s.store.profile for s in result.stores if s.error is None) == [
        "Default", "default-release"]  # `Local State` is unusable: folder names
    assert [s.error for s in result.stores if s.error] == [
        "`Cookies-wal` is not a regular file but a character device"]
    assert len(result.problems) == 2


def test_a_pipe_for_firefox_s_lock_file_leaves_that_profile_alone(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The running check opens `.parentlock`; a pipe there hung every command.
    with watched_pipe(home / PROFILE / ".parentlock") as pipe:
        code, out, err = run(capsys, "list")
        assert pipe.opened == 0
    assert code == 0 and GOOD in out and ".fx.example" not in out
    assert err.splitlines() == [
        "cookiedesk: Firefox — default-release: `.parentlock` is not a regular file but a named "
        "pipe (FIFO), so CookieDesk cannot tell whether Firefox uses this profile and does not "
        f"read it ({home / PROFILE})"]


def test_a_pipe_for_a_profile_group_database_is_one_line(home: Path) -> None:
    ini = home / FIREFOX / "profiles.ini"
    ini.write_text(ini.read_text() + "StoreID=g1\n")
    with watched_pipe(home / FIREFOX / "Profile Groups/g1.sqlite") as pipe:
        found = discover("linux", home, {})
        assert pipe.opened == 0
    assert [p.reason for p in found.problems] == [
        "`g1.sqlite` is not a regular file but a named pipe (FIFO)"]
    assert len(found.stores) == 2
