"""The bug log: a bug is logged and named in one sentence, an environment error is a plain
sentence and not logged, and no cookie value ever reaches the log file."""

from __future__ import annotations

import errno
import sqlite3
import stat
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cookiedesk import buglog, dirs
from cookiedesk.guard import run_guarded
from cookiedesk.stores import chromium
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.scan import scan
from tests.helpers.stores import TestCookie, chromium_profile

SECRET = "planted-cookie-value-7f3a9c"


@pytest.fixture
def leaky_store(isolated_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A Chromium store holding SECRET, and a reader with a bug whose exceptions quote it: a
    KeyError of it, an sqlite3 error citing it, and int() of it on top."""
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24,
                     [TestCookie(".example.com", "session", value=SECRET)])

    def buggy_fetch(db: sqlite3.Connection, sql: str) -> tuple[list[tuple[object, ...]], int]:
        (value,) = db.execute("SELECT value FROM cookies").fetchone()
        try:
            try:
                raise KeyError(value)
            except KeyError as missing:
                raise sqlite3.OperationalError(f"no row for {value!r}") from missing
        except sqlite3.Error:
            return [], int(value)  # ValueError: invalid literal for int(): '<the value>'

    monkeypatch.setattr(chromium, "fetch_rows", buggy_fetch)
    yield


def log_text() -> str:
    return "".join(path.read_text(encoding="utf-8")
                   for path in sorted(dirs.log_dir().glob(f"{buglog.LOG_NAME}*")))


def test_a_bug_in_a_store_read_never_logs_the_cookie_value(
        leaky_store: None, capsys: pytest.CaptureFixture[str]) -> None:
    code = run_guarded(lambda: len(scan(discover()).stores))
    assert code == 1
    sentence = f"CookieDesk hit a bug; the details are in {buglog.log_file()}\n"
    assert capsys.readouterr().err == sentence
    text = log_text()
    # the traceback is there: every exception of the chain, and the frames down to the bug
    assert "ValueError: " + buglog.WITHHELD in text
    assert "sqlite3.OperationalError: " + buglog.WITHHELD in text
    assert "KeyError: " + buglog.WITHHELD in text
    assert "in buggy_fetch" in text and "in read_store" in text
    assert SECRET not in text


def test_an_uncaught_exception_in_any_thread_is_logged_and_reported() -> None:
    told: list[str] = []
    uninstall = buglog.install_excepthook(told.append)
    try:
        try:
            raise ValueError(SECRET)
        except ValueError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)

        def worker() -> None:
            raise LookupError(SECRET)

        thread = threading.Thread(target=worker, name="reader")
        thread.start()
        thread.join()
    finally:
        uninstall()
    assert told == [buglog.bug_sentence(buglog.log_file())] * 2
    text = log_text()
    assert "uncaught in thread reader" in text and "LookupError" in text
    assert SECRET not in text


def test_the_hooks_are_put_back() -> None:
    before = (sys.excepthook, threading.excepthook)
    buglog.install_excepthook(lambda sentence: None)()
    assert (sys.excepthook, threading.excepthook) == before


@pytest.mark.parametrize(("error", "sentence"), [
    (StoreError(Path("/profile/Cookies"), "the database is damaged or truncated"),
     "/profile/Cookies: the database is damaged or truncated"),
    (PermissionError(errno.EACCES, "Permission denied", "/profile/Cookies"),
     "/profile/Cookies: Permission denied"),
    (OSError(errno.ENOSPC, "No space left on device"), "No space left on device"),
])
def test_environment_errors_are_plain_sentences_and_not_logged(
        error: Exception, sentence: str, capsys: pytest.CaptureFixture[str]) -> None:
    def main() -> int:
        raise error

    assert run_guarded(main) == 1
    assert capsys.readouterr().err == f"cookiedesk: {sentence}\n"
    assert not buglog.log_file().exists()


def test_an_unknown_errno_is_a_bug(capsys: pytest.CaptureFixture[str]) -> None:
    def main() -> int:
        raise OSError(errno.EINVAL, "Invalid argument")

    assert run_guarded(main) == 1
    assert "CookieDesk hit a bug" in capsys.readouterr().err
    assert "OSError: [Errno 22] Invalid argument" in log_text()


def test_the_exit_code_of_a_clean_run_passes_through() -> None:
    assert run_guarded(lambda: 3) == 3
    with pytest.raises(KeyboardInterrupt):
        run_guarded(lambda: (_ for _ in ()).throw(KeyboardInterrupt()))


def test_messages_built_from_code_are_kept() -> None:
    try:
        None.missing  # type: ignore[attr-defined]  # noqa: B018  # the bug being logged
    except AttributeError as exc:
        buglog.log_bug(exc)
    assert "AttributeError: 'NoneType' object has no attribute 'missing'" in log_text()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
def test_the_log_is_private_and_rotates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buglog, "MAX_BYTES", 600)
    for _ in range(12):
        buglog.log_bug(RuntimeError(SECRET))
    folder = dirs.log_dir()
    files = sorted(p.name for p in folder.iterdir())
    assert files == ["cookiedesk.log", "cookiedesk.log.1", "cookiedesk.log.2",
                     "cookiedesk.log.3"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {stat.S_IMODE((folder / name).stat().st_mode) for name in files} == {0o600}
    assert SECRET not in log_text()


def test_an_unwritable_log_still_gives_a_sentence(monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    monkeypatch.setenv("COOKIEDESK_LOG_DIR", str(blocker / "log"))
    sentence = buglog.report(RuntimeError("x"))
    assert sentence.startswith("CookieDesk hit a bug, and its log could not be written to")


def test_the_command_line_turns_a_bug_into_one_sentence_and_exit_1(
        isolated_home: Path, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    # a broken catalogue file makes the classifier's loader raise inside `list`: a bug
    script = ("import sys\nfrom cookiedesk.classify import classifier\n"
              "def broken(*a, **k):\n    raise RuntimeError('secret-value-77 inside')\n"
              "classifier.Classifier.load = broken\n"
              "sys.argv = ['cookiedesk', '--demo', 'list']\n"
              "from cookiedesk.cli import run\nrun()\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True,
                          text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(root)))
    assert done.returncode == 1
    assert done.stderr.startswith("CookieDesk hit a bug; the details are in ")
    assert "Traceback" not in done.stderr and "secret-value-77" not in done.stderr
    logged = "".join(p.read_text() for p in Path(done.stderr.split(" in ", 1)[1].strip()
                                                  .rstrip(".")).parent.glob("*.log*"))
    assert "RuntimeError" in logged and "secret-value-77" not in logged
