"""The Qt-free truth behind every count (issue 14): which chosen cookies a deletion removes,
which stay (Firefox's session file, the keep-list) and the words for them, singular or plural."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from cookiedesk.fates import Fate, session_store_ids
from cookiedesk.model import StoreKind
from cookiedesk.operations import counting
from cookiedesk.operations.listing import groups
from cookiedesk.safety import delete as safe_delete
from cookiedesk.stores.discovery import discover
from cookiedesk.stores.scan import scan
from cookiedesk.wording import plural
from tests.helpers.cli import run
from tests.helpers.session_files import session_cookie, write_session_file
from tests.helpers.stores import TestCookie, firefox_profile


def test_plural() -> None:
    assert plural(1, "cookie") == "1 cookie"
    assert plural(0, "cookie") == "0 cookies"
    assert plural(2, "cookie") == "2 cookies"
    assert plural(1, "ad company") == "1 ad company"
    assert plural(3, "ad company") == "3 ad companies"
    assert plural(2, "entry") == "2 entries"


@pytest.fixture
def profile(isolated_home: Path) -> Path:
    firefox_profile(isolated_home / ".mozilla/firefox", "s.default", "default", 17,
                    [TestCookie(".criteo.com", "uid"), TestCookie(".adnxs.com", "uuid2")])
    write_session_file(isolated_home / ".mozilla/firefox/s.default",
                       session_cookie(".criteo.com", "sess", "v"),
                       session_cookie(".adnxs.com", "anj", "v"))
    return isolated_home


def test_the_counts_are_the_plan_that_deletes(profile: Path) -> None:
    result = scan(discover("linux", profile, {}))
    stores = [s.store for s in result.stores]
    assert {s.kind for s in stores} == {StoreKind.COOKIES, StoreKind.SESSION}
    cookies = list(result.cookies())
    session_stores = session_store_ids(stores)
    counts = counting.count(cookies, session_stores)
    plan = safe_delete.plan(cookies, stores)
    assert counts == counting.of_plan(plan) == counting.Counts(2, 2, 0)
    assert {c.name for c in counting.split(cookies, session_stores)[Fate.SESSION_ONLY]} == {
        "sess", "anj"}
    assert counting.will_be_deleted(counts).startswith(
        "2 cookies will be deleted; 2 are Firefox session cookies, cleared when Firefox quits. "
        "Firefox keeps session cookies in its session file")
    assert counting.short(counts) == "2 · 2 cleared when Firefox quits"


def test_the_sentences_in_the_singular() -> None:
    one = counting.Counts(1, 1, 1)
    assert counting.will_be_deleted(one).startswith(
        "1 cookie will be deleted; 1 is a Firefox session cookie, cleared when Firefox quits; "
        "1 is on your keep-list and stays.")
    assert counting.session_file_note(1).startswith(
        "Not deleted: 1 Firefox session cookie, cleared when Firefox quits.")
    assert counting.short(counting.Counts(3)) == "3"


def test_summary_lines_say_one_cookie(profile: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "delete", "--host", "adnxs", "--yes")
    assert code == 0
    assert "Deleted 1 cookie in total." in out
    assert "Not deleted: 1 Firefox session cookie" in out
    code, out, _ = run(capsys, "report")
    assert "1 ad company," in out and "1 ad companies" not in out
    code, out, _ = run(capsys, "restore", "--yes")
    assert code == 0 and "Restored 1 cookie from backup" in out


def test_the_list_folds_identical_lines_and_names_partitions_and_containers(
    profile: Path
) -> None:
    result = scan(discover("linux", profile, {}))
    (cookie,) = [c for c in result.cookies() if c.name == "uid"]
    partitioned = replace(cookie, partition="https://komp3.net")
    contained = replace(cookie, container="Work")
    unnamed = replace(cookie, container="Container 6")
    (group,) = groups([contained, cookie, partitioned, cookie, unnamed])
    assert group.label == "Firefox — default: 5 cookies" and group.total == 5
    assert [(line.text, line.times) for line in group.lines] == [
        (".criteo.com — uid", 2), (".criteo.com — uid · Container 6", 1),
        (".criteo.com — uid · Work container", 1), (".criteo.com — uid · in komp3.net", 1)]

