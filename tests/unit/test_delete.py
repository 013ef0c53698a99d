"""The safe deletion path and restore, on real-schema stores in a temporary HOME."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from cookiedesk.classify.catalogue import compile_index
from cookiedesk.classify.classifier import Classifier
from cookiedesk.model import Cookie, Store, StoreFormat
from cookiedesk.safety import backup as backups
from cookiedesk.safety import delete
from cookiedesk.safety.outcomes import Refusal
from cookiedesk.safety.restore import restore
from cookiedesk.stores import chromium, firefox, safari
from tests.helpers.stores import (
    SafariTestCookie,
    TestCookie,
    chromium_store,
    firefox_store,
    read_rows,
    safari_file,
)

SECRET = "secret-value-9d2e"
PARTITIONED = "^partitionKey=%28https%2Ckomp3.net%29"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def chromium_at(tmp_path: Path, version: int = 24, extra: list[TestCookie] | None = None) -> Store:
    root = tmp_path / "chromium"
    path = chromium_store(root / "Default" / "Cookies", version, [
        TestCookie(".komp3.net", "member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
        *(extra or []),
    ])
    return Store(id="chr", browser="Chromium", profile="Default", path=path,
                 format=StoreFormat.CHROMIUM, profile_dir=path.parent, root=root,
                 schema_version=version)


def firefox_at(tmp_path: Path, version: int = 17) -> Store:
    profile = tmp_path / "firefox" / "x.default"
    path = firefox_store(profile / "cookies.sqlite", version, [
        TestCookie(".komp3.net", "member", value=SECRET),
        TestCookie(".criteo.com", "uid", value=SECRET),
        TestCookie(".criteo.com", "uid", value=SECRET, partition=PARTITIONED),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ])
    return Store(id="ffx", browser="Firefox", profile="default", path=path,
                 format=StoreFormat.FIREFOX, profile_dir=profile, root=profile.parent,
                 schema_version=version)


def classifier(tmp_path: Path) -> Classifier:
    return Classifier(compile_index(tmp_path / "config"))


def read(store: Store, tmp_path: Path) -> list[Cookie]:
    reader = chromium.read if store.format is StoreFormat.CHROMIUM else firefox.read
    return reader(store, classifier(tmp_path).verdict).cookies


def names(store: Store, tmp_path: Path) -> list[tuple[str, str, str]]:
    return sorted((c.host, c.name, c.partition) for c in read(store, tmp_path))


def not_other(cookie: Cookie) -> bool:
    return cookie.verdict is not None and cookie.verdict.category != "other"


def delete_where(store: Store, tmp_path: Path, data_dir: Path,
                 wanted: Callable[[Cookie], bool]) -> delete.DeleteResult:
    chosen = [c for c in read(store, tmp_path) if wanted(c)]
    return delete.execute(delete.plan(chosen, [store]), data_dir)


@pytest.mark.parametrize("version", [18, 21, 24])
def test_chromium_delete_backs_up_deletes_and_verifies(tmp_path: Path, data_dir: Path,
                                                       version: int) -> None:
    store = chromium_at(tmp_path, version)
    result = delete_where(store, tmp_path, data_dir, not_other)
    assert result.ok and result.deleted == 2
    (outcome,) = result.outcomes
    assert (outcome.deleted, outcome.already_gone, outcome.failed) == (2, 0, 0)
    assert names(store, tmp_path) == [("www.wikipedia.org", "lang", "")]
    assert read_rows(store.path, "PRAGMA integrity_check") == [("ok",)]
    # the backup: private folder and file, a snapshot of the state before, a manifest
    folder = backups.backups_root(data_dir) / str(result.backup_id)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    snapshot = folder / "chr.chromium"
    assert stat.S_IMODE(snapshot.stat().st_mode) == 0o600
    assert len(read_rows(snapshot, "SELECT * FROM cookies")) == 3
    manifest = (folder / "manifest.json").read_text()
    assert SECRET not in manifest
    data = json.loads(manifest)
    assert data["state"] == "done" and data["stores"][0]["deleted"] == 2
    assert sorted(k["natural"][3] for k in data["stores"][0]["keys"]) == ["IDE", "member"]
    # nothing beside the browser's file but the file itself
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["Cookies"]


def test_firefox_partitioned_copies_are_deleted_apart(tmp_path: Path, data_dir: Path) -> None:
    store = firefox_at(tmp_path)
    result = delete_where(store, tmp_path, data_dir,
                          lambda c: c.name == "uid" and c.partition == "https://komp3.net")
    assert result.deleted == 1
    assert ((".criteo.com", "uid", "") in names(store, tmp_path)
            and (".criteo.com", "uid", "https://komp3.net") not in names(store, tmp_path))
    result = delete_where(store, tmp_path, data_dir, lambda c: c.name == "uid")
    assert result.deleted == 1
    assert names(store, tmp_path) == [(".komp3.net", "member", ""),
                                      ("www.wikipedia.org", "lang", "")]
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["cookies.sqlite"]


def test_unpartitioned_delete_leaves_the_partitioned_copy(tmp_path: Path, data_dir: Path) -> None:
    store = firefox_at(tmp_path)
    delete_where(store, tmp_path, data_dir, lambda c: c.name == "uid" and not c.partition)
    assert (".criteo.com", "uid", "https://komp3.net") in names(store, tmp_path)
    assert (".criteo.com", "uid", "") not in names(store, tmp_path)


def test_rows_changed_since_the_plan_are_not_touched(tmp_path: Path, data_dir: Path) -> None:
    store = chromium_at(tmp_path)
    cookies = read(store, tmp_path)
    deletion = delete.plan([c for c in cookies if c.name in ("member", "IDE")], [store])
    db = sqlite3.connect(store.path)
    db.execute("DELETE FROM cookies WHERE name = 'IDE'")  # gone since the plan
    member_rowid = db.execute("SELECT rowid FROM cookies WHERE name = 'member'").fetchone()[0]
    db.execute("DELETE FROM cookies WHERE name = 'member'")  # and its row id reused by another
    db.execute("INSERT INTO cookies (rowid, creation_utc, host_key, top_frame_site_key, name, "
               "value, encrypted_value, path, expires_utc, is_secure, is_httponly, "
               "last_access_utc, has_expires, is_persistent, priority, samesite, source_scheme, "
               "source_port, last_update_utc, source_type, has_cross_site_ancestor) VALUES "
               "(?, 1, '.other.example', '', 'newcomer', 'x', x'', '/', 0, 0, 0, 0, 0, 0, 1, "
               "-1, 1, 80, 0, 0, 0)", (member_rowid,))
    db.commit()
    db.close()
    result = delete.execute(deletion, data_dir)
    (outcome,) = result.outcomes
    assert (outcome.deleted, outcome.already_gone) == (0, 2)
    assert (".other.example", "newcomer", "") in names(store, tmp_path)
    assert result.backup_id is None  # nothing changed, nothing to undo
    assert not backups.backups_root(data_dir).exists() or not any(
        backups.backups_root(data_dir).iterdir())


def test_keep_listed_cookies_are_never_planned(tmp_path: Path) -> None:
    store = chromium_at(tmp_path)
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "keep.txt").write_text("komp3.net\n")
    cookies = read(store, tmp_path)
    deletion = delete.plan(cookies, [store])
    assert deletion.kept == 1 and deletion.total == 2


def test_a_running_browser_refuses_everything(tmp_path: Path, data_dir: Path,
                                              fake_browser: subprocess.Popen[bytes]) -> None:
    store = chromium_at(tmp_path)
    other = firefox_at(tmp_path)
    (store.root / "SingletonLock").symlink_to(f"{socket.gethostname()}-{fake_browser.pid}")
    before = (store.path.read_bytes(), other.path.read_bytes())
    chosen = read(store, tmp_path) + read(other, tmp_path)
    result = delete.execute(delete.plan(chosen, [store, other]), data_dir)
    assert result.refused == [f"Close Chromium (profile 'Default') and retry: process "
                              f"{fake_browser.pid} (chromium) holds the profile"]
    assert result.outcomes == [] and result.backup_id is None
    assert (store.path.read_bytes(), other.path.read_bytes()) == before
    assert not backups.backups_root(data_dir).exists()


def test_a_locked_store_fails_with_a_sentence_and_changes_nothing(tmp_path: Path,
                                                                  data_dir: Path) -> None:
    store = chromium_at(tmp_path)
    holder = sqlite3.connect(store.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is writing
    try:
        before = store.path.read_bytes()
        result = delete_where(store, tmp_path, data_dir, lambda c: True)
        # refused before anything began: no store is changed while one of them is held
        assert result.outcomes == [] and result.refusal is Refusal.STORE_LOCKED
        (refusal,) = result.refused
        assert refusal.startswith("Chromium — Default: another program holds the store's "
                                  "write lock")
        assert store.path.read_bytes() == before
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_restore_puts_back_and_leaves_cookies_set_since(tmp_path: Path, data_dir: Path) -> None:
    store = firefox_at(tmp_path)
    result = delete_where(store, tmp_path, data_dir, not_other)
    assert result.deleted == 3
    db = sqlite3.connect(store.path)  # the site sets its member cookie again meanwhile
    db.execute("INSERT INTO moz_cookies (name, value, host, path, expiry, originAttributes) "
               "VALUES ('member', 'fresh', '.komp3.net', '/', 1900000000000, '')")
    db.commit()
    db.close()
    restored = restore(backups.find(data_dir, None), [store], data_dir)
    (outcome,) = restored.outcomes
    assert (outcome.restored, outcome.skipped, outcome.error) == (2, 1, None)
    assert read_rows(store.path, "SELECT value FROM moz_cookies WHERE name = 'member'") == [
        ("fresh",)]
    assert len(read_rows(store.path, "SELECT * FROM moz_cookies")) == 4
    assert backups.load(backups.backups_root(data_dir) / restored.backup_id).state == "restored"
    again = restore(backups.load(backups.backups_root(data_dir) / restored.backup_id), [store],
                    data_dir)
    assert again.refused and "already restored" in again.refused[0]


def test_restore_refuses_a_store_whose_layout_changed(tmp_path: Path, data_dir: Path) -> None:
    store = chromium_at(tmp_path)
    result = delete_where(store, tmp_path, data_dir, lambda c: c.name == "member")
    db = sqlite3.connect(store.path)
    db.execute("ALTER TABLE cookies ADD COLUMN new_in_v25 INTEGER NOT NULL DEFAULT 0")
    db.commit()
    db.close()
    before = store.path.read_bytes()
    restored = restore(backups.find(data_dir, result.backup_id), [store], data_dir)
    (outcome,) = restored.outcomes
    assert outcome.restored == 0 and outcome.error is not None
    assert "changed the store's layout since the backup" in outcome.error
    assert store.path.read_bytes() == before


def test_a_corrupt_backup_is_refused_and_nothing_changes(tmp_path: Path, data_dir: Path) -> None:
    store = chromium_at(tmp_path)
    result = delete_where(store, tmp_path, data_dir, lambda c: c.name == "member")
    snapshot = backups.backups_root(data_dir) / str(result.backup_id) / "chr.chromium"
    snapshot.write_bytes(snapshot.read_bytes()[:2000] + b"\x00garbage" * 100)
    before = store.path.read_bytes()
    restored = restore(backups.find(data_dir, None), [store], data_dir)
    (outcome,) = restored.outcomes
    assert outcome.error is not None and outcome.error.startswith("not restored: its snapshot "
                                                                  "is damaged")
    assert store.path.read_bytes() == before


DISK_FULL = """
import resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail instead of killing
resource.setrlimit(resource.RLIMIT_FSIZE, (16384, 16384))
from cookiedesk.classify.catalogue import compile_index
from cookiedesk.classify.classifier import Classifier
from cookiedesk.model import Store, StoreFormat
from cookiedesk.safety import delete
from cookiedesk.stores import chromium
path = Path(sys.argv[1])
store = Store(id="big", browser="Chromium", profile="Default", path=path,
              format=StoreFormat.CHROMIUM, profile_dir=path.parent, root=path.parent.parent)
cookies = chromium.read(store, Classifier(compile_index(Path(sys.argv[3]))).verdict).cookies
result = delete.execute(delete.plan(cookies[:100], [store]), Path(sys.argv[2]))
print(result.outcomes[0].deleted, result.outcomes[0].error)
"""


def test_disk_full_during_backup_deletes_nothing(tmp_path: Path, data_dir: Path) -> None:
    store = chromium_at(tmp_path, extra=[TestCookie(f".s{i}.example", f"c{i}", value="v" * 200)
                                         for i in range(400)])
    assert store.path.stat().st_size > 16384
    before = store.path.read_bytes()
    done = subprocess.run([sys.executable, "-c", DISK_FULL, str(store.path), str(data_dir),
                           str(tmp_path / "config")],
                          capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.strip() == ("0 the disk could not be written (full, or a write error): "
                                   "nothing was deleted"), done.stderr
    assert store.path.read_bytes() == before


def test_a_read_only_store_fails_with_a_sentence(tmp_path: Path, data_dir: Path) -> None:
    store = chromium_at(tmp_path)
    store.path.chmod(0o444)
    store.path.parent.chmod(0o555)
    script = (
        "import sys; from pathlib import Path\n"
        "from cookiedesk.classify.catalogue import compile_index\n"
        "from cookiedesk.classify.classifier import Classifier\n"
        "from cookiedesk.model import Store, StoreFormat\n"
        "from cookiedesk.safety import delete\nfrom cookiedesk.stores import chromium\n"
        "p = Path(sys.argv[1]); s = Store(id='ro', browser='Chromium', profile='Default', "
        "path=p, format=StoreFormat.CHROMIUM, profile_dir=p.parent, root=p.parent.parent)\n"
        "c = chromium.read(s, Classifier(compile_index(Path(sys.argv[3]))).verdict).cookies\n"
        "r = delete.execute(delete.plan(c, [s]), Path(sys.argv[2]))\n"
        "print(r.outcomes[0].deleted, r.outcomes[0].error)\n")
    command = [sys.executable, "-c", script, str(store.path), str(data_dir),
               str(tmp_path / "config")]
    if os.geteuid() == 0:
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--", *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    finally:
        store.path.parent.chmod(0o755)
    assert done.stdout.strip() == ("0 the store cannot be written (read-only file or folder, "
                                   "or permission denied)"), done.stderr
    assert len(read_rows(store.path, "SELECT * FROM cookies")) == 3


def test_safari_delete_and_restore_rewrite_the_file(tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "Cookies.binarycookies"
    path.write_bytes(safari_file([
        [SafariTestCookie(".komp3.net", "member", value=SECRET),
         SafariTestCookie("www.example.org", "pref")],
        [SafariTestCookie(".doubleclick.net", "IDE", value=SECRET)],
    ]))
    store = Store(id="saf", browser="Safari", profile="Default", path=path,
                  format=StoreFormat.SAFARI, profile_dir=tmp_path, root=tmp_path)
    cookies = safari.read(store, classifier(tmp_path).verdict).cookies
    chosen = [c for c in cookies if c.verdict is not None and c.verdict.category != "other"]
    result = delete.execute(delete.plan(chosen, [store]), data_dir)
    assert result.ok and result.deleted == 2
    jar = safari.parse(path.read_bytes())
    assert jar.checksum_ok is True and [r.name for r in jar.records] == ["pref"]
    assert path.read_bytes().endswith(safari_file([[]])[-60:])  # the plist trailer kept
    restored = restore(backups.find(data_dir, None), [store], data_dir)
    assert restored.restored == 2
    jar = safari.parse(path.read_bytes())
    assert jar.checksum_ok is True
    assert sorted(r.name for r in jar.records) == ["IDE", "member", "pref"]


def test_old_backups_are_pruned(tmp_path: Path, data_dir: Path) -> None:
    root = backups.backups_root(data_dir)
    (root / "20200101T000000Z-aaaaaa").mkdir(parents=True)
    (root / "20261120T000000Z-bbbbbb").mkdir()
    (root / "not-a-backup").mkdir()
    now = 1_795_000_000  # 2026-11-18: the 2020 backup is years older, the other is newer
    removed = backups.prune(data_dir, 30, now=now)
    assert removed == ["20200101T000000Z-aaaaaa"]
    assert sorted(p.name for p in root.iterdir()) == ["20261120T000000Z-bbbbbb", "not-a-backup"]


def test_a_stop_request_is_honoured_between_stores_only(tmp_path: Path, data_dir: Path) -> None:
    first, second = chromium_at(tmp_path), firefox_at(tmp_path)
    chosen = read(first, tmp_path) + read(second, tmp_path)
    asked: list[int] = []

    def stop_after_first() -> bool:
        asked.append(1)
        return len(asked) > 1  # "no" before the first store, "yes" before the second

    result = delete.execute(delete.plan(chosen, [first, second]), data_dir,
                            should_stop=stop_after_first)
    done, stopped = result.outcomes
    assert (done.deleted, done.error) == (3, None)
    assert (stopped.deleted, stopped.error) == (0, "stopped before this store: not changed")
    assert len(read(second, tmp_path)) == 4 and not result.ok
