"""Deleting from and restoring to Safari's Cookies.binarycookies, the safe way.

The file is rewritten whole: records are kept byte for byte, pages re-packed, the checksum
recomputed, the trailer kept as it was; the new file must parse back to exactly the expected
records before it replaces the old one (written to a temporary file in the same folder,
fsynced, renamed over the original, folder fsynced). Safari must not be running (checked by the
caller). The original file is kept in the backup folder first.
"""

from __future__ import annotations

from pathlib import Path

from cookiedesk.atomic import write_atomically
from cookiedesk.model import CookieKey, Store
from cookiedesk.safety import backup as backups
from cookiedesk.safety.outcomes import RestoreOutcome, StoreOutcome
from cookiedesk.stores import safari


def _read(path: Path) -> tuple[bytes, safari.ParsedJar]:
    data = path.read_bytes()
    jar = safari.parse(data)
    if jar.checksum_ok is False:
        raise safari.BinaryCookiesError("its checksum does not match its pages, so CookieDesk "
                                        "does not rewrite it")
    return data, jar


def _natural(record: safari.SafariRecord) -> tuple[str, str, str]:
    return (record.domain, record.name, record.path)


def _replace_atomically(path: Path, data: bytes) -> None:
    write_atomically(path, data, mode=path.stat().st_mode & 0o777)  # keep Safari's file mode


def delete_from_safari(store: Store, keys: list[CookieKey], backup: backups.Backup,
                       entry: backups.BackupStore) -> StoreOutcome:
    outcome = StoreOutcome(store, len(keys))
    replacing = False
    try:
        data, jar = _read(store.path)
        wanted = {(k.rowid, tuple(k.natural)) for k in keys}
        doomed = {i for i, r in enumerate(jar.records) if (i, _natural(r)) in wanted}
        outcome.already_gone = len(keys) - len(doomed)
        snapshot = backup.folder / entry.file
        backups.private_file(snapshot)
        snapshot.write_bytes(data)
        backups.fsync_file(snapshot)
        entry.keys = [{"rowid": k.rowid, "natural": list(k.natural)} for k in keys
                      if k.rowid in doomed]
        entry.state = "planned"
        backups.write_manifest(backup)  # the intent is on disk before the file is replaced
        pages, index = [], 0
        for page in jar.raw:
            kept = []
            for raw in page:
                if index not in doomed:
                    kept.append(raw)
                index += 1
            if kept:
                pages.append(kept)
        rebuilt = safari.build(pages, jar.trailer)
        expected = [_natural(r) for i, r in enumerate(jar.records) if i not in doomed]
        if [_natural(r) for r in safari.parse(rebuilt).records] != expected:
            raise safari.BinaryCookiesError("the rewritten file did not read back as expected")
        replacing = True
        _replace_atomically(store.path, rebuilt)
        entry.state = "committed"
        after = [_natural(r) for r in safari.parse(store.path.read_bytes()).records]
        if after != expected:
            raise safari.BinaryCookiesError("the file read back differently after rewriting; "
                                            f"the original is in backup {backup.id}")
        outcome.deleted = len(doomed)
    except (OSError, safari.BinaryCookiesError, backups.BackupError) as exc:
        outcome.failed = len(keys) - outcome.already_gone
        if replacing and entry.state == "committed":
            outcome.error = f"Safari's cookie file was rewritten but reads back wrong: {exc}"
        else:
            outcome.error = f"Safari's cookie file was not changed: {exc}"
            if not replacing:
                entry.state = "unchanged"
    return outcome


def restore_to_safari(entry: backups.BackupStore, store: Store, folder: Path) -> RestoreOutcome:
    outcome = RestoreOutcome(store.label, len(entry.keys))
    found = backups.snapshot_file(entry, folder)
    if isinstance(found, str):
        outcome.error = f"not restored: {found}"
        return outcome
    try:
        _, original = _read(found)
        _, current = _read(store.path)
        present = {_natural(r) for r in current.records}
        wanted = {(int(k["rowid"]), tuple(k["natural"])) for k in entry.keys}
        flat = [raw for page in original.raw for raw in page]
        back = []
        for index, record in enumerate(original.records):
            if (index, _natural(record)) not in wanted:
                continue
            if _natural(record) in present:
                outcome.skipped += 1
            else:
                back.append(flat[index])
        if back:
            rebuilt = safari.build([*current.raw, back], current.trailer)
            safari.parse(rebuilt)
            _replace_atomically(store.path, rebuilt)
        outcome.restored = len(back)
    except (OSError, safari.BinaryCookiesError) as exc:
        outcome.error = f"not restored: {exc}"
    return outcome
