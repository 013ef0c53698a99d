"""Running-browser checks with real processes and real locks; stale locks do not count."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from cookiedesk.model import Store, StoreFormat
from cookiedesk.safety import running
from tests.helpers.processes import dead_pid
from tests.helpers.stores import TestCookie, chromium_store, firefox_store

HOLD_FCNTL = """
import fcntl, sys, threading
f = open(sys.argv[1], "a")
fcntl.lockf(f, fcntl.LOCK_EX)  # what Firefox does to .parentlock
print("held", flush=True)
threading.Event().wait()  # held until the test kills it, however long it takes
"""
HOLD_SQLITE = """
import sqlite3, sys, threading
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode = EXCLUSIVE")
db.execute("SELECT count(*) FROM moz_cookies").fetchone()
print("held", flush=True)
threading.Event().wait()  # held until the test kills it, however long it takes
"""


def hold(script: str, path: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", script, str(path)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def release(holder: subprocess.Popen[str]) -> None:
    holder.kill()
    holder.communicate()


def chromium_at(tmp_path: Path) -> Store:
    root = tmp_path / "chromium"
    path = chromium_store(root / "Default" / "Cookies", 24, [TestCookie(".a.example", "n")])
    return Store(id="c", browser="Chromium", profile="Default", path=path,
                 format=StoreFormat.CHROMIUM, profile_dir=path.parent, root=root)


def firefox_at(tmp_path: Path) -> Store:
    profile = tmp_path / "firefox" / "x.default"
    path = firefox_store(profile / "cookies.sqlite", 17, [TestCookie(".a.example", "n")])
    return Store(id="f", browser="Firefox", profile="x", path=path, format=StoreFormat.FIREFOX,
                 profile_dir=profile, root=profile.parent)


def test_chromium_is_running_while_the_locking_process_lives(
    tmp_path: Path, fake_browser: subprocess.Popen[bytes]
) -> None:
    store = chromium_at(tmp_path)
    (store.root / "SingletonLock").symlink_to(f"{socket.gethostname()}-{fake_browser.pid}")
    state = running.check(store, "linux")
    assert state.running
    assert state.reason == f"process {fake_browser.pid} (chromium) holds the profile"
    fake_browser.kill()
    fake_browser.wait()
    assert not running.check(store, "linux").running  # the crash left the lock behind


def test_chromium_stale_lock_of_a_dead_or_unrelated_process_is_not_running(tmp_path: Path) -> None:
    store = chromium_at(tmp_path)
    lock = store.root / "SingletonLock"
    lock.symlink_to(f"{socket.gethostname()}-{dead_pid()}")
    assert running.check(store, "linux") == running.NOT_RUNNING
    lock.unlink()
    lock.symlink_to(f"{socket.gethostname()}-{os.getpid()}")  # alive, but python, not a browser
    assert running.check(store, "linux") == running.NOT_RUNNING


def test_chromium_locked_from_another_computer_counts_as_running(tmp_path: Path) -> None:
    store = chromium_at(tmp_path)
    (store.root / "SingletonLock").symlink_to("some-other-laptop-4242")
    state = running.check(store, "linux")
    assert state.running and "another computer (some-other-laptop)" in state.reason


def test_no_lock_at_all_is_not_running(tmp_path: Path) -> None:
    assert not running.check(chromium_at(tmp_path), "linux").running
    assert not running.check(firefox_at(tmp_path), "linux").running


def test_firefox_lock_symlink_with_a_live_browser(tmp_path: Path,
                                                  fake_browser: subprocess.Popen[bytes]) -> None:
    store = firefox_at(tmp_path)
    (store.profile_dir / "lock").symlink_to(f"127.0.1.1:+{fake_browser.pid}")
    assert running.check(store, "linux").running


def test_firefox_lock_left_after_exit_is_not_running(tmp_path: Path) -> None:
    store = firefox_at(tmp_path)
    (store.profile_dir / "lock").symlink_to(f"127.0.1.1:+{dead_pid()}")
    (store.profile_dir / ".parentlock").write_text("")  # left behind too, but unlocked
    assert running.check(store, "linux") == running.NOT_RUNNING


def test_firefox_held_parentlock_means_running(tmp_path: Path) -> None:
    store = firefox_at(tmp_path)
    holder = hold(HOLD_FCNTL, store.profile_dir / ".parentlock")
    try:
        state = running.check(store, "macos")
        assert state == running.RunningState(True, "the browser holds `.parentlock`")
    finally:
        release(holder)
    assert not running.check(store, "macos").running


def test_firefox_exclusively_locked_database_means_running(tmp_path: Path) -> None:
    store = firefox_at(tmp_path)
    holder = hold(HOLD_SQLITE, store.path)
    try:
        state = running.check(store, "linux")
        assert state.reason == "the browser holds an exclusive lock on `cookies.sqlite`"
    finally:
        release(holder)
    assert not running.check(store, "linux").running


def test_a_fifo_as_parentlock_does_not_hang_the_check(tmp_path: Path) -> None:
    store = firefox_at(tmp_path)
    os.mkfifo(store.profile_dir / ".parentlock")  # swapped in after discovery looked
    # a blocking open of a FIFO waits for a writer forever; the child must answer at once
    # (the timeout only ends a hung child so the test can fail instead of hanging)
    code = ("import sys; from pathlib import Path\n"
            "from cookiedesk.model import Store, StoreFormat\n"
            "from cookiedesk.safety import running\n"
            "p = Path(sys.argv[1])\n"
            "s = Store(id='f', browser='Firefox', profile='p', path=p, "
            "format=StoreFormat.FIREFOX, profile_dir=p.parent, root=p.parent.parent)\n"
            "print(running.check(s).running)\n")
    done = subprocess.run([sys.executable, "-c", code, str(store.path)], capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout == "False\n"
