"""Never lose an undo: blocked and retried restores, a full disk, a second writer, a store held
by a program that is no browser, tampered backups, the demo's own folders, Ctrl-C outside writes.

Everything runs the real command line on real-schema stores in the test's own home; processes
that must hold something while the test acts say so on a pipe, and the test waits for that line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cookiedesk import dirs
from cookiedesk.safety import backup as backups
from tests.helpers.cli import run as run_cli
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile, read_rows

ROOT = Path(__file__).resolve().parents[2]
SECRET = "secret-value-5c1e"
CHROMIUM = ".config/chromium/Default/Cookies"
FIREFOX = ".mozilla/firefox/x.default/cookies.sqlite"


@pytest.fixture
def home(isolated_home: Path) -> Path:
    site = [TestCookie(".komp3.net", f"m{i}", value=SECRET + "x" * 200) for i in range(40)]
    other = [TestCookie("www.wikipedia.org", "lang", value=SECRET)]
    chromium_profile(isolated_home / ".config/chromium", "Default", "Me", 24, site + other)
    firefox_profile(isolated_home / ".mozilla/firefox", "x.default", "default", 17, site + other)
    return isolated_home


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()  # what the test's own set-up printed is not the command's
    return run_cli(capsys, *argv)


def rows(home: Path, relative: str) -> int:
    table = "cookies" if relative == CHROMIUM else "moz_cookies"
    return len(read_rows(home / relative, f"SELECT name FROM {table}"))


@contextmanager
def held(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another program (a Python process, no browser) holding the store's write lock."""
    script = ("import sqlite3, sys\n"
              "db = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
              "db.execute('BEGIN IMMEDIATE')\n"
              "print('locked', flush=True)\n"
              "sys.stdin.read()\n")
    process = subprocess.Popen([sys.executable, "-c", script, str(path)], text=True,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdout is not None and process.stdout.readline() == "locked\n"
    try:
        yield process
    finally:
        assert process.stdin is not None
        process.stdin.close()
        process.stdout.close()
        process.wait()


def only_backup() -> backups.Backup:
    found, problems = backups.list_backups(dirs.data_dir())
    assert not problems and len(found) == 1
    return found[0]


def test_a_restore_blocked_on_one_store_can_be_retried(home: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "delete", "--site", "komp3.net", "--yes")
    assert code == 0, err
    assert (rows(home, CHROMIUM), rows(home, FIREFOX)) == (1, 1)
    with held(home / FIREFOX) as holder:
        code, out, err = run(capsys, "restore", "--yes")
        assert code == 1
        assert "Chromium — Me: restored 40, already there 0\n" in out
        assert (f"Firefox — default: restored 0, already there 0 — another program, process "
                f"{holder.pid} (python") in out and "holds the store's write lock" in out
        assert "some stores are not back yet" in out
    backup = only_backup()
    assert backup.state != "restored" and backup.needs_restore
    assert [s.restore_state for s in backup.stores] == ["restored", "failed"]
    code, out, err = run(capsys, "restore", "--yes")  # no id: it finds the unfinished one
    assert code == 0, err
    assert "Firefox — default: restored 40, already there 0\n" in out
    assert "Chromium" not in out  # done already: not touched again
    assert (rows(home, CHROMIUM), rows(home, FIREFOX)) == (41, 41)
    assert only_backup().state == "restored"
    code, _, err = run(capsys, "restore", "--yes")
    assert code == 1 and "there is no deletion to undo" in err


def test_a_store_held_by_another_program_refuses_everything(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with held(home / FIREFOX) as holder:
        code, _, err = run(capsys, "delete", "--site", "komp3.net", "--yes")
    assert code == 3
    assert (f"refused, nothing changed: Firefox — default: another program, process "
            f"{holder.pid}") in err
    assert "Close Firefox" not in err  # it is not Firefox that holds it
    assert (rows(home, CHROMIUM), rows(home, FIREFOX)) == (41, 41)  # Chromium's kept too
    assert not backups.backups_root(dirs.data_dir()).exists()


def test_one_writer_at_a_time_across_processes(home: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    first = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.fault_point", "store:deleted", "1", "pause",
         "delete", "--site", "komp3.net", "--yes"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert first.stderr is not None and first.stdin is not None
    assert first.stderr.readline() == "checkpoint store:deleted#1 pause\n"
    code, _, err = run(capsys, "delete", "--site", "komp3.net", "--yes")
    assert code == 1
    assert (f"refused, nothing changed: another CookieDesk (process {first.pid}) is deleting "
            "or restoring cookies right now; wait until it has finished, then retry") in err
    code, _, err = run(capsys, "restore", "--yes")
    assert code == 1 and f"another CookieDesk (process {first.pid})" in err
    first.stdin.close()
    assert first.stdout is not None
    out, errors = first.stdout.read(), first.stderr.read()
    first.stdout.close()
    first.stderr.close()
    assert first.wait() == 0, errors
    assert "Deleted 80 cookies in total." in out


needs_root = pytest.mark.skipif(os.geteuid() != 0 or shutil.which("mount") is None,
                                reason="mounting a small tmpfs needs root")


@needs_root
def test_a_full_disk_during_the_second_snapshot_keeps_the_undo(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "small-disk"
    data.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(data)], check=True)
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT), COOKIEDESK_DATA_DIR=str(data))
        # the disk fills up exactly when the second store's transaction has begun
        done = subprocess.run(
            [sys.executable, "-m", "tests.helpers.fault_point", "store:begin", "2",
             f"fill:{data}", "delete", "--site", "komp3.net", "--yes"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert "Traceback" not in done.stderr
        assert done.returncode == 1, done.stderr
        assert "Chromium — Me: deleted 40, already gone 0, failed 0\n" in done.stdout
        assert ("Firefox — default: deleted 0, already gone 0, failed 40 — the disk could not "
                "be written (full, or a write error): nothing was deleted") in done.stdout
        assert "Confirmation code: " in done.stdout
        assert (rows(home, CHROMIUM), rows(home, FIREFOX)) == (1, 41)
        for filler in ("filler", "filler-small"):
            (data / filler).unlink()
        restored = subprocess.run([sys.executable, "-m", "cookiedesk", "restore", "--yes"],
                                  cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert restored.returncode == 0, restored.stderr
        assert "Chromium — Me: restored 40, already there 0" in restored.stdout
        assert (rows(home, CHROMIUM), rows(home, FIREFOX)) == (41, 41)
    finally:
        subprocess.run(["umount", str(data)], check=True)


def tamper(change: dict[str, object], store: int = 0) -> None:
    backup = only_backup()
    path = backup.folder / "manifest.json"
    data = json.loads(path.read_text())
    if store < 0:
        data.update(change)
    else:
        data["stores"][store].update(change)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(("change", "sentence"), [
    ({"deleted": "many"}, "store 1's `deleted` is not a count"),
    ({"file": "../../outside.sqlite"}, "store 1's snapshot name is not a plain file name"),
    ({"keys": [{"rowid": "1"}]}, "store 1 has a malformed cookie key"),
    ({"format": "netscape"}, "store 1's `format` is not a store format"),
    ({"columns": "all"}, "store 1's `columns` is not a list of names"),
])
def test_a_damaged_manifest_is_named_and_changes_nothing(
        home: Path, capsys: pytest.CaptureFixture[str], change: dict[str, object],
        sentence: str) -> None:
    assert run(capsys, "delete", "--site", "komp3.net", "--yes")[0] == 0
    backup_id = only_backup().id
    tamper(change)
    before = ((home / CHROMIUM).read_bytes(), (home / FIREFOX).read_bytes())
    code, _, err = run(capsys, "restore", "--yes", backup_id)
    assert code == 1
    assert f"cookiedesk: backup {backup_id} is damaged: {sentence}" in err
    assert ((home / CHROMIUM).read_bytes(), (home / FIREFOX).read_bytes()) == before
    code, out, err = run(capsys, "backups")
    assert code == 0 and f"backup {backup_id} is damaged: {sentence}" in err
    code, out, err = run(capsys, "report")
    assert code == 0 and "Chromium — Me" in out


def test_a_manifest_pointing_elsewhere_restores_nothing_there(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "delete", "--site", "komp3.net", "--yes")[0] == 0
    # another SQLite file of the same layout, outside every browser folder
    decoy = tmp_path / "elsewhere" / "Cookies"
    decoy.parent.mkdir()
    shutil.copy(home / CHROMIUM, decoy)
    tamper({"path": str(decoy)})
    code, out, _ = run(capsys, "restore", "--yes")
    assert code == 1
    assert ("Chromium — Me: restored 0, already there 0 — not restored: this store is not "
            f"among the browsers' stores found now ({decoy})") in out
    assert len(read_rows(decoy, "SELECT name FROM cookies")) == 1  # nothing inserted there
    assert not (tmp_path / "outside.sqlite").exists()


def test_a_snapshot_linked_from_outside_the_backup_is_refused(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "delete", "--site", "komp3.net", "--yes")[0] == 0
    backup = only_backup()
    outside = tmp_path / "planted.sqlite"
    shutil.copy(backup.folder / backup.stores[0].file, outside)
    (backup.folder / backup.stores[0].file).unlink()
    (backup.folder / backup.stores[0].file).symlink_to(outside)
    code, out, _ = run(capsys, "restore", "--yes")
    assert code == 1
    assert "not restored: its snapshot is not a plain file inside the backup's folder" in out
    assert rows(home, CHROMIUM) == 1


def test_restoring_into_a_removed_store_never_creates_it(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "delete", "--site", "komp3.net", "--yes")[0] == 0
    (home / FIREFOX).unlink()
    code, out, _ = run(capsys, "restore", "--yes")
    assert code == 1
    assert "Firefox — default: restored 0, already there 0 — not restored: this store is " \
           "not among the browsers' stores found now" in out
    assert not (home / FIREFOX).exists()
    assert run(capsys, "list")[0] == 0  # no empty "Cookies" file left to trip the listing


def test_the_demo_keeps_its_backups_to_itself(home: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--demo", "delete", "--site", "komp3.net", "--yes")
    assert code == 0 and "Confirmation code: " in out, err
    assert not backups.backups_root(dirs.data_dir()).exists()
    code, _, err = run(capsys, "restore", "--yes")
    assert code == 1 and "there is no deletion to undo" in err
    code, out, _ = run(capsys, "report")
    assert code == 0 and "No deletions yet." in out  # the user's report knows no demo deletion


def test_ctrl_c_outside_a_write_exits_130_quietly(home: Path) -> None:
    for command in (["list"], ["scan"], ["delete", "--site", "komp3.net", "--yes"]):
        done = subprocess.run(
            [sys.executable, "-m", "tests.helpers.fault_point", "scan:store", "1", "int",
             *command], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
            capture_output=True, text=True, timeout=300)
        assert done.returncode == 130, done.stderr
        assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr
        assert done.stderr.endswith("cookiedesk: interrupted\n")
    assert (rows(home, CHROMIUM), rows(home, FIREFOX)) == (41, 41)



def test_restore_by_id_puts_back_a_killed_deletion_whose_counts_were_never_written(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    killed = subprocess.run(
        [sys.executable, "-m", "tests.helpers.fault_point", "store:committed", "2", "kill",
         "delete", "--site", "komp3.net", "--yes"],
        cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True,
        timeout=300)
    assert killed.returncode == -9
    assert (rows(home, CHROMIUM), rows(home, FIREFOX)) == (1, 1)  # both committed
    backup = only_backup()
    assert backup.state == "pending" and backup.stores[1].deleted == 0  # never recorded
    code, out, _ = run(capsys, "backups")
    assert "interrupted" in out
    code, out, err = run(capsys, "restore", "--yes", backup.id)
    assert code == 0, err
    assert "Chromium — Me: restored 40, already there 0\n" in out
    assert "Firefox — default: restored 40, already there 0\n" in out
    assert (rows(home, CHROMIUM), rows(home, FIREFOX)) == (41, 41)
    assert only_backup().state == "restored"
