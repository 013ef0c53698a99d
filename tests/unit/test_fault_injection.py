"""Stop a real `cookiedesk delete` (and `restore`) at every named point, then undo: every store
comes back exactly as it was.

Each run lays out a home with a Chromium and a Firefox profile, runs the real command line in a
child process (tests/helpers/fault_point.py) and stops it at one checkpoint of the deletion or
of a later restore: SIGKILL, Ctrl-C (SIGINT), SIGTERM, or a SIGKILL after K SQLite steps in
the middle of the DELETE or the INSERTs. The points are reached by what the process has done,
never by the clock, so a busy machine changes nothing. Then `cookiedesk restore --yes` (no id:
it must find the interrupted deletion itself), and each store must hold exactly its original
rows (every column but Firefox's row id, which restore may renumber), pass SQLite's integrity
check, and an interrupted command must have said what it did, with no traceback.

The suite runs a sample; the `slow` test runs all 200 (every point, both store layouts).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import pytest

from cookiedesk.cli import main
from cookiedesk.safety import backup as backups
from cookiedesk.safety import checkpoints
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile

ROOT = Path(__file__).resolve().parents[2]
SITE, OTHER = 300, 600  # KOmp3.net cookies (deleted) and others (kept) per store

DELETE_POINTS = ("store:begin", "store:snapshot", "store:intent", "store:deleted",
                 "store:committed", "store:recorded")
DELETE_ONCE = ("scan:store", "delete:start", "delete:final", "delete:done")
RESTORE_POINTS = ("restore:begin", "restore:inserted", "restore:committed", "restore:recorded")
RESTORE_ONCE = ("restore:start", "restore:final")
STEPS = (1, 10, 40, 150, 400, 1500, 4000)


class Case(NamedTuple):
    command: str  # "delete" or "restore": which command is stopped
    point: str
    occurrence: int
    action: str
    wal: bool  # Firefox's store with its recent writes still in the -wal file

    def __str__(self) -> str:
        return f"{self.command} {self.point}#{self.occurrence} {self.action}" + (
            " wal" if self.wal else "")


def all_cases() -> list[Case]:
    distinct: list[tuple[str, str, int, str]] = []
    for point in DELETE_POINTS:
        distinct += [("delete", point, n, a) for n in (1, 2) for a in ("kill", "int", "term")]
    distinct += [("delete", p, 1, a) for p in DELETE_ONCE for a in ("kill", "int", "term")]
    distinct += [("delete", "store:deleting", n, f"steps:{k}") for n in (1, 2) for k in STEPS]
    for point in RESTORE_POINTS:
        distinct += [("restore", point, n, a) for n in (1, 2) for a in ("kill", "int", "term")]
    distinct += [("restore", p, 1, a) for p in RESTORE_ONCE for a in ("kill", "int", "term")]
    distinct += [("restore", "restore:inserting", n, f"steps:{k}") for n in (1, 2)
                 for k in STEPS[:4]]
    return [Case(*c, wal=wal) for wal in (False, True) for c in distinct]


def test_the_slow_run_has_200_cases_over_every_point() -> None:
    cases = all_cases()
    assert len(cases) == 200
    assert {c.point for c in cases} == set(checkpoints.POINTS)
    assert len(set(cases)) == 200


def build_home(folder: Path, wal: bool) -> Path:
    home = folder / "home"
    cookies = [TestCookie(".komp3.net", f"member{i}", value=f"v{i}-" + "x" * 30)
               for i in range(SITE)]
    cookies += [TestCookie(f".site{i % 150}.example", f"c{i}", value=f"w{i}")
                for i in range(OTHER)]
    chromium_profile(home / ".config/chromium", "Default", "Me", 24, cookies)
    store = firefox_profile(home / ".mozilla/firefox", "x.default", "default", 17, cookies[:1])
    # the rest written as Firefox does: later writes sit in the -wal until a checkpoint
    db = sqlite3.connect(store)
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.executemany("INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, "
                   "lastAccessed, creationTime, isSecure, isHttpOnly, sameSite) "
                   "VALUES ('', ?, ?, ?, '/', 1900000000000, 1, 1, 0, 0, 0)",
                   [(c.name, c.value, c.host) for c in cookies[1:]])
    db.commit()
    if not wal:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return home


STORES = {"chromium": (".config/chromium/Default/Cookies", "cookies", None),
          "firefox": (".mozilla/firefox/x.default/cookies.sqlite", "moz_cookies", "id")}


def contents(home: Path) -> dict[str, Counter[tuple[object, ...]]]:
    """Every row of each store (all columns but a renumbered row id), opened as the browser
    opens it (read-write: a hot journal is rolled back first), after an integrity check."""
    found = {}
    for name, (relative, table, row_id) in STORES.items():
        db = sqlite3.connect(home / relative)
        try:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",), name
            columns = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != row_id]
            found[name] = Counter(db.execute(f"SELECT {', '.join(columns)} FROM {table}"))
        finally:
            db.close()
    return found


def environment(work: Path, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOKIEDESK_", "XDG_"))}
    env.update(HOME=str(home), PYTHONPATH=str(ROOT), TMPDIR=str(work / "tmp"),
               COOKIEDESK_DATA_DIR=str(work / "data"), COOKIEDESK_CONFIG_DIR=str(work / "config"),
               # the compiled classification index is rebuilt from the shipped data alone: one
               # copy serves every run (compiling it costs ~0.3 s a run)
               COOKIEDESK_CACHE_DIR=str(work.parent / "cache"),
               COOKIEDESK_LOG_DIR=str(work / "log"))
    (work / "tmp").mkdir(exist_ok=True)
    return env


def stopped(case: Case, work: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    argv = (["delete", "--site", "komp3.net", "--yes"] if case.command == "delete"
            else ["restore", "--yes"])
    # the timeout only keeps a broken build from hanging CI; nothing waits on it
    return subprocess.run([sys.executable, "-m", "tests.helpers.fault_point", case.point,
                           str(case.occurrence), case.action, *argv],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def restore_in_process(env: dict[str, str], monkeypatch: pytest.MonkeyPatch,
                       capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with monkeypatch.context() as patch:
        for key in ("HOME", "TMPDIR", "COOKIEDESK_DATA_DIR", "COOKIEDESK_CONFIG_DIR",
                    "COOKIEDESK_CACHE_DIR", "COOKIEDESK_LOG_DIR"):
            patch.setenv(key, env[key])
        for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME"):
            patch.delenv(key, raising=False)
        capsys.readouterr()
        code = main(["restore", "--yes"])
        out, err = capsys.readouterr()
    return code, out, err


def run_case(case: Case, folder: Path, template: Path, original: dict[str, Counter[tuple[
        object, ...]]], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> str:
    """One run; returns how it ended, e.g. "killed, changed, restored"."""
    work = folder / "run"
    shutil.rmtree(work, ignore_errors=True)
    home = work / "home"
    shutil.copytree(template, home, symlinks=True)
    env = environment(work, home)
    if case.command == "restore":  # a finished deletion, then a restore that is stopped
        done = subprocess.run([sys.executable, "-m", "cookiedesk", "delete", "--site",
                               "komp3.net", "--yes"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    process = stopped(case, work, env)
    label = f"{case}: exit {process.returncode}\n{process.stdout}\n{process.stderr}"
    assert f"checkpoint {case.point}#{case.occurrence} {case.action}" in process.stderr, label
    assert "Traceback" not in process.stderr + process.stdout, label
    changed = contents(home) != original
    if case.action in ("int", "term"):
        assert process.returncode == 130, label
        if changed and case.command == "delete":  # what happened, and how to undo it
            assert "Confirmation code: " in process.stdout and "Backup " in process.stdout, label
    else:
        assert process.returncode == -9, label
    code, out, err = restore_in_process(env, monkeypatch, capsys)
    after = f"{label}\nrestore: exit {code}\n{out}\n{err}"
    if code != 0:  # only when there was truly nothing to undo
        assert not changed and "there is no deletion to undo" in err, after
    assert contents(home) == original, after
    for folder in (work / "data" / "backups").glob("*"):
        # a folder or snapshot that a kill left unfinished is tidied away by the restore
        backup = backups.load(folder)
        assert backup.state == "restored", after
        assert {p.name for p in folder.iterdir()} <= {"manifest.json",
                                                      *(s.file for s in backup.stores)}, after
    kind = {"kill": "killed", "int": "ctrl-c", "term": "sigterm"}.get(case.action, "killed mid-SQL")
    return f"{case.command} {kind}, {'changed' if changed else 'unchanged'}, restored"


def kill_runs(cases: list[Case], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              capsys: pytest.CaptureFixture[str]) -> Counter[str]:
    templates = {wal: build_home(tmp_path / f"template-{wal}", wal) for wal in (False, True)}
    originals = {wal: contents(home) for wal, home in templates.items()}
    ended: Counter[str] = Counter()
    for case in cases:
        ended[run_case(case, tmp_path, templates[case.wal], originals[case.wal], monkeypatch,
                       capsys)] += 1
    return ended


def test_stopped_deletions_and_restores_are_undone(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    sample = all_cases()[5::17]  # 12 of the 200, both commands, several actions and points
    assert {c.command for c in sample} == {"delete", "restore"}
    ended = kill_runs(sample, tmp_path, monkeypatch, capsys)
    assert sum(ended.values()) == len(sample)


@pytest.mark.slow
def test_200_stopped_deletions_and_restores_are_undone(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    ended = kill_runs(all_cases(), tmp_path, monkeypatch, capsys)
    with capsys.disabled():
        print(f"\n200 stopped runs: {dict(sorted(ended.items()))}")
    # the points are spread over the whole deletion: both ends were reached, by every action
    for kind in ("killed", "killed mid-SQL", "ctrl-c", "sigterm"):
        assert ended[f"delete {kind}, changed, restored"] >= 4, ended
        assert ended[f"delete {kind}, unchanged, restored"] >= 4, ended
    assert sum(ended.values()) == 200
