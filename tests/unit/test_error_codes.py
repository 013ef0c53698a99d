"""SQLite errors are told apart by their result code, never by their wording: a message that
merely sounds like damage is not damage, and a damaged file is damaged whatever SQLite says."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from cookiedesk.stores import snapshot
from cookiedesk.stores.errors import StoreError
from cookiedesk.stores.snapshot import fetch_rows, open_snapshot
from tests.helpers.stores import TestCookie, chromium_store


def coded(message: str, code: int | None) -> sqlite3.OperationalError:
    exc = sqlite3.OperationalError(message)
    if code is not None:
        exc.sqlite_errorcode = code  # what SQLite's errors carry
    return exc


def test_damage_is_recognised_by_code_not_by_wording() -> None:
    assert snapshot._describe(coded("some wording", sqlite3.SQLITE_CORRUPT)).startswith(
        "the database is damaged")
    extended_ioerr = sqlite3.SQLITE_IOERR | (1 << 8)  # SQLITE_IOERR_READ
    assert snapshot._describe(coded("x", extended_ioerr)).startswith("the database is damaged")
    assert snapshot._describe(coded("database disk image is malformed", sqlite3.SQLITE_ERROR)) \
        == "SQLite could not read it (database disk image is malformed)"


def test_an_error_of_pythons_own_is_not_quoted() -> None:
    # Python's undecodable-text error quotes the row's text: the reason names only its type.
    assert snapshot._describe(coded("Could not decode ... text 'private'", None)) == \
        "SQLite could not read it (OperationalError)"


def test_undecodable_rows_are_told_by_the_missing_code(tmp_path: Path) -> None:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE t(a)")
    db.execute("INSERT INTO t VALUES ('fine'), (CAST(X'ff61' AS TEXT))")
    rows, skipped = fetch_rows(db, "SELECT a FROM t")
    assert (rows, skipped) == ([("fine",)], 1)
    with pytest.raises(sqlite3.OperationalError) as raised:
        fetch_rows(db, "SELECT nothing FROM t")  # SQLite's own error, with a code: raised
    assert raised.value.sqlite_errorcode == sqlite3.SQLITE_ERROR


@pytest.fixture
def busy_direct_read(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Path]]:
    """The read-only open answers SQLITE_BUSY in words unlike SQLite's own."""
    copied: list[Path] = []
    real_copy = snapshot._read_private_copy

    def busy(path: Path) -> sqlite3.Connection:
        raise coded("the other program is at it", sqlite3.SQLITE_BUSY)

    def private_copy(path: Path) -> sqlite3.Connection:
        copied.append(path)
        return real_copy(path)

    monkeypatch.setattr(snapshot, "_read_direct", busy)
    monkeypatch.setattr(snapshot, "_read_private_copy", private_copy)
    yield copied


def test_a_busy_store_is_read_from_a_private_copy(tmp_path: Path,
                                                  busy_direct_read: list[Path]) -> None:
    path = chromium_store(tmp_path / "Cookies", 24, [TestCookie(".example.com", "n")])
    with open_snapshot(path) as db:
        assert db.execute("SELECT count(*) FROM cookies").fetchone() == (1,)
    assert busy_direct_read == [path]


def test_an_uncoded_error_on_open_is_not_taken_for_a_lock(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    path = chromium_store(tmp_path / "Cookies", 24, [TestCookie(".example.com", "n")])

    def fails(path: Path) -> sqlite3.Connection:
        raise coded("database is locked", sqlite3.SQLITE_ERROR)  # the words, not the code

    monkeypatch.setattr(snapshot, "_read_direct", fails)
    with pytest.raises(StoreError, match="SQLite could not read it"), open_snapshot(path):
        pass
