"""Every test runs with HOME, the XDG folders, the Windows profile folders and CookieDesk's own
folders pointed into its temporary folder: no test can see the real user's browsers or files."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

_ISOLATED_VARIABLES = {
    "HOME": "home",
    "XDG_CONFIG_HOME": "home/.config",
    "XDG_DATA_HOME": "home/.local/share",
    "XDG_CACHE_HOME": "home/.cache",
    "XDG_STATE_HOME": "home/.local/state",
    "APPDATA": "home/AppData/Roaming",
    "LOCALAPPDATA": "home/AppData/Local",
    "COOKIEDESK_CONFIG_DIR": "cookiedesk/config",
    "COOKIEDESK_DATA_DIR": "cookiedesk/data",
    "COOKIEDESK_LOG_DIR": "cookiedesk/log",
    "COOKIEDESK_CACHE_DIR": "cookiedesk/cache",
    "TMPDIR": "tmp",
}


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for variable, relative in _ISOLATED_VARIABLES.items():
        folder = tmp_path / relative
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    return tmp_path / "home"


@pytest.fixture
def fake_browser(tmp_path: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A live process whose name is a browser's: a copy of `sleep` called `chromium`, until the
    test ends (`sleep infinity`: no deadline a slow machine could reach)."""
    folder = tmp_path / "fake-bin"
    folder.mkdir()
    binary = folder / "chromium"
    shutil.copy(shutil.which("sleep") or "/bin/sleep", binary)
    process = subprocess.Popen([str(binary), "infinity"])
    yield process
    process.kill()
    process.wait()
