"""Kill a real deletion (SIGKILL) at random moments: every store is whole, before or after.

After each kill: SQLite's integrity check passes once the store is opened the way the browser
opens it (replaying or rolling back its journal); the store holds either every cookie or all
but the deleted ones, never something between; and any snapshot the manifest names opens and
holds the store as it was. The suite runs a few; the `slow` test runs 200, as CI does.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers.stores import TestCookie, chromium_store, firefox_store

TOTAL, DELETED = 3000, 1000
ROOT = Path(__file__).resolve().parents[2]


def templates(folder: Path) -> dict[str, Path]:
    cookies = [TestCookie(f".site{i % 300}.example", f"cookie{i}", value=f"value-{i}-" + "x" * 40)
               for i in range(TOTAL)]
    return {
        "chromium": chromium_store(folder / "chromium" / "Cookies", 24, cookies),
        "firefox": firefox_store(folder / "firefox" / "cookies.sqlite", 17, cookies),
    }


def count_rows(path: Path, table: str) -> int:
    db = sqlite3.connect(path)  # read-write, as the browser opens it: a hot journal is undone
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        db.close()


def kill_runs(tmp_path: Path, runs: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    source = templates(tmp_path / "templates")
    outcomes = {"before": 0, "after": 0}
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for run in range(runs):
        store_format = ("chromium", "firefox")[run % 2]
        table = "cookies" if store_format == "chromium" else "moz_cookies"
        work = tmp_path / f"run{run}"
        store = work / "store" / source[store_format].name
        store.parent.mkdir(parents=True)
        shutil.copy(source[store_format], store)
        data = work / "data"
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.fault_delete", str(store), store_format,
             str(data), str(work / "config"), str(DELETED)],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        # a whole run takes ~0.12 s (start-up ~0.08 s, then backup, delete, commit, verify):
        # the kills are spread over it and a little past its end
        time.sleep(rng.uniform(0.03, 0.16))
        process.send_signal(signal.SIGKILL)
        _, errors = process.communicate()
        assert process.returncode in (0, -signal.SIGKILL), errors.decode()
        rows = count_rows(store, table)
        assert rows in (TOTAL, TOTAL - DELETED), f"run {run}: {rows} rows"
        outcomes["before" if rows == TOTAL else "after"] += 1
        manifests = list(data.glob("backups/*/manifest.json"))
        if rows == TOTAL - DELETED:
            assert manifests, f"run {run}: deleted without a recorded backup"
        for manifest in manifests:
            for entry in json.loads(manifest.read_text())["stores"]:
                snapshot = manifest.parent / entry["file"]
                assert count_rows(snapshot, table) == TOTAL, f"run {run}: bad snapshot"
        shutil.rmtree(work)
    return outcomes


def test_killed_deletions_leave_whole_stores(tmp_path: Path) -> None:
    outcomes = kill_runs(tmp_path, 10, seed=1)
    assert sum(outcomes.values()) == 10


@pytest.mark.slow
def test_killed_deletions_leave_whole_stores_200_times(tmp_path: Path) -> None:
    outcomes = kill_runs(tmp_path, 200, seed=2026)
    print(f"200 kills: {outcomes}")
    # both ends must have been reached often, or the kills were not spread over the deletion
    assert outcomes["before"] >= 20 and outcomes["after"] >= 20, outcomes
