"""Before Qt starts: can its xcb plugin load and reach the display? And when it cannot, the
window's command prints one sentence and the text listing (exit 4) instead of Qt's abort."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cookiedesk import display_check
from cookiedesk.cli import main

ROOT = Path(__file__).resolve().parents[2]
FAKE_LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f01)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibfrobnicate.so.7 => not found
"""


def fake_ldd(folder: Path, output: str) -> Path:
    """An `ldd` that prints `output` whatever it is asked about."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ldd.txt").write_text(output, encoding="utf-8")
    ldd = folder / "ldd"
    ldd.write_text(f"#!/bin/sh\ncat '{folder / 'ldd.txt'}'\n", encoding="utf-8")
    ldd.chmod(0o755)
    return folder


def test_missing_libraries_are_read_from_ldd_output_once_each() -> None:
    assert display_check.missing_libraries(FAKE_LDD_OUTPUT) == [
        "libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libfrobnicate.so.7"]


def test_install_advice_names_debian_packages_and_the_unknown() -> None:
    assert display_check.install_advice(["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]) == (
        "install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    assert display_check.install_advice(["libfrobnicate.so.7"]) == (
        "find the package for libfrobnicate.so.7 with your distribution's package search")


def test_the_python_and_shell_tables_agree() -> None:
    script = (ROOT / "scripts/check-qt-libs.sh").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\s+(\S+\.so\.\d+)\)\s+package=(\S+) ;;$", script, re.MULTILINE))
    assert table == display_check.DEBIAN_PACKAGES


@pytest.mark.parametrize(("environ", "platform", "expected"), [
    ({"DISPLAY": ":0"}, "linux", True),
    ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb:nomitshm"}, "linux", True),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "linux",
     False),  # Qt tries its wayland plugin first
    ({"DISPLAY": ":0"}, "darwin", False),
])
def test_the_checks_apply_only_where_qt_uses_xcb(environ: dict[str, str], platform: str,
                                                 expected: bool) -> None:
    assert display_check.uses_xcb(environ, platform) is expected


def test_a_plugin_that_cannot_load_is_named_with_every_missing_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plugin = tmp_path / "PySide6/Qt/plugins/platforms/libqxcb.so"
    plugin.parent.mkdir(parents=True)
    plugin.write_bytes(b"not an ELF file: dlopen fails on it")
    monkeypatch.setattr(display_check, "xcb_plugin", lambda: plugin)
    fake = fake_ldd(tmp_path / "bin", FAKE_LDD_OUTPUT)
    monkeypatch.setenv("PATH", f"{fake}:{os.environ['PATH']}")
    problem = display_check.window_problem({"DISPLAY": ":0"})
    assert problem == (
        "Qt's display plugin cannot load (missing: libxcb-icccm.so.4, libxcb-keysyms.so.1, "
        "libfrobnicate.so.7); install them with: sudo apt-get install libxcb-icccm4 "
        "libxcb-keysyms1; find the package for libfrobnicate.so.7 with your distribution's "
        "package search")


def test_a_display_that_does_not_exist_is_a_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(display_check, "xcb_plugin", lambda: None)  # only the connection
    assert display_check.window_problem({"DISPLAY": ":9871"}) == (
        "Qt cannot connect to the X display ':9871' (is DISPLAY right, is X running?)")
    assert display_check.window_problem({"QT_QPA_PLATFORM": "xcb"}) == (
        "no X display is set (DISPLAY is empty)")


def test_the_bare_command_falls_back_to_the_listing_in_process(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.setattr(display_check, "window_problem", lambda: "a reason")
    assert main([]) == 4
    out, err = capsys.readouterr()
    assert err == ("CookieDesk cannot open its window: a reason — showing the text listing "
                   "instead.\n")
    # no browser in the test's home: the listing shows the demo, as the window would
    assert "showing the built-in demo profile" in out
    assert out.count("komp3_member") == 2 and "CATEGORY" in out


def test_guide_says_why_it_cannot_open(capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(display_check, "window_problem", lambda: "a reason")
    assert main(["guide"]) == 4
    assert capsys.readouterr().err == (
        "cookiedesk: the guided cleanup cannot open its window: a reason\n")


def test_an_unreachable_display_gives_a_sentence_and_the_listing_not_an_abort(
    tmp_path: Path,
) -> None:
    """What Qt alone does here: "could not connect to display", then SIGABRT (exit 134)."""
    environ = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": ":9871"}
    done = subprocess.run([sys.executable, "-m", "cookiedesk", "--demo"], env=environ,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 4, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr  # one sentence, nothing from Qt
    assert lines[0].startswith("CookieDesk cannot open its window: ")
    assert lines[0].endswith(" — showing the text listing instead.")
    # the libraries are checked first: on a computer that lacks them, they are the reason
    assert "cannot connect to the X display ':9871'" in lines[0] or "missing:" in lines[0]
    assert done.stdout.startswith("BROWSER  ") and done.stdout.count("komp3_member") == 2
    assert "Aborted" not in done.stderr and "core dumped" not in done.stderr
