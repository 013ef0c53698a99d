"""`cookiedesk list`'s start-up path (issue 13, speed): what it leaves unimported, and that
what it leaves out changes nothing it writes."""

from __future__ import annotations

import copy
import shutil
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest

from cookiedesk import dirs
from cookiedesk.cli import main
from cookiedesk.cli.parser import terminal_width
from cookiedesk.model import Store, StoreFormat, StoreKind
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile

# Imported by `list` only when it needs them, never on its ordinary path.
LEFT_OUT = ("platformdirs", "tempfile", "typing", "shutil")


@pytest.fixture
def profiles(isolated_home: Path) -> Path:
    chromium_profile(isolated_home / ".config/chromium", "Default", "Personal", 24, [
        TestCookie(".komp3.net", "member", httponly=True),
        TestCookie("news.example.org", "pref", session=True)])
    firefox_profile(isolated_home / ".mozilla/firefox", "abc.default", "default", 17, [
        TestCookie(".doubleclick.net", "IDE")])
    return isolated_home


def imported_by_list() -> set[str]:
    """The modules of a `list --json` process, the classification index already cached (the
    first run compiles it: TOML and the open data, as once per installed version)."""
    probe = ("import sys; from cookiedesk.cli import main; main(['list', '--json']); "
             "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                              timeout=300, check=True)
    return set(done.stderr.split())


def test_list_leaves_out_what_it_does_not_use(profiles: Path) -> None:
    """The isolated home sets every COOKIEDESK_*_DIR, as tests and support sessions do: the
    folders come from them, so platformdirs (and the tempfile it imports) is never loaded."""
    imported = imported_by_list()
    assert "cookiedesk.cli.reading" in imported  # the probe really ran the listing
    assert sorted(m for m in LEFT_OUT if m in imported) == []


def test_folders_come_from_platformdirs_without_an_override(
        monkeypatch: pytest.MonkeyPatch) -> None:
    for kind in ("config", "data", "log", "cache"):
        monkeypatch.delenv(f"COOKIEDESK_{kind.upper()}_DIR")
    assert dirs.config_dir() == Path(platformdirs.user_config_dir(dirs.APP_NAME, appauthor=False))
    assert dirs.data_dir() == Path(platformdirs.user_data_dir(dirs.APP_NAME, appauthor=False))
    assert dirs.log_dir() == Path(platformdirs.user_log_dir(dirs.APP_NAME, appauthor=False))
    assert dirs.cache_dir() == Path(platformdirs.user_cache_dir(dirs.APP_NAME, appauthor=False))


def test_an_override_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("COOKIEDESK_CONFIG_DIR", str(tmp_path / "elsewhere"))
    assert dirs.config_dir() == tmp_path / "elsewhere"


def test_records_are_the_named_tuples_typing_makes(tmp_path: Path) -> None:
    """records.NamedTuple (what the listing's modules use, typing left unimported) makes the
    same kind of class as typing.NamedTuple: fields, defaults, methods, docstring, copying."""
    store = Store("s1", "Chromium", "Work", tmp_path / "Cookies", StoreFormat.CHROMIUM,
                  tmp_path, tmp_path)
    assert Store._fields[:3] == ("id", "browser", "profile")
    assert (store.variant, store.kind, store.schema_version) == ("", StoreKind.COOKIES, None)
    assert store._replace(variant="snap").label == "Chromium (snap) — Work"
    assert store._asdict()["id"] == "s1" and isinstance(store, tuple)
    assert Store.__doc__ == "One cookie database of one browser profile."
    assert Store.__module__ == "cookiedesk.model" and Store.__qualname__ == "Store"
    assert copy.deepcopy(store) == store


@pytest.mark.parametrize("columns", ["", "57", "240", "wide", "-3"])
def test_help_is_as_wide_as_shutil_says(monkeypatch: pytest.MonkeyPatch, columns: str) -> None:
    """The parser's formatter asks the width without shutil, and gets shutil's answer."""
    monkeypatch.setenv("COLUMNS", columns)
    assert terminal_width() == shutil.get_terminal_size().columns


def test_help_wraps_at_the_width(monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    assert main(["list", "--help"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert max(len(line) for line in lines) <= 50 - 2 and len(lines) > 10


@pytest.mark.parametrize(("argv", "collecting"), [
    (["list", "--json"], False), (["--demo", "scan"], False), (["backups"], True)])
def test_the_cycle_collector_rests_only_in_commands_that_exit_at_once(
        monkeypatch: pytest.MonkeyPatch, argv: list[str], collecting: bool) -> None:
    """`scan` and `list` end with os._exit once written; a collector pass over the growing
    heap of records was ~10% of a listing. Other commands keep it."""
    import gc

    cli_main = sys.modules["cookiedesk.cli.main"]
    seen: list[bool] = []

    def fake_main(given: list[str]) -> int:
        seen.append(gc.isenabled())
        return 0

    class Exited(Exception):
        pass

    def fake_exit(code: int) -> None:
        raise Exited

    monkeypatch.setattr(sys, "argv", ["cookiedesk", *argv])
    monkeypatch.setattr(cli_main, "main", fake_main)
    monkeypatch.setattr(cli_main.os, "_exit", fake_exit)
    try:
        with pytest.raises((Exited, SystemExit)):
            cli_main.run()
    finally:
        gc.enable()
    assert seen == [collecting]
