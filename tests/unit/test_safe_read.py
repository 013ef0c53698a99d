"""safe_read: regular files only, never opened otherwise, never more than the cap."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cookiedesk import safe_read
from cookiedesk.escape import printable
from tests.helpers.hostile import nested_json, sparse_file, watched_pipe


def test_a_pipe_is_refused_without_being_opened(tmp_path: Path) -> None:
    with watched_pipe(tmp_path / "Local State") as pipe:
        with pytest.raises(safe_read.NotRegularFile) as refused:
            safe_read.read_bytes(pipe.path, safe_read.MAX_PROFILE_FILE_BYTES)
        assert pipe.opened == 0
    assert refused.value.reason == "`Local State` is not a regular file but a named pipe (FIFO)"


def test_a_symlink_to_a_device_is_refused_and_to_a_file_is_read(tmp_path: Path) -> None:
    (tmp_path / "device").symlink_to("/dev/null")
    with pytest.raises(safe_read.NotRegularFile, match="but a character device"):
        safe_read.read_bytes(tmp_path / "device", 10)
    (tmp_path / "real").write_bytes(b"abc")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert safe_read.read_bytes(tmp_path / "link", 10) == b"abc"
    assert safe_read.refusal(tmp_path / "link") is None
    assert safe_read.refusal(tmp_path / "absent") is None
    assert safe_read.refusal(tmp_path / "device") == (
        "`device` is not a regular file but a character device")


def test_the_cap_is_checked_before_reading(tmp_path: Path) -> None:
    big = sparse_file(tmp_path / "profiles.ini", 17 * safe_read.MB)
    with pytest.raises(safe_read.TooLarge) as refused:
        safe_read.read_bytes(big, 16 * safe_read.MB)
    assert refused.value.reason == ("`profiles.ini` is larger than 16 MB (17 MB), far more than a "
                                    "real one holds")
    assert safe_read.read_bytes(big, 17 * safe_read.MB) == b"\0" * (17 * safe_read.MB)


def test_copy_refuses_devices_and_copies_files_privately(tmp_path: Path) -> None:
    (tmp_path / "wal").symlink_to("/dev/zero")
    with pytest.raises(safe_read.NotRegularFile):
        safe_read.copy_regular(tmp_path / "wal", tmp_path / "copy", 10)
    assert not (tmp_path / "copy").exists()
    (tmp_path / "db").write_bytes(b"x" * 100)
    assert safe_read.copy_regular(tmp_path / "db", tmp_path / "copy", 100) == 100
    assert (tmp_path / "copy").stat().st_mode & 0o777 == 0o600
    with pytest.raises(safe_read.TooLarge):
        safe_read.copy_regular(tmp_path / "db", tmp_path / "copy2", 99)


@pytest.mark.parametrize("depth", [1, 10, safe_read.MAX_JSON_DEPTH])
def test_json_up_to_the_depth_limit_parses(tmp_path: Path, depth: int) -> None:
    assert safe_read.loads_json(nested_json(depth), tmp_path / "x.json") is not None


@pytest.mark.parametrize("data", [
    nested_json(safe_read.MAX_JSON_DEPTH + 1),
    b"[" * 200_000 + b"]" * 200_000,
    b"[" * 200_000,  # unterminated as well: refused for its depth, before the parser recurses
])
def test_deeper_json_is_refused_with_its_file_name(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(safe_read.TooLarge) as refused:
        safe_read.loads_json(data, tmp_path / "containers.json")
    assert refused.value.reason == (f"`containers.json` nests deeper than "
                                    f"{safe_read.MAX_JSON_DEPTH} levels, far more than a real "
                                    "one holds")


def test_brackets_and_escapes_inside_strings_do_not_count(tmp_path: Path) -> None:
    text = ('{"t": "' + "[" * 500 + '\\"[[[\\\\", "u": ["\\\\"], "v": "\\u005b{"}').encode()
    assert safe_read.loads_json(text, tmp_path / "s.json")["u"] == ["\\"]


def test_malformed_json_is_still_a_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Expecting"):
        safe_read.loads_json(b"[1, 2", tmp_path / "s.json")


def test_printable_escapes_undecodable_bytes_and_lone_surrogates() -> None:
    assert printable("Work") == "Work"
    assert printable(os.fsdecode(b"Pro\xfffile")) == "Pro\\xfffile"
    assert printable("a\ud800b") == "a\\ud800b"
    assert printable("😀") == "😀"
