"""A second launch of the window raises the first instead of opening another: two real
processes under the offscreen platform. The first says on its stdout when its window is up
(the pipe, not a clock, says when); the second prints one sentence and exits 0; the first
reports that it came to the front. A killed window's stale socket does not block the next
launch, another config folder (a test's, the demo's user) has its own window, and the command
line is not affected."""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cookiedesk.ui.single_instance import ALREADY_OPEN, server_name

WAIT_S = 300  # an upper bound only, for a loaded machine


@pytest.fixture(params=["runtime folder", "abstract namespace"])
def environ(request: pytest.FixtureRequest, tmp_path: Path) -> dict[str, str]:
    """A socket file in a private runtime folder, or (no XDG_RUNTIME_DIR, on Linux) a name
    in the abstract namespace."""
    variables = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
                 "COOKIEDESK_REPORT_FIRST_SCAN": "1", "COOKIEDESK_REPORT_RAISE": "1"}
    variables.pop("XDG_RUNTIME_DIR", None)
    if request.param == "runtime folder":
        runtime = tmp_path / "run"
        runtime.mkdir(mode=0o700)
        variables["XDG_RUNTIME_DIR"] = str(runtime)
    return variables


def socket_files(environ: dict[str, str]) -> list[Path]:
    runtime = environ.get("XDG_RUNTIME_DIR")
    return list(Path(runtime).iterdir()) if runtime else []


def next_line(child: subprocess.Popen[str]) -> str:
    assert child.stdout is not None
    with selectors.DefaultSelector() as waiting:
        waiting.register(child.stdout, selectors.EVENT_READ)
        assert waiting.select(timeout=WAIT_S), "the window said nothing"
    return child.stdout.readline()


@contextmanager
def first_window(environ: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """The first window, its first scan done (so it listens: it listens before building)."""
    with subprocess.Popen([sys.executable, "-m", "cookiedesk", "--demo"], env=environ,
                          stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          text=True) as child:
        try:
            assert next_line(child).startswith("first scan: ")
            yield child
        finally:
            child.kill()
            child.wait()


def launch(environ: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cookiedesk", *argv], env=environ,
                          capture_output=True, text=True, timeout=WAIT_S, check=False)


def test_a_second_launch_raises_the_first_window(environ: dict[str, str]) -> None:
    with first_window(environ) as first:
        second = launch(environ)
        assert (second.returncode, second.stdout) == (0, ALREADY_OPEN + "\n"), second.stderr
        assert next_line(first) == "window brought to the front\n"
        third = launch(environ, "--demo")  # the demo is the same window, in front again
        assert (third.returncode, third.stdout) == (0, ALREADY_OPEN + "\n")
        assert next_line(first) == "window brought to the front\n"
        listed = launch(environ, "--demo", "list", "--json")  # the command line is not affected
        assert listed.returncode == 0 and listed.stdout.startswith("[")
        first.send_signal(signal.SIGTERM)
        assert first.wait(timeout=WAIT_S) == 128 + signal.SIGTERM
    assert socket_files(environ) == []  # its socket file is gone


def test_a_killed_windows_socket_does_not_block_the_next(environ: dict[str, str]) -> None:
    with first_window(environ) as first:
        first.kill()
        first.wait()
    if "XDG_RUNTIME_DIR" in environ:
        assert socket_files(environ) != []  # left behind: stale
    fresh = launch({**environ, "COOKIEDESK_QUIT_WHEN_SHOWN": "1"}, "--demo")
    assert fresh.returncode == 0, fresh.stderr
    assert "window shown" in fresh.stdout and ALREADY_OPEN not in fresh.stdout


def test_another_config_folder_has_its_own_window(environ: dict[str, str],
                                                 tmp_path: Path) -> None:
    elsewhere = {**environ, "COOKIEDESK_CONFIG_DIR": str(tmp_path / "other-config"),
                 "COOKIEDESK_QUIT_WHEN_SHOWN": "1"}
    assert server_name(Path(elsewhere["COOKIEDESK_CONFIG_DIR"])) != server_name(
        Path(environ["COOKIEDESK_CONFIG_DIR"]))
    with first_window(environ):
        other = launch(elsewhere, "--demo")
        assert other.returncode == 0, other.stderr
        assert "window shown" in other.stdout and ALREADY_OPEN not in other.stdout


def test_the_name_is_per_user_and_config_folder(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    address = server_name(tmp_path / "config")
    assert address.name.startswith(f"{tmp_path}/cookiedesk-{os.getuid()}-")
    assert not address.abstract
    assert address == server_name(tmp_path / "config" / ".." / "config")
    assert address != server_name(tmp_path / "other")
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    bare = server_name(tmp_path / "config")
    assert bare.name == Path(address.name).name and bare.abstract == sys.platform.startswith(
        "linux")
