"""Reading never writes next to the browser's files, and survives an exclusive lock."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from cookiedesk.stores.snapshot import open_snapshot
from tests.helpers.stores import TestCookie, chromium_store, firefox_store

HOLD_EXCLUSIVE = """
import sqlite3, sys, threading
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode = EXCLUSIVE")  # what Firefox does while it runs
db.execute("PRAGMA wal_autocheckpoint = 0")
db.execute("BEGIN IMMEDIATE")
db.execute("INSERT INTO moz_cookies (name, value, host, path, expiry) "
           "VALUES ('while-locked', 'x', '.c.example', '/', 1900000000000)")
db.execute("COMMIT")
print("locked", flush=True)
threading.Event().wait()  # held until the test kills it, however long it takes
"""


def listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_reading_a_wal_store_creates_no_files_beside_it(tmp_path: Path) -> None:
    path = firefox_store(tmp_path / "p" / "cookies.sqlite", 17, [TestCookie(".a.example", "n")])
    before = listing(path.parent)
    assert set(before) == {"cookies.sqlite"}
    with open_snapshot(path) as db:
        assert db.execute("SELECT count(*) FROM moz_cookies").fetchone() == (1,)
    assert listing(path.parent) == before


def test_reading_a_chromium_store_changes_nothing(tmp_path: Path) -> None:
    path = chromium_store(tmp_path / "Default" / "Cookies", 24, [TestCookie(".a.example", "n")])
    before = listing(path.parent)
    with open_snapshot(path) as db:
        assert db.execute("SELECT count(*) FROM cookies").fetchone() == (1,)
    assert listing(path.parent) == before


def test_an_exclusively_locked_store_is_read_from_a_private_copy(tmp_path: Path) -> None:
    path = firefox_store(tmp_path / "p" / "cookies.sqlite", 17, [TestCookie(".a.example", "n")])
    holder = subprocess.Popen([sys.executable, "-c", HOLD_EXCLUSIVE, str(path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        import sqlite3

        probe = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=0.1)
        try:
            probe.execute("SELECT count(*) FROM moz_cookies").fetchone()
            raise AssertionError("the holder's exclusive lock should block a plain reader")
        except sqlite3.OperationalError as exc:
            assert "locked" in str(exc)
        finally:
            probe.close()

        # no waiting on the holder's lock: it is never released while the holder lives, so a
        # snapshot that waited would fail here instead of reading
        with open_snapshot(path) as db:
            names = sorted(r[0] for r in db.execute("SELECT name FROM moz_cookies"))
        assert names == ["n", "while-locked"]  # includes what sits only in the -wal
        assert list(Path(tempfile.gettempdir()).glob("cookiedesk-read-*")) == []
    finally:
        holder.kill()
        holder.communicate()


def test_an_empty_log_left_by_a_read_only_opener_needs_no_private_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that opens a WAL store read-only (another tool, a backup script) leaves an
    empty -wal and a -shm beside it. The main file is whole then: it is read as it is, without
    copying the store into CookieDesk's private folder."""
    import sqlite3

    from cookiedesk.stores import snapshot

    path = firefox_store(tmp_path / "p" / "cookies.sqlite", 17, [TestCookie(".a.example", "n")])
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    reader.execute("SELECT count(*) FROM moz_cookies").fetchone()
    reader.close()
    wal = path.with_name("cookies.sqlite-wal")
    assert wal.exists() and wal.stat().st_size == 0

    def no_copy(path: Path) -> sqlite3.Connection:
        raise AssertionError("read through a private copy")

    monkeypatch.setattr(snapshot, "_read_private_copy", no_copy)
    with open_snapshot(path) as db:
        assert [r[0] for r in db.execute("SELECT name FROM moz_cookies")] == ["n"]


def test_a_log_holding_pages_is_still_read_with_its_store(tmp_path: Path) -> None:
    """The empty-log shortcut never skips a log with pages in it (a browser that stopped
    before a checkpoint): the cookie that is only in the log is read."""
    import sqlite3

    path = firefox_store(tmp_path / "p" / "cookies.sqlite", 17, [TestCookie(".a.example", "n")])
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO moz_cookies (name, value, host, path, expiry) "
                   "VALUES ('only-in-log', 'x', '.c.example', '/', 1900000000000)")
    wal = path.with_name("cookies.sqlite-wal")
    assert wal.stat().st_size > 0
    try:
        with open_snapshot(path) as db:
            names = sorted(r[0] for r in db.execute("SELECT name FROM moz_cookies"))
        assert names == ["n", "only-in-log"]
    finally:
        writer.close()
