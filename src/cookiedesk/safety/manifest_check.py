"""A backup's manifest is untrusted input when it is read back: check every field.

Anyone who can write to the data folder can edit `manifest.json`, and a half-written or
hand-edited one must not crash `backups` or `report`, nor steer `restore` anywhere. So each
field is checked for its type (and the snapshot's name for being a plain file name in the
backup's own folder) before any of it is used; the first problem becomes one sentence.
"""

from __future__ import annotations

from typing import Any

from cookiedesk.model import StoreFormat

BACKUP_STATES = frozenset({"pending", "done", "restored"})
# planned: intent on disk, the store may or may not have changed (a crash before the record);
# committed: the deletion is in the store; unchanged: rolled back or never begun.
STORE_STATES = frozenset({"planned", "committed", "unchanged"})
RESTORE_STATES = frozenset({"", "restored", "failed"})


class ManifestProblem(ValueError):
    """The first thing wrong with a manifest, as words ("store 2's `deleted` is not a count")."""


def _is_count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def plain_file_name(name: object) -> bool:
    """A name inside the backup folder: no folders, no parent, no NUL, not hidden."""
    return (isinstance(name, str) and 0 < len(name) <= 255 and "/" not in name
            and "\\" not in name and "\x00" not in name and not name.startswith("."))


def _natural_ok(natural: object) -> bool:
    return isinstance(natural, list) and len(natural) <= 16 and all(
        value is None or (isinstance(value, str | int) and not isinstance(value, bool))
        for value in natural)


_TEXT_FIELDS = ("store_id", "browser", "profile", "path", "root", "profile_dir", "variant")
_COUNT_FIELDS = ("deleted", "already_gone", "failed", "restored", "restore_skipped")


def check_store(number: int, entry: object) -> dict[str, Any]:
    """The store entry as keyword arguments for BackupStore, or ManifestProblem."""
    where = f"store {number}"
    if not isinstance(entry, dict):
        raise ManifestProblem(f"{where} is not a record")
    for name in ("store_id", "browser", "profile", "path", "format", "file", "keys"):
        if name not in entry:
            raise ManifestProblem(f"{where} has no `{name}`")
    for name in _TEXT_FIELDS:
        if name in entry and not isinstance(entry[name], str):
            raise ManifestProblem(f"{where}'s `{name}` is not text")
    if entry["format"] not in {f.value for f in StoreFormat}:
        raise ManifestProblem(f"{where}'s `format` is not a store format")
    if not plain_file_name(entry["file"]):
        raise ManifestProblem(f"{where}'s snapshot name is not a plain file name")
    version = entry.get("schema_version")
    if version is not None and not _is_count(version):
        raise ManifestProblem(f"{where}'s `schema_version` is not a number")
    columns = entry.get("columns", [])
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise ManifestProblem(f"{where}'s `columns` is not a list of names")
    keys = entry["keys"]
    if not isinstance(keys, list):
        raise ManifestProblem(f"{where}'s `keys` is not a list")
    for key in keys:
        if not (isinstance(key, dict) and _is_count(key.get("rowid"))
                and _natural_ok(key.get("natural"))):
            raise ManifestProblem(f"{where} has a malformed cookie key")
    for name in _COUNT_FIELDS:
        if name in entry and not _is_count(entry[name]):
            raise ManifestProblem(f"{where}'s `{name}` is not a count")
    for name, allowed in (("state", STORE_STATES), ("restore_state", RESTORE_STATES)):
        if name in entry and entry[name] not in allowed:
            raise ManifestProblem(f"{where}'s `{name}` is not one CookieDesk writes")
    for name in ("error", "restore_error"):
        if entry.get(name) is not None and not isinstance(entry[name], str):
            raise ManifestProblem(f"{where}'s `{name}` is not text")
    known = {*_TEXT_FIELDS, *_COUNT_FIELDS, "format", "file", "keys", "columns",
             "schema_version", "state", "restore_state", "error", "restore_error"}
    return {name: value for name, value in entry.items() if name in known}


def check_backup(folder_name: str, data: object) -> dict[str, Any]:
    """The manifest's top level, checked; its `stores` are checked one by one by check_store."""
    if not isinstance(data, dict):
        raise ManifestProblem("the manifest is not a record")
    if data.get("id") != folder_name:
        raise ManifestProblem("its id does not match its folder")
    if not isinstance(data.get("created"), str):
        raise ManifestProblem("`created` is not text")
    if data.get("state") not in BACKUP_STATES:
        raise ManifestProblem("`state` is not one CookieDesk writes")
    for name in ("app_version", "restored", "code"):
        if data.get(name) is not None and not isinstance(data[name], str):
            raise ManifestProblem(f"`{name}` is not text")
    if not isinstance(data.get("stores"), list):
        raise ManifestProblem("`stores` is not a list")
    return data
