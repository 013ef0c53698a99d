"""Safari's binarycookies parser on files built byte by byte from the format, and fuzzed."""

from __future__ import annotations

import contextlib
import struct
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cookiedesk.model import Store, StoreFormat
from cookiedesk.stores import safari
from cookiedesk.stores.errors import StoreError
from tests.helpers.stores import SafariTestCookie, safari_file

JAR = [
    [SafariTestCookie(".komp3.net", "member", value="31337", flags=safari.FLAG_SECURE
                      | safari.FLAG_HTTPONLY),
     SafariTestCookie("www.example.org", "pref", path="/news", value="dark")],
    [SafariTestCookie(".doubleclick.net", "IDE", value="AHWqTU")],
]


def store_at(path: Path) -> Store:
    return Store(id="sf", browser="Safari", profile="Default", path=path,
                 format=StoreFormat.SAFARI, profile_dir=path.parent, root=path.parent)


def test_parses_pages_records_flags_and_times() -> None:
    jar = safari.parse(safari_file(JAR))
    assert jar.checksum_ok is True
    assert [(r.domain, r.name, r.path, r.page) for r in jar.records] == [
        (".komp3.net", "member", "/", 0), ("www.example.org", "pref", "/news", 0),
        (".doubleclick.net", "IDE", "/", 1)]
    assert jar.records[0].value_size == len("31337")


def test_store_read_gives_cookies_without_values(tmp_path: Path) -> None:
    path = tmp_path / "Cookies.binarycookies"
    path.write_bytes(safari_file(JAR))
    contents = safari.read(store_at(path))
    member = contents.cookies[0]
    assert (member.secure, member.httponly) == (True, True)
    # 900,000,000 s after 2001-01-01T00:00:00Z
    assert member.expires == datetime(2029, 7, 9, 16, 0, tzinfo=UTC)
    assert member.size == len("member") + len("31337")
    assert contents.warnings == []


def test_a_file_without_trailer_still_reads() -> None:
    jar = safari.parse(safari_file(JAR, with_trailer=False))
    assert jar.checksum_ok is None and len(jar.records) == 3


def test_a_wrong_checksum_is_a_warning(tmp_path: Path) -> None:
    data = bytearray(safari_file(JAR))
    pages_end = len(data) - 4 - 8 - len(data.split(b"bplist00", 1)[1]) - len(b"bplist00")
    data[pages_end] ^= 0xFF
    path = tmp_path / "Cookies.binarycookies"
    path.write_bytes(bytes(data))
    contents = safari.read(store_at(path))
    assert len(contents.cookies) == 3
    assert contents.warnings == ["the file's checksum does not match its pages; shown read-only"]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "the file does not start with 'cook'"),
    (b"SQLite format 3\x00", "the file does not start with 'cook'"),
    (b"cook\x00\x00", "the file ends inside the page count"),
    (b"cook\xff\xff\xff\xff", "the page table is longer than the file"),
    (b"cook\x00\x00\x00\x01\x00\x00\x10\x00",
     r"the file \(12 bytes\) is too short for the 1 page its page table lists"),
    (b"cook\x00\x00\x00\x01\x00\x00\x10\x00" + b"\x00" * 8,
     "page 0 runs past the end of the file"),
    (b"cook\x00\x00\x00\x01\x00\x00\x00\x08" + b"\x00\x00\x02\x00" + b"\x00" * 4,
     "page 0 does not start with the page marker"),
    (b"cook\x00\x00\x00\x01\x00\x00\x00\x0c" + b"\x00\x00\x01\x00" + struct.pack("<I", 99)
     + b"\x00" * 4, "page 0 claims more cookies than it can hold"),
])
def test_malformed_files_raise_one_clear_error(data: bytes, reason: str) -> None:
    with pytest.raises(safari.BinaryCookiesError, match=reason):
        safari.parse(data)


def test_store_read_turns_format_errors_into_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "Cookies.binarycookies"
    path.write_bytes(b"not cookies at all")
    with pytest.raises(StoreError, match="not a readable Safari cookie file"):
        safari.read(store_at(path))


@settings(max_examples=400, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_fuzz_random_bytes_never_crash(data: bytes) -> None:
    with contextlib.suppress(safari.BinaryCookiesError):
        safari.parse(b"cook" + data)


@settings(max_examples=600, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_fuzz_mutated_real_files_never_crash(data: st.DataObject) -> None:
    original = bytearray(safari_file(JAR))
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(original) - 1))
        original[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(original)))
    try:
        jar = safari.parse(bytes(original[:cut]))
    except safari.BinaryCookiesError:
        return
    assert all(isinstance(r.domain, str) for r in jar.records)
