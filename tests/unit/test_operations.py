"""The operations layer: the filters every front end offers, and the one summary wording."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from cookiedesk.classify.classifier import Classifier
from cookiedesk.operations import deleting, restoring
from cookiedesk.operations.selection import Selection, read
from cookiedesk.stores.discovery import discover
from tests.helpers.stores import TestCookie, chromium_and_firefox

SECRET = "secret-value-0p5"


def home_with_cookies(home: Path) -> Path:
    return chromium_and_firefox(home, [
        TestCookie(".komp3.net", "member", value=SECRET),
        TestCookie(".doubleclick.net", "IDE", value=SECRET),
        TestCookie(".example.org", "_ga", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ], [
        TestCookie(".komp3.net", "member", value=SECRET),
        TestCookie("www.wikipedia.org", "lang", value=SECRET),
    ])


def chosen(home: Path, selection: Selection) -> list[tuple[str, str, str]]:
    classify = Classifier.load().verdict
    _, cookies = read(discover("linux", home, {}), selection, classify)
    return sorted((c.browser, c.host, c.name) for c in cookies)


def test_categories_select_together_and_narrow_by_browser_profile_host(
        isolated_home: Path) -> None:
    home = home_with_cookies(isolated_home)
    assert chosen(home, Selection(sites=("komp3.net",), ads=True)) == [
        ("Chromium", ".doubleclick.net", "IDE"), ("Chromium", ".komp3.net", "member"),
        ("Firefox", ".komp3.net", "member")]
    assert chosen(home, Selection(trackers=True)) == [("Chromium", ".example.org", "_ga")]
    assert chosen(home, Selection(browser="firefox", other=True)) == [
        ("Firefox", "www.wikipedia.org", "lang")]
    assert chosen(home, Selection(profile="me", host="komp3")) == [  # by display name
        ("Chromium", ".komp3.net", "member")]
    assert chosen(home, Selection(profile="x.default", host="komp3")) == [  # by folder name
        ("Firefox", ".komp3.net", "member")]
    assert len(chosen(home, Selection())) == 6
    assert not Selection(browser="firefox").names_anything  # nothing to delete said
    assert Selection(host="komp3").names_anything


def test_one_wording_for_a_deletion_and_its_undo(isolated_home: Path, tmp_path: Path) -> None:
    home = home_with_cookies(isolated_home)
    found = discover("linux", home, {})
    result, cookies = read(found, Selection(sites=("komp3.net",)), Classifier.load().verdict)
    stores = [s.store for s in result.stores]
    prepared = deleting.prepare(cookies, stores, tmp_path / "data")
    assert prepared.refused == [] and prepared.plan.total == 2
    assert prepared.lines()[0].startswith("Chromium — Me: 1 cookie (")  # singular: issue 14
    summary = deleting.delete(prepared, tmp_path / "data", tmp_path / "config")
    lines = summary.lines()
    assert lines[:3] == ["Chromium — Me: deleted 1, already gone 0, failed 0",
                         "Firefox — default: deleted 1, already gone 0, failed 0",
                         "Deleted 2 cookies in total."]
    backup_id = summary.result.backup_id
    assert lines[3] == f"Backup {backup_id}; undo with: cookiedesk restore {backup_id}"
    assert lines[4] == f"Confirmation code: {summary.result.code}"
    assert not any(SECRET in line for line in lines)
    backup = restoring.choose(tmp_path / "data", None)
    assert restoring.question(backup).endswith(f"(backup {backup_id})?")
    undone = restoring.restore(backup, found.stores, tmp_path / "data", tmp_path / "config")
    assert undone.lines() == ["Chromium — Me: restored 1, already there 0",
                              "Firefox — default: restored 1, already there 0",
                              f"Restored 2 cookies from backup {backup_id}."]
    again = deleting.prepare(cookies, stores, tmp_path / "data")
    assert again.plan.total == 2  # they are back, so they can be planned again


def test_demo_is_accepted_before_or_after_any_command(capsys: pytest.CaptureFixture[str]) -> None:
    from cookiedesk.cli import main

    for argv in (["--demo", "list", "--json"], ["list", "--demo", "--json"]):
        assert main(argv) == 0
        assert len(json.loads(capsys.readouterr().out)) == 29
    for argv in (["backups", "--demo"], ["report", "--demo"], ["keep", "show", "--demo"],
                 ["scan", "--demo"], ["lists", "show", "--demo"]):
        assert main(argv) == 0, argv
        assert "demo" not in capsys.readouterr().err


def test_the_command_alone_is_parsed_as_the_whole_parser_would() -> None:
    from cookiedesk.cli.main import run_guide
    from cookiedesk.cli.parser import COMMANDS, build_parser, command_in

    full = build_parser(run_guide)
    (commands,) = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    assert set(commands.choices) == set(COMMANDS)
    assert command_in(["--demo", "list", "--json"]) == "list"
    assert command_in(["--help"]) is None and command_in(["nonsense"]) is None
    for argv in (["list", "--json", "--site", "komp3.net", "--ads"], ["--demo", "restore", "X"],
                 ["keep", "add", "example.org"], ["lists", "show", "--demo"]):
        alone = build_parser(run_guide, command_in(argv))
        assert vars(alone.parse_args(argv)) == vars(full.parse_args(argv)), argv
