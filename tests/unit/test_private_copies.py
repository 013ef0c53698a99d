"""Private copies of a store the browser holds live in CookieDesk's own 0700 folder, one
subfolder per process, and what a killed process left behind goes at the next read."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from cookiedesk.stores import private_copies
from cookiedesk.stores.snapshot import open_snapshot
from tests.helpers.processes import dead_pid
from tests.helpers.stores import TestCookie, firefox_store

# Reads a store through the private-copy path and stops, once the copy is on disk, until its
# standard input says go: the test kills it there.
PAUSED_READ = """
import sys
from pathlib import Path
from cookiedesk.stores import snapshot

original = snapshot._backup_into_memory

def paused(source):
    print("copied", flush=True)
    sys.stdin.readline()
    return original(source)

snapshot._backup_into_memory = paused
with snapshot.open_snapshot(Path(sys.argv[1])) as db:
    print(db.execute("SELECT count(*) FROM moz_cookies").fetchone()[0], flush=True)
"""


def store_with_wal(folder: Path) -> tuple[Path, sqlite3.Connection]:
    """A Firefox store with a live -wal (its writer stays open), so reads take a private copy."""
    path = firefox_store(folder / "cookies.sqlite", 17, [TestCookie(".a.example", "a")])
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("INSERT INTO moz_cookies (name, value, host, path, expiry) "
                   "VALUES ('b', 'x', '.b.example', '/', 1900000000000)")
    writer.commit()
    assert path.with_name("cookies.sqlite-wal").exists()
    return path, writer


def test_copies_go_to_a_private_folder_and_are_removed(tmp_path: Path) -> None:
    path, writer = store_with_wal(tmp_path / "profile")
    try:
        with open_snapshot(path) as db:
            assert db.execute("SELECT count(*) FROM moz_cookies").fetchone() == (2,)
    finally:
        writer.close()
    base = private_copies.base_folder()
    assert base == tmp_path / "cookiedesk/cache/private-copies"
    mine = base / str(os.getpid())
    assert base.stat().st_mode & 0o777 == 0o700
    assert mine.stat().st_mode & 0o777 == 0o700
    assert list(mine.iterdir()) == []  # the copy is gone
    assert list((tmp_path / "tmp").iterdir()) == []  # nothing in the shared temporary folder


def test_a_dead_process_leftover_is_removed_at_the_next_read(tmp_path: Path) -> None:
    base = private_copies.base_folder()
    stale = base / str(dead_pid()) / "read-x"
    stale.mkdir(parents=True)
    (stale / "store.sqlite").write_bytes(b"cookie values")
    alive = base / str(os.getppid())  # a live process's copy is left alone
    alive.mkdir()
    path = firefox_store(tmp_path / "p" / "cookies.sqlite", 17, [TestCookie(".a.example", "a")])
    with open_snapshot(path):
        pass
    assert not stale.parent.exists()
    assert alive.exists()


def test_a_read_killed_mid_copy_leaves_nothing_after_the_next_read(tmp_path: Path) -> None:
    path, writer = store_with_wal(tmp_path / "profile")
    try:
        reader = subprocess.Popen([sys.executable, "-c", PAUSED_READ, str(path)],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        assert reader.stdout is not None and reader.stdout.readline() == "copied\n"
        left = private_copies.base_folder() / str(reader.pid)
        assert {"store.sqlite", "store.sqlite-wal"} <= {p.name for p in left.glob("*/*")}
        reader.send_signal(signal.SIGKILL)
        assert reader.wait() == -signal.SIGKILL
        reader.stdout.close()
        assert reader.stdin is not None
        reader.stdin.close()
        assert left.exists()  # what SIGKILL leaves: a copy with every cookie value

        with open_snapshot(path) as db:
            assert db.execute("SELECT count(*) FROM moz_cookies").fetchone() == (2,)
    finally:
        writer.close()
    assert not left.exists()
    assert [p.name for p in private_copies.base_folder().iterdir()] == [str(os.getpid())]
