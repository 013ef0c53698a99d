"""The packaging files agree with the package: one version, one application id, valid files."""

from __future__ import annotations

import plistlib
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cookiedesk import __version__

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.cookiedesk.CookieDesk"


def test_every_packaging_file_carries_the_packages_version() -> None:
    metainfo = ET.parse(ROOT / f"packaging/linux/{APP_ID}.metainfo.xml").getroot()  # noqa: S314 - our own file
    assert metainfo.findtext("id") == APP_ID
    assert metainfo.find("releases/release").get("version") == __version__  # type: ignore[union-attr]
    with (ROOT / "packaging/macos/Info.plist").open("rb") as handle:
        plist = plistlib.load(handle)
    assert plist["CFBundleShortVersionString"] == plist["CFBundleVersion"] == __version__
    assert plist["CFBundleIdentifier"] == APP_ID
    inno = (ROOT / "packaging/windows/cookiedesk.iss").read_text()
    assert re.search(r'#define AppVersion "([^"]+)"', inno).group(1) == __version__  # type: ignore[union-attr]
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert re.search(r"^## (\S+)", changelog, re.MULTILINE).group(1) == __version__  # type: ignore[union-attr]


def test_the_desktop_file_names_the_icon_and_command_the_bundle_ships() -> None:
    desktop = (ROOT / f"packaging/linux/{APP_ID}.desktop").read_text()
    assert f"Icon={APP_ID}\n" in desktop and "Exec=cookiedesk\n" in desktop
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        assert (ROOT / f"resources/icons/cookiedesk-{size}.png").is_file()


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None
                    or shutil.which("appstreamcli") is None,
                    reason="needs Debian's desktop-file-utils and appstream (CI installs them)")
def test_the_linux_metadata_validates() -> None:
    subprocess.run(["desktop-file-validate", str(ROOT / f"packaging/linux/{APP_ID}.desktop")],
                   check=True)
    subprocess.run(["appstreamcli", "validate", "--no-net",
                    str(ROOT / f"packaging/linux/{APP_ID}.metainfo.xml")],
                   check=True, capture_output=True)
