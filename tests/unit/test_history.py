"""The deletion history (operations.history) and `cookiedesk backups`, which prints its rows:
every backup with its time, confirmation code, counts and state, damaged ones included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cookiedesk import dirs
from cookiedesk.operations import history
from cookiedesk.safety import backup as backups
from tests.helpers.cli import run as run_cli
from tests.helpers.stores import TestCookie, chromium_and_firefox

SECRET = "history-secret-41c2"


@pytest.fixture
def home(isolated_home: Path) -> Path:
    return chromium_and_firefox(isolated_home, [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ], [
        TestCookie(".komp3.net", "komp3_member", value=SECRET),
        TestCookie(".criteo.com", "uid", value=SECRET),
    ])


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    return run_cli(capsys, *argv)


def manifests() -> dict[str, dict[str, object]]:
    root = backups.backups_root(dirs.data_dir())
    return {f.name: json.loads((f / "manifest.json").read_text()) for f in root.iterdir()}


def test_two_deletions_are_two_rows_newest_first_with_their_codes_and_counts(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "delete", "--site", "komp3.net", "--yes")[0] == 0
    assert run(capsys, "delete", "--ads", "--yes")[0] == 0
    newer, older = history.history(dirs.data_dir())
    saved = manifests()
    for row in (newer, older):
        manifest = saved[row.id]
        assert (row.code, row.created) == (manifest["code"], manifest["created"])
        assert row.deleted == sum(s["deleted"] for s in manifest["stores"])  # type: ignore[attr-defined]
        assert row.state == history.RESTORABLE and row.restorable
    assert (older.deleted, newer.deleted) == (2, 2)
    assert older.stores == ("Chromium — Me", "Firefox — default")
    code, out, err = run(capsys, "backups")
    assert code == 0 and err == "" and SECRET not in out
    lines = out.splitlines()
    assert lines[0].split() == ["ID", "CREATED", "CODE", "STATE", "DELETED", "RESTORED",
                                "STORES"]
    assert lines[1].startswith(newer.id) and lines[2].startswith(older.id)
    for line, row in zip(lines[1:], (newer, older), strict=True):
        assert f" {row.code} " in line and "can be restored" in line


def test_restored_and_damaged_backups_say_so(home: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "delete", "--site", "komp3.net", "--yes")[0] == 0
    (first,) = history.history(dirs.data_dir())
    assert run(capsys, "restore", "--yes", first.id)[0] == 0
    (restored,) = history.history(dirs.data_dir())
    assert (restored.state, restored.restored, restored.restorable) == ("restored", 2, False)

    assert run(capsys, "delete", "--ads", "--yes")[0] == 0
    newest = history.history(dirs.data_dir())[0]
    manifest = backups.backups_root(dirs.data_dir()) / newest.id / "manifest.json"
    data = json.loads(manifest.read_text())
    data["stores"][0]["deleted"] = "many"
    manifest.write_text(json.dumps(data))
    damaged = history.history(dirs.data_dir())[0]
    assert (damaged.id, damaged.state, damaged.restorable) == (newest.id, "damaged", False)
    assert damaged.problem == f"backup {newest.id} is damaged: store 1's `deleted` is not a count"
    code, out, err = run(capsys, "backups")
    assert code == 0 and f"cookiedesk: note: {damaged.problem}" in err
    assert "damaged, cannot be restored" in out


def test_a_missing_snapshot_is_damaged_not_restorable(home: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "delete", "--site", "komp3.net", "--yes")[0] == 0
    (row,) = history.history(dirs.data_dir())
    folder = backups.backups_root(dirs.data_dir()) / row.id
    snapshot = backups.load(folder).stores[0].file
    (folder / snapshot).unlink()
    (row,) = history.history(dirs.data_dir())
    assert row.state == "damaged" and not row.restorable
    assert row.problem == (f"backup {row.id} is damaged: Chromium — Me: its snapshot file is "
                           "missing from the backup")
