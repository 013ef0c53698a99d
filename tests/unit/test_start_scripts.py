"""scripts/start.sh and its helpers, run for real with `sh` against fake commands on PATH: the
X-library check (check-qt-libs.sh) and the install-only-when-needed stamp (ensure-venv.sh)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOT_FOUND = ("\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f01)\n"
             "\tlibxcb-keysyms.so.1 => not found\n"
             "\tlibxcb-icccm.so.4 => not found\n"
             "\tlibxcb-icccm.so.4 => not found\n")


def command(folder: Path, name: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    script.chmod(0o755)


@pytest.fixture
def fake_bin(tmp_path: Path) -> Path:
    """Fakes for ldd, id and apt-get; each records how it was called."""
    folder = tmp_path / "fake-bin"
    (tmp_path / "ldd.txt").write_text(NOT_FOUND, encoding="utf-8")
    command(folder, "ldd", f"echo \"$@\" >> '{tmp_path}/ldd.calls'; cat '{tmp_path}/ldd.txt'")
    command(folder, "id", 'echo "${FAKE_UID:-1000}"')
    command(folder, "apt-get", f"echo \"$@\" >> '{tmp_path}/apt.calls'")
    return folder


def run_sh(script: Path, *args: str, path: Path, cwd: Path | None = None,
           **environ: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{path}:{os.environ['PATH']}", **environ}
    return subprocess.run(["sh", str(script), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=300, check=False)


def test_a_user_is_told_which_packages_to_install(fake_bin: Path, tmp_path: Path) -> None:
    done = run_sh(ROOT / "scripts/check-qt-libs.sh", "libqxcb.so", "libQt6XcbQpa.so.6",
                  path=fake_bin)
    assert done.returncode == 0  # never fatal: the command line works without these
    assert done.stdout == ""
    assert done.stderr == (
        "CookieDesk needs these Debian packages for its window: libxcb-icccm4 libxcb-keysyms1. "
        "Install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1\n")
    assert (tmp_path / "ldd.calls").read_text() == "libqxcb.so libQt6XcbQpa.so.6\n"
    assert not (tmp_path / "apt.calls").exists()


def test_root_installs_them_with_apt_get(fake_bin: Path, tmp_path: Path) -> None:
    done = run_sh(ROOT / "scripts/check-qt-libs.sh", "libqxcb.so", path=fake_bin, FAKE_UID="0")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Installing the X libraries Qt needs: libxcb-icccm4 libxcb-keysyms1\n"
    calls = (tmp_path / "apt.calls").read_text().splitlines()
    assert calls[0].endswith("update -qq")
    assert calls[1].endswith("install -y -qq libxcb-icccm4 libxcb-keysyms1")
    assert "DPkg::Lock::Timeout=" in calls[1]  # waits for another apt instead of failing


def test_a_failed_apt_get_falls_back_to_the_advice(fake_bin: Path, tmp_path: Path) -> None:
    command(fake_bin, "apt-get", "exit 100")
    done = run_sh(ROOT / "scripts/check-qt-libs.sh", "libqxcb.so", path=fake_bin, FAKE_UID="0")
    assert done.returncode == 0
    assert "Install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in done.stderr


def test_nothing_missing_prints_nothing(fake_bin: Path, tmp_path: Path) -> None:
    (tmp_path / "ldd.txt").write_text(NOT_FOUND.splitlines()[0] + "\n", encoding="utf-8")
    done = run_sh(ROOT / "scripts/check-qt-libs.sh", "libqxcb.so", path=fake_bin, FAKE_UID="0")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")


def test_a_library_without_a_known_package_is_named(fake_bin: Path, tmp_path: Path) -> None:
    (tmp_path / "ldd.txt").write_text("\tlibfrobnicate.so.7 => not found\n", encoding="utf-8")
    done = run_sh(ROOT / "scripts/check-qt-libs.sh", "libqxcb.so", path=fake_bin)
    assert done.stderr == ("CookieDesk's window also needs libfrobnicate.so.7, which this "
                           "script cannot name a package for: find it with your "
                           "distribution's package search.\n")


# ------------------------------------------------------------------- start.sh and the stamp

@pytest.fixture
def checkout(tmp_path: Path, fake_bin: Path) -> Path:
    """A copy of the scripts and pyproject.toml, and a `python3` that fakes venv and pip: it
    makes .venv/bin/python (itself), a .venv/bin/cookiedesk that echoes its arguments, and a
    PySide6 xcb plugin, and logs every call."""
    root = tmp_path / "checkout"
    shutil.copytree(ROOT / "scripts", root / "scripts")
    shutil.copy(ROOT / "pyproject.toml", root)
    log = tmp_path / "python.calls"
    command(fake_bin, "python3", f"""echo "$*" >> '{log}'
if [ "$1 $2" = "-m venv" ]; then
    mkdir -p "$3/bin" "$3/lib/python3.11/site-packages/PySide6/Qt/plugins/platforms"
    cp "$0" "$3/bin/python"
    printf '#!/bin/sh\\necho "cookiedesk $*"\\n' > "$3/bin/cookiedesk"
    chmod +x "$3/bin/cookiedesk"
    touch "$3/lib/python3.11/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so"
fi
if [ "$1 $2" = "-m pip" ] && [ -n "${{FAKE_PIP_FAILS:-}}" ]; then exit 1; fi
exit 0""")
    return root


def pip_calls(tmp_path: Path) -> list[str]:
    log = tmp_path / "python.calls"
    return [c for c in log.read_text().splitlines() if "pip install" in c] if log.exists() else []


def test_start_installs_once_then_starts_without_pip(checkout: Path, fake_bin: Path,
                                                    tmp_path: Path) -> None:
    start = checkout / "scripts/start.sh"
    first = run_sh(start, "--version", path=fake_bin, PYTHON="python3")
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("Installing CookieDesk into .venv (first run, about a minute)")
    assert first.stdout.endswith("cookiedesk --version\n")
    assert pip_calls(tmp_path)[-1].endswith("-m pip install --editable .")
    assert "--quiet" not in pip_calls(tmp_path)[-1]  # the first install shows its progress

    (tmp_path / "python.calls").unlink()
    again = run_sh(start, "--version", path=fake_bin, FAKE_PIP_FAILS="1")  # as if offline
    assert (again.returncode, again.stdout, again.stderr) == (0, "cookiedesk --version\n", "")
    assert pip_calls(tmp_path) == []

    with (checkout / "pyproject.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n# a new dependency, say\n")
    changed = run_sh(start, "list", path=fake_bin)
    assert changed.stdout.startswith("Installing CookieDesk into .venv again")
    assert len(pip_calls(tmp_path)) == 2  # pip itself, then CookieDesk


def test_offline_with_a_changed_project_starts_what_is_installed(
    checkout: Path, fake_bin: Path, tmp_path: Path
) -> None:
    start = checkout / "scripts/start.sh"
    assert run_sh(start, "--version", path=fake_bin).returncode == 0
    with (checkout / "pyproject.toml").open("a", encoding="utf-8") as toml:
        toml.write("\n# changed\n")
    offline = run_sh(start, "--version", path=fake_bin, FAKE_PIP_FAILS="1")
    assert offline.returncode == 0
    assert offline.stdout.endswith("cookiedesk --version\n")
    assert "Could not update .venv (offline?)" in offline.stderr


def test_test_sh_installs_the_dev_extras_and_marks_both(checkout: Path, fake_bin: Path,
                                                       tmp_path: Path) -> None:
    done = run_sh(checkout / "scripts/ensure-venv.sh", "dev", path=fake_bin)
    assert done.returncode == 0, done.stderr
    assert pip_calls(tmp_path)[-1].endswith("-m pip install --editable .[dev]")
    stamps = {p.name for p in (checkout / ".venv").glob(".cookiedesk-installed*")}
    assert stamps == {".cookiedesk-installed", ".cookiedesk-installed-dev"}
    (tmp_path / "python.calls").unlink()
    assert run_sh(checkout / "scripts/start.sh", path=fake_bin).returncode == 0
    assert pip_calls(tmp_path) == []  # the dev install serves start.sh too


@pytest.mark.parametrize(("args", "environ", "checked"), [
    ((), {"DISPLAY": ":0"}, True),
    (("--demo",), {"DISPLAY": ":0"}, True),
    (("list",), {"DISPLAY": ":0"}, False),
    (("--version",), {"DISPLAY": ":0"}, False),
    ((), {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, False),
    ((), {"DISPLAY": "", "WAYLAND_DISPLAY": ""}, False),
])
def test_start_checks_the_x_libraries_only_for_the_window(
    checkout: Path, fake_bin: Path, tmp_path: Path, args: tuple[str, ...],
    environ: dict[str, str],
    checked: bool,
) -> None:
    done = run_sh(checkout / "scripts/start.sh", *args, path=fake_bin,
                  **{"QT_QPA_PLATFORM": "", **environ})  # type: ignore[arg-type]  # no "cwd" key
    assert done.returncode == 0
    assert done.stdout.splitlines()[-1].split() == ["cookiedesk", *args]
    advice = "CookieDesk needs these Debian packages for its window: libxcb-icccm4"
    assert (advice in done.stderr) is checked
