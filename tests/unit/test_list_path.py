"""`cookiedesk list`'s start-up path (issue 13, speed): what it leaves unimported, and that
what it leaves out changes nothing it writes."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import platformdirs
import pytest

from cookiedesk import dirs
from cookiedesk.cli import main
from cookiedesk.cli.parser import terminal_width
from cookiedesk.model import Store, StoreFormat, StoreKind
from tests.helpers.stores import TestCookie, chromium_profile, firefox_profile

# Imported by `list` only when it needs them, never on its ordinary path.
FORUM_SEVEN = """name = "Forum Seven"
domains = ["forum7.example"]

[member_cookie]
quote = "We keep a member number in a cookie."
summary = "its member number"
names = ["f7_login"]
"""

LEFT_OUT = ("platformdirs", "tempfile", "typing", "shutil",
            *(("cookiedesk.stores.safari_profiles",) if sys.platform != "darwin" else ()))


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


# The objects `list --json` writes, key by key in this order: scripts read these names.
COOKIE_KEYS = ("browser", "profile", "store_id", "host", "name", "path", "partition",
               "container", "expires", "created", "last_access", "secure", "httponly",
               "samesite", "session", "size", "key", "verdict")


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_list_json_is_the_records_field_by_field(
        isolated_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The listing's bytes against JSON built here from the records one field at a time: a
    change of the records' form (field order, times, flags, nested key and verdict) shows."""
    chromium_profile(isolated_home / ".config/chromium", "Default", "Personal", 24, [
        TestCookie(".komp3.net", "member", httponly=True, secure=True, samesite=2),
        TestCookie("news.example.org", "pref", session=True),
        TestCookie(".doubleclick.net", "IDE", partition="https://komp3.net"),
        TestCookie("kept.example", "crème \\ \"q\"\t", path="/ünï")])
    firefox_profile(isolated_home / ".mozilla/firefox", "abc.default", "default", 17, [
        TestCookie(".criteo.com", "uid", samesite=1,
                   partition="^userContextId=2&partitionKey=%28https%2Ckomp3.net%29"),
        TestCookie(".forum7.example", "f7_login")])
    config = Path(os.environ["COOKIEDESK_CONFIG_DIR"])
    (config / "keep.txt").write_text("kept.example\n")
    (config / "sites").mkdir()
    (config / "sites/forum7.toml").write_text(FORUM_SEVEN)
    assert main(["list", "--json"]) == 0
    written = capsys.readouterr().out

    from cookiedesk.cli.reading import classifier
    from cookiedesk.operations.selection import Selection, read
    from cookiedesk.stores.discovery import discover

    _, cookies = read(discover(), Selection(None, None, None, (), False, False, False),
                      classifier(sys.stderr).verdict)
    expected: list[dict[str, object]] = []
    for c in cookies:
        verdict = c.verdict
        assert verdict is not None
        values = (c.browser, c.profile, c.store_id, c.host, c.name, c.path, c.partition,
                  c.container, _iso(c.expires), _iso(c.created), _iso(c.last_access),
                  c.secure, c.httponly, c.samesite, c.session, c.size,
                  {"store_id": c.key.store_id, "rowid": c.key.rowid,
                   "natural": list(c.key.natural)},
                  {"category": str(verdict.category), "company": verdict.company,
                   "reason": verdict.reason, "kept": verdict.kept, "source": verdict.source})
        expected.append(dict(zip(COOKIE_KEYS, values, strict=True)))
    assert written == json.dumps(expected, ensure_ascii=False, separators=(",", ":")) + "\n"
    shown = {(c.host, c.verdict.category, c.verdict.kept) for c in cookies if c.verdict}
    assert {(".forum7.example", "site", False), ("kept.example", "other", True),
            (".criteo.com", "ad", False), ("news.example.org", "other", False)} <= shown
    assert any(c["container"] == "Work" and c["partition"] for c in expected)
    assert any(c["expires"] is None and c["session"] for c in expected)
